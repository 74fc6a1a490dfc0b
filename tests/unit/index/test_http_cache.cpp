// The cache's freshness rules (RFC 9111 for a private cache, with the per-index override) and
// `pindex cache prune`'s choices, on a cache written on the spot with a fixed clock.

#include <fstream>

#include <catch2/catch.hpp>

#include "core/index/cache_maintenance.h"
#include "core/index/http_cache.h"
#include "core/index/sha256.h"
#include "tests/support/temp_dir.h"

using namespace pindex;
using namespace pindex::index;

namespace {

constexpr std::int64_t kStored = 1'800'000'000; // 2027-01-15T08:00:00Z
constexpr const char* kStoredDate = "Fri, 15 Jan 2027 08:00:00 GMT";

CachedResponse response(std::string cacheControl, std::string expires = {}, std::string date = kStoredDate,
                        std::int64_t age = 0)
{
    CachedResponse entry;
    entry.cacheControl = std::move(cacheControl);
    entry.expires = std::move(expires);
    entry.date = std::move(date);
    entry.age = age;
    entry.storedAt = kStored;
    return entry;
}

} // namespace

TEST_CASE("Cache-Control decides how long a Simple API response is fresh", "[index][cache]")
{
    struct Case
    {
        const char* cacheControl;
        std::int64_t secondsLater;
        bool fresh;
    };
    const auto [cacheControl, later, fresh] = GENERATE(values<Case>({
        {"max-age=600", 0, true},
        {"max-age=600", 599, true},
        {"max-age=600", 600, false},
        {"public, max-age=600", 300, true},
        {"private, max-age=600", 300, true}, // private/public change nothing for us
        {"max-age=\"600\"", 300, true},      // quoted, as some servers send it
        {"Max-Age=600", 300, true},          // directive names are case-insensitive
        {"max-age=0", 0, false},
        {"max-age=600, no-cache", 10, false}, // no-cache: always revalidate
        {"no-store, max-age=600", 10, false},
        {"max-age=600, must-revalidate", 300, true}, // only matters once stale
        {"max-age=600, must-revalidate", 900, false},
        {"s-maxage=600", 10, false}, // for shared caches only
        {"s-maxage=60, max-age=600", 300, true},
        {"max-age=abc", 0, false},
        {"max-age=-5", 0, false},
        {"", 0, false}, // nothing explicit: revalidate (no heuristics)
    }));
    CAPTURE(cacheControl, later);
    CHECK(HttpCache::isFresh(response(cacheControl), "", kStored + later) == fresh);
}

TEST_CASE("Expires and Age are used when Cache-Control has no max-age", "[index][cache]")
{
    SECTION("Expires minus Date is the lifetime")
    {
        const auto entry = response("", "Fri, 15 Jan 2027 09:00:00 GMT"); // one hour after Date
        CHECK(HttpCache::freshnessLifetime(entry, "") == 3600);
        CHECK(HttpCache::isFresh(entry, "", kStored + 3599));
        CHECK_FALSE(HttpCache::isFresh(entry, "", kStored + 3600));
    }
    SECTION("max-age wins over Expires")
    {
        const auto entry = response("max-age=60", "Fri, 15 Jan 2027 09:00:00 GMT");
        CHECK_FALSE(HttpCache::isFresh(entry, "", kStored + 120));
    }
    SECTION("an invalid Expires means already expired")
    {
        CHECK_FALSE(HttpCache::isFresh(response("", "0"), "", kStored));
        CHECK(HttpCache::freshnessLifetime(response("", "0"), "") == 0);
    }
    SECTION("without Date, Expires counts from the time it was stored")
    {
        const auto entry = response("", "Fri, 15 Jan 2027 08:10:00 GMT", "");
        CHECK(HttpCache::isFresh(entry, "", kStored + 599));
        CHECK_FALSE(HttpCache::isFresh(entry, "", kStored + 600));
    }
    SECTION("Age makes a response older than its storing time")
    {
        const auto entry = response("max-age=600", "", kStoredDate, 500);
        CHECK(HttpCache::isFresh(entry, "", kStored + 99));
        CHECK_FALSE(HttpCache::isFresh(entry, "", kStored + 100));
    }
    SECTION("a Date in the past counts as age too")
    {
        const auto entry = response("max-age=600", "", "Fri, 15 Jan 2027 07:55:00 GMT"); // 300 s old
        CHECK(HttpCache::isFresh(entry, "", kStored + 299));
        CHECK_FALSE(HttpCache::isFresh(entry, "", kStored + 300));
    }
}

