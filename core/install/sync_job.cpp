#include "core/install/sync_job.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <unistd.h>

#include "core/index/http_cache.h"
#include "core/index/index_client.h"
#include "core/index/sha256.h"
#include "core/install/install_groups.h"
#include "core/install/installed.h"
#include "core/install/interpreter.h"
#include "core/install/lock_selection.h"
#include "core/install/sync_downloader.h"
#include "core/install/sync_planner.h"
#include "core/install/unpacked_cache.h"
#include "core/install/venv.h"
#include "core/lock/lock_reader.h"
#include "core/standards/version.h"
#include "core/util/file_io.h"
#include "core/util/phase_timings.h"
#include "core/util/quoted_string.h"
#include "core/util/url_text.h"

namespace pindex::install {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string_view toString(PackageOutcome outcome)
{
    switch (outcome) {
    case PackageOutcome::Installed: return "installed";
    case PackageOutcome::Upgraded: return "upgraded";
    case PackageOutcome::Downgraded: return "downgraded";
    case PackageOutcome::Reinstalled: return "reinstalled";
    case PackageOutcome::Removed: return "removed";
    case PackageOutcome::Unchanged: return "unchanged";
    case PackageOutcome::Failed: return "failed";
    case PackageOutcome::NotStarted: return "not started";
    }
    return "unknown";
}

std::size_t SyncSummary::count(PackageOutcome outcome) const
{
    return static_cast<std::size_t>(std::ranges::count_if(
        packages, [&](const PackageResult& result) { return result.outcome == outcome; }));
}

bool SyncSummary::succeeded() const
{
    return unsupported.empty() && !cancelled &&
           std::ranges::none_of(packages, [](const PackageResult& result) {
               return result.outcome == PackageOutcome::Failed ||
                      result.outcome == PackageOutcome::NotStarted;
           });
}

namespace {

PackageOutcome outcomeOf(SyncActionKind kind)
{
    switch (kind) {
    case SyncActionKind::Install: return PackageOutcome::Installed;
    case SyncActionKind::Upgrade: return PackageOutcome::Upgraded;
    case SyncActionKind::Downgrade: return PackageOutcome::Downgraded;
    case SyncActionKind::Reinstall: return PackageOutcome::Reinstalled;
    case SyncActionKind::Remove: return PackageOutcome::Removed;
    }
    return PackageOutcome::Unchanged;
}

bool sameVersion(const std::string& a, const std::string& b)
{
    const auto left = standards::Version::parse(a);
    const auto right = standards::Version::parse(b);
    if (left && right)
        return (*left <=> *right) == 0;
    return a == b;
}

Result<fs::path> findLockFile(const SyncJobOptions& options, const fs::path& projectDirectory)
{
    std::error_code error;
    if (options.lockFile) {
        const fs::path path =
            options.lockFile->is_absolute() ? *options.lockFile : projectDirectory / *options.lockFile;
        if (!fs::exists(path, error))
            return std::unexpected(
                makeFileError(ErrorCode::NotFound, "the lock file does not exist", path.string()));
        return path;
    }
    for (const char* name : {"pylock.toml", "uv.lock", "requirements.txt"}) {
        const auto path = projectDirectory / name;
        if (fs::exists(path, error))
            return path;
    }
    auto failure =
        makeError(ErrorCode::NotFound, "No lock file (pylock.toml, uv.lock or requirements.txt) in " +
                                           projectDirectory.string() + ".");
    failure.hint = "Run `pindex lock` first, or name one with --lock FILE.";
    return std::unexpected(std::move(failure));
}

std::string provenanceJson(const std::string& url, const std::string& sha256)
{
    return "{\"url\": " + quoteString(url) +
           ", \"archive_info\": {\"hashes\": {\"sha256\": " + quoteString(sha256) + "}}}\n";
}

std::string fileUrl(const fs::path& path)
{
    return "file://" + path.string();
}

// Where a selected wheel comes from: an absolute URL, or a path relative to the lock's folder.
std::string wheelUrl(const lock::LockedFile& wheel, const fs::path& lockDirectory)
{
    if (!wheel.url.empty())
        return wheel.url;
    fs::path path(wheel.path);
    if (!path.is_absolute())
        path = (lockDirectory / path).lexically_normal();
    return fileUrl(path);
}

// What the job still needs for one package it installs.
struct Work
{
    std::size_t result = 0; // index into summary.packages
    const SyncAction* action = nullptr;
    const SelectedPackage* selected = nullptr;
    std::string url; // without credentials in messages; may carry them for the client
    std::string sha256;
    std::optional<UnpackedWheel> unpacked;
    std::optional<Error> error;
    std::uint64_t downloaded = 0;
};

class Notifier
{
public:
    explicit Notifier(SyncProgressObserver* observer)
        : m_observer(observer)
    {}
    void overall(const SyncProgress& progress)
    {
        if (m_observer != nullptr) {
            std::lock_guard lock(m_mutex);
            m_observer->overall(progress);
        }
    }
    void package(const PackageProgress& progress)
    {
        if (m_observer != nullptr) {
            std::lock_guard lock(m_mutex);
            m_observer->package(progress);
        }
    }
    void finished(const PackageResult& result)
    {
        if (m_observer != nullptr) {
            std::lock_guard lock(m_mutex);
            m_observer->finished(result);
        }
    }
    void planned(const SyncSummary& summary)
    {
        if (m_observer != nullptr) {
            std::lock_guard lock(m_mutex);
            m_observer->planned(summary);
        }
    }

private:
    SyncProgressObserver* m_observer;
    std::mutex m_mutex;
};

void runParallel(std::size_t count, const std::function<void(std::size_t)>& work)
{
    const std::size_t threads =
        std::min<std::size_t>(count, std::max<unsigned>(1, std::thread::hardware_concurrency()));
    if (threads <= 1) {
        for (std::size_t i = 0; i < count; ++i)
            work(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::jthread> pool;
    pool.reserve(threads);
    for (std::size_t t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (std::size_t i = next++; i < count; i = next++)
                work(i);
        });
}

} // namespace

Result<SyncSummary> syncProject(const SyncJobOptions& options, SyncProgressObserver* observer,
                                std::stop_token stop, const SyncServices& services)
{
    const auto started = Clock::now();
    // Where the time goes (`pindex sync -v`): the phase running now and when it began.
    util::PhaseTimings timings;
    std::string_view phase = "read lock";
    auto phaseStarted = started;
    const auto beginPhase = [&](std::string_view next) {
        const auto now = Clock::now();
        timings.add(phase, now - phaseStarted);
        phase = next;
        phaseStarted = now;
    };
    Notifier notify(observer);
    notify.overall({.phase = SyncPhase::Preparing});
    std::error_code ignored;
    const fs::path projectDirectory =
        fs::absolute(options.projectDirectory.empty() ? fs::current_path(ignored) : options.projectDirectory,
                     ignored)
            .lexically_normal();

    auto lockPath = findLockFile(options, projectDirectory);
    if (!lockPath)
        return std::unexpected(lockPath.error());
    auto snapshot = lock::readLock(*lockPath);
    if (!snapshot)
        return std::unexpected(snapshot.error());
    beginPhase("interpreter");

    const fs::path cacheRoot = options.cacheDirectory.value_or(index::HttpCache::defaultDirectory());
    std::optional<InterpreterCache> ownInterpreters;
    if (services.interpreters == nullptr)
        ownInterpreters.emplace(cacheRoot / "interpreters-v1");
    InterpreterCache& interpreters =
        services.interpreters != nullptr ? *services.interpreters : *ownInterpreters;

    SyncSummary summary;
    summary.lockFile = *lockPath;
    summary.dryRun = options.dryRun;
    const fs::path venvRoot =
        fs::absolute(options.venv.value_or(projectDirectory / ".venv"), ignored).lexically_normal();
    summary.venv = venvRoot;

    // The interpreter: the venv's own, or the project's base interpreter for a venv to create.
    std::optional<InterpreterInfo> interpreter;
    VenvLayout layout;
    bool venvExists = isVenv(venvRoot);
    if (venvExists) {
        auto version = venvPythonVersion(venvRoot);
        if (!version)
            return std::unexpected(version.error());
        layout = venvLayout(venvRoot, *version);
        auto queried = interpreters.query(layout.python);
        if (!queried) {
            auto error = queried.error();
            error.hint = "The venv at " + venvRoot.string() +
                         " has no working interpreter; remove it and sync again to recreate it.";
            return std::unexpected(std::move(error));
        }
        interpreter = std::move(*queried);
    } else {
        InterpreterRequest request{.projectDirectory = projectDirectory, .ignoreVirtualEnvironment = true};
        if (!snapshot->requiresPython.empty())
            if (auto specifier = standards::SpecifierSet::parse(snapshot->requiresPython))
                request.requiresPython = *specifier;
        auto base =
            options.python ? interpreters.query(*options.python) : findInterpreter(request, interpreters);
        if (!base)
            return std::unexpected(base.error());
        layout = venvLayout(venvRoot, base->pythonVersion());
        interpreter = std::move(*base);
    }
    summary.interpreter = layout.python;
    summary.pythonVersion = layout.pythonVersion;

    // What the lock wants here.
    beginPhase("select from lock");
    const LockSelection selection = selectFromLock(*snapshot, *interpreter);
    std::set<std::string> unsupportedNames;
    for (const auto& problem : selection.problems) {
        summary.unsupported.push_back(problem);
        const auto space = problem.message.find(' ');
        unsupportedNames.insert(problem.message.substr(0, space));
    }
    std::vector<std::string> unhashed;
    for (const auto& selected : selection.packages)
        if (selected.sha256.empty())
            unhashed.push_back(selected.target.name);
    if (!unhashed.empty() && !options.allowUnhashed) {
        std::string names;
        for (const auto& name : unhashed)
            names += (names.empty() ? "" : ", ") + name;
        auto error = makeFileError(ErrorCode::Invalid,
                                   "the lock gives no sha256 for " + names +
                                       "; Pindex installs only files it can verify",
                                   lockPath->string());
        error.hint = "Lock with hashes (`pindex lock` writes them), or pass --allow-unhashed to install "
                     "unverified files.";
        return std::unexpected(std::move(error));
    }

    // A venv to create: only now, once the lock is known to be installable from.
    if (!venvExists && !options.dryRun) {
        beginPhase("create venv");
        auto created = createVenv(venvRoot, *interpreter);
        if (!created)
            return std::unexpected(created.error());
        layout = *created;
        interpreters.rememberVirtualEnvironment(layout.python, layout.root, *interpreter);
        summary.venvCreated = true;
    }

    // What the venv has, and the plan.
    beginPhase("read venv");
    // A sync killed midway left its journal: undo (or finish) that first, so that the plan starts
    // from packages that are each wholly old or wholly new.
    if (venvExists && !options.dryRun)
        if (auto recovered = recoverInterruptedChanges(layout); !recovered)
            return std::unexpected(recovered.error());
    std::vector<InstalledDistribution> installed;
    if (venvExists || !options.dryRun) {
        auto listed = listInstalled(layout);
        if (!listed)
            return std::unexpected(listed.error());
        installed = std::move(*listed);
    }
    beginPhase("plan");
    std::map<std::string, const InstalledDistribution*> installedByName;
    for (const auto& distribution : installed)
        installedByName.emplace(distribution.name, &distribution);
    const fs::path lockDirectory = lockPath->parent_path();
    std::vector<TargetPackage> targets;
    std::map<std::string, const SelectedPackage*> selectedByName;
    for (const auto& selected : selection.packages) {
        TargetPackage target = selected.target;
        if (const auto found = installedByName.find(target.name);
            found != installedByName.end() && sameVersion(found->second->version, target.version)) {
            const auto& current = *found->second;
            const std::string url = stripUrlCredentials(wheelUrl(selected.wheel, lockDirectory));
            if (!selected.sha256.empty() && !current.archiveSha256.empty())
                target.reinstall = selected.sha256 != current.archiveSha256;
            else if (!current.archiveUrl.empty())
                target.reinstall = current.archiveUrl != url;
        }
        selectedByName.emplace(target.name, &selected);
        targets.push_back(std::move(target));
    }
    SyncPlan plan = planSync(installed, targets, options.inexact);
    // A package the lock names but Pindex cannot install is never removed for lack of a wheel.
    std::erase_if(plan.actions, [&](const SyncAction& action) {
        return action.kind == SyncActionKind::Remove && unsupportedNames.contains(action.name);
    });

    for (const auto& action : plan.actions) {
        PackageResult result;
        result.name = action.name;
        result.planned = outcomeOf(action.kind);
        result.outcome = result.planned;
        result.oldVersion = action.fromVersion;
        result.newVersion = action.toVersion;
        result.installedVersion = action.fromVersion;
        summary.packages.push_back(std::move(result));
    }
    for (const auto& name : plan.unchanged) {
        const auto version = installedByName.at(name)->version;
        summary.packages.push_back({.name = name,
                                    .outcome = PackageOutcome::Unchanged,
                                    .planned = PackageOutcome::Unchanged,
                                    .oldVersion = version,
                                    .newVersion = version,
                                    .installedVersion = version});
    }
    std::ranges::sort(summary.packages, {}, &PackageResult::name);
    std::map<std::string, std::size_t> resultIndex;
    for (std::size_t i = 0; i < summary.packages.size(); ++i)
        resultIndex.emplace(summary.packages[i].name, i);
    notify.planned(summary);

    const auto finish = [&]() -> Result<SyncSummary> {
        beginPhase({});
        summary.timings = std::move(timings);
        summary.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
        notify.overall({.phase = SyncPhase::Finished,
                        .packagesDone = plan.actions.size(),
                        .packagesTotal = plan.actions.size(),
                        .bytesDone = summary.downloadBytes,
                        .bytesTotal = summary.downloadBytes});
        return summary;
    };
    const auto leaveAll = [&](const Error& why, bool notStartedOnly) {
        for (auto& result : summary.packages) {
            if (result.outcome == PackageOutcome::Unchanged || result.outcome == PackageOutcome::Failed)
                continue;
            if (notStartedOnly && result.error)
                continue;
            result.outcome = PackageOutcome::NotStarted;
            result.installedVersion = result.oldVersion;
            result.error = why;
            notify.finished(result);
        }
    };

    if (options.dryRun)
        return finish();
    if (!summary.unsupported.empty()) {
        std::string names;
        for (const auto& name : unsupportedNames)
            names += (names.empty() ? "" : ", ") + name;
        leaveAll(makeError(ErrorCode::Unsupported,
                           "Nothing was changed: the lock has packages Pindex cannot install yet (" + names +
                               ")."),
                 false);
        return finish();
    }
    if (plan.actions.empty())
        return finish();

    // Fetch: unpacked wheels from the cache, else the artifact cache, else the network.
    beginPhase("wheel cache lookup");
    const index::HttpCache artifactCache(cacheRoot);
    const UnpackedWheelCache wheelCache(cacheRoot);
    std::vector<Work> work;
    for (const auto& action : plan.actions) {
        if (action.kind == SyncActionKind::Remove)
            continue;
        const auto* selected = selectedByName.at(action.name);
        Work item;
        item.result = resultIndex.at(action.name);
        item.action = &action;
        item.selected = selected;
        item.url = wheelUrl(selected->wheel, lockDirectory);
        item.sha256 = selected->sha256;
        if (!item.sha256.empty())
            item.unpacked = wheelCache.find(item.sha256);
        work.push_back(std::move(item));
    }
    std::uint64_t bytesTotal = 0;
    std::vector<std::size_t> toFetch;
    for (std::size_t i = 0; i < work.size(); ++i) {
        if (work[i].unpacked)
            continue;
        toFetch.push_back(i);
        bytesTotal += work[i].selected->wheel.size.value_or(0);
    }
    std::atomic<std::uint64_t> bytesDone{0};
    if (!toFetch.empty()) {
        beginPhase("download");
        notify.overall({.phase = SyncPhase::Downloading,
                        .packagesTotal = plan.actions.size(),
                        .bytesTotal = bytesTotal});
        // Group the downloads by index client; each group goes out as one parallel batch.
        SyncDownloader downloader(projectDirectory, options, services, artifactCache);
        std::map<index::IndexClient*, std::vector<std::size_t>> groups;
        for (const auto i : toFetch) {
            const auto& package = snapshot->packages; // index URL of the locked package
            std::string indexUrl;
            for (const auto& entry : package)
                if (entry.canonicalName() == work[i].action->name &&
                    entry.version == work[i].selected->target.version) {
                    indexUrl = entry.index;
                    break;
                }
            groups[&downloader.clientFor(indexUrl, work[i].url)].push_back(i);
        }
        for (auto& [client, members] : groups) {
            if (stop.stop_requested())
                break;
            std::vector<index::DistributionFile> files;
            for (const auto i : members) {
                const auto& wheel = work[i].selected->wheel;
                index::DistributionFile file;
                file.filename = wheel.name;
                file.url = work[i].url;
                if (!work[i].sha256.empty())
                    file.hashes.emplace("sha256", work[i].sha256);
                file.size = wheel.size;
                files.push_back(std::move(file));
                notify.package({.name = work[i].action->name,
                                .state = PackageState::Downloading,
                                .bytesTotal = wheel.size.value_or(0)});
            }
            const std::uint64_t before = bytesDone.load();
            auto results = client->downloadAll(files, stop, [&](const index::HttpProgress& progress) {
                notify.overall({.phase = SyncPhase::Downloading,
                                .packagesTotal = plan.actions.size(),
                                .bytesDone = before + progress.bytesReceived,
                                .bytesTotal = bytesTotal});
            });
            for (std::size_t k = 0; k < members.size(); ++k) {
                auto& item = work[members[k]];
                auto& result = results[k];
                if (!result) {
                    item.error = result.error();
                    if (item.error->code == ErrorCode::Invalid)
                        item.error->message = "The download of " + files[k].filename +
                                              " does not match the lock's sha256 " + item.sha256 +
                                              "; it was not installed (" + item.error->message + ").";
                    notify.package({.name = item.action->name, .state = PackageState::Failed});
                    continue;
                }
                const std::string actual = index::sha256Hex(*result);
                if (!item.sha256.empty() && actual != item.sha256) {
                    item.error = makeError(ErrorCode::Invalid, "The download of " + files[k].filename +
                                                                   " does not match the lock's sha256 " +
                                                                   item.sha256 + " (got " + actual + ").");
                    continue;
                }
                item.downloaded = result->size();
                bytesDone += result->size();
                // The client stores verified files in the artifact cache; unhashed ones too, here.
                if (!fs::exists(artifactCache.artifactPath(actual), ignored))
                    if (auto stored = artifactCache.storeArtifact(actual, *result); !stored) {
                        item.error = stored.error();
                        continue;
                    }
                item.sha256 = actual;
                notify.package({.name = item.action->name,
                                .state = PackageState::Downloaded,
                                .bytesDone = result->size(),
                                .bytesTotal = result->size()});
            }
        }
        // Unpack into the wheel cache, in parallel; the archive is checked on the way.
        beginPhase("unpack");
        runParallel(toFetch.size(), [&](std::size_t k) {
            auto& item = work[toFetch[k]];
            if (item.error || stop.stop_requested())
                return;
            if (item.sha256.empty()) {
                item.error = makeError(ErrorCode::Cancelled, "The sync was cancelled before " +
                                                                 item.action->name + " was downloaded.");
                return;
            }
            auto unpacked = wheelCache.add(item.sha256, artifactCache.artifactPath(item.sha256),
                                           item.selected->wheel.name, {}, stop);
            if (!unpacked)
                item.error = unpacked.error();
            else
                item.unpacked = std::move(*unpacked);
        });
    }
    for (const auto& item : work)
        summary.packages[item.result].downloadBytes = item.downloaded;
    summary.downloadBytes = bytesDone.load();

    // Nothing changes unless every wheel is here and checked.
    const bool fetchFailed = std::ranges::any_of(
        work, [](const Work& item) { return item.error && item.error->code != ErrorCode::Cancelled; });
    if (fetchFailed || stop.stop_requested()) {
        std::string failed;
        for (const auto& item : work) {
            if (!item.error || item.error->code == ErrorCode::Cancelled)
                continue;
            auto& result = summary.packages[item.result];
            result.outcome = PackageOutcome::Failed;
            result.error = item.error;
            failed += (failed.empty() ? "" : ", ") + item.action->name;
            notify.finished(result);
        }
        summary.cancelled = stop.stop_requested();
        leaveAll(summary.cancelled && failed.empty()
                     ? makeError(ErrorCode::Cancelled, "The sync was cancelled before the venv was changed.")
                     : makeError(ErrorCode::Cancelled,
                                 "Nothing was changed: " + failed + " could not be fetched."),
                 false);
        return finish();
    }

    // Apply, each package all-or-nothing: removals and replacements first, one at a time in plan
    // order (a file moving from one distribution to another is removed before it is written
    // again); then the fresh installs, in parallel across groups of wheels that share no
    // destination (placementKeys), one at a time within a group.
    beginPhase("install");
    std::map<std::string, Work*> workByName;
    for (auto& item : work)
        workByName.emplace(item.action->name, &item);
    std::atomic<std::size_t> done{0};
    std::atomic<bool> cancelled{false};
    const auto apply = [&](const SyncAction& action) {
        auto& result = summary.packages[resultIndex.at(action.name)];
        if (stop.stop_requested()) {
            cancelled = true;
            result.outcome = PackageOutcome::NotStarted;
            result.error =
                makeError(ErrorCode::Cancelled, "The sync was cancelled before " + action.name + ".");
            notify.finished(result);
            return;
        }
        notify.overall({.phase = SyncPhase::Installing,
                        .packagesDone = done.load(),
                        .packagesTotal = plan.actions.size(),
                        .bytesDone = summary.downloadBytes,
                        .bytesTotal = summary.downloadBytes});
        notify.package({.name = action.name, .state = PackageState::Installing});
        Status applied;
        if (action.kind == SyncActionKind::Remove) {
            applied = uninstall(*action.installedDistInfo, layout);
        } else {
            const auto& item = *workByName.at(action.name);
            auto placed = installUnpacked(
                *item.unpacked, layout,
                {.requested = item.selected->target.requested,
                 .compileBytecode = options.compileBytecode,
                 .replaces = action.installedDistInfo,
                 .provenanceJson = provenanceJson(stripUrlCredentials(item.url), item.sha256)},
                PlaceMode::Link, stop);
            if (!placed)
                applied = std::unexpected(placed.error());
        }
        ++done;
        if (applied) {
            result.installedVersion = action.toVersion;
            notify.package({.name = action.name, .state = PackageState::Done});
        } else {
            const bool stopped = applied.error().code == ErrorCode::Cancelled;
            if (stopped)
                cancelled = true;
            result.outcome = stopped ? PackageOutcome::NotStarted : PackageOutcome::Failed;
            result.error = applied.error();
            result.installedVersion = action.fromVersion;
            notify.package({.name = action.name, .state = PackageState::Failed});
        }
        notify.finished(result);
    };
    // The staging directory's parent is removed by an install that finds it empty; a directory of
    // this job's own keeps it for the whole apply, so parallel installs never race its removal and
    // it is not made and removed again for every package (a crash leaves the keeper to the next
    // sync's recovery, like any staging entry of a dead process).
    std::error_code keeperError;
    const fs::path keeper =
        layout.root / ".pindex-staging" /
        ("sync-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
    fs::create_directories(keeper, keeperError);
    std::vector<const SyncAction*> installs;
    for (const auto& action : plan.actions) {
        if (action.kind == SyncActionKind::Install)
            installs.push_back(&action);
        else
            apply(action);
    }
    std::vector<std::set<std::string>> keys;
    for (const auto* action : installs)
        keys.push_back(placementKeys(*workByName.at(action->name)->unpacked));
    const auto groups = disjointGroups(keys);
    runParallel(groups.size(), [&](std::size_t group) {
        for (const auto index : groups[group])
            apply(*installs[index]);
    });
    fs::remove(keeper, keeperError);
    fs::remove(keeper.parent_path(), keeperError); // only when empty
    summary.cancelled = summary.cancelled || cancelled.load();
    return finish();
}

} // namespace pindex::install
