#pragma once

// pindex::scenarios::Scenario: one resolver scenario file, in the packse format or its
// multi-index extension (../shared/data/packse/README.md, ../shared/data/index-scenarios/README.md),
// read into plain values. Requirement strings stay strings here; the source parses them.
//
// Invariants: package names are PEP 503 canonical; `indexes` holds the declared indexes in
// priority order followed by the default index (the one marked default, else an implicit `pypi`).

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/util/error.h"

namespace pindex::scenarios {

struct ScenarioVersion
{
    std::string version;
    std::vector<std::string> requirements;
    std::map<std::string, std::vector<std::string>> extras;
    std::optional<std::string> requiresPython;
    bool yanked = false;
    std::vector<std::string> wheelTags{"py3-none-any"};
    bool sdist = true;
    std::vector<std::string> indexes{"pypi"};
};

struct ScenarioIndex
{
    std::string name;
    bool explicitOnly = false;
    bool isDefault = false;
};

struct Scenario
{
    std::string name;
    std::filesystem::path file;
    std::vector<std::string> rootRequires;
    std::optional<std::string> rootRequiresPython;
    std::map<std::string, std::string> sources;                   // package -> index
    std::vector<std::pair<std::string, std::string>> pinPatterns; // glob -> index, in file order
    std::vector<ScenarioIndex> indexes;
    std::map<std::string, std::vector<ScenarioVersion>> packages;

    std::string python = "3.12"; // the target interpreter
    std::optional<std::string> resolverPython;
    std::string platform; // empty: linux-x86_64
    bool universal = false;
    bool prereleases = false;
    std::vector<std::string> noBuild;
    std::vector<std::string> noBinary;
    std::string indexStrategy = "first-index";

    std::optional<bool> expectSatisfiable;
    std::map<std::string, std::string> expectPackages;
    std::map<std::string, std::string> expectIndexes;
    bool hasExpectedPackages = false;
};

[[nodiscard]] Result<Scenario> loadScenario(const std::filesystem::path& file);

} // namespace pindex::scenarios
