// pindex-scenarios DIR: runs every resolver scenario under DIR (packse format, multi-index
// extension) and prints one line per failure or skip, then "N passed, N failed, N skipped".
// Exits 0 when nothing failed, also when DIR does not exist (then everything is "skipped").

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "tests/scenarios/scenario.h"
#include "tests/scenarios/scenario_runner.h"
#include "tests/scenarios/scenario_source.h"

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    if (argc < 2) {
        std::cerr << "usage: pindex-scenarios DIR [-v]\n";
        return 2;
    }
    const fs::path directory = argv[1];
    const bool verbose = argc > 2 && std::string(argv[2]) == "-v";
    std::error_code error;
    if (!fs::is_directory(directory, error)) {
        std::cout << "skipping: scenario directory " << directory.string() << " is absent\n";
        std::cout << "0 passed, 0 failed, 0 skipped\n";
        return 0;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(directory, error)) {
        if (entry.is_regular_file() && entry.path().extension() == ".toml") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());

    std::size_t passed = 0;
    std::size_t failed = 0;
    std::size_t skipped = 0;
    for (const auto& file : files) {
        const auto relative = fs::relative(file, directory).string();
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
        pindex::scenarios::ScenarioSource source(*scenario);
        const auto outcome = pindex::scenarios::runScenario(*scenario, source);
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
