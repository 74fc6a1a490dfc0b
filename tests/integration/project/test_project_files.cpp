// Edits of real files on disk: every corpus file is copied to a scratch directory, opened, edited,
// saved atomically and read back; the bytes on disk must be the golden output, the file mode must
// survive, and a file changed behind the document's back must not be overwritten.

#include <algorithm>

#include <catch2/catch.hpp>

#include "core/project/project_document.h"
#include "core/project/uv_config.h"
#include "core/util/file_io.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"
#include "tests/unit/project/edit_script.h"

using namespace pindex;
using namespace pindex::project;

namespace {

const std::filesystem::path kData = pindex::test::kSourceDir / "tests/data/project";

std::string twoDigits(std::size_t number)
{
    return (number < 10 ? "0" : "") + std::to_string(number);
}

} // namespace

TEST_CASE("every corpus edit saved to disk reads back as its golden file", "[project][files]")
{
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(kData / "corpus")) {
        if (entry.path().extension() == ".toml")
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 30);
    std::size_t saved = 0;
    for (const auto& source : files) {
        auto opsFile = source;
        opsFile.replace_extension(".ops");
        const auto opsText = readFile(opsFile);
        REQUIRE(opsText);
        const auto operations = project::test::parseOperations(*opsText);
        REQUIRE(operations);
        for (std::size_t i = 0; i < operations->size(); ++i) {
            const auto& operation = (*operations)[i];
            if (operation.verb == "!")
                continue;
            INFO(source.filename().string() << ": " << operation.line);
            pindex::test::TempDir dir;
            const auto file = dir / "pyproject.toml";
            std::filesystem::copy_file(source, file);
            std::filesystem::permissions(file, std::filesystem::perms::owner_read |
                                                   std::filesystem::perms::owner_write);
            auto document = ProjectDocument::open(file);
            REQUIRE(document);
            REQUIRE(project::test::applyOperation(*document, operation));
            REQUIRE(document->save());
            const auto onDisk = readFile(file);
            REQUIRE(onDisk);
            const auto golden =
                readFile(kData / "golden" / source.stem() /
                         (twoDigits(i + 1) + "-" + project::test::operationLabel(operation) + ".toml"));
            REQUIRE(golden);
            CHECK(*onDisk == *golden);
            CHECK(std::filesystem::status(file).permissions() ==
                  (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
            ++saved;
            break; // one edit per file keeps the test quick; the unit tests cover the rest
        }
    }
    CHECK(saved >= 30);
}

TEST_CASE("a document whose file changed on disk refuses to save and keeps the other change",
          "[project][files]")
{
    pindex::test::TempDir dir;
    const auto file = dir / "pyproject.toml";
    std::filesystem::copy_file(kData / "corpus" / "02-uv-private-index.toml", file);
    auto first = ProjectDocument::open(file);
    auto second = ProjectDocument::open(file);
    REQUIRE(first);
    REQUIRE(second);
    REQUIRE(first->addIndex({.name = "one", .url = "https://one.example/simple/"}));
    REQUIRE(second->addIndex({.name = "two", .url = "https://two.example/simple/"}));
    REQUIRE(first->save());
    const auto refused = second->save();
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::Conflict);
    const auto reopened = ProjectDocument::open(file);
    REQUIRE(reopened);
    const auto names = reopened->indexNames();
    CHECK(std::find(names.begin(), names.end(), "one") != names.end());
    CHECK(std::find(names.begin(), names.end(), "two") == names.end());
}

TEST_CASE("index edits in a project with a uv.toml land in that uv.toml and show in the merged view",
          "[project][files]")
{
    pindex::test::TempDir dir;
    std::filesystem::copy_file(kData / "corpus" / "17-other-tools-no-uv.toml", dir / "pyproject.toml");
    REQUIRE(
        writeFileAtomic(dir / "uv.toml", "# project settings for uv\nindex-strategy = \"first-index\"\n"));
    auto document = ProjectDocument::open(dir / "uv.toml");
    REQUIRE(document);
    REQUIRE(document->addIndex({.name = "corp", .url = "https://corp.example/simple/", .isDefault = true}));
    REQUIRE(document->save());
    const auto configuration = loadProjectConfiguration(dir.path(), UserDirectories{});
    REQUIRE(configuration);
    const auto order = searchOrder(configuration->indexes);
    REQUIRE(order.size() == 1);
    CHECK(order[0].name == "corp");
    CHECK(order[0].origin.scope == ValueOrigin::Scope::ProjectUvToml);
    CHECK(order[0].origin.line == 4);
}
