#pragma once

// Helpers for index URLs as credential keys: credentials embedded in a URL, and the normalised
// form under which a secret is stored, so that one secret serves every project using an index
// however its URL is spelled ("HTTPS://Pkgs.Example.com:443/simple" and
// "https://pkgs.example.com/simple/" are one index).
//
// Invariants: a normalised URL carries no credentials, no query and no fragment; its scheme and
// host are lower case, a default port is dropped, and its path ends with '/'.

#include <optional>
#include <string>
#include <string_view>

#include "core/auth/credentials.h"
#include "core/util/error.h"
#include "core/util/url_text.h"

namespace pindex::auth {

// The pieces of an absolute URL; userinfo is still percent-encoded.
struct UrlParts
{
    std::string scheme;   // lower case
    std::string userinfo; // "user:password", "token" or empty
    std::string host;     // lower case; IPv6 literals keep their brackets
    std::string port;     // empty when absent
    std::string path;     // starts with '/' (or is empty)
    std::string rest;     // "?query#fragment", if any
};

[[nodiscard]] Result<UrlParts> splitUrl(std::string_view url);

// "https://user:pa%40ss@host/x" -> {"user", "pa@ss"}; "https://token@host/" -> {"token", ""}.
// std::nullopt when the URL carries no userinfo (or is not an absolute URL).
[[nodiscard]] std::optional<Credentials> urlCredentials(std::string_view url);

// The URL without its userinfo, otherwise unchanged (for writing back into pyproject.toml).
using pindex::stripUrlCredentials;

// The key under which an index's secret is stored; see the invariants above.
[[nodiscard]] Result<std::string> normalizeIndexUrl(std::string_view url);

// "https://host[:port]/" of a URL (normalised), for lookups that know only the host.
[[nodiscard]] Result<std::string> urlOrigin(std::string_view url);

// The host (lower case) of a URL, or an empty string.
[[nodiscard]] std::string urlHost(std::string_view url);

// A normalised URL one path segment up ("https://h/a/b/" -> "https://h/a/"); nullopt at the root.
[[nodiscard]] std::optional<std::string> parentIndexUrl(std::string_view normalizedUrl);

using pindex::percentDecode;
[[nodiscard]] std::string percentEncodeUserinfo(std::string_view text);

} // namespace pindex::auth
