// pindex-bench-standards FILE [REPEAT]: a micro-benchmark of core/standards on a real index
// snapshot (../shared/data/resolvelib/index-pypi-2020-11-17-cheroot.json): parse every version,
// parse every dependency string, sort the versions of every project, evaluate every marker for a
// CPython 3.11 Linux environment. Each phase runs REPEAT times (default 5); the best time counts.
// tests/bench/standards_bench.py does the same work with Python's packaging.
//
// Prints one line per phase, "<phase>: <count> items, <ms> ms, <rate>/s", and "total: <ms> ms".

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <simdjson.h>
#include <string>
#include <vector>

#include "core/standards/marker.h"
#include "core/standards/requirement.h"
#include "core/standards/version.h"

using namespace pindex::standards;

namespace {

struct Project
{
    std::vector<std::string> versions;
};

// Best wall time of `repeat` runs of work, in milliseconds.
double bestOf(int repeat, const std::function<void()>& work)
{
    double best = 1e300;
    for (int i = 0; i < repeat; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        const auto end = std::chrono::steady_clock::now();
        best = std::min(best, std::chrono::duration<double, std::milli>(end - start).count());
    }
    return best;
}

void report(const char* phase, std::size_t items, double milliseconds)
{
    std::printf("%s: %zu items, %.3f ms, %.0f/s\n", phase, items, milliseconds,
                static_cast<double>(items) / (milliseconds / 1000.0));
}

MarkerEnvironment linuxCPython311()
{
    MarkerEnvironment environment;
    environment.implementationName = "cpython";
    environment.implementationVersion = "3.11.7";
    environment.osName = "posix";
    environment.platformMachine = "x86_64";
    environment.platformPythonImplementation = "CPython";
    environment.platformRelease = "6.1.0-18-amd64";
    environment.platformSystem = "Linux";
    environment.platformVersion = "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)";
    environment.pythonFullVersion = "3.11.7";
    environment.pythonVersion = "3.11";
    environment.sysPlatform = "linux";
    environment.extra = "";
    return environment;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: pindex-bench-standards FILE [REPEAT]\n");
        return 2;
    }
    const int repeat = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;

    simdjson::dom::parser parser;
    simdjson::dom::object index;
    if (parser.load(argv[1]).get(index)) {
        std::fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    std::vector<Project> projects;
    std::vector<std::string> dependencies;
    for (const auto [name, versions] : index) {
        Project project;
        simdjson::dom::object versionObject;
        if (versions.get(versionObject))
            continue;
        for (const auto [version, data] : versionObject) {
            project.versions.emplace_back(version);
            simdjson::dom::array list;
            if (data["dependencies"].get(list))
                continue;
            for (const auto dependency : list) {
                std::string_view text;
                if (!dependency.get(text))
                    dependencies.emplace_back(text);
            }
        }
        projects.push_back(std::move(project));
    }
    std::size_t versionCount = 0;
    for (const auto& project : projects)
        versionCount += project.versions.size();

    // Phase 1: parse every version (invalid ones are counted and skipped).
    std::vector<std::vector<Version>> parsed;
    std::size_t invalidVersions = 0;
    const double parseVersions = bestOf(repeat, [&] {
        parsed.assign(projects.size(), {});
        invalidVersions = 0;
        for (std::size_t i = 0; i < projects.size(); ++i) {
            parsed[i].reserve(projects[i].versions.size());
            for (const auto& text : projects[i].versions) {
                if (auto version = Version::parse(text))
                    parsed[i].push_back(std::move(*version));
                else
                    ++invalidVersions;
            }
        }
    });

    // Phase 2: parse every dependency string.
    std::vector<Requirement> requirements;
    std::size_t invalidRequirements = 0;
    const double parseRequirements = bestOf(repeat, [&] {
        requirements.clear();
        requirements.reserve(dependencies.size());
        invalidRequirements = 0;
        for (const auto& text : dependencies) {
            if (auto requirement = parseRequirement(text))
                requirements.push_back(std::move(*requirement));
            else
                ++invalidRequirements;
        }
    });

    // Phase 3: sort the versions of every project (from the parsed order each time), as a list of
    // references to the parsed versions, as Python's sorted() builds.
    std::vector<std::vector<const Version*>> sorted;
    const double sortVersions = bestOf(repeat, [&] {
        sorted.assign(parsed.size(), {});
        for (std::size_t i = 0; i < parsed.size(); ++i) {
            auto& versions = sorted[i];
            versions.reserve(parsed[i].size());
            for (const auto& version : parsed[i])
                versions.push_back(&version);
            std::sort(versions.begin(), versions.end(),
                      [](const Version* a, const Version* b) { return *a < *b; });
        }
    });

    // Phase 4: evaluate every marker.
    const MarkerEnvironment environment = linuxCPython311();
    std::size_t markers = 0;
    std::size_t markersTrue = 0;
    std::size_t markerErrors = 0;
    const double evaluateMarkers = bestOf(repeat, [&] {
        markers = markersTrue = markerErrors = 0;
        for (const auto& requirement : requirements) {
            if (!requirement.marker)
                continue;
            ++markers;
            const auto result = requirement.marker->evaluate(environment);
            if (!result)
                ++markerErrors;
            else if (*result)
                ++markersTrue;
        }
    });

    std::printf("projects: %zu, versions: %zu (%zu invalid), dependencies: %zu (%zu invalid), markers: %zu "
                "(%zu true, %zu errors)\n",
                projects.size(), versionCount, invalidVersions, dependencies.size(), invalidRequirements,
                markers, markersTrue, markerErrors);
    report("parse versions", versionCount, parseVersions);
    report("parse requirements", dependencies.size(), parseRequirements);
    report("sort versions", versionCount - invalidVersions, sortVersions);
    report("evaluate markers", markers, evaluateMarkers);
    std::printf("total: %.3f ms\n", parseVersions + parseRequirements + sortVersions + evaluateMarkers);
    return 0;
}
