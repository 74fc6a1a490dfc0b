#include "core/project/toml_editor.h"

#include <algorithm>

#include "core/project/toml_lines.h"
#include "core/project/toml_text.h"

namespace pindex::project {

using namespace toml_lines;

namespace {

bool startsWith(const KeyPath& path, const KeyPath& prefix)
{
    return prefix.size() <= path.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

KeyPath tail(const KeyPath& path, std::size_t from)
{
    return {path.begin() + static_cast<std::ptrdiff_t>(from), path.end()};
}

struct Located
{
    const ScannedEntry* entry = nullptr;
    const ScannedValue* inlineParent = nullptr; // the inline table holding `entry`, if any
};

Located locateIn(const std::vector<ScannedEntry>& entries, const KeyPath& rest, const ScannedValue* parent)
{
    for (const auto& entry : entries) {
        if (entry.key == rest)
            return {&entry, parent};
        if (rest.size() > entry.key.size() && startsWith(rest, entry.key) &&
            entry.value.kind == ScannedValue::Kind::InlineTable) {
            const auto found = locateIn(entry.value.entries, tail(rest, entry.key.size()), &entry.value);
            if (found.entry != nullptr)
                return found;
        }
    }
    return {};
}

Located locate(const ScannedDocument& document, const KeyPath& path)
{
    for (const auto& table : document.tables) {
        if (table.isArray || !startsWith(path, table.path) || path.size() == table.path.size())
            continue;
        const auto found = locateIn(table.entries, tail(path, table.path.size()), nullptr);
        if (found.entry != nullptr)
            return found;
    }
    return {};
}

// `text` with each byte that is not part of valid UTF-8 shown as \xNN.
std::string showInvalidUtf8(std::string_view text)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8SequenceLength(text.substr(i));
        if (length == 0) {
            const auto byte = static_cast<unsigned char>(text[i]);
            out += "\\x";
            out += kHex[byte >> 4];
            out += kHex[byte & 0x0F];
            ++i;
        } else {
            out += text.substr(i, length);
            i += length;
        }
    }
    return out;
}

} // namespace

Status validateToml(std::string_view text, const std::string& fileName)
{
    if (auto parsed = parseTomlText(text, fileName); !parsed)
        return std::unexpected(parsed.error());
    return {};
}

Result<TomlEditor> TomlEditor::open(std::string text, std::string fileName)
{
    if (auto valid = validateToml(text, fileName); !valid)
        return std::unexpected(valid.error());
    auto scanned = scanToml(text);
    if (!scanned)
        return std::unexpected(scanned.error());
    TomlEditor editor;
    editor.m_text = std::move(text);
    editor.m_fileName = std::move(fileName);
    editor.m_scan = std::move(*scanned);
    return editor;
}

std::optional<ScannedValue> TomlEditor::find(const KeyPath& path) const
{
    const auto found = locate(m_scan, path);
    if (found.entry == nullptr)
        return std::nullopt;
    return found.entry->value;
}

std::vector<std::size_t> TomlEditor::arrayTables(const KeyPath& path) const
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < m_scan.tables.size(); ++i) {
        if (m_scan.tables[i].isArray && m_scan.tables[i].path == path)
            out.push_back(i);
    }
    return out;
}

std::string TomlEditor::convertLineEndings(std::string_view text) const
{
    // Idempotent: a "\r\n" already in place stays as it is.
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
            out += m_scan.lineEnding;
        else
            out.push_back(text[i]);
    }
    return out;
}

