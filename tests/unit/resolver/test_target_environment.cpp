#include <catch2/catch.hpp>

#include "core/resolver/target_environment.h"

using pindex::resolver::TargetEnvironment;

TEST_CASE("Linux x86_64 accepts manylinux, abi3 and pure wheels in the packaging order", "[resolver]")
{
    const auto environment = TargetEnvironment::make("3.12", "linux-x86_64");
    REQUIRE(environment);
    const auto own = environment->wheelTagRank("cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64");
    const auto abi3 = environment->wheelTagRank("cp38-abi3-manylinux2014_x86_64");
    const auto pure = environment->wheelTagRank("py3-none-any");
    REQUIRE(own);
    REQUIRE(abi3);
    REQUIRE(pure);
    CHECK(*own < *abi3);
    CHECK(*abi3 < *pure);
    CHECK(environment->wheelTagRank("py2.py3-none-any"));
    CHECK_FALSE(environment->wheelTagRank("cp311-cp311-manylinux2014_x86_64"));
    CHECK_FALSE(environment->wheelTagRank("cp312-cp312-macosx_11_0_arm64"));
    CHECK_FALSE(environment->wheelTagRank("cp312-cp312-win_amd64"));
    CHECK_FALSE(environment->wheelTagRank("py3-none-macosx_10_0_ppc64"));
    CHECK_FALSE(environment->wheelTagRank("py3-graalpy240_310_native-any"));
    CHECK_FALSE(environment->wheelTagRank("py313-none-any"));
    CHECK_FALSE(environment->wheelTagRank("not-a-tag"));
}

TEST_CASE("macOS arm64 and Windows targets accept their own platform tags", "[resolver]")
{
    const auto mac = TargetEnvironment::make("3.11", "macos-arm64");
    REQUIRE(mac);
    CHECK(mac->wheelTagRank("cp311-cp311-macosx_11_0_arm64"));
    CHECK(mac->wheelTagRank("cp311-cp311-macosx_10_9_universal2"));
    CHECK_FALSE(mac->wheelTagRank("cp311-cp311-macosx_10_9_x86_64"));
    CHECK(*mac->markerValue("sys_platform") == "darwin");

    const auto windows = TargetEnvironment::make("3.11", "windows-x86_64");
    REQUIRE(windows);
    CHECK(windows->wheelTagRank("cp311-cp311-win_amd64"));
    CHECK_FALSE(windows->wheelTagRank("cp311-cp311-manylinux2014_x86_64"));
    CHECK(*windows->markerValue("os_name") == "nt");
}

TEST_CASE("An older manylinux baseline refuses newer glibc wheels", "[resolver]")
{
    const auto environment = TargetEnvironment::make("3.12", "x86_64-manylinux2014");
    REQUIRE(environment);
    CHECK(environment->wheelTagRank("cp312-cp312-manylinux_2_17_x86_64"));
    CHECK_FALSE(environment->wheelTagRank("cp312-cp312-manylinux_2_28_x86_64"));
}

TEST_CASE("Every manylinux baseline uv names is a target, and 32-bit Windows", "[resolver]")
{
    const auto baseline = TargetEnvironment::make("3.12", "aarch64-manylinux_2_31");
    REQUIRE(baseline);
    CHECK(baseline->wheelTagRank("cp312-cp312-manylinux_2_31_aarch64"));
    CHECK(baseline->wheelTagRank("cp312-cp312-manylinux2014_aarch64"));
    CHECK_FALSE(baseline->wheelTagRank("cp312-cp312-manylinux_2_34_aarch64"));
    CHECK_FALSE(baseline->wheelTagRank("cp312-cp312-manylinux_2_31_x86_64"));
    CHECK(*baseline->markerValue("platform_machine") == "aarch64");
    const auto oldest = TargetEnvironment::make("3.12", "x86_64-manylinux_2_17");
    REQUIRE(oldest);
    CHECK(oldest->wheelTagRank("cp312-cp312-manylinux2014_x86_64"));
    CHECK_FALSE(oldest->wheelTagRank("cp312-cp312-manylinux_2_28_x86_64"));
    for (const auto* invalid :
         {"x86_64-manylinux_2_16", "x86_64-manylinux_2_", "x86_64-manylinux_2_28x", "riscv64-manylinux_2_31"})
        CHECK_FALSE(TargetEnvironment::make("3.12", invalid));

    const auto windows = TargetEnvironment::make("3.11", "i686-pc-windows-msvc");
    REQUIRE(windows);
    CHECK(windows->wheelTagRank("cp311-cp311-win32"));
    CHECK_FALSE(windows->wheelTagRank("cp311-cp311-win_amd64"));
    CHECK(*windows->markerValue("platform_machine") == "x86");
    CHECK(*windows->markerValue("sys_platform") == "win32");
}

TEST_CASE("Marker values describe the target interpreter", "[resolver]")
{
    const auto environment = TargetEnvironment::make("3.9", "linux-aarch64");
    REQUIRE(environment);
    CHECK(*environment->markerValue("python_version") == "3.9");
    CHECK(*environment->markerValue("python_full_version") == "3.9.0");
    CHECK(*environment->markerValue("platform_machine") == "aarch64");
    CHECK(*environment->markerValue("sys_platform") == "linux");
    CHECK_FALSE(environment->markerValue("no_such_variable"));
    const auto markers = environment->markerEnvironment("gpu");
    REQUIRE(markers.extra);
    CHECK(*markers.extra == "gpu");
}

TEST_CASE("Unknown platforms and non-Python-3 versions are rejected with a hint", "[resolver]")
{
    const auto platform = TargetEnvironment::make("3.12", "amiga-68k");
    REQUIRE_FALSE(platform);
    CHECK(platform.error().message.find("amiga-68k") != std::string::npos);
    CHECK_FALSE(platform.error().hint.empty());
    CHECK_FALSE(TargetEnvironment::make("2.7", ""));
    CHECK_FALSE(TargetEnvironment::make("three", ""));
}
