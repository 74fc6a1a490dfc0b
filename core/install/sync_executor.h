#pragma once

// Applies a SyncPlan to a venv from wheel files already on disk, verifying each file's SHA-256
// against the lock before it is opened. Each action is all-or-nothing (installWheel with
// `replaces`, or uninstall); a failed action leaves its package in its old state and the others go
// on; a cancellation stops before the next action. The report says what happened to each package.
//
// Invariants: every action of the plan appears in the report exactly once, in plan order; an
// outcome is `applied` only when the package is fully in its new state.

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <stop_token>
#include <string>

#include "core/install/sync_planner.h"
#include "core/install/venv.h"
#include "core/util/error.h"

namespace pindex::install {

struct SyncArtifact
{
    std::filesystem::path wheel;
    std::string sha256; // lower-case hex from the lock; empty when the lock has none
    bool requested = false;
};

struct SyncOptions
{
    bool compileBytecode = false;
    bool allowMissingHashes = false; // otherwise a target without a hash is refused
};

struct SyncOutcome
{
    SyncAction action;
    bool applied = false;
    std::optional<Error> error; // when not applied (Cancelled for actions never started)
};

struct SyncReport
{
    std::vector<SyncOutcome> outcomes;
    [[nodiscard]] std::size_t count(SyncActionKind kind) const;
    [[nodiscard]] std::size_t failures() const;
};

// Told before each action starts (index counts from 0). May be called from the executing thread.
class SyncObserver
{
public:
    virtual ~SyncObserver() = default;
    virtual void actionStarted(const SyncAction& action, std::size_t index, std::size_t total) = 0;
};

// `artifacts` maps each package to install (by canonical name) to its wheel.
[[nodiscard]] SyncReport executeSync(const SyncPlan& plan, const VenvLayout& venv,
                                     const std::map<std::string, SyncArtifact>& artifacts,
                                     const SyncOptions& options = {}, SyncObserver* observer = nullptr,
                                     std::stop_token stop = {});

} // namespace pindex::install
