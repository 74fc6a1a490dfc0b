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
// moves everything back, including the files of a distribution being replaced. Every step is
// journaled first (FileTransaction): after the process is killed midway, recoverInterruptedChanges
// (installed.h) moves everything back the same way.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
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
    // Written as provenance_url.json (PEP 710: the URL and hashes of the file installed from).
    std::optional<std::string> provenanceJson;
};

// One checked member of an unpacked wheel (RECORD and its signatures are not members).
struct UnpackedMember
{
    std::string path; // as in the archive
    std::string hash; // RECORD form, "sha256=..."; empty for links
    std::uint64_t size = 0;
    bool executable = false;
    std::optional<std::string> linkTarget; // a symbolic link staying inside the wheel
};

// A wheel unpacked and checked (paths, links, sizes, every file against RECORD, WHEEL version, one
// .dist-info named after the project): the members lie below `root`, ready to be placed.
struct UnpackedWheel
{
    std::filesystem::path root;
    std::string fileName; // the wheel's file name
    std::string name;     // canonical
    std::string version;
    std::string distInfoName; // "<project>-<version>.dist-info"
    std::vector<UnpackedMember> members;
};

// Unpacks the wheel at `archivePath` into `directory` (created; left behind on failure for the
// caller to remove). `fileName` is the wheel's file name when the archive's own name is not (a
// content-addressed cache file). ErrorCode::Invalid naming the wheel and the member for anything
// unsafe or inconsistent.
[[nodiscard]] Result<UnpackedWheel> unpackWheel(const std::filesystem::path& archivePath,
                                                const std::filesystem::path& directory,
                                                const WheelInstallOptions& limits = {},
                                                std::stop_token stop = {}, std::string_view fileName = {});

enum class PlaceMode : std::uint8_t {
    Move, // rename the members out of the unpacked tree (it is consumed)
    Link, // hardlink them (reflink, else copy across filesystems); the tree stays as it is
};

struct InstalledWheel
{
    std::string name;    // canonical
    std::string version; // as in the wheel's file name
    std::filesystem::path distInfo;
    std::vector<std::filesystem::path> files; // every installed file, absolute
};

// Installs an unpacked wheel; the same all-or-nothing step as installWheel.
[[nodiscard]] Result<InstalledWheel> installUnpacked(const UnpackedWheel& wheel, const VenvLayout& venv,
                                                     const WheelInstallOptions& options, PlaceMode mode,
                                                     std::stop_token stop = {});

[[nodiscard]] Result<InstalledWheel> installWheel(const std::filesystem::path& wheelFile,
                                                  const VenvLayout& venv,
                                                  const WheelInstallOptions& options = {},
                                                  std::stop_token stop = {});

} // namespace pindex::install
