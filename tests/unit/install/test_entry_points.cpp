#include <catch2/catch.hpp>

#include "core/install/entry_points.h"

using namespace pindex;
using namespace pindex::install;

TEST_CASE("Console and GUI entry points are read and other groups ignored", "[install]")
{
    const auto points =
        parseLauncherEntryPoints("[console_scripts]\nfoo = pkg.cli:main [extra]\n\n"
                                 "[pkg.plugins]\nignored = pkg:x\n[gui_scripts]\nbar=pkg:App.run\n",
                                 "entry_points.txt");
    REQUIRE(points);
    REQUIRE(points->size() == 2);
    CHECK((*points)[0].name == "foo");
    CHECK((*points)[0].module == "pkg.cli");
    CHECK((*points)[0].attribute == "main");
    CHECK((*points)[1].attribute == "App.run");
    const auto script = launcherScript((*points)[1], "/venv/bin/python");
    CHECK(script.starts_with("#!/venv/bin/python\n"));
    CHECK(script.find("from pkg import App\n") != std::string::npos);
    CHECK(script.find("sys.exit(App.run())") != std::string::npos);
}

TEST_CASE("An entry point without an object is an error naming the line", "[install]")
{
    const auto points = parseLauncherEntryPoints("[console_scripts]\nfoo = pkg\n", "entry_points.txt");
    REQUIRE_FALSE(points);
    REQUIRE(points.error().location);
    CHECK(points.error().location->line == 2U);
}