TEST_CASE("the per-index cache-control override replaces the server's policy", "[index][cache]")
{
    CHECK(HttpCache::isFresh(response("no-cache"), "max-age=600", kStored + 300));
    CHECK_FALSE(HttpCache::isFresh(response("max-age=600"), "no-cache", kStored + 1));
    CHECK_FALSE(HttpCache::isFresh(response("max-age=600"), "max-age=0", kStored));
    // The override replaces Expires as well.
    CHECK_FALSE(HttpCache::isFresh(response("", "Fri, 15 Jan 2027 09:00:00 GMT"), "no-cache", kStored + 1));
    CHECK_FALSE(HttpCache::mayStore("no-store"));
    CHECK(HttpCache::mayStore("max-age=0, private"));
}

TEST_CASE("cache entries keep the validators and freshness headers", "[index][cache]")
{
    test::TempDir dir;
    const HttpCache cache(dir.path());
    auto entry = response("max-age=600", "Fri, 15 Jan 2027 09:00:00 GMT", kStoredDate, 42);
    entry.url = "https://alice:secret@example.com/simple/a/";
    entry.etag = "\"abc\"";
    entry.body = "<html></html>";
    REQUIRE(cache.store("simple-v1", "k1", entry));
    const auto loaded = cache.load("simple-v1", "k1");
    REQUIRE(loaded);
    CHECK(loaded->url == "https://alice:****@example.com/simple/a/");
    CHECK(loaded->date == kStoredDate);
    CHECK(loaded->expires == "Fri, 15 Jan 2027 09:00:00 GMT");
    CHECK(loaded->age == 42);
    CHECK(loaded->etag == "\"abc\"");
    CHECK(loaded->body == "<html></html>");
    cache.remove("simple-v1", "k1");
    CHECK_FALSE(cache.load("simple-v1", "k1"));
}

TEST_CASE("an entry is one file directly in its bucket's directory", "[index][cache]")
{
    test::TempDir dir;
    {
        const HttpCache cache(dir.path());
        REQUIRE(cache.store(kSimpleBucket, "0a1b2c", response("max-age=600")));
        REQUIRE(cache.store(kMetadataBucket, "ff00", {.body = "Metadata-Version: 2.1"}));
    }
    CHECK(std::filesystem::is_regular_file(dir.path() / "simple-v2" / "0a1b2c"));
    CHECK(std::filesystem::is_regular_file(dir.path() / "metadata-v2" / "ff00"));
    // No directory per key prefix: storing an entry creates none below its bucket.
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path()))
        CHECK_FALSE((entry.is_directory() && entry.path().parent_path() != dir.path()));
}

