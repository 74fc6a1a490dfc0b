#include <catch2/catch.hpp>

#include "core/project/source_markers.h"

using namespace pindex;
using namespace pindex::project;

TEST_CASE("a marker's complement inverts each comparison and swaps and/or", "[project][markers]")
{
    CHECK(complementMarker("sys_platform == 'linux'") == std::string("sys_platform != 'linux'"));
    CHECK(complementMarker("python_version<\"3.12\"") == std::string("python_version >= '3.12'"));
    CHECK(complementMarker("platform_machine == 'x86_64' and sys_platform == 'linux'") ==
          std::string("platform_machine != 'x86_64' or sys_platform != 'linux'"));
    CHECK(complementMarker("sys_platform == 'win32' or python_version > '3.10' and os_name == 'nt'") ==
          std::string("sys_platform != 'win32' and (python_version <= '3.10' or os_name != 'nt')"));
    CHECK(complementMarker("'linux' in sys_platform") == std::string("'linux' not in sys_platform"));
    const auto compatible = complementMarker("python_full_version ~= '3.12.0'");
    REQUIRE_FALSE(compatible);
    CHECK(compatible.error().code == ErrorCode::Unsupported);
    CHECK_FALSE(complementMarker("sys_platform = 'linux'"));
}

TEST_CASE("markers overlap when some environment satisfies both", "[project][markers]")
{
    auto overlap = [](std::string_view a, std::string_view b) {
        const auto result = markersOverlap(a, b);
        REQUIRE(result);
        return *result;
    };
    CHECK_FALSE(overlap("sys_platform == 'linux'", "sys_platform != 'linux'"));
    CHECK_FALSE(overlap("sys_platform == 'linux'", "sys_platform == 'darwin'"));
    CHECK(overlap("sys_platform == 'linux'", "python_version >= '3.12'"));
    CHECK(overlap("sys_platform != 'darwin'", "sys_platform == 'linux'"));
    // python_version is python_full_version's major.minor, as uv relates them.
    CHECK_FALSE(overlap("python_full_version >= '3.12'", "python_version < '3.12'"));
    CHECK(overlap("python_full_version >= '3.12.4'", "python_version == '3.12'"));
    CHECK_FALSE(overlap("python_version >= '3.10' and python_version < '3.12'", "python_version >= '3.12'"));
    CHECK(overlap("python_version == '3.12.*'", "python_full_version < '3.12.2'"));
    // uv treats platform_system and sys_platform as independent variables.
    CHECK(overlap("platform_system == 'Linux'", "sys_platform == 'linux'"));
    CHECK_FALSE(overlap("sys_platform == 'linux' and platform_machine == 'aarch64'",
                        "sys_platform == 'linux' and platform_machine == 'x86_64'"));
    CHECK(normalizeMarker("sys_platform==\"linux\"") == std::string("sys_platform == 'linux'"));
}
