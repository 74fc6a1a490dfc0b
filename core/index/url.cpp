#include "core/index/url.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace pindex::index {
namespace {

bool hasScheme(std::string_view url)
{
    const auto colon = url.find(':');
    if (colon == std::string_view::npos || colon == 0)
        return false;
    if (std::isalpha(static_cast<unsigned char>(url[0])) == 0)
        return false;
    return std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.';
    });
}

// RFC 3986 section 5.2.4 on a path without query or fragment.
std::string removeDotSegments(std::string_view path)
{
    std::vector<std::string_view> segments;
    const bool absolute = path.starts_with('/');
    if (absolute)
        path.remove_prefix(1);
    bool trailingSlash = false;
    while (true) {
        const auto slash = path.find('/');
        const std::string_view segment = path.substr(0, slash);
        const bool last = slash == std::string_view::npos;
        if (segment == "..") {
            if (!segments.empty())
                segments.pop_back();
            trailingSlash = true;
        } else if (segment == ".") {
            trailingSlash = true;
        } else {
            segments.push_back(segment);
            trailingSlash = false;
        }
        if (last)
            break;
        path.remove_prefix(slash + 1);
    }
    std::string result = absolute ? "/" : "";
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (i > 0)
            result += '/';
        result += segments[i];
    }
    if (trailingSlash && !result.ends_with('/'))
        result += '/';
    return result;
}

} // namespace

Result<std::string> resolveUrl(std::string_view base, std::string_view reference)
{
    if (hasScheme(reference))
        return std::string(reference);
    const auto schemeEnd = base.find("://");
    if (schemeEnd == std::string_view::npos)
        return std::unexpected(makeError(ErrorCode::Parse, "cannot resolve a link against a base URL "
                                                           "without a scheme: " +
                                                               maskUrlCredentials(base)));
    if (reference.starts_with("//"))
        return std::string(base.substr(0, schemeEnd + 1)) + std::string(reference);
    const auto authorityEnd = base.find_first_of("/?#", schemeEnd + 3);
    const std::string_view origin = base.substr(0, authorityEnd);
    std::string_view basePathAndQuery =
        authorityEnd == std::string_view::npos ? std::string_view("/") : base.substr(authorityEnd);
    const auto fragment = basePathAndQuery.find('#');
    basePathAndQuery = basePathAndQuery.substr(0, fragment);
    const auto query = basePathAndQuery.find('?');
    const std::string_view basePath = basePathAndQuery.substr(0, query);
    if (reference.empty())
        return std::string(origin) + std::string(basePathAndQuery);
    if (reference.starts_with('#'))
        return std::string(origin) + std::string(basePathAndQuery) + std::string(reference);
    if (reference.starts_with('?'))
        return std::string(origin) + std::string(basePath) + std::string(reference);

    const auto referenceQuery = reference.find_first_of("?#");
    const std::string_view referencePath = reference.substr(0, referenceQuery);
    const std::string_view referenceRest =
        referenceQuery == std::string_view::npos ? std::string_view() : reference.substr(referenceQuery);
    std::string merged;
    if (referencePath.starts_with('/')) {
        merged = std::string(referencePath);
    } else {
        const auto lastSlash = basePath.rfind('/');
        merged = std::string(lastSlash == std::string_view::npos ? std::string_view("/")
                                                                 : basePath.substr(0, lastSlash + 1));
        merged += referencePath;
    }
    return std::string(origin) + removeDotSegments(merged) + std::string(referenceRest);
}

std::string urlOrigin(std::string_view url)
{
    const auto schemeEnd = url.find("://");
    if (schemeEnd == std::string_view::npos)
        return {};
    std::string scheme(url.substr(0, schemeEnd));
    std::ranges::transform(scheme, scheme.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto authorityStart = schemeEnd + 3;
    const auto authorityEnd = url.find_first_of("/?#", authorityStart);
    std::string_view authority =
        url.substr(authorityStart, authorityEnd == std::string_view::npos ? std::string_view::npos
                                                                          : authorityEnd - authorityStart);
    const auto at = authority.rfind('@');
    if (at != std::string_view::npos)
        authority.remove_prefix(at + 1);
    std::string hostPort(authority);
    std::ranges::transform(hostPort, hostPort.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto closingBracket = hostPort.rfind(']');
    const auto colon = hostPort.rfind(':');
    const bool hasPort =
        colon != std::string::npos && (closingBracket == std::string::npos || colon > closingBracket);
    if (!hasPort) {
        if (scheme == "https")
            hostPort += ":443";
        else if (scheme == "http")
            hostPort += ":80";
    }
    return scheme + "://" + hostPort;
}

UrlWithoutCredentials splitUrlCredentials(std::string_view url)
{
    const auto schemeEnd = url.find("://");
    if (schemeEnd == std::string_view::npos)
        return {std::string(url), std::nullopt};
    const auto authorityStart = schemeEnd + 3;
    auto authorityEnd = url.find_first_of("/?#", authorityStart);
    if (authorityEnd == std::string_view::npos)
        authorityEnd = url.size();
    const auto at = url.rfind('@', authorityEnd);
    if (at == std::string_view::npos || at < authorityStart)
        return {std::string(url), std::nullopt};
    const std::string_view userInfo = url.substr(authorityStart, at - authorityStart);
    auth::Credentials credentials;
    const auto colon = userInfo.find(':');
    if (colon == std::string_view::npos) {
        credentials.password = percentDecode(userInfo); // a bare token
    } else {
        credentials.username = percentDecode(userInfo.substr(0, colon));
        credentials.password = percentDecode(userInfo.substr(colon + 1));
    }
    std::string stripped(url.substr(0, authorityStart));
    stripped += url.substr(at + 1);
    return {std::move(stripped), std::move(credentials)};
}

std::string withTrailingSlash(std::string_view url)
{
    std::string result(url);
    if (!result.ends_with('/'))
        result += '/';
    return result;
}

} // namespace pindex::index
