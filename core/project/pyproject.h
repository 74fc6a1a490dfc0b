#pragma once

// A read-only view of a project's configuration: pyproject.toml ([project], [dependency-groups],
// [tool.uv], [tool.pindex]) and uv.toml files. Values are copied out of the TOML document and each
// remembers where it came from (file and line); the model never holds pointers into a parser's tree.
//
// Invariants: lists keep file order; `indexes` holds exactly what the files say (see
// searchOrder() in uv_config.h for uv's effective order); problems that do not stop reading
// (an invalid index name, a duplicate name, a pin to an unknown index) are listed in `problems`.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/util/error.h"

namespace pindex::project {

// Where a value was read from; line 0 when it was implied (the PyPI default).
struct ValueOrigin
{
    // Project: the project's pyproject.toml; ProjectUvToml: the uv.toml beside it; Workspace: the
    // workspace root's pyproject.toml or uv.toml (for a member project); Ancestor: a uv.toml or
    // pyproject.toml further up that uv's search reached; User: $XDG_CONFIG_HOME/uv/uv.toml;
    // System: $XDG_CONFIG_DIRS/uv/uv.toml or /etc/uv/uv.toml; Implicit: uv's PyPI default.
    enum class Scope { Project, ProjectUvToml, Workspace, Ancestor, User, System, Implicit };
    Scope scope = Scope::Project;
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

// One [[tool.uv.index]] entry (or [[index]] in uv.toml), in file order.
struct IndexEntry
{
    std::string name;
    std::string url;
    bool isDefault = false;
    bool isExplicit = false;
    std::string format = "simple";     // "simple" | "flat"
    std::string authenticate = "auto"; // "auto" | "always" | "never"
    std::vector<int> ignoreErrorCodes;
    std::string cacheControlApi;   // cache-control.api, as written
    std::string cacheControlFiles; // cache-control.files, as written
    bool isLegacy = false;         // from index-url / extra-index-url (unnamed)
    bool isImplicit = false;       // the PyPI default uv adds when no index is the default
    ValueOrigin origin;
};

// A direct dependency as written, with the group it belongs to.
struct DependencyEntry
{
    enum class Kind { Main, Extra, Group };
    Kind kind = Kind::Main;
    std::string group;        // the extra or dependency-group name; empty for Main
    std::string requirement;  // the PEP 508 string as written; empty for an include-group
    std::string includeGroup; // PEP 735 `{ include-group = "..." }`
    bool isLegacy = false;    // from [tool.uv] dev-dependencies
    ValueOrigin origin;
};

// One [tool.uv.sources] entry (one per item of the list form).
struct SourceEntry
{
    enum class Kind { Index, Path, Url, Git, Workspace, Unknown };
    std::string package; // as written
    Kind kind = Kind::Unknown;
    std::string target; // the index name, path, URL or git URL
    std::string marker; // empty when unconditional
    std::string detail; // e.g. "rev=..., subdirectory=...", "editable"
    ValueOrigin origin;
};

// [tool.pindex.pin-patterns]: a glob over package names and the index it sends them to.
struct PatternPin
{
    std::string pattern;
    std::string index;
    ValueOrigin origin;
};

struct PyProject
{
    std::filesystem::path file;
    std::string name;
    std::string version;
    std::string requiresPython;
    std::vector<DependencyEntry> dependencies;
    std::vector<IndexEntry> indexes;
    std::vector<SourceEntry> sources;
    std::vector<PatternPin> pinPatterns;
    std::string indexStrategy; // empty when not set
    ValueOrigin indexStrategyOrigin;
    bool hasToolUv = false;
    std::vector<Error> problems;
};

// Reads `file` (a pyproject.toml). Errors name the file, line and column.
[[nodiscard]] Result<PyProject> loadPyProject(const std::filesystem::path& file);
// Reads a pyproject.toml held in memory (`file` names it in errors and origins).
[[nodiscard]] Result<PyProject> parsePyProject(const std::string& text, const std::filesystem::path& file);

// "project", "project-uv-toml", "workspace", "ancestor", "user", "system", "implicit".
[[nodiscard]] std::string_view toString(ValueOrigin::Scope scope);

// uv's index name rule: ASCII letters, digits, '-', '_' and '.', not empty.
[[nodiscard]] bool isValidIndexName(std::string_view name);
// The distribution name at the start of a requirement string, canonicalized; empty if none.
[[nodiscard]] std::string requirementName(std::string_view requirement);

} // namespace pindex::project
