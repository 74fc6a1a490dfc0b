#include <catch2/catch.hpp>

#include "core/project/pyproject.h"
#include "core/project/uv_config.h"
#include "core/util/file_io.h"
#include "tests/support/temp_dir.h"

using namespace pindex;
using namespace pindex::project;

TEST_CASE("the model reads sources of every kind, legacy settings, pattern pins and their origins",
          "[project][model]")
{
    const auto project = parsePyProject(R"([project]
name = "app"
dependencies = ["a", "b"]

[dependency-groups]
test = ["pytest"]
dev = [{ include-group = "test" }, "ipython"]

[tool.uv]
index-strategy = "unsafe-best-match"
index-url = "https://legacy.example/simple"
extra-index-url = ["https://extra.example/simple"]
dev-dependencies = ["black"]
future-setting = { kept = true }

[tool.uv.sources]
a = { index = "corp" }
b = [{ git = "https://git.example/b", tag = "v1", marker = "sys_platform == 'linux'" }, { path = "../b", editable = true }]
c = { workspace = true }
d = { url = "https://files.example/d.whl" }

[[tool.uv.index]]
name = "corp"
url = "https://corp.example/simple/"
ignore-error-codes = [403]
cache-control = { api = "max-age=60" }

[tool.pindex]
pin-patterns = { "acme-*" = "corp", "lost-*" = "nowhere" }
)",
                                        "pyproject.toml");
    REQUIRE(project);
    CHECK(project->indexStrategy == "unsafe-best-match");
    CHECK(project->indexStrategyOrigin.line == 10);
    REQUIRE(project->indexes.size() == 3);
    CHECK(project->indexes[0].name == "corp");
    CHECK(project->indexes[0].origin.line == 22);
    CHECK(project->indexes[0].ignoreErrorCodes == std::vector<int>{403});
    CHECK(project->indexes[0].cacheControlApi == "max-age=60");
    CHECK(project->indexes[1].isLegacy);
    CHECK_FALSE(project->indexes[1].isDefault);
    CHECK(project->indexes[2].isLegacy);
    CHECK(project->indexes[2].isDefault);

    REQUIRE(project->sources.size() == 5);
    CHECK(project->sources[0].kind == SourceEntry::Kind::Index);
    CHECK(project->sources[1].kind == SourceEntry::Kind::Git);
    CHECK(project->sources[1].marker == "sys_platform == 'linux'");
    CHECK(project->sources[1].detail == "tag=v1");
    CHECK(project->sources[2].kind == SourceEntry::Kind::Path);
    CHECK(project->sources[2].detail == "editable=true");
    CHECK(project->sources[3].kind == SourceEntry::Kind::Workspace);
    CHECK(project->sources[4].kind == SourceEntry::Kind::Url);

    const auto& dependencies = project->dependencies;
    REQUIRE(dependencies.size() == 6);
    CHECK(dependencies[3].includeGroup == "test");
    CHECK(dependencies[3].group == "dev");
    CHECK(dependencies[5].requirement == "black");
    CHECK(dependencies[5].isLegacy);

    REQUIRE(project->pinPatterns.size() == 2);
    REQUIRE(project->problems.size() == 1);
    CHECK(project->problems[0].message.find("nowhere") != std::string::npos);
}

TEST_CASE("the model reports duplicate and invalid index names as problems, not failures", "[project][model]")
{
    const auto project = parsePyProject(R"([[tool.uv.index]]
name = "twice"
url = "https://a.example/simple/"

[[tool.uv.index]]
name = "twice"
url = "https://b.example/simple/"

[[tool.uv.index]]
name = "no spaces please"
url = "https://c.example/simple/"
)",
                                        "pyproject.toml");
    REQUIRE(project);
    REQUIRE(project->problems.size() == 2);
    CHECK(project->problems[0].message.find("used twice") != std::string::npos);
    REQUIRE(project->problems[0].location);
    CHECK(project->problems[0].location->line == 5);
    CHECK(project->problems[1].message.find("no spaces please") != std::string::npos);
}

