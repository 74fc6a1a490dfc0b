// `pindex sync` as a user runs it: real wheels over nginx, plain lines when the output is not a
// terminal, the summary, exit codes.

#include <catch2/catch.hpp>

#include "core/util/file_io.h"
#include "tests/integration/install/sync_fixture.h"
#include "tests/support/test_paths.h"

using namespace pindex;
namespace fs = std::filesystem;

namespace {

test::ProcessResult pindexSync(const fs::path& project, const fs::path& cache,
                               std::vector<std::string> extra = {})
{
    std::vector<std::string> argv{test::kPindexExecutable.string(), "sync", "--project", project.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return test::runProcess(argv, {.environment = {{"XDG_CACHE_HOME", cache.string()}}});
}

} // namespace

TEST_CASE("pindex sync installs the lock, prints one line per package and a summary, then is a no-op",
          "[install][sync][cli]")
{
    const auto& wheels = test::syncWheels();
    if (!wheels.generatorError.empty() || !wheels.files.contains("six")) {
        WARN("Skipped: make_sync_data.py could not repack Debian's Python packages.");
        return;
    }
    test::TempDir dir{"pindex-sync-cli"};
    const fs::path project = dir / "project";
    const fs::path served = dir / "served";
    fs::create_directories(project);
    fs::create_directories(served);
    for (const auto& name : {"six", "idna", "pip"})
        fs::copy_file(wheels.directory / wheels.files.at(name), served / wheels.files.at(name));
    test::NginxFixture server({.root = served});
    REQUIRE(writeFileAtomic(project / "pylock.toml", test::makeLock(served, server.url("/"))));

    const auto dry = pindexSync(project, dir / "cache", {"--dry-run"});
    CAPTURE(dry.out, dry.err);
    CHECK(dry.exitCode == 0);
    CHECK(dry.out.find(" + six " + wheels.versions.at("six")) != std::string::npos);
    CHECK(dry.out.find("Would install 3, upgrade 0, downgrade 0, reinstall 0, remove 0; 0 unchanged") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(project / ".venv"));

    const auto first = pindexSync(project, dir / "cache");
    CAPTURE(first.out, first.err);
    CHECK(first.exitCode == 0);
    CHECK(first.out.find(" + idna " + wheels.versions.at("idna") + "\n") != std::string::npos);
    CHECK(first.out.find("Installed 3, upgraded 0, downgraded 0, reinstalled 0, removed 0, unchanged 0") !=
          std::string::npos);
    CHECK(first.err.find('\r') == std::string::npos); // no progress bar when not on a terminal
    CHECK(test::pipList(project / ".venv" / "bin" / "python").size() == 3);

    const auto again = pindexSync(project, dir / "cache");
    CHECK(again.exitCode == 0);
    CHECK(again.out.find("Installed 0, upgraded 0, downgraded 0, reinstalled 0, removed 0, unchanged 3") !=
          std::string::npos);

    REQUIRE(writeFileAtomic(project / "pylock.toml",
                            test::makeLock(served, server.url("/"), {"--only", "six", "--no-hashes"})));
    const auto unhashed = pindexSync(project, dir / "cache");
    CHECK(unhashed.exitCode == 2);
    CHECK(unhashed.err.find("--allow-unhashed") != std::string::npos);
}
