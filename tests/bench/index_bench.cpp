// The index client's benchmark: every project page and every metadata file of an index generated
// from ../shared/data/resolvelib/index-pypi-2020-11-17-cheroot.json, served by a local nginx,
// fetched cold (empty cache) and warm (the same cache: pages revalidated, metadata from disk).
// Prints requests, wall time and requests per second. Run through tests/bench/run_index_bench.sh.

#include <chrono>
#include <cstdio>
#include <iostream>

#include "core/index/index_client.h"
#include "tests/support/nginx_fixture.h"
#include "tests/support/test_paths.h"

using namespace pindex;
using namespace pindex::index;

namespace {

struct RunResult
{
    std::size_t projects = 0;
    std::size_t metadataFiles = 0;
    std::size_t clientRequests = 0;
    std::size_t serverRequests = 0;
    double seconds = 0;
    std::size_t failures = 0;
};

RunResult run(const test::NginxFixture& server, HttpClient& http, const HttpCache& cache)
{
    RunResult result;
    const std::size_t before = server.requestCount();
    const auto started = std::chrono::steady_clock::now();
    IndexClient client({.name = "pypi", .url = server.url("/simple/")}, {.http = &http, .cache = &cache});
    const auto list = client.projectList();
    if (!list) {
        std::cerr << list.error().describe() << '\n';
        ++result.failures;
        return result;
    }
    result.projects = list->names.size();
    std::vector<DistributionFile> files;
    for (auto& page : client.projectPages(list->names)) {
        if (!page || !page->has_value()) {
            ++result.failures;
            continue;
        }
        for (auto& file : (*page)->files)
            files.push_back(std::move(file));
    }
    result.metadataFiles = files.size();
    for (const auto& metadata : client.coreMetadataAll(files)) {
        if (!metadata)
            ++result.failures;
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    result.clientRequests = client.stats().requests;
    result.serverRequests = server.waitForRequestCount(before + result.clientRequests) - before;
    return result;
}

void print(const char* label, const RunResult& result)
{
    std::printf("%-5s %4zu projects, %5zu metadata files: %5zu requests in %7.3f s = %8.1f requests/s "
                "(%zu failures)\n",
                label, result.projects, result.metadataFiles, result.serverRequests, result.seconds,
                result.seconds > 0 ? static_cast<double>(result.serverRequests) / result.seconds : 0.0,
                result.failures);
    std::fflush(stdout);
}

} // namespace

int main()
{
    const auto snapshot = test::kSharedDataDir / "resolvelib/index-pypi-2020-11-17-cheroot.json";
    if (!std::filesystem::exists(snapshot)) {
        std::cout << "skipped: " << snapshot.string() << " is absent\n";
        return 0;
    }
    test::TempDir work("pindex-index-bench");
    test::generateIndex(work / "out", {snapshot});
    test::NginxFixture server({.root = work / "out/pypi"});
    HttpCache cache(work / "cache");
    HttpClient http;
    const RunResult cold = run(server, http, cache);
    print("cold", cold);
    const RunResult warm = run(server, http, cache);
    print("warm", warm);
    return cold.failures + warm.failures == 0 ? 0 : 1;
}
