#include <catch2/catch.hpp>

#include "core/index/index_client.h"
#include "tests/integration/index/index_test_support.h"
#include "tests/support/nginx_fixture.h"

using namespace pindex;
using namespace pindex::index;

namespace {

const auth::Credentials kAlice{"alice", "wonderland"};

struct AuthFixture
{
    test::TempDir dir;
    std::unique_ptr<test::NginxFixture> server;
    HttpClient http{
        {.maxConcurrentTransfers = 4, .maxAttempts = 2, .retryBaseDelay = std::chrono::milliseconds(10)}};

    AuthFixture()
    {
        test::generateIndex(dir / "out", {test::writeTinyScenario(dir.path())});
        server = std::make_unique<test::NginxFixture>(test::NginxOptions{
            .root = dir / "out/pypi", .basicAuth = test::BasicAuthUser{kAlice.username, kAlice.password}});
    }
};

} // namespace

TEST_CASE("authenticate auto: first without credentials, on 401 again with them, then eagerly",
          "[index][client][auth]")
{
    AuthFixture fixture;
    test::CountingProvider provider(kAlice);
    IndexClient client({.name = "private", .url = fixture.server->url("/simple/")},
                       {.http = &fixture.http, .credentials = &provider});

    const auto first = client.projectPage("tinypkg");
    INFO((first ? std::string() : first.error().describe()));
    REQUIRE(first);
    REQUIRE(first->has_value());
    CHECK(fixture.server->waitForRequestCount(2) == 2);
    auto lines = test::logLines(fixture.server->accessLog());
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].find("\" 401 ") != std::string::npos);
    CHECK(lines[1].find(" alice ") != std::string::npos);
    CHECK(lines[1].find("\" 200 ") != std::string::npos);

    // Credentials are now known to be needed: sent eagerly, looked up only once.
    const auto second = client.projectPage("otherpkg");
    REQUIRE(second);
    REQUIRE(second->has_value());
    CHECK(fixture.server->waitForRequestCount(3) == 3);
    lines = test::logLines(fixture.server->accessLog());
    CHECK(lines[2].find(" alice ") != std::string::npos);
    CHECK(lines[2].find("\" 200 ") != std::string::npos);
    CHECK(provider.calls == 1);
    CHECK(client.authObservation().challenged);
    CHECK(client.authObservation().credentialsSent);
}

TEST_CASE("authenticate auto without any credentials reports a 401 naming the index, no secret",
          "[index][client][auth]")
{
    AuthFixture fixture;
    test::CountingProvider provider(std::nullopt);
    IndexClient client({.name = "private", .url = fixture.server->url("/simple/")},
                       {.http = &fixture.http, .credentials = &provider});
    const auto page = client.projectPage("tinypkg");
    REQUIRE_FALSE(page);
    CHECK(page.error().code == ErrorCode::Unauthorized);
    CHECK(page.error().httpStatus == 401);
    CHECK(page.error().indexName == "private");
    CHECK(page.error().describe().find("requires authentication") != std::string::npos);
}

namespace {

// A provider that cannot be asked, like an OS keychain whose service is not running.
class UnreachableProvider : public auth::CredentialProvider
{
public:
    Result<std::optional<auth::ProvidedCredentials>> credentialsFor(const auth::IndexIdentity&) override
    {
        ++asked;
        Error error = makeError(ErrorCode::Io, "no OS keychain service is reachable (no bus)");
        error.hint = "start a Secret Service provider";
        return std::unexpected(error);
    }
    int asked = 0;
};

} // namespace

