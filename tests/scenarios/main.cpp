// pindex-scenarios DIR [--nginx] [-v]: runs every resolver scenario under DIR (packse format,
// multi-index extension) and prints one line per failure or skip, then "N passed, N failed,
// N skipped". Exits 0 when nothing failed, also when DIR does not exist.
//
// By default scenarios are served from memory (ScenarioSource). With --nginx, make_index.py turns
// them all into index trees, one nginx serves them, and the resolver reads them through the real
// index client (IndexSet and IndexSource), with the same index policy. Each scenario's indexes are
// served under its file's path relative to DIR (make_index.py --per-scenario), so two files giving
// the same scenario name, or names no URL could carry, do not get in each other's way.

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/index/http_client.h"
#include "core/index/index_client.h"
#include "core/resolver/index_source.h"
#include "tests/scenarios/runner_common.h"
#include "tests/scenarios/scenario.h"
#include "tests/scenarios/scenario_runner.h"
#include "tests/scenarios/scenario_source.h"
#include "tests/support/nginx_fixture.h"
#include "tests/support/temp_dir.h"

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    const auto arguments = pindex::scenarios::parseRunnerArguments(argc, argv, "pindex-scenarios");
    if (!arguments)
        return 2;
    if (!pindex::scenarios::directoryPresent(*arguments, "scenario", "0 passed, 0 failed, 0 skipped"))
        return 0;
    const fs::path& directory = arguments->directory;
    const bool verbose = arguments->verbose;
    const bool viaNginx = arguments->viaNginx;
    const auto files = pindex::scenarios::filesUnder(
        directory, [](const fs::path& path) { return path.extension() == ".toml"; });

    std::unique_ptr<pindex::test::TempDir> served;
    std::unique_ptr<pindex::test::NginxFixture> nginx;
    std::unique_ptr<pindex::index::HttpClient> http;
    if (viaNginx && !files.empty()) {
        served = std::make_unique<pindex::test::TempDir>("pindex-scenarios");
        try {
            pindex::test::generateIndex(served->path() / "indexes", {directory}, {"--per-scenario"});
        } catch (const std::exception& failure) {
            std::cout << "FAIL generating the indexes: " << failure.what()
                      << "\n0 passed, 1 failed, 0 skipped\n";
            return 1;
        }
        nginx = std::make_unique<pindex::test::NginxFixture>(
            pindex::test::NginxOptions{.root = served->path() / "indexes"});
        http = std::make_unique<pindex::index::HttpClient>();
    }

    std::size_t passed = 0;
    std::size_t failed = 0;
    std::size_t skipped = 0;
    for (const auto& file : files) {
        // Lexically, as make_index.py keys the trees (a symbolic link is not followed out of DIR).
        const auto relative = file.lexically_relative(directory).string();
        auto scenario = pindex::scenarios::loadScenario(file);
        if (!scenario) {
            std::cout << "FAIL " << relative << ": " << scenario.error().describe() << "\n";
            ++failed;
            continue;
        }
        if (const auto reason = pindex::scenarios::skipReason(*scenario); !reason.empty()) {
            std::cout << "SKIP " << relative << ": " << reason << "\n";
            ++skipped;
            continue;
        }
        pindex::scenarios::Outcome outcome;
        if (nginx) {
            std::vector<std::unique_ptr<pindex::index::IndexClient>> clients;
            std::vector<pindex::index::IndexClient*> pointers;
            for (const auto& index : scenario->indexes) {
                pindex::index::IndexConfig config;
                config.name = index.name;
                config.url = nginx->url("/" + pindex::scenarios::encodePath(relative, true) + "/" +
                                        pindex::scenarios::encodePath(index.name, false) + "/simple/");
                config.isDefault = index.isDefault;
                config.isExplicit = index.explicitOnly;
                clients.push_back(std::make_unique<pindex::index::IndexClient>(
                    config, pindex::index::IndexServices{.http = http.get()}));
                pointers.push_back(clients.back().get());
            }
            auto strategy = pindex::resolver::parseIndexStrategy(scenario->indexStrategy);
            if (!strategy) {
                std::cout << "FAIL " << relative << ": " << strategy.error().describe() << "\n";
                ++failed;
                continue;
            }
            pindex::index::IndexSet set(std::move(pointers), *strategy,
                                        {.packages = scenario->sources, .patterns = scenario->pinPatterns});
            pindex::resolver::IndexSource source(set);
            outcome = pindex::scenarios::runScenario(*scenario, source);
        } else {
            pindex::scenarios::ScenarioSource source(*scenario);
            outcome = pindex::scenarios::runScenario(*scenario, source);
        }
        if (outcome.kind == pindex::scenarios::Outcome::Kind::Failed) {
            std::cout << "FAIL " << relative << ": " << outcome.message << "\n";
            ++failed;
        } else {
            if (verbose) {
                std::cout << "ok   " << relative << (outcome.message.empty() ? "" : "\n" + outcome.message)
                          << "\n";
            }
            ++passed;
        }
    }
    std::cout << passed << " passed, " << failed << " failed, " << skipped << " skipped\n";
    return failed == 0 ? 0 : 1;
}
