#include "core/standards/text.h"

#include "core/util/utf8.h"

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

bool inRange(std::uint32_t cp, std::uint32_t first, std::uint32_t last)
{
    return cp >= first && cp <= last;
}

// The lower case of one code point (0x130, which lowers to two code points, is handled by the caller).
std::uint32_t lowerCodePoint(std::uint32_t cp)
{
    const bool even = cp % 2 == 0;
    if (inRange(cp, 'A', 'Z') || (inRange(cp, 0xC0, 0xDE) && cp != 0xD7))
        return cp + 0x20;
    if ((inRange(cp, 0x100, 0x12F) || inRange(cp, 0x132, 0x137) || inRange(cp, 0x14A, 0x177)) && even)
        return cp + 1;
    if ((inRange(cp, 0x139, 0x148) || inRange(cp, 0x179, 0x17E)) && !even)
        return cp + 1;
    if (cp == 0x178)
        return 0xFF;
    if (inRange(cp, 0x391, 0x3A1) || inRange(cp, 0x3A3, 0x3AB))
        return cp + 0x20;
    if (cp == 0x386)
        return 0x3AC;
    if (inRange(cp, 0x388, 0x38A))
        return cp + 0x25;
    if (cp == 0x38C)
        return 0x3CC;
    if (inRange(cp, 0x38E, 0x38F))
        return cp + 0x3F;
    if (inRange(cp, 0x410, 0x42F))
        return cp + 0x20;
    if (inRange(cp, 0x400, 0x40F))
        return cp + 0x50;
    if ((inRange(cp, 0x460, 0x481) || inRange(cp, 0x48A, 0x4BF) || inRange(cp, 0x1E00, 0x1E95) ||
         inRange(cp, 0x1EA0, 0x1EFF)) &&
        even)
        return cp + 1;
    if (inRange(cp, 0xFF21, 0xFF3A))
        return cp + 0x20;
    if (cp == 0x212A)
        return 'k';
    if (cp == 0x212B)
        return 0xE5;
    if (cp == 0x2126)
        return 0x3C9;
    return cp;
}

} // namespace

std::string toLowerUnicode(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::uint32_t cp = 0;
        const std::size_t length = decodeAt(text, i, cp);
        if (length == 0) {
            out += text[i++];
            continue;
        }
        if (cp == 0x130) {
            out += 'i';
            util::appendUtf8(out, 0x307);
        } else if (length == 1) {
            out += toLower(text[i]);
        } else {
            util::appendUtf8(out, lowerCodePoint(cp));
        }
        i += length;
    }
    return out;
}

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
