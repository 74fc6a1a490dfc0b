// Python string literals as ast.literal_eval reads them: the quoted values of PEP 508 markers.

#include <cstdint>

#include "core/standards/dependency_parser.h"
#include "core/standards/text.h"
#include "core/util/utf8.h"

namespace pindex::standards::detail {

namespace {

using text::isDigit;

std::optional<std::uint32_t> hexValue(std::string_view digits)
{
    std::uint32_t value = 0;
    for (const char c : digits) {
        std::uint32_t digit = 0;
        if (isDigit(c))
            digit = static_cast<std::uint32_t>(c - '0');
        else if (c >= 'a' && c <= 'f')
            digit = static_cast<std::uint32_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            digit = static_cast<std::uint32_t>(c - 'A' + 10);
        else
            return std::nullopt;
        value = value * 16 + digit;
    }
    return value;
}

} // namespace

std::optional<std::string> decodePythonString(std::string_view literal)
{
    if (literal.size() < 2)
        return std::nullopt;
    const std::string_view body = literal.substr(1, literal.size() - 2);
    std::string out;
    out.reserve(body.size());
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c == '\n' || c == '\r' || c == '\0')
            return std::nullopt;
        if (c != '\\') {
            out += c;
            continue;
        }
        if (i + 1 >= body.size())
            return std::nullopt; // the backslash escapes the closing quote
        const char next = body[++i];
        switch (next) {
        case '\n': break;
        case '\r':
            if (i + 1 < body.size() && body[i + 1] == '\n')
                ++i;
            break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case 'x':
        case 'u':
        case 'U': {
            const std::size_t width = next == 'x' ? 2 : (next == 'u' ? 4 : 8);
            if (i + width >= body.size())
                return std::nullopt;
            const auto value = hexValue(body.substr(i + 1, width));
            if (!value || *value > 0x10FFFF)
                return std::nullopt;
            util::appendUtf8(out, *value);
            i += width;
            break;
        }
        case 'N': return std::nullopt; // named escapes are not supported
        default:
            if (next >= '0' && next <= '7') {
                std::uint32_t value = static_cast<std::uint32_t>(next - '0');
                for (int digits = 1;
                     digits < 3 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++digits)
                    value = value * 8 + static_cast<std::uint32_t>(body[++i] - '0');
                util::appendUtf8(out, value);
            } else {
                out += '\\';
                out += next;
            }
        }
    }
    return out;
}

std::string encodePythonString(std::string_view value)
{
    const bool hasDouble = value.find('"') != std::string_view::npos;
    const bool hasSingle = value.find('\'') != std::string_view::npos;
    const char quote = hasDouble && !hasSingle ? '\'' : '"';
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(value.size() + 2);
    out += quote;
    for (const char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '\\': out += "\\\\"; continue;
        case '\n': out += "\\n"; continue;
        case '\r': out += "\\r"; continue;
        case '\t': out += "\\t"; continue;
        default: break;
        }
        if (c == quote || byte < 0x20 || byte == 0x7F) {
            out += "\\x";
            out += kHex[byte >> 4];
            out += kHex[byte & 0x0F];
        } else {
            out += c;
        }
    }
    out += quote;
    return out;
}

} // namespace pindex::standards::detail
