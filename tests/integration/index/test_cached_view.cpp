// Warm resolutions against nginx: fetching ahead follows the cached pages (CachedIndexView) while
// they are revalidated, and a page that changed between two runs gives exactly what a cold run
// gives, because only the revalidated page decides.

#include <filesystem>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

#include "core/index/http_cache.h"
#include "core/index/index_set.h"
#include "core/resolver/cached_index_view.h"
#include "core/resolver/index_source.h"
#include "core/resolver/resolver.h"
#include "tests/support/nginx_fixture.h"
#include "tests/support/temp_dir.h"

using namespace pindex;
namespace fs = std::filesystem;

namespace {

constexpr const char* kBefore = R"(name = "before"
[root]
requires = ["app"]
[packages.app.versions."1.0"]
requires = ["lib>=1"]
[packages.lib.versions."1.0"]
requires = ["leaf"]
[packages.leaf.versions."1.0"]
)";

// lib 2.0 appeared, with a dependency the cached graph never saw.
constexpr const char* kAfter = R"(name = "after"
[root]
requires = ["app"]
[packages.app.versions."1.0"]
requires = ["lib>=1"]
[packages.lib.versions."1.0"]
requires = ["leaf"]
[packages.lib.versions."2.0"]
requires = ["newdep>=1"]
[packages.newdep.versions."1.0"]
requires = ["leaf"]
[packages.leaf.versions."1.0"]
)";

struct Run
{
    Result<resolver::Resolution> resolution;
    index::IndexStats stats;
    std::size_t viewPagesRead = 0;
    std::size_t workers = 0; // threads the source started
};

struct ChangingIndex
{
    ChangingIndex()
    {
        std::ofstream(dir / "before.toml") << kBefore;
        std::ofstream(dir / "after.toml") << kAfter;
        test::generateIndex(dir / "before", {dir / "before.toml"});
        test::generateIndex(dir / "after", {dir / "after.toml"});
        fs::create_directory_symlink(dir / "before/pypi", dir / "served");
        server = std::make_unique<test::NginxFixture>(test::NginxOptions{.root = dir / "served"});
    }

    // nginx resolves its root for every request: the next requests see the new pages.
    void change()
    {
        fs::remove(dir / "served");
        fs::create_directory_symlink(dir / "after/pypi", dir / "served");
    }

    // The index through one cache: its client, the index set and the source over them.
    // `cacheControl`: the index's cache-control override (IndexConfig::apiCacheControl).
    struct Session
    {
        Session(ChangingIndex& owner, const fs::path& cacheDirectory, std::string cacheControl)
            : cache(cacheDirectory)
            , client(index::IndexConfig{.name = "pypi",
                                        .url = owner.server->url("/simple/"),
                                        .isDefault = true,
                                        .apiCacheControl = std::move(cacheControl)},
                     index::IndexServices{.http = &owner.http, .cache = &cache})
            , set({&client}, index::IndexStrategy::FirstIndex, {})
            , source(set)
        {}

        const index::HttpCache cache;
        index::IndexClient client;
        index::IndexSet set;
        resolver::IndexSource source;
    };

    Run lock(const fs::path& cacheDirectory, bool followCache, std::string cacheControl = {})
    {
        Session session(*this, cacheDirectory, std::move(cacheControl));
        index::IndexClient* const clients[] = {&session.client};
        resolver::CachedIndexView view(clients, index::IndexStrategy::FirstIndex, {});
        resolver::ResolveOptions options{.requirements = {*resolver::Dependency::parse("app")},
                                         .environment =
                                             *resolver::TargetEnvironment::make("3.12", "linux-x86_64")};
        if (followCache)
            options.cachedView = view.source();
        auto resolution = resolver::resolve(session.source, options);
        return Run{std::move(resolution), session.client.stats(), view.pagesRead(),
                   session.source.workersStarted()};
    }

    test::TempDir dir;
    std::unique_ptr<test::NginxFixture> server;
    index::HttpClient http;
};

