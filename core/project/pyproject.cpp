#include "core/project/pyproject.h"

#include "core/util/file_io.h"

#include <toml++/toml.h>

namespace pindex::project {
namespace {

std::string stringOr(const toml::node_view<const toml::node>& node, std::string fallback)
{
    if (const auto* value = node.as_string())
        return value->get();
    return fallback;
}

void appendRequirements(const toml::node_view<const toml::node>& array, DependencyEntry::Kind kind,
                        const std::string& group, std::vector<DependencyEntry>& out)
{
    const auto* list = array.as_array();
    if (list == nullptr)
        return;
    for (const auto& item : *list) {
        if (const auto* text = item.as_string())
            out.push_back({kind, group, text->get()});
    }
}

} // namespace

Result<PyProject> loadPyProject(const std::filesystem::path& file)
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
    const toml::table& root = parsed.table();

    PyProject project;
    project.file = file;
    const auto meta = root["project"];
    project.name = stringOr(meta["name"], {});
    project.version = stringOr(meta["version"], {});
    project.requiresPython = stringOr(meta["requires-python"], {});
    appendRequirements(meta["dependencies"], DependencyEntry::Kind::Main, {}, project.dependencies);
    if (const auto* extras = meta["optional-dependencies"].as_table()) {
        for (const auto& [extra, list] : *extras)
            appendRequirements(toml::node_view<const toml::node>(list), DependencyEntry::Kind::Extra,
                               std::string(extra.str()), project.dependencies);
    }
    if (const auto* groups = root["dependency-groups"].as_table()) {
        for (const auto& [group, list] : *groups)
            appendRequirements(toml::node_view<const toml::node>(list), DependencyEntry::Kind::Group,
                               std::string(group.str()), project.dependencies);
    }
    if (const auto* indexes = root["tool"]["uv"]["index"].as_array()) {
        for (const auto& node : *indexes) {
            const auto* table = node.as_table();
            if (table == nullptr)
                continue;
            const auto view = toml::node_view<const toml::node>(static_cast<const toml::node&>(*table));
            IndexEntry entry;
            entry.name = stringOr(view["name"], {});
            entry.url = stringOr(view["url"], {});
            entry.isDefault = view["default"].value_or(false);
            entry.isExplicit = view["explicit"].value_or(false);
            entry.format = stringOr(view["format"], "simple");
            entry.authenticate = stringOr(view["authenticate"], "auto");
            project.indexes.push_back(std::move(entry));
        }
    }
    return project;
}

} // namespace pindex::project
