#pragma once

// What the sync integration tests share: real wheels repacked from Debian's Python packages by
// tests/tools/make_sync_data.py (made once per test process), a project folder with a
// pylock.toml pointing at an nginx fixture, and pip run from the venv to check the result.

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/install/sync_job.h"
#include "tests/support/nginx_fixture.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace pindex::test {

// The projects the integration tests install: importable packages (one with a C extension, one
// with a console script) and what they require.
inline const std::vector<std::string> kSyncProjects{"requests",  "six",    "attrs",      "packaging",
                                                    "pyparsing", "jinja2", "markupsafe", "pyyaml",
                                                    "certifi",   "idna",   "urllib3",    "pip"};

// Wheels made once per process: {canonical name: file name}. Empty when the generator failed
// (the reason in `generatorError`).
struct SyncWheels
{
    std::filesystem::path directory;
    std::map<std::string, std::string> files;    // name -> file name
    std::map<std::string, std::string> versions; // name -> version
    std::string generatorError;
};
[[nodiscard]] const SyncWheels& syncWheels();

// `make_sync_data.py lock DIR URL [extra...]` output.
[[nodiscard]] std::string makeLock(const std::filesystem::path& wheels, const std::string& baseUrl,
                                   const std::vector<std::string>& extra = {});

// {name: version} from `pip list --format=json` run with the venv's python.
[[nodiscard]] std::map<std::string, std::string> pipList(const std::filesystem::path& python);
[[nodiscard]] ProcessResult pip(const std::filesystem::path& python,
                                const std::vector<std::string>& arguments);

// Every path under `root` with its modification time in nanoseconds (links not followed).
[[nodiscard]] std::map<std::string, long long> modificationTimes(const std::filesystem::path& root);

// Syncs with the test's own cache directory; fails the test on a setup error.
[[nodiscard]] Result<install::SyncSummary> runSync(const std::filesystem::path& project,
                                                   const std::filesystem::path& cache,
                                                   install::SyncJobOptions options = {},
                                                   install::SyncProgressObserver* observer = nullptr,
                                                   std::stop_token stop = {});

} // namespace pindex::test
