// pindex lock [--project DIR] [--python V] [--platform P] [--index-strategy S] [--upgrade]
//             [--upgrade-package P]... [--check] [--offline] [-v]
//
// Resolves a project for one target environment and writes pylock.toml next to pyproject.toml.
// What is locked: the main dependencies, every extra and every dependency group, each requirement
// evaluated for the target (one lock that installs everything the project may ask for). Indexes
// come from the project's configuration in uv's search order; relative flat-index paths are
// relative to the project directory. Versions of an existing pylock.toml are kept unless
// --upgrade / --upgrade-package ask otherwise. --check resolves and compares with the lock on
// disk without writing (exit 1 when it would change). Exit 2 on any error; no secret is printed.

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <set>

#include "app/arguments.h"
#include "app/commands.h"
#include "app/keychain.h"
#include "core/auth/credential_chain.h"
#include "core/auth/environment_provider.h"
#include "core/diff/lock_diff.h"
#include "core/install/project_lock.h"
#include "core/standards/name.h"
#include "core/util/process_exit.h"
#include "core/util/process_heap.h"

namespace pindex::app {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// A lock reads up to a few hundred project pages and metadata files on a pool of threads: 10 to
// 30 MB of small blocks in a fraction of a second. One heap for all threads, kept whole (never
// trimmed) and faulted in as it is used, in small pages: huge pages would be zeroed whole, however
// little of each the lock uses, and cost far more where a virtual machine's host has taken back
// the memory they come from (util::reserveProcessHeap, docs/BENCHMARKS.md).
constexpr util::HeapReservation kLockHeap{.bytes = 64u << 20, .populate = false, .oneArena = true};

long long millisecondsSince(Clock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// Remembers the target environment, named when there is no solution.
struct TargetObserver final : install::ProjectLockObserver
{
    void stageStarted(Stage stage) override { stages.emplace_back(stage, Clock::now()); }
    void targetChosen(const resolver::TargetEnvironment& chosen) override { target = chosen.describe(); }
    std::string target;
    std::vector<std::pair<Stage, Clock::time_point>> stages; // each stage's start, in order
};

// "12.3 ms": a duration with a tenth of a millisecond.
std::string milliseconds(std::chrono::microseconds duration)
{
    std::array<char, 32> text{};
    std::snprintf(text.data(), text.size(), "%.1f ms", static_cast<double>(duration.count()) / 1000.0);
    return text.data();
}

// "reading the project 2.1 ms, resolving 31.0 ms (waiting for answers 29.8 ms), writing the lock 1.0 ms".
std::string phaseTimes(const TargetObserver& observer, Clock::time_point end,
                       const resolver::ResolveStatistics& statistics)
{
    std::string text;
    for (std::size_t i = 0; i < observer.stages.size(); ++i) {
        const auto [stage, start] = observer.stages[i];
        const auto stop = i + 1 < observer.stages.size() ? observer.stages[i + 1].second : end;
        text += (text.empty() ? "" : ", ") + std::string(install::describe(stage)) + " " +
                milliseconds(std::chrono::duration_cast<std::chrono::microseconds>(stop - start));
        if (stage == install::ProjectLockObserver::Stage::Resolving)
            text += " (waiting for answers " + milliseconds(statistics.waiting) + ")";
    }
    return text;
}

int fail(CommandContext& context, const Error& error)
{
    context.err << "pindex lock: " << error.describe() << '\n';
    return 2;
}

void printChanges(std::ostream& out, const diff::LockDiff& changes)
{
    for (const auto& change : changes.changes) {
        const auto join = [](const std::vector<std::string>& versions) {
            std::string text;
            for (const auto& version : versions)
                text += (text.empty() ? "" : ", ") + version;
            return text;
        };
        out << "  " << diff::toString(change.kind) << ' ' << change.displayName;
        if (!change.oldVersions.empty() && !change.newVersions.empty() &&
            change.oldVersions != change.newVersions)
            out << ' ' << join(change.oldVersions) << " -> " << join(change.newVersions);
        else if (!change.newVersions.empty())
            out << ' ' << join(change.newVersions);
        else if (!change.oldVersions.empty())
            out << ' ' << join(change.oldVersions);
        for (const auto flag : diff::kAllChangeFlags) {
            if (change.has(flag))
                out << " [" << diff::toString(flag) << ']';
        }
        out << '\n';
    }
}

constexpr const char* kUsage =
    "Usage: pindex lock [--project DIR] [--python VERSION] [--platform PLATFORM]\n"
    "                   [--index-strategy STRATEGY] [--upgrade] [--upgrade-package NAME[,NAME...]]\n"
    "                   [--check] [--offline] [-v]\n";

} // namespace

int runLock(CommandContext& context)
{
    const auto started = Clock::now();
    std::vector<std::string> words;
    for (const auto& word : context.arguments)
        words.push_back(word == "-v" ? "--verbose" : word);
    if (std::ranges::find(words, "--help") != words.end() || std::ranges::find(words, "-h") != words.end()) {
        context.out << kUsage;
        return 0;
    }
    const auto arguments = Arguments::parse(
        words, {.flags = {"upgrade", "check", "offline", "verbose"},
                .valued = {"project", "python", "platform", "index-strategy", "upgrade-package"}});
    if (!arguments) {
        context.err << "pindex lock: " << arguments.error().describe() << '\n' << kUsage;
        return 2;
    }
    if (!arguments->positional().empty()) {
        context.err << "pindex lock: unexpected argument '" << arguments->positional().front() << "'\n"
                    << kUsage;
        return 2;
    }
    const bool verbose = arguments->has("verbose");
    const bool check = arguments->has("check");

    std::error_code ignored;
    install::ProjectLockRequest request{
        .directory = fs::absolute(arguments->valueOr("project", "."), ignored).lexically_normal(),
        .python = arguments->value("python"),
        .platform = arguments->value("platform"),
        .indexStrategy = arguments->value("index-strategy"),
        .upgradeAll = arguments->has("upgrade"),
        .offline = arguments->has("offline"),
        // The process ends with this command: its threads and memory go with it (main returns
        // through util::finishProcess).
        .keepSession = true};
    if (auto packages = arguments->value("upgrade-package")) {
        std::string_view rest = *packages;
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            const auto name = rest.substr(0, comma);
            if (!name.empty())
                request.upgradePackages.insert(standards::canonicalizeName(name));
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        }
    }

