#include "core/standards/name.h"

#include "core/standards/text.h"

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
    const std::string lowered = text::toLowerUnicode(name);
    std::string result;
    result.reserve(lowered.size());
    for (std::size_t i = 0; i < lowered.size(); ++i) {
        if (isNameSeparator(lowered[i])) {
            while (i + 1 < lowered.size() && isNameSeparator(lowered[i + 1]))
                ++i;
            result += '-';
        } else {
            result += lowered[i];
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
