#include <cstdlib>

#include <catch2/catch.hpp>

#include "core/diff/diff_report.h"
#include "core/diff/lock_comparison.h"
#include "core/util/file_io.h"
#include "tests/integration/diff/diff_test_support.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"

using namespace pindex;
using pindex::test::runDiffCommand;

namespace {

const std::filesystem::path kDiffData = test::kTestDataDir / "diff";

std::string path(const char* relative)
{
    return (kDiffData / relative).string();
}

} // namespace

TEST_CASE("pindex diff exits 1 and prints the changes when the lockfiles differ", "[diff][cli]")
{
    const auto run = runDiffCommand({path("uv-pair/old/uv.lock"), path("uv-pair/new/uv.lock")});
    CHECK(run.exitCode == 1);
    CHECK(run.err.empty());
    CHECK(run.out.find("Downgraded (1):\n  click  8.1.7 -> 8.1.6\n") != std::string::npos);
    CHECK(run.out.find("acme-auth  1.4.0  [index-changed, hashes-changed]") != std::string::npos);
}

TEST_CASE("pindex diff -v reports its phases on standard error and changes nothing else", "[diff][cli]")
{
    const std::vector<std::string> files{path("uv-pair/old/uv.lock"), path("uv-pair/new/uv.lock")};
    const auto quiet = runDiffCommand({files[0], files[1], "--format", "json"});
    const auto verbose = runDiffCommand({"-v", files[0], files[1], "--format", "json"});
    CHECK(verbose.exitCode == quiet.exitCode);
    CHECK(verbose.out == quiet.out);
    INFO(verbose.err);
    // The same layout as `pindex sync -v` (util::PhaseTimings): a heading, one line per phase in
    // the order they ran, then the total.
    CHECK(verbose.err.starts_with("pindex diff: time per phase\n  reserve heap "));
    const auto position = [&](std::string_view phase) {
        return verbose.err.find("\n  " + std::string(phase) + " ");
    };
    CHECK(position("reserve heap") < position("read and parse"));
    CHECK(position("read and parse") < position("compare"));
    CHECK(position("compare") < position("report"));
    CHECK(position("report") < position("(outside the job)"));
    CHECK(position("(outside the job)") < position("total"));
    CHECK(position("total") != std::string::npos);
    CHECK(verbose.err.ends_with(" ms\n"));
}

TEST_CASE("pindex diff of two large lockfiles (heap reserved, one file after the other) reports the "
          "in-process diff",
          "[diff][cli]")
{
    const std::string format = GENERATE(as<std::string>{}, "uv", "pylock", "poetry");
    const test::TempDir scratch("pindex-diff-large");
    const std::string command = test::kPython.string() + " " +
                                (test::kSourceDir / "tests/bench/make_lock_pair.py").string() + " " +
                                scratch.path().string() + " --packages 3000 --format " + format;
    REQUIRE(std::system(command.c_str()) == 0);
    const char* name = format == "uv" ? "uv.lock" : (format == "poetry" ? "poetry.lock" : "pylock.toml");
    const auto oldFile = scratch / "old" / name;
    const auto newFile = scratch / "new" / name;
    const auto run = runDiffCommand({"-v", oldFile.string(), newFile.string(), "--format", "json"});
    INFO(run.err);
    CHECK(run.exitCode == 1);
    // Two threads, the process's heap as it is: what the window does.
    const auto expected = diff::diffFiles(oldFile, newFile);
    REQUIRE(expected.has_value());
    CHECK(expected->changes.size() > 300);
    CHECK(run.out == diff::formatReport(*expected, diff::ReportFormat::Json));
}

TEST_CASE("pindex diff exits 0 when nothing changed", "[diff][cli]")
{
    const auto run = runDiffCommand(
        {path("poetry-pair/new/poetry.lock"), path("poetry-pair/new/poetry.lock"), "--format", "json"});
    CHECK(run.exitCode == 0);
    CHECK(run.out.find("\"changes\": []") != std::string::npos);
}

