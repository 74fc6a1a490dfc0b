// The process the crash-safety tests kill: it rewrites one user file in a loop, the way Pindex
// does, until it is killed. `pyproject DIR` adds and removes an index in DIR/pyproject.toml;
// `lock DIR` writes DIR/pylock.toml with one of two package sets. It prints "ready" once the first
// write is done, so the test knows the loop is running.
// `sync PROJECT LOCK CACHE PYTHON` runs the job behind `pindex sync --lock LOCK` once (the venv
// test kills it through kill_after_ops.cpp); exit 0 when every change was applied.

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "core/install/sync_job.h"
#include "core/lock/pylock_writer.h"
#include "core/project/project_document.h"
#include "tests/integration/crash/crash_locks.h"

using namespace pindex;

namespace {

int rewritePyproject(const std::filesystem::path& file)
{
    for (bool ready = false;; ready = true) {
        auto document = project::ProjectDocument::open(file);
        if (!document) {
            std::cerr << document.error().describe() << '\n';
            return 2;
        }
        const bool present = !document->indexNames().empty() && document->indexNames().back() == "crash-test";
        const auto edit =
            present ? document->removeIndex("crash-test")
                    : document->addIndex({.name = "crash-test", .url = "https://crash.example/simple/"});
        if (!edit || !document->save()) {
            std::cerr << "edit failed\n";
            return 2;
        }
        if (!ready)
            std::cout << "ready" << std::endl;
    }
}

int rewriteLock(const std::filesystem::path& file)
{
    const auto first = test::firstCrashLock();
    const auto second = test::secondCrashLock();
    for (int round = 0;; ++round) {
        if (const auto written = lock::writePylock(file, round % 2 == 0 ? first : second); !written) {
            std::cerr << written.error().describe() << '\n';
            return 2;
        }
        if (round == 0)
            std::cout << "ready" << std::endl;
    }
}

int runSync(const std::filesystem::path& project, const std::filesystem::path& lockFile,
            const std::filesystem::path& cache, const std::filesystem::path& python)
{
    const auto summary = install::syncProject(
        {.projectDirectory = project, .lockFile = lockFile, .cacheDirectory = cache, .python = python});
    if (!summary) {
        std::cerr << summary.error().describe() << '\n';
        return 2;
    }
    for (const auto& package : summary->packages)
        if (package.error)
            std::cerr << package.name << ": " << package.error->describe() << '\n';
    return summary->succeeded() ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    const std::vector<std::string> arguments(argv, argv + argc);
    if (arguments.size() == 6 && arguments[1] == "sync")
        return runSync(arguments[2], arguments[3], arguments[4], arguments[5]);
    if (argc != 3) {
        std::cerr << "usage: pindex-crash-writer pyproject|lock DIR\n";
        return 2;
    }
    const std::string mode = argv[1]; // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
    const std::filesystem::path directory =
        argv[2]; // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
    if (mode == "pyproject")
        return rewritePyproject(directory / "pyproject.toml");
    if (mode == "lock")
        return rewriteLock(directory / "pylock.toml");
    std::cerr << "unknown mode " << mode << '\n';
    return 2;
}
