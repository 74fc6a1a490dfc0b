#pragma once

// The sync planner: what to do to a venv so that its installed distributions match a target set
// exactly. Pure: it reads nothing and changes nothing; the executor applies the plan.
//
// Invariants: a plan names each package at most once; packages whose installed version equals the
// target (and that need no reinstall) appear only in `unchanged`; removals happen only when
// `inexact` is false; actions are sorted by package name.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/install/installed.h"

namespace pindex::install {

struct TargetPackage
{
    std::string name;    // canonical
    std::string version; // PEP 440
    bool requested = false;
    bool reinstall = false; // same version but another artifact or source
};

enum class SyncActionKind : std::uint8_t { Install, Upgrade, Downgrade, Reinstall, Remove };

struct SyncAction
{
    SyncActionKind kind = SyncActionKind::Install;
    std::string name;
    std::string fromVersion; // empty for Install
    std::string toVersion;   // empty for Remove
    std::optional<std::filesystem::path> installedDistInfo;
};

struct SyncPlan
{
    std::vector<SyncAction> actions;
    std::vector<std::string> unchanged;
};

// `inexact` keeps installed packages the target does not name. Packages pip needs to run are not
// special: a lock without pip removes it.
[[nodiscard]] SyncPlan planSync(const std::vector<InstalledDistribution>& installed,
                                const std::vector<TargetPackage>& target, bool inexact);

} // namespace pindex::install