Status TomlEditor::apply(std::vector<Splice> splices)
{
    std::sort(splices.begin(), splices.end(),
              [](const Splice& a, const Splice& b) { return a.begin > b.begin; });
    // New text comes from names, URLs and requirements given to the edit: refuse bytes that are not
    // UTF-8 up front (TOML files are UTF-8), naming the value, before anything is spliced.
    for (const auto& splice : splices) {
        if (const auto bad = firstInvalidUtf8(splice.replacement); bad != std::string_view::npos) {
            auto error = makeError(ErrorCode::Invalid,
                                   "The new text for " + m_fileName + " is not valid UTF-8 (byte " +
                                       std::to_string(bad + 1) + " of \"" +
                                       showInvalidUtf8(splice.replacement) + "\"); nothing was changed.");
            return std::unexpected(std::move(error));
        }
    }
    std::string text = m_text;
    std::size_t limit = text.size();
    for (const auto& splice : splices) {
        if (splice.begin > splice.end || splice.end > limit)
            return std::unexpected(makeError(ErrorCode::Internal, "An edit overlapped another edit."));
        text.replace(splice.begin, splice.end - splice.begin, splice.replacement);
        limit = splice.begin;
    }
    if (auto valid = validateToml(text, m_fileName); !valid) {
        auto error = makeError(ErrorCode::Internal, "An edit would have produced invalid TOML (" +
                                                        valid.error().describe() + "); nothing was changed.");
        return std::unexpected(std::move(error));
    }
    auto scanned = scanToml(text);
    if (!scanned)
        return std::unexpected(scanned.error());
    m_text = std::move(text);
    m_scan = std::move(*scanned);
    return {};
}

Status TomlEditor::insertEntryLine(std::size_t tableIndex, std::optional<std::size_t> afterEntry,
                                   const std::string& keyText, const std::string& valueText)
{
    const auto& table = m_scan.tables[tableIndex];
    std::size_t position = table.header.end;
    std::string indent;
    const ScannedEntry* anchor = nullptr;
    if (afterEntry)
        anchor = &table.entries[*afterEntry];
    else if (!table.entries.empty())
        anchor = &table.entries.back();
    if (anchor != nullptr) {
        position = anchor->line.end;
        indent = indentOf(m_text, anchor->line.begin);
    }
    std::string line = indent + keyText + " = " + valueText;
    if (position == m_text.size() && !m_text.empty() && m_text.back() != '\n')
        line = m_scan.lineEnding + line;
    else
        line += m_scan.lineEnding;
    return apply({{position, position, line}});
}

Status TomlEditor::insertInlineEntry(const ScannedValue& table, const std::string& keyText,
                                     const std::string& valueText)
{
    if (table.entries.empty())
        return apply({{table.span.begin, table.span.end, "{ " + keyText + " = " + valueText + " }"}});
    const std::size_t position = table.entries.back().value.span.end;
    return apply({{position, position, ", " + keyText + " = " + valueText}});
}

Status TomlEditor::setValue(const KeyPath& tablePath, const std::string& key, const std::string& valueText)
{
    KeyPath full = tablePath;
    full.push_back(key);
    if (const auto found = locate(m_scan, full); found.entry != nullptr)
        return apply({{found.entry->value.span.begin, found.entry->value.span.end, valueText}});

    for (std::size_t i = 0; i < m_scan.tables.size(); ++i) {
        if (!m_scan.tables[i].isArray && m_scan.tables[i].path == tablePath && (i > 0 || tablePath.empty()))
            return insertEntryLine(i, std::nullopt, formatTomlKey(key), valueText);
    }
    if (!tablePath.empty()) {
        if (const auto found = locate(m_scan, tablePath);
            found.entry != nullptr && found.entry->value.kind == ScannedValue::Kind::InlineTable)
            return insertInlineEntry(found.entry->value, formatTomlKey(key), valueText);
    }
    // Dotted keys that already define the table, e.g. `sources.pkg = ...` under [tool.uv].
    for (std::size_t i = 0; i < m_scan.tables.size(); ++i) {
        const auto& table = m_scan.tables[i];
        if (table.isArray || !startsWith(tablePath, table.path) || table.path.size() == tablePath.size())
            continue;
        const KeyPath rest = tail(tablePath, table.path.size());
        for (std::size_t e = table.entries.size(); e-- > 0;) {
            if (table.entries[e].key.size() > rest.size() && startsWith(table.entries[e].key, rest)) {
                KeyPath dotted = rest;
                dotted.push_back(key);
                return insertEntryLine(i, e, formatTomlPath(dotted), valueText);
            }
        }
    }
    // An ancestor written as an inline table: the new key goes inside it, dotted.
    for (std::size_t length = tablePath.size(); length-- > 1;) {
        const KeyPath ancestor(tablePath.begin(), tablePath.begin() + static_cast<std::ptrdiff_t>(length));
        if (const auto found = locate(m_scan, ancestor);
            found.entry != nullptr && found.entry->value.kind == ScannedValue::Kind::InlineTable) {
            KeyPath dotted = tail(tablePath, length);
            dotted.push_back(key);
            return insertInlineEntry(found.entry->value, formatTomlPath(dotted), valueText);
        }
    }
    if (tablePath.empty())
        return insertEntryLine(0, std::nullopt, formatTomlKey(key), valueText);
    return insertBlock(std::nullopt,
                       "[" + formatTomlPath(tablePath) + "]\n" + formatTomlKey(key) + " = " + valueText);
}