TEST_CASE("a 401 whose credentials cannot be looked up names the index, the status and the reason",
          "[index][client][auth]")
{
    AuthFixture fixture;
    UnreachableProvider provider;
    IndexClient client({.name = "private", .url = fixture.server->url("/simple/")},
                       {.http = &fixture.http, .credentials = &provider});
    const auto page = client.projectPage("tinypkg");
    REQUIRE_FALSE(page);
    CHECK(page.error().code == ErrorCode::Unauthorized);
    CHECK(page.error().httpStatus == 401);
    CHECK(page.error().indexName == "private");
    const std::string text = page.error().describe();
    CHECK(text.find("requires authentication (HTTP 401)") != std::string::npos);
    CHECK(text.find("no OS keychain service is reachable") != std::string::npos);
    CHECK(text.find("start a Secret Service provider") != std::string::npos);

    // A later request goes out with credentials from the start (the index asked for them once):
    // it reports the same, whichever request of a resolution the user is shown, and the keychain
    // is not asked again.
    const auto later = client.projectPage("otherpkg");
    REQUIRE_FALSE(later);
    CHECK(later.error().code == ErrorCode::Unauthorized);
    CHECK(later.error().httpStatus == 401);
    CHECK(later.error().describe() == text);
    CHECK(provider.asked == 1);
}

TEST_CASE("authenticate always sends credentials with the first request and fails without any",
          "[index][client][auth]")
{
    AuthFixture fixture;
    SECTION("credentials available")
    {
        test::CountingProvider provider(kAlice);
        IndexClient client({.name = "private",
                            .url = fixture.server->url("/simple/"),
                            .authenticate = AuthenticateMode::Always},
                           {.http = &fixture.http, .credentials = &provider});
        const auto page = client.projectPage("tinypkg");
        REQUIRE(page);
        REQUIRE(page->has_value());
        CHECK(fixture.server->waitForRequestCount(1) == 1);
        const auto lines = test::logLines(fixture.server->accessLog());
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].find(" alice ") != std::string::npos);
    }
    SECTION("no credentials anywhere")
    {
        test::CountingProvider provider(std::nullopt);
        IndexClient client({.name = "private",
                            .url = fixture.server->url("/simple/"),
                            .authenticate = AuthenticateMode::Always},
                           {.http = &fixture.http, .credentials = &provider});
        const auto page = client.projectPage("tinypkg");
        REQUIRE_FALSE(page);
        CHECK(page.error().code == ErrorCode::Unauthorized);
        CHECK(page.error().hint.find("UV_INDEX_PRIVATE_USERNAME") != std::string::npos);
        CHECK(fixture.server->requestCount() == 0); // nothing was sent
    }
    SECTION("wrong credentials are reported as rejected, the password never shown")
    {
        test::CountingProvider provider(auth::Credentials{"alice", "not-the-password"});
        IndexClient client({.name = "private",
                            .url = fixture.server->url("/simple/"),
                            .authenticate = AuthenticateMode::Always},
                           {.http = &fixture.http, .credentials = &provider});
        const auto page = client.projectPage("tinypkg");
        REQUIRE_FALSE(page);
        CHECK(page.error().code == ErrorCode::Unauthorized);
        CHECK(page.error().message.find("rejected") != std::string::npos);
        CHECK(page.error().describe().find("not-the-password") == std::string::npos);
    }
}

TEST_CASE("authenticate never sends no credentials and refuses a URL that carries some",
          "[index][client][auth]")
{
    AuthFixture fixture;
    test::CountingProvider provider(kAlice);
    IndexClient client(
        {.name = "private", .url = fixture.server->url("/simple/"), .authenticate = AuthenticateMode::Never},
        {.http = &fixture.http, .credentials = &provider});
    const auto page = client.projectPage("tinypkg");
    REQUIRE_FALSE(page);
    CHECK(page.error().httpStatus == 401);
    CHECK(provider.calls == 0);

    const std::string withSecret =
        "http://alice:wonderland@127.0.0.1:" + std::to_string(fixture.server->port()) + "/simple/";
    IndexClient invalid({.name = "private", .url = withSecret, .authenticate = AuthenticateMode::Never},
                        {.http = &fixture.http});
    const auto refused = invalid.projectPage("tinypkg");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::Invalid);
    CHECK(refused.error().describe().find("wonderland") == std::string::npos);
    CHECK(fixture.server->waitForRequestCount(1) == 1); // only the first client's request
}

