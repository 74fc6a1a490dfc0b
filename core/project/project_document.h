#pragma once

// ProjectDocument: a pyproject.toml (or uv.toml) open for editing. Every operation is a small
// function that changes only the bytes it must and leaves comments, blank lines, key order,
// quoting, table styles, array layout, line endings and a missing final newline as they were; new
// content is written the way uv writes it. save() replaces the file atomically and refuses when the
// file changed on disk since it was read.
//
// Invariants: text() always parses as TOML; a refused or failed operation leaves text() unchanged;
// index names stay unique and valid, and every index pin names an index of this file.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/project/pyproject.h"
#include "core/project/toml_editor.h"
#include "core/util/error.h"
#include "core/util/file_io.h"

namespace pindex::project {

// A new [[tool.uv.index]] entry.
struct NewIndex
{
    std::string name;
    std::string url;
    bool isDefault = false;
    bool isExplicit = false;
    std::string format;                // empty: uv's default ("simple"), not written
    std::string authenticate;          // empty: uv's default ("auto"), not written
    std::optional<std::string> before; // insert before this index; default: after the others
};

class ProjectDocument
{
public:
    // Reads the file; errors name file:line:column for invalid TOML.
    [[nodiscard]] static Result<ProjectDocument> open(const std::filesystem::path& file);
    // A document over text that is not on disk yet (save() then creates the file).
    [[nodiscard]] static Result<ProjectDocument> fromText(std::string text,
                                                          const std::filesystem::path& file);

    [[nodiscard]] const std::filesystem::path& file() const { return m_snapshot.path; }
    [[nodiscard]] const std::string& text() const { return m_editor.text(); }
    [[nodiscard]] bool isModified() const;
    // True for a uv.toml: uv's settings live at the root instead of under [tool.uv].
    [[nodiscard]] bool isUvToml() const { return m_uvPrefix.empty(); }
    // The model of the current text.
    [[nodiscard]] Result<PyProject> model() const;
    // Atomic replace; ErrorCode::Conflict when the file changed on disk since it was read.
    [[nodiscard]] Status save();

    // Indexes ([[tool.uv.index]] tables).
    [[nodiscard]] std::vector<std::string> indexNames() const;
    [[nodiscard]] Status addIndex(const NewIndex& index);
    [[nodiscard]] Status removeIndex(const std::string& name);
    [[nodiscard]] Status renameIndex(const std::string& name, const std::string& newName);
    [[nodiscard]] Status setIndexUrl(const std::string& name, const std::string& url);
    [[nodiscard]] Status moveIndexUp(const std::string& name);
    [[nodiscard]] Status moveIndexDown(const std::string& name);
    [[nodiscard]] Status moveIndexBefore(const std::string& name, const std::string& other);
    [[nodiscard]] Status setIndexDefault(const std::string& name, bool isDefault);
    [[nodiscard]] Status setIndexExplicit(const std::string& name, bool isExplicit);
    // std::nullopt removes the key (uv's default applies).
    [[nodiscard]] Status setIndexAuthenticate(const std::string& name,
                                              const std::optional<std::string>& value);
    [[nodiscard]] Status setIndexFormat(const std::string& name, const std::optional<std::string>& value);
    // index-strategy in [tool.uv] (or a uv.toml's root); std::nullopt removes it (uv's default,
    // first-index).
    [[nodiscard]] Status setIndexStrategy(const std::optional<std::string>& strategy);

    // Indexes defined in the other files of the project's configuration (its uv.toml, the user's or
    // the system's uv.toml, the workspace root): pins may name them too.
    void setOtherIndexes(std::vector<IndexEntry> indexes) { m_otherIndexes = std::move(indexes); }
    // The index `name` when it is defined outside this file only (for messages naming its origin).
    [[nodiscard]] std::optional<IndexEntry> otherIndex(const std::string& name) const;

