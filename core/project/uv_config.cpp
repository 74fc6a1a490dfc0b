#include "core/project/uv_config.h"

#include <algorithm>
#include <cstdlib>
#include <fnmatch.h>
#include <set>

#include "core/project/toml_text.h"
#include "core/project/uv_settings_reader.h"
#include "core/standards/name.h"
#include "core/util/file_io.h"

namespace pindex::project {

namespace {

namespace fs = std::filesystem;

bool isFile(const fs::path& path)
{
    std::error_code error;
    return fs::is_regular_file(path, error);
}

// A pyproject.toml read only to find workspaces; unreadable or invalid files are passed over, as
// uv passes over them while it searches.
std::optional<toml::table> readQuietly(const fs::path& file)
{
    auto content = readFile(file);
    if (!content)
        return std::nullopt;
    auto parsed = parseTomlText(*content, file.string());
    if (!parsed)
        return std::nullopt;
    return std::move(*parsed);
}

std::vector<std::string> stringList(const toml::node_view<const toml::node>& node)
{
    std::vector<std::string> out;
    if (const auto* list = node.as_array()) {
        for (const auto& item : *list) {
            if (const auto* text = item.as_string())
                out.push_back(text->get());
        }
    }
    return out;
}

bool matchesAny(const std::vector<std::string>& globs, const std::string& relative)
{
    for (auto glob : globs) {
        while (glob.starts_with("./"))
            glob.erase(0, 2);
        while (glob.size() > 1 && glob.ends_with('/'))
            glob.pop_back();
        if (::fnmatch(glob.c_str(), relative.c_str(), FNM_PATHNAME) == 0)
            return true;
    }
    return false;
}

void setScope(std::vector<IndexEntry>& indexes, ValueOrigin::Scope scope)
{
    for (auto& index : indexes)
        index.origin.scope = scope;
}

} // namespace

UserDirectories UserDirectories::fromEnvironment()
{
    UserDirectories directories;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"))
        directories.xdgConfigHome = xdg;
    if (const char* home = std::getenv("HOME"))
        directories.home = home;
    if (const char* dirs = std::getenv("XDG_CONFIG_DIRS"))
        directories.xdgConfigDirs = dirs;
    return directories;
}

std::optional<std::filesystem::path> UserDirectories::userUvToml() const
{
    // XDG requires an absolute path; a relative value is ignored, as uv does.
    if (!xdgConfigHome.empty() && std::filesystem::path(xdgConfigHome).is_absolute())
        return std::filesystem::path(xdgConfigHome) / "uv" / "uv.toml";
    if (!home.empty())
        return std::filesystem::path(home) / ".config" / "uv" / "uv.toml";
    return std::nullopt;
}

std::optional<std::filesystem::path> UserDirectories::systemUvToml() const
{
    // Only the first file found is used, $XDG_CONFIG_DIRS before /etc (uv's rule).
    std::size_t begin = 0;
    while (begin <= xdgConfigDirs.size() && !xdgConfigDirs.empty()) {
        const auto colon = xdgConfigDirs.find(':', begin);
        const auto end = colon == std::string::npos ? xdgConfigDirs.size() : colon;
        const fs::path directory = xdgConfigDirs.substr(begin, end - begin);
        if (directory.is_absolute() && isFile(directory / "uv" / "uv.toml"))
            return directory / "uv" / "uv.toml";
        begin = end + 1;
    }
    if (!systemDirectory.empty() && isFile(systemDirectory / "uv" / "uv.toml"))
        return systemDirectory / "uv" / "uv.toml";
    return std::nullopt;
}

Result<ProjectLocation> findProject(const std::filesystem::path& start)
{
    std::error_code error;
    const fs::path from = fs::weakly_canonical(fs::absolute(start, error), error);
    if (error || !fs::is_directory(from, error)) {
        return std::unexpected(
            makeError(ErrorCode::NotFound, "The directory " + start.string() + " does not exist."));
    }
    std::optional<fs::path> projectDirectory;
    for (fs::path directory = from;; directory = directory.parent_path()) {
        if (isFile(directory / "pyproject.toml")) {
            projectDirectory = directory;
            break;
        }
        if (directory == directory.parent_path())
            break;
    }
    if (!projectDirectory) {
        return std::unexpected(makeError(ErrorCode::NotFound, "No pyproject.toml in " + start.string() +
                                                                  " or any parent directory."));
    }
    ProjectLocation location{*projectDirectory, *projectDirectory};
    if (const auto own = readQuietly(location.pyproject());
        own && (*own)["tool"]["uv"]["workspace"].is_table())
        return location;
    for (fs::path directory = projectDirectory->parent_path();; directory = directory.parent_path()) {
        if (isFile(directory / "pyproject.toml")) {
            if (const auto root = readQuietly(directory / "pyproject.toml")) {
                const auto workspace = (*root)["tool"]["uv"]["workspace"];
                if (workspace.is_table()) {
                    const std::string relative =
                        projectDirectory->lexically_relative(directory).generic_string();
                    if (matchesAny(stringList(workspace["members"]), relative) &&
                        !matchesAny(stringList(workspace["exclude"]), relative))
                        location.workspaceRoot = directory;
                    return location;
                }
                // Another project (not a workspace) above this one: this project stands alone.
                if (root->contains("project"))
                    return location;
            }
        }
        if (directory == directory.parent_path())
            break;
    }
    return location;
}

Result<ProjectConfiguration> loadUvToml(const std::filesystem::path& file, ValueOrigin::Scope scope)
{
    auto content = readFile(file);
    if (!content)
        return std::unexpected(content.error());
    auto parsed = parseTomlText(*content, file.string());
    if (!parsed)
        return std::unexpected(parsed.error());
    detail::UvSettings settings;
    detail::readUvSettings(*parsed, file.string(), scope, settings);
    ProjectConfiguration configuration;
    configuration.indexes = std::move(settings.indexes);
    configuration.indexStrategy = std::move(settings.indexStrategy);
    configuration.indexStrategyOrigin = settings.indexStrategyOrigin;
    configuration.files.push_back(file);
    configuration.problems = std::move(settings.problems);
    if (!settings.sources.empty())
        configuration.problems.push_back(
            makeFileError(ErrorCode::Invalid,
                          "uv reads sources from pyproject.toml only; the ones in this uv.toml are ignored.",
                          file.string(), settings.sources.front().origin.line));
    detail::checkIndexNames(configuration.indexes, configuration.problems);
    return configuration;
}

Result<ProjectConfiguration> loadProjectConfiguration(const std::filesystem::path& directory,
                                                      const UserDirectories& user)
{
    auto location = findProject(directory);
    if (!location)
        return std::unexpected(location.error());
    auto projectText = readFile(location->pyproject());
    if (!projectText)
        return std::unexpected(projectText.error());
    auto project = detail::parsePyProjectUnchecked(*projectText, location->pyproject());
    if (!project)
        return std::unexpected(project.error());

    ProjectConfiguration configuration;
    configuration.location = *location;
    configuration.problems = project->problems;
    configuration.sources = project->sources;
    configuration.sourceIndexes = project->indexes;
    if (location->isWorkspaceMember()) {
        const auto rootFile = location->workspaceRoot / "pyproject.toml";
        auto rootText = readFile(rootFile);
        if (!rootText)
            return std::unexpected(rootText.error());
        auto root = detail::parsePyProjectUnchecked(*rootText, rootFile);
        if (!root)
            return std::unexpected(root.error());
        setScope(root->indexes, ValueOrigin::Scope::Workspace);
        for (auto& problem : root->problems)
            configuration.problems.push_back(std::move(problem));
        // The root's sources apply to a member for the packages the member does not name.
        for (auto source : root->sources) {
            const auto name = standards::canonicalizeName(source.package);
            const bool own = std::any_of(project->sources.begin(), project->sources.end(),
                                         [&name](const SourceEntry& entry) {
                                             return standards::canonicalizeName(entry.package) == name;
                                         });
            if (own)
                continue;
            source.origin.scope = ValueOrigin::Scope::Workspace;
            configuration.sources.push_back(std::move(source));
        }
        for (const auto& index : root->indexes)
            configuration.sourceIndexes.push_back(index);
        configuration.workspace = std::move(*root);
    }

    // Project settings: the nearest uv.toml or [tool.uv] from the workspace root upwards.
    auto scopeOf = [&](const fs::path& at, bool uvToml) {
        if (at == location->directory)
            return uvToml ? ValueOrigin::Scope::ProjectUvToml : ValueOrigin::Scope::Project;
        if (at == location->workspaceRoot)
            return ValueOrigin::Scope::Workspace;
        return ValueOrigin::Scope::Ancestor;
    };
    for (fs::path at = location->workspaceRoot;; at = at.parent_path()) {
        const auto uvToml = at / "uv.toml";
        const auto pyproject = at / "pyproject.toml";
        if (isFile(uvToml)) {
            auto local = loadUvToml(uvToml, scopeOf(at, true));
            if (!local)
                return std::unexpected(local.error());
            configuration.indexes = std::move(local->indexes);
            configuration.indexStrategy = std::move(local->indexStrategy);
            configuration.indexStrategyOrigin = local->indexStrategyOrigin;
            configuration.files.push_back(uvToml);
            for (auto& problem : local->problems)
                configuration.problems.push_back(std::move(problem));
            const PyProject* beside = at == location->directory ? &*project
                                      : at == location->workspaceRoot && configuration.workspace
                                          ? &*configuration.workspace
                                          : nullptr;
            const auto besideTable =
                beside == nullptr && isFile(pyproject) ? readQuietly(pyproject) : std::nullopt;
            const bool shadowed = beside != nullptr ? beside->hasToolUv
                                                    : besideTable && (*besideTable)["tool"]["uv"].is_table();
            if (shadowed) {
                configuration.toolUvShadowed = true;
                configuration.problems.push_back(makeFileError(
                    ErrorCode::Invalid, "uv ignores [tool.uv] in this file because uv.toml sits next to it.",
                    pyproject.string()));
            }
            break;
        }
        if (isFile(pyproject)) {
            if (at == location->directory) {
                if (project->hasToolUv) {
                    configuration.indexes = project->indexes;
                    configuration.indexStrategy = project->indexStrategy;
                    configuration.indexStrategyOrigin = project->indexStrategyOrigin;
                    configuration.files.push_back(pyproject);
                    break;
                }
            } else {
                const auto text = readFile(pyproject);
                auto other = text ? detail::parsePyProjectUnchecked(*text, pyproject) : Result<PyProject>();
                if (text && other && other->hasToolUv) {
                    const auto scope = scopeOf(at, false);
                    setScope(other->indexes, scope);
                    configuration.indexes = std::move(other->indexes);
                    configuration.indexStrategy = std::move(other->indexStrategy);
                    configuration.indexStrategyOrigin = other->indexStrategyOrigin;
                    configuration.indexStrategyOrigin.scope = scope;
                    configuration.files.push_back(pyproject);
                    break;
                }
            }
        }
        if (at == at.parent_path())
            break;
    }
    if (std::find(configuration.files.begin(), configuration.files.end(), location->pyproject()) ==
        configuration.files.end())
        configuration.files.push_back(location->pyproject());
    if (location->isWorkspaceMember()) {
        const auto rootFile = location->workspaceRoot / "pyproject.toml";
        if (std::find(configuration.files.begin(), configuration.files.end(), rootFile) ==
            configuration.files.end())
            configuration.files.push_back(rootFile);
    }

    auto mergeUnder = [&configuration](const fs::path& file, ValueOrigin::Scope scope) -> Status {
        auto loaded = loadUvToml(file, scope);
        if (!loaded)
            return std::unexpected(loaded.error());
        for (auto& index : loaded->indexes)
            configuration.indexes.push_back(std::move(index));
        if (configuration.indexStrategy.empty()) {
            configuration.indexStrategy = std::move(loaded->indexStrategy);
            configuration.indexStrategyOrigin = loaded->indexStrategyOrigin;
        }
        configuration.files.push_back(file);
        for (auto& problem : loaded->problems)
            configuration.problems.push_back(std::move(problem));
        return {};
    };
    if (const auto userFile = user.userUvToml(); userFile && isFile(*userFile))
        if (auto merged = mergeUnder(*userFile, ValueOrigin::Scope::User); !merged)
            return std::unexpected(merged.error());
    if (const auto systemFile = user.systemUvToml())
        if (auto merged = mergeUnder(*systemFile, ValueOrigin::Scope::System); !merged)
            return std::unexpected(merged.error());

    detail::checkPins(configuration.sources, project->pinPatterns, configuration.sourceIndexes,
                      configuration.indexes, configuration.problems);
    // The model of the file as written keeps its own view of its pins.
    detail::checkPins(project->sources, project->pinPatterns, project->indexes, project->indexes,
                      project->problems);
    configuration.project = std::move(*project);
    return configuration;
}

std::vector<IndexEntry> searchOrder(const std::vector<IndexEntry>& indexes)
{
    std::vector<IndexEntry> order;
    std::optional<IndexEntry> defaultIndex;
    std::set<std::string> names;
    for (const auto& index : indexes) {
        if (!index.name.empty() && !names.insert(index.name).second)
            continue;
        if (index.isDefault) {
            if (!defaultIndex)
                defaultIndex = index;
            continue;
        }
        order.push_back(index);
    }
    if (!defaultIndex) {
        IndexEntry pypi;
        pypi.name = "pypi";
        pypi.url = kPyPiSimpleUrl;
        pypi.isDefault = true;
        pypi.isImplicit = true;
        pypi.origin.scope = ValueOrigin::Scope::Implicit;
        defaultIndex = std::move(pypi);
    }
    order.push_back(std::move(*defaultIndex));
    return order;
}

} // namespace pindex::project
