#include "core/install/sync_executor.h"

#include <algorithm>

#include "core/index/sha256.h"
#include "core/install/installed.h"
#include "core/install/wheel_installer.h"
#include "core/util/file_io.h"

namespace pindex::install {

namespace {

Status applyAction(const SyncAction& action, const VenvLayout& venv,
                   const std::map<std::string, SyncArtifact>& artifacts, const SyncOptions& options,
                   const std::stop_token& stop)
{
    if (action.kind == SyncActionKind::Remove)
        return uninstall(*action.installedDistInfo, venv);
    const auto found = artifacts.find(action.name);
    if (found == artifacts.end())
        return std::unexpected(makeError(ErrorCode::NotFound, "No wheel was given for " + action.name + " " +
                                                                  action.toVersion + "."));
    const auto& artifact = found->second;
    if (artifact.sha256.empty() && !options.allowMissingHashes) {
        auto err =
            makeError(ErrorCode::Invalid, "The lock has no hash for " + action.name + " " + action.toVersion +
                                              "; Pindex installs only verified files.");
        err.hint = "Lock with hashes, or allow unhashed files explicitly.";
        return std::unexpected(std::move(err));
    }
    if (!artifact.sha256.empty()) {
        auto content = readFile(artifact.wheel);
        if (!content)
            return std::unexpected(content.error());
        const auto actual = index::sha256Hex(*content);
        if (actual != artifact.sha256)
            return std::unexpected(makeError(
                ErrorCode::Invalid, "The file " + artifact.wheel.filename().string() + " for " + action.name +
                                        " does not match the lock's hash (expected sha256 " +
                                        artifact.sha256 + ", got " + actual + "); it was not installed."));
    }
    auto installed = installWheel(artifact.wheel, venv,
                                  {.requested = artifact.requested,
                                   .compileBytecode = options.compileBytecode,
                                   .replaces = action.installedDistInfo},
                                  stop);
    if (!installed)
        return std::unexpected(installed.error());
    return {};
}

} // namespace

std::size_t SyncReport::count(SyncActionKind kind) const
{
    return static_cast<std::size_t>(
        std::count_if(outcomes.begin(), outcomes.end(), [&](const SyncOutcome& outcome) {
            return outcome.applied && outcome.action.kind == kind;
        }));
}

std::size_t SyncReport::failures() const
{
    return static_cast<std::size_t>(std::count_if(
        outcomes.begin(), outcomes.end(), [](const SyncOutcome& outcome) { return !outcome.applied; }));
}

SyncReport executeSync(const SyncPlan& plan, const VenvLayout& venv,
                       const std::map<std::string, SyncArtifact>& artifacts, const SyncOptions& options,
                       SyncObserver* observer, std::stop_token stop)
{
    SyncReport report;
    for (std::size_t i = 0; i < plan.actions.size(); ++i) {
        const auto& action = plan.actions[i];
        if (stop.stop_requested()) {
            report.outcomes.push_back(
                {action, false,
                 makeError(ErrorCode::Cancelled, "The sync was cancelled before " + action.name + ".")});
            continue;
        }
        if (observer != nullptr)
            observer->actionStarted(action, i, plan.actions.size());
        auto applied = applyAction(action, venv, artifacts, options, stop);
        if (applied)
            report.outcomes.push_back({action, true, std::nullopt});
        else
            report.outcomes.push_back({action, false, applied.error()});
    }
    return report;
}

} // namespace pindex::install