Status TomlEditor::setValueInTable(std::size_t tableIndex, const std::string& key,
                                   const std::string& valueText)
{
    const auto& table = m_scan.tables[tableIndex];
    for (const auto& entry : table.entries) {
        if (entry.key == KeyPath{key})
            return apply({{entry.value.span.begin, entry.value.span.end, valueText}});
    }
    return insertEntryLine(tableIndex, std::nullopt, formatTomlKey(key), valueText);
}

Status TomlEditor::removeEntry(const ScannedEntry& entry, const ScannedValue* inlineParent)
{
    if (inlineParent == nullptr) {
        std::size_t begin = entry.line.begin;
        const std::size_t end = entry.line.end;
        if (end == m_text.size() && !m_scan.finalNewline)
            begin = stripLineEnding(m_text, begin);
        return apply({{begin, end, {}}});
    }
    const auto& siblings = inlineParent->entries;
    std::size_t index = 0;
    while (index < siblings.size() && siblings[index].keySpan.begin != entry.keySpan.begin)
        ++index;
    if (index + 1 < siblings.size())
        return apply({{entry.keySpan.begin, siblings[index + 1].keySpan.begin, {}}});
    if (index > 0)
        return apply({{siblings[index - 1].value.span.end, entry.value.span.end, {}}});
    return apply({{inlineParent->span.begin, inlineParent->span.end, "{}"}});
}

Status TomlEditor::removeKey(const KeyPath& tablePath, const std::string& key)
{
    KeyPath full = tablePath;
    full.push_back(key);
    const auto found = locate(m_scan, full);
    if (found.entry == nullptr)
        return {};
    return removeEntry(*found.entry, found.inlineParent);
}

Status TomlEditor::removeKeyInTable(std::size_t tableIndex, const std::string& key)
{
    for (const auto& entry : m_scan.tables[tableIndex].entries) {
        if (entry.key == KeyPath{key})
            return removeEntry(entry, nullptr);
    }
    return {};
}

Status TomlEditor::setValueInArrayItem(const KeyPath& arrayPath, std::size_t item, const std::string& key,
                                       const std::string& valueText)
{
    const auto array = find(arrayPath);
    if (!array || array->kind != ScannedValue::Kind::Array || item >= array->items.size() ||
        array->items[item].kind != ScannedValue::Kind::InlineTable)
        return std::unexpected(
            makeError(ErrorCode::Internal, formatTomlPath(arrayPath) + " has no such inline table."));
    const auto& table = array->items[item];
    for (const auto& entry : table.entries) {
        if (entry.key == KeyPath{key})
            return apply({{entry.value.span.begin, entry.value.span.end, valueText}});
    }
    return insertInlineEntry(table, formatTomlKey(key), valueText);
}

