// `pindex auth` and `pindex keyring` as other programs run them: the built pindex executable in a
// subprocess, exactly as pip's and uv's subprocess keyring providers call the `keyring` tool.

#include <fstream>
#include <map>
#include <sstream>

#include <catch2/catch.hpp>

#include "core/auth/credential_chain.h"
#include "tests/integration/auth/authenticated_fetch.h"
#include "tests/integration/keychain/keychain_wait.h"
#include "tests/support/nginx_fixture.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"
#include "ui/keychain/keychain_store.h"

using namespace pindex;

namespace {

test::ProcessResult runPindex(std::vector<std::string> arguments, const std::string& input = {},
                              const std::map<std::string, std::string>& environment = {})
{
    arguments.insert(arguments.begin(), test::kPindexExecutable.string());
    return test::runProcess(arguments, {.input = input, .environment = environment});
}

std::string uniqueUrl(const std::string& tag)
{
    static int counter = 0;
    return "https://" + tag + "-" + std::to_string(++counter) + ".keyring.example.com/simple/";
}

} // namespace

TEST_CASE("pindex keyring answers pip's and uv's keyring calls for credentials saved by auth login",
          "[auth][keyring]")
{
    const std::string url = uniqueUrl("proto");
    const auto login =
        runPindex({"auth", "login", url, "--username", "alice", "--password", "-"}, "Proto-Secret-1\n");
    INFO(login.err);
    REQUIRE(login.exitCode == 0);
    CHECK(login.out.find("Proto-Secret-1") == std::string::npos);

    // pip and uv: keyring get SERVICE USERNAME, SERVICE being the index URL or the host.
    auto get = runPindex({"keyring", "get", url, "alice"});
    CHECK(get.exitCode == 0);
    CHECK(get.out == "Proto-Secret-1\n");
    get = runPindex({"keyring", "get", url + "tinypkg/", "alice"});
    CHECK(get.out == "Proto-Secret-1\n");
    get = runPindex({"keyring", "get", auth::urlHost(url), "alice"});
    CHECK(get.out == "Proto-Secret-1\n");

    // uv without a username: keyring get SERVICE --mode creds, and keyring's own spelling.
    auto creds = runPindex({"keyring", "get", url, "--mode", "creds"});
    CHECK(creds.exitCode == 0);
    CHECK(creds.out == "alice\nProto-Secret-1\n");
    creds = runPindex({"keyring", "--mode", "creds", "get", url, ""});
    CHECK(creds.out == "alice\nProto-Secret-1\n");

    // The same call through the installer's `keyring` shim, as uv and pip find it on PATH.
    const auto shim = test::runProcess(
        {(test::kSourceDir / "installer/keyring-shim/keyring").string(), "get", url, "alice"},
        {.environment = {{"PINDEX", test::kPindexExecutable.string()}}});
    CHECK(shim.exitCode == 0);
    CHECK(shim.out == "Proto-Secret-1\n");

    // Unknown user or service: nothing on stdout, exit status 1, as keyring does.
    const auto missing = runPindex({"keyring", "get", url, "bob"});
    CHECK(missing.exitCode == 1);
    CHECK(missing.out.empty());
    CHECK(runPindex({"keyring", "get", uniqueUrl("absent"), "alice"}).exitCode == 1);

    // pip stores a password it prompted for with keyring set SERVICE USERNAME (stdin).
    REQUIRE(runPindex({"keyring", "set", url, "bob"}, "Bobs-Secret-2\n").exitCode == 0);
    CHECK(runPindex({"keyring", "get", url, "bob"}).out == "Bobs-Secret-2\n");
    REQUIRE(runPindex({"keyring", "del", url, "bob"}).exitCode == 0);
    CHECK(runPindex({"keyring", "get", url, "bob"}).exitCode == 1);

    const auto logout = runPindex({"auth", "logout", url, "--username", "alice"});
    INFO(logout.err);
    REQUIRE(logout.exitCode == 0);
    CHECK(runPindex({"keyring", "get", url, "alice"}).exitCode == 1);
}

