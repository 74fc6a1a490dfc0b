#include <cstdlib>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"

using namespace pindex;

namespace {

std::string readText(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Compares `actual` with the golden file; PINDEX_UPDATE_GOLDEN=1 rewrites the golden file instead.
void checkGolden(const std::string& actual, const std::string& goldenName)
{
    const auto golden = test::kTestDataDir / "cli" / goldenName;
    if (std::getenv("PINDEX_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(golden, std::ios::binary) << actual;
        WARN("updated " << golden.string());
    }
    CHECK(actual == readText(golden));
}

test::ProcessResult runPindex(const std::vector<std::string>& arguments)
{
    std::vector<std::string> argv{test::kPindexExecutable.string()};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    return test::runProcess(argv);
}

} // namespace

TEST_CASE("pindex --version prints the version from CMake and the library versions", "[cli]")
{
    const auto result = runPindex({"--version"});
    CHECK(result.exitCode == 0);
    CHECK(result.out.starts_with("pindex "));
    CHECK(result.out.find('.') != std::string::npos);
    // ... and the versions of the main libraries it was built with.
    CHECK(result.out.find("\n  libcurl 7.") != std::string::npos);
    CHECK(result.out.find("\n  libgit2 1.") != std::string::npos);
}

TEST_CASE("pindex show prints the demo project headless", "[cli]")
{
    test::TempDir dir;
    test::copyTree(test::kDemoProjectDir, dir / "demo");
    const auto result = runPindex({"show", "--project", (dir / "demo").string()});
    CHECK(result.exitCode == 0);
    CHECK(result.err.empty());
    checkGolden(test::replaceAll(result.out, dir.path().string(), "<TMP>"), "show-demo.txt");
}

TEST_CASE("pindex show names the file, line and column of invalid TOML", "[cli]")
{
    test::TempDir dir;
    std::ofstream(dir / "pyproject.toml") << "[project]\nname = \"x\"\ndependencies = [\n  \"a\",\n  = 1\n";
    const auto result = runPindex({"show", "--project", dir.path().string()});
    CHECK(result.exitCode == 2);
    CHECK(result.out.empty());
    CHECK(result.err.find((dir / "pyproject.toml").string() + ":5:") != std::string::npos);
}

TEST_CASE("an unknown command or option is refused with the usage and exit code 2", "[cli]")
{
    const auto unknown = runPindex({"frobnicate"});
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.err.find("unknown command 'frobnicate'") != std::string::npos);
    CHECK(unknown.err.find("Commands:") != std::string::npos);

    const auto badOption = runPindex({"show", "--bogus"});
    CHECK(badOption.exitCode == 2);
    CHECK(badOption.err.find("unknown option --bogus") != std::string::npos);
}

TEST_CASE("every command answers --help with its usage on standard output", "[cli]")
{
    for (const std::string command :
         {"show", "index", "pin", "unpin", "import-poetry", "auth", "keyring", "diff", "lock"}) {
        INFO(command);
        const auto result = runPindex({command, "--help"});
        CHECK(result.exitCode == 0);
        CHECK(result.out.find(command) != std::string::npos);
    }
}
