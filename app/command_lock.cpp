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
#include <chrono>
#include <filesystem>
#include <memory>
#include <ostream>
#include <set>

#include "app/arguments.h"
#include "app/commands.h"
#include "core/auth/credential_chain.h"
#include "core/auth/environment_provider.h"
#include "core/diff/lock_diff.h"
#include "core/index/http_cache.h"
#include "core/index/http_client.h"
#include "core/index/index_client.h"
#include "core/install/interpreter.h"
#include "core/lock/lock_reader.h"
#include "core/lock/pylock_writer.h"
#include "core/project/uv_config.h"
#include "core/resolver/index_source.h"
#include "core/resolver/resolver.h"
#include "core/resolver/target_environment.h"
#include "core/standards/marker.h"
#include "core/standards/name.h"
#include "core/util/file_io.h"

namespace pindex::app {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

long long millisecondsSince(Clock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

int fail(CommandContext& context, const Error& error)
{
    context.err << "pindex lock: " << error.describe() << '\n';
    return 2;
}

// A flat index given as a relative path is relative to the project directory.
std::string absoluteFlatUrl(const project::IndexEntry& entry, const fs::path& projectDirectory)
{
    if (entry.format != "flat" || entry.url.contains("://"))
        return entry.url;
    const fs::path path(entry.url);
    if (path.is_absolute())
        return entry.url;
    return (projectDirectory / path).lexically_normal().string();
}

index::IndexConfig toIndexConfig(const project::IndexEntry& entry, const fs::path& projectDirectory)
{
    return {.name = entry.name,
            .url = absoluteFlatUrl(entry, projectDirectory),
            .format = entry.format == "flat" ? index::IndexFormat::Flat : index::IndexFormat::Simple,
            .authenticate =
                index::parseAuthenticateMode(entry.authenticate).value_or(index::AuthenticateMode::Auto),
            .isDefault = entry.isDefault,
            .isExplicit = entry.isExplicit,
            .apiCacheControl = entry.cacheControlApi,
            .ignoreErrorCodes = entry.ignoreErrorCodes};
}

// The target environment: --python / --platform, else what the project's interpreter reports.
Result<resolver::TargetEnvironment>
targetEnvironment(const Arguments& arguments, const project::PyProject& project, const fs::path& directory)
{
    auto python = arguments.value("python");
    auto platform = arguments.value("platform");
    if (!python || !platform) {
        install::InterpreterRequest request{.projectDirectory = directory};
        if (!project.requiresPython.empty()) {
            if (auto specifier = standards::SpecifierSet::parse(project.requiresPython))
                request.requiresPython = *specifier;
        }
        install::InterpreterCache cache;
        auto interpreter = install::findInterpreter(request, cache);
        if (!interpreter && !python) {
            auto error = interpreter.error();
            error.hint = "Pass --python VERSION (and --platform) to lock without an interpreter.";
            return std::unexpected(std::move(error));
        }
        if (!python)
            python = interpreter->pythonVersion();
        if (!platform && interpreter && interpreter->markers.sysPlatform &&
            interpreter->markers.platformMachine) {
            const std::string& system = *interpreter->markers.sysPlatform;
            const std::string os = system == "darwin" ? "macos" : system == "win32" ? "windows" : system;
            platform = os + "-" + *interpreter->markers.platformMachine;
        }
    }
    return resolver::TargetEnvironment::make(*python, platform.value_or(""));
}

// The requirements to lock: main dependencies, all extras and all dependency groups, each kept
// only when its marker holds for the target. Self-references and include-group entries add
// nothing, since every extra and group is locked anyway.
Result<std::vector<resolver::Dependency>> projectRequirements(const project::PyProject& project,
                                                              const resolver::TargetEnvironment& target)
{
    std::vector<resolver::Dependency> requirements;
    const std::string self = standards::canonicalizeName(project.name);
    const auto environment = target.markerEnvironment("");
    for (const auto& entry : project.dependencies) {
        if (entry.requirement.empty())
            continue;
        auto dependency = resolver::Dependency::parse(entry.requirement);
        if (!dependency) {
            auto error = dependency.error();
            if (!error.location)
                error.location = SourceLocation{entry.origin.file, entry.origin.line, entry.origin.column};
            return std::unexpected(std::move(error));
        }
        if (dependency->name == self)
            continue;
        if (dependency->marker) {
            auto holds = dependency->marker->evaluate(environment);
            if (!holds) {
                auto error = holds.error();
                error.location = SourceLocation{entry.origin.file, entry.origin.line, entry.origin.column};
                return std::unexpected(std::move(error));
            }
            if (!*holds)
                continue;
            dependency->marker.reset();
        }
        requirements.push_back(std::move(*dependency));
    }
    return requirements;
}

// [tool.uv.sources] index entries (whose marker holds for the target) and pattern pins.
resolver::IndexPins indexPins(const project::PyProject& project, const resolver::TargetEnvironment& target)
{
    resolver::IndexPins pins;
    const auto environment = target.markerEnvironment("");
    for (const auto& source : project.sources) {
        if (source.kind != project::SourceEntry::Kind::Index)
            continue;
        if (!source.marker.empty()) {
            auto marker = standards::Marker::parse(source.marker);
            if (!marker)
                continue;
            auto holds = marker->evaluate(environment);
            if (!holds || !*holds)
                continue;
        }
        pins.sources.try_emplace(standards::canonicalizeName(source.package), source.target);
    }
    for (const auto& pin : project.pinPatterns)
        pins.patterns.emplace_back(pin.pattern, pin.index);
    return pins;
}

// The marker the lock is valid for: the target's Python version and platform.
std::string environmentMarker(const resolver::TargetEnvironment& target)
{
    const auto value = [&](std::string_view variable) { return target.markerValue(variable).value_or(""); };
    return "python_version == '" + value("python_version") + "' and sys_platform == '" +
           value("sys_platform") + "' and platform_machine == '" + value("platform_machine") + "'";
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
    const fs::path directory = fs::absolute(arguments->valueOr("project", "."), ignored).lexically_normal();
    auto configuration =
        project::loadProjectConfiguration(directory, project::UserDirectories::fromEnvironment());
    if (!configuration)
        return fail(context, configuration.error());
    const project::PyProject& project = configuration->project;

    auto target = targetEnvironment(*arguments, project, directory);
    if (!target)
        return fail(context, target.error());

    const std::string strategyText = arguments->valueOr("index-strategy", configuration->indexStrategy);
    auto strategy = resolver::parseIndexStrategy(strategyText);
    if (!strategy)
        return fail(context, strategy.error());

    auto requirements = projectRequirements(project, *target);
    if (!requirements)
        return fail(context, requirements.error());

    // The existing lock: its versions are preferences, and --check compares with it.
    const fs::path lockPath = directory / "pylock.toml";
    std::optional<std::string> lockText;
    std::optional<lock::LockSnapshot> existing;
    if (fs::exists(lockPath, ignored)) {
        auto text = readFile(lockPath);
        if (!text)
            return fail(context, text.error());
        auto parsed = lock::parsePylock(*text, lockPath.string());
        if (!parsed)
            return fail(context, parsed.error());
        lockText = std::move(*text);
        existing = std::move(*parsed);
    }

    resolver::ResolveOptions options{.requirements = std::move(*requirements), .environment = *target};
    options.upgradeAll = arguments->has("upgrade");
    if (auto packages = arguments->value("upgrade-package")) {
        std::string_view rest = *packages;
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            const auto name = rest.substr(0, comma);
            if (!name.empty())
                options.upgradePackages.insert(standards::canonicalizeName(name));
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        }
    }
    if (existing) {
        for (const auto& package : existing->packages) {
            if (auto version = standards::Version::parse(package.version))
                options.preferences.insert_or_assign(package.canonicalName(), *version);
        }
    }

    // One client per index, in uv's search order, sharing one HTTP client, cache and credentials.
    index::HttpClient http;
    const index::HttpCache cache(index::HttpCache::defaultDirectory());
    auto credentials = auth::makeCredentialChain({.environment = auth::processEnvironment()});
    const index::IndexServices services{.http = &http,
                                        .cache = &cache,
                                        .credentials = credentials.get(),
                                        .offline = arguments->has("offline")};
    std::vector<std::unique_ptr<index::IndexClient>> clients;
    std::vector<resolver::SourceIndex> indexes;
    for (const auto& entry : project::searchOrder(configuration->indexes)) {
        clients.push_back(std::make_unique<index::IndexClient>(toIndexConfig(entry, directory), services));
        indexes.push_back(
            {.name = entry.name, .explicitOnly = entry.isExplicit, .client = clients.back().get()});
    }
    resolver::IndexSource source(std::move(indexes), *strategy, indexPins(project, *target));

    const auto resolveStarted = Clock::now();
    auto resolution = resolver::resolve(source, options);
    const auto resolveMilliseconds = millisecondsSince(resolveStarted);
    if (!resolution) {
        if (resolution.error().code == ErrorCode::Unsatisfiable) {
            context.err << "pindex lock: no solution for " << target->describe() << ":\n"
                        << resolution.error().message << '\n';
            return 2;
        }
        return fail(context, resolution.error());
    }

    auto snapshot = lock::snapshotFromResolution(*resolution, {.requiresPython = project.requiresPython,
                                                               .environments = {environmentMarker(*target)}});
    snapshot.sourceName = lockPath.string();
    const std::string text = lock::formatPylock(snapshot);
    const std::size_t count = resolution->packages.size();

    if (verbose) {
        context.out << "Target: " << target->describe() << '\n';
        for (const auto& client : clients) {
            const auto stats = client->stats();
            context.out << "Index " << client->config().name << " (" << maskUrlCredentials(client->baseUrl())
                        << "): " << stats.requests << " requests, " << stats.cacheHits << " cache hits, "
                        << stats.notModified << " not modified\n";
        }
        context.out << "Resolved in " << resolveMilliseconds << " ms (" << resolution->statistics.decisions
                    << " decisions, " << resolution->statistics.conflicts << " conflicts)\n";
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
    if (auto written = writeFileAtomic(lockPath, text); !written)
        return fail(context, written.error());
    if (verbose && existing)
        printChanges(context.out, diff::diffSnapshots(*existing, snapshot));
    context.out << "Locked " << count << " packages in " << millisecondsSince(started) << " ms\n";
    return 0;
}

} // namespace pindex::app
