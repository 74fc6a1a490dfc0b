#include "core/standards/name.h"

namespace pindex::standards {

namespace {

bool isAsciiAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool isNameSeparator(char c)
{
    return c == '-' || c == '_' || c == '.';
}

} // namespace

std::string canonicalizeName(std::string_view name)
{
    std::string result;
    result.reserve(name.size());
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (isNameSeparator(c)) {
            while (i + 1 < name.size() && isNameSeparator(name[i + 1]))
                ++i;
            result += '-';
        } else if (c >= 'A' && c <= 'Z') {
            result += static_cast<char>(c - 'A' + 'a');
        } else if (static_cast<unsigned char>(c) == 0xC3 && i + 1 < name.size()) {
            // Latin-1 upper case letters U+00C0..U+00DE (except U+00D7) are C3 80..C3 9E in UTF-8;
            // their lower case forms are 0x20 higher.
            const auto next = static_cast<unsigned char>(name[i + 1]);
            result += c;
            if (next >= 0x80 && next <= 0x9E && next != 0x97)
                result += static_cast<char>(next + 0x20);
            else
                result += static_cast<char>(next);
            ++i;
        } else {
            result += c;
        }
    }
    return result;
}

bool isValidName(std::string_view name)
{
    if (name.empty() || !isAsciiAlnum(name.front()) || !isAsciiAlnum(name.back()))
        return false;
    for (const char c : name) {
        if (!isAsciiAlnum(c) && !isNameSeparator(c))
            return false;
    }
    return true;
}

bool isNormalizedName(std::string_view name)
{
    return isValidName(name) && canonicalizeName(name) == name;
}

std::string normalizeExtra(std::string_view extra)
{
    return canonicalizeName(extra);
}

} // namespace pindex::standards
