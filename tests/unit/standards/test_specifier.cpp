#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/standards/specifier.h"

using namespace pindex::standards;

namespace {

SpecifierSet set(std::string_view text)
{
    auto parsed = SpecifierSet::parse(text);
    REQUIRE(parsed.has_value());
    return *parsed;
}

bool contains(std::string_view specifiers, std::string_view version,
              PrereleasePolicy policy = PrereleasePolicy::Default)
{
    return set(specifiers).contains(version, policy);
}

} // namespace

TEST_CASE("SpecifierSet normalizes, sorts and deduplicates clauses", "[standards][specifier]")
{
    CHECK(set("").str() == "");
    CHECK(set(" >= 1.0 , < 2 ,").str() == "<2,>=1.0");
    CHECK(set(">1.0.0,>1.0").str() == ">1.0");
    CHECK(set("!=  v1.0").str() == "!=v1.0");
    CHECK(set("~=1.0,~=1.0.0").str() == "~=1.0,~=1.0.0");
    CHECK(set("===Foo").str() == "===Foo");
    CHECK(set(">=1,<2") == set("<2.0,>=1.0"));
}

TEST_CASE("SpecifierSet rejects malformed clauses naming them", "[standards][specifier]")
{
    const auto input = GENERATE(as<std::string>{}, "1.0", "=>1.0", "~=1", "==1.0a1.*", ">=1.0+local", "<=1.*",
                                "== 1.0 a", "===a b", ">=");
    CAPTURE(input);
    const auto parsed = SpecifierSet::parse(input);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == pindex::ErrorCode::Parse);
    CHECK_THAT(parsed.error().message, Catch::StartsWith("Invalid specifier '"));
}

TEST_CASE("Specifier operators follow PEP 440", "[standards][specifier]")
{
    CHECK(contains("~=1.4.2", "1.4.5"));
    CHECK_FALSE(contains("~=1.4.2", "1.5"));
    CHECK(contains("~=1.4", "1.9"));
    CHECK_FALSE(contains("~=1.4", "2.0"));
    CHECK(contains("==1.2.*", "1.2.9.post1"));
    CHECK_FALSE(contains("==1.2.*", "1.3"));
    CHECK(contains("!=1.2.*", "1.3"));
    CHECK(contains("==1.0", "1.0+local"));
    CHECK_FALSE(contains("==1.0+a", "1.0+b"));
    CHECK(contains("<=1.0", "1.0+local"));
    CHECK_FALSE(contains(">1.0", "1.0+local"));
    CHECK_FALSE(contains(">1.0", "1.0.post1"));
    CHECK(contains(">1.0.post1", "1.0.post2"));
    CHECK_FALSE(contains("<1.0", "1.0a1"));
    CHECK(contains("<1.0rc1", "1.0a1"));
    CHECK(contains("===1.0", "1.0"));
    CHECK_FALSE(contains("===1.0", "1.0.0"));
    CHECK(contains("===FOO", "foo"));
}

TEST_CASE("SpecifierSet applies the pre-release policy", "[standards][specifier]")
{
    CHECK(contains(">=1.0", "2.0a1"));
    CHECK(contains(">=1.0", "2.0a1", PrereleasePolicy::Allow));
    CHECK_FALSE(contains(">=1.0", "2.0a1", PrereleasePolicy::Deny));

    const std::vector<std::string> candidates = {"1.0", "2.0a1", "1.5"};
    CHECK(set(">=1.0").filter(candidates) == std::vector<std::string>{"1.0", "1.5"});
    CHECK(set(">=1.0").filter(candidates, PrereleasePolicy::Allow) == candidates);
    CHECK(set(">=1.0b1").filter(candidates) == candidates);
    CHECK(set(">=1.9").filter(candidates) == std::vector<std::string>{"2.0a1"});
    CHECK(set(">=1.9").filter(candidates, PrereleasePolicy::Deny).empty());
}

TEST_CASE("SpecifierSet filters parsed versions keeping order and duplicates", "[standards][specifier]")
{
    std::vector<Version> versions;
    for (const char* text : {"3.0", "1.0", "3.0", "0.5"})
        versions.push_back(*Version::parse(text));
    const auto kept = set(">=1").filter(versions);
    REQUIRE(kept.size() == 3);
    CHECK(kept[0].str() == "3.0");
    CHECK(kept[1].str() == "1.0");
    CHECK(kept[2].str() == "3.0");
}
