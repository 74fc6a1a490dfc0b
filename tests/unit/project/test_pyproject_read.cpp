#include <catch2/catch.hpp>

#include "core/project/pyproject.h"
#include "core/util/file_io.h"
#include "tests/support/temp_dir.h"

using namespace pindex;

TEST_CASE("loadPyProject reads dependencies by group and the uv indexes in order", "[project]")
{
    test::TempDir dir;
    const auto file = dir / "pyproject.toml";
    REQUIRE(writeFileAtomic(file, R"([project]
name = "app"
version = "1.2.3"
requires-python = ">=3.10"
dependencies = ["requests>=2", "acme-core"]

[project.optional-dependencies]
cli = ["click"]

[dependency-groups]
dev = ["pytest>=8"]

[[tool.uv.index]]
name = "private"
url = "https://pkgs.example.com/simple/"
explicit = true

[[tool.uv.index]]
name = "local"
url = "./wheels"
format = "flat"
default = true
)"));
    const auto project = project::loadPyProject(file);
    REQUIRE(project);
    CHECK(project->name == "app");
    CHECK(project->version == "1.2.3");
    CHECK(project->requiresPython == ">=3.10");
    REQUIRE(project->dependencies.size() == 4);
    CHECK(project->dependencies[0].requirement == "requests>=2");
    CHECK(project->dependencies[2].kind == project::DependencyEntry::Kind::Extra);
    CHECK(project->dependencies[2].group == "cli");
    CHECK(project->dependencies[3].kind == project::DependencyEntry::Kind::Group);
    REQUIRE(project->indexes.size() == 2);
    CHECK(project->indexes[0].name == "private");
    CHECK(project->indexes[0].isExplicit);
    CHECK(project->indexes[1].format == "flat");
    CHECK(project->indexes[1].isDefault);
}

TEST_CASE("loadPyProject reports invalid TOML with file, line and column", "[project]")
{
    test::TempDir dir;
    const auto file = dir / "pyproject.toml";
    REQUIRE(writeFileAtomic(file, "[project]\nname = \"app\nversion = 1\n"));
    const auto project = project::loadPyProject(file);
    REQUIRE_FALSE(project);
    CHECK(project.error().code == ErrorCode::Parse);
    REQUIRE(project.error().location);
    CHECK(project.error().location->file == file.string());
    CHECK(project.error().location->line == 2);
    CHECK(project.error().location->column > 0);
}
