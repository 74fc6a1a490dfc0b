// A resolution written as pylock.toml (core/lock/pylock_writer.h) and read back with the lock
// readers: same packages, files, hashes and dependencies; deterministic bytes; no credentials.

#include <catch2/catch.hpp>

#include "core/lock/lock_reader.h"
#include "core/lock/pylock_writer.h"
#include "core/resolver/resolver.h"
#include "core/util/file_io.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/resolver/memory_source.h"

namespace {

using pindex::lock::LockSnapshot;

pindex::resolver::Resolution resolveSample()
{
    pindex::test::MemorySource source;
    source.add("zeta-pkg", {.version = "2.0", .dependencies = {"alpha>=1"}, .requiresPython = ">=3.9"});
    source.add("alpha", {.version = "1.5",
                         .wheelTags = {"py3-none-any", "cp312-cp312-manylinux_2_17_x86_64"},
                         .sdist = true});
    pindex::resolver::ResolveOptions options;
    options.requirements.push_back(*pindex::resolver::Dependency::parse("zeta-pkg"));
    auto resolution = pindex::resolver::resolve(source, options);
    REQUIRE(resolution);
    // Give the files what an index would: URLs (one with credentials), hashes, sizes, upload times.
    for (auto& package : resolution->packages) {
        package.candidate.indexUrl = "https://build:s3cret@pypi.corp.example/simple/";
        for (auto& wheel : package.candidate.wheels) {
            wheel.file.url = "https://build:s3cret@files.corp.example/" + wheel.file.filename;
            wheel.file.sha256 = std::string(64, 'a');
            wheel.file.size = 1234;
            wheel.file.uploadTime = "2024-05-01T12:30:00Z";
        }
        if (package.candidate.sdist) {
            package.candidate.sdist->url = "https://files.corp.example/" + package.candidate.sdist->filename;
            package.candidate.sdist->sha256 = std::string(64, 'b');
        }
    }
    return *resolution;
}

pindex::lock::PylockInputs inputs()
{
    return {.requiresPython = ">=3.11",
            .environments = {"sys_platform == \"linux\" and platform_machine == \"x86_64\""},
            .createdBy = "pindex"};
}

} // namespace

TEST_CASE("A resolution written as pylock.toml reads back as the same lock", "[resolver][pylock]")
{
    const auto snapshot = pindex::lock::snapshotFromResolution(resolveSample(), inputs());
    const auto text = pindex::lock::formatPylock(snapshot);
    const auto back = pindex::lock::parsePylock(text, "pylock.toml");
    REQUIRE(back);
    CHECK(back->lockVersion == "1.0");
    CHECK(back->createdBy == "pindex");
    CHECK(back->requiresPython == ">=3.11");
    CHECK(back->environments == snapshot.environments);
    REQUIRE(back->packages.size() == 2);
    // Sorted by canonical name.
    CHECK(back->packages[0].name == "alpha");
    CHECK(back->packages[1].name == "zeta-pkg");
    for (const auto& original : snapshot.packages) {
        const auto found = std::find_if(back->packages.begin(), back->packages.end(),
                                        [&](const auto& package) { return package.name == original.name; });
        REQUIRE(found != back->packages.end());
        CHECK(found->version == original.version);
        CHECK(found->index == original.index);
        CHECK(found->requiresPython == original.requiresPython);
        REQUIRE(found->wheels.size() == original.wheels.size());
        for (std::size_t i = 0; i < original.wheels.size(); ++i) {
            const auto& wheel = original.wheels[i];
            const auto match = std::find_if(found->wheels.begin(), found->wheels.end(),
                                            [&](const auto& file) { return file.name == wheel.name; });
            REQUIRE(match != found->wheels.end());
            CHECK(match->url == wheel.url);
            CHECK(match->hashes == wheel.hashes);
            CHECK(match->size == wheel.size);
            CHECK_FALSE(match->uploadTime.empty());
        }
        CHECK(found->sdist.has_value() == original.sdist.has_value());
        REQUIRE(found->dependencies.size() == original.dependencies.size());
        for (std::size_t i = 0; i < original.dependencies.size(); ++i) {
            CHECK(found->dependencies[i].name == original.dependencies[i].name);
            CHECK(found->dependencies[i].version == original.dependencies[i].version);
        }
    }
    // Formatting the read-back lock gives the same bytes.
    CHECK(pindex::lock::formatPylock(*back) == text);
}

