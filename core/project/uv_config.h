#pragma once

// A project's effective uv configuration: pyproject.toml plus the project's uv.toml and the user's
// uv.toml, merged with uv's precedence rules, each value remembering the file it came from.
//
// uv's rules, as implemented here: a uv.toml next to pyproject.toml replaces [tool.uv] of that
// pyproject.toml (which is then ignored); the user's uv.toml ($XDG_CONFIG_HOME/uv/uv.toml, else
// ~/.config/uv/uv.toml) is merged under the project's settings: a scalar set by the project wins,
// lists are joined with the project's entries first. Sources and pins come from pyproject.toml only.
//
// Invariants: `indexes` is in file order, project before user; searchOrder() gives uv's order, in
// which the default index is last and PyPI is the implicit default unless an index has
// `default = true`.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/project/pyproject.h"

namespace pindex::project {

// Where user-level configuration lives; passed in so that tests never read the real home.
struct UserDirectories
{
    std::string xdgConfigHome; // $XDG_CONFIG_HOME, may be empty
    std::string home;          // $HOME, may be empty

    [[nodiscard]] static UserDirectories fromEnvironment();
    // The user-level uv.toml path (whether or not it exists); nullopt when neither is known.
    [[nodiscard]] std::optional<std::filesystem::path> userUvToml() const;
};

struct ProjectConfiguration
{
    PyProject project;               // pyproject.toml as written
    std::vector<IndexEntry> indexes; // merged, project first
    std::string indexStrategy;       // merged; empty means uv's default (first-index)
    ValueOrigin indexStrategyOrigin;
    std::vector<std::filesystem::path> files; // the files that were read, in precedence order
    bool toolUvShadowed = false;              // a project uv.toml made uv ignore [tool.uv]
    std::vector<Error> problems;
};

// Reads DIRECTORY/pyproject.toml (required), DIRECTORY/uv.toml and the user's uv.toml (optional).
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