    util::reserveProcessHeap(kLockHeap);
    TargetObserver observer;
    // Credentials: URL, UV_INDEX_<NAME>_*, netrc, then the OS keychain. The lock runs on a worker;
    // the keychain (and Qt with it) is loaded only if the chain reaches it, and then answers on
    // this thread's event loop.
    auto locked = [&] {
        std::optional<decltype(install::lockProject(request, &observer))> result;
        runWithKeychain([&](auth::CredentialStore& keychain) {
            auto chain =
                auth::makeCredentialChain({.environment = auth::processEnvironment(), .keychain = &keychain});
            request.credentials = chain.get();
            result.emplace(install::lockProject(request, &observer));
            return 0;
        });
        return std::move(*result);
    }();
    if (!locked) {
        if (locked.error().code == ErrorCode::Unsatisfiable) {
            context.err << "pindex lock: no solution for " << observer.target << ":\n"
                        << locked.error().message << '\n';
            return 2;
        }
        return fail(context, locked.error());
    }
    util::leaveForExit(std::move(locked->session));
    const fs::path& lockPath = locked->lockPath;
    const std::string& text = locked->text;
    const auto& lockText = locked->existingText;
    const auto& existing = locked->existing;
    const auto& snapshot = locked->snapshot;
    const std::size_t count = locked->packageCount;

    if (verbose) {
        context.out << "Target: " << locked->target.describe() << '\n';
        for (const auto& index : locked->indexes) {
            context.out << "Index " << index.name << " (" << index.maskedUrl << "): " << index.requests
                        << " requests, " << index.cacheHits << " cache hits, " << index.notModified
                        << " not modified\n";
        }
        const auto resolveMilliseconds =
            std::chrono::duration_cast<std::chrono::milliseconds>(locked->statistics.elapsed).count();
        context.out << "Resolved in " << resolveMilliseconds << " ms (" << locked->statistics.decisions
                    << " decisions, " << locked->statistics.conflicts << " conflicts)\n";
        context.out << "Phases: " << phaseTimes(observer, Clock::now(), locked->statistics)
                    << "; since the command started " << millisecondsSince(started) << " ms\n";
    }

    if (check) {
        if (!lockText) {
            context.out << lockPath.string() << " does not exist; `pindex lock` would create it with "
                        << count << " packages\n";
            return 1;
        }
        if (*lockText == text) {
            context.out << lockPath.string() << " is up to date (" << count << " packages)\n";
            return 0;
        }
        context.out << lockPath.string() << " is out of date:\n";
        const auto changes = diff::diffSnapshots(*existing, snapshot);
        if (changes.changes.empty())
            context.out << "  the file's text differs (same packages)\n";
        else
            printChanges(context.out, changes);
        return 1;
    }

    if (lockText && *lockText == text) {
        context.out << "Locked " << count << " packages in " << millisecondsSince(started)
                    << " ms (pylock.toml unchanged)\n";
        return 0;
    }
    if (auto written = install::writeProjectLock(*locked); !written)
        return fail(context, written.error());
    if (verbose && existing)
        printChanges(context.out, diff::diffSnapshots(*existing, snapshot));
    context.out << "Locked " << count << " packages in " << millisecondsSince(started) << " ms\n";
    return 0;
}

} // namespace pindex::app
