#include <algorithm>

#include <catch2/catch.hpp>

#include "core/standards/tags.h"
#include "core/standards/wheel_name.h"

using namespace pindex::standards;

namespace {

InterpreterDescription cpython311Linux()
{
    InterpreterDescription interpreter;
    interpreter.implementation = Implementation::CPython;
    interpreter.pythonMajor = 3;
    interpreter.pythonMinor = 11;
    interpreter.abis = {"cp311"};
    interpreter.platform.os = OperatingSystem::Linux;
    interpreter.platform.arch = "x86_64";
    interpreter.platform.glibc = std::pair{2u, 36u};
    return interpreter;
}

std::vector<std::string> strings(const std::vector<Tag>& tags)
{
    std::vector<std::string> result;
    for (const auto& tag : tags)
        result.push_back(tag.str());
    return result;
}

} // namespace

TEST_CASE("parseTagSet expands compressed tag sets in lower case", "[standards][tags]")
{
    const auto parsed = parseTagSet("py2.PY3-none-any");
    REQUIRE(parsed.has_value());
    CHECK(strings(parsed->tags) == std::vector<std::string>{"py2-none-any", "py3-none-any"});
    CHECK_FALSE(parsed->orderValid);
    CHECK(parseTagSet("cp310-cp310-manylinux_2_17_x86_64")->orderValid);
}

TEST_CASE("parseTagSet rejects malformed tags", "[standards][tags]")
{
    const auto input =
        GENERATE(as<std::string>{}, "py3-none", "py3--any", "3-none-any", "py3-none-any-x", "py3.-none-any");
    CAPTURE(input);
    const auto parsed = parseTagSet(input);
    REQUIRE_FALSE(parsed.has_value());
    CHECK_THAT(parsed.error().message, Catch::StartsWith("Invalid tag '" + input + "'"));
}

TEST_CASE("compatiblePlatforms lists manylinux, musllinux, macOS and Windows tags best first",
          "[standards][tags]")
{
    PlatformDescription aarch64;
    aarch64.arch = "aarch64";
    aarch64.glibc = std::pair{2u, 28u};
    const auto linuxPlatforms = compatiblePlatforms(aarch64);
    REQUIRE(linuxPlatforms.size() == 14);
    CHECK(linuxPlatforms.front() == "linux_aarch64");
    CHECK(linuxPlatforms[1] == "manylinux_2_28_aarch64");
    CHECK(linuxPlatforms.back() == "manylinux2014_aarch64");

    PlatformDescription musl;
    musl.arch = "x86_64";
    musl.musl = std::pair{1u, 1u};
    CHECK(compatiblePlatforms(musl) ==
          std::vector<std::string>{"linux_x86_64", "musllinux_1_1_x86_64", "musllinux_1_0_x86_64"});

    PlatformDescription mac;
    mac.os = OperatingSystem::MacOs;
    mac.arch = "arm64";
    mac.macosVersion = {14, 2};
    const auto macos = compatiblePlatforms(mac);
    CHECK(macos.size() == 21);
    CHECK(macos[0] == "macosx_14_0_arm64");
    CHECK(macos[1] == "macosx_14_0_universal2");
    CHECK(macos.back() == "macosx_10_4_universal2");

    PlatformDescription windows;
    windows.os = OperatingSystem::Windows;
    windows.arch = "x86";
    CHECK(compatiblePlatforms(windows) == std::vector<std::string>{"win32"});
}

TEST_CASE("supportedTags orders CPython tags as the reference does", "[standards][tags]")
{
    const auto tags = strings(supportedTags(cpython311Linux()));
    REQUIRE(tags.size() == 914);
    CHECK(tags.front() == "cp311-cp311-linux_x86_64");
    CHECK(tags[36] == "cp311-abi3-linux_x86_64");
    CHECK(tags[72] == "cp311-none-linux_x86_64");
    CHECK(tags[108] == "cp310-abi3-linux_x86_64");
    CHECK(tags[tags.size() - 14] == "cp311-none-any");
    CHECK(tags.back() == "py30-none-any");
}

TEST_CASE("supportedTags gives free-threaded builds abi3t instead of abi3", "[standards][tags]")
{
    InterpreterDescription interpreter = cpython311Linux();
    interpreter.pythonMinor = 13;
    interpreter.abis = {"cp313t"};
    const auto tags = strings(supportedTags(interpreter));
    CHECK(std::find(tags.begin(), tags.end(), "cp313-abi3-linux_x86_64") == tags.end());
    CHECK(std::find(tags.begin(), tags.end(), "cp313-abi3t-linux_x86_64") != tags.end());
}

TEST_CASE("rank picks the best tag a wheel carries", "[standards][tags]")
{
    const SupportedTags supported(supportedTags(cpython311Linux()));
    const auto specific =
        parseWheelName("pkg-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
    const auto pure = parseWheelName("pkg-1.0-py2.py3-none-any.whl");
    const auto windows = parseWheelName("pkg-1.0-cp311-cp311-win_amd64.whl");
    REQUIRE(specific.has_value());
    REQUIRE(pure.has_value());
    REQUIRE(windows.has_value());
    REQUIRE(rank(*specific, supported));
    REQUIRE(rank(*pure, supported));
    CHECK(*rank(*specific, supported) < *rank(*pure, supported));
    CHECK(*rank(*pure, supported) == 902);
    CHECK_FALSE(rank(*windows, supported));
}