Status TomlEditor::removeKeyInArrayItem(const KeyPath& arrayPath, std::size_t item, const std::string& key)
{
    const auto array = find(arrayPath);
    if (!array || array->kind != ScannedValue::Kind::Array || item >= array->items.size())
        return std::unexpected(
            makeError(ErrorCode::Internal, formatTomlPath(arrayPath) + " has no such item."));
    const auto& table = array->items[item];
    for (const auto& entry : table.entries) {
        if (entry.key == KeyPath{key})
            return removeEntry(entry, &table);
    }
    return {};
}

Status TomlEditor::insertArrayItem(const KeyPath& path, std::size_t position, const std::string& itemText,
                                   bool withComments)
{
    const auto array = find(path);
    if (!array || array->kind != ScannedValue::Kind::Array)
        return std::unexpected(makeError(ErrorCode::Internal, formatTomlPath(path) + " is not an array."));
    const auto& items = array->items;
    if (items.empty())
        return apply({{array->span.begin, array->span.end, "[" + itemText + "]"}});
    position = std::min(position, items.size());
    if (position < items.size()) {
        const auto& next = items[position];
        if (array->multiline && onlySpaceBefore(m_text, next.span.begin)) {
            const std::size_t at =
                withComments ? itemUnitBegin(m_text, *array, position) : lineStartOf(m_text, next.span.begin);
            return apply({{at, at, indentOf(m_text, next.span.begin) + itemText + "," + m_scan.lineEnding}});
        }
        return apply({{next.span.begin, next.span.begin, itemText + ", "}});
    }
    const auto& last = items.back();
    const std::size_t afterLine = restOfLineBlank(m_text, last.span.end);
    if (array->multiline && onlySpaceBefore(m_text, last.span.begin) && afterLine != std::string::npos) {
        std::vector<Splice> splices;
        if (!array->trailingComma)
            splices.push_back({last.span.end, last.span.end, ","});
        splices.push_back({afterLine, afterLine,
                           indentOf(m_text, last.span.begin) + itemText + (array->trailingComma ? "," : "") +
                               m_scan.lineEnding});
        return apply(std::move(splices));
    }
    if (array->trailingComma) {
        const std::size_t comma = commaAfter(m_text, last.span.end);
        return apply({{comma + 1, comma + 1, " " + itemText + ","}});
    }
    return apply({{last.span.end, last.span.end, ", " + itemText}});
}

Status TomlEditor::removeArrayItem(const KeyPath& path, std::size_t position, bool withComments)
{
    const auto array = find(path);
    if (!array || array->kind != ScannedValue::Kind::Array || position >= array->items.size())
        return std::unexpected(makeError(ErrorCode::Internal, formatTomlPath(path) + " has no such item."));
    const auto& items = array->items;
    const auto& item = items[position];
    const std::size_t afterLine = restOfLineBlank(m_text, item.span.end);
    if (array->multiline && onlySpaceBefore(m_text, item.span.begin) && afterLine != std::string::npos) {
        const std::size_t begin =
            withComments ? itemUnitBegin(m_text, *array, position) : lineStartOf(m_text, item.span.begin);
        std::vector<Splice> splices{{begin, afterLine, {}}};
        if (position + 1 == items.size() && !array->trailingComma && position > 0) {
            // The new last item loses its comma, with the spaces before it.
            const std::size_t previousEnd = items[position - 1].span.end;
            const std::size_t comma = commaAfter(m_text, previousEnd);
            if (comma != std::string::npos) {
                const bool spacesOnly = std::all_of(m_text.begin() + static_cast<std::ptrdiff_t>(previousEnd),
                                                    m_text.begin() + static_cast<std::ptrdiff_t>(comma),
                                                    [](char c) { return c == ' ' || c == '\t'; });
                splices.push_back({spacesOnly ? previousEnd : comma, comma + 1, {}});
            }
        }
        return apply(std::move(splices));
    }
    if (position + 1 < items.size())
        return apply({{item.span.begin, items[position + 1].span.begin, {}}});
    if (position > 0)
        return apply({{items[position - 1].span.end, item.span.end, {}}});
    std::size_t end = item.span.end;
    if (array->trailingComma)
        end = commaAfter(m_text, end) + 1;
    return apply({{item.span.begin, end, {}}});
}

