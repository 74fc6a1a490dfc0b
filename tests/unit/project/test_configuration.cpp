// Configuration discovery as uv does it: the project found from a sub-directory, workspace roots
// and members, the settings file chosen from the workspace root upwards, and the user's and the
// system's uv.toml merged under it (the system directory injected, never the real /etc).

#include <catch2/catch.hpp>

#include "core/project/project_document.h"
#include "core/project/uv_config.h"
#include "core/util/file_io.h"
#include "tests/support/temp_dir.h"

using namespace pindex;
using namespace pindex::project;

namespace {

namespace fs = std::filesystem;

void write(const fs::path& file, const std::string& text)
{
    fs::create_directories(file.parent_path());
    REQUIRE(writeFileAtomic(file, text));
}

std::string index(const std::string& table, const std::string& name, bool isDefault = false)
{
    return "[[" + table + "]]\nname = \"" + name + "\"\nurl = \"https://" + name + ".example/simple/\"\n" +
           (isDefault ? "default = true\n" : "");
}

// User and system directories inside the test's scratch directory.
UserDirectories scratchDirectories(const pindex::test::TempDir& dir)
{
    UserDirectories user;
    user.xdgConfigHome = (dir / "home-config").string();
    user.systemDirectory = dir / "etc";
    return user;
}

const IndexEntry* findIndex(const std::vector<IndexEntry>& indexes, const std::string& name)
{
    for (const auto& entry : indexes) {
        if (entry.name == name)
            return &entry;
    }
    return nullptr;
}

} // namespace

TEST_CASE("the system uv.toml is the first of XDG_CONFIG_DIRS, else the system directory's",
          "[project][config]")
{
    pindex::test::TempDir dir;
    UserDirectories user = scratchDirectories(dir);
    CHECK_FALSE(user.systemUvToml());
    write(dir / "etc" / "uv" / "uv.toml", "index-strategy = \"first-index\"\n");
    CHECK(user.systemUvToml() == dir / "etc" / "uv" / "uv.toml");
    write(dir / "xdg-b" / "uv" / "uv.toml", "\n");
    user.xdgConfigDirs = "relative/dir:" + (dir / "xdg-a").string() + ":" + (dir / "xdg-b").string();
    CHECK(user.systemUvToml() == dir / "xdg-b" / "uv" / "uv.toml");
    write(dir / "xdg-a" / "uv" / "uv.toml", "\n");
    CHECK(user.systemUvToml() == dir / "xdg-a" / "uv" / "uv.toml");
}

TEST_CASE("project settings come first, then the user's uv.toml, then the system's, each with its origin",
          "[project][config]")
{
    pindex::test::TempDir dir;
    const auto user = scratchDirectories(dir);
    write(dir / "app" / "pyproject.toml", "[project]\nname = \"app\"\n\n" + index("tool.uv.index", "proj"));
    write(dir / "home-config" / "uv" / "uv.toml",
          "index-strategy = \"unsafe-first-match\"\n" + index("index", "user"));
    write(dir / "etc" / "uv" / "uv.toml",
          "index-strategy = \"unsafe-best-match\"\n" + index("index", "system", true));
    const auto configuration = loadProjectConfiguration(dir / "app", user);
    REQUIRE(configuration);
    REQUIRE(configuration->indexes.size() == 3);
    CHECK(configuration->indexes[0].origin.scope == ValueOrigin::Scope::Project);
    CHECK(configuration->indexes[1].origin.scope == ValueOrigin::Scope::User);
    CHECK(configuration->indexes[2].origin.scope == ValueOrigin::Scope::System);
    CHECK(configuration->indexes[2].origin.file == (dir / "etc" / "uv" / "uv.toml").string());
    CHECK(configuration->indexStrategy == "unsafe-first-match");
    CHECK(configuration->indexStrategyOrigin.scope == ValueOrigin::Scope::User);
    const auto order = searchOrder(configuration->indexes);
    REQUIRE(order.size() == 3);
    CHECK(order.back().name == "system"); // the default, not the implicit PyPI
    CHECK(configuration->files == std::vector<fs::path>{dir / "app" / "pyproject.toml",
                                                        dir / "home-config" / "uv" / "uv.toml",
                                                        dir / "etc" / "uv" / "uv.toml"});
    CHECK(toString(ValueOrigin::Scope::System) == "system");
}

