// Golden tests: every edit operation listed in tests/data/project/corpus/NAME.ops, applied on its
// own to NAME.toml, must produce exactly tests/data/project/golden/NAME/NN-LABEL.toml (or, for an
// operation marked "!", the refusal in NN-LABEL.error); bytes and data outside the edited entries
// must not change; and Python's tomllib must read every output as golden/NAME/data.json says.
// PINDEX_UPDATE_GOLDEN=1 rewrites the expected files (review the diff before committing it).

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <catch2/catch.hpp>

#include "core/project/project_document.h"
#include "core/util/file_io.h"
#include "tests/support/test_paths.h"
#include "tests/unit/project/edit_script.h"
#include "tests/unit/project/toml_checks.h"

using namespace pindex;
using namespace pindex::project;

namespace {

const std::filesystem::path kCorpus = pindex::test::kSourceDir / "tests/data/project/corpus";
const std::filesystem::path kGolden = pindex::test::kSourceDir / "tests/data/project/golden";

bool updating()
{
    const char* value = std::getenv("PINDEX_UPDATE_GOLDEN");
    return value != nullptr && std::string(value) == "1";
}

std::vector<std::filesystem::path> corpusFiles()
{
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(kCorpus)) {
        if (entry.path().extension() == ".toml")
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string twoDigits(std::size_t number)
{
    return (number < 10 ? "0" : "") + std::to_string(number);
}

void compareOrUpdate(const std::filesystem::path& expectedFile, const std::string& actual)
{
    if (updating()) {
        REQUIRE(writeFileAtomic(expectedFile, actual));
        return;
    }
    const auto expected = readFile(expectedFile);
    INFO("expected file: " << expectedFile.string());
    REQUIRE(expected);
    CHECK(*expected == actual);
}

} // namespace

TEST_CASE("the corpus holds at least thirty realistic project files, each with edit operations",
          "[project][golden]")
{
    const auto files = corpusFiles();
    CHECK(files.size() >= 30);
    for (const auto& file : files) {
        INFO(file.string());
        auto ops = file;
        ops.replace_extension(".ops");
        CHECK(std::filesystem::exists(ops));
    }
}

TEST_CASE("every edit of the corpus matches its golden file and changes nothing outside its entries",
          "[project][golden]")
{
    std::size_t checked = 0;
    for (const auto& file : corpusFiles()) {
        const auto original = readFile(file);
        REQUIRE(original);
        auto opsFile = file;
        opsFile.replace_extension(".ops");
        const auto opsText = readFile(opsFile);
        REQUIRE(opsText);
        const auto operations = project::test::parseOperations(*opsText);
        REQUIRE(operations);
        const auto folder = kGolden / file.stem();
        if (updating()) {
            std::filesystem::remove_all(folder);
            std::filesystem::create_directories(folder);
        }
        for (std::size_t i = 0; i < operations->size(); ++i) {
            auto operation = (*operations)[i];
            const bool expectRefusal = operation.verb == "!";
            if (expectRefusal) {
                operation.verb = operation.arguments.front();
                operation.arguments.erase(operation.arguments.begin());
            }
            const auto stem = twoDigits(i + 1) + "-" + project::test::operationLabel(operation);
            INFO(file.filename().string() << ": " << operation.line);
            auto document = ProjectDocument::fromText(*original, "pyproject.toml");
            REQUIRE(document);
            const auto status = project::test::applyOperation(*document, operation);
            if (expectRefusal) {
                REQUIRE_FALSE(status);
                CHECK(document->text() == *original);
                compareOrUpdate(folder / (stem + ".error"), status.error().describe() + "\n");
                ++checked;
                continue;
            }
            if (!status) {
                FAIL_CHECK(status.error().describe());
                continue;
            }
            const auto& edited = document->text();
            CHECK(edited != *original);
            const auto scope = project::test::operationScope(operation);
            CHECK(project::test::differenceOutsideScope(*original, edited, scope).empty());
            CHECK(project::test::bytesChangedOutsideScope(*original, edited, scope).empty());
            compareOrUpdate(folder / (stem + ".toml"), edited);
            ++checked;
        }
    }
    CHECK(checked >= 150);

    // Python's own TOML parser reads every output as data.json says.
    const std::string command = pindex::test::kPython.string() + " " +
                                (pindex::test::kSourceDir / "tests/data/project/check_toml.py").string() +
                                (updating() ? " --update " : " ") + kGolden.string();
    CHECK(std::system(command.c_str()) == 0);
}
