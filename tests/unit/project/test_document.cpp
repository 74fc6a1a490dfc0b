#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "core/project/project_document.h"
#include "core/util/file_io.h"
#include "tests/support/temp_dir.h"

using namespace pindex;
using namespace pindex::project;

namespace {

constexpr const char* kProject = R"(# The app.
[project]
name = "app"
version = "1.0"
dependencies = ["requests"]

[[tool.uv.index]]
name = "private"
url = "https://private.example/simple/"
)";

} // namespace

TEST_CASE("ProjectDocument saves edits atomically and keeps the file mode", "[project][document]")
{
    pindex::test::TempDir dir;
    const auto file = dir / "pyproject.toml";
    REQUIRE(writeFileAtomic(file, kProject));
    std::filesystem::permissions(file, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write |
                                           std::filesystem::perms::group_read);
    auto document = ProjectDocument::open(file);
    REQUIRE(document);
    CHECK_FALSE(document->isModified());
    REQUIRE(document->pinPackage("requests", "private"));
    CHECK(document->isModified());
    REQUIRE(document->save());
    CHECK_FALSE(document->isModified());
    const auto saved = readFile(file);
    REQUIRE(saved);
    CHECK(*saved == std::string(kProject) + "\n[tool.uv.sources]\nrequests = { index = \"private\" }\n");
    CHECK(std::filesystem::status(file).permissions() ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
           std::filesystem::perms::group_read));
}

TEST_CASE("ProjectDocument refuses to save over a file that changed on disk", "[project][document]")
{
    pindex::test::TempDir dir;
    const auto file = dir / "pyproject.toml";
    REQUIRE(writeFileAtomic(file, kProject));
    auto document = ProjectDocument::open(file);
    REQUIRE(document);
    REQUIRE(document->addDependency(DependencyEntry::Kind::Main, {}, "httpx"));
    REQUIRE(writeFileAtomic(file, std::string(kProject) + "# edited elsewhere\n"));
    const auto saved = document->save();
    REQUIRE_FALSE(saved);
    CHECK(saved.error().code == ErrorCode::Conflict);
    const auto onDisk = readFile(file);
    REQUIRE(onDisk);
    CHECK(onDisk->ends_with("# edited elsewhere\n"));
}

TEST_CASE("ProjectDocument reports invalid TOML with file, line and column", "[project][document]")
{
    pindex::test::TempDir dir;
    const auto file = dir / "pyproject.toml";
    REQUIRE(writeFileAtomic(file, "[project]\nname = \"app\"\n[[tool.uv.index]\nname = 1\n"));
    const auto document = ProjectDocument::open(file);
    REQUIRE_FALSE(document);
    CHECK(document.error().code == ErrorCode::Parse);
    REQUIRE(document.error().location);
    CHECK(document.error().location->file == file.string());
    CHECK(document.error().location->line == 3);
    CHECK(document.error().location->column > 0);
    CHECK(document.error().describe().find(file.string() + ":3:") != std::string::npos);
}

TEST_CASE("index edits refuse invalid names, duplicates, unknown indexes and pins to them",
          "[project][document]")
{
    auto document = ProjectDocument::fromText(kProject, "pyproject.toml");
    REQUIRE(document);
    const std::string original = document->text();

    const auto badName = document->addIndex({.name = "my index", .url = "https://x.example/simple/"});
    REQUIRE_FALSE(badName);
    CHECK(badName.error().code == ErrorCode::Invalid);
    const auto duplicate = document->addIndex({.name = "private", .url = "https://x.example/simple/"});
    REQUIRE_FALSE(duplicate);
    CHECK(duplicate.error().message.find("already exists") != std::string::npos);
    const auto renameToBad = document->renameIndex("private", "a/b");
    REQUIRE_FALSE(renameToBad);
    const auto unknown = document->removeIndex("public");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::NotFound);
    const auto pin = document->pinPackage("requests", "public");
    REQUIRE_FALSE(pin);
    CHECK(pin.error().indexName == "public");
    const auto badFormat = document->setIndexFormat("private", std::string("wheelhouse"));
    REQUIRE_FALSE(badFormat);
    const auto badMarker = document->pinPackage("requests", "private", "sys_platform ===");
    REQUIRE_FALSE(badMarker);
    CHECK(document->text() == original);
}

TEST_CASE("a new index goes before the default one so that the default stays last", "[project][document]")
{
    auto document = ProjectDocument::fromText(R"([[tool.uv.index]]
name = "proxy"
url = "https://proxy.example/simple/"
default = true
)",
                                              "pyproject.toml");
    REQUIRE(document);
    REQUIRE(document->addIndex({.name = "team", .url = "https://team.example/simple/", .isExplicit = true}));
    CHECK(document->indexNames() == std::vector<std::string>{"team", "proxy"});
    REQUIRE(document->addIndex({.name = "other", .url = "https://other.example/simple/", .isDefault = true}));
    CHECK(document->indexNames() == std::vector<std::string>{"team", "proxy", "other"});
    const auto model = document->model();
    REQUIRE(model);
    CHECK_FALSE(model->indexes[1].isDefault);
    CHECK(model->indexes[2].isDefault);
    CHECK(model->indexes[0].isExplicit);
}

TEST_CASE("renaming an index renames the pins and pattern pins that use it", "[project][document]")
{
    auto document = ProjectDocument::fromText(std::string(kProject) + R"(
[tool.uv.sources]
requests = [{ index = "private", marker = "sys_platform == 'linux'" }]

[tool.pindex.pin-patterns]
"acme-*" = "private"
)",
                                              "pyproject.toml");
    REQUIRE(document);
    REQUIRE(document->renameIndex("private", "corp"));
    const auto model = document->model();
    REQUIRE(model);
    REQUIRE(model->sources.size() == 1);
    CHECK(model->sources[0].target == "corp");
    CHECK(model->sources[0].marker == "sys_platform == 'linux'");
    REQUIRE(model->pinPatterns.size() == 1);
    CHECK(model->pinPatterns[0].index == "corp");
    CHECK(model->problems.empty());
}

TEST_CASE("a uv.toml keeps its indexes at the top level", "[project][document]")
{
    auto document = ProjectDocument::fromText("# user settings\nnative-tls = true\n", "uv.toml");
    REQUIRE(document);
    CHECK(document->isUvToml());
    REQUIRE(document->addIndex({.name = "corp", .url = "https://corp.example/simple/"}));
    CHECK(document->text() == "# user settings\nnative-tls = true\n\n[[index]]\nname = \"corp\"\nurl = "
                              "\"https://corp.example/simple/\"\n");
    CHECK_FALSE(document->pinPackage("requests", "corp"));
}
