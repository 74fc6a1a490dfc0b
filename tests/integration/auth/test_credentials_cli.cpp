// `pindex index test` and `pindex lock` as users run them, against a real nginx with basic auth:
// every credential provider (URL, UV_INDEX_<NAME>_*, netrc) works, wrong credentials fail naming
// the index and never the secret, and a missing keychain is said clearly. The keychain provider
// itself is tested under the keychain fixture (tests/integration/keychain/test_keychain_cli.cpp).

#include <catch2/catch.hpp>

#include "tests/integration/auth/cli_test_support.h"
#include "tests/integration/index/index_test_support.h"
#include "tests/support/nginx_fixture.h"

using namespace pindex;

namespace {

constexpr const char* kPassword = "Cli-Basic-Pass-3141";

struct PrivateIndex
{
    test::TempDir dir;
    std::unique_ptr<test::NginxFixture> nginx;

    explicit PrivateIndex(bool withAuth = true)
    {
        test::generateIndex(dir / "indexes", {test::kTestDataDir / "lock-cli" / "private-index.toml"});
        test::NginxOptions options{.root = dir / "indexes"};
        if (withAuth)
            options.basicAuth = test::BasicAuthUser{"alice", kPassword};
        nginx = std::make_unique<test::NginxFixture>(options);
    }
    [[nodiscard]] std::string url() const { return nginx->url("/private/simple/"); }
};

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("pindex index test reports reachability, flavour, latency and authentication", "[auth][cli]")
{
    SECTION("a public index answers JSON to PEP 691 negotiation, with its latency")
    {
        PrivateIndex index(false);
        const auto project = index.dir / "app";
        test::writePrivateProject(project, index.url());
        const auto result = test::runPindex({"index", "test", "private", "--project", project.string()},
                                            test::isolatedEnvironment(index.dir.path()));
        INFO(result.out << result.err);
        CHECK(result.exitCode == 0);
        CHECK(contains(result.out, "reachable:      yes (HTTP 200 in "));
        CHECK(contains(result.out, "latency:        "));
        CHECK(contains(result.out, "authentication: not required"));
        CHECK(contains(result.out, "API:            JSON (PEP 691), api-version 1."));
        CHECK(contains(result.out, "2 projects listed"));
    }
    SECTION("an HTML-only index is reported as PEP 503")
    {
        PrivateIndex index(false);
        // Without the JSON files nginx can only answer HTML.
        for (const auto& entry : std::filesystem::recursive_directory_iterator(index.dir / "indexes")) {
            if (entry.path().filename() == "index.json")
                std::filesystem::remove(entry.path());
        }
        const auto project = index.dir / "app";
        test::writePrivateProject(project, index.url());
        const auto result = test::runPindex({"index", "test", "private", "--project", project.string()},
                                            test::isolatedEnvironment(index.dir.path()));
        INFO(result.out << result.err);
        CHECK(result.exitCode == 0);
        CHECK(contains(result.out, "API:            HTML (PEP 503)"));
    }
    SECTION("an unreachable index exits 1 and says why")
    {
        test::TempDir dir;
        const auto project = dir / "app";
        test::writePrivateProject(project, "http://127.0.0.1:9/simple/");
        const auto result = test::runPindex({"index", "test", "private", "--project", project.string()},
                                            test::isolatedEnvironment(dir.path()));
        INFO(result.out << result.err);
        CHECK(result.exitCode == 1);
        CHECK(contains(result.out, "reachable:      no ("));
    }
}

TEST_CASE("pindex index test checks the credentials of every provider against basic auth", "[auth][cli]")
{
    PrivateIndex index;
    const auto project = index.dir / "app";
    test::writePrivateProject(project, index.url());
    const std::vector<std::string> arguments{"index", "test", "private", "--project", project.string()};
    auto environment = test::isolatedEnvironment(index.dir.path());

    SECTION("none: authentication required, the hint names the variables, and the missing keychain")
    {
        const auto result = test::runPindex(arguments, environment);
        INFO(result.out << result.err);
        CHECK(result.exitCode == 1);
        CHECK(contains(result.out, "authentication: required"));
        CHECK(contains(result.out, "no OS keychain service is reachable"));
        CHECK(contains(result.out, "UV_INDEX_PRIVATE_USERNAME"));
        CHECK(contains(result.out, "pindex auth login private"));
    }
    SECTION("environment variables that work")
    {
        environment["UV_INDEX_PRIVATE_USERNAME"] = "alice";
        environment["UV_INDEX_PRIVATE_PASSWORD"] = kPassword;
        const auto result = test::runPindex(arguments, environment);
        INFO(result.out << result.err);
        CHECK(result.exitCode == 0);
        CHECK(contains(result.out, "credentials:    from environment, accepted (HTTP 200 in "));
        CHECK(contains(result.out, "API:            JSON (PEP 691)"));
        CHECK_FALSE(contains(result.out + result.err, kPassword));
    }
    SECTION("netrc that works")
    {
        test::writeText(index.dir / "netrc",
                        "machine 127.0.0.1 login alice password " + std::string(kPassword) + "\n");
        environment["NETRC"] = (index.dir / "netrc").string();
        const auto result = test::runPindex(arguments, environment);
        INFO(result.out << result.err);
        CHECK(result.exitCode == 0);
        CHECK(contains(result.out, "credentials:    from netrc, accepted"));
        CHECK_FALSE(contains(result.out + result.err, kPassword));
    }
    SECTION("URL credentials that are rejected")
    {
        test::writePrivateProject(project, test::withCredentials(index.url(), "alice", "Wrong-Url-Pass-99"));
        const auto result = test::runPindex(arguments, environment);
        INFO(result.out << result.err);
        CHECK(result.exitCode == 1);
        CHECK(contains(result.out, "credentials:    from URL, rejected (HTTP 401)"));
        CHECK(contains(result.out, "alice:****@"));
        CHECK_FALSE(contains(result.out + result.err, "Wrong-Url-Pass-99"));
    }
}

TEST_CASE("pindex lock succeeds with credentials from the URL, the environment and netrc",
          "[auth][cli][lock]")
{
    PrivateIndex index;
    const auto project = index.dir / "app";
    auto environment = test::isolatedEnvironment(index.dir.path());
    std::string provider = GENERATE("url", "environment", "netrc");
    CAPTURE(provider);
    if (provider == "url") {
        test::writePrivateProject(project, test::withCredentials(index.url(), "alice", kPassword));
    } else {
        test::writePrivateProject(project, index.url());
        if (provider == "environment") {
            environment["UV_INDEX_PRIVATE_USERNAME"] = "alice";
            environment["UV_INDEX_PRIVATE_PASSWORD"] = kPassword;
        } else {
            test::writeText(index.dir / "netrc",
                            "machine 127.0.0.1\n  login alice\n  password " + std::string(kPassword) + "\n");
            environment["NETRC"] = (index.dir / "netrc").string();
        }
    }
    const auto result = test::runPindex(test::lockArguments(project), environment);
    INFO(result.out << result.err);
    REQUIRE(result.exitCode == 0);
    CHECK(contains(result.out, "Locked 2 packages"));
    const std::string lock = test::readText(project / "pylock.toml");
    CHECK(contains(lock, "name = \"alpha\""));
    CHECK_FALSE(contains(lock, kPassword));
    CHECK_FALSE(contains(result.out + result.err, kPassword));
    // The first request went out without credentials (authenticate = auto), then with them.
    const auto lines = test::logLines(index.nginx->accessLog());
    CHECK(test::countLogged(lines, "/private/simple/alpha/", "\" 200 ") == 1);
}

TEST_CASE("pindex lock with wrong credentials fails naming the index, never the secret", "[auth][cli][lock]")
{
    PrivateIndex index;
    const auto project = index.dir / "app";
    test::writePrivateProject(project, index.url());
    auto environment = test::isolatedEnvironment(index.dir.path());
    const std::string wrong = "Wrong-Lock-Pass-2718";

    SECTION("rejected credentials")
    {
        environment["UV_INDEX_PRIVATE_USERNAME"] = "alice";
        environment["UV_INDEX_PRIVATE_PASSWORD"] = wrong;
        const auto result = test::runPindex(test::lockArguments(project), environment);
        INFO(result.out << result.err);
        CHECK(result.exitCode == 2);
        CHECK(contains(result.err, "index private"));
        CHECK(contains(result.err, "rejected the credentials"));
        CHECK_FALSE(contains(result.out + result.err, wrong));
    }
    SECTION("no credentials and no keychain: the 401 and what to start, no plain-text fallback")
    {
        const auto result = test::runPindex(test::lockArguments(project), environment);
        INFO(result.out << result.err);
        CHECK(result.exitCode == 2);
        CHECK(contains(result.err, "index private"));
        CHECK(contains(result.err, "HTTP 401"));
        CHECK(contains(result.err, "no OS keychain service is reachable"));
        CHECK(contains(result.err, "UV_INDEX_<NAME>_USERNAME"));
    }
    CHECK_FALSE(std::filesystem::exists(project / "pylock.toml"));
}

TEST_CASE("pindex cache dir, prune and clean work on the cache a lock filled", "[auth][cli][cache]")
{
    PrivateIndex index(false);
    const auto project = index.dir / "app";
    test::writePrivateProject(project, index.url());
    const auto environment = test::isolatedEnvironment(index.dir.path());
    REQUIRE(test::runPindex(test::lockArguments(project), environment).exitCode == 0);

    const auto where = test::runPindex({"cache", "dir"}, environment);
    CHECK(where.exitCode == 0);
    CHECK(where.out == (index.dir / "cache" / "pindex").string() + "\n");
    REQUIRE(std::filesystem::exists(index.dir / "cache" / "pindex" / "simple-v2"));

    // Everything was just written: prune keeps it all.
    const auto prune = test::runPindex({"cache", "prune", "--older-than", "0"}, environment);
    INFO(prune.out << prune.err);
    CHECK(prune.exitCode == 0);
    CHECK(contains(prune.out, "Removed 0 files"));
    CHECK(test::runPindex({"cache", "prune", "--older-than", "soon"}, environment).exitCode == 2);

    const auto clean = test::runPindex({"cache", "clean"}, environment);
    INFO(clean.out << clean.err);
    CHECK(clean.exitCode == 0);
    CHECK_FALSE(std::filesystem::exists(index.dir / "cache" / "pindex"));
}