TEST_CASE("the project is found from a sub-directory by walking up", "[project][config]")
{
    pindex::test::TempDir dir;
    const auto user = scratchDirectories(dir);
    write(dir / "app" / "pyproject.toml", "[project]\nname = \"app\"\n\n" + index("tool.uv.index", "corp"));
    fs::create_directories(dir / "app" / "src" / "app" / "sub");
    const auto location = findProject(dir / "app" / "src" / "app" / "sub");
    REQUIRE(location);
    CHECK(location->directory == fs::canonical(dir / "app"));
    CHECK_FALSE(location->isWorkspaceMember());
    const auto configuration = loadProjectConfiguration(dir / "app" / "src", user);
    REQUIRE(configuration);
    CHECK(configuration->project.name == "app");
    REQUIRE(configuration->indexes.size() == 1);
    CHECK(configuration->indexes[0].name == "corp");

    const auto missing = findProject(dir / "nowhere");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::NotFound);
}

TEST_CASE("a workspace member reads the root's settings and sources, its own sources first",
          "[project][config]")
{
    pindex::test::TempDir dir;
    const auto user = scratchDirectories(dir);
    write(dir / "repo" / "pyproject.toml", R"([project]
name = "root"

[tool.uv.workspace]
members = ["packages/*"]
exclude = ["packages/legacy"]

[tool.uv]
index-strategy = "unsafe-best-match"

[tool.uv.sources]
shared = { index = "corp" }
tool = { index = "corp" }

[[tool.uv.index]]
name = "corp"
url = "https://corp.example/simple/"
)");
    write(dir / "repo" / "packages" / "api" / "pyproject.toml", R"([project]
name = "api"
dependencies = ["shared", "tool"]

[tool.uv.sources]
tool = { index = "team" }

[[tool.uv.index]]
name = "team"
url = "https://team.example/simple/"
explicit = true
)");
    write(dir / "repo" / "packages" / "legacy" / "pyproject.toml", "[project]\nname = \"legacy\"\n");

    const auto location = findProject(dir / "repo" / "packages" / "api");
    REQUIRE(location);
    CHECK(location->isWorkspaceMember());
    CHECK(location->workspaceRoot == fs::canonical(dir / "repo"));

    const auto configuration = loadProjectConfiguration(dir / "repo" / "packages" / "api", user);
    REQUIRE(configuration);
    CHECK(configuration->project.name == "api");
    REQUIRE(configuration->workspace);
    CHECK(configuration->workspace->name == "root");
    // uv's settings are the workspace root's: the member's [[tool.uv.index]] only serves its pins.
    REQUIRE(configuration->indexes.size() == 1);
    CHECK(configuration->indexes[0].name == "corp");
    CHECK(configuration->indexes[0].origin.scope == ValueOrigin::Scope::Workspace);
    CHECK(configuration->indexStrategy == "unsafe-best-match");
    CHECK(findIndex(configuration->sourceIndexes, "team") != nullptr);
    CHECK(findIndex(configuration->sourceIndexes, "corp") != nullptr);
    REQUIRE(configuration->sources.size() == 2);
    CHECK(configuration->sources[0].package == "tool");
    CHECK(configuration->sources[0].target == "team");
    CHECK(configuration->sources[0].origin.scope == ValueOrigin::Scope::Project);
    CHECK(configuration->sources[1].package == "shared");
    CHECK(configuration->sources[1].target == "corp");
    CHECK(configuration->sources[1].origin.scope == ValueOrigin::Scope::Workspace);
    CHECK(configuration->problems.empty());

    SECTION("an excluded directory is a project of its own")
    {
        const auto legacy = findProject(dir / "repo" / "packages" / "legacy");
        REQUIRE(legacy);
        CHECK_FALSE(legacy->isWorkspaceMember());
    }
    SECTION("a uv.toml at the workspace root replaces its [tool.uv]")
    {
        write(dir / "repo" / "uv.toml", index("index", "root-uv"));
        const auto shadowed = loadProjectConfiguration(dir / "repo" / "packages" / "api", user);
        REQUIRE(shadowed);
        REQUIRE(shadowed->indexes.size() == 1);
        CHECK(shadowed->indexes[0].name == "root-uv");
        CHECK(shadowed->indexes[0].origin.scope == ValueOrigin::Scope::Workspace);
        CHECK(shadowed->toolUvShadowed);
    }
}

