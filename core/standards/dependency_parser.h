#pragma once

// The PEP 508 grammar shared by requirements and markers: a context-sensitive tokenizer and a
// recursive-descent parser that accept exactly what the reference implementation accepts and fail
// with its messages and positions. Internal to core/standards; use parseRequirement and
// Marker::parse.
//
// Invariants: positions are byte offsets into the input; errors carry the character column.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/standards/marker.h"
#include "core/util/error.h"

namespace pindex::standards::detail {

struct ParsedRequirement
{
    std::string name;
    std::vector<std::string> extras;
    std::string specifier; // the specifier text, to be parsed as a SpecifierSet
    std::string url;       // empty when none
    std::optional<MarkerNode> marker;
};

struct SyntaxError
{
    std::string message;
    std::size_t spanStart = 0; // byte offsets
    std::size_t spanEnd = 0;
};

template <typename T>
using SyntaxResult = std::expected<T, SyntaxError>;

[[nodiscard]] SyntaxResult<ParsedRequirement> parseRequirementSyntax(std::string_view text);
[[nodiscard]] SyntaxResult<MarkerNode> parseMarkerSyntax(std::string_view text);

// Decodes a Python string literal body with its quotes ('...' or "..."), as ast.literal_eval
// does; nullopt when Python would reject it.
[[nodiscard]] std::optional<std::string> decodePythonString(std::string_view literal);

// The inverse: a quoted literal that decodePythonString (and ast.literal_eval) reads back as
// `value`. Double quotes unless the value holds one; the delimiting quote never appears inside
// (PEP 508's grammar ends a string at its next quote, escaped or not), so a value holding both
// kinds spells the double quote \x22; backslashes, line breaks, NUL and other control characters
// are escaped. Everything else, UTF-8 included, is kept as it is.
[[nodiscard]] std::string encodePythonString(std::string_view value);

// Length of the PEP 440 specifier token at pos (operator, optional whitespace, version), 0 if none.
[[nodiscard]] std::size_t matchSpecifierToken(std::string_view text, std::size_t pos);

// Applies the PEP 685 normalization of values compared with extra / extras / dependency_groups.
void normalizeExtraValues(MarkerNode& node);

// "message at column N" for an error at byte offset `position` of `text`.
[[nodiscard]] std::string describeSyntaxError(std::string_view text, const SyntaxError& error);

} // namespace pindex::standards::detail
