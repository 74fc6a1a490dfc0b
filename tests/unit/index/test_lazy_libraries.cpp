#include <array>
#include <ctime>
#include <filesystem>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <curl/curl.h>

#include "core/index/http_cache.h"
#include "core/index/http_client.h"
#include "core/index/index_client.h"
#include "core/index/sha256.h"
#include "core/index/simple_api.h"
#include "core/util/file_io.h"

using namespace pindex;

namespace {

bool mapped(std::string_view soname)
{
    const auto maps = readFile("/proc/self/maps");
    return maps && maps->find(soname) != std::string::npos;
}

} // namespace

// Each test case runs in a process of its own (catch_discover_tests), which starts with none of
// them loaded although this binary calls into all of them.
TEST_CASE("libcurl and libarchive load on their first call not at start-up, libcrypto never", "[index]")
{
    CHECK_FALSE(mapped("libcurl.so"));
    CHECK_FALSE(mapped("libarchive.so"));
    CHECK_FALSE(mapped("libcrypto.so"));

    // Hashing is Pindex's own: it loads nothing (a cache key must not wait for the loader).
    CHECK(index::sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK_FALSE(mapped("libcrypto.so"));
    CHECK_FALSE(mapped("libcurl.so"));

    const auto* version = curl_version_info(CURLVERSION_NOW);
    REQUIRE(version != nullptr);
    CHECK(version->version_num >= 0x074400U); // 7.68, the oldest Pindex builds with
    CHECK(mapped("libcurl.so"));
}

// A resolution whose pages are all fresh in the cache (a server that sends max-age, as PyPI does)
// sends nothing, so it must not pay for loading libcurl: not for the client, nor for reading the
// cached response's dates, nor for hashing its cache key.
TEST_CASE("a page fresh in the cache is answered without loading libcurl", "[index]")
{
    const auto directory =
        std::filesystem::temp_directory_path() / ("pindex-fresh-" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory);
    const index::HttpCache cache(directory);
    const std::string pageUrl = "http://127.0.0.1:9/simple/demo/"; // discard port: nothing listens
    index::CachedResponse entry;
    entry.url = pageUrl;
    entry.contentType = "application/vnd.pypi.simple.v1+json";
    entry.cacheControl = "max-age=600, public";
    entry.storedAt = index::unixNow();
    // The server's Date, a minute before it was stored: freshness reads it (the age it had).
    const std::time_t sent = static_cast<std::time_t>(entry.storedAt - 60);
    std::tm parts{};
    gmtime_r(&sent, &parts);
    std::array<char, 64> date{};
    REQUIRE(std::strftime(date.data(), date.size(), "%a, %d %b %Y %H:%M:%S GMT", &parts) > 0);
    entry.date = date.data();
    entry.body = R"({"meta": {"api-version": "1.1"}, "name": "demo", "files": [{"filename":
        "demo-1.0-py3-none-any.whl", "url": "demo-1.0-py3-none-any.whl", "hashes": {}}]})";
    REQUIRE(cache.store(index::kSimpleBucket, index::HttpCache::keyFor(pageUrl, index::kSimpleAcceptHeader),
                        entry));

    index::HttpClient http;
    index::IndexClient client({.name = "demo", .url = "http://127.0.0.1:9/simple/"},
                              {.http = &http, .cache = &cache});
    const auto page = client.projectPage("demo");
    REQUIRE(page);
    REQUIRE(page->has_value());
    CHECK((*page)->files.size() == 1);
    CHECK(client.stats().requests == 0);
    CHECK(client.stats().cacheHits == 1);
    CHECK_FALSE(mapped("libcurl.so"));
    std::filesystem::remove_all(directory);
}
