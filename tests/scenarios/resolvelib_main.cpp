// pindex-resolvelib DIR [--nginx] [-v]: resolves every resolvelib case (case-*.json) under DIR
// against the index snapshot it names (index-<name>.json beside it), for CPython 3.11 on Linux
// x86_64 as the cases assume, and judges each result independently of the resolver
// (resolvelib_case.h): every requirement met, read from the snapshot's own strings; a case naming
// `conflicted` packages must have no solution. Where a solution differs from resolvelib's answer,
// a DIFF line lists how (another valid answer is not a failure). Prints one line per failure and
// per difference, then "N passed, N failed". Exits 0 when nothing failed, also when DIR does not
// exist.
//
// By default the snapshots are read from memory (SnapshotSource). With --nginx, make_index.py turns
// them into indexes (wheels, PEP 658 metadata files), one nginx serves them all, and the resolver
// reads them through the real index client (IndexSet and IndexSource) and its disk cache.

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/index/http_cache.h"
#include "core/index/http_client.h"
#include "core/index/index_client.h"
#include "core/index/index_set.h"
#include "core/resolver/index_source.h"
#include "tests/scenarios/resolvelib_case.h"
#include "tests/scenarios/runner_common.h"
#include "tests/scenarios/snapshot_source.h"
#include "tests/support/nginx_fixture.h"
#include "tests/support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using namespace pindex;

// The snapshots already read, by path: several cases share one.
class Snapshots
{
public:
    const Result<test::SnapshotSource>& at(const fs::path& file)
    {
        auto found = m_loaded.find(file);
        if (found == m_loaded.end())
            found = m_loaded.emplace(file, test::SnapshotSource::load(file)).first;
        return found->second;
    }

private:
    std::map<fs::path, Result<test::SnapshotSource>> m_loaded;
};

} // namespace

int main(int argc, char** argv)
{
    const auto arguments = pindex::scenarios::parseRunnerArguments(argc, argv, "pindex-resolvelib");
    if (!arguments)
        return 2;
    if (!pindex::scenarios::directoryPresent(*arguments, "case", "0 passed, 0 failed"))
        return 0;
    const fs::path& directory = arguments->directory;
    const bool verbose = arguments->verbose;
    const bool viaNginx = arguments->viaNginx;
    const auto cases = pindex::scenarios::filesUnder(directory, [](const fs::path& path) {
        return path.filename().string().starts_with("case-") && path.extension() == ".json";
    });

    std::unique_ptr<test::TempDir> served;
    std::unique_ptr<test::NginxFixture> nginx;
    std::unique_ptr<index::HttpClient> http;
    std::unique_ptr<index::HttpCache> cache;
    if (viaNginx && !cases.empty()) {
        served = std::make_unique<test::TempDir>("pindex-resolvelib");
        try {
            test::generateIndex(served->path() / "indexes", {directory}, {"--per-scenario"});
        } catch (const std::exception& failure) {
            std::cout << "FAIL generating the indexes: " << failure.what() << "\n0 passed, 1 failed\n";
            return 1;
        }
        nginx = std::make_unique<test::NginxFixture>(test::NginxOptions{.root = served->path() / "indexes"});
        http = std::make_unique<index::HttpClient>();
        cache = std::make_unique<index::HttpCache>(served->path() / "cache");
    }

    const auto target = scenarios::resolvelibTarget();
    Snapshots snapshots;
    std::size_t passed = 0;
    std::size_t failed = 0;
    for (const auto& file : cases) {
        const auto relative = file.lexically_relative(directory).string();
        const auto testCase = scenarios::loadResolvelibCase(file);
        if (!testCase) {
            std::cout << "FAIL " << relative << ": " << testCase.error().describe() << "\n";
            ++failed;
            continue;
        }
        const auto snapshotFile = testCase->snapshotBeside(file);
        std::error_code error;
        if (!fs::is_regular_file(snapshotFile, error)) {
            std::cout << "FAIL " << relative << ": the snapshot it names, " << snapshotFile.string()
                      << ", is absent\n";
            ++failed;
            continue;
        }
        const auto& snapshot = snapshots.at(snapshotFile);
        if (!snapshot) {
            std::cout << "FAIL " << relative << ": " << snapshot.error().describe() << "\n";
            ++failed;
            continue;
        }

        resolver::ResolveOptions options{.environment = target};
        std::string unreadable;
        for (const auto& text : testCase->requested) {
            auto dependency = resolver::Dependency::parse(text);
            if (!dependency) {
                unreadable = "requirement '" + text + "': " + dependency.error().describe();
                break;
            }
            options.requirements.push_back(std::move(*dependency));
        }
        if (!unreadable.empty()) {
            std::cout << "FAIL " << relative << ": " << unreadable << "\n";
            ++failed;
            continue;
        }

        Result<resolver::Resolution> outcome = std::unexpected(Error{});
        if (nginx) {
            // The snapshot's index, as make_index.py keyed it: its path relative to DIR.
            const auto key = snapshotFile.lexically_relative(directory).string();
            index::IndexClient client(
                index::IndexConfig{.name = "pypi",
                                   .url =
                                       nginx->url("/" + scenarios::encodePath(key, true) + "/pypi/simple/"),
                                   .isDefault = true},
                index::IndexServices{.http = http.get(), .cache = cache.get()});
            index::IndexSet set({&client}, index::IndexStrategy::FirstIndex, index::IndexPins{});
            resolver::IndexSource source(set);
            outcome = resolver::resolve(source, options);
        } else {
            auto source = *snapshot; // a copy: the source counts its calls
            outcome = resolver::resolve(source, options);
        }

        const auto verdict = scenarios::checkCase(*testCase, outcome, *snapshot, target);
        for (const auto& failure : verdict.failures)
            std::cout << "FAIL " << relative << ": " << failure << "\n";
        if (!verdict.differences.empty()) {
            std::cout << "DIFF " << relative << " (from resolvelib's answer):";
            for (const auto& difference : verdict.differences)
                std::cout << " " << difference << ";";
            std::cout << "\n";
        }
        if (verdict.failures.empty()) {
            if (verbose) {
                std::cout << "ok   " << relative;
                if (outcome)
                    std::cout << " (" << outcome->packages.size()
                              << (outcome->packages.size() == 1 ? " package)" : " packages)");
                std::cout << "\n";
            }
            ++passed;
        } else {
            ++failed;
        }
    }
    std::cout << passed << " passed, " << failed << " failed\n";
    return failed == 0 ? 0 : 1;
}
