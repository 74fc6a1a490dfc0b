#pragma once

// lockProject: "lock the project" as one synchronous job, shared by `pindex lock` and the window's
// Lock action. It reads the project's configuration (pyproject.toml and uv.toml), picks the target
// environment (explicit Python version and platform, else the project's interpreter), builds one
// IndexClient per configured index in uv's search order with the strategy, sources and pattern
// pins, resolves with the existing pylock.toml's versions as preferences, and returns the new lock
// as a snapshot and as text. It writes nothing: the caller compares, previews and writes
// (writeProjectLock).
//
// What is locked: the main dependencies, every extra and every dependency group, each requirement
// evaluated for the target. An unsatisfiable project is an Error with code Unsatisfiable whose
// message is the resolver's explanation. Cancellable through the stop token.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "core/index/index_client.h"
#include "core/lock/lock_snapshot.h"
#include "core/project/pyproject.h"
#include "core/resolver/resolver.h"
#include "core/resolver/target_environment.h"
#include "core/util/error.h"

namespace pindex::auth {
class CredentialProvider;
}

namespace pindex::install {

struct ProjectLockRequest
{
    std::filesystem::path directory;          // the folder holding pyproject.toml
    std::optional<std::string> python;        // e.g. "3.12"; else the interpreter's
    std::optional<std::string> platform;      // e.g. "linux-x86_64"; else the interpreter's
    std::optional<std::string> indexStrategy; // overrides the configured strategy
    bool upgradeAll = false;
    std::set<std::string> upgradePackages; // canonical names
    bool offline = false;
    // Credentials for the indexes; null: URL credentials, UV_INDEX_<NAME>_* and netrc.
    auth::CredentialProvider* credentials = nullptr;
    std::filesystem::path cacheDirectory; // empty: HttpCache::defaultDirectory()
    // The HTTP client (its concurrency, retries); null: one of the job's own with the defaults.
    index::HttpClient* http = nullptr;
    // Hand the job's machinery (HTTP client, cache, index clients, resolver workers and the
    // solver's state) to the result, settled (ProjectLockResult::session), instead of tearing it
    // down before returning.
    bool keepSession = false;
};

// What a lock job ran on: its HTTP client, cache, index clients and resolver workers (dozens of
// threads). Tearing it down costs milliseconds (each thread's end, each freed page); a process that
// exits right after the lock can leave that to the kernel (util::leaveForExit). A kept session is
// settled: its look-ahead fetches are stopped and its cache writes are on disk, so ending the
// process at once loses nothing.
struct LockSession;

struct IndexRequestStats
{
    std::string name;
    std::string maskedUrl;
    std::size_t requests = 0;
    std::size_t cacheHits = 0;
    std::size_t notModified = 0;
};

struct ProjectLockResult
{
    std::filesystem::path lockPath; // DIRECTORY/pylock.toml
    resolver::TargetEnvironment target;
    lock::LockSnapshot snapshot; // the new lock
    std::string text;            // formatPylock(snapshot)
    std::optional<std::string> existingText;
    std::optional<lock::LockSnapshot> existing;
    std::size_t packageCount = 0;
    resolver::ResolveStatistics statistics;
    std::vector<IndexRequestStats> indexes;
    // With ProjectLockRequest::keepSession: the job's machinery, settled; destroying it is the
    // teardown lockProject would otherwise have done.
    std::shared_ptr<LockSession> session;

    // True when writing would not change pylock.toml.
    [[nodiscard]] bool unchanged() const { return existingText && *existingText == text; }
};

// Told what the job is doing; may be called from the job's thread.
class ProjectLockObserver
{
public:
    enum class Stage { ReadingProject, FindingInterpreter, Resolving, Formatting };
    virtual ~ProjectLockObserver() = default;
    virtual void stageStarted(Stage stage) = 0;
    // The environment the lock is for, once known.
    virtual void targetChosen(const resolver::TargetEnvironment& /*target*/) {}
};

[[nodiscard]] std::string_view describe(ProjectLockObserver::Stage stage);

// The client configuration of a configured index; a relative flat-index path is taken from the
// project directory.
[[nodiscard]] index::IndexConfig indexConfigFor(const project::IndexEntry& entry,
                                                const std::filesystem::path& projectDirectory);

[[nodiscard]] Result<ProjectLockResult> lockProject(const ProjectLockRequest& request,
                                                    ProjectLockObserver* observer = nullptr,
                                                    std::stop_token stop = {});

// Writes result.text to result.lockPath atomically; Conflict when the lock on disk is no longer
// the one the result was computed against (someone else wrote it meanwhile).
[[nodiscard]] Status writeProjectLock(const ProjectLockResult& result);

} // namespace pindex::install
