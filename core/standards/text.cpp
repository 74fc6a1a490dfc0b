#include "core/standards/text.h"

namespace pindex::standards::text {

namespace {

// Whether code point cp is whitespace for Python's str.isspace().
bool isSpaceCodePoint(std::uint32_t cp)
{
    if (cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F))
        return true;
    switch (cp) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000: return true;
    default: return cp >= 0x2000 && cp <= 0x200A;
    }
}

std::uint32_t byteAt(std::string_view text, std::size_t pos)
{
    return static_cast<unsigned char>(text[pos]);
}

// Decodes the code point starting at pos; returns its length (0 when malformed).
std::size_t decodeAt(std::string_view text, std::size_t pos, std::uint32_t& cp)
{
    const std::uint32_t first = byteAt(text, pos);
    std::size_t length = 0;
    if (first < 0x80) {
        cp = first;
        return 1;
    }
    if ((first & 0xE0) == 0xC0) {
        length = 2;
        cp = first & 0x1F;
    } else if ((first & 0xF0) == 0xE0) {
        length = 3;
        cp = first & 0x0F;
    } else if ((first & 0xF8) == 0xF0) {
        length = 4;
        cp = first & 0x07;
    } else {
        return 0;
    }
    if (pos + length > text.size())
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        const std::uint32_t next = byteAt(text, pos + i);
        if ((next & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (next & 0x3F);
    }
    return length;
}

} // namespace

std::size_t spaceLengthAt(std::string_view text, std::size_t pos)
{
    if (pos >= text.size())
        return 0;
    std::uint32_t cp = 0;
    const std::size_t length = decodeAt(text, pos, cp);
    return (length > 0 && isSpaceCodePoint(cp)) ? length : 0;
}

std::size_t spaceLengthBefore(std::string_view text, std::size_t end)
{
    for (std::size_t length = 1; length <= 4 && length <= end; ++length) {
        const std::size_t start = end - length;
        if ((byteAt(text, start) & 0xC0) == 0x80)
            continue;
        const std::size_t found = spaceLengthAt(text, start);
        return found == length ? length : 0;
    }
    return 0;
}

std::string_view strip(std::string_view text)
{
    std::size_t begin = 0;
    while (const std::size_t length = spaceLengthAt(text, begin))
        begin += length;
    std::size_t end = text.size();
    while (end > begin) {
        const std::size_t length = spaceLengthBefore(text, end);
        if (length == 0)
            break;
        end -= length;
    }
    return text.substr(begin, end - begin);
}

std::string toLower(std::string_view text)
{
    std::string result(text);
    for (char& c : result)
        c = toLower(c);
    return result;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (toLower(a[i]) != toLower(b[i]))
            return false;
    }
    return true;
}

bool startsWithIgnoreCase(std::string_view text, std::size_t pos, std::string_view word)
{
    return pos <= text.size() && text.size() - pos >= word.size() &&
           equalsIgnoreCase(text.substr(pos, word.size()), word);
}

std::optional<std::uint64_t> parseNumber(std::string_view digits)
{
    std::uint64_t value = 0;
    for (const char c : digits) {
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (value > (UINT64_MAX - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

std::size_t codePointCount(std::string_view text)
{
    std::size_t count = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++count;
    }
    return count;
}

} // namespace pindex::standards::text