TEST_CASE("a project above another project does not make it a member", "[project][config]")
{
    pindex::test::TempDir dir;
    write(dir / "outer" / "pyproject.toml", "[project]\nname = \"outer\"\n");
    write(dir / "outer" / "examples" / "demo" / "pyproject.toml", "[project]\nname = \"demo\"\n");
    const auto location = findProject(dir / "outer" / "examples" / "demo");
    REQUIRE(location);
    CHECK_FALSE(location->isWorkspaceMember());
}

TEST_CASE("without uv settings of its own the project takes them from further up, as uv does",
          "[project][config]")
{
    pindex::test::TempDir dir;
    const auto user = scratchDirectories(dir);
    write(dir / "monorepo" / "uv.toml", index("index", "company", true));
    write(dir / "monorepo" / "tools" / "cli" / "pyproject.toml", "[project]\nname = \"cli\"\n");
    const auto configuration = loadProjectConfiguration(dir / "monorepo" / "tools" / "cli", user);
    REQUIRE(configuration);
    REQUIRE(configuration->indexes.size() == 1);
    CHECK(configuration->indexes[0].name == "company");
    CHECK(configuration->indexes[0].origin.scope == ValueOrigin::Scope::Ancestor);
}

TEST_CASE("pins may name the workspace root's indexes but not indexes defined only in a uv.toml",
          "[project][config]")
{
    pindex::test::TempDir dir;
    const auto user = scratchDirectories(dir);
    write(dir / "repo" / "pyproject.toml",
          "[project]\nname = \"root\"\n\n[tool.uv.workspace]\nmembers = [\"api\"]\n\n" +
              index("tool.uv.index", "corp"));
    write(dir / "repo" / "api" / "pyproject.toml",
          "[project]\nname = \"api\"\ndependencies = [\"x\", \"y\"]\n");
    write(dir / "home-config" / "uv" / "uv.toml", index("index", "personal"));
    const auto configuration = loadProjectConfiguration(dir / "repo" / "api", user);
    REQUIRE(configuration);

    auto document = ProjectDocument::open(configuration->location.pyproject());
    REQUIRE(document);
    std::vector<IndexEntry> others = configuration->indexes;
    others.insert(others.end(), configuration->workspace->indexes.begin(),
                  configuration->workspace->indexes.end());
    document->setOtherIndexes(others);

    REQUIRE(document->pinPackage("x", "corp"));
    CHECK(document->text().find("x = { index = \"corp\" }") != std::string::npos);
    const auto other = document->otherIndex("corp");
    REQUIRE(other);
    CHECK(other->origin.scope == ValueOrigin::Scope::Workspace);

    const std::string before = document->text();
    const auto refused = document->pinPackage("y", "personal");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("uv only accepts pins to indexes defined in pyproject.toml") !=
          std::string::npos);
    CHECK(refused.error().message.find((dir / "home-config" / "uv" / "uv.toml").string() + ":1") !=
          std::string::npos);
    CHECK(document->text() == before);
    // Pattern pins are Pindex's own: any index of the configuration will do.
    REQUIRE(document->addPatternPin("team-*", "personal"));
    const auto unknown = document->pinPackage("y", "nowhere");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().message.find("there is no index with that name") != std::string::npos);

    // The merged view reports a pin to a uv.toml index as uv would refuse it.
    REQUIRE(document->pinPackage("x", "corp"));
    write(dir / "repo" / "api" / "pyproject.toml",
          "[project]\nname = \"api\"\n\n[tool.uv.sources]\ny = { index = \"personal\" }\n");
    const auto reloaded = loadProjectConfiguration(dir / "repo" / "api", user);
    REQUIRE(reloaded);
    REQUIRE(reloaded->problems.size() == 1);
    CHECK(reloaded->problems[0].message.find("uv only accepts pins to indexes defined in pyproject.toml") !=
          std::string::npos);
}
