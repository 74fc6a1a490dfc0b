#include <catch2/catch.hpp>

#include "core/standards/marker.h"

using namespace pindex::standards;

namespace {

Marker marker(std::string_view text)
{
    auto parsed = Marker::parse(text);
    REQUIRE(parsed.has_value());
    return *parsed;
}

MarkerEnvironment linux311()
{
    MarkerEnvironment environment;
    environment.implementationName = "cpython";
    environment.implementationVersion = "3.11.7";
    environment.osName = "posix";
    environment.platformMachine = "x86_64";
    environment.platformPythonImplementation = "CPython";
    environment.platformRelease = "6.1.0-18-amd64";
    environment.platformSystem = "Linux";
    environment.platformVersion = "#1 SMP";
    environment.pythonFullVersion = "3.11.7";
    environment.pythonVersion = "3.11";
    environment.sysPlatform = "linux";
    environment.extra = "";
    return environment;
}

bool evaluate(std::string_view text, const MarkerEnvironment& environment = linux311())
{
    const auto result = marker(text).evaluate(environment);
    REQUIRE(result.has_value());
    return *result;
}

} // namespace

TEST_CASE("Marker prints its canonical form", "[standards][marker]")
{
    CHECK(marker("os.name=='posix'").str() == "os_name == \"posix\"");
    CHECK(marker("python_implementation == 'CPython'").str() ==
          "platform_python_implementation == \"CPython\"");
    CHECK(marker("extra == 'Foo_Bar'").str() == "extra == \"foo-bar\"");
    CHECK(marker("'S_P' in extras").str() == "\"s-p\" in extras");
    CHECK(marker("(os_name == 'a')").str() == "os_name == \"a\"");
    CHECK(marker("os_name == 'a' and (os_name == 'b' or os_name == 'c')").str() ==
          "os_name == \"a\" and (os_name == \"b\" or os_name == \"c\")");
    CHECK(marker("os_name == '\"'").str() == "os_name == '\"'");
}

TEST_CASE("Marker rejects malformed input giving the column", "[standards][marker]")
{
    const auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"", "Expected a marker variable or quoted string at column 1"},
        {"os_name", "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in at column 8"},
        {"os_name == 'a' and", "Expected a marker variable or quoted string at column 19"},
        {"(os_name == 'a'",
         "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression"},
        {"os_name == 'a' xor", "Expected end of marker expression at column 16"},
        {"os_name == '\\x'", "Invalid quoted string at column 16"},
        {"os_name not'a'", "Expected whitespace after 'not' at column 12"},
    }));
    CAPTURE(input);
    const auto parsed = Marker::parse(input);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == pindex::ErrorCode::Parse);
    CHECK_THAT(parsed.error().message, Catch::Contains(expected));
}

