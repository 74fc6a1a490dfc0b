#include <catch2/catch.hpp>

#include "core/standards/wheel_name.h"

using namespace pindex::standards;

TEST_CASE("parseWheelName reads name, version, build tag and tags", "[standards][wheel_name]")
{
    const auto wheel = parseWheelName("Foo_Bar-1.0.post1-2_abc-cp310-cp310-musllinux_1_1_aarch64.whl");
    REQUIRE(wheel.has_value());
    CHECK(wheel->name == "foo-bar");
    CHECK(wheel->version.str() == "1.0.post1");
    REQUIRE(wheel->build);
    CHECK(wheel->build->number == 2);
    CHECK(wheel->build->rest == "_abc");
    REQUIRE(wheel->tags.size() == 1);
    CHECK(wheel->tags.front().str() == "cp310-cp310-musllinux_1_1_aarch64");

    const auto plain = parseWheelName("pkg-2.0-py3-none-any.whl");
    REQUIRE(plain.has_value());
    CHECK_FALSE(plain->build);
}

TEST_CASE("parseWheelName rejects malformed names saying why", "[standards][wheel_name]")
{
    const auto [input, why] = GENERATE(table<std::string, std::string>({
        {"foo-1.0-py3-none-any.wheel", "the extension must be .whl"},
        {"foo-1.0.whl", "expected name-version(-build)-python-abi-platform"},
        {"foo__bar-1.0-py3-none-any.whl", "invalid project name 'foo__bar'"},
        {"foo-1.x-py3-none-any.whl", "invalid version '1.x'"},
        {"foo-1.0-abc-py3-none-any.whl", "the build tag 'abc' must start with a number"},
        {"foo-1.0-py3--any.whl", "Invalid tag 'py3--any'"},
    }));
    CAPTURE(input);
    const auto wheel = parseWheelName(input);
    REQUIRE_FALSE(wheel.has_value());
    CHECK(wheel.error().code == pindex::ErrorCode::Parse);
    CHECK_THAT(wheel.error().message, Catch::StartsWith("Invalid wheel file name '" + input + "'"));
    CHECK_THAT(wheel.error().message, Catch::Contains(why));
}

TEST_CASE("parseSdistName splits at the last dash", "[standards][wheel_name]")
{
    const auto sdist = parseSdistName("zope.interface-5.4.0.tar.gz");
    REQUIRE(sdist.has_value());
    CHECK(sdist->name == "zope-interface");
    CHECK(sdist->version.str() == "5.4.0");
    CHECK(parseSdistName("foo-bar-1.0.zip")->name == "foo-bar");
    CHECK_FALSE(parseSdistName("foo-1.0.tar.bz2").has_value());
    CHECK_FALSE(parseSdistName("foo1.0.tar.gz").has_value());
    CHECK_FALSE(parseSdistName("-1.0.tar.gz").has_value());
    CHECK_THAT(parseSdistName("foo-bar.zip").error().message, Catch::Contains("invalid version 'bar'"));
}

namespace {

// Both accept the name with the same name and version, or both reject it with the same message.
template <typename Got, typename Expected>
void checkSameAnswer(const Got& got, const Expected& expected)
{
    REQUIRE(got.has_value() == expected.has_value());
    if (expected) {
        CHECK(got->name == expected->name);
        CHECK(got->version.str() == expected->version.str());
    } else {
        CHECK(got.error().message == expected.error().message);
    }
}

} // namespace

TEST_CASE("parseWheelNameAndVersion accepts and rejects what parseWheelName does", "[standards][wheel_name]")
{
    const std::string names[] = {
        "Foo_Bar-1.0.post1-2_abc-cp310-cp310-musllinux_1_1_aarch64.whl",
        "foo-1.0-py2.py3-none-any.whl",
        "foo-1.0-cp39.cp310-abi3-manylinux1_x86_64.manylinux2014_x86_64.whl",
        "foo-1.0-py3-none-any.tar.gz",
        "foo-1.0-none-any.whl",
        "foo-1.0-x-py3-none-any.whl",
        "foo__bar-1.0-py3-none-any.whl",
        "foo-1.x-py3-none-any.whl",
        "foo-1.0-py3--any.whl",
        "foo-1.0-.py3-none-any.whl",
        "foo-1.0-py3.-none-any.whl",
        "foo-1.0-3py-none-any.whl",
        "foo-1.0-py3-none-.whl",
        "foo-1.0-py3-none-any..x.whl",
        "foo-1.0--none-any.whl",
    };
    for (const auto& name : names) {
        INFO(name);
        checkSameAnswer(parseWheelNameAndVersion(name), parseWheelName(name));
    }
}

TEST_CASE("WheelNameReader answers what parseWheelNameAndVersion answers, file after file",
          "[standards][wheel_name]")
{
    // A page's order: wheels of one release side by side, with malformed names sharing a valid
    // wheel's "name-version" part (only the build tag or the tag set is wrong), then other releases.
    const std::string names[] = {
        "foo-1.0-py3-none-any.whl",
        "foo-1.0-py3-none-any.whl",
        "foo-1.0-cp39.cp310-abi3-manylinux1_x86_64.manylinux2014_x86_64.whl",
        "foo-1.0-py3--any.whl",
        "foo-1.0-x-py3-none-any.whl",
        "foo-1.0-2_abc-cp310-cp310-musllinux_1_1_aarch64.whl",
        "foo-1.0-py3-none-any..x.whl",
        "foo-1.0-py3-none-.whl",
        "foo-1.0-none-any.whl",
        "foo-1.0.tar.gz",
        "foo-1.0-py3-none-any.whl",
        "Foo-1.0-py3-none-any.whl",
        "foo-1.0.post1-py3-none-any.whl",
        "foo-1.x-py3-none-any.whl",
        "foo-1.x-py3-none-any.whl",
        "foo__bar-1.0-py3-none-any.whl",
        "foo-1.0.post1-py2.py3-none-any.whl",
    };
    WheelNameReader reader;
    for (const auto& name : names) {
        INFO(name);
        checkSameAnswer(reader.nameAndVersion(name), parseWheelNameAndVersion(name));
    }
}
