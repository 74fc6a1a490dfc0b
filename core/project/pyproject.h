#pragma once

// A read-only view of a project's pyproject.toml: its name, dependencies (main, extras, groups)
// and configured indexes in uv's format. Values are copied out of the TOML document; the model
// never holds pointers into a parser's tree.

#include "core/util/error.h"

#include <filesystem>
#include <string>
#include <vector>

namespace pindex::project {

// One [[tool.uv.index]] entry, in file order.
struct IndexEntry
{
    std::string name;
    std::string url;
    bool isDefault = false;
    bool isExplicit = false;
    std::string format = "simple";       // "simple" | "flat"
    std::string authenticate = "auto";   // "auto" | "always" | "never"
};

// A direct dependency as written, with the group it belongs to.
struct DependencyEntry
{
    enum class Kind { Main, Extra, Group };
    Kind kind = Kind::Main;
    std::string group;        // the extra or dependency-group name; empty for Main
    std::string requirement;  // the PEP 508 string as written
};

struct PyProject
{
    std::filesystem::path file;
    std::string name;
    std::string version;
    std::string requiresPython;
    std::vector<DependencyEntry> dependencies;
    std::vector<IndexEntry> indexes;
};

// Reads `file` (a pyproject.toml). Errors name the file, line and column.
[[nodiscard]] Result<PyProject> loadPyProject(const std::filesystem::path& file);

} // namespace pindex::project
