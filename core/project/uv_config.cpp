#include "core/project/uv_config.h"

#include <cstdlib>
#include <set>

#include "core/project/uv_settings_reader.h"
#include "core/util/file_io.h"

namespace pindex::project {

UserDirectories UserDirectories::fromEnvironment()
{
    UserDirectories directories;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"))
        directories.xdgConfigHome = xdg;
    if (const char* home = std::getenv("HOME"))
        directories.home = home;
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

Result<ProjectConfiguration> loadUvToml(const std::filesystem::path& file, ValueOrigin::Scope scope)
{
    auto content = readFile(file);
    if (!content)
        return std::unexpected(content.error());
    toml::parse_result parsed = toml::parse(*content, file.string());
    if (!parsed) {
        const auto& error = parsed.error();
        return std::unexpected(makeFileError(ErrorCode::Parse, std::string(error.description()),
                                             file.string(), error.source().begin.line,
                                             error.source().begin.column));
    }
    detail::UvSettings settings;
    detail::readUvSettings(parsed.table(), file.string(), scope, settings);
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
    const auto pyproject = directory / "pyproject.toml";
    auto project = loadPyProject(pyproject);
    if (!project)
        return std::unexpected(project.error());

    ProjectConfiguration configuration;
    configuration.files.push_back(pyproject);
    configuration.indexes = project->indexes;
    configuration.indexStrategy = project->indexStrategy;
    configuration.indexStrategyOrigin = project->indexStrategyOrigin;
    configuration.problems = project->problems;

    std::error_code error;
    const auto projectUvToml = directory / "uv.toml";
    if (std::filesystem::exists(projectUvToml, error)) {
        auto local = loadUvToml(projectUvToml, ValueOrigin::Scope::ProjectUvToml);
        if (!local)
            return std::unexpected(local.error());
        configuration.toolUvShadowed = project->hasToolUv;
        configuration.indexes = std::move(local->indexes);
        configuration.indexStrategy = std::move(local->indexStrategy);
        configuration.indexStrategyOrigin = local->indexStrategyOrigin;
        configuration.files.insert(configuration.files.begin(), projectUvToml);
        for (auto& problem : local->problems)
            configuration.problems.push_back(std::move(problem));
        if (project->hasToolUv)
            configuration.problems.push_back(makeFileError(
                ErrorCode::Invalid, "uv ignores [tool.uv] in this file because uv.toml sits next to it.",
                pyproject.string()));
    }

    if (const auto userFile = user.userUvToml(); userFile && std::filesystem::exists(*userFile, error)) {
        auto global = loadUvToml(*userFile, ValueOrigin::Scope::User);
        if (!global)
            return std::unexpected(global.error());
        for (auto& index : global->indexes)
            configuration.indexes.push_back(std::move(index));
        if (configuration.indexStrategy.empty()) {
            configuration.indexStrategy = std::move(global->indexStrategy);
            configuration.indexStrategyOrigin = global->indexStrategyOrigin;
        }
        configuration.files.push_back(*userFile);
        for (auto& problem : global->problems)
            configuration.problems.push_back(std::move(problem));
    }
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
