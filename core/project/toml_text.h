#pragma once

// The one way core/project hands a TOML text to toml++. checkTomlText refuses, before toml++ sees
// it, text that is not UTF-8 and text that would reach toml++ 3.3's undefined behaviour: its
// whitespace table hits an unreachable branch for many non-ASCII characters (U+00A1..U+0499 among
// them) wherever it tests for whitespace (upstream issues #190 and #295). It tests outside strings
// and comments, right after a backslash in a multi-line basic string, and where it skips the
// whitespace after a line-ending backslash. Outside strings and comments, and after a backslash,
// TOML allows no non-ASCII character, so only invalid documents are refused there; the one valid
// form refused is a non-ASCII character right after the whitespace a line-ending backslash skips
// (the message says how to write it instead).
//
// Errors are ErrorCode::Parse at file:line:column (1-based; the column counts characters, as
// toml++'s do).

#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "core/util/error.h"

namespace pindex::project {

[[nodiscard]] Status checkTomlText(std::string_view text, const std::string& fileName);

// checkTomlText, then toml++; toml++'s errors are returned with file:line:column too.
[[nodiscard]] Result<toml::table> parseTomlText(std::string_view text, const std::string& fileName);

// The length of the UTF-8 sequence starting `text` (1..4), or 0 when it is not valid UTF-8
// (overlong forms, surrogates and values above U+10FFFF included).
[[nodiscard]] std::size_t utf8SequenceLength(std::string_view text);

// The first byte of `text` that is not part of valid UTF-8, or std::string_view::npos.
[[nodiscard]] std::size_t firstInvalidUtf8(std::string_view text);

} // namespace pindex::project
