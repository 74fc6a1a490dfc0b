#include "ui/project_state.h"

#include <algorithm>

#include "core/auth/credential_chain.h"
#include "core/auth/environment_provider.h"
#include "core/diff/lock_comparison.h"
#include "core/install/venv.h"
#include "core/lock/lock_reader.h"
#include "core/project/uv_config.h"
#include "core/standards/name.h"
#include "core/standards/requirement.h"
#include "core/util/file_io.h"

namespace pindex::ui {
namespace {

namespace fs = std::filesystem;

// True when the lock has no entry satisfying the requirement (markers are not evaluated: a
// requirement for another platform counts as satisfied when any entry of the name exists).
bool unsatisfied(const ProjectState& state, const project::DependencyEntry& entry)
{
    if (entry.requirement.empty())
        return false;
    auto requirement = standards::parseRequirement(entry.requirement);
    if (!requirement)
        return true;
    const std::string name = standards::canonicalizeName(requirement->name);
    if (name == standards::canonicalizeName(state.project.name))
        return false;
    bool found = false;
    for (const auto& package : state.lock->packages) {
        if (package.canonicalName() != name)
            continue;
        found = true;
        if (requirement->url || requirement->specifier.contains(package.version))
            return false;
    }
    // A requirement whose marker excludes every locked platform may legitimately be absent.
    return found || !requirement->marker;
}

} // namespace

const lock::LockedPackage* ProjectState::locked(const std::string& canonicalName) const
{
    if (!lock)
        return nullptr;
    const auto found = std::ranges::find_if(lock->packages, [&](const lock::LockedPackage& package) {
        return package.canonicalName() == canonicalName;
    });
    return found == lock->packages.end() ? nullptr : &*found;
}

const install::InstalledDistribution* ProjectState::installedPackage(const std::string& canonicalName) const
{
    const auto found = std::ranges::find_if(
        installed, [&](const install::InstalledDistribution& entry) { return entry.name == canonicalName; });
    return found == installed.end() ? nullptr : &*found;
}

std::string ProjectState::pinnedIndex(const std::string& canonicalName) const
{
    for (const auto& source : project.sources) {
        if (source.kind == project::SourceEntry::Kind::Index && source.marker.empty() &&
            standards::canonicalizeName(source.package) == canonicalName)
            return source.target;
    }
    return {};
}

Result<ProjectState> loadProjectState(const fs::path& directory)
{
    ProjectState state;
    state.directory = directory;
    const fs::path file = directory / "pyproject.toml";
    auto text = readFile(file);
    if (!text)
        return std::unexpected(text.error());
    auto parsed = project::parsePyProject(*text, file);
    if (!parsed)
        return std::unexpected(parsed.error());
    state.pyprojectText = std::move(*text);
    state.project = std::move(*parsed);
    state.indexes = state.project.indexes;
    state.indexStrategy = state.project.indexStrategy;
    if (auto configuration =
            project::loadProjectConfiguration(directory, project::UserDirectories::fromEnvironment())) {
        state.indexes = configuration->indexes;
        state.indexStrategy = configuration->indexStrategy;
    } else {
        state.problems.push_back(configuration.error().describe());
    }

    if (auto lockPath = diff::findLockfile(directory)) {
        state.lockPath = *lockPath;
        if (auto snapshot = lock::readLock(*lockPath))
            state.lock = std::move(*snapshot);
        else
            state.problems.push_back(snapshot.error().describe());
    }
    state.lockMissing = !state.lock;
    if (state.lock) {
        state.lockStale = std::ranges::any_of(state.project.dependencies,
                                              [&](const auto& entry) { return unsatisfied(state, entry); });
    }

    state.venvPath = directory / ".venv";
    state.venvExists = install::isVenv(state.venvPath);
    if (state.venvExists) {
        if (auto version = install::venvPythonVersion(state.venvPath)) {
            state.venvPython = *version;
            if (auto installed = install::listInstalled(install::venvLayout(state.venvPath, *version)))
                state.installed = std::move(*installed);
            else
                state.problems.push_back(installed.error().describe());
        } else {
            state.problems.push_back(version.error().describe());
        }
    }
    if (state.lock) {
        std::vector<std::pair<std::string, std::string>> locked;
        for (const auto& package : state.lock->packages)
            locked.emplace_back(package.canonicalName(), package.version);
        std::ranges::sort(locked);
        locked.erase(std::unique(locked.begin(), locked.end(),
                                 [](const auto& a, const auto& b) { return a.first == b.first; }),
                     locked.end());
        std::vector<std::pair<std::string, std::string>> installed;
        for (const auto& distribution : state.installed)
            installed.emplace_back(distribution.name, distribution.version);
        std::ranges::sort(installed);
        state.venvOutOfSync = locked != installed;
    }

    // Indexes that insist on credentials and have none from the URL, the environment or netrc.
    auto chain = auth::makeCredentialChain({.environment = auth::processEnvironment()});
    for (const auto& index : state.indexes) {
        if (index.authenticate != "always")
            continue;
        auto credentials = chain->credentialsFor({.name = index.name, .url = index.url});
        if (!credentials || !*credentials)
            state.indexesWithoutCredentials.push_back(index.name);
    }
    return state;
}

} // namespace pindex::ui