std::string describe(const resolver::Resolution& resolution)
{
    std::string text;
    for (const auto& package : resolution.packages) {
        text += package.name + "==" + package.version.str();
        if (package.wheel)
            text += " " + package.wheel->file.url + " " + package.wheel->file.sha256;
        for (const auto& dependency : package.dependencies)
            text += " -> " + dependency;
        text += "\n";
    }
    return text;
}

} // namespace

TEST_CASE("A warm lock revalidates every page and reads every metadata file from the cache",
          "[resolver][index][cache]")
{
    ChangingIndex index;
    const auto cold = index.lock(index.dir / "cache", true);
    REQUIRE(cold.resolution);
    const auto warm = index.lock(index.dir / "cache", true);
    INFO((warm.resolution ? std::string() : warm.resolution.error().describe()));
    REQUIRE(warm.resolution);
    CHECK(describe(*warm.resolution) == describe(*cold.resolution));
    // nginx sends no Cache-Control: each of the three pages is revalidated (304), and nothing else
    // is asked for (the metadata files are immutable per hash).
    CHECK(warm.stats.requests == 3);
    CHECK(warm.stats.notModified == 3);
    // Fetching ahead followed the three stale pages in the cache while they were revalidated.
    CHECK(warm.viewPagesRead == 3);
}

TEST_CASE("A warm lock whose pages are fresh sends nothing and reads each page once",
          "[resolver][index][cache]")
{
    ChangingIndex index;
    const auto cold = index.lock(index.dir / "cache", true, "max-age=600");
    REQUIRE(cold.resolution);
    const auto warm = index.lock(index.dir / "cache", true, "max-age=600");
    INFO((warm.resolution ? std::string() : warm.resolution.error().describe()));
    REQUIRE(warm.resolution);
    CHECK(describe(*warm.resolution) == describe(*cold.resolution));
    CHECK(warm.stats.requests == 0);
    CHECK(warm.stats.pagesFromCache == 3);
    // The client answers fresh pages from the cache at once: the cached view leaves them to it
    // rather than reading and parsing each page a second time.
    CHECK(warm.viewPagesRead == 0);
    // Nothing waited for the network: no more threads than cores answered from the cache.
    CHECK(warm.workers >= 1);
    CHECK(warm.workers <= std::max(2U, std::thread::hardware_concurrency()));
}

TEST_CASE("A package's candidates asked for twice are the same both times", "[resolver][index]")
{
    ChangingIndex index;
    ChangingIndex::Session session(index, index.dir / "cache", {});
    auto& source = session.source;
    const auto versions = [&source] {
        std::string text;
        auto listed = source.listCandidates("lib");
        REQUIRE(listed);
        for (const auto& candidate : listed->candidates)
            text += candidate.version.str() + "@" + candidate.indexName + " ";
        return text;
    };
    const auto first = versions(); // handed over, not copied
    CHECK(first == "1.0@pypi ");
    CHECK(versions() == first); // listed again
}

TEST_CASE("A page that changed between two locks gives what a cold lock gives", "[resolver][index][cache]")
{
    ChangingIndex index;
    const auto first = index.lock(index.dir / "cache", true);
    REQUIRE(first.resolution);
    REQUIRE(first.resolution->find("lib") != nullptr);
    CHECK(first.resolution->find("lib")->version.str() == "1.0");

    index.change();
    const auto warm = index.lock(index.dir / "cache", true);
    const auto cold = index.lock(index.dir / "cold-cache", false);
    INFO((warm.resolution ? std::string() : warm.resolution.error().describe()));
    REQUIRE(warm.resolution);
    REQUIRE(cold.resolution);
    CHECK(describe(*warm.resolution) == describe(*cold.resolution));
    REQUIRE(warm.resolution->find("lib") != nullptr);
    CHECK(warm.resolution->find("lib")->version.str() == "2.0");
    CHECK(warm.resolution->find("newdep") != nullptr);
    // The changed pages came back whole (200), not as 304s answered from the stale entries.
    CHECK(warm.stats.notModified < 3);
}
