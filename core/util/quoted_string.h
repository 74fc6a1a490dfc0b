#pragma once

// A double-quoted string literal that is valid both as a TOML basic string and as a JSON string:
// `"` and `\` are escaped, newline, carriage return and tab as \n \r \t, every other control
// character (and DEL) as \u00xx; everything else, UTF-8 included, is copied as it is.

#include <string>
#include <string_view>

namespace pindex {

[[nodiscard]] std::string quoteString(std::string_view text);
void appendQuotedString(std::string& out, std::string_view text);

} // namespace pindex
