#include <catch2/catch.hpp>

#include "core/index/index_set.h"
#include "tests/integration/index/index_test_support.h"
#include "tests/support/nginx_fixture.h"
#include "tests/support/test_paths.h"

using namespace pindex;
using namespace pindex::index;

namespace {

// One nginx serving a generated multi-index scenario: index NAME at /NAME/simple/, plus a
// "locked" index answering 401, a "denied" one answering 403 and a "broken" one answering 500.
struct MultiIndex
{
    test::TempDir dir;
    std::unique_ptr<test::NginxFixture> server;
    HttpClient http{{.maxAttempts = 2, .retryBaseDelay = std::chrono::milliseconds(10)}};
    std::vector<std::unique_ptr<IndexClient>> clients;

    explicit MultiIndex(const std::filesystem::path& scenario)
    {
        test::generateIndex(dir / "out", {scenario});
        server = std::make_unique<test::NginxFixture>(
            test::NginxOptions{.root = dir / "out",
                               .extraServerConfig = "        location /locked/ { return 401; }\n"
                                                    "        location /denied/ { return 403; }\n"
                                                    "        location /broken/ { return 500; }\n"});
    }

    IndexClient* add(IndexConfig config)
    {
        config.url = server->url("/" + config.name + "/simple/");
        clients.push_back(std::make_unique<IndexClient>(std::move(config), IndexServices{.http = &http}));
        return clients.back().get();
    }

    IndexSet set(IndexStrategy strategy, IndexPins pins = {})
    {
        std::vector<IndexClient*> pointers;
        for (auto& client : clients)
            pointers.push_back(client.get());
        return IndexSet(pointers, strategy, std::move(pins));
    }
};

std::filesystem::path scenario(const char* name)
{
    return test::kSharedDataDir / "index-scenarios" / name;
}

} // namespace

TEST_CASE("first-index over HTTP: the private index shadows the public one (shared scenario)",
          "[index][set][nginx]")
{
    const auto file = scenario("first-index-shadows-public.toml");
    if (!std::filesystem::exists(file)) {
        WARN("skipped: " << file.string() << " is absent");
        return;
    }
    MultiIndex indexes(file);
    indexes.add({.name = "private"});
    indexes.add({.name = "pypi", .isDefault = true});
    auto set = indexes.set(IndexStrategy::FirstIndex);
    const auto acme = set.candidates("acme-utils");
    INFO((acme ? std::string() : acme.error().describe()));
    REQUIRE(acme);
    REQUIRE_FALSE(acme->candidates.empty());
    CHECK(acme->candidates.front().version.str() == "1.2.0");
    CHECK(acme->candidates.front().indexName == "private");
    CHECK(acme->consulted == std::vector<std::string>{"private"});

    auto best = indexes.set(IndexStrategy::UnsafeBestMatch);
    const auto merged = best.candidates("acme-utils");
    REQUIRE(merged);
    CHECK(merged->candidates.front().version.str() == "99.0.0");
    CHECK(merged->candidates.front().indexName == "pypi");
}

TEST_CASE("401 and 403 stop first-index unless ignored, 500 is reported with the index name",
          "[index][set][nginx][errors]")
{
    const auto file = scenario("first-index-shadows-public.toml");
    if (!std::filesystem::exists(file)) {
        WARN("skipped: " << file.string() << " is absent");
        return;
    }
    SECTION("401 under first-index stops the search")
    {
        MultiIndex indexes(file);
        indexes.add({.name = "locked"});
        indexes.add({.name = "pypi", .isDefault = true});
        auto set = indexes.set(IndexStrategy::FirstIndex);
        const auto result = set.candidates("acme-utils");
        REQUIRE_FALSE(result);
        CHECK(result.error().code == ErrorCode::Unauthorized);
        CHECK(result.error().indexName == "locked");
    }
    SECTION("403 listed in ignore-error-codes counts as not found")
    {
        MultiIndex indexes(file);
        indexes.add({.name = "denied", .ignoreErrorCodes = {403}});
        indexes.add({.name = "pypi", .isDefault = true});
        auto set = indexes.set(IndexStrategy::FirstIndex);
        const auto result = set.candidates("acme-utils");
        REQUIRE(result);
        CHECK(result->consulted == std::vector<std::string>{"denied", "pypi"});
        CHECK(result->candidates.front().indexName == "pypi");
    }
    SECTION("403 under unsafe-best-match skips the index")
    {
        MultiIndex indexes(file);
        indexes.add({.name = "denied"});
        indexes.add({.name = "pypi", .isDefault = true});
        auto set = indexes.set(IndexStrategy::UnsafeBestMatch);
        const auto result = set.candidates("acme-utils");
        REQUIRE(result);
        CHECK(result->candidates.front().indexName == "pypi");
    }
    SECTION("500 is an error naming the index and its URL")
    {
        MultiIndex indexes(file);
        indexes.add({.name = "broken"});
        indexes.add({.name = "pypi", .isDefault = true});
        auto set = indexes.set(IndexStrategy::FirstIndex);
        const auto result = set.candidates("acme-utils");
        REQUIRE_FALSE(result);
        CHECK(result.error().httpStatus == 500);
        CHECK(result.error().indexName == "broken");
        CHECK(result.error().url == indexes.server->url("/broken/simple/acme-utils/"));
    }
}
