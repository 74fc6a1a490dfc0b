// The index client against servers that misbehave (tests/support/fault_server.h) and a server whose
// TLS certificate is not trusted: every fault ends in a bounded, clear error or in a successful
// retry; nothing hangs, nothing grows without bound.

#include <chrono>
#include <fstream>

#include <catch2/catch.hpp>

#include "core/index/http_client.h"
#include "core/index/simple_html.h"
#include "tests/support/fault_server.h"
#include "tests/support/nginx_fixture.h"
#include "tests/support/temp_dir.h"

using namespace pindex;
using namespace pindex::index;
using pindex::test::FaultServer;

namespace {

HttpClientOptions quickOptions()
{
    HttpClientOptions options;
    options.retryBaseDelay = std::chrono::milliseconds(10);
    options.maxAttempts = 3;
    options.stallTimeoutSeconds = 1;
    return options;
}

Result<HttpResponse> fetch(HttpClient& client, const std::string& url, std::uint64_t maxBodyBytes = 0)
{
    HttpRequest request{.url = url};
    request.timeoutSeconds = 20;
    request.maxBodyBytes = maxBodyBytes;
    return client.get(request);
}

} // namespace

TEST_CASE("a slow server is read to the end", "[faults]")
{
    FaultServer server;
    HttpClient client(quickOptions());
    const auto response = fetch(client, server.url("/slow"));
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(response->body == std::string(16, 'a'));
}

TEST_CASE("a server that stalls mid-body is abandoned and retried, then reported", "[faults]")
{
    FaultServer server;
    HttpClientOptions options = quickOptions();
    options.maxAttempts = 2;
    HttpClient client(options);
    const auto started = std::chrono::steady_clock::now();
    const auto response = fetch(client, server.url("/stall"));
    REQUIRE_FALSE(response);
    CHECK(response.error().code == ErrorCode::Network);
    CHECK(response.error().attempt == 2);
    CHECK(response.error().url == server.url("/stall"));
    CHECK(server.requestCount("/stall") == 2);
    // Bounded: two stalls of one second each, far below the 20 s request timeout.
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(15));
}

TEST_CASE("a connection reset mid-body is retried, then reported with the attempts", "[faults]")
{
    FaultServer server;
    HttpClient client(quickOptions());
    const auto response = fetch(client, server.url("/reset"));
    REQUIRE_FALSE(response);
    CHECK(response.error().code == ErrorCode::Network);
    CHECK(response.error().attempt == 3);
    CHECK_THAT(response.error().message, Catch::Contains("after 3 attempts"));
    CHECK(server.requestCount("/reset") == 3);
}

TEST_CASE("a body shorter than its Content-Length is an error, not a short file", "[faults]")
{
    FaultServer server;
    HttpClient client(quickOptions());
    const auto response = fetch(client, server.url("/truncated"));
    REQUIRE_FALSE(response);
    CHECK(response.error().code == ErrorCode::Network);
    CHECK(server.requestCount("/truncated") == 3);
}

TEST_CASE("bytes beyond the Content-Length are not taken as body", "[faults]")
{
    FaultServer server;
    HttpClient client(quickOptions());
    const auto response = fetch(client, server.url("/short-length"));
    REQUIRE(response);
    CHECK(response->body.size() == 10);
}

TEST_CASE("an endless body stops at the size limit and is not retried", "[faults]")
{
    FaultServer server;
    HttpClient client(quickOptions());
    const auto response = fetch(client, server.url("/endless"), 1U << 20);
    REQUIRE_FALSE(response);
    CHECK(response.error().code == ErrorCode::Network);
    CHECK_THAT(response.error().message, Catch::Contains("larger than 1048576 bytes"));
    CHECK(server.requestCount("/endless") == 1);
}

