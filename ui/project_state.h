#pragma once

// ProjectState: everything the window shows about one project, read together on a worker thread
// (loadProjectState) and handed to the UI thread as one value: pyproject.toml (its text, for
// conflict checks before an edit, and its model), the lock (pylock.toml or another lockfile), the
// project venv's installed distributions, and the status badges computed from them.
//
// Invariants: a missing lock or venv is not an error (the optionals stay empty); `problems` lists
// what could not be read without stopping the rest.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/install/installed.h"
#include "core/lock/lock_snapshot.h"
#include "core/project/pyproject.h"
#include "core/util/error.h"

namespace pindex::ui {

struct ProjectState
{
    std::filesystem::path directory;
    std::string pyprojectText; // what the views show; edits refuse when the file no longer holds it
    project::PyProject project;
    std::vector<project::IndexEntry> indexes; // merged with uv.toml files, file order
    std::string indexStrategy;                // merged; empty = uv's default
    std::optional<std::filesystem::path> lockPath;
    std::optional<lock::LockSnapshot> lock;
    std::filesystem::path venvPath; // DIRECTORY/.venv, whether or not it exists
    bool venvExists = false;
    std::string venvPython; // X.Y from pyvenv.cfg
    std::vector<install::InstalledDistribution> installed;
    std::vector<std::string> problems;

    // Badges.
    bool lockMissing = false;
    bool lockStale = false;                             // a direct requirement the lock does not satisfy
    bool venvOutOfSync = false;                         // installed differs from the lock
    std::vector<std::string> indexesWithoutCredentials; // authenticate = "always", nothing found

    [[nodiscard]] const lock::LockedPackage* locked(const std::string& canonicalName) const;
    [[nodiscard]] const install::InstalledDistribution*
    installedPackage(const std::string& canonicalName) const;
    // The index a package is pinned to in [tool.uv.sources] (unconditional entry), or "".
    [[nodiscard]] std::string pinnedIndex(const std::string& canonicalName) const;
};

// Reads DIRECTORY/pyproject.toml (required) and the rest (optional). Runs on a worker thread.
[[nodiscard]] Result<ProjectState> loadProjectState(const std::filesystem::path& directory);

} // namespace pindex::ui
