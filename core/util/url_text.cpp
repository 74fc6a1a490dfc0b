#include "core/util/url_text.h"

#include <optional>

#include "core/util/error.h"

namespace pindex {
namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Where the userinfo of an absolute URL is: [start, at) with `at` the position of its '@'.
struct UserinfoSpan
{
    std::size_t start = 0;
    std::size_t at = 0;
};

std::optional<UserinfoSpan> findUserinfo(std::string_view url)
{
    const auto schemeEnd = url.find("://");
    if (schemeEnd == std::string_view::npos)
        return std::nullopt;
    const auto authorityStart = schemeEnd + 3;
    auto authorityEnd = url.find_first_of("/?#", authorityStart);
    if (authorityEnd == std::string_view::npos)
        authorityEnd = url.size();
    const auto at = url.rfind('@', authorityEnd);
    if (at == std::string_view::npos || at < authorityStart)
        return std::nullopt;
    return UserinfoSpan{authorityStart, at};
}

} // namespace

std::string percentDecode(std::string_view text)
{
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const int high = hexValue(text[i + 1]);
            const int low = hexValue(text[i + 2]);
            if (high >= 0 && low >= 0) {
                decoded += static_cast<char>(high * 16 + low);
                i += 2;
                continue;
            }
        }
        decoded += text[i];
    }
    return decoded;
}

std::string stripUrlCredentials(std::string_view url)
{
    const auto userinfo = findUserinfo(url);
    if (!userinfo)
        return std::string(url);
    return std::string(url.substr(0, userinfo->start)) + std::string(url.substr(userinfo->at + 1));
}

std::string maskUrlCredentials(std::string_view url)
{
    if (url.find('@') == std::string_view::npos) {
        return std::string(url); // nothing to mask (the common case: every file URL of a page)
    }
    const auto userinfo = findUserinfo(url);
    if (!userinfo) {
        // A malformed URL whose credentials hold an unescaped '/' ("https://u:a/b@host/") has its
        // '@' after the apparent authority: mask everything up to the last '@' rather than show it.
        const auto schemeEnd = url.find("://");
        const auto queryStart = url.find_first_of("?#");
        const auto at = url.substr(0, queryStart).rfind('@');
        if (schemeEnd == std::string_view::npos || at == std::string_view::npos || at < schemeEnd + 3)
            return std::string(url);
        // Only when the apparent authority is "user:something" rather than "host:port".
        const auto authority = url.substr(schemeEnd + 3, url.find('/', schemeEnd + 3) - (schemeEnd + 3));
        const auto colon = authority.find(':');
        if (colon == std::string_view::npos ||
            authority.find_first_not_of("0123456789", colon + 1) == std::string_view::npos)
            return std::string(url);
        return std::string(url.substr(0, schemeEnd + 3)) + std::string(authority.substr(0, colon)) + ":****" +
               std::string(url.substr(at));
    }
    const auto text = url.substr(userinfo->start, userinfo->at - userinfo->start);
    const auto colon = text.find(':');
    std::string masked(url.substr(0, userinfo->start));
    if (colon == std::string_view::npos)
        masked += "****"; // a bare token
    else
        masked += std::string(text.substr(0, colon)) + ":****";
    masked += url.substr(userinfo->at);
    return masked;
}

} // namespace pindex