TEST_CASE("a declared size over the limit is refused before the body is read", "[faults]")
{
    FaultServer server;
    HttpClient client(quickOptions()); // the client's default limit, 4 GiB, under the 8 GiB declared
    const auto response = fetch(client, server.url("/huge"));
    REQUIRE_FALSE(response);
    CHECK_THAT(response.error().message, Catch::Contains("larger than"));
    CHECK(server.requestCount("/huge") == 1);
}

TEST_CASE("a page that is not valid UTF-8 parses or fails cleanly", "[faults]")
{
    FaultServer server;
    HttpClient client(quickOptions());
    const auto response = fetch(client, server.url("/invalid-utf8"));
    REQUIRE(response);
    const auto page = parseProjectPageHtml(response->body, server.url("/invalid-utf8"));
    if (page) {
        for (const auto& file : page->files) {
            CHECK_FALSE(file.filename.empty());
            CHECK(file.url.starts_with(server.url("/")));
        }
    } else {
        CHECK_FALSE(page.error().message.empty());
    }
}

TEST_CASE("a redirect loop ends with a clear error", "[faults]")
{
    FaultServer server;
    HttpClient client(quickOptions());
    const auto response = fetch(client, server.url("/redirect-loop"));
    REQUIRE_FALSE(response);
    CHECK(response.error().code == ErrorCode::Network);
    CHECK_THAT(response.error().hint, Catch::Contains("redirects in a loop"));
    CHECK(server.requestCount("/redirect-loop") <= 11);
}

TEST_CASE("429 with Retry-After is retried after the delay the server asks for", "[faults]")
{
    FaultServer server;
    HttpClient client(quickOptions());
    const auto started = std::chrono::steady_clock::now();
    const auto response = fetch(client, server.url("/retry-after/1"));
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(response->attempts == 2);
    CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(900));
}

TEST_CASE("429 asking for a longer wait than allowed is returned, not waited for", "[faults]")
{
    FaultServer server;
    HttpClient client(quickOptions());
    const auto response = fetch(client, server.url("/retry-after/3600"));
    REQUIRE(response);
    CHECK(response->status == 429);
    CHECK(server.requestCount("/retry-after/3600") == 1);
}

TEST_CASE("connections reset before any answer are retried until one succeeds", "[faults]")
{
    FaultServer server;
    HttpClient client(quickOptions());
    const auto response = fetch(client, server.url("/flaky/2"));
    REQUIRE(response);
    CHECK(response->body == "ok");
    CHECK(response->attempts == 3);
}

TEST_CASE("Retry-After values: seconds, HTTP dates and nonsense", "[faults]")
{
    CHECK(parseRetryAfter("120", 0) == std::chrono::seconds(120));
    CHECK(parseRetryAfter(" 7 ", 0) == std::chrono::seconds(7));
    CHECK(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470) == std::chrono::seconds(10));
    CHECK(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", 1445412490) == std::chrono::seconds(0));
    CHECK_FALSE(parseRetryAfter("soon", 0));
    CHECK_FALSE(parseRetryAfter("", 0));
}

TEST_CASE("a server with an untrusted certificate is refused with the way to trust it", "[faults]")
{
    pindex::test::TempDir root("pindex-tls-root");
    std::ofstream(root / "index.html") << "<html><body></body></html>\n";
    pindex::test::NginxFixture nginx({.root = root.path(), .tls = true});
    {
        HttpClient client(quickOptions());
        const auto response = fetch(client, nginx.url("/"));
        REQUIRE_FALSE(response);
        CHECK(response.error().code == ErrorCode::Network);
        CHECK(response.error().attempt == 1); // a verification failure is not worth retrying
        CHECK_THAT(response.error().hint, Catch::Contains("SSL_CERT_FILE"));
    }
    HttpClientOptions trusting = quickOptions();
    trusting.caFile = nginx.certificate();
    HttpClient client(trusting);
    const auto response = fetch(client, nginx.url("/"));
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK_THAT(response->body, Catch::Contains("<html>"));
}
