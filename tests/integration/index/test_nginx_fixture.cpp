#include <fstream>

#include <catch2/catch.hpp>

#include "core/index/http_client.h"
#include "tests/support/nginx_fixture.h"
#include "tests/support/test_paths.h"

using namespace pindex;

namespace {

// A small scenario written here: one project with two versions.
std::filesystem::path writeScenario(const std::filesystem::path& dir)
{
    const auto file = dir / "tiny.toml";
    std::ofstream(file) << R"(name = "tiny"
[root]
requires = ["tinypkg"]
[packages.tinypkg.versions."1.0.0"]
[packages.tinypkg.versions."1.1.0"]
requires_python = ">=3.8"
)";
    return file;
}

} // namespace

TEST_CASE("nginx fixture serves a generated index behind basic auth: 401 without credentials, 200 with",
          "[index][nginx]")
{
    test::TempDir dir;
    test::generateIndex(dir / "out", {writeScenario(dir.path())});
    test::NginxFixture server(
        {.root = dir / "out/pypi", .basicAuth = test::BasicAuthUser{"alice", "wonderland"}});
    index::HttpClient client;

    const auto denied = client.get({.url = server.url("/simple/tinypkg/")});
    REQUIRE(denied);
    CHECK(denied->status == 401);

    const auto page = client.get(
        {.url = server.url("/simple/tinypkg/"), .credentials = auth::Credentials{"alice", "wonderland"}});
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->contentType.starts_with("text/html"));
    CHECK(page->body.find("tinypkg-1.1.0-py3-none-any.whl#sha256=") != std::string::npos);
    CHECK(page->body.find("data-requires-python=\"&gt;=3.8\"") != std::string::npos);

    const auto wrong = client.get(
        {.url = server.url("/simple/tinypkg/"), .credentials = auth::Credentials{"alice", "wrong"}});
    REQUIRE(wrong);
    CHECK(wrong->status == 401);

    const auto wheel = client.get({.url = server.url("/files/tinypkg-1.0.0-py3-none-any.whl"),
                                   .credentials = auth::Credentials{"alice", "wonderland"}});
    REQUIRE(wheel);
    CHECK(wheel->status == 200);
    REQUIRE(wheel->body.size() > 4);
    CHECK(wheel->body.substr(0, 4) == std::string("PK\x03\x04", 4)); // a real zip archive
    CHECK(server.waitForRequestCount(4) == 4);
}

TEST_CASE("nginx fixture negotiates PEP 691 JSON through the Accept header", "[index][nginx]")
{
    test::TempDir dir;
    test::generateIndex(dir / "out", {writeScenario(dir.path())});
    test::NginxFixture server({.root = dir / "out/pypi"});
    index::HttpClient client;

    const auto json = client.get({.url = server.url("/simple/tinypkg/"),
                                  .headers = {{"Accept", "application/vnd.pypi.simple.v1+json"}}});
    INFO((json ? std::string() : json.error().describe() + "\n" + server.errorLogText()));
    REQUIRE(json);
    CHECK(json->status == 200);
    CHECK(json->contentType == "application/vnd.pypi.simple.v1+json");
    CHECK(json->body.find("\"versions\"") != std::string::npos);

    const auto metadata = client.get({.url = server.url("/files/tinypkg-1.1.0-py3-none-any.whl.metadata")});
    REQUIRE(metadata);
    CHECK(metadata->status == 200);
    CHECK(metadata->body.find("Requires-Python: >=3.8") != std::string::npos);

    const auto missing = client.get({.url = server.url("/simple/nothere/")});
    REQUIRE(missing);
    CHECK(missing->status == 404);
}
