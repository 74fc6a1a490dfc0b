#include <algorithm>
#include <vector>

#include <catch2/catch.hpp>

#include "core/standards/version.h"

using namespace pindex::standards;

namespace {

Version v(std::string_view text)
{
    auto parsed = Version::parse(text);
    REQUIRE(parsed.has_value());
    return *parsed;
}

} // namespace

TEST_CASE("Version normalizes every PEP 440 spelling", "[standards][version]")
{
    const auto [input, normalized] = GENERATE(table<std::string, std::string>({
        {"1.0", "1.0"},
        {"  v1.0\t\n", "1.0"},
        {"1.0-1", "1.0.post1"},
        {"1.0.ALPHA.2", "1.0a2"},
        {"1.0c1", "1.0rc1"},
        {"1.0preview_3", "1.0rc3"},
        {"1.0-rev4", "1.0.post4"},
        {"1.0r", "1.0.post0"},
        {"1.0.dev", "1.0.dev0"},
        {"1!2.0b1.post2.dev3+Ubuntu-007_x", "1!2.0b1.post2.dev3+ubuntu.7.x"},
        {"01.002", "1.2"},
        {"2020.11.17.123456789012", "2020.11.17.123456789012"},
    }));
    CAPTURE(input);
    CHECK(v(input).str() == normalized);
}

TEST_CASE("Version rejects malformed input with a message naming it", "[standards][version]")
{
    const auto input = GENERATE(as<std::string>{}, "", "1.", "1.0-", "a1", "1.0+", "1.0+a..b", "1!",
                                "1.0.post1.post2", "\xd9\xa1.0", "1.0 a");
    CAPTURE(input);
    const auto parsed = Version::parse(input);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().code == pindex::ErrorCode::Parse);
    CHECK_THAT(parsed.error().message, Catch::Contains("Invalid version '" + input + "'"));
}

TEST_CASE("Version exposes its parts", "[standards][version]")
{
    const Version version = v("2!1.2.3.4.5rc4.post6.dev7+abc.5");
    CHECK(version.epoch() == 2);
    CHECK(std::vector<std::uint64_t>(version.release().begin(), version.release().end()) ==
          std::vector<std::uint64_t>{1, 2, 3, 4, 5});
    REQUIRE(version.pre());
    CHECK(version.pre()->label() == "rc");
    CHECK(version.pre()->number == 4);
    CHECK(version.post() == 6u);
    CHECK(version.dev() == 7u);
    CHECK(version.local() == "abc.5");
    CHECK(version.isPrerelease());
    CHECK(version.isPostrelease());
    CHECK(version.isDevrelease());
    CHECK(version.publicVersion() == "2!1.2.3.4.5rc4.post6.dev7");
    CHECK(version.baseVersion() == "2!1.2.3.4.5");
    CHECK(v("1.0.0").strWithoutTrailingZeros() == "1");
    CHECK(v("1.0a0").strWithoutTrailingZeros() == "1a0");
}

TEST_CASE("Version ordering follows PEP 440", "[standards][version]")
{
    const std::vector<std::string> ordered = {
        "1.0.dev0", "1.0a0.dev0", "1.0a0", "1.0a1.post1", "1.0b1",  "1.0rc1",         "1.0",
        "1.0+abc",  "1.0+abc.1",  "1.0+1", "1.0+2",       "1.0+10", "1.0.post0.dev0", "1.0.post0",
        "1.0.1",    "1.1.dev1",   "1.1",   "2020.1",      "1!0.1"};
    for (std::size_t i = 0; i + 1 < ordered.size(); ++i) {
        CAPTURE(ordered[i], ordered[i + 1]);
        CHECK(v(ordered[i]) < v(ordered[i + 1]));
    }
    CHECK(v("1.0") == v("1.0.0.0.0"));
    CHECK(v("1.0.0.0.0.1") > v("1.0"));
    CHECK(v("1.0+ABC") == v("1.0+abc"));
    CHECK(v("1.0").hash() == v("1.0.0").hash());
    CHECK(v("99999999999.0") > v("9999999999.1"));
    CHECK(v("1.0a70000") > v("1.0a69999"));
}
