// ProjectDocument: opening, saving and the index edits. Pins, pattern pins and dependencies are in
// project_edits.cpp.

#include "core/project/project_document.h"

#include <algorithm>

namespace pindex::project {
namespace {

Error invalid(std::string message)
{
    return makeError(ErrorCode::Invalid, std::move(message));
}

Status checkChoice(const std::string& what, const std::string& value,
                   std::initializer_list<std::string_view> allowed)
{
    for (const auto choice : allowed) {
        if (value == choice)
            return {};
    }
    std::string list;
    for (const auto choice : allowed)
        list += (list.empty() ? "" : ", ") + std::string(choice);
    return std::unexpected(
        invalid("'" + value + "' is not a valid " + what + " (expected one of: " + list + ")."));
}

bool isTrue(const ScannedValue& value)
{
    return value.kind == ScannedValue::Kind::Other && value.text == "true";
}

Status checkIndexName(const std::string& name)
{
    if (!isValidIndexName(name))
        return std::unexpected(invalid(
            "'" + name + "' is not a valid index name: use ASCII letters, digits, '-', '_' and '.'."));
    return {};
}

} // namespace

ProjectDocument::ProjectDocument(FileSnapshot snapshot, TomlEditor editor, KeyPath uvPrefix)
    : m_snapshot(std::move(snapshot))
    , m_editor(std::move(editor))
    , m_uvPrefix(std::move(uvPrefix))
{}

Result<ProjectDocument> ProjectDocument::open(const std::filesystem::path& file)
{
    auto snapshot = readSnapshot(file);
    if (!snapshot)
        return std::unexpected(snapshot.error());
    auto editor = TomlEditor::open(snapshot->content, file.string());
    if (!editor)
        return std::unexpected(editor.error());
    KeyPath prefix;
    if (file.filename() != "uv.toml")
        prefix = {"tool", "uv"};
    return ProjectDocument(std::move(*snapshot), std::move(*editor), std::move(prefix));
}

Result<ProjectDocument> ProjectDocument::fromText(std::string text, const std::filesystem::path& file)
{
    auto editor = TomlEditor::open(text, file.string());
    if (!editor)
        return std::unexpected(editor.error());
    KeyPath prefix;
    if (file.filename() != "uv.toml")
        prefix = {"tool", "uv"};
    ProjectDocument document(FileSnapshot{file, std::move(text)}, std::move(*editor), std::move(prefix));
    document.m_onDisk = false;
    return document;
}

bool ProjectDocument::isModified() const
{
    return !m_onDisk || m_editor.text() != m_snapshot.content;
}

Result<PyProject> ProjectDocument::model() const
{
    return parsePyProject(m_editor.text(), m_snapshot.path);
}

Status ProjectDocument::save()
{
    if (m_onDisk) {
        if (m_editor.text() == m_snapshot.content)
            return {};
        if (auto written = replaceSnapshot(m_snapshot, m_editor.text()); !written)
            return written;
    } else {
        WriteOptions options;
        options.expectedContent = std::optional<std::string>{};
        if (auto written = writeFileAtomic(m_snapshot.path, m_editor.text(), options); !written)
            return written;
    }
    m_snapshot.content = m_editor.text();
    m_onDisk = true;
    return {};
}

KeyPath ProjectDocument::indexPath() const
{
    KeyPath path = m_uvPrefix;
    path.push_back("index");
    return path;
}

KeyPath ProjectDocument::sourcesPath() const
{
    KeyPath path = m_uvPrefix;
    path.push_back("sources");
    return path;
}

std::vector<std::size_t> ProjectDocument::indexTables() const
{
    return m_editor.arrayTables(indexPath());
}

std::vector<std::string> ProjectDocument::indexNames() const
{
    std::vector<std::string> names;
    for (const auto table : indexTables()) {
        for (const auto& entry : m_editor.scan().tables[table].entries) {
            if (entry.key == KeyPath{"name"} && entry.value.kind == ScannedValue::Kind::String)
                names.push_back(entry.value.text);
        }
    }
    if (const auto inlineList = m_editor.find(indexPath());
        inlineList && inlineList->kind == ScannedValue::Kind::Array) {
        for (const auto& item : inlineList->items) {
            for (const auto& entry : item.entries) {
                if (entry.key == KeyPath{"name"} && entry.value.kind == ScannedValue::Kind::String)
                    names.push_back(entry.value.text);
            }
        }
    }
    return names;
}

std::optional<std::size_t> ProjectDocument::findIndexTable(const std::string& name) const
{
    for (const auto table : indexTables()) {
        for (const auto& entry : m_editor.scan().tables[table].entries) {
            if (entry.key == KeyPath{"name"} && entry.value.kind == ScannedValue::Kind::String &&
                entry.value.text == name)
                return table;
        }
    }
    return std::nullopt;
}

Status ProjectDocument::requireEditableIndexes() const
{
    if (const auto inlineList = m_editor.find(indexPath()); inlineList) {
        auto error =
            makeError(ErrorCode::Unsupported,
                      "The indexes in " + m_snapshot.path.string() +
                          " are written as an inline array; Pindex edits [[tool.uv.index]] tables only.");
        error.hint = "Rewrite the list as [[tool.uv.index]] tables to edit it here.";
        return std::unexpected(std::move(error));
    }
    return {};
}

Result<std::size_t> ProjectDocument::requireIndexTable(const std::string& name) const
{
    if (auto editable = requireEditableIndexes(); !editable)
        return std::unexpected(editable.error());
    if (const auto table = findIndexTable(name))
        return *table;
    auto error = makeError(ErrorCode::NotFound,
                           "There is no index named '" + name + "' in " + m_snapshot.path.string() + ".");
    error.indexName = name;
    return std::unexpected(std::move(error));
}

Status ProjectDocument::addIndex(const NewIndex& index)
{
    if (auto editable = requireEditableIndexes(); !editable)
        return editable;
    if (auto valid = checkIndexName(index.name); !valid)
        return valid;
    const auto names = indexNames();
    if (std::find(names.begin(), names.end(), index.name) != names.end())
        return std::unexpected(invalid("An index named '" + index.name + "' already exists."));
    if (index.url.empty())
        return std::unexpected(invalid("The index '" + index.name + "' needs a URL."));
    if (!index.format.empty())
        if (auto valid = checkChoice("index format", index.format, {"simple", "flat"}); !valid)
            return valid;
    if (!index.authenticate.empty())
        if (auto valid = checkChoice("authenticate value", index.authenticate, {"auto", "always", "never"});
            !valid)
            return valid;
    std::optional<std::size_t> before;
    if (index.before) {
        const auto table = requireIndexTable(*index.before);
        if (!table)
            return std::unexpected(table.error());
        before = *table;
    }

    std::string block = "[[" + formatTomlPath(indexPath()) + "]]\nname = " + quoteTomlString(index.name) +
                        "\nurl = " + quoteTomlString(index.url);
    if (index.isDefault)
        block += "\ndefault = true";
    if (index.isExplicit)
        block += "\nexplicit = true";
    if (!index.format.empty() && index.format != "simple")
        block += "\nformat = " + quoteTomlString(index.format);
    if (!index.authenticate.empty() && index.authenticate != "auto")
        block += "\nauthenticate = " + quoteTomlString(index.authenticate);

    return transaction([&](TomlEditor& editor) -> Status {
        const auto tables = indexTables();
        std::optional<std::size_t> firstDefault;
        for (const auto table : tables) {
            const auto& entries = editor.scan().tables[table].entries;
            const bool isDefault = std::any_of(entries.begin(), entries.end(), [](const ScannedEntry& entry) {
                return entry.key == KeyPath{"default"} && isTrue(entry.value);
            });
            if (isDefault && index.isDefault) {
                if (auto removed = editor.removeKeyInTable(table, "default"); !removed)
                    return removed;
            } else if (isDefault && !firstDefault) {
                firstDefault = table;
            }
        }
        if (before)
            return editor.insertBlock(editor.tableBlock(*before).begin, block);
        if (firstDefault && !index.isDefault)
            return editor.insertBlock(editor.tableBlock(*firstDefault).begin, block);
        if (!tables.empty())
            return editor.insertBlockAfter(editor.tableBlock(tables.back()).end, block);
        return editor.insertBlock(std::nullopt, block);
    });
}

std::vector<std::string> ProjectDocument::packagesPinnedTo(const std::string& index) const
{
    std::vector<std::string> packages;
    auto refersTo = [&index](const ScannedValue& value) {
        return std::any_of(value.entries.begin(), value.entries.end(), [&index](const ScannedEntry& entry) {
            return entry.key == KeyPath{"index"} && entry.value.text == index;
        });
    };
    for (const auto& [key, value] : m_editor.children(sourcesPath())) {
        bool pinned = refersTo(value);
        for (const auto& item : value.items)
            pinned = pinned || refersTo(item);
        if (pinned)
            packages.push_back(key);
    }
    for (const auto& [pattern, value] : m_editor.children({"tool", "pindex", "pin-patterns"})) {
        if (value.kind == ScannedValue::Kind::String && value.text == index)
            packages.push_back(pattern);
    }
    return packages;
}

Status ProjectDocument::removeIndex(const std::string& name)
{
    const auto table = requireIndexTable(name);
    if (!table)
        return std::unexpected(table.error());
    if (const auto pinned = packagesPinnedTo(name); !pinned.empty()) {
        std::string list;
        for (const auto& package : pinned)
            list += (list.empty() ? "" : ", ") + package;
        auto error = invalid("The index '" + name + "' is still used by pins: " + list + ".");
        error.hint = "Unpin them first.";
        error.indexName = name;
        return std::unexpected(std::move(error));
    }
    return transaction([&](TomlEditor& editor) { return editor.removeTableBlock(*table); });
}

Status ProjectDocument::renameIndex(const std::string& name, const std::string& newName)
{
    const auto table = requireIndexTable(name);
    if (!table)
        return std::unexpected(table.error());
    if (auto valid = checkIndexName(newName); !valid)
        return valid;
    if (name == newName)
        return {};
    if (findIndexTable(newName))
        return std::unexpected(invalid("An index named '" + newName + "' already exists."));
    // The name itself, and every pin that refers to it, in one edit.
    std::vector<std::pair<TextSpan, std::string>> replacements;
    for (const auto& entry : m_editor.scan().tables[*table].entries) {
        if (entry.key == KeyPath{"name"})
            replacements.emplace_back(entry.value.span, quoteTomlString(newName));
    }
    auto collect = [&](const ScannedValue& value) {
        for (const auto& entry : value.entries) {
            if (entry.key == KeyPath{"index"} && entry.value.text == name)
                replacements.emplace_back(entry.value.span, quoteTomlString(newName));
        }
    };
    for (const auto& [key, value] : m_editor.children(sourcesPath())) {
        collect(value);
        for (const auto& item : value.items)
            collect(item);
    }
    for (const auto& [pattern, value] : m_editor.children({"tool", "pindex", "pin-patterns"})) {
        if (value.kind == ScannedValue::Kind::String && value.text == name)
            replacements.emplace_back(value.span, quoteTomlString(newName));
    }
    return transaction([&](TomlEditor& editor) { return editor.replaceSpans(replacements); });
}

Status ProjectDocument::setIndexUrl(const std::string& name, const std::string& url)
{
    const auto table = requireIndexTable(name);
    if (!table)
        return std::unexpected(table.error());
    if (url.empty())
        return std::unexpected(invalid("The index '" + name + "' needs a URL."));
    return transaction(
        [&](TomlEditor& editor) { return editor.setValueInTable(*table, "url", quoteTomlString(url)); });
}

Status ProjectDocument::reorderIndexes(std::size_t from, std::size_t to)
{
    const auto tables = indexTables();
    std::vector<TextSpan> blocks;
    for (const auto table : tables)
        blocks.push_back(m_editor.tableBlock(table));
    std::vector<std::size_t> order(blocks.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    order.erase(order.begin() + static_cast<std::ptrdiff_t>(from));
    order.insert(order.begin() + static_cast<std::ptrdiff_t>(to), from);
    return transaction([&](TomlEditor& editor) { return editor.permuteBlocks(blocks, order); });
}

namespace {

std::size_t positionOf(const std::vector<std::size_t>& tables, std::size_t table)
{
    return static_cast<std::size_t>(std::find(tables.begin(), tables.end(), table) - tables.begin());
}

} // namespace

Status ProjectDocument::moveIndexUp(const std::string& name)
{
    const auto table = requireIndexTable(name);
    if (!table)
        return std::unexpected(table.error());
    const auto position = positionOf(indexTables(), *table);
    if (position == 0)
        return std::unexpected(invalid("The index '" + name + "' is already first."));
    return reorderIndexes(position, position - 1);
}

Status ProjectDocument::moveIndexDown(const std::string& name)
{
    const auto table = requireIndexTable(name);
    if (!table)
        return std::unexpected(table.error());
    const auto tables = indexTables();
    const auto position = positionOf(tables, *table);
    if (position + 1 >= tables.size())
        return std::unexpected(invalid("The index '" + name + "' is already last."));
    return reorderIndexes(position, position + 1);
}

Status ProjectDocument::moveIndexBefore(const std::string& name, const std::string& other)
{
    const auto table = requireIndexTable(name);
    if (!table)
        return std::unexpected(table.error());
    const auto otherTable = requireIndexTable(other);
    if (!otherTable)
        return std::unexpected(otherTable.error());
    const auto tables = indexTables();
    const auto from = positionOf(tables, *table);
    const auto target = positionOf(tables, *otherTable);
    const auto to = from < target ? target - 1 : target;
    if (from == to)
        return {};
    return reorderIndexes(from, to);
}

Status ProjectDocument::setIndexDefault(const std::string& name, bool isDefault)
{
    const auto table = requireIndexTable(name);
    if (!table)
        return std::unexpected(table.error());
    if (!isDefault)
        return transaction([&](TomlEditor& editor) { return editor.removeKeyInTable(*table, "default"); });
    return transaction([&](TomlEditor& editor) -> Status {
        // uv uses one default index: the others lose the flag.
        for (const auto other : indexTables()) {
            if (other == *table)
                continue;
            if (auto removed = editor.removeKeyInTable(other, "default"); !removed)
                return removed;
        }
        return editor.setValueInTable(*table, "default", "true");
    });
}

Status ProjectDocument::setIndexExplicit(const std::string& name, bool isExplicit)
{
    const auto table = requireIndexTable(name);
    if (!table)
        return std::unexpected(table.error());
    return transaction([&](TomlEditor& editor) {
        return isExplicit ? editor.setValueInTable(*table, "explicit", "true")
                          : editor.removeKeyInTable(*table, "explicit");
    });
}

Status ProjectDocument::setIndexAuthenticate(const std::string& name, const std::optional<std::string>& value)
{
    const auto table = requireIndexTable(name);
    if (!table)
        return std::unexpected(table.error());
    if (value)
        if (auto valid = checkChoice("authenticate value", *value, {"auto", "always", "never"}); !valid)
            return valid;
    return transaction([&](TomlEditor& editor) {
        return value ? editor.setValueInTable(*table, "authenticate", quoteTomlString(*value))
                     : editor.removeKeyInTable(*table, "authenticate");
    });
}

Status ProjectDocument::setIndexFormat(const std::string& name, const std::optional<std::string>& value)
{
    const auto table = requireIndexTable(name);
    if (!table)
        return std::unexpected(table.error());
    if (value)
        if (auto valid = checkChoice("index format", *value, {"simple", "flat"}); !valid)
            return valid;
    return transaction([&](TomlEditor& editor) {
        return value ? editor.setValueInTable(*table, "format", quoteTomlString(*value))
                     : editor.removeKeyInTable(*table, "format");
    });
}

Status ProjectDocument::setIndexStrategy(const std::optional<std::string>& strategy)
{
    if (strategy)
        if (auto valid = checkChoice("index strategy", *strategy,
                                     {"first-index", "unsafe-first-match", "unsafe-best-match"});
            !valid)
            return valid;
    return transaction([&](TomlEditor& editor) {
        return strategy ? editor.setValue(m_uvPrefix, "index-strategy", quoteTomlString(*strategy))
                        : editor.removeKey(m_uvPrefix, "index-strategy");
    });
}

} // namespace pindex::project
