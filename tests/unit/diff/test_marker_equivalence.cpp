#include <catch2/catch.hpp>

#include "core/diff/marker_equivalence.h"

using pindex::diff::equivalentMarkers;

TEST_CASE("Markers written differently but selecting the same environments are equivalent", "[diff][marker]")
{
    const auto [left, right] = GENERATE(
        as<std::pair<const char*, const char*>>{},
        // Quoting and spacing.
        std::pair{"python_full_version < '3.12'", "python_full_version<\"3.12\""},
        // python_version against python_full_version.
        std::pair{"python_full_version >= '3.12'", "python_version >= \"3.12\""},
        std::pair{"python_full_version < '3.11'", "python_version <= '3.10'"},
        // Operands reordered, and a comparison written the other way round.
        std::pair{"sys_platform == 'win32' and python_version < '3.11'",
                  "python_version < '3.11' and 'win32' == sys_platform"},
        // uv's list of resolution markers against their disjunction.
        std::pair{"(python_full_version >= '3.13') or (python_full_version == '3.12.*')",
                  "python_full_version >= '3.12'"},
        std::pair{"(python_full_version < '3.11') or (python_full_version >= '3.11' and python_full_version "
                  "< '3.12')",
                  "python_version < '3.12'"},
        // Redundant parts and double negation of platforms.
        std::pair{"sys_platform == 'linux' or sys_platform == 'linux'", "sys_platform == 'linux'"},
        std::pair{"not_a_change", "not_a_change"}, std::pair{"'docs' in extras", "\"docs\" in extras"},
        std::pair{"extra == 'Docs_Theme'", "extra == 'docs-theme'"},
        std::pair{"", "python_version >= '3' or python_version < '3'"});
    INFO(left << "  vs  " << right);
    CHECK(equivalentMarkers(left, right));
    CHECK(equivalentMarkers(right, left));
}

TEST_CASE("Markers selecting other environments are not equivalent", "[diff][marker]")
{
    const auto [left, right] = GENERATE(
        as<std::pair<const char*, const char*>>{},
        std::pair{"python_full_version < '3.12'", "python_full_version <= '3.12'"},
        std::pair{"python_version < '3.12'", "python_full_version < '3.12.1'"},
        std::pair{"python_full_version == '3.12.*'", "python_full_version >= '3.12'"},
        std::pair{"sys_platform == 'win32'", "sys_platform == 'darwin'"},
        std::pair{"sys_platform == 'win32' and platform_machine == 'arm64'", "sys_platform == 'win32'"},
        std::pair{"", "sys_platform == 'linux'"}, std::pair{"'docs' in extras", "'dev' in dependency_groups"},
        std::pair{"implementation_name == 'pypy'", "platform_python_implementation == 'PyPy'"},
        std::pair{"python_version >= '3.8' and", "python_version >= '3.8'"});
    INFO(left << "  vs  " << right);
    CHECK_FALSE(equivalentMarkers(left, right));
    CHECK_FALSE(equivalentMarkers(right, left));
}
