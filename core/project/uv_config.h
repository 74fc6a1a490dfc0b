#pragma once

// A project's effective uv configuration: where the project is, which files configure it, and the
// merged values with uv's precedence rules, each value remembering the file it came from.
//
// uv's rules, as implemented here:
// - The project is the nearest directory, from the given one upwards, holding a pyproject.toml.
//   It is a member of a workspace when a pyproject.toml further up has [tool.uv.workspace] whose
//   `members` globs include it and whose `exclude` globs do not (the search stops at the first
//   pyproject.toml with a [project] table and no workspace).
// - Project settings come from the workspace root (the project itself when it is no member): its
//   uv.toml, else its pyproject.toml's [tool.uv]; when it has neither, the search goes on in the
//   parent directories. A uv.toml makes uv ignore [tool.uv] in the pyproject.toml beside it.
// - The user's uv.toml ($XDG_CONFIG_HOME/uv/uv.toml, else ~/.config/uv/uv.toml) and then the
//   system's (the first $XDG_CONFIG_DIRS/uv/uv.toml, else /etc/uv/uv.toml) are merged under them:
//   a scalar set earlier wins, lists are joined with the earlier entries first.
// - Sources come from pyproject.toml only: the member's, then the workspace root's for packages the
//   member does not name. They may name indexes of those pyproject.toml files only (not of a uv.toml).
//
// Invariants: `indexes` is in precedence order (project settings, user, system); searchOrder()
// gives uv's order, in which the default index is last and PyPI is the implicit default unless an
// index has `default = true`.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/project/pyproject.h"

namespace pindex::project {

// Where user- and system-level configuration lives; passed in so that tests never read the real
// home or /etc.
struct UserDirectories
{
    std::string xdgConfigHome; // $XDG_CONFIG_HOME, may be empty
    std::string home;          // $HOME, may be empty
    std::string xdgConfigDirs; // $XDG_CONFIG_DIRS, ':'-separated, may be empty
    std::filesystem::path systemDirectory = "/etc";

    [[nodiscard]] static UserDirectories fromEnvironment();
    // The user-level uv.toml path (whether or not it exists); nullopt when neither is known.
    [[nodiscard]] std::optional<std::filesystem::path> userUvToml() const;
    // The system-level uv.toml that exists: the first of $XDG_CONFIG_DIRS, else /etc/uv/uv.toml.
    [[nodiscard]] std::optional<std::filesystem::path> systemUvToml() const;
};

// Where a project is: its directory and its workspace root (the same directory when it is not a
// member of a workspace).
struct ProjectLocation
{
    std::filesystem::path directory;
    std::filesystem::path workspaceRoot;

    [[nodiscard]] bool isWorkspaceMember() const { return workspaceRoot != directory; }
    [[nodiscard]] std::filesystem::path pyproject() const { return directory / "pyproject.toml"; }
};

// Finds the project holding `start` (a directory), as uv does; ErrorCode::NotFound when no
// pyproject.toml is found up to the root of the file system.
[[nodiscard]] Result<ProjectLocation> findProject(const std::filesystem::path& start);

struct ProjectConfiguration
{
    ProjectLocation location;
    PyProject project;                     // the project's pyproject.toml as written
    std::optional<PyProject> workspace;    // the workspace root's pyproject.toml, for a member
    std::vector<IndexEntry> indexes;       // merged, in precedence order
    std::vector<IndexEntry> sourceIndexes; // the indexes [tool.uv.sources] may name
    std::vector<SourceEntry> sources;      // the member's sources, then the workspace root's
    std::string indexStrategy;             // merged; empty means uv's default (first-index)
    ValueOrigin indexStrategyOrigin;
    std::vector<std::filesystem::path> files; // the files that were read, in precedence order
    bool toolUvShadowed = false;              // a uv.toml made uv ignore a [tool.uv]
    std::vector<Error> problems;
};

// Finds the project from DIRECTORY (see findProject) and reads its configuration: pyproject.toml
// (required), the workspace root's, the project settings' uv.toml, the user's and the system's.
[[nodiscard]] Result<ProjectConfiguration> loadProjectConfiguration(const std::filesystem::path& directory,
                                                                    const UserDirectories& user);

// Reads one uv.toml into index entries and settings (for tools that show a single file).
[[nodiscard]] Result<ProjectConfiguration> loadUvToml(const std::filesystem::path& file,
                                                      ValueOrigin::Scope scope);

// uv's search order: the non-default indexes in order (first definition of a name wins), then the
// default index, or PyPI when none is the default.
[[nodiscard]] std::vector<IndexEntry> searchOrder(const std::vector<IndexEntry>& indexes);

inline constexpr const char* kPyPiSimpleUrl = "https://pypi.org/simple";

} // namespace pindex::project