TEST_CASE("Marker nesting is bounded: 100 levels of parentheses parse, deeper input is refused",
          "[standards][marker]")
{
    const auto nested = [](std::size_t depth) {
        return std::string(depth, '(') + "os_name == 'posix'" + std::string(depth, ')');
    };
    const auto deepest = Marker::parse(nested(100));
    REQUIRE(deepest.has_value());
    CHECK(deepest->evaluate(linux311()).value_or(false));

    // Found by the requirement fuzzer: thousands of '(' exhausted the stack of a recursive parser.
    for (const std::size_t depth : {std::size_t{101}, std::size_t{100'000}}) {
        CAPTURE(depth);
        const auto parsed = Marker::parse(nested(depth));
        REQUIRE_FALSE(parsed.has_value());
        CHECK(parsed.error().code == pindex::ErrorCode::Parse);
        CHECK_THAT(parsed.error().message,
                   Catch::Contains("Expected at most 100 nested parentheses in a marker at column 101"));
    }
}

TEST_CASE("Marker evaluates versions as specifiers and other values as strings", "[standards][marker]")
{
    CHECK(evaluate("python_version >= '3.8'"));
    CHECK_FALSE(evaluate("python_version < '3.8'"));
    CHECK(evaluate("python_version == '3.11.*'"));
    CHECK(evaluate("'3.8' < python_version"));
    CHECK(evaluate("python_full_version ~= '3.11.0'"));
    CHECK(evaluate("sys_platform == 'linux' and os_name != 'nt'"));
    CHECK(evaluate("'linux' in sys_platform"));
    CHECK(evaluate("'win' not in sys_platform"));
    CHECK_FALSE(evaluate("platform_machine > 'a'"));
    CHECK(evaluate("platform_machine >= 'x86_64'"));
    CHECK(evaluate("os_name == 'nt' or os_name == 'posix' and sys_platform == 'linux'"));
    CHECK_FALSE(evaluate("(os_name == 'nt' or os_name == 'posix') and sys_platform == 'win32'"));
}

TEST_CASE("Marker compares extras after normalization", "[standards][marker]")
{
    MarkerEnvironment environment = linux311();
    environment.extra = "Test_Extra";
    CHECK(evaluate("extra == 'test-extra'", environment));
    CHECK(evaluate("extra == 'TEST.extra'", environment));
    environment.extras = std::set<std::string>{"Foo_Bar"};
    CHECK(evaluate("'foo-bar' in extras", environment));
    CHECK_FALSE(evaluate("'baz' in extras", environment));
    CHECK_FALSE(evaluate("'foo-bar' == extras", environment));
    CHECK(evaluate("'foo-bar' != extras", environment));
}

TEST_CASE("Marker evaluation reports undefined names and comparisons", "[standards][marker]")
{
    MarkerEnvironment environment = linux311();
    environment.platformRelease.reset();
    const auto undefinedName = marker("os_name == 'nt' or platform_release == '1'").evaluate(environment);
    REQUIRE_FALSE(undefinedName.has_value());
    CHECK(undefinedName.error().code == pindex::ErrorCode::NotFound);
    CHECK_THAT(undefinedName.error().message, Catch::Contains("platform_release"));

    const auto undefinedComparison = marker("os_name ~= 'posix'").evaluate(environment);
    REQUIRE_FALSE(undefinedComparison.has_value());
    CHECK(undefinedComparison.error().code == pindex::ErrorCode::Invalid);

    const auto missingGroups = marker("'dev' in dependency_groups").evaluate(environment);
    REQUIRE_FALSE(missingGroups.has_value());
    CHECK(missingGroups.error().code == pindex::ErrorCode::NotFound);
}

TEST_CASE("Marker both and either build groups that evaluate accordingly", "[standards][marker]")
{
    const Marker linux = marker("sys_platform == 'linux'");
    const Marker windows = marker("sys_platform == 'win32' or os_name == 'nt'");
    CHECK(Marker::both(linux, windows).str() ==
          "sys_platform == \"linux\" and (sys_platform == \"win32\" or os_name == \"nt\")");
    CHECK_FALSE(*Marker::both(linux, windows).evaluate(linux311()));
    CHECK(*Marker::either(linux, windows).evaluate(linux311()));
}

TEST_CASE("Marker decodes quoted values as Python string literals", "[standards][marker]")
{
    CHECK(marker("os_name == '\\x70osix'").str() == "os_name == \"posix\"");
    CHECK(marker("os_name == '\\160osix'").str() == "os_name == \"posix\"");
    CHECK(evaluate("os_name == '\\u0070osix'"));
    for (const char* invalid : {"os_name == '\\x7'", "os_name == 'a\\'", "os_name == 'a\nb'"}) {
        CAPTURE(invalid);
        const auto parsed = Marker::parse(invalid);
        REQUIRE_FALSE(parsed.has_value());
        CHECK_THAT(parsed.error().message, Catch::Contains("Invalid quoted string"));
    }
}

TEST_CASE("Marker prints values with the escapes it reads, so the printed form reads back the same",
          "[standards][marker]")
{
    // A backslash is printed doubled: '\\d' (an unknown escape) and 'a\\b' both hold a backslash.
    CHECK(marker("os_name == 'a\\\\b'").str() == "os_name == \"a\\\\b\"");
    CHECK(marker("os_name == '\\d'").str() == "os_name == \"\\\\d\"");
    // Line breaks, tabs, NUL and other control characters are escaped.
    CHECK(marker("os_name == 'a\\nb\\tc\\x00\\x7f'").str() == "os_name == \"a\\nb\\tc\\x00\\x7f\"");
    // The delimiting quote never appears inside: a value with both quotes spells '"' as \x22.
    CHECK(marker("os_name == '\"'").str() == "os_name == '\"'");
    CHECK(marker("os_name == '\\x27\"'").str() == "os_name == \"'\\x22\"");
    // UTF-8 is kept as it is.
    CHECK(marker("os_name == 'caf\\u00e9'").str() == "os_name == \"caf\xc3\xa9\"");

    for (const char* text : {"os_name == 'a\\\\b'", "os_name == '\\\\\\\\'", "os_name == \"\\x22'\\\\\\\\\"",
                             "os_name == '\\r\\n\\x01'", "extra == \"fullPac\\\\\\\\kage@\\\\/re:foo/\""}) {
        CAPTURE(text);
        const Marker first = marker(text);
        const Marker again = marker(first.str());
        CHECK(again.str() == first.str());
        CHECK(again.root() == first.root()); // the decoded values too
    }
}
