#pragma once

// The console_scripts and gui_scripts groups of a distribution's entry_points.txt, and the small
// Python launcher written to the venv's bin/ for each.
//
// Invariants: an EntryPoint's name has no slash; module and attribute are non-empty.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/error.h"

namespace pindex::install {

struct EntryPoint
{
    std::string name;
    std::string module;
    std::string attribute; // may be dotted: `Class.method`
};

// ErrorCode::Parse naming the file and line of a malformed entry.
[[nodiscard]] Result<std::vector<EntryPoint>> parseLauncherEntryPoints(std::string_view text,
                                                                       const std::string& fileName);

// The launcher script, its shebang naming `python`.
[[nodiscard]] std::string launcherScript(const EntryPoint& point, const std::filesystem::path& python);

} // namespace pindex::install
