// What the built pindex maps into its process, as the dynamic loader itself reports it
// (LD_DEBUG=files writes every library it maps, at start-up and by dlopen, to LD_DEBUG_OUTPUT.PID):
// headless commands (`--version`, `show`, `diff`, a no-op `sync`, a `lock` whose credentials come
// from the environment or netrc) map no Qt library and no QtKeychain; a lookup that reaches the
// keychain loads them and still says what to start when no keychain runs; and `pindex` without a
// subcommand opens the window (the separate window program) offscreen.

#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/util/file_io.h"
#include "tests/integration/auth/cli_test_support.h"
#include "tests/integration/index/index_test_support.h"
#include "tests/integration/install/sync_fixture.h"
#include "tests/support/nginx_fixture.h"

using namespace pindex;
namespace fs = std::filesystem;

namespace {

struct TracedRun
{
    test::ProcessResult result;
    std::set<std::string> libraries; // every library file name the loader mapped, any process
    bool tracedPindex = false;       // the trace names the pindex executable (the tracing worked)
};

// Runs the built pindex with the loader's file trace on.
TracedRun runTraced(const fs::path& scratch, const std::vector<std::string>& arguments,
                    std::map<std::string, std::string> environment = {})
{
    const fs::path traces = scratch / "ld-trace";
    fs::remove_all(traces);
    fs::create_directories(traces);
    environment["LD_DEBUG"] = "files";
    environment["LD_DEBUG_OUTPUT"] = (traces / "ld").string();
    std::vector<std::string> argv{test::kPindexExecutable.string()};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    TracedRun run{test::runProcess(argv, {.environment = environment}), {}, false};
    for (const auto& entry : fs::directory_iterator(traces)) {
        const std::string text = test::readText(entry.path());
        for (std::size_t at = text.find("file="); at != std::string::npos; at = text.find("file=", at + 5)) {
            const auto end = text.find_first_of(" \n", at);
            run.libraries.insert(fs::path(text.substr(at + 5, end - at - 5)).filename().string());
        }
        run.tracedPindex =
            run.tracedPindex || text.find(test::kPindexExecutable.string()) != std::string::npos;
    }
    return run;
}

// The Qt and QtKeychain libraries among `libraries`.
std::vector<std::string> qtLibraries(const std::set<std::string>& libraries)
{
    std::vector<std::string> found;
    for (const auto& library : libraries) {
        if (library.starts_with("libQt") || library.find("qt6keychain") != std::string::npos)
            found.push_back(library);
    }
    return found;
}

void checkNoQt(const TracedRun& run, int exitCode = 0)
{
    INFO(run.result.out << run.result.err);
    CHECK(run.result.exitCode == exitCode);
    REQUIRE(run.tracedPindex);
    CHECK(run.libraries.contains("libc.so.6"));
    CHECK(qtLibraries(run.libraries) == std::vector<std::string>{});
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

constexpr const char* kPassword = "Startup-Pass-1729";

// The private index of the credential tests, behind basic auth.
struct PrivateIndex
{
    test::TempDir dir{"pindex-startup-auth"};
    std::unique_ptr<test::NginxFixture> nginx;

    PrivateIndex()
    {
        test::generateIndex(dir / "indexes", {test::kTestDataDir / "lock-cli" / "private-index.toml"});
        nginx = std::make_unique<test::NginxFixture>(test::NginxOptions{
            .root = dir / "indexes", .basicAuth = test::BasicAuthUser{"alice", kPassword}});
    }
};

} // namespace

TEST_CASE("pindex --version, show and diff map no Qt library", "[cli][startup]")
{
    test::TempDir dir{"pindex-startup"};
    checkNoQt(runTraced(dir.path(), {"--version"}));
    checkNoQt(runTraced(dir.path(), {"--help"}));

    test::copyTree(test::kDemoProjectDir, dir / "demo");
    const auto show = runTraced(dir.path(), {"show", "--project", (dir / "demo").string()});
    checkNoQt(show);
    CHECK(contains(show.result.out, "Indexes"));

    const auto pairs = test::kTestDataDir / "diff" / "uv-pair";
    const auto diff =
        runTraced(dir.path(), {"diff", (pairs / "old/uv.lock").string(), (pairs / "new/uv.lock").string()});
    checkNoQt(diff, 1); // like diff(1): 1 when the locks differ
    CHECK_FALSE(diff.result.out.empty());
}

TEST_CASE("a no-op pindex sync maps no Qt library", "[cli][startup][sync]")
{
    const auto& wheels = test::syncWheels();
    if (!wheels.generatorError.empty() || !wheels.files.contains("six")) {
        WARN("Skipped: make_sync_data.py could not repack Debian's Python packages.");
        return;
    }
    test::TempDir dir{"pindex-startup-sync"};
    const fs::path project = dir / "project";
    const fs::path served = dir / "served";
    fs::create_directories(project);
    fs::create_directories(served);
    for (const auto& name : {"six", "idna"})
        fs::copy_file(wheels.directory / wheels.files.at(name), served / wheels.files.at(name));
    test::NginxFixture server({.root = served});
    REQUIRE(writeFileAtomic(project / "pylock.toml", test::makeLock(served, server.url("/"))));
    const std::map<std::string, std::string> environment{{"XDG_CACHE_HOME", (dir / "cache").string()}};

    const auto first =
        test::runProcess({test::kPindexExecutable.string(), "sync", "--project", project.string()},
                         {.environment = environment});
    INFO(first.out << first.err);
    REQUIRE(first.exitCode == 0);

    const auto noop = runTraced(dir.path(), {"sync", "-v", "--project", project.string()}, environment);
    checkNoQt(noop);
    CHECK(contains(noop.result.out, "unchanged 2"));
}

TEST_CASE("pindex lock with credentials from the environment or netrc maps no Qt library, and reaching the "
          "keychain loads it and says what to start",
          "[cli][startup][auth]")
{
    PrivateIndex index;
    const auto project = index.dir / "app";
    test::writePrivateProject(project, index.nginx->url("/private/simple/"));
    auto environment = test::isolatedEnvironment(index.dir.path());

    SECTION("environment")
    {
        environment["UV_INDEX_PRIVATE_USERNAME"] = "alice";
        environment["UV_INDEX_PRIVATE_PASSWORD"] = kPassword;
        const auto locked = runTraced(index.dir.path(), test::lockArguments(project), environment);
        checkNoQt(locked);
        CHECK(contains(test::readText(project / "pylock.toml"), "name = \"alpha\""));
    }
    SECTION("netrc")
    {
        test::writeText(index.dir / "netrc",
                        "machine 127.0.0.1\n  login alice\n  password " + std::string(kPassword) + "\n");
        environment["NETRC"] = (index.dir / "netrc").string();
        const auto locked = runTraced(index.dir.path(), test::lockArguments(project), environment);
        checkNoQt(locked);
        CHECK(contains(test::readText(project / "pylock.toml"), "name = \"alpha\""));
    }
    SECTION("none: the chain reaches the keychain, which is loaded and finds no service")
    {
        const auto locked = runTraced(index.dir.path(), test::lockArguments(project), environment);
        INFO(locked.result.out << locked.result.err);
        CHECK(locked.result.exitCode == 2);
        CHECK(locked.libraries.contains("pindex-keychain.so"));
        CHECK(locked.libraries.contains("libqt6keychain.so.1"));
        CHECK(contains(locked.result.err, "no OS keychain service is reachable"));
        CHECK(contains(locked.result.err, "UV_INDEX_<NAME>_USERNAME"));
        CHECK_FALSE(fs::exists(project / "pylock.toml"));
    }
}

TEST_CASE("pindex without a subcommand opens the window, in English and in German", "[cli][startup][window]")
{
    // A project that cannot be read: the window opens, reports it, saves each tab and the dialogs,
    // and quits (the full tour on the demo is `make screenshots`).
    test::TempDir dir{"pindex-startup-window"};
    test::writeText(dir / "broken" / "pyproject.toml", "[project\nname = \"broken\"\n");
    const std::string language = GENERATE("en", "de");
    const auto shots = dir / ("shots-" + language);
    const auto result =
        test::runProcess({test::kPindexExecutable.string(), "--project", (dir / "broken").string(),
                          "--screenshots", shots.string(), "--lang", language},
                         {.environment = {{"QT_QPA_PLATFORM", "offscreen"},
                                          {"XDG_CONFIG_HOME", (dir / "config").string()},
                                          {"XDG_CACHE_HOME", (dir / "cache").string()}}});
    INFO(result.out << result.err);
    CHECK(result.exitCode == 0);
    std::set<std::string> files;
    if (fs::is_directory(shots)) {
        for (const auto& entry : fs::directory_iterator(shots))
            files.insert(entry.path().filename().string());
    }
    CHECK(files.contains("window-dependenciesPane.png"));
    CHECK(files.contains("window-indexesPane.png"));
    CHECK(files.contains("dialog-settings.png"));
}