Status TomlEditor::permuteArrayItems(const KeyPath& path, const std::vector<std::size_t>& order)
{
    const auto array = find(path);
    if (!array || array->kind != ScannedValue::Kind::Array || order.size() != array->items.size())
        return std::unexpected(makeError(ErrorCode::Internal, formatTomlPath(path) + " has other items."));
    const auto& items = array->items;
    struct Unit
    {
        std::size_t begin = 0;
        std::size_t end = 0;
        std::string prefix; // comment lines and indentation
        std::string item;
        std::string suffix; // after the item: spaces, a comment, the line terminator (no comma)
        bool comma = false;
    };
    std::vector<Unit> units;
    bool ownLines = array->multiline;
    for (std::size_t i = 0; i < items.size() && ownLines; ++i) {
        const auto& item = items[i];
        const std::size_t end = restOfLineBlank(m_text, item.span.end);
        if (!onlySpaceBefore(m_text, item.span.begin) || end == std::string::npos) {
            ownLines = false;
            break;
        }
        Unit unit;
        unit.begin = itemUnitBegin(m_text, *array, i);
        unit.end = end;
        unit.prefix = m_text.substr(unit.begin, item.span.begin - unit.begin);
        unit.item = m_text.substr(item.span.begin, item.span.end - item.span.begin);
        std::string rest = m_text.substr(item.span.end, end - item.span.end);
        std::size_t comma = 0;
        while (comma < rest.size() && (rest[comma] == ' ' || rest[comma] == '\t'))
            ++comma;
        if (comma < rest.size() && rest[comma] == ',') {
            unit.comma = true;
            rest.erase(0, comma + 1);
        }
        unit.suffix = std::move(rest);
        units.push_back(std::move(unit));
    }
    std::vector<Splice> splices;
    if (!ownLines) {
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto& source = items[order[i]].span;
            if (order[i] != i)
                splices.push_back({items[i].span.begin, items[i].span.end,
                                   m_text.substr(source.begin, source.end - source.begin)});
        }
        return apply(std::move(splices));
    }
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (order[i] == i)
            continue;
        const auto& source = units[order[i]];
        const bool comma = i + 1 < units.size() || array->trailingComma;
        splices.push_back(
            {units[i].begin, units[i].end, source.prefix + source.item + (comma ? "," : "") + source.suffix});
    }
    return apply(std::move(splices));
}

Status TomlEditor::replaceArrayItem(const KeyPath& path, std::size_t position, const std::string& itemText)
{
    const auto array = find(path);
    if (!array || array->kind != ScannedValue::Kind::Array || position >= array->items.size())
        return std::unexpected(makeError(ErrorCode::Internal, formatTomlPath(path) + " has no such item."));
    const auto& item = array->items[position];
    return apply({{item.span.begin, item.span.end, itemText}});
}

TextSpan TomlEditor::tableBlock(std::size_t tableIndex) const
{
    const auto& table = m_scan.tables[tableIndex];
    std::size_t floor = 0;
    if (tableIndex > 0) {
        const auto& previous = m_scan.tables[tableIndex - 1];
        floor = previous.entries.empty() ? previous.header.end : previous.entries.back().line.end;
    }
    std::size_t begin = table.header.begin;
    while (begin > floor) {
        const std::size_t start = lineStartOf(m_text, begin - 1);
        std::size_t first = start;
        while (first < begin && (m_text[first] == ' ' || m_text[first] == '\t'))
            ++first;
        if (start < floor || first >= begin || m_text[first] != '#')
            break;
        begin = start;
    }
    const std::size_t end = table.entries.empty() ? table.header.end : table.entries.back().line.end;
    return {begin, stripLineEnding(m_text, end)};
}

