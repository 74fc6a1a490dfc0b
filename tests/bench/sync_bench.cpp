// The engine of `pindex sync` without the command line (and without loading Qt): syncs PROJECT's
// venv with its lock and prints the summary line `pindex sync` prints, and on standard error the
// time per phase as `pindex sync -v` does. See run_sync_bench.sh.

#include <iostream>

#include "core/install/sync_job.h"

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: pindex-bench-sync PROJECT\n";
        return 2;
    }
    pindex::install::SyncJobOptions options;
    options.projectDirectory = argv[1];
    const auto summary = pindex::install::syncProject(options);
    if (!summary) {
        std::cerr << summary.error().describe() << '\n';
        return 2;
    }
    using pindex::install::PackageOutcome;
    std::cout << "Installed " << summary->count(PackageOutcome::Installed) << ", upgraded "
              << summary->count(PackageOutcome::Upgraded) << ", removed "
              << summary->count(PackageOutcome::Removed) << ", unchanged "
              << summary->count(PackageOutcome::Unchanged) << " in " << summary->elapsed.count() << " ms\n";
    std::cerr << "pindex sync: time per phase\n" << summary->timings.format();
    return summary->succeeded() ? 0 : 1;
}
