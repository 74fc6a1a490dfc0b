#include <catch2/catch.hpp>

#include "core/install/venv.h"
#include "core/util/file_io.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"

using namespace pindex;
using namespace pindex::install;

TEST_CASE("A created venv is one Python recognises as its prefix", "[install]")
{
    test::TempDir dir;
    InterpreterCache cache;
    const auto base = cache.query(test::kPython);
    REQUIRE(base);
    const auto venvRoot = dir / ".venv";
    const auto layout = createVenv(venvRoot, *base);
    REQUIRE(layout);
    CHECK(isVenv(venvRoot));
    CHECK(std::filesystem::is_directory(layout->sitePackages));
    CHECK(std::filesystem::exists(layout->bin / "activate"));
    CHECK(venvPythonVersion(venvRoot) == base->pythonVersion());

    const auto result =
        test::runProcess({layout->python.string(), "-c",
                          "import sys, site; print(sys.prefix); print(site.getsitepackages()[0])"});
    REQUIRE(result.exitCode == 0);
    CHECK(result.out == venvRoot.string() + "\n" + layout->sitePackages.string() + "\n");

    const auto info = cache.query(layout->python);
    REQUIRE(info);
    CHECK(info->isVirtualEnvironment());

    // Creating it again keeps it.
    const auto again = createVenv(venvRoot, *info);
    REQUIRE(again);
    CHECK(again->sitePackages == layout->sitePackages);
}

TEST_CASE("A non-empty directory that is not a venv is left alone", "[install]")
{
    test::TempDir dir;
    std::filesystem::create_directories(dir / "mine");
    REQUIRE(writeFileAtomic(dir / "mine" / "notes.txt", "keep me\n"));
    InterpreterCache cache;
    const auto base = cache.query(test::kPython);
    REQUIRE(base);
    const auto layout = createVenv(dir / "mine", *base);
    REQUIRE_FALSE(layout);
    CHECK(layout.error().code == ErrorCode::Conflict);
    CHECK_FALSE(std::filesystem::exists(dir / "mine" / "bin"));
}
