#include "core/project/pyproject.h"

#include <algorithm>

#include <toml++/toml.h>

#include "core/project/toml_text.h"
#include "core/project/uv_settings_reader.h"
#include "core/standards/name.h"
#include "core/standards/requirement.h"
#include "core/util/file_io.h"

namespace pindex::project {
namespace {

using detail::originOf;

std::string stringOr(const toml::node_view<const toml::node>& node, std::string fallback)
{
    if (const auto* value = node.as_string())
        return value->get();
    return fallback;
}

void appendRequirements(const toml::node* node, DependencyEntry::Kind kind, const std::string& group,
                        const std::string& file, std::vector<DependencyEntry>& out)
{
    const auto* list = node == nullptr ? nullptr : node->as_array();
    if (list == nullptr)
        return;
    for (const auto& item : *list) {
        DependencyEntry entry;
        entry.kind = kind;
        entry.group = group;
        entry.origin = originOf(item, file, ValueOrigin::Scope::Project);
        if (const auto* text = item.as_string()) {
            entry.requirement = text->get();
        } else if (const auto* table = item.as_table()) {
            const auto* include = table->get_as<std::string>("include-group");
            if (include == nullptr)
                continue;
            entry.includeGroup = include->get();
        } else {
            continue;
        }
        out.push_back(std::move(entry));
    }
}

} // namespace

std::string_view toString(ValueOrigin::Scope scope)
{
    switch (scope) {
    case ValueOrigin::Scope::Project: return "project";
    case ValueOrigin::Scope::ProjectUvToml: return "project-uv-toml";
    case ValueOrigin::Scope::Workspace: return "workspace";
    case ValueOrigin::Scope::Ancestor: return "ancestor";
    case ValueOrigin::Scope::User: return "user";
    case ValueOrigin::Scope::System: return "system";
    case ValueOrigin::Scope::Implicit: return "implicit";
    }
    return "unknown";
}

bool isValidIndexName(std::string_view name)
{
    if (name.empty())
        return false;
    for (const char c : name) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_' || c == '.';
        if (!ok)
            return false;
    }
    return true;
}

std::string requirementName(std::string_view requirement)
{
    const auto parsed = standards::parseRequirement(requirement);
    if (!parsed)
        return {};
    return standards::canonicalizeName(parsed->name);
}

Result<PyProject> parsePyProject(const std::string& text, const std::filesystem::path& file)
{
    auto project = detail::parsePyProjectUnchecked(text, file);
    if (project)
        detail::checkPins(project->sources, project->pinPatterns, project->indexes, project->indexes,
                          project->problems);
    return project;
}

Result<PyProject> detail::parsePyProjectUnchecked(const std::string& text, const std::filesystem::path& file)
{
    const std::string fileName = file.string();
    auto parsed = parseTomlText(text, fileName);
    if (!parsed)
        return std::unexpected(parsed.error());
    const toml::table& root = *parsed;

    PyProject project;
    project.file = file;
    const auto meta = root["project"];
    project.name = stringOr(meta["name"], {});
    project.version = stringOr(meta["version"], {});
    project.requiresPython = stringOr(meta["requires-python"], {});
    appendRequirements(meta["dependencies"].node(), DependencyEntry::Kind::Main, {}, fileName,
                       project.dependencies);
    if (const auto* extras = meta["optional-dependencies"].as_table()) {
        for (const auto& [extra, list] : *extras)
            appendRequirements(&list, DependencyEntry::Kind::Extra, std::string(extra.str()), fileName,
                               project.dependencies);
    }
    if (const auto* groups = root["dependency-groups"].as_table()) {
        for (const auto& [group, list] : *groups)
            appendRequirements(&list, DependencyEntry::Kind::Group, std::string(group.str()), fileName,
                               project.dependencies);
    }
    // toml++ keeps a table's keys sorted; the model keeps the file's order (main, extras, groups).
    std::stable_sort(project.dependencies.begin(), project.dependencies.end(),
                     [](const DependencyEntry& a, const DependencyEntry& b) {
                         if (a.kind != b.kind)
                             return a.kind < b.kind;
                         return detail::before(a.origin, b.origin);
                     });
    if (const auto* uv = root["tool"]["uv"].as_table()) {
        project.hasToolUv = true;
        detail::UvSettings settings;
        detail::readUvSettings(*uv, fileName, ValueOrigin::Scope::Project, settings);
        project.indexes = std::move(settings.indexes);
        project.indexStrategy = std::move(settings.indexStrategy);
        project.indexStrategyOrigin = settings.indexStrategyOrigin;
        project.sources = std::move(settings.sources);
        for (auto& dependency : settings.devDependencies)
            project.dependencies.push_back(std::move(dependency));
        for (auto& problem : settings.problems)
            project.problems.push_back(std::move(problem));
    }
    if (const auto* patterns = root["tool"]["pindex"]["pin-patterns"].as_table()) {
        for (const auto& [pattern, node] : *patterns) {
            if (const auto* index = node.as_string())
                project.pinPatterns.push_back({std::string(pattern.str()), index->get(),
                                               originOf(node, fileName, ValueOrigin::Scope::Project)});
        }
    }
    std::stable_sort(
        project.pinPatterns.begin(), project.pinPatterns.end(),
        [](const PatternPin& a, const PatternPin& b) { return detail::before(a.origin, b.origin); });
    detail::checkIndexNames(project.indexes, project.problems);
    return project;
}

Result<PyProject> loadPyProject(const std::filesystem::path& file)
{
    auto content = readFile(file);
    if (!content)
        return std::unexpected(content.error());
    return parsePyProject(*content, file);
}

} // namespace pindex::project
