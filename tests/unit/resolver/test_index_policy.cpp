#include <catch2/catch.hpp>

#include "core/resolver/index_policy.h"

using namespace pindex::resolver;

namespace {

const std::vector<PolicyIndex> kIndexes{
    {.name = "private", .explicitOnly = false},
    {.name = "accel", .explicitOnly = true},
    {.name = "pypi", .explicitOnly = false},
};

} // namespace

TEST_CASE("Unpinned packages skip explicit indexes and keep the priority order", "[resolver]")
{
    const auto plan = planIndexes("six", kIndexes, {});
    CHECK(plan.candidates == std::vector<std::size_t>{0, 2});
    CHECK_FALSE(plan.pinnedBy);
    CHECK(describeOrigin(kIndexes, plan.candidates, plan) == "indexes 'private', 'pypi'");
}

TEST_CASE("A source pin restricts a package to an explicit index", "[resolver]")
{
    IndexPins pins;
    pins.sources.emplace("torchish", "accel");
    const auto plan = planIndexes("torchish", kIndexes, pins);
    CHECK(plan.candidates == std::vector<std::size_t>{1});
    REQUIRE(plan.pinnedBy);
    CHECK(describeOrigin(kIndexes, plan.candidates, plan) == "index 'accel' (pinned by sources)");
}

TEST_CASE("The first matching pattern pin wins and names itself", "[resolver]")
{
    IndexPins pins;
    pins.patterns = {{"acme-*", "private"}, {"acme-db", "pypi"}};
    const auto plan = planIndexes("acme-db", kIndexes, pins);
    CHECK(plan.candidates == std::vector<std::size_t>{0});
    REQUIRE(plan.pinnedBy);
    CHECK(*plan.pinnedBy == "the pin pattern 'acme-*'");
    CHECK_FALSE(planIndexes("numpy", kIndexes, pins).pinnedBy);
}

TEST_CASE("A pin to an unknown index leaves no index to consult", "[resolver]")
{
    IndexPins pins;
    pins.sources.emplace("a", "nowhere");
    const auto plan = planIndexes("a", kIndexes, pins);
    CHECK(plan.candidates.empty());
    CHECK(describeOrigin(kIndexes, plan.candidates, plan) == "no index");
}

TEST_CASE("first-index uses the first index that has the package, other strategies use all", "[resolver]")
{
    const auto plan = planIndexes("acme-utils", kIndexes, {});
    const auto onlyPypi = [](std::size_t position) { return position == 2; };
    CHECK(usedIndexes(plan, IndexStrategy::FirstIndex, onlyPypi) == std::vector<std::size_t>{2});
    const auto both = [](std::size_t) { return true; };
    CHECK(usedIndexes(plan, IndexStrategy::FirstIndex, both) == std::vector<std::size_t>{0});
    CHECK(usedIndexes(plan, IndexStrategy::UnsafeBestMatch, both) == std::vector<std::size_t>{0, 2});
    CHECK(usedIndexes(plan, IndexStrategy::UnsafeFirstMatch, onlyPypi) == std::vector<std::size_t>{0, 2});
}

TEST_CASE("Index strategies parse from uv's names", "[resolver]")
{
    CHECK(*parseIndexStrategy("first-index") == IndexStrategy::FirstIndex);
    CHECK(*parseIndexStrategy("unsafe-first-match") == IndexStrategy::UnsafeFirstMatch);
    CHECK(*parseIndexStrategy("unsafe-best-match") == IndexStrategy::UnsafeBestMatch);
    const auto unknown = parseIndexStrategy("newest");
    REQUIRE_FALSE(unknown);
    CHECK_FALSE(unknown.error().hint.empty());
}