TEST_CASE("pylock.toml output is deterministic and never carries credentials", "[resolver][pylock]")
{
    const auto first =
        pindex::lock::formatPylock(pindex::lock::snapshotFromResolution(resolveSample(), inputs()));
    auto shuffled = pindex::lock::snapshotFromResolution(resolveSample(), inputs());
    std::reverse(shuffled.packages.begin(), shuffled.packages.end());
    for (auto& package : shuffled.packages) {
        std::reverse(package.wheels.begin(), package.wheels.end());
    }
    CHECK(pindex::lock::formatPylock(shuffled) == first);
    CHECK(first.find("s3cret") == std::string::npos);
    CHECK(first.find("build@") == std::string::npos);
    CHECK(first.find("https://pypi.corp.example/simple/") != std::string::npos);
    CHECK(first.rfind("lock-version = \"1.0\"\n", 0) == 0);
}

TEST_CASE("Credentials are removed from URLs, other text is kept", "[resolver][pylock]")
{
    CHECK(pindex::lock::stripUrlCredentials("https://u:p@host/simple/") == "https://host/simple/");
    CHECK(pindex::lock::stripUrlCredentials("https://token@host") == "https://host");
    CHECK(pindex::lock::stripUrlCredentials("https://host/a@b") == "https://host/a@b");
    CHECK(pindex::lock::stripUrlCredentials("not a url") == "not a url");
}

TEST_CASE("pylock.toml is written atomically and reads back from disk", "[resolver][pylock]")
{
    pindex::test::TempDir directory;
    const auto path = directory.path() / "pylock.toml";
    const auto snapshot = pindex::lock::snapshotFromResolution(resolveSample(), inputs());
    REQUIRE(pindex::lock::writePylock(path, snapshot));
    const auto back = pindex::lock::readLock(path);
    REQUIRE(back);
    CHECK(back->packages.size() == 2);
    const auto text = pindex::readFile(path);
    REQUIRE(text);
    CHECK(*text == pindex::lock::formatPylock(snapshot));
}

TEST_CASE("Files of a local flat index are recorded by a path relative to the lock", "[resolver][pylock]")
{
    auto resolution = resolveSample();
    for (auto& package : resolution.packages) {
        package.candidate.indexUrl = "/work/project/wheels/";
        for (auto& wheel : package.candidate.wheels) {
            wheel.file.url = "file:///work/project/wheels/" + wheel.file.filename;
        }
        if (package.candidate.sdist) {
            package.candidate.sdist->url = "/work/shared/sdists/" + package.candidate.sdist->filename;
        }
    }
    auto options = inputs();
    options.lockDirectory = "/work/project";
    const auto text = pindex::lock::formatPylock(pindex::lock::snapshotFromResolution(resolution, options));
    CHECK(text.find("/work/") == std::string::npos);
    const auto back = pindex::lock::parsePylock(text, "pylock.toml");
    REQUIRE(back);
    const auto* alpha = &back->packages.front();
    REQUIRE(alpha->name == "alpha");
    CHECK(alpha->index == "wheels/");
    REQUIRE(alpha->wheels.size() == 2);
    CHECK(alpha->wheels.front().url.empty());
    CHECK(alpha->wheels.front().path == "wheels/" + alpha->wheels.front().name);
    REQUIRE(alpha->sdist);
    CHECK(alpha->sdist->path == "../shared/sdists/" + alpha->sdist->name);

    // Without the lock's folder, local files keep their absolute location, still as a path.
    const auto absolute = pindex::lock::snapshotFromResolution(resolution, inputs());
    CHECK(absolute.packages.front().wheels.front().path.starts_with("/work/project/wheels/"));
    CHECK(absolute.packages.front().index == "/work/project/wheels/");
}
