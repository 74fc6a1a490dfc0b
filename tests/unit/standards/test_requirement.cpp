#include <catch2/catch.hpp>

#include "core/standards/requirement.h"

using namespace pindex::standards;

namespace {

Requirement requirement(std::string_view text)
{
    auto parsed = parseRequirement(text);
    REQUIRE(parsed.has_value());
    return *parsed;
}

} // namespace

TEST_CASE("parseRequirement reads names, extras, specifiers and markers", "[standards][requirement]")
{
    const Requirement parsed =
        requirement("Foo_Bar [security , tests] >= 2.8.1, == 2.8.* ; python_version < '2.7'");
    CHECK(parsed.name == "Foo_Bar");
    CHECK(parsed.extras == std::vector<std::string>{"security", "tests"});
    CHECK(parsed.specifier.str() == "==2.8.*,>=2.8.1");
    CHECK_FALSE(parsed.url);
    REQUIRE(parsed.marker);
    CHECK(parsed.marker->str() == "python_version < \"2.7\"");
    CHECK(parsed.str() == "Foo_Bar[security,tests]==2.8.*,>=2.8.1; python_version < \"2.7\"");
}

TEST_CASE("parseRequirement accepts the parenthesized specifier form", "[standards][requirement]")
{
    CHECK(requirement("name (>=1.0, <2)").str() == "name<2,>=1.0");
    CHECK(requirement("name(==1.0)").specifier.str() == "==1.0");
}

TEST_CASE("parseRequirement reads URL requirements", "[standards][requirement]")
{
    const Requirement parsed = requirement("pip @ https://example.com/pip-1.0.whl ; os_name == 'posix'");
    REQUIRE(parsed.url);
    CHECK(*parsed.url == "https://example.com/pip-1.0.whl");
    CHECK(parsed.str() == "pip @ https://example.com/pip-1.0.whl ; os_name == \"posix\"");
}

TEST_CASE("parseRequirement errors name the column and what was expected", "[standards][requirement]")
{
    const auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"", "Expected package name at the start of dependency specifier at column 1"},
        {"name[", "Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras at column 6"},
        {"name[a b]", "Expected comma between extra names at column 8"},
        {"name >= 1.0 foo",
         "Expected comma (within version specifier), semicolon (after version specifier) or "
         "end at column 13"},
        {"name @ ", "Expected URL after @ at column 8"},
        {"name @ https://x.org/a; os_name=='a'",
         "Expected semicolon (after URL and whitespace) or end at column 25"},
        {"name >=1.0.*", ".* suffix can only be used with `==` or `!=` operators at column 12"},
        {"name <=1.0+local", "Local version label can only be used with `==` or `!=` operators at column 11"},
        {"name; os_name ==", "Expected a marker variable or quoted string at column 17"},
        {"name===1.0,foo", "Invalid specifier 'foo'"},
    }));
    CAPTURE(input);
    const auto parsed = parseRequirement(input);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == pindex::ErrorCode::Parse);
    CHECK_THAT(parsed.error().message, Catch::StartsWith("Invalid requirement '" + input + "'"));
    CHECK_THAT(parsed.error().message, Catch::Contains(expected));
}

TEST_CASE("Requirement equality normalizes names and extras", "[standards][requirement]")
{
    CHECK(requirement("Foo.Bar[Extra_One]>=1.0") == requirement("foo-bar[extra-one]>=1.0.0"));
    CHECK_FALSE(requirement("foo>=1") == requirement("foo>=2"));
    CHECK_FALSE(requirement("foo; os_name == 'a'") == requirement("foo"));
}