TEST_CASE("uv's search order puts the default index last and adds PyPI only without a default",
          "[project][model]")
{
    std::vector<IndexEntry> indexes(3);
    indexes[0].name = "proxy";
    indexes[0].isDefault = true;
    indexes[1].name = "team";
    indexes[2].name = "team"; // a second definition of a name is ignored
    indexes[2].url = "https://later.example/";
    auto order = searchOrder(indexes);
    REQUIRE(order.size() == 2);
    CHECK(order[0].name == "team");
    CHECK(order[0].url.empty());
    CHECK(order[1].name == "proxy");

    indexes[0].isDefault = false;
    order = searchOrder(indexes);
    REQUIRE(order.size() == 3);
    CHECK(order[2].isImplicit);
    CHECK(order[2].url == kPyPiSimpleUrl);
}

TEST_CASE("the user's uv.toml comes from XDG_CONFIG_HOME, else from HOME", "[project][model]")
{
    CHECK(UserDirectories{"/xdg", "/home/u"}.userUvToml() == std::filesystem::path("/xdg/uv/uv.toml"));
    CHECK(UserDirectories{"", "/home/u"}.userUvToml() == std::filesystem::path("/home/u/.config/uv/uv.toml"));
    CHECK(UserDirectories{"relative", "/home/u"}.userUvToml() ==
          std::filesystem::path("/home/u/.config/uv/uv.toml"));
    CHECK_FALSE(UserDirectories{}.userUvToml());
}

TEST_CASE("a project uv.toml replaces tool.uv and the user's uv.toml is merged after the project",
          "[project][model]")
{
    pindex::test::TempDir dir;
    const auto projectDir = dir.path() / "app";
    const auto xdg = dir.path() / "xdg";
    std::filesystem::create_directories(projectDir);
    std::filesystem::create_directories(xdg / "uv");
    REQUIRE(writeFileAtomic(projectDir / "pyproject.toml", R"([project]
name = "app"

[tool.uv]
index-strategy = "unsafe-best-match"

[[tool.uv.index]]
name = "ignored"
url = "https://ignored.example/simple/"
)"));
    const UserDirectories user{xdg.string(), {}, {}, dir.path() / "etc"};

    SECTION("without a project uv.toml, tool.uv counts")
    {
        REQUIRE(writeFileAtomic(xdg / "uv" / "uv.toml",
                                "index-strategy = \"first-index\"\n[[index]]\nname = "
                                "\"user\"\nurl = \"https://user.example/simple/\"\n"));
        const auto configuration = loadProjectConfiguration(projectDir, user);
        REQUIRE(configuration);
        REQUIRE(configuration->indexes.size() == 2);
        CHECK(configuration->indexes[0].name == "ignored");
        CHECK(configuration->indexes[1].name == "user");
        CHECK(configuration->indexes[1].origin.scope == ValueOrigin::Scope::User);
        CHECK(configuration->indexStrategy == "unsafe-best-match");
        CHECK(configuration->files.size() == 2);
    }
    SECTION("with a project uv.toml, tool.uv is ignored")
    {
        REQUIRE(writeFileAtomic(projectDir / "uv.toml",
                                "[[index]]\nname = \"local\"\nurl = \"https://local.example/simple/\"\n"));
        const auto configuration = loadProjectConfiguration(projectDir, user);
        REQUIRE(configuration);
        CHECK(configuration->toolUvShadowed);
        REQUIRE(configuration->indexes.size() == 1);
        CHECK(configuration->indexes[0].name == "local");
        CHECK(configuration->indexes[0].origin.scope == ValueOrigin::Scope::ProjectUvToml);
        CHECK(configuration->indexes[0].origin.line == 1);
        CHECK(configuration->indexStrategy.empty());
        CHECK_FALSE(configuration->problems.empty());
    }
    SECTION("an invalid user uv.toml is reported with its location")
    {
        REQUIRE(writeFileAtomic(xdg / "uv" / "uv.toml", "index-strategy = \n"));
        const auto configuration = loadProjectConfiguration(projectDir, user);
        REQUIRE_FALSE(configuration);
        REQUIRE(configuration.error().location);
        CHECK(configuration.error().location->file == (xdg / "uv" / "uv.toml").string());
        CHECK(configuration.error().location->line == 1);
    }
}
