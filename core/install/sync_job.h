#pragma once

// syncProject: the one-click sync as one synchronous core job. It finds the lock (pylock.toml,
// uv.lock or a hashed requirements.txt) and the interpreter, creates the venv when missing, plans
// (install, upgrade, downgrade, reinstall, remove), downloads the wheels it lacks in parallel through
// the index client (credentials as `pindex lock` gets them; every file checked against the lock's
// sha256), keeps them in the content-addressed artifact cache and unpacked in a wheel cache, and
// installs each package from there by hardlink (reflink, else copy across filesystems): removals
// and replacements one at a time, then fresh installs in parallel across wheels that share no
// destination.
//
// The UI runs it on a worker thread: progress arrives through SyncProgressObserver from its threads
// (throttle it yourself), cancellation through the std::stop_token, the result as a SyncSummary.
//
// Invariants:
// - Nothing in the venv changes before every needed wheel is downloaded and verified; a failed or
//   cancelled download leaves the venv exactly as it was.
// - Each package change is all-or-nothing: after a failure or a cancellation every package is in
//   its old or its new state, and its PackageResult says which (`installedVersion`). After the
//   process is killed (SIGKILL, a crash), the next sync first rolls the interrupted change back
//   from its journal, so it plans from whole packages.
// - A package that already matches the lock is not touched (no file of it is rewritten).
// - `summary.packages` names every package of the plan and every unchanged one exactly once, sorted
//   by canonical name.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "core/util/error.h"
#include "core/util/phase_timings.h"

namespace pindex::auth {
class CredentialProvider;
}
namespace pindex::index {
class HttpClient;
}

namespace pindex::install {

class InterpreterCache;

struct SyncJobOptions
{
    std::filesystem::path projectDirectory;
    // The lock to sync from; default: pylock.toml, then uv.lock, then requirements.txt in the
    // project directory.
    std::optional<std::filesystem::path> lockFile;
    // The venv; default: <projectDirectory>/.venv (created when missing).
    std::optional<std::filesystem::path> venv;
    bool inexact = false;         // keep installed packages the lock does not name
    bool dryRun = false;          // plan only; the summary's outcomes are what would happen
    bool offline = false;         // wheels from the cache only
    bool compileBytecode = false; // --compile
    bool allowUnhashed = false;   // install lock entries without a sha256 (refused otherwise)
    // Cache root (artifacts, unpacked wheels, interpreter reports); default
    // index::HttpCache::defaultDirectory().
    std::optional<std::filesystem::path> cacheDirectory;
    // The base interpreter for a venv that does not exist yet; default: findInterpreter (the
    // project's .python-version, then python3.X / python3 on PATH matching requires-python).
    std::optional<std::filesystem::path> python;
};

// Services the caller may share with other jobs; anything null is created for the job.
struct SyncServices
{
    index::HttpClient* http = nullptr;
    auth::CredentialProvider* credentials = nullptr; // default: URL, UV_INDEX_* variables, netrc
    InterpreterCache* interpreters = nullptr;
};

enum class PackageOutcome : std::uint8_t {
    Installed,   // was absent, now at newVersion
    Upgraded,    // oldVersion -> newVersion (newer)
    Downgraded,  // oldVersion -> newVersion (older)
    Reinstalled, // same version, other file (hash or source changed)
    Removed,     // was installed, the lock does not name it
    Unchanged,   // already matched the lock; not touched
    Failed,      // the change was attempted and rolled back: still at oldVersion (error says why)
    NotStarted,  // cancelled, or stopped by another package's download failure: still at oldVersion
};

[[nodiscard]] std::string_view toString(PackageOutcome outcome);

struct PackageResult
{
    std::string name; // canonical
    PackageOutcome outcome = PackageOutcome::Unchanged;
    PackageOutcome planned = PackageOutcome::Unchanged; // what the plan meant to do
    std::string oldVersion;                             // installed before the sync; empty when absent
    std::string newVersion;                             // what the lock wants; empty for a removal
    std::string installedVersion;                       // installed after the sync; empty when absent
    std::uint64_t downloadBytes = 0; // bytes fetched over the network for it (0 from the cache)
    std::optional<Error> error;      // for Failed and NotStarted
};

struct SyncSummary
{
    std::filesystem::path lockFile;
    std::filesystem::path venv;
    std::filesystem::path interpreter; // the venv's python
    std::string pythonVersion;         // "3.11"
    bool venvCreated = false;
    bool dryRun = false;
    bool cancelled = false;
    std::vector<PackageResult> packages;
    // Lock entries this environment needs but Pindex cannot install yet (an sdist or VCS source
    // needing a build, no compatible wheel), each naming the package. They make the sync fail
    // (nothing else is changed) so the venv never silently misses a locked package.
    std::vector<Error> unsupported;
    std::uint64_t downloadBytes = 0;
    std::chrono::milliseconds elapsed{0};
    // The job's phases (read lock, interpreter, select from lock, create venv, read venv, plan,
    // wheel cache lookup, download, unpack, install: those that ran), for `pindex sync -v`.
    util::PhaseTimings timings;

    [[nodiscard]] std::size_t count(PackageOutcome outcome) const;
    // True when every planned change was applied and nothing is unsupported.
    [[nodiscard]] bool succeeded() const;
};

enum class SyncPhase : std::uint8_t { Preparing, Downloading, Installing, Finished };

struct SyncProgress
{
    SyncPhase phase = SyncPhase::Preparing;
    std::size_t packagesDone = 0; // changes applied or failed so far
    std::size_t packagesTotal = 0;
    std::uint64_t bytesDone = 0;  // downloaded so far
    std::uint64_t bytesTotal = 0; // to download (lock sizes; 0 when the lock does not give them)
};

enum class PackageState : std::uint8_t { Queued, Downloading, Downloaded, Installing, Done, Failed };

struct PackageProgress
{
    std::string name;
    PackageState state = PackageState::Queued;
    std::uint64_t bytesDone = 0;
    std::uint64_t bytesTotal = 0;
};

// Called from the job's threads (downloads and parallel installs report from their own), one call
// at a time. Default implementations ignore everything.
class SyncProgressObserver
{
public:
    virtual ~SyncProgressObserver() = default;
    // The plan, before anything is downloaded or changed (every result has its `planned` outcome).
    virtual void planned(const SyncSummary& plan) { (void)plan; }
    virtual void overall(const SyncProgress& progress) { (void)progress; }
    virtual void package(const PackageProgress& progress) { (void)progress; }
    // A package reached its final outcome.
    virtual void finished(const PackageResult& result) { (void)result; }
};

// Errors (no lock, unreadable lock, no interpreter, a venv that belongs to something else, a lock
// without hashes unless allowed) are returned before anything changes. Once the plan exists, the
// result is a SyncSummary, also when packages failed or the job was cancelled.
[[nodiscard]] Result<SyncSummary> syncProject(const SyncJobOptions& options,
                                              SyncProgressObserver* observer = nullptr,
                                              std::stop_token stop = {}, const SyncServices& services = {});

} // namespace pindex::install
