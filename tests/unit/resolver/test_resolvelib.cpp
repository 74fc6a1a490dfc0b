// The resolvelib functional cases (../shared/data/resolvelib): every case is resolved against its
// index snapshot, the result is checked against every requirement independently of the resolver,
// and differences from resolvelib's own answer are listed (another valid answer is not a failure).

#include <filesystem>
#include <map>
#include <set>
#include <simdjson.h>

#include <catch2/catch.hpp>

#include "core/resolver/resolver.h"
#include "core/standards/name.h"
#include "core/standards/requirement.h"
#include "core/util/file_io.h"
#include "tests/support/test_paths.h"
#include "tests/unit/resolver/snapshot_source.h"

namespace {

namespace fs = std::filesystem;
using pindex::resolver::Resolution;

struct Case
{
    std::string index;
    std::vector<std::string> requested;
    std::map<std::string, std::string> resolved;
};

fs::path dataDir()
{
    return pindex::test::kSharedDataDir / "resolvelib";
}

Case readCase(const fs::path& file)
{
    auto text = pindex::readFile(file);
    REQUIRE(text);
    simdjson::dom::parser parser;
    simdjson::dom::object root;
    REQUIRE(parser.parse(*text).get(root) == simdjson::SUCCESS);
    Case result;
    std::string_view index;
    REQUIRE(root["index"].get(index) == simdjson::SUCCESS);
    result.index = std::string(index);
    simdjson::dom::array requested;
    REQUIRE(root["requested"].get(requested) == simdjson::SUCCESS);
    for (auto item : requested) {
        std::string_view requirement;
        REQUIRE(item.get(requirement) == simdjson::SUCCESS);
        result.requested.emplace_back(requirement);
    }
    simdjson::dom::object resolved;
    if (root["resolved"].get(resolved) == simdjson::SUCCESS) {
        for (auto [name, value] : resolved) {
            std::string_view version;
            if (value.get(version) != simdjson::SUCCESS) {
                REQUIRE(value["version"].get(version) == simdjson::SUCCESS);
            }
            result.resolved[pindex::standards::canonicalizeName(name)] = std::string(version);
        }
    }
    return result;
}

pindex::resolver::TargetEnvironment target()
{
    return *pindex::resolver::TargetEnvironment::make("3.11", "linux-x86_64");
}

// Every requirement (of the project, of every chosen package and of its activated extras) is met
// by the chosen versions. Written from the snapshot's strings, not from the resolver's structures.
std::vector<std::string> unmetRequirements(const Case& testCase, const Resolution& resolution,
                                           const pindex::test::SnapshotSource& source)
{
    std::vector<std::string> problems;
    std::map<std::string, std::set<std::string>> extras;
    std::vector<std::pair<std::string, std::string>> pending; // (required by, requirement)
    for (const auto& text : testCase.requested) {
        pending.emplace_back("the project", text);
    }
    std::set<std::pair<std::string, std::string>> checkedExtras;
    for (const auto& package : resolution.packages) {
        for (const auto& text : source.dependencyTexts(package.name, package.version.str())) {
            pending.emplace_back(package.name, text);
        }
    }
    const auto environment = target();
    while (!pending.empty()) {
        const auto [owner, text] = pending.back();
        pending.pop_back();
        auto requirement = pindex::standards::parseRequirement(text);
        if (!requirement) {
            problems.push_back(owner + ": cannot parse '" + text + "'");
            continue;
        }
        // Which extras of the owner make this requirement apply?
        std::vector<std::string> activeFor{""};
        if (owner != "the project") {
            for (const auto& extra : extras[owner]) {
                activeFor.push_back(extra);
            }
        }
        bool applies = !requirement->marker;
        for (const auto& extra : activeFor) {
            if (requirement->marker) {
                auto holds = requirement->marker->evaluate(environment.markerEnvironment(extra));
                applies = applies || (holds && *holds);
            }
        }
        if (!applies) {
            continue;
        }
        const auto name = pindex::standards::canonicalizeName(requirement->name);
        const auto* chosen = resolution.find(name);
        if (!chosen) {
            problems.push_back(owner + " needs " + text + " but " + name + " is not in the resolution");
            continue;
        }
        if (!requirement->specifier.contains(chosen->version, pindex::standards::PrereleasePolicy::Allow)) {
            problems.push_back(owner + " needs " + text + " but " + name + "==" + chosen->version.str() +
                               " was chosen");
        }
        for (const auto& extra : requirement->extras) {
            const auto normalized = pindex::standards::normalizeExtra(extra);
            if (extras[name].insert(normalized).second) {
                // Re-check the package's dependencies now that one more extra is active.
                for (const auto& dependency : source.dependencyTexts(name, chosen->version.str())) {
                    pending.emplace_back(name, dependency);
                }
            }
        }
    }
    return problems;
}

} // namespace

TEST_CASE("The resolvelib cases resolve to results that meet every requirement", "[resolver][resolvelib]")
{
    if (!fs::is_directory(dataDir())) {
        WARN("skipping: " << dataDir().string() << " is absent");
        return;
    }
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(dataDir())) {
        const auto name = entry.path().filename().string();
        if (name.rfind("case-", 0) == 0 && entry.path().extension() == ".json") {
            cases.push_back(entry.path());
        }
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE_FALSE(cases.empty());
    for (const auto& file : cases) {
        const auto testCase = readCase(file);
        INFO("case " << file.filename().string());
        auto source = pindex::test::SnapshotSource::load(dataDir() / ("index-" + testCase.index + ".json"));
        REQUIRE(source);
        pindex::resolver::ResolveOptions options;
        options.environment = target();
        for (const auto& text : testCase.requested) {
            auto dependency = pindex::resolver::Dependency::parse(text);
            REQUIRE(dependency);
            options.requirements.push_back(std::move(*dependency));
        }
        const auto resolution = pindex::resolver::resolve(*source, options);
        if (!resolution) {
            FAIL(resolution.error().message);
        }
        const auto problems = unmetRequirements(testCase, *resolution, *source);
        for (const auto& problem : problems) {
            UNSCOPED_INFO(problem);
        }
        CHECK(problems.empty());

        std::string differences;
        for (const auto& [name, version] : testCase.resolved) {
            const auto* chosen = resolution->find(name);
            const auto expected = pindex::standards::Version::parse(version);
            if (!chosen) {
                differences += " " + name + " missing (resolvelib: " + version + ");";
            } else if (!expected || !(chosen->version == *expected)) {
                differences += " " + name + "==" + chosen->version.str() + " (resolvelib: " + version + ");";
            }
        }
        for (const auto& package : resolution->packages) {
            if (!testCase.resolved.contains(package.name)) {
                differences += " also " + package.name + "==" + package.version.str() + ";";
            }
        }
        if (!differences.empty()) {
            WARN(file.filename().string() << " differs from resolvelib:" << differences);
        }
    }
}
