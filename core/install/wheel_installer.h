#pragma once

// Installs a wheel into a venv as the binary distribution format specification describes: files
// to purelib/platlib (site-packages), `.data/` subdirectories to scripts, headers, data, purelib
// and platlib; `#!python` shebangs pointed at the venv's interpreter; console_scripts and
// gui_scripts launchers; INSTALLER, REQUESTED and direct_url.json; a rewritten RECORD listing every
// installed file with its hash; optional bytecode compilation.
//
// The archive is checked before anything reaches the venv: member paths must be relative and stay
// inside the wheel (no `..`, no absolute paths, no links leaving it), no member may exceed the size
// limit, and every file must be listed in RECORD with a matching hash.
//
// Invariants: an install is all-or-nothing. Files are unpacked into a staging directory inside the
// venv, then renamed into place; a failure or a cancellation before the final RECORD is written
// moves everything back, including the files of a distribution being replaced.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "core/install/venv.h"
#include "core/util/error.h"

namespace pindex::install {

struct WheelInstallOptions
{
    std::string installer = "pindex";         // written to INSTALLER
    bool requested = false;                   // write REQUESTED (a direct dependency)
    std::optional<std::string> directUrlJson; // written as direct_url.json when set
    bool compileBytecode = false;             // compile .py files with the venv's interpreter
    std::uint64_t maxMemberSize = 1ULL << 31; // bytes, per archive member
    std::uint64_t maxTotalSize = 1ULL << 33;  // bytes, all members together
    // The .dist-info directory of an installed distribution this wheel replaces (upgrade,
    // downgrade, reinstall): its files are removed in the same all-or-nothing step.
    std::optional<std::filesystem::path> replaces;
};

struct InstalledWheel
{
    std::string name;    // canonical
    std::string version; // as in the wheel's file name
    std::filesystem::path distInfo;
    std::vector<std::filesystem::path> files; // every installed file, absolute
};

[[nodiscard]] Result<InstalledWheel> installWheel(const std::filesystem::path& wheelFile,
                                                  const VenvLayout& venv,
                                                  const WheelInstallOptions& options = {},
                                                  std::stop_token stop = {});

} // namespace pindex::install
