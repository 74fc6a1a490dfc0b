#pragma once

// HTTP dates (RFC 9110, section 5.6.7): the preferred IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT")
// and the two obsolete forms a recipient must still accept, RFC 850 ("Sunday, 06-Nov-94 08:49:37
// GMT") and asctime ("Sun Nov  6 08:49:37 1994"). Parsed here rather than by libcurl, so reading a
// cached response's Date and Expires does not load libcurl: a resolution whose pages are all fresh
// in the cache never does.

#include <cstdint>
#include <optional>
#include <string_view>

namespace pindex::index {

// Seconds since the Unix epoch, or nullopt when `text` is none of the three forms or names no
// real date and time. A two-digit year (RFC 850) that would be more than 50 years after `now` is
// taken as the most recent past year ending in those digits, as RFC 9110 asks.
[[nodiscard]] std::optional<std::int64_t> parseHttpDate(std::string_view text, std::int64_t now);

} // namespace pindex::index
