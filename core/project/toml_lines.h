#pragma once

// Line-level positions in a TOML text, for TomlEditor's splices (internal to core/project): where a
// line starts, its indentation, what follows an array item on its line, the comment lines attached
// above an item. Every function takes the whole text and a byte position in it.

#include <cstddef>
#include <string>

#include "core/project/toml_scanner.h"

namespace pindex::project::toml_lines {

// The start of the line holding `pos`.
[[nodiscard]] std::size_t lineStartOf(const std::string& text, std::size_t pos);

// Whether only spaces and tabs precede `pos` on its line.
[[nodiscard]] bool onlySpaceBefore(const std::string& text, std::size_t pos);

// The spaces and tabs that begin the line holding `pos`.
[[nodiscard]] std::string indentOf(const std::string& text, std::size_t pos);

// After an array item ending at `pos`: skips spaces, an optional comma, spaces and a comment; returns
// the position after the line terminator, or npos when something else follows on the line.
[[nodiscard]] std::size_t restOfLineBlank(const std::string& text, std::size_t pos);

// The position of the comma following an array item ending at `pos` (across blanks and comments).
[[nodiscard]] std::size_t commaAfter(const std::string& text, std::size_t pos);

// `end` moved back over a line terminator (LF or CRLF) just before it.
[[nodiscard]] std::size_t stripLineEnding(const std::string& text, std::size_t end);

// Whether [begin, end) holds only whitespace and line terminators.
[[nodiscard]] bool isBlankLine(const std::string& text, std::size_t begin, std::size_t end);

// The start of the comment-only lines right above the line starting at `lineStart`, not going
// above `floor`.
[[nodiscard]] std::size_t attachedCommentsStart(const std::string& text, std::size_t lineStart,
                                                std::size_t floor);

// The first line start after `pos` (or npos).
[[nodiscard]] std::size_t nextLineStart(const std::string& text, std::size_t pos);

// Where the unit of item `i` (its line and the comments attached above it) begins.
[[nodiscard]] std::size_t itemUnitBegin(const std::string& text, const ScannedValue& array, std::size_t i);

} // namespace pindex::project::toml_lines
