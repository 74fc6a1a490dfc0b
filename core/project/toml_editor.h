#pragma once

// TomlEditor: format-preserving edits of one TOML text. Each operation splices only the bytes it
// must (a value, a line, an array item, a table block) and writes new content in the style uv
// writes (`key = "value"`, `{ index = "name" }`, the document's own line ending and indentation).
//
// Invariants: the text always parses (every edit is re-validated with toml++ before it is kept,
// and a failed edit leaves the text unchanged); scan() always describes text(). Lookups return
// copies of spans, never references that an edit could invalidate.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/project/toml_scanner.h"
#include "core/util/error.h"

namespace pindex::project {

using KeyPath = std::vector<std::string>;

class TomlEditor
{
public:
    // Validates `text` with toml++; errors name `fileName`, line and column.
    [[nodiscard]] static Result<TomlEditor> open(std::string text, std::string fileName);

    [[nodiscard]] const std::string& text() const { return m_text; }
    [[nodiscard]] const ScannedDocument& scan() const { return m_scan; }
    [[nodiscard]] const std::string& lineEnding() const { return m_scan.lineEnding; }

    // The value at `path` (through standard tables, dotted keys and inline tables, not through
    // arrays of tables), if any.
    [[nodiscard]] std::optional<ScannedValue> find(const KeyPath& path) const;
    // The indexes into scan().tables of every [[path]] table, in file order.
    [[nodiscard]] std::vector<std::size_t> arrayTables(const KeyPath& path) const;

    // Sets `key` in the table at `tablePath` to the TOML `valueText`: replaces an existing value in
    // place, or adds a line (or an inline-table entry), creating the table at the end if needed.
    [[nodiscard]] Status setValue(const KeyPath& tablePath, const std::string& key,
                                  const std::string& valueText);
    // Same, in the table scan().tables[tableIndex] (e.g. one [[tool.uv.index]]).
    [[nodiscard]] Status setValueInTable(std::size_t tableIndex, const std::string& key,
                                         const std::string& valueText);
    // Removes `key` (its whole line, or its inline entry); a missing key is not an error.
    [[nodiscard]] Status removeKey(const KeyPath& tablePath, const std::string& key);
    [[nodiscard]] Status removeKeyInTable(std::size_t tableIndex, const std::string& key);

    // Same, in the inline table that is item `item` of the array at `arrayPath` (e.g. one index of
    // `index = [{ name = "a", url = "..." }, ...]`).
    [[nodiscard]] Status setValueInArrayItem(const KeyPath& arrayPath, std::size_t item,
                                             const std::string& key, const std::string& valueText);
    [[nodiscard]] Status removeKeyInArrayItem(const KeyPath& arrayPath, std::size_t item,
                                              const std::string& key);

    // Array items of the array at `path`, keeping the array's layout (one item per line or all on
    // one line, trailing comma or not). With `withComments`, the comment lines right above an item
    // on its own line belong to it: a new item goes above them, a removed one takes them along.
    [[nodiscard]] Status insertArrayItem(const KeyPath& path, std::size_t position,
                                         const std::string& itemText, bool withComments = false);
    [[nodiscard]] Status removeArrayItem(const KeyPath& path, std::size_t position,
                                         bool withComments = false);
    // Reorders the items so that slot i holds what item order[i] held. Items on lines of their own
    // move with their line (trailing comment included) and the comment lines above them, commas
    // adjusted to the array's style; other items trade places and everything between stays.
    [[nodiscard]] Status permuteArrayItems(const KeyPath& path, const std::vector<std::size_t>& order);
    [[nodiscard]] Status replaceArrayItem(const KeyPath& path, std::size_t position,
                                          const std::string& itemText);

    // A table's block: the comment lines attached above its header, the header and its entries,
    // without the final line terminator.
    [[nodiscard]] TextSpan tableBlock(std::size_t tableIndex) const;
    // Removes a table block with its line terminator (and one blank separator line).
    [[nodiscard]] Status removeTableBlock(std::size_t tableIndex);
    // Rewrites the given non-overlapping blocks (in file order) so that slot i holds what block
    // order[i] held. Everything between the blocks stays.
    [[nodiscard]] Status permuteBlocks(const std::vector<TextSpan>& blocks,
                                       const std::vector<std::size_t>& order);
    // Inserts `blockText` (lines separated by "\n", converted to the document's line ending) as a
    // new block: before the block starting at `before`, or at the end of the text.
    [[nodiscard]] Status insertBlock(std::optional<std::size_t> before, const std::string& blockText);
    // Inserts `blockText` after the block ending at `blockEnd` (see tableBlock), a blank line between.
    [[nodiscard]] Status insertBlockAfter(std::size_t blockEnd, const std::string& blockText);

    // Replaces several non-overlapping spans at once.
    [[nodiscard]] Status replaceSpans(const std::vector<std::pair<TextSpan, std::string>>& replacements);
    // `text` with each "\n" turned into the document's line ending.
    [[nodiscard]] std::string convertLineEndings(std::string_view text) const;

    // The direct children of the table at `tablePath`, wherever they are written (its header, dotted
    // keys, an inline table), in file order: (key, value).
    [[nodiscard]] std::vector<std::pair<std::string, ScannedValue>> children(const KeyPath& tablePath) const;

private:
    struct Splice
    {
        std::size_t begin = 0;
        std::size_t end = 0;
        std::string replacement;
    };
    [[nodiscard]] Status apply(std::vector<Splice> splices);
    [[nodiscard]] Status insertEntryLine(std::size_t tableIndex, std::optional<std::size_t> afterEntry,
                                         const std::string& keyText, const std::string& valueText);
    [[nodiscard]] Status insertInlineEntry(const ScannedValue& table, const std::string& keyText,
                                           const std::string& valueText);
    [[nodiscard]] Status removeEntry(const ScannedEntry& entry, const ScannedValue* inlineParent);

    std::string m_text;
    std::string m_fileName;
    ScannedDocument m_scan;
};

// Validates a TOML text with toml++: the file:line:column error, or nothing.
[[nodiscard]] Status validateToml(std::string_view text, const std::string& fileName);

} // namespace pindex::project
