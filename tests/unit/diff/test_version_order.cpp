#include <string>
#include <utility>

#include <catch2/catch.hpp>

#include "core/diff/version_order.h"

using pindex::diff::compareVersions;

TEST_CASE("Versions order by PEP 440, not as text", "[diff][version]")
{
    const auto [lower, higher] = GENERATE(
        as<std::pair<std::string, std::string>>{}, std::pair{"1.9", "1.10"}, std::pair{"2.0.0", "2.1"},
        std::pair{"1.0rc1", "1.0"}, std::pair{"1.0.dev0", "1.0a1"}, std::pair{"1.0", "1.0.post1"},
        std::pair{"2.0", "1!0.1"}, std::pair{"2023.12.1", "2024.2.2"}, std::pair{"1.0", "1.0+local.1"});
    CHECK(compareVersions(lower, higher) < 0);
    CHECK(compareVersions(higher, lower) > 0);
}

TEST_CASE("Equal versions in different spellings compare equal", "[diff][version]")
{
    CHECK(compareVersions("1.0", "1.0.0") == 0);
    CHECK(compareVersions("1.0RC1", "1.0rc1") == 0);
    CHECK(compareVersions("v2.0", "2.0") == 0);
}

TEST_CASE("Versions outside PEP 440 still order by their release numbers", "[diff][version]")
{
    CHECK(compareVersions("1.2-custom", "1.10-custom") < 0);
    CHECK(compareVersions("weird", "weird") == 0);
    CHECK(compareVersions("a-build", "b-build") < 0);
}
