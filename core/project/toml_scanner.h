#pragma once

// TomlScanner: a byte-accurate view of a TOML document, for edits that must leave every other byte
// alone. It finds tables, key/value entries, array items and inline-table entries and records the
// byte span of each, with keys and strings decoded so that callers can match them by value.
//
// Invariants: the scanner is only run on text that toml++ already accepted, so it does not repeat
// TOML's validation; spans are half-open [begin, end) byte offsets into the scanned text, and a
// document's tables appear in file order with the root table (empty path) first.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/error.h"

namespace pindex::project {

struct TextSpan
{
    std::size_t begin = 0;
    std::size_t end = 0;
};

struct ScannedEntry;

struct ScannedValue
{
    enum class Kind { String, Array, InlineTable, Other };
    Kind kind = Kind::Other;
    TextSpan span;
    std::string text;                  // the decoded string; the raw text for Kind::Other
    bool literalQuotes = false;        // written with single quotes
    std::vector<ScannedValue> items;   // Kind::Array, in order
    std::vector<ScannedEntry> entries; // Kind::InlineTable, in order
    bool trailingComma = false;        // Kind::Array: a comma after the last item
    bool multiline = false;            // Kind::Array / InlineTable: spans more than one line
};

struct ScannedEntry
{
    std::vector<std::string> key; // decoded dotted key, relative to its table
    TextSpan keySpan;
    ScannedValue value;
    // For an entry on its own line: from the start of the line to the end of its line terminator
    // (or of the text). For an inline-table entry: from the key to the end of the value.
    TextSpan line;
};

struct ScannedTable
{
    std::vector<std::string> path; // empty for the root table
    bool isArray = false;          // [[path]]
    TextSpan header;               // the header line with its terminator; empty for the root
    std::vector<ScannedEntry> entries;
    std::size_t bodyEnd = 0; // start of the next header line, or the end of the text
};

struct ScannedDocument
{
    std::vector<ScannedTable> tables; // tables[0] is the root
    std::string lineEnding = "\n";    // "\r\n" when the first line ends that way
    bool finalNewline = true;         // the text ends with a line terminator (or is empty)
};

[[nodiscard]] Result<ScannedDocument> scanToml(std::string_view text);

// Quoting in the style uv writes: basic strings with double quotes and escapes.
[[nodiscard]] std::string quoteTomlString(std::string_view value);
// A key as written by uv: bare when it can be, otherwise a quoted basic string.
[[nodiscard]] std::string formatTomlKey(std::string_view key);
// "a.b.c" from {"a","b","c"}, each part formatted with formatTomlKey.
[[nodiscard]] std::string formatTomlPath(const std::vector<std::string>& path);

} // namespace pindex::project
