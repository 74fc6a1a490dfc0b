#include <catch2/catch.hpp>

#include "core/resolver/version_set.h"

using pindex::resolver::VersionSet;

TEST_CASE("A version set over many candidates keeps exact membership", "[resolver]")
{
    const std::size_t count = GENERATE(as<std::size_t>{}, 0, 1, 63, 64, 65, 200);
    auto set = VersionSet(count);
    CHECK(set.isEmpty());
    CHECK(set.isPositive());
    for (std::size_t i = 0; i < count; i += 3) {
        set.insert(i);
    }
    for (std::size_t i = 0; i < count; ++i) {
        CHECK(set.contains(i) == (i % 3 == 0));
    }
    CHECK(set.versionCount() == (count + 2) / 3);
    const auto complement = set.complement();
    CHECK_FALSE(complement.isPositive());
    CHECK(complement.versionCount() == count - set.versionCount());
    CHECK(set.intersection(complement).isEmpty());
    CHECK(set.unionWith(complement).isFull());
    CHECK(set.isDisjointFrom(complement));
    CHECK(complement.complement() == set);
}

TEST_CASE("The full set of a package without versions is just the not-selected element", "[resolver]")
{
    const auto full = VersionSet::full(0);
    CHECK(full.isFull());
    CHECK_FALSE(full.isPositive());
    CHECK(full.hasNoVersion());
    CHECK(VersionSet(0).isSubsetOf(full));
}

TEST_CASE("Subsets and descending order follow the candidate indices", "[resolver]")
{
    auto small = VersionSet::single(10, 4);
    auto large = VersionSet(10);
    large.insert(2);
    large.insert(4);
    large.insert(9);
    CHECK(small.isSubsetOf(large));
    CHECK_FALSE(large.isSubsetOf(small));
    CHECK(large.versionsDescending() == std::vector<std::size_t>{9, 4, 2});
    CHECK_FALSE(large.isFull());
    CHECK(VersionSet::full(10).versionCount() == 10);
}
