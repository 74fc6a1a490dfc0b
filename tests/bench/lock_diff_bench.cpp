// Parse and diff two lockfiles in-process, N times: the time of each phase without process start-up
// (run_lock_diff_bench.sh times the whole `pindex diff` command as well).
//
// usage: pindex-bench-lock-diff OLD NEW [RUNS]   prints the best time of each phase in ms

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <string>

#include "core/diff/lock_diff.h"
#include "core/lock/lock_reader.h"
#include "core/util/file_io.h"

using namespace pindex;
using Clock = std::chrono::steady_clock;

namespace {

double milliseconds(Clock::duration duration)
{
    return std::chrono::duration<double, std::milli>(duration).count();
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s OLD NEW [RUNS]\n", argv[0]);
        return 2;
    }
    const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 10;
    const auto oldText = readFile(argv[1]);
    const auto newText = readFile(argv[2]);
    if (!oldText || !newText) {
        std::fprintf(stderr, "cannot read the lockfiles\n");
        return 2;
    }
    double bestParse = 1e9;
    double bestParallel = 1e9;
    double bestDiff = 1e9;
    std::size_t changes = 0;
    std::size_t packages = 0;
    for (int run = 0; run < runs; ++run) {
        const auto start = Clock::now();
        auto before = lock::parseLock(*oldText, argv[1]);
        auto after = lock::parseLock(*newText, argv[2]);
        const auto parsed = Clock::now();
        if (!before || !after) {
            std::fprintf(stderr, "%s\n", (before ? after : before).error().describe().c_str());
            return 2;
        }
        auto pending = std::async(std::launch::async, [&] { return lock::parseLock(*oldText, argv[1]); });
        auto again = lock::parseLock(*newText, argv[2]);
        auto previous = pending.get();
        if (!again || !previous)
            return 2;
        const auto parallel = Clock::now();
        const auto diff = diff::diffSnapshots(*before, *after);
        const auto diffed = Clock::now();
        bestParse = std::min(bestParse, milliseconds(parsed - start));
        bestParallel = std::min(bestParallel, milliseconds(parallel - parsed));
        bestDiff = std::min(bestDiff, milliseconds(diffed - parallel));
        changes = diff.changes.size();
        packages = before->packages.size();
    }
    std::printf(
        "%zu packages, %zu changes: parse both %.1f ms (sequential), %.1f ms (in parallel), diff %.1f ms, "
        "parse+diff %.1f ms (best of %d)\n",
        packages, changes, bestParse, bestParallel, bestDiff, bestParallel + bestDiff, runs);
    return 0;
}