Status TomlEditor::removeTableBlock(std::size_t tableIndex)
{
    const TextSpan block = tableBlock(tableIndex);
    std::size_t begin = block.begin;
    std::size_t end = block.end;
    if (end < m_text.size() && m_text[end] == '\r')
        ++end;
    if (end < m_text.size() && m_text[end] == '\n')
        ++end;
    if (end == m_text.size()) {
        // The last block: drop the blank lines before it, and keep a missing final newline missing.
        while (begin > 0) {
            const std::size_t start = lineStartOf(m_text, begin - 1);
            if (!isBlankLine(m_text, start, begin))
                break;
            begin = start;
        }
        if (!m_scan.finalNewline)
            begin = stripLineEnding(m_text, begin);
        return apply({{begin, end, {}}});
    }
    const bool blankBefore = begin == 0 || isBlankLine(m_text, lineStartOf(m_text, begin - 1), begin);
    const std::size_t nextLineEnd = m_text.find('\n', end);
    if (blankBefore && nextLineEnd != std::string::npos && isBlankLine(m_text, end, nextLineEnd + 1))
        end = nextLineEnd + 1;
    return apply({{begin, end, {}}});
}

Status TomlEditor::permuteBlocks(const std::vector<TextSpan>& blocks, const std::vector<std::size_t>& order)
{
    std::vector<Splice> splices;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const auto& source = blocks[order[i]];
        if (order[i] != i)
            splices.push_back(
                {blocks[i].begin, blocks[i].end, m_text.substr(source.begin, source.end - source.begin)});
    }
    return apply(std::move(splices));
}

Status TomlEditor::insertBlock(std::optional<std::size_t> before, const std::string& blockText)
{
    const std::string content = convertLineEndings(blockText);
    const std::string& eol = m_scan.lineEnding;
    if (before)
        return apply({{*before, *before, content + eol + eol}});
    std::string prefix;
    if (!m_text.empty()) {
        if (m_text.back() != '\n')
            prefix = eol + eol;
        else if (!isBlankLine(m_text, lineStartOf(m_text, stripLineEnding(m_text, m_text.size())),
                              m_text.size()))
            prefix = eol;
    }
    const std::size_t end = m_text.size();
    return apply({{end, end, prefix + content + (m_scan.finalNewline ? eol : std::string())}});
}

Status TomlEditor::replaceSpans(const std::vector<std::pair<TextSpan, std::string>>& replacements)
{
    std::vector<Splice> splices;
    for (const auto& [span, text] : replacements)
        splices.push_back({span.begin, span.end, text});
    return apply(std::move(splices));
}

Status TomlEditor::insertBlockAfter(std::size_t blockEnd, const std::string& blockText)
{
    const std::string& eol = m_scan.lineEnding;
    return apply({{blockEnd, blockEnd, eol + eol + convertLineEndings(blockText)}});
}

namespace {

void collectChildren(const std::vector<ScannedEntry>& entries, const KeyPath& rest,
                     std::vector<std::pair<std::string, ScannedValue>>& out)
{
    for (const auto& entry : entries) {
        if (entry.key.size() == rest.size() + 1 && startsWith(entry.key, rest)) {
            out.emplace_back(entry.key.back(), entry.value);
        } else if (startsWith(rest, entry.key) && entry.value.kind == ScannedValue::Kind::InlineTable) {
            collectChildren(entry.value.entries, tail(rest, entry.key.size()), out);
        }
    }
}

} // namespace

std::vector<std::pair<std::string, ScannedValue>> TomlEditor::children(const KeyPath& tablePath) const
{
    std::vector<std::pair<std::string, ScannedValue>> out;
    for (const auto& table : m_scan.tables) {
        if (!table.isArray && startsWith(tablePath, table.path))
            collectChildren(table.entries, tail(tablePath, table.path.size()), out);
    }
    return out;
}

} // namespace pindex::project
