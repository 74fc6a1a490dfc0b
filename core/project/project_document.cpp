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

bool ProjectDocument::indexesInline() const
{
    const auto value = m_editor.find(indexPath());
    return value && value->kind == ScannedValue::Kind::Array;
}

std::vector<ProjectDocument::IndexSlot> ProjectDocument::indexSlots() const
{
    auto nameOf = [](const std::vector<ScannedEntry>& entries) {
        for (const auto& entry : entries) {
            if (entry.key == KeyPath{"name"} && entry.value.kind == ScannedValue::Kind::String)
                return entry.value.text;
        }
        return std::string();
    };
    std::vector<IndexSlot> slots;
    if (const auto inlineList = m_editor.find(indexPath());
        inlineList && inlineList->kind == ScannedValue::Kind::Array) {
        for (std::size_t i = 0; i < inlineList->items.size(); ++i) {
            const auto& item = inlineList->items[i];
            if (item.kind == ScannedValue::Kind::InlineTable)
                slots.push_back({nameOf(item.entries), true, 0, i});
        }
        return slots;
    }
    for (const auto table : m_editor.arrayTables(indexPath()))
        slots.push_back({nameOf(m_editor.scan().tables[table].entries), false, table, 0});
    return slots;
}

std::vector<std::string> ProjectDocument::indexNames() const
{
    std::vector<std::string> names;
    for (const auto& slot : indexSlots()) {
        if (!slot.name.empty())
            names.push_back(slot.name);
    }
    return names;
}

Result<ProjectDocument::IndexSlot> ProjectDocument::requireIndex(const std::string& name) const
{
    for (const auto& slot : indexSlots()) {
        if (slot.name == name)
            return slot;
    }
    auto error = makeError(ErrorCode::NotFound,
                           "There is no index named '" + name + "' in " + m_snapshot.path.string() + ".");
    if (const auto other = otherIndex(name))
        error.hint = "It is defined in " + other->origin.file + ":" + std::to_string(other->origin.line) +
                     "; edit it there.";
    error.indexName = name;
    return std::unexpected(std::move(error));
}

std::vector<ScannedEntry> ProjectDocument::slotEntries(const TomlEditor& editor, const IndexSlot& slot) const
{
    if (!slot.isInline)
        return editor.scan().tables[slot.table].entries;
    const auto list = editor.find(indexPath());
    if (!list || list->kind != ScannedValue::Kind::Array || slot.item >= list->items.size())
        return {};
    return list->items[slot.item].entries;
}

Status ProjectDocument::setSlotValue(TomlEditor& editor, const IndexSlot& slot, const std::string& key,
                                     const std::string& valueText) const
{
    if (slot.isInline)
        return editor.setValueInArrayItem(indexPath(), slot.item, key, valueText);
    return editor.setValueInTable(slot.table, key, valueText);
}

Status ProjectDocument::removeSlotKey(TomlEditor& editor, const IndexSlot& slot, const std::string& key) const
{
    if (slot.isInline)
        return editor.removeKeyInArrayItem(indexPath(), slot.item, key);
    return editor.removeKeyInTable(slot.table, key);
}

