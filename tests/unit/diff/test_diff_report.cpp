#include <catch2/catch.hpp>

#include "core/diff/diff_report.h"
#include "core/diff/lock_comparison.h"
#include "core/util/file_io.h"
#include "tests/support/test_paths.h"

using namespace pindex;
using namespace pindex::diff;

namespace {

const std::filesystem::path kDiffData = test::kTestDataDir / "diff";

LockDiff uvPair()
{
    auto result = diffFiles(kDiffData / "uv-pair/old/uv.lock", kDiffData / "uv-pair/new/uv.lock");
    REQUIRE(result.has_value());
    // Sources are the absolute paths of this checkout; the golden file has relative ones.
    result->oldSource = "old/uv.lock";
    result->newSource = "new/uv.lock";
    return *result;
}

} // namespace

TEST_CASE("The JSON report of the uv.lock pair matches its golden file", "[diff][report]")
{
    const auto expected = readFile(kDiffData / "uv-pair/expected.json");
    REQUIRE(expected.has_value());
    CHECK(formatJson(uvPair()) == *expected);
}

TEST_CASE("The JSON report is stable from run to run", "[diff][report]")
{
    CHECK(formatJson(uvPair()) == formatJson(uvPair()));
}

TEST_CASE("An empty diff renders in every format", "[diff][report]")
{
    LockDiff empty;
    empty.oldSource = "a";
    empty.newSource = "b";
    CHECK(formatText(empty) == "No changes.\n");
    CHECK(formatJson(empty) ==
          "{\n  \"old\": \"a\",\n  \"new\": \"b\",\n  \"changes\": [],\n  \"summary\": {\"added\": 0, "
          "\"removed\": 0, \"upgraded\": 0, \"downgraded\": 0, \"changed\": 0}\n}\n");
    CHECK(formatMarkdown(empty).find("No changes.") != std::string::npos);
}

TEST_CASE("JSON strings are escaped", "[diff][report]")
{
    LockDiff diff;
    diff.oldSource = "dir \"quoted\"\\x\n";
    diff.newSource = std::string("tab\there\x01", 9);
    const std::string json = formatJson(diff);
    CHECK(json.find(R"("dir \"quoted\"\\x\n")") != std::string::npos);
    CHECK(json.find(R"("tab\there\u0001")") != std::string::npos);
}

TEST_CASE("The Markdown report is a table with a review list of security flags", "[diff][report]")
{
    const std::string markdown = formatMarkdown(uvPair());
    CHECK(markdown.starts_with(
        "### Lockfile changes\n\n3 added, 1 removed, 2 upgraded, 1 downgraded, 6 changed\n"));
    CHECK(markdown.find("| Package | Change | Versions | Flags |\n| --- | --- | --- | --- |\n") !=
          std::string::npos);
    CHECK(markdown.find("| `click` | downgraded | 8.1.7 → 8.1.6 |  |\n") != std::string::npos);
    CHECK(markdown.find("| `numpy` | upgraded | 1.26.4, 2.0.0 → 1.26.4, 2.1.0 |  |\n") != std::string::npos);
    CHECK(
        markdown.find(
            "| `acme-auth` | changed | 1.4.0 | :warning: **index-changed** :warning: **hashes-changed** |") !=
        std::string::npos);
    CHECK(markdown.find("**Needs review:**") != std::string::npos);
    CHECK(markdown.find("- `rich`: ") != std::string::npos);
    CHECK(markdown.find("(`https://pkgs.acme.example/simple` → `https://pypi.org/simple`)") !=
          std::string::npos);
}

TEST_CASE("The text report groups changes by kind with version arrows", "[diff][report]")
{
    const std::string text = formatText(uvPair());
    CHECK(text.find("Added (3):\n  linkify-it-py  + 2.0.3\n      via: demo-app -> rich -> markdown-it-py -> "
                    "linkify-it-py\n") != std::string::npos);
    CHECK(text.find("Downgraded (1):\n  click  8.1.7 -> 8.1.6\n") != std::string::npos);
    CHECK(text.find("  acme-auth  1.4.0  [index-changed, hashes-changed]\n      index: "
                    "https://pkgs.acme.example/simple -> https://pypi.org/simple\n") != std::string::npos);
    CHECK(text.ends_with("13 changes: 3 added, 1 removed, 2 upgraded, 1 downgraded, 6 changed\n"));
}

TEST_CASE("Report formats are named text, json and markdown", "[diff][report]")
{
    CHECK(parseReportFormat("json") == ReportFormat::Json);
    CHECK(parseReportFormat("markdown") == ReportFormat::Markdown);
    CHECK(parseReportFormat("text") == ReportFormat::Text);
    CHECK_FALSE(parseReportFormat("yaml").has_value());
}
