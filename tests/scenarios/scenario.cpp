#include "tests/scenarios/scenario.h"

#include <sstream>

#include <toml++/toml.h>

#include "core/standards/name.h"
#include "core/util/file_io.h"

namespace pindex::scenarios {

namespace {

std::vector<std::string> strings(const toml::node* node)
{
    std::vector<std::string> result;
    if (const auto* array = node ? node->as_array() : nullptr) {
        for (const auto& item : *array) {
            if (auto value = item.value<std::string>()) {
                result.push_back(*value);
            }
        }
    }
    return result;
}

ScenarioVersion readVersion(const std::string& version, const toml::table* table)
{
    ScenarioVersion result;
    result.version = version;
    if (!table) {
        return result;
    }
    result.requirements = strings(table->get("requires"));
    if (auto value = (*table)["requires_python"].value<std::string>()) {
        result.requiresPython = *value;
    }
    result.yanked = (*table)["yanked"].value_or(false);
    if (const auto* extras = (*table)["extras"].as_table()) {
        for (const auto& [extra, list] : *extras) {
            result.extras[std::string(extra.str())] = strings(&list);
        }
    }
    if (table->contains("wheel_tags")) {
        result.wheelTags = strings(table->get("wheel_tags"));
    }
    if (!(*table)["wheel"].value_or(true)) {
        result.wheelTags.clear();
    }
    result.sdist = (*table)["sdist"].value_or(true);
    if (table->contains("indexes")) {
        result.indexes = strings(table->get("indexes"));
    }
    return result;
}

} // namespace

Result<Scenario> loadScenario(const std::filesystem::path& file)
{
    auto text = readFile(file);
    if (!text) {
        return std::unexpected(std::move(text.error()));
    }
    auto parsed = toml::parse(*text, file.string());
    if (!parsed) {
        const auto& error = parsed.error();
        return std::unexpected(makeFileError(ErrorCode::Parse, std::string(error.description()),
                                             file.string(),
                                             static_cast<std::uint32_t>(error.source().begin.line),
                                             static_cast<std::uint32_t>(error.source().begin.column)));
    }
    const auto& table = parsed.table();
    Scenario scenario;
    scenario.file = file;
    scenario.name = table["name"].value_or(file.stem().string());

    scenario.rootRequires = strings(table["root"]["requires"].node());
    if (auto value = table["root"]["requires_python"].value<std::string>()) {
        scenario.rootRequiresPython = *value;
    }
    if (const auto* sources = table["root"]["sources"].as_table()) {
        for (const auto& [name, index] : *sources) {
            scenario.sources[standards::canonicalizeName(name.str())] = index.value_or(std::string());
        }
    }
    if (const auto* patterns = table["root"]["pin_patterns"].as_table()) {
        for (const auto& [glob, index] : *patterns) {
            scenario.pinPatterns.emplace_back(std::string(glob.str()), index.value_or(std::string()));
        }
    }

    std::optional<ScenarioIndex> defaultIndex;
    if (const auto* indexes = table["indexes"].as_array()) {
        for (const auto& item : *indexes) {
            const auto* entry = item.as_table();
            if (!entry) {
                continue;
            }
            ScenarioIndex index{.name = (*entry)["name"].value_or(std::string()),
                                .explicitOnly = (*entry)["explicit"].value_or(false),
                                .isDefault = (*entry)["default"].value_or(false)};
            if (index.isDefault) {
                defaultIndex = index;
            } else {
                scenario.indexes.push_back(index);
            }
        }
    }
    scenario.indexes.push_back(defaultIndex ? *defaultIndex
                                            : ScenarioIndex{.name = "pypi", .isDefault = true});

    if (const auto* packages = table["packages"].as_table()) {
        for (const auto& [name, package] : *packages) {
            auto& versions = scenario.packages[standards::canonicalizeName(name.str())];
            const auto* versionTable =
                package.as_table() ? (*package.as_table())["versions"].as_table() : nullptr;
            if (!versionTable) {
                continue;
            }
            for (const auto& [version, details] : *versionTable) {
                versions.push_back(readVersion(std::string(version.str()), details.as_table()));
            }
        }
    }

    scenario.python = table["environment"]["python"].value_or(std::string("3.12"));
    if (auto value = table["resolver_options"]["python"].value<std::string>()) {
        scenario.resolverPython = *value;
    }
    scenario.platform = table["resolver_options"]["python_platform"].value_or(std::string());
    scenario.universal = table["resolver_options"]["universal"].value_or(false);
    scenario.prereleases = table["resolver_options"]["prereleases"].value_or(false);
    scenario.noBuild = strings(table["resolver_options"]["no_build"].node());
    scenario.noBinary = strings(table["resolver_options"]["no_binary"].node());
    scenario.indexStrategy = table["resolver_options"]["index_strategy"].value_or(std::string("first-index"));

    if (auto value = table["expected"]["satisfiable"].value<bool>()) {
        scenario.expectSatisfiable = *value;
    }
    if (const auto* expected = table["expected"]["packages"].as_table()) {
        scenario.hasExpectedPackages = true;
        for (const auto& [name, version] : *expected) {
            scenario.expectPackages[standards::canonicalizeName(name.str())] =
                version.value_or(std::string());
        }
    }
    if (const auto* expected = table["expected"]["indexes"].as_table()) {
        for (const auto& [name, index] : *expected) {
            scenario.expectIndexes[standards::canonicalizeName(name.str())] = index.value_or(std::string());
        }
    }
    return scenario;
}

} // namespace pindex::scenarios
