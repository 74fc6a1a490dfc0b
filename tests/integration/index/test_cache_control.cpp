// Cache-Control, Expires and Age from a real nginx decide whether a second run asks the server at
// all, sends a conditional request, or fetches the page again; nginx's access log counts them.

#include <fstream>

#include <catch2/catch.hpp>

#include "core/index/cache_maintenance.h"
#include "core/index/index_client.h"
#include "tests/integration/index/index_test_support.h"
#include "tests/support/nginx_fixture.h"

using namespace pindex;
using namespace pindex::index;

namespace {

// One project page served under /simple/ with the given extra headers (nginx add_header lines).
std::string simpleLocation(const std::string& headers)
{
    return "        location /simple/ {\n" + headers +
           "            try_files $uri $uri/index.$pindex_simple_flavour $uri/index.html =404;\n"
           "        }\n";
}

void writePage(const std::filesystem::path& root)
{
    std::filesystem::create_directories(root / "simple" / "demo");
    std::ofstream(root / "simple" / "demo" / "index.html")
        << "<!DOCTYPE html><html><body>\n"
           "<a href=\"/files/demo-1.0-py3-none-any.whl#sha256="
           "0000000000000000000000000000000000000000000000000000000000000000\">demo-1.0-py3-none-any.whl</"
           "a>\n"
           "</body></html>\n";
}

} // namespace

TEST_CASE("the second run follows the server's freshness headers and the index override", "[index][cache]")
{
    struct Case
    {
        const char* name;
        const char* headers;
        const char* override;
        const char* secondRun; // "none", "304" or "200"
    };
    const auto [name, headers, override, secondRun] = GENERATE(values<Case>({
        {"max-age", "add_header Cache-Control \"max-age=600\";", "", "none"},
        {"max-age with must-revalidate", "add_header Cache-Control \"max-age=600, must-revalidate\";", "",
         "none"},
        {"private max-age", "add_header Cache-Control \"private, max-age=600\";", "", "none"},
        {"s-maxage only", "add_header Cache-Control \"public, s-maxage=600\";", "", "304"},
        {"no-cache", "add_header Cache-Control \"no-cache, max-age=600\";", "", "304"},
        {"no-store", "add_header Cache-Control \"no-store\";", "", "200"},
        {"Expires in the future", "add_header Expires \"Thu, 31 Dec 2099 23:59:59 GMT\";", "", "none"},
        {"Expires 0", "add_header Expires \"0\";", "", "304"},
        {"Age beyond max-age", "add_header Cache-Control \"max-age=600\"; add_header Age \"700\";", "",
         "304"},
        {"no headers", "", "", "304"},
        {"override over no-cache", "add_header Cache-Control \"no-cache\";", "max-age=600", "none"},
        {"override no-cache over max-age", "add_header Cache-Control \"max-age=600\";", "no-cache", "304"},
        {"override no-store", "add_header Cache-Control \"max-age=600\";", "no-store", "200"},
    }));
    CAPTURE(name);
    test::TempDir dir;
    writePage(dir / "root");
    test::NginxFixture server(
        {.root = dir / "root",
         .extraServerConfig = simpleLocation(std::string("            ") + headers + "\n")});
    test::TempDir cacheDir;
    const HttpCache cache(cacheDir.path());
    HttpClient http;
    const IndexConfig config{.name = "cached", .url = server.url("/simple/"), .apiCacheControl = override};
    {
        IndexClient first(config, {.http = &http, .cache = &cache});
        const auto page = first.projectPage("demo");
        REQUIRE(page);
        REQUIRE(page->has_value());
    }
    REQUIRE(server.waitForRequestCount(1) == 1);

    IndexClient second(config, {.http = &http, .cache = &cache});
    const auto page = second.projectPage("demo");
    REQUIRE(page);
    REQUIRE(page->has_value());
    CHECK((*page)->files.size() == 1);
    if (std::string_view(secondRun) == "none") {
        CHECK(second.stats().requests == 0);
        CHECK(second.stats().cacheHits == 1);
        CHECK(server.requestCount() == 1);
    } else {
        REQUIRE(server.waitForRequestCount(2) == 2);
        CHECK(second.stats().requests == 1);
        const auto logged = test::logLines(server.accessLog());
        // The first run's answer was a 200 as well.
        const std::size_t expected = std::string_view(secondRun) == "200" ? 2 : 1;
        CHECK(test::countLogged(logged, "/simple/demo/", std::string("\" ") + secondRun + " ") == expected);
        CHECK(second.stats().notModified == (std::string_view(secondRun) == "304" ? 1U : 0U));
    }
}

TEST_CASE("max-age=0 revalidates every run until an index override makes the entry fresh", "[index][cache]")
{
    test::TempDir dir;
    writePage(dir / "root");
    // The page is fresh for 0 seconds; the third run's index override says 600.
    test::NginxFixture server({.root = dir / "root",
                               .extraServerConfig = simpleLocation("            add_header Cache-Control "
                                                                   "\"max-age=0\";\n")});
    test::TempDir cacheDir;
    const HttpCache cache(cacheDir.path());
    HttpClient http;
    IndexConfig config{.name = "cached", .url = server.url("/simple/")};
    {
        IndexClient first(config, {.http = &http, .cache = &cache});
        REQUIRE(first.projectPage("demo"));
    }
    REQUIRE(server.waitForRequestCount(1) == 1);
    {
        IndexClient second(config, {.http = &http, .cache = &cache});
        REQUIRE(second.projectPage("demo"));
        CHECK(second.stats().notModified == 1);
    }
    REQUIRE(server.waitForRequestCount(2) == 2);
    config.apiCacheControl = "max-age=600";
    IndexClient third(config, {.http = &http, .cache = &cache});
    REQUIRE(third.projectPage("demo"));
    CHECK(third.stats().requests == 0);
    CHECK(server.requestCount() == 2);
}

TEST_CASE("pruning while another client fills the cache never breaks it", "[index][cache]")
{
    test::TempDir dir;
    writePage(dir / "root");
    test::NginxFixture server({.root = dir / "root"});
    test::TempDir cacheDir;
    const HttpCache cache(cacheDir.path());
    HttpClient http;
    const IndexConfig config{.name = "cached", .url = server.url("/simple/")};
    // The pages written by these runs are recent: prune (here with "stale after 0 s") keeps them.
    for (int round = 0; round < 5; ++round) {
        IndexClient client(config, {.http = &http, .cache = &cache});
        const auto page = client.projectPage("demo");
        REQUIRE(page);
        REQUIRE(page->has_value());
        const auto pruned = pruneCache(cache, {.staleAfterSeconds = 0});
        REQUIRE(pruned);
        CHECK(pruned->removed.files == 0);
    }
    // Cleaning while a client is about to write only costs a refetch.
    REQUIRE(cleanCache(cache));
    IndexClient after(config, {.http = &http, .cache = &cache});
    const auto page = after.projectPage("demo");
    REQUIRE(page);
    CHECK(page->has_value());
    CHECK(after.stats().requests == 1);
}