TEST_CASE("an entry's headers read alone match the whole entry's, without the body", "[index][cache]")
{
    test::TempDir dir;
    const HttpCache cache(dir.path());
    auto entry = response("max-age=600", {}, kStoredDate, 7);
    entry.etag = "\"v1\"";
    entry.body = std::string(20'000, 'x') + "\n\n" + std::string(100, 'y'); // a blank line in the body too
    // A URL long enough that the header block ends past the first 4 KiB read.
    for (const std::size_t urlLength : {std::size_t{40}, std::size_t{4'090}, std::size_t{9'000}}) {
        INFO("URL of " << urlLength << " characters");
        entry.url = "https://example.com/" + std::string(urlLength, 'u');
        REQUIRE(cache.store("simple-v1", "k", entry));
        const auto whole = cache.load("simple-v1", "k");
        const auto headers = cache.loadHeaders("simple-v1", "k");
        REQUIRE(whole);
        REQUIRE(headers);
        CHECK(headers->url == whole->url);
        CHECK(headers->etag == "\"v1\"");
        CHECK(headers->cacheControl == "max-age=600");
        CHECK(headers->storedAt == kStored);
        CHECK(headers->age == 7);
        CHECK(headers->body.empty());
        CHECK(whole->body == entry.body);
        CHECK(HttpCache::isFresh(*headers, {}, kStored + 60) == HttpCache::isFresh(*whole, {}, kStored + 60));
    }
    CHECK_FALSE(cache.loadHeaders("simple-v1", "absent"));
    REQUIRE(cache.store("simple-v1", "bad", entry));
    std::ofstream(cache.root() / "simple-v1" / "bad", std::ios::binary) << "no header block at all";
    CHECK_FALSE(cache.loadHeaders("simple-v1", "bad"));
    CHECK_FALSE(cache.load("simple-v1", "bad"));
}

namespace {

void writeFile(const std::filesystem::path& path, const std::string& text)
{
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

void age(const std::filesystem::path& path, std::int64_t secondsAgo)
{
    std::filesystem::last_write_time(path, std::filesystem::file_time_type::clock::now() -
                                               std::chrono::seconds(secondsAgo));
}

std::int64_t nowSeconds()
{
    return unixNow();
}

} // namespace

TEST_CASE("pindex cache prune removes stale and unreferenced entries and keeps what is in use",
          "[index][cache]")
{
    test::TempDir dir;
    const HttpCache cache(dir / "cache");
    const std::int64_t now = nowSeconds();
    const std::int64_t week = 7 * 24 * 3600;

    const std::string keptWheel = "kept wheel bytes";
    const std::string goneWheel = "wheel only a stale page knew";
    const std::string keptHash = sha256Hex(keptWheel);
    const std::string goneHash = sha256Hex(goneWheel);
    const auto page = [](const std::string& file, const std::string& hash) {
        return "<html><body><a href=\"https://files.example.com/" + file + "#sha256=" + hash +
               "\" data-dist-info-metadata=\"sha256=" + hash + "\">" + file + "</a></body></html>";
    };

    // A fresh page referring to keptWheel (and its metadata), stored long ago but max-age long.
    CachedResponse fresh;
    fresh.url = "https://example.com/simple/kept/";
    fresh.contentType = "text/html";
    fresh.cacheControl = "max-age=99999999";
    fresh.storedAt = now - 2 * week;
    fresh.body = page("kept-1.0-py3-none-any.whl", keptHash);
    REQUIRE(cache.store(kSimpleBucket, "aa11", fresh));
    // A stale page stored two weeks ago, the only one referring to goneWheel.
    CachedResponse stale = fresh;
    stale.url = "https://example.com/simple/gone/";
    stale.cacheControl = "max-age=60";
    stale.body = page("gone-1.0-py3-none-any.whl", goneHash);
    REQUIRE(cache.store(kSimpleBucket, "bb22", stale));
    // A stale page stored yesterday: kept for revalidation.
    CachedResponse recentStale = stale;
    recentStale.url = "https://example.com/simple/recent/";
    recentStale.storedAt = now - 24 * 3600;
    recentStale.body = page("recent-1.0-py3-none-any.whl", keptHash);
    REQUIRE(cache.store(kSimpleBucket, "cc33", recentStale));

    REQUIRE(cache.storeArtifact(keptHash, keptWheel));
    REQUIRE(cache.storeArtifact(goneHash, goneWheel));
    REQUIRE(cache.store(kMetadataBucket, keptHash, {.body = "Metadata-Version: 2.1"}));
    REQUIRE(cache.store(kMetadataBucket, goneHash, {.body = "Metadata-Version: 2.1"}));
    writeFile(dir / "cache" / kSimpleBucket / "dd44", "not a cache entry");
    writeFile(dir / "cache" / kSimpleBucket / "aa11.pindex-tmp-123", "a crashed writer's leftover");
    writeFile(dir / "cache" / "simple-v1" / "ab" / "old", "an older layout");
    writeFile(dir / "cache" / "notes" / "mine", "not a cache layout: left alone");
    // Written just now by another run: kept however stale or unreferenced it looks.
    writeFile(dir / "cache" / "artifacts-v1" / "sha256" / "ff" / "ff99", "a download in progress");

    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / "cache")) {
        if (entry.is_regular_file() && entry.path().filename() != "ff99")
            age(entry.path(), 2 * 3600);
    }
    for (const auto& name : {"simple-v1", "notes"})
        age(dir / "cache" / name, 2 * 3600);

    const auto report = pruneCache(cache, {.now = now});
    REQUIRE(report);
    CHECK(cache.load(kSimpleBucket, "aa11"));
    CHECK_FALSE(cache.load(kSimpleBucket, "bb22"));
    CHECK(cache.load(kSimpleBucket, "cc33"));
    CHECK(cache.loadArtifact(keptHash));
    CHECK_FALSE(std::filesystem::exists(cache.artifactPath(goneHash)));
    CHECK(cache.load(kMetadataBucket, keptHash));
    CHECK_FALSE(cache.load(kMetadataBucket, goneHash));
    CHECK_FALSE(std::filesystem::exists(dir / "cache" / kSimpleBucket / "dd44"));
    CHECK_FALSE(std::filesystem::exists(dir / "cache" / kSimpleBucket / "aa11.pindex-tmp-123"));
    CHECK_FALSE(std::filesystem::exists(dir / "cache" / "simple-v1"));
    CHECK(std::filesystem::exists(dir / "cache" / "notes" / "mine"));
    CHECK(std::filesystem::exists(dir / "cache" / "artifacts-v1" / "sha256" / "ff" / "ff99"));
    CHECK(report->removed.files == 6);
    CHECK(report->kept.files == 5);

    SECTION("--older-than 0 also drops yesterday's stale page")
    {
        REQUIRE(pruneCache(cache, {.now = now, .staleAfterSeconds = 0}));
        CHECK_FALSE(cache.load(kSimpleBucket, "cc33"));
        CHECK(cache.load(kSimpleBucket, "aa11"));
    }
    SECTION("clean removes everything")
    {
        const auto removed = cleanCache(cache);
        REQUIRE(removed);
        CHECK(removed->files >= 5);
        CHECK_FALSE(std::filesystem::exists(dir / "cache"));
        CHECK(cleanCache(cache)); // nothing left: still fine
    }
}
