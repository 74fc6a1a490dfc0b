#include "core/install/project_lock.h"

#include <memory>

#include "core/auth/credential_chain.h"
#include "core/auth/environment_provider.h"
#include "core/index/http_cache.h"
#include "core/index/http_client.h"
#include "core/index/index_client.h"
#include "core/install/interpreter.h"
#include "core/lock/lock_reader.h"
#include "core/lock/pylock_writer.h"
#include "core/project/uv_config.h"
#include "core/resolver/cached_index_view.h"
#include "core/resolver/index_policy.h"
#include "core/resolver/index_source.h"
#include "core/standards/marker.h"
#include "core/standards/name.h"
#include "core/util/file_io.h"

namespace pindex::install {
namespace {

namespace fs = std::filesystem;

void tell(ProjectLockObserver* observer, ProjectLockObserver::Stage stage)
{
    if (observer != nullptr)
        observer->stageStarted(stage);
}

Status cancelled()
{
    return std::unexpected(makeError(ErrorCode::Cancelled, "locking was cancelled"));
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

} // namespace

index::IndexConfig indexConfigFor(const project::IndexEntry& entry, const fs::path& projectDirectory)
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

namespace {

// The target environment: the requested Python version and platform, else what the project's
// interpreter reports.
Result<resolver::TargetEnvironment> targetEnvironment(const ProjectLockRequest& request,
                                                      const project::PyProject& project,
                                                      ProjectLockObserver* observer)
{
    auto python = request.python;
    auto platform = request.platform;
    if (!python || !platform) {
        tell(observer, ProjectLockObserver::Stage::FindingInterpreter);
        InterpreterRequest interpreterRequest{.projectDirectory = request.directory};
        if (!project.requiresPython.empty()) {
            if (auto specifier = standards::SpecifierSet::parse(project.requiresPython))
                interpreterRequest.requiresPython = *specifier;
        }
        InterpreterCache cache;
        auto interpreter = findInterpreter(interpreterRequest, cache);
        if (!interpreter && !python) {
            auto error = interpreter.error();
            error.hint = "Choose a Python version (and platform) to lock without an interpreter.";
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
resolver::IndexPins indexPins(const project::ProjectConfiguration& configuration,
                              const resolver::TargetEnvironment& target)
{
    resolver::IndexPins pins;
    const auto environment = target.markerEnvironment("");
    // The member's own sources first, then the workspace root's (the first pin of a name wins).
    for (const auto& source : configuration.sources) {
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
    for (const auto& pin : configuration.project.pinPatterns)
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

} // namespace

std::string_view describe(ProjectLockObserver::Stage stage)
{
    switch (stage) {
    case ProjectLockObserver::Stage::ReadingProject: return "reading the project";
    case ProjectLockObserver::Stage::FindingInterpreter: return "finding the interpreter";
    case ProjectLockObserver::Stage::Resolving: return "resolving";
    case ProjectLockObserver::Stage::Formatting: return "writing the lock";
    }
    return "locking";
}

// Members in the order they are built, so each is destroyed after everything that uses it.
struct LockSession
{
    std::unique_ptr<index::HttpClient> ownHttp; // when the request brings none
    std::unique_ptr<index::HttpCache> cache;
    std::shared_ptr<auth::CredentialChain> chain; // when the request brings no credentials
    std::vector<std::unique_ptr<index::IndexClient>> clients;
    std::unique_ptr<resolver::CachedIndexView> view;
    std::unique_ptr<index::IndexSet> indexSet;
    std::unique_ptr<resolver::IndexSource> source;
    // The solver's state, kept for the exit with the rest of the session (freeing it takes most
    // of a millisecond); destroyed first, before the source it asked.
    std::shared_ptr<void> solverState;
};

namespace {

// Stops the session's remaining work (look-ahead fetches) and waits for it and for the cache
// writes: after it, ending the process at once loses nothing.
void settle(LockSession& session)
{
    if (session.view)
        session.view->quiesce();
    if (session.source)
        session.source->quiesce();
    if (session.cache)
        session.cache->flush();
}

} // namespace

Result<ProjectLockResult> lockProject(const ProjectLockRequest& request, ProjectLockObserver* observer,
                                      std::stop_token stop)
{
    tell(observer, ProjectLockObserver::Stage::ReadingProject);
    auto configuration =
        project::loadProjectConfiguration(request.directory, project::UserDirectories::fromEnvironment());
    if (!configuration)
        return std::unexpected(configuration.error());
    const project::PyProject& project = configuration->project;

    auto target = targetEnvironment(request, project, observer);
    if (!target)
        return std::unexpected(target.error());
    if (observer != nullptr)
        observer->targetChosen(*target);
    if (stop.stop_requested())
        return std::unexpected(cancelled().error());

    auto strategy =
        resolver::parseIndexStrategy(request.indexStrategy.value_or(configuration->indexStrategy));
    if (!strategy)
        return std::unexpected(strategy.error());

    auto requirements = projectRequirements(project, *target);
    if (!requirements)
        return std::unexpected(requirements.error());

    // The lock lives beside the project's pyproject.toml, also when DIRECTORY is inside the project.
    const fs::path projectDirectory =
        configuration->location.directory.empty() ? request.directory : configuration->location.directory;
    ProjectLockResult result{.lockPath = projectDirectory / "pylock.toml", .target = *target};
    std::error_code ignored;
    if (fs::exists(result.lockPath, ignored)) {
        auto text = readFile(result.lockPath);
        if (!text)
            return std::unexpected(text.error());
        auto parsed = lock::parsePylock(*text, result.lockPath.string());
        if (!parsed)
            return std::unexpected(parsed.error());
        result.existingText = std::move(*text);
        result.existing = std::move(*parsed);
    }

    resolver::ResolveOptions options{.requirements = std::move(*requirements), .environment = *target};
    if (!project.requiresPython.empty()) {
        if (auto requiresPython = standards::SpecifierSet::parse(project.requiresPython))
            options.requiresPython = std::move(*requiresPython);
    }
    options.upgradeAll = request.upgradeAll;
    options.upgradePackages = request.upgradePackages;
    if (result.existing) {
        for (const auto& package : result.existing->packages) {
            if (auto version = standards::Version::parse(package.version))
                options.preferences.insert_or_assign(package.canonicalName(), *version);
        }
    }

    // One client per index, in uv's search order, sharing one HTTP client, cache and credentials.
    auto session = std::make_shared<LockSession>();
    if (request.http == nullptr)
        session->ownHttp = std::make_unique<index::HttpClient>();
    index::HttpClient& http = request.http != nullptr ? *request.http : *session->ownHttp;
    // Entries are written on threads of their own while the resolution goes on; settling the
    // session (or destroying it) waits for them.
    session->cache = std::make_unique<index::HttpCache>(
        request.cacheDirectory.empty() ? index::HttpCache::defaultDirectory() : request.cacheDirectory,
        index::HttpCacheOptions{.backgroundWrites = true});
    auth::CredentialProvider* credentials = request.credentials;
    if (credentials == nullptr) {
        session->chain = auth::makeCredentialChain({.environment = auth::processEnvironment()});
        credentials = session->chain.get();
    }
    const index::IndexServices services{
        .http = &http, .cache = session->cache.get(), .credentials = credentials, .offline = request.offline};
    std::vector<index::IndexClient*> indexes;
    for (const auto& entry : project::searchOrder(configuration->indexes)) {
        session->clients.push_back(
            std::make_unique<index::IndexClient>(indexConfigFor(entry, projectDirectory), services));
        indexes.push_back(session->clients.back().get());
    }
    auto pins = indexPins(*configuration, *target);
    index::IndexPins setPins{.packages = std::move(pins.sources), .patterns = std::move(pins.patterns)};
    // Offline, the clients answer from the cache already: no view to follow ahead of them.
    if (!request.offline)
        session->view = std::make_unique<resolver::CachedIndexView>(indexes, *strategy, setPins);
    session->indexSet = std::make_unique<index::IndexSet>(std::move(indexes), *strategy, std::move(setPins));
    // As many questions at once as transfers: a page or a metadata file each.
    session->source = std::make_unique<resolver::IndexSource>(*session->indexSet, stop,
                                                              http.options().maxConcurrentTransfers);
    options.cachedView = session->view ? session->view->source() : nullptr;

    tell(observer, ProjectLockObserver::Stage::Resolving);
    auto resolution = request.keepSession
                          ? resolver::resolve(*session->source, options, stop, session->solverState)
                          : resolver::resolve(*session->source, options, stop);
    for (const auto& client : session->clients) {
        const auto stats = client->stats();
        result.indexes.push_back({.name = client->config().name,
                                  .maskedUrl = maskUrlCredentials(client->baseUrl()),
                                  .requests = stats.requests,
                                  .cacheHits = stats.cacheHits,
                                  .notModified = stats.notModified});
    }
    if (!resolution)
        return std::unexpected(resolution.error());
    if (stop.stop_requested())
        return std::unexpected(cancelled().error());

    tell(observer, ProjectLockObserver::Stage::Formatting);
    result.snapshot = lock::snapshotFromResolution(*resolution, {.requiresPython = project.requiresPython,
                                                                 .environments = {environmentMarker(*target)},
                                                                 .lockDirectory = projectDirectory});
    result.snapshot.sourceName = result.lockPath.string();
    result.text = lock::formatPylock(result.snapshot);
    result.packageCount = resolution->packages.size();
    result.statistics = resolution->statistics;
    if (request.keepSession) {
        settle(*session);
        result.session = std::move(session);
    }
    return result;
}

Status writeProjectLock(const ProjectLockResult& result)
{
    if (result.existingText)
        return replaceSnapshot({.path = result.lockPath, .content = *result.existingText}, result.text);
    std::error_code ignored;
    if (fs::exists(result.lockPath, ignored))
        return std::unexpected(makeFileError(ErrorCode::Conflict,
                                             "the lock was created by something else meanwhile; lock again",
                                             result.lockPath.string()));
    return writeFileAtomic(result.lockPath, result.text);
}

} // namespace pindex::install
