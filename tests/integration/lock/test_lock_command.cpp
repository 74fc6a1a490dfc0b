// `pindex lock` end to end: the built executable run on real projects, against the demo's local
// flat index (offline) and against a real nginx serving a generated index behind basic auth.

#include <fstream>
#include <map>
#include <sstream>

#include <catch2/catch.hpp>

#include "core/lock/lock_reader.h"
#include "tests/support/nginx_fixture.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"

using namespace pindex;

namespace {

std::string readText(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeText(const std::filesystem::path& file, const std::string& text)
{
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

// The child never reads the real user's cache or uv configuration.
std::map<std::string, std::string> isolatedEnvironment(const test::TempDir& dir, std::string_view tag)
{
    return {{"XDG_CACHE_HOME", (dir / ("cache-" + std::string(tag))).string()},
            {"XDG_CONFIG_HOME", (dir / "config").string()}};
}

test::ProcessResult runPindex(const std::vector<std::string>& arguments,
                              const std::map<std::string, std::string>& environment)
{
    std::vector<std::string> argv{test::kPindexExecutable.string()};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return test::runProcess(argv, {.environment = environment});
}

// name -> version of every package of a pylock.toml.
std::map<std::string, std::string> lockedVersions(const std::filesystem::path& file)
{
    auto snapshot = lock::readLock(file);
    REQUIRE(snapshot);
    std::map<std::string, std::string> versions;
    for (const auto& package : snapshot->packages)
        versions[package.canonicalName()] = package.version;
    return versions;
}

void replaceOnce(std::string& text, const std::string& from, const std::string& to)
{
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("pindex lock writes the demo project's pylock.toml offline and is reproducible", "[lock]")
{
    test::TempDir dir;
    const auto project = dir / "demo";
    test::copyTree(test::kDemoProjectDir, project);
    const auto environment = isolatedEnvironment(dir, "demo");
    const std::vector<std::string> base{"lock", "--project",  project.string(), "--python",
                                        "3.11", "--platform", "linux-x86_64"};

    auto arguments = base;
    arguments.push_back("--offline");
    const auto first = runPindex(arguments, environment);
    INFO(first.out << first.err);
    REQUIRE(first.exitCode == 0);
    CHECK(first.err.empty());
    CHECK(first.out.find("Locked 4 packages in ") != std::string::npos);

    const auto lockFile = project / "pylock.toml";
    const auto versions = lockedVersions(lockFile);
    CHECK(versions ==
          std::map<std::string, std::string>{
              {"acme-utils", "1.2.0"}, {"colorprint", "0.3.0"}, {"testkit", "1.1.0"}, {"tinyjson", "2.1.0"}});
    const std::string firstText = readText(lockFile);
    CHECK(firstText.find("lock-version = ") != std::string::npos);
    CHECK(firstText.find("sha256") != std::string::npos);

    SECTION("a second run writes the same bytes")
    {
        const auto second = runPindex(arguments, environment);
        REQUIRE(second.exitCode == 0);
        CHECK(readText(lockFile) == firstText);
    }

    SECTION("--check passes on an up-to-date lock and never writes")
    {
        auto checkArguments = base;
        checkArguments.push_back("--check");
        const auto check = runPindex(checkArguments, environment);
        INFO(check.out << check.err);
        CHECK(check.exitCode == 0);
        CHECK(check.out.find("is up to date") != std::string::npos);
        CHECK(readText(lockFile) == firstText);
    }

    SECTION("--check fails and names the package when the lock's version was edited")
    {
        std::string edited = firstText;
        replaceOnce(edited, "name = \"colorprint\"\nversion = \"0.3.0\"",
                    "name = \"colorprint\"\nversion = \"0.2.0\"");
        writeText(lockFile, edited);
        auto checkArguments = base;
        checkArguments.push_back("--check");
        const auto check = runPindex(checkArguments, environment);
        INFO(check.out << check.err);
        CHECK(check.exitCode == 1);
        CHECK(check.out.find("is out of date") != std::string::npos);
        CHECK(check.out.find("colorprint 0.2.0 -> 0.3.0") != std::string::npos);
        CHECK(readText(lockFile) == edited);
    }

    SECTION("--check fails when there is no lock yet")
    {
        std::filesystem::remove(lockFile);
        auto checkArguments = base;
        checkArguments.push_back("--check");
        const auto check = runPindex(checkArguments, environment);
        CHECK(check.exitCode == 1);
        CHECK(check.out.find("does not exist") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(lockFile));
    }
}

TEST_CASE("pindex lock keeps locked versions unless an upgrade is asked for", "[lock]")
{
    test::TempDir dir;
    const auto project = dir / "demo";
    test::copyTree(test::kDemoProjectDir, project);
    const auto environment = isolatedEnvironment(dir, "demo");
    // Lock with tinyjson held back to 2.0.0 first: the range then allows 2.0.0 and 2.1.0.
    std::string pyproject = readText(project / "pyproject.toml");
    replaceOnce(pyproject, "\"tinyjson>=2,<3\"", "\"tinyjson>=2,<2.1\"");
    writeText(project / "pyproject.toml", pyproject);
    const std::vector<std::string> base{"lock", "--project",  project.string(), "--python",
                                        "3.11", "--platform", "linux-x86_64",   "--offline"};
    REQUIRE(runPindex(base, environment).exitCode == 0);
    CHECK(lockedVersions(project / "pylock.toml").at("tinyjson") == "2.0.0");

    replaceOnce(pyproject, "\"tinyjson>=2,<2.1\"", "\"tinyjson>=2,<3\"");
    writeText(project / "pyproject.toml", pyproject);
    const auto kept = runPindex(base, environment);
    INFO(kept.out << kept.err);
    REQUIRE(kept.exitCode == 0);
    CHECK(lockedVersions(project / "pylock.toml").at("tinyjson") == "2.0.0");

    auto upgrade = base;
    upgrade.insert(upgrade.end(), {"--upgrade-package", "TinyJSON"});
    const auto upgraded = runPindex(upgrade, environment);
    INFO(upgraded.out << upgraded.err);
    REQUIRE(upgraded.exitCode == 0);
    CHECK(lockedVersions(project / "pylock.toml").at("tinyjson") == "2.1.0");
}

TEST_CASE("pindex lock resolves through an index behind basic auth with UV_INDEX credentials", "[lock]")
{
    test::TempDir dir;
    test::generateIndex(dir / "indexes", {test::kTestDataDir / "lock-cli" / "private-index.toml"});
    const std::string password = "s3cret-Lock-Pass";
    test::NginxFixture nginx({.root = dir / "indexes", .basicAuth = test::BasicAuthUser{"alice", password}});

    const auto project = dir / "app";
    std::filesystem::create_directories(project);
    writeText(project / "pyproject.toml", "[project]\nname = \"private-app\"\nversion = \"1.0\"\n"
                                          "requires-python = \">=3.9\"\ndependencies = [\"alpha>=1\"]\n\n"
                                          "[[tool.uv.index]]\nname = \"private\"\nurl = \"" +
                                              nginx.url("/private/simple/") + "\"\ndefault = true\n");
    const std::vector<std::string> arguments{"lock", "--project",  project.string(), "--python",
                                             "3.11", "--platform", "linux-x86_64",   "-v"};

    SECTION("the right credentials lock alpha and beta, and the secret appears nowhere")
    {
        auto environment = isolatedEnvironment(dir, "good");
        environment["UV_INDEX_PRIVATE_USERNAME"] = "alice";
        environment["UV_INDEX_PRIVATE_PASSWORD"] = password;
        const auto result = runPindex(arguments, environment);
        INFO(result.out << result.err);
        REQUIRE(result.exitCode == 0);
        CHECK(result.out.find("Locked 2 packages in ") != std::string::npos);
        CHECK(result.out.find("Resolved in ") != std::string::npos); // -v prints timings
        // ... and each phase's, resolution apart from reading the project and the interpreter.
        CHECK(result.out.find("Phases: reading the project ") != std::string::npos);
        CHECK(result.out.find(", resolving ") != std::string::npos);
        CHECK(result.out.find(" ms (waiting for answers ") != std::string::npos);
        CHECK(lockedVersions(project / "pylock.toml") ==
              std::map<std::string, std::string>{{"alpha", "1.0.0"}, {"beta", "2.0.0"}});
        const std::string text = readText(project / "pylock.toml");
        CHECK(text.find(nginx.url("/private/simple/")) != std::string::npos);
        CHECK(text.find(password) == std::string::npos);
        CHECK(text.find("alice") == std::string::npos);
        CHECK(result.out.find(password) == std::string::npos);
        CHECK(result.err.find(password) == std::string::npos);

        // The process ends without tearing its threads down (util::finishProcess), but only once
        // every cache write is done: no temporary file is left behind ...
        std::size_t cacheFiles = 0;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / "cache-good")) {
            if (!entry.is_regular_file())
                continue;
            ++cacheFiles;
            CHECK(entry.path().filename().string().find(".pindex-tmp-") == std::string::npos);
        }
        CHECK(cacheFiles >= 4); // two pages, two metadata files
        // ... and --offline answers from that cache, without credentials or requests.
        std::filesystem::remove(project / "pylock.toml");
        auto offlineArguments = arguments;
        offlineArguments.push_back("--offline");
        const auto offline = runPindex(offlineArguments, isolatedEnvironment(dir, "good"));
        INFO(offline.out << offline.err);
        CHECK(offline.exitCode == 0);
        CHECK(readText(project / "pylock.toml") == text);
        CHECK(offline.out.find("): 0 requests, ") != std::string::npos); // -v counts them
    }

    SECTION("credentials in the index URL are used but never written or printed")
    {
        std::string pyproject = readText(project / "pyproject.toml");
        replaceOnce(pyproject, "http://", "http://alice:" + password + "@");
        writeText(project / "pyproject.toml", pyproject);
        const auto result = runPindex(arguments, isolatedEnvironment(dir, "url"));
        INFO(result.out << result.err);
        REQUIRE(result.exitCode == 0);
        const std::string text = readText(project / "pylock.toml");
        CHECK(text.find(nginx.url("/private/simple/")) != std::string::npos);
        CHECK(text.find(password) == std::string::npos);
        CHECK(result.out.find(password) == std::string::npos);
        CHECK(result.err.find(password) == std::string::npos);
    }

    SECTION("--offline with nothing cached fails with exit code 2 naming the index")
    {
        auto offlineArguments = arguments;
        offlineArguments.push_back("--offline");
        const auto result = runPindex(offlineArguments, isolatedEnvironment(dir, "cold"));
        INFO(result.out << result.err);
        CHECK(result.exitCode == 2);
        CHECK(result.err.find("offline") != std::string::npos);
        CHECK(result.err.find("index private") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(project / "pylock.toml"));
    }

    SECTION("wrong credentials fail with exit code 2 naming the index, not the secret")
    {
        const std::string wrong = "wrong-Pass-4711";
        auto environment = isolatedEnvironment(dir, "bad");
        environment["UV_INDEX_PRIVATE_USERNAME"] = "alice";
        environment["UV_INDEX_PRIVATE_PASSWORD"] = wrong;
        const auto result = runPindex(arguments, environment);
        INFO(result.out << result.err);
        CHECK(result.exitCode == 2);
        CHECK(result.err.find("index private") != std::string::npos);
        CHECK(result.err.find(wrong) == std::string::npos);
        CHECK(result.out.find(wrong) == std::string::npos);
        CHECK_FALSE(std::filesystem::exists(project / "pylock.toml"));
    }
}

TEST_CASE("pindex lock prints the resolver's explanation and exits 2 when unsatisfiable", "[lock]")
{
    test::TempDir dir;
    const auto project = dir / "demo";
    test::copyTree(test::kDemoProjectDir, project);
    std::string pyproject = readText(project / "pyproject.toml");
    replaceOnce(pyproject, "\"tinyjson>=2,<3\"", "\"tinyjson>=5\"");
    writeText(project / "pyproject.toml", pyproject);
    const auto result = runPindex({"lock", "--project", project.string(), "--python", "3.11", "--platform",
                                   "linux-x86_64", "--offline"},
                                  isolatedEnvironment(dir, "demo"));
    INFO(result.out << result.err);
    CHECK(result.exitCode == 2);
    CHECK(result.err.find("no solution") != std::string::npos);
    CHECK(result.err.find("tinyjson") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(project / "pylock.toml"));
}

TEST_CASE("pindex lock refuses an unknown option with exit code 2", "[lock]")
{
    test::TempDir dir;
    const auto result = runPindex({"lock", "--frobnicate"}, isolatedEnvironment(dir, "x"));
    CHECK(result.exitCode == 2);
    CHECK(result.err.find("Usage: pindex lock") != std::string::npos);
}