    // Pins in [tool.uv.sources]. Without a marker the pin replaces every pin of the package. With a
    // marker: one entry is the single-table form `{ index = "a", marker = "..." }`; a second marker
    // makes uv's list form, one entry per marker, which uv requires to be disjoint (an overlapping
    // marker is refused; an unconditional pin beside it is kept where the new marker does not hold).
    [[nodiscard]] Status pinPackage(const std::string& package, const std::string& index,
                                    const std::string& marker = {});
    // Without a marker every pin of the package goes; with one, only that entry (a list left with one
    // entry becomes the single-table form).
    [[nodiscard]] Status unpinPackage(const std::string& package, const std::string& marker = {});
    // [tool.pindex.pin-patterns].
    [[nodiscard]] Status addPatternPin(const std::string& pattern, const std::string& index);
    [[nodiscard]] Status removePatternPin(const std::string& pattern);

    // Dependencies: [project.dependencies], [project.optional-dependencies] (group = the extra),
    // [dependency-groups] (group = the group). Packages are matched by canonical name.
    [[nodiscard]] Status addDependency(DependencyEntry::Kind kind, const std::string& group,
                                       const std::string& requirement);
    [[nodiscard]] Status removeDependency(DependencyEntry::Kind kind, const std::string& group,
                                          const std::string& package);
    [[nodiscard]] Status changeDependency(DependencyEntry::Kind kind, const std::string& group,
                                          const std::string& package, const std::string& requirement);

private:
    ProjectDocument(FileSnapshot snapshot, TomlEditor editor, KeyPath uvPrefix);

    // Runs `edit` on a copy of the editor and keeps it only when it succeeded.
    template <typename Edit>
    [[nodiscard]] Status transaction(Edit&& edit);

    // One index as written: a [[tool.uv.index]] table (`table` indexes scan().tables) or an item of
    // an inline `index = [{ ... }, ...]` array (`item` is its position in the array).
    struct IndexSlot
    {
        std::string name;
        bool isInline = false;
        std::size_t table = 0;
        std::size_t item = 0;
    };

    [[nodiscard]] KeyPath indexPath() const;
    [[nodiscard]] KeyPath sourcesPath() const;
    [[nodiscard]] bool indexesInline() const;
    [[nodiscard]] std::vector<IndexSlot> indexSlots() const;
    [[nodiscard]] Result<IndexSlot> requireIndex(const std::string& name) const;
    [[nodiscard]] std::vector<ScannedEntry> slotEntries(const TomlEditor& editor,
                                                        const IndexSlot& slot) const;
    [[nodiscard]] Status setSlotValue(TomlEditor& editor, const IndexSlot& slot, const std::string& key,
                                      const std::string& valueText) const;
    [[nodiscard]] Status removeSlotKey(TomlEditor& editor, const IndexSlot& slot,
                                       const std::string& key) const;
    [[nodiscard]] Status reorderIndexes(std::size_t from, std::size_t to);
    [[nodiscard]] Status checkPinTarget(const std::string& what, const std::string& index,
                                        bool uvSource) const;
    [[nodiscard]] Status pinBesideUnconditional(const std::string& package, const std::string& index,
                                                const std::string& marker, const std::string& key,
                                                const ScannedValue& unconditional);
    [[nodiscard]] std::optional<std::string> sourceKeyFor(const std::string& package) const;
    [[nodiscard]] std::vector<std::string> packagesPinnedTo(const std::string& index) const;

    FileSnapshot m_snapshot;
    bool m_onDisk = true;
    TomlEditor m_editor;
    KeyPath m_uvPrefix; // {"tool", "uv"} for pyproject.toml, {} for uv.toml
    std::vector<IndexEntry> m_otherIndexes;
};

template <typename Edit>
Status ProjectDocument::transaction(Edit&& edit)
{
    TomlEditor backup = m_editor;
    Status status = edit(m_editor);
    if (!status)
        m_editor = std::move(backup);
    return status;
}

} // namespace pindex::project
