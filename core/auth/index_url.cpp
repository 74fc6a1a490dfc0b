#include "core/auth/index_url.h"

#include <algorithm>
#include <cctype>

namespace pindex::auth {
namespace {

std::string lowerCase(std::string_view text)
{
    std::string lowered(text);
    std::ranges::transform(lowered, lowered.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lowered;
}

std::string joinUrl(const UrlParts& parts, bool withUserinfo)
{
    std::string url = parts.scheme + "://";
    if (withUserinfo && !parts.userinfo.empty())
        url += parts.userinfo + '@';
    url += parts.host;
    if (!parts.port.empty())
        url += ':' + parts.port;
    return url + parts.path + parts.rest;
}

bool isDefaultPort(const UrlParts& parts)
{
    return (parts.scheme == "https" && parts.port == "443") || (parts.scheme == "http" && parts.port == "80");
}

} // namespace

Result<UrlParts> splitUrl(std::string_view url)
{
    const auto schemeEnd = url.find("://");
    if (schemeEnd == std::string_view::npos || schemeEnd == 0) {
        // Without a scheme the credentials cannot be told apart reliably: quote nothing then.
        if (url.find('@') != std::string_view::npos)
            return std::unexpected(
                makeError(ErrorCode::Parse, "an index URL is not absolute (scheme://host/path)"));
        return std::unexpected(
            makeError(ErrorCode::Parse, "'" + std::string(url) + "' is not an absolute URL"));
    }
    UrlParts parts;
    parts.scheme = lowerCase(url.substr(0, schemeEnd));
    const auto authorityStart = schemeEnd + 3;
    auto authorityEnd = url.find_first_of("/?#", authorityStart);
    if (authorityEnd == std::string_view::npos)
        authorityEnd = url.size();
    std::string_view authority = url.substr(authorityStart, authorityEnd - authorityStart);
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        parts.userinfo = std::string(authority.substr(0, at));
        authority.remove_prefix(at + 1);
    }
    std::string_view hostPort = authority;
    std::string_view port;
    if (hostPort.starts_with('[')) {
        const auto close = hostPort.find(']');
        if (close == std::string_view::npos)
            return std::unexpected(
                makeError(ErrorCode::Parse, "'" + maskUrlCredentials(url) + "' has a malformed host"));
        if (close + 1 < hostPort.size() && hostPort[close + 1] == ':')
            port = hostPort.substr(close + 2);
        hostPort = hostPort.substr(0, close + 1);
    } else if (const auto colon = hostPort.rfind(':'); colon != std::string_view::npos) {
        port = hostPort.substr(colon + 1);
        hostPort = hostPort.substr(0, colon);
    }
    if (hostPort.empty())
        return std::unexpected(makeError(ErrorCode::Parse, "'" + maskUrlCredentials(url) + "' has no host"));
    parts.host = lowerCase(hostPort);
    parts.port = std::string(port);
    const std::string_view remainder = url.substr(authorityEnd);
    const auto restStart = remainder.find_first_of("?#");
    parts.path = std::string(remainder.substr(0, restStart));
    if (restStart != std::string_view::npos)
        parts.rest = std::string(remainder.substr(restStart));
    return parts;
}

std::optional<Credentials> urlCredentials(std::string_view url)
{
    const auto parts = splitUrl(url);
    if (!parts || parts->userinfo.empty())
        return std::nullopt;
    const auto colon = parts->userinfo.find(':');
    if (colon == std::string::npos)
        return Credentials{percentDecode(parts->userinfo), {}};
    return Credentials{percentDecode(std::string_view(parts->userinfo).substr(0, colon)),
                       percentDecode(std::string_view(parts->userinfo).substr(colon + 1))};
}

Result<std::string> normalizeIndexUrl(std::string_view url)
{
    auto parts = splitUrl(url);
    if (!parts)
        return std::unexpected(parts.error());
    if (isDefaultPort(*parts))
        parts->port.clear();
    parts->rest.clear();
    if (!parts->path.ends_with('/'))
        parts->path += '/';
    return joinUrl(*parts, false);
}

Result<std::string> urlOrigin(std::string_view url)
{
    auto parts = splitUrl(url);
    if (!parts)
        return std::unexpected(parts.error());
    if (isDefaultPort(*parts))
        parts->port.clear();
    parts->rest.clear();
    parts->path = "/";
    return joinUrl(*parts, false);
}

std::string urlHost(std::string_view url)
{
    const auto parts = splitUrl(url);
    return parts ? parts->host : std::string();
}

std::optional<std::string> parentIndexUrl(std::string_view normalizedUrl)
{
    const auto parts = splitUrl(normalizedUrl);
    if (!parts || parts->path.size() <= 1)
        return std::nullopt;
    std::string_view path = parts->path;
    if (path.ends_with('/'))
        path.remove_suffix(1);
    const auto slash = path.rfind('/');
    UrlParts parent = *parts;
    parent.path = std::string(path.substr(0, slash + 1));
    return joinUrl(parent, false);
}

std::string percentEncodeUserinfo(std::string_view text)
{
    static constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string encoded;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
            encoded += c;
        } else {
            encoded += '%';
            encoded += kHex[byte >> 4U];
            encoded += kHex[byte & 0x0FU];
        }
    }
    return encoded;
}

} // namespace pindex::auth