TEST_CASE("Credentials in the index URL are sent eagerly as basic auth, never in errors",
          "[index][client][auth]")
{
    AuthFixture fixture;
    const std::string withSecret =
        "http://alice:wonderland@127.0.0.1:" + std::to_string(fixture.server->port()) + "/simple/";
    IndexClient client({.name = "private", .url = withSecret}, {.http = &fixture.http});
    const auto page = client.projectPage("tinypkg");
    REQUIRE(page);
    REQUIRE(page->has_value());
    CHECK(client.authObservation().source == auth::CredentialSource::Url);
    CHECK(client.baseUrl().find("wonderland") == std::string::npos);
    CHECK((*page)->files.front().url.find("wonderland") == std::string::npos);
    const auto missing = client.coreMetadata({.filename = "x-1.0-py3-none-any.whl",
                                              .url = fixture.server->url("/files/x-1.0-py3-none-any.whl"),
                                              .hasCoreMetadata = true});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().describe().find("wonderland") == std::string::npos);
}

TEST_CASE("403, 404 and 500 answers: not found is a result, the others errors with index and URL",
          "[index][client][errors]")
{
    test::TempDir dir;
    test::generateIndex(dir / "out", {test::writeTinyScenario(dir.path())});
    test::NginxFixture server({.root = dir / "out/pypi",
                               .extraServerConfig = "        location /simple/forbidden/ { return 403; }\n"
                                                    "        location /simple/broken/ { return 500; }\n"});
    HttpClient http({.maxAttempts = 3, .retryBaseDelay = std::chrono::milliseconds(10)});
    IndexClient client({.name = "corp", .url = server.url("/simple/")}, {.http = &http});

    const auto missing = client.projectPage("nothere");
    REQUIRE(missing);
    CHECK_FALSE(missing->has_value());

    const auto forbidden = client.projectPage("forbidden");
    REQUIRE_FALSE(forbidden);
    CHECK(forbidden.error().code == ErrorCode::Unauthorized);
    CHECK(forbidden.error().httpStatus == 403);

    const auto broken = client.projectPage("broken");
    REQUIRE_FALSE(broken);
    CHECK(broken.error().code == ErrorCode::Http);
    CHECK(broken.error().httpStatus == 500);
    CHECK(broken.error().indexName == "corp");
    CHECK(broken.error().url == server.url("/simple/broken/"));
    CHECK(broken.error().attempt == 3); // retried with backoff before giving up
    CHECK(server.waitForRequestCount(5) == 5);
    CHECK(test::countLogged(test::logLines(server.accessLog()), "/simple/broken/", "\" 500 ") == 3);
}

TEST_CASE("A redirect to another port does not carry the credentials along", "[index][client][auth]")
{
    test::TempDir dir;
    test::generateIndex(dir / "out", {test::writeTinyScenario(dir.path())});
    test::NginxFixture elsewhere({.root = dir / "out/pypi"});
    test::NginxFixture server({.root = dir / "out/pypi",
                               .basicAuth = test::BasicAuthUser{kAlice.username, kAlice.password},
                               .extraServerConfig = "        location /simple/moved/ { return 302 " +
                                                    elsewhere.url("/simple/tinypkg/") + "; }\n"});
    HttpClient http;
    test::CountingProvider provider(kAlice);
    IndexClient client(
        {.name = "private", .url = server.url("/simple/"), .authenticate = AuthenticateMode::Always},
        {.http = &http, .credentials = &provider});

    const auto page = client.projectPage("moved");
    INFO((page ? std::string() : page.error().describe()));
    REQUIRE(page);
    REQUIRE(page->has_value());
    CHECK_FALSE((*page)->files.empty());
    // Relative file links resolve against the final URL, on the other server.
    CHECK((*page)->files.front().url.starts_with(elsewhere.baseUrl()));
    REQUIRE(server.waitForRequestCount(1) == 1);
    REQUIRE(elsewhere.waitForRequestCount(1) == 1);
    CHECK(test::logLines(server.accessLog()).front().find(" alice ") != std::string::npos);
    const auto other = test::logLines(elsewhere.accessLog()).front();
    CHECK(other.find("alice") == std::string::npos);
    CHECK(other.find(" - - [") != std::string::npos); // no remote user at all
}
