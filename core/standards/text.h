#pragma once

// Small text helpers shared by the parsers of this area: whitespace as Python's str.isspace()
// understands it (the reference strips Unicode spaces too), ASCII case folding, decimal numbers.
//
// Invariants: every function works on UTF-8 bytes and never splits a multi-byte character.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pindex::standards::text {

// Length in bytes of the whitespace character starting at text[pos], or 0 if none starts there.
[[nodiscard]] std::size_t spaceLengthAt(std::string_view text, std::size_t pos);

// Length in bytes of the whitespace character ending at text[end - 1], or 0.
[[nodiscard]] std::size_t spaceLengthBefore(std::string_view text, std::size_t end);

// text without leading and trailing whitespace.
[[nodiscard]] std::string_view strip(std::string_view text);

[[nodiscard]] inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

[[nodiscard]] inline bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

[[nodiscard]] inline char toLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

[[nodiscard]] std::string toLower(std::string_view text);

// Lower case as Python's str.lower() gives it for ASCII, Latin-1, Latin Extended-A and Additional,
// Greek, Cyrillic and full-width letters (other characters are kept).
[[nodiscard]] std::string toLowerUnicode(std::string_view text);

// ASCII case-insensitive comparison.
[[nodiscard]] bool equalsIgnoreCase(std::string_view a, std::string_view b);

// Whether text at pos starts with word (ASCII case-insensitive).
[[nodiscard]] bool startsWithIgnoreCase(std::string_view text, std::size_t pos, std::string_view word);

// A run of ASCII digits as a number; nullopt when it does not fit in 64 bits.
[[nodiscard]] std::optional<std::uint64_t> parseNumber(std::string_view digits);

// Number of code points of a UTF-8 text (for columns in error messages).
[[nodiscard]] std::size_t codePointCount(std::string_view text);

} // namespace pindex::standards::text
