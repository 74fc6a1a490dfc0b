// The lock on disk against a fresh resolution before it is written (the re-lock preview's diff).

#include <catch2/catch.hpp>

#include "core/diff/lock_comparison.h"
#include "core/lock/lock_reader.h"
#include "core/lock/pylock_writer.h"
#include "core/util/file_io.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"

using namespace pindex;
using namespace pindex::diff;

namespace {

resolver::ResolvedPackage resolved(const std::string& name, const std::string& version,
                                   const std::string& index, std::vector<std::string> dependencies = {})
{
    resolver::ResolvedPackage package;
    package.name = name;
    package.version = *standards::Version::parse(version);
    package.candidate.version = package.version;
    package.candidate.indexName = "default";
    package.candidate.indexUrl = index;
    const std::string file = name + "-" + version + "-py3-none-any.whl";
    package.candidate.wheels.push_back(resolver::WheelFile{.tag = "py3-none-any",
                                                           .file = {.filename = file,
                                                                    .url = "https://files.example/" + file,
                                                                    .sha256 = std::string(64, name.front()),
                                                                    .size = 1000,
                                                                    .uploadTime = "2025-01-01T00:00:00Z"}});
    package.wheel = package.candidate.wheels.front();
    package.dependencies = std::move(dependencies);
    return package;
}

resolver::Resolution sample()
{
    resolver::Resolution resolution;
    resolution.packages.push_back(
        resolved("app-core", "2.0", "https://pkgs.acme.example/simple/", {"httpx"}));
    resolution.packages.push_back(resolved("httpx", "0.27.0", "https://pypi.org/simple/"));
    return resolution;
}

const lock::PylockInputs kInputs{.requiresPython = ">=3.11", .environments = {}, .createdBy = "pindex"};

} // namespace

TEST_CASE("A resolution compares with the lock it would replace before anything is written", "[diff][relock]")
{
    const test::TempDir project("pindex-relock");
    const auto lockfile = project / "pylock.toml";
    REQUIRE(lock::writePylock(lockfile, lock::snapshotFromResolution(sample(), kInputs)).has_value());
    const auto written = readFile(lockfile);
    REQUIRE(written.has_value());

    SECTION("the same resolution: nothing to review")
    {
        const auto diff = diffAgainstResolution(lockfile, sample(), kInputs);
        REQUIRE(diff.has_value());
        CHECK(diff->empty());
        CHECK(diff->newSource == "resolution (not written)");
    }
    SECTION("an upgrade and a package moving to another index")
    {
        auto fresh = sample();
        fresh.packages[0] = resolved("app-core", "2.0", "https://pypi.org/simple/", {"httpx"});
        fresh.packages[1] = resolved("httpx", "0.28.1", "https://pypi.org/simple/");
        fresh.packages.push_back(resolved("anyio", "4.4.0", "https://pypi.org/simple/"));
        fresh.packages[1].dependencies = {"anyio"};
        const auto diff = diffAgainstResolution(lockfile, fresh, kInputs);
        REQUIRE(diff.has_value());
        REQUIRE(diff->changes.size() == 3);
        CHECK(diff->changes[0].name == "anyio");
        CHECK(diff->changes[0].kind == ChangeKind::Added);
        CHECK(diff->changes[0].introducedBy == std::vector<std::string>{"app-core", "httpx", "anyio"});
        CHECK(diff->changes[1].name == "app-core");
        CHECK(diff->changes[1].has(ChangeFlag::IndexChanged));
        CHECK(diff->changes[2].name == "httpx");
        CHECK(diff->changes[2].kind == ChangeKind::Upgraded);
        CHECK(diff->changes[2].has(ChangeFlag::DependenciesChanged));
        // Nothing was written.
        CHECK(readFile(lockfile).value_or("") == *written);
    }
    SECTION("no lock yet: every package is added")
    {
        const auto diff = diffAgainstResolution(project / "nothing-here/pylock.toml", sample(), kInputs);
        REQUIRE(diff.has_value());
        CHECK(diff->summary.added == 2);
        CHECK(diff->oldSource == "(no lock yet)");
    }
    SECTION("a broken lock on disk is an error, not an empty side")
    {
        REQUIRE(writeFileAtomic(lockfile, "lock-version = \"1.0\"\n[[packages]]\nversion = 1\n").has_value());
        const auto diff = diffAgainstResolution(lockfile, sample(), kInputs);
        REQUIRE_FALSE(diff.has_value());
        CHECK(diff.error().describe().find("pylock.toml") != std::string::npos);
    }
}

TEST_CASE("A proposed lock compares with a lock of another format", "[diff][relock]")
{
    auto existing = lock::readLock(test::kTestDataDir / "diff/cross-format-equivalent/uv.lock");
    REQUIRE(existing.has_value());
    // The proposal is the same resolution as the uv.lock: written as pylock.toml, nothing changes.
    auto proposed = lock::readLock(test::kTestDataDir / "diff/cross-format-equivalent/pylock.toml");
    REQUIRE(proposed.has_value());
    const auto same = diffProposedLock(*existing, *proposed);
    CHECK(same.empty());
    proposed->packages.pop_back();
    const auto removed = diffProposedLock(*existing, *proposed);
    REQUIRE(removed.changes.size() == 1);
    CHECK(removed.changes[0].kind == ChangeKind::Removed);
}
