// Fetching ahead on a warm run: the graph the cache shows (ResolveOptions::cachedView) and the
// versions of an existing lock (preferences) name the packages before their pages arrive, so every
// page is asked for in the first round; only the source's own answers decide the resolution.

#include <catch2/catch.hpp>

#include "core/resolver/resolver.h"
#include "tests/unit/resolver/memory_source.h"

using pindex::resolver::ResolveOptions;
using pindex::test::MemorySource;
using pindex::test::optionsFor;

namespace {

// app -> a -> b -> c -> d: four levels, each known only from the metadata of the level above.
MemorySource chain()
{
    MemorySource source;
    source.add("a", {.version = "1.0", .dependencies = {"b>=1"}});
    source.add("b", {.version = "1.0", .dependencies = {"c"}});
    source.add("c", {.version = "1.0", .dependencies = {"d[fast]"}});
    source.add("d", {.version = "1.0", .dependencies = {"e ; extra == 'fast'"}});
    source.add("e", {.version = "1.0"});
    return source;
}

std::string describe(const pindex::resolver::Resolution& resolution)
{
    std::string text;
    for (const auto& package : resolution.packages) {
        text += package.name + "==" + package.version.str() + " ";
    }
    return text;
}

} // namespace

TEST_CASE("Without a cached view or a lock, each level's page waits for the level above", "[resolver]")
{
    auto source = chain();
    const auto resolution = pindex::resolver::resolve(source, optionsFor({"a"}));
    REQUIRE(resolution);
    CHECK(describe(*resolution) == "a==1.0 b==1.0 c==1.0 d==1.0 e==1.0 ");
    CHECK(source.requestRound.at("d") == 6);
    CHECK(source.rounds == 10);
}

TEST_CASE("The cached graph asks for every page in the first round", "[resolver]")
{
    auto source = chain();
    auto cached = chain();
    auto options = optionsFor({"a"});
    options.cachedView = &cached;
    const auto resolution = pindex::resolver::resolve(source, options);
    REQUIRE(resolution);
    CHECK(describe(*resolution) == "a==1.0 b==1.0 c==1.0 d==1.0 e==1.0 ");
    // e is reached through d's extra, which the cached graph follows too.
    for (const auto* name : {"a", "b", "c", "d", "e"}) {
        CAPTURE(name);
        CHECK(source.requestRound.at(name) == 0);
        CHECK(source.requestRound.at(std::string(name) + "==1.0") == 1);
    }
    CHECK(source.rounds == 2);
    // The view was read for its pages and metadata, and nothing of it reached the resolution: the
    // source answered every page and every version's metadata itself.
    CHECK(cached.listed.size() == 5);
    CHECK(cached.metadataFetched.size() == 5);
    CHECK(source.listed.size() == 5);
    CHECK(source.metadataFetched.size() == 5);
}

TEST_CASE("A page that changed since it was cached gives what a cold run gives", "[resolver]")
{
    // The cache still shows a 1.0 -> b; the index now has a 2.0 -> x>=2, and x 2.0 -> y.
    const auto current = [] {
        auto source = chain();
        source.add("a", {.version = "2.0", .dependencies = {"x>=2"}});
        source.add("x", {.version = "1.0"}).add("x", {.version = "2.0", .dependencies = {"y"}});
        source.add("y", {.version = "1.0"});
        return source;
    };
    auto cold = current();
    const auto expected = pindex::resolver::resolve(cold, optionsFor({"a"}));
    REQUIRE(expected);
    CHECK(describe(*expected) == "a==2.0 x==2.0 y==1.0 ");

    auto warm = current();
    auto cached = chain();
    auto options = optionsFor({"a"});
    options.cachedView = &cached;
    const auto resolution = pindex::resolver::resolve(warm, options);
    REQUIRE(resolution);
    CHECK(describe(*resolution) == describe(*expected));
    for (std::size_t i = 0; i < resolution->packages.size(); ++i) {
        CHECK(resolution->packages[i].dependencies == expected->packages[i].dependencies);
        CHECK(resolution->packages[i].candidate.version == expected->packages[i].candidate.version);
    }
    // The stale graph's pages were asked for early (a guess that cost requests, not results);
    // the new packages came from the current page, as in the cold run.
    CHECK(warm.requestRound.at("b") == 0);
    CHECK(warm.requestRound.at("x") == cold.requestRound.at("x"));
}

TEST_CASE("An existing lock names every page before any arrives, and its versions' metadata next",
          "[resolver]")
{
    auto source = chain();
    auto options = optionsFor({"a"});
    for (const auto* name : {"a", "b", "c", "d", "e"}) {
        options.preferences.emplace(name, *pindex::standards::Version::parse("1.0"));
    }
    const auto resolution = pindex::resolver::resolve(source, options);
    REQUIRE(resolution);
    CHECK(describe(*resolution) == "a==1.0 b==1.0 c==1.0 d==1.0 e==1.0 ");
    for (const auto* name : {"a", "b", "c", "d", "e"}) {
        CAPTURE(name);
        CHECK(source.requestRound.at(name) == 0);
        CHECK(source.requestRound.at(std::string(name) + "==1.0") == 1);
    }
    CHECK(source.rounds == 2);
}
