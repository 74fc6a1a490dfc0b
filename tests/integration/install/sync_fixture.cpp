#include "tests/integration/install/sync_fixture.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "tests/support/test_paths.h"

namespace pindex::test {

namespace fs = std::filesystem;

const SyncWheels& syncWheels()
{
    static TempDir directory("pindex-sync-wheels");
    static const SyncWheels wheels = [] {
        SyncWheels made;
        made.directory = directory.path();
        std::string only;
        for (const auto& project : kSyncProjects)
            only += (only.empty() ? "" : ",") + project;
        const auto result = runProcess({kPython.string(), (kToolsDir / "make_sync_data.py").string(),
                                        "wheels", made.directory.string(), "--only", only, "--closed"});
        if (result.exitCode != 0) {
            made.generatorError = result.err;
            return made;
        }
        std::string_view lines = result.out;
        while (!lines.empty()) {
            const auto newline = lines.find('\n');
            const std::string line(lines.substr(0, newline));
            lines = newline == std::string_view::npos ? std::string_view{} : lines.substr(newline + 1);
            const auto first = line.find(' ');
            const auto second = line.find(' ', first + 1);
            if (first == std::string::npos || second == std::string::npos)
                continue;
            const std::string name = line.substr(0, first);
            made.versions[name] = line.substr(first + 1, second - first - 1);
            made.files[name] = line.substr(second + 1);
        }
        return made;
    }();
    return wheels;
}

std::string makeLock(const fs::path& wheels, const std::string& baseUrl,
                     const std::vector<std::string>& extra)
{
    std::vector<std::string> argv{kPython.string(), (kToolsDir / "make_sync_data.py").string(), "lock",
                                  wheels.string(), baseUrl};
    argv.insert(argv.end(), extra.begin(), extra.end());
    const auto result = runProcess(argv);
    REQUIRE(result.exitCode == 0);
    return result.out;
}

ProcessResult pip(const fs::path& python, const std::vector<std::string>& arguments)
{
    std::vector<std::string> argv{python.string(), "-m", "pip"};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return runProcess(argv, {.environment = {{"PIP_DISABLE_PIP_VERSION_CHECK", "1"},
                                             {"PIP_NO_INPUT", "1"},
                                             {"PIP_NO_INDEX", "1"},
                                             {"PYTHONDONTWRITEBYTECODE", "1"}}});
}

std::map<std::string, std::string> pipList(const fs::path& python)
{
    const auto listed = runProcess(
        {python.string(), "-c",
         "import json, subprocess, sys\n"
         "out = subprocess.run([sys.executable, '-m', 'pip', 'list', '--format=json'], check=True,\n"
         "                     capture_output=True, text=True).stdout\n"
         "import re\n"
         "for item in json.loads(out):\n"
         "    print(re.sub(r'[-_.]+', '-', item['name']).lower(), item['version'])\n"},
        {.environment = {{"PIP_DISABLE_PIP_VERSION_CHECK", "1"}, {"PYTHONDONTWRITEBYTECODE", "1"}}});
    REQUIRE(listed.exitCode == 0);
    std::map<std::string, std::string> packages;
    std::string_view lines = listed.out;
    while (!lines.empty()) {
        const auto newline = lines.find('\n');
        const std::string line(lines.substr(0, newline));
        lines = newline == std::string_view::npos ? std::string_view{} : lines.substr(newline + 1);
        const auto space = line.find(' ');
        if (space != std::string::npos)
            packages[line.substr(0, space)] = line.substr(space + 1);
    }
    return packages;
}

std::map<std::string, long long> modificationTimes(const fs::path& root)
{
    std::map<std::string, long long> times;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        struct stat info
        {};
        if (::lstat(it->path().c_str(), &info) == 0)
            times[it->path().lexically_relative(root).string()] =
                static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec;
    }
    return times;
}

Result<install::SyncSummary> runSync(const fs::path& project, const fs::path& cache,
                                     install::SyncJobOptions options, install::SyncProgressObserver* observer,
                                     std::stop_token stop)
{
    options.projectDirectory = project;
    options.cacheDirectory = cache;
    if (!options.python)
        options.python = kPython;
    return install::syncProject(options, observer, std::move(stop));
}

} // namespace pindex::test