Status ProjectDocument::addIndex(const NewIndex& index)
{
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
    std::optional<IndexSlot> before;
    if (index.before) {
        const auto slot = requireIndex(*index.before);
        if (!slot)
            return std::unexpected(slot.error());
        before = *slot;
    }

    // The keys in uv's order, as a table block or as an inline table.
    std::vector<std::pair<std::string, std::string>> keys{{"name", quoteTomlString(index.name)},
                                                          {"url", quoteTomlString(index.url)}};
    if (index.isDefault)
        keys.emplace_back("default", "true");
    if (index.isExplicit)
        keys.emplace_back("explicit", "true");
    if (!index.format.empty() && index.format != "simple")
        keys.emplace_back("format", quoteTomlString(index.format));
    if (!index.authenticate.empty() && index.authenticate != "auto")
        keys.emplace_back("authenticate", quoteTomlString(index.authenticate));
    std::string block = "[[" + formatTomlPath(indexPath()) + "]]";
    std::string inlineTable = "{ ";
    for (std::size_t i = 0; i < keys.size(); ++i) {
        block += "\n" + keys[i].first + " = " + keys[i].second;
        inlineTable += (i == 0 ? "" : ", ") + keys[i].first + " = " + keys[i].second;
    }
    inlineTable += " }";

    const auto slots = indexSlots();
    const bool isInline = indexesInline();
    return transaction([&](TomlEditor& editor) -> Status {
        std::optional<IndexSlot> firstDefault;
        for (const auto& slot : slots) {
            const auto entries = slotEntries(editor, slot);
            const bool isDefault = std::any_of(entries.begin(), entries.end(), [](const ScannedEntry& entry) {
                return entry.key == KeyPath{"default"} && isTrue(entry.value);
            });
            if (isDefault && index.isDefault) {
                if (auto removed = removeSlotKey(editor, slot, "default"); !removed)
                    return removed;
            } else if (isDefault && !firstDefault) {
                firstDefault = slot;
            }
        }
        // A new index goes before the given one, else before the default (uv searches it last).
        std::optional<IndexSlot> anchor = before;
        if (!anchor && firstDefault && !index.isDefault)
            anchor = firstDefault;
        if (isInline) {
            const auto list = editor.find(indexPath());
            const std::size_t position = anchor ? anchor->item : (list ? list->items.size() : 0);
            return editor.insertArrayItem(indexPath(), position, inlineTable, true);
        }
        if (anchor)
            return editor.insertBlock(editor.tableBlock(anchor->table).begin, block);
        if (!slots.empty())
            return editor.insertBlockAfter(editor.tableBlock(slots.back().table).end, block);
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
    const auto slot = requireIndex(name);
    if (!slot)
        return std::unexpected(slot.error());
    if (const auto pinned = packagesPinnedTo(name); !pinned.empty()) {
        std::string list;
        for (const auto& package : pinned)
            list += (list.empty() ? "" : ", ") + package;
        auto error = invalid("The index '" + name + "' is still used by pins: " + list + ".");
        error.hint = "Unpin them first.";
        error.indexName = name;
        return std::unexpected(std::move(error));
    }
    return transaction([&](TomlEditor& editor) {
        return slot->isInline ? editor.removeArrayItem(indexPath(), slot->item, true)
                              : editor.removeTableBlock(slot->table);
    });
}

Status ProjectDocument::renameIndex(const std::string& name, const std::string& newName)
{
    const auto slot = requireIndex(name);
    if (!slot)
        return std::unexpected(slot.error());
    if (auto valid = checkIndexName(newName); !valid)
        return valid;
    if (name == newName)
        return {};
    const auto names = indexNames();
    if (std::find(names.begin(), names.end(), newName) != names.end())
        return std::unexpected(invalid("An index named '" + newName + "' already exists."));
    // The name itself, and every pin that refers to it, in one edit.
    std::vector<std::pair<TextSpan, std::string>> replacements;
    for (const auto& entry : slotEntries(m_editor, *slot)) {
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
    const auto slot = requireIndex(name);
    if (!slot)
        return std::unexpected(slot.error());
    if (url.empty())
        return std::unexpected(invalid("The index '" + name + "' needs a URL."));
    return transaction(
        [&](TomlEditor& editor) { return setSlotValue(editor, *slot, "url", quoteTomlString(url)); });
}

Status ProjectDocument::reorderIndexes(std::size_t from, std::size_t to)
{
    const auto slots = indexSlots();
    std::vector<std::size_t> order(slots.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    order.erase(order.begin() + static_cast<std::ptrdiff_t>(from));
    order.insert(order.begin() + static_cast<std::ptrdiff_t>(to), from);
    if (indexesInline()) {
        // Slot i is array item slots[i].item; items that are not tables stay where they are.
        const auto list = m_editor.find(indexPath());
        std::vector<std::size_t> items(list->items.size());
        for (std::size_t i = 0; i < items.size(); ++i)
            items[i] = i;
        for (std::size_t i = 0; i < slots.size(); ++i)
            items[slots[i].item] = slots[order[i]].item;
        return transaction([&](TomlEditor& editor) { return editor.permuteArrayItems(indexPath(), items); });
    }
    std::vector<TextSpan> blocks;
    for (const auto& slot : slots)
        blocks.push_back(m_editor.tableBlock(slot.table));
    return transaction([&](TomlEditor& editor) { return editor.permuteBlocks(blocks, order); });
}

namespace {

template <typename Slot>
std::size_t positionOf(const std::vector<Slot>& slots, const std::string& name)
{
    return static_cast<std::size_t>(
        std::find_if(slots.begin(), slots.end(), [&name](const Slot& slot) { return slot.name == name; }) -
        slots.begin());
}

} // namespace

Status ProjectDocument::moveIndexUp(const std::string& name)
{
    const auto slot = requireIndex(name);
    if (!slot)
        return std::unexpected(slot.error());
    const auto position = positionOf(indexSlots(), name);
    if (position == 0)
        return std::unexpected(invalid("The index '" + name + "' is already first."));
    return reorderIndexes(position, position - 1);
}

Status ProjectDocument::moveIndexDown(const std::string& name)
{
    const auto slot = requireIndex(name);
    if (!slot)
        return std::unexpected(slot.error());
    const auto slots = indexSlots();
    const auto position = positionOf(slots, name);
    if (position + 1 >= slots.size())
        return std::unexpected(invalid("The index '" + name + "' is already last."));
    return reorderIndexes(position, position + 1);
}

Status ProjectDocument::moveIndexBefore(const std::string& name, const std::string& other)
{
    const auto slot = requireIndex(name);
    if (!slot)
        return std::unexpected(slot.error());
    const auto otherSlot = requireIndex(other);
    if (!otherSlot)
        return std::unexpected(otherSlot.error());
    const auto slots = indexSlots();
    const auto from = positionOf(slots, name);
    const auto target = positionOf(slots, other);
    const auto to = from < target ? target - 1 : target;
    if (from == to)
        return {};
    return reorderIndexes(from, to);
}

Status ProjectDocument::setIndexDefault(const std::string& name, bool isDefault)
{
    const auto slot = requireIndex(name);
    if (!slot)
        return std::unexpected(slot.error());
    if (!isDefault)
        return transaction([&](TomlEditor& editor) { return removeSlotKey(editor, *slot, "default"); });
    return transaction([&](TomlEditor& editor) -> Status {
        // uv uses one default index: the others lose the flag.
        for (const auto& other : indexSlots()) {
            if (other.name == name)
                continue;
            if (auto removed = removeSlotKey(editor, other, "default"); !removed)
                return removed;
        }
        return setSlotValue(editor, *slot, "default", "true");
    });
}

Status ProjectDocument::setIndexExplicit(const std::string& name, bool isExplicit)
{
    const auto slot = requireIndex(name);
    if (!slot)
        return std::unexpected(slot.error());
    return transaction([&](TomlEditor& editor) {
        return isExplicit ? setSlotValue(editor, *slot, "explicit", "true")
                          : removeSlotKey(editor, *slot, "explicit");
    });
}

Status ProjectDocument::setIndexAuthenticate(const std::string& name, const std::optional<std::string>& value)
{
    const auto slot = requireIndex(name);
    if (!slot)
        return std::unexpected(slot.error());
    if (value)
        if (auto valid = checkChoice("authenticate value", *value, {"auto", "always", "never"}); !valid)
            return valid;
    return transaction([&](TomlEditor& editor) {
        return value ? setSlotValue(editor, *slot, "authenticate", quoteTomlString(*value))
                     : removeSlotKey(editor, *slot, "authenticate");
    });
}

Status ProjectDocument::setIndexFormat(const std::string& name, const std::optional<std::string>& value)
{
    const auto slot = requireIndex(name);
    if (!slot)
        return std::unexpected(slot.error());
    if (value)
        if (auto valid = checkChoice("index format", *value, {"simple", "flat"}); !valid)
            return valid;
    return transaction([&](TomlEditor& editor) {
        return value ? setSlotValue(editor, *slot, "format", quoteTomlString(*value))
                     : removeSlotKey(editor, *slot, "format");
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