TEST_CASE("pindex diff writes a Markdown table for a pull request", "[diff][cli]")
{
    const auto run = runDiffCommand({path("requirements-pair/old/requirements.txt"),
                                     path("requirements-pair/new/requirements.txt"), "--format=markdown"});
    CHECK(run.exitCode == 1);
    CHECK(run.out.starts_with("### Lockfile changes\n"));
    CHECK(run.out.find("| `zipp` | added | + 3.19.2 |  |") != std::string::npos);
    CHECK(run.out.find("| `acme-metrics` | changed | 2.0.1 | :warning: **index-changed** :warning: "
                       "**hashes-changed** |") != std::string::npos);
}

TEST_CASE("pindex diff exits 2 on bad arguments, unknown formats and unreadable files", "[diff][cli]")
{
    CHECK(runDiffCommand({path("uv-pair/old/uv.lock")}).exitCode == 2);
    CHECK(runDiffCommand({}).exitCode == 2);
    const auto format =
        runDiffCommand({path("uv-pair/old/uv.lock"), path("uv-pair/new/uv.lock"), "--format", "yaml"});
    CHECK(format.exitCode == 2);
    CHECK(format.err.find("unknown format 'yaml'") != std::string::npos);
    const auto option = runDiffCommand({"--frobnicate"});
    CHECK(option.exitCode == 2);
    CHECK(option.err.find("unknown option --frobnicate") != std::string::npos);
    const auto missing = runDiffCommand({path("uv-pair/old/uv.lock"), path("nowhere/uv.lock")});
    CHECK(missing.exitCode == 2);
    CHECK(missing.err.find("nowhere/uv.lock") != std::string::npos);
    const auto malformed = runDiffCommand(
        {(test::kTestDataDir / "lock/malformed/requirements.txt").string(), path("uv-pair/new/uv.lock")});
    CHECK(malformed.exitCode == 2);
    CHECK(malformed.err.find("requirements.txt:3:") != std::string::npos);
    CHECK(runDiffCommand({"--help"}).exitCode == 0);
}

TEST_CASE("The JSON report matches an independent computation of the diff", "[diff][cli]")
{
    const auto [oldFile, newFile] = GENERATE(
        as<std::pair<std::string, std::string>>{}, std::pair{"uv-pair/old/uv.lock", "uv-pair/new/uv.lock"},
        std::pair{"uv-pair/new/uv.lock", "uv-pair/old/uv.lock"},
        std::pair{"uv-pair/old/uv.lock", "cross-format/pylock.toml"},
        std::pair{"cross-format/pylock.toml", "uv-pair/old/uv.lock"},
        std::pair{"poetry-pair/old/poetry.lock", "poetry-pair/new/poetry.lock"},
        std::pair{"poetry-pair/new/poetry.lock", "poetry-pair/old/poetry.lock"});
    INFO(oldFile << " -> " << newFile);
    const auto run = runDiffCommand({path(oldFile.c_str()), path(newFile.c_str()), "--format", "json"});
    REQUIRE(run.exitCode == 1);

    const test::TempDir scratch("pindex-diff-reference");
    REQUIRE(writeFileAtomic(scratch / "report.json", run.out).has_value());
    const std::string command = test::kPython.string() + " " +
                                (test::kSourceDir / "tests/integration/diff/reference_diff.py").string() +
                                " " + path(oldFile.c_str()) + " " + path(newFile.c_str()) + " " +
                                (scratch / "report.json").string() + " > " + (scratch / "out.txt").string() +
                                " 2>&1";
    const int status = std::system(command.c_str());
    const auto output = readFile(scratch / "out.txt");
    REQUIRE(output.has_value());
    INFO(*output);
    CHECK(status == 0);
    CHECK(output->find(" 0 problems") != std::string::npos);
}
