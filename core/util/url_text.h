#pragma once

// Text operations on URLs that every area needs: percent-decoding a component, and removing or
// masking the userinfo ("user:secret@") of an absolute URL. maskUrlCredentials is declared in
// error.h, next to the Error whose URLs it masks.

#include <string>
#include <string_view>

namespace pindex {

// Percent-decodes a URL component ("%2B" -> "+"); malformed escapes are kept as written.
[[nodiscard]] std::string percentDecode(std::string_view text);

// "https://user:secret@host/simple" -> "https://host/simple"; other text is returned unchanged.
[[nodiscard]] std::string stripUrlCredentials(std::string_view url);

} // namespace pindex
