// pindex-conformance DIR: checks every case of every JSON vector file in DIR against
// core/standards and prints one line per failure, then "N passed, N failed" as the last line.
// Exits non-zero when a case failed or a file or member is unknown. A missing DIR is a skip.

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>

#include "tests/conformance/runner.h"

using namespace pindex::conformance;

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: pindex-conformance DIR\n";
        return 2;
    }
    const std::filesystem::path directory = argv[1];
    std::error_code error;
    if (!std::filesystem::is_directory(directory, error)) {
        std::cout << "SKIP: no conformance vectors at " << directory.string() << '\n';
        std::cout << "0 passed, 0 failed\n";
        return 0;
    }

    std::map<std::pair<std::string, std::string>, Checker> checkers;
    for (auto table : {versionCheckers(), specifierCheckers(), requirementCheckers(), tagCheckers()}) {
        for (const CheckerEntry& entry : table)
            checkers[{std::string(entry.file), std::string(entry.member)}] = entry.check;
    }

    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        if (entry.path().extension() == ".json")
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());

    Report report;
    simdjson::dom::parser parser;
    for (const auto& file : files) {
        const std::string stem = file.stem().string();
        simdjson::dom::object members;
        if (const auto failure = parser.load(file.string()).get(members)) {
            report.fail(file.filename().string(),
                        std::string("cannot read: ") + simdjson::error_message(failure));
            continue;
        }
        for (const auto [key, value] : members) {
            const std::string group = stem + "/" + std::string(key);
            const auto found = checkers.find({stem, std::string(key)});
            simdjson::dom::array cases;
            if (found == checkers.end()) {
                report.fail(group, "unknown member");
                continue;
            }
            if (value.get(cases)) {
                report.fail(group, "member is not a list of cases");
                continue;
            }
            for (const auto item : cases) {
                const std::string problem = found->second(item);
                if (problem.empty())
                    report.pass();
                else
                    report.fail(group, problem + " in " + describe(item));
            }
        }
    }
    std::cout << report.passed() << " passed, " << report.failed() << " failed\n";
    return report.failed() == 0 ? 0 : 1;
}
