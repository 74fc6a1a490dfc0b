#pragma once

// URL helpers for index traffic: resolving the relative links of a Simple API page, telling
// whether two URLs share an origin (credentials are only ever sent to the index's own origin),
// and taking credentials out of a URL so they travel as basic auth and never into a log or cache.

#include <optional>
#include <string>
#include <string_view>

#include "core/auth/credentials.h"
#include "core/util/error.h"
#include "core/util/url_text.h"

namespace pindex::index {

// Resolves `reference` (absolute, scheme-relative, absolute-path or relative) against `base`.
[[nodiscard]] Result<std::string> resolveUrl(std::string_view base, std::string_view reference);

// "scheme://host:port", lower-cased, with the scheme's default port filled in; empty if unparsable.
[[nodiscard]] std::string urlOrigin(std::string_view url);

struct UrlWithoutCredentials
{
    std::string url;                              // the same URL with no userinfo
    std::optional<auth::Credentials> credentials; // percent-decoded
};

[[nodiscard]] UrlWithoutCredentials splitUrlCredentials(std::string_view url);

// Appends '/' unless the URL already ends with one.
[[nodiscard]] std::string withTrailingSlash(std::string_view url);

// Percent-decodes a URL component ("%2B" -> "+").
using pindex::percentDecode;

} // namespace pindex::index
