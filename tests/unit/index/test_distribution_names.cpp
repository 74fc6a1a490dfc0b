// File names on index pages go through standards' wheel and sdist name parsing.

#include <fstream>

#include <catch2/catch.hpp>

#include "core/index/flat_index.h"
#include "core/index/index_set.h"
#include "tests/support/temp_dir.h"

using namespace pindex;
using namespace pindex::index;

TEST_CASE("distribution file names give the canonical project name and version", "[index][names]")
{
    struct Case
    {
        const char* filename;
        const char* name; // nullptr: not a distribution
        const char* version;
    };
    const auto [filename, name, version] = GENERATE(values<Case>({
        {"Foo_Bar-1.0-py3-none-any.whl", "foo-bar", "1.0"},
        {"foo_bar-2.0.post1-1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", "foo-bar",
         "2.0.post1"},
        {"foo.bar-1.0.tar.gz", "foo-bar", "1.0"},
        {"foo-bar-1.0rc1.zip", "foo-bar", "1.0rc1"},
        {"legacy-0.9.tar.bz2", "legacy", "0.9"},
        {"legacy-0.9.tgz", "legacy", "0.9"},
        {"foo-1.0-py3-none.whl", nullptr, nullptr},     // too few parts
        {"foo-not_a_version.tar.gz", nullptr, nullptr}, // no PEP 440 version
        {"foo-1.0.exe", nullptr, nullptr},
        {"README.txt", nullptr, nullptr},
    }));
    CAPTURE(filename);
    const auto parsed = distributionNameOf(filename);
    if (name == nullptr) {
        CHECK_FALSE(parsed);
        CHECK_FALSE(projectNameOfFile(filename));
        return;
    }
    REQUIRE(parsed);
    CHECK(parsed->name == name);
    CHECK(parsed->version.str() == version);
    CHECK(projectNameOfFile(filename) == std::optional<std::string>(name));
}

TEST_CASE("the index set leaves out files of other projects and invalid names", "[index][names]")
{
    test::TempDir dir;
    HttpClient http;
    // Strays of other projects, invalid versions and malformed wheel names are left out.
    std::filesystem::create_directories(dir / "flat");
    for (const auto* name : {"demo-1.0-py3-none-any.whl", "Demo-2.0.tar.gz", "other-3.0-py3-none-any.whl",
                             "demo-bogus.tar.gz", "demo-1.5-py3-none.whl"})
        std::ofstream(dir / "flat" / name) << name;
    IndexClient client({.name = "local", .url = (dir / "flat").string(), .format = IndexFormat::Flat},
                       {.http = &http});
    IndexSet set({&client}, IndexStrategy::FirstIndex, {});
    const auto found = set.candidates("demo");
    REQUIRE(found);
    REQUIRE(found->candidates.size() == 2);
    CHECK(found->candidates[0].version.str() == "2.0");
    CHECK(found->candidates[1].version.str() == "1.0");
}