TEST_CASE("auth login refuses secrets on the command line and accepts a token from stdin", "[auth][keyring]")
{
    const std::string url = uniqueUrl("token");
    const auto argv =
        runPindex({"auth", "login", url, "--username", "alice", "--password", "On-The-Command-Line"});
    CHECK(argv.exitCode == 2);
    CHECK(argv.err.find("standard input") != std::string::npos);
    CHECK(argv.err.find("On-The-Command-Line") == std::string::npos);

    REQUIRE(runPindex({"auth", "login", url, "--token", "-"}, "pypi-Token-3\n").exitCode == 0);
    CHECK(runPindex({"keyring", "get", url, "--mode", "creds"}).out == "__token__\npypi-Token-3\n");
    REQUIRE(runPindex({"auth", "login", url, "--username", "", "--token", "-"}, "bare-Token-4\n").exitCode ==
            0);
    CHECK(runPindex({"keyring", "get", url, ""}).out == "bare-Token-4\n");
    REQUIRE(runPindex({"auth", "logout", url}).exitCode == 0);
    REQUIRE(runPindex({"auth", "logout", url, "--username", "__token__"}).exitCode == 0);
}

TEST_CASE("a whole credentials workflow leaves the secret in no file and no output", "[auth][keyring][leak]")
{
    const std::string secret = "Leak-Probe-5e1f-Zz";
    test::TempDir work;
    const auto project = work / "project";
    const auto home = work / "home";
    std::filesystem::create_directories(project);
    std::filesystem::create_directories(home / ".config");
    std::filesystem::create_directories(home / ".cache");
    std::ofstream(work / "tiny.toml") << "name = \"tiny\"\n[root]\nrequires = [\"tinypkg\"]\n"
                                         "[packages.tinypkg.versions.\"1.0.0\"]\n";
    test::generateIndex(work / "out", {work / "tiny.toml"});
    test::NginxFixture server({.root = work / "out/pypi", .basicAuth = test::BasicAuthUser{"alice", secret}});

    // Add the index (written as the Indexes view writes it: no credentials in the URL).
    std::ofstream(project / "pyproject.toml") << "[project]\nname = \"leaky\"\nversion = \"0.1.0\"\n"
                                                 "dependencies = [\"tinypkg\"]\n\n[[tool.uv.index]]\n"
                                                 "name = \"private\"\nurl = \""
                                              << server.url("/simple/") << "\"\n";
    const std::map<std::string, std::string> environment{{"HOME", home.string()},
                                                         {"XDG_CONFIG_HOME", (home / ".config").string()},
                                                         {"XDG_CACHE_HOME", (home / ".cache").string()},
                                                         {"NETRC", (home / "no-netrc").string()}};
    std::string output;
    auto run = [&](std::vector<std::string> arguments, const std::string& input = {}) {
        auto result = runPindex(std::move(arguments), input, environment);
        output += result.out + result.err;
        return result;
    };

    // Log in, check the status, show the project.
    REQUIRE(run({"auth", "login", "private", "--project", project.string(), "--username", "alice",
                 "--password", "-"},
                secret + "\n")
                .exitCode == 0);
    const auto status = run({"auth", "status", "--project", project.string()});
    CHECK(status.exitCode == 0);
    CHECK(status.out.find("keychain (user 'alice')") != std::string::npos);
    CHECK(run({"show", "--project", project.string()}).exitCode == 0);

    // Test the connection with the stored credentials (the chain the index client uses), then a
    // failing request with wrong credentials in the environment.
    {
        ui::KeychainStore keychain;
        const auto fetched = test::onWorker([&] {
            auto chain = auth::makeCredentialChain(
                {.environment = [](const std::string&) { return std::optional<std::string>(); },
                 .keychain = &keychain});
            return test::fetchWithChain(*chain, {"private", server.url("/simple/")}, "tinypkg/");
        });
        REQUIRE(fetched);
        CHECK(fetched->response.status == 200);
        auto wrongChain = auth::makeCredentialChain({.environment = [](const std::string& name) {
            return name == "UV_INDEX_PRIVATE_PASSWORD" ? std::optional<std::string>("wrong") : std::nullopt;
        }});
        const auto failed =
            test::fetchWithChain(*wrongChain, {"private", server.url("/simple/")}, "tinypkg/");
        REQUIRE_FALSE(failed);
        output += failed.error().describe() + failed.error().hint;
    }
    const auto failingStatus = run({"auth", "status", "--project", project.string()});
    output += failingStatus.out;

    REQUIRE(run({"auth", "logout", "private", "--project", project.string()}).exitCode == 0);

    CHECK(output.find(secret) == std::string::npos);
    std::size_t scanned = 0;
    for (const auto& root : {project, home}) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
            if (!entry.is_regular_file())
                continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            ++scanned;
            INFO(entry.path().string());
            CHECK(text.str().find(secret) == std::string::npos);
        }
    }
    CHECK(scanned >= 1); // at least pyproject.toml was looked at
}
