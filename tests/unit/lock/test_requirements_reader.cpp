#include <catch2/catch.hpp>

#include "core/lock/lock_reader.h"
#include "tests/support/test_paths.h"

using namespace pindex;
using namespace pindex::lock;

namespace {

const std::filesystem::path kLockData = test::kTestDataDir / "lock";
const std::filesystem::path kDiffData = test::kTestDataDir / "diff";

LockSnapshot load(const std::filesystem::path& path)
{
    auto snapshot = readLock(path);
    INFO((snapshot ? std::string() : snapshot.error().describe()));
    REQUIRE(snapshot.has_value());
    return *snapshot;
}

const LockedPackage& find(const LockSnapshot& snapshot, std::string_view name)
{
    for (const auto& package : snapshot.packages) {
        if (package.canonicalName() == name)
            return package;
    }
    FAIL("no package " << name);
    return snapshot.packages.front();
}

bool dependsOn(const LockedPackage& package, std::string_view name)
{
    for (const auto& dependency : package.dependencies) {
        if (canonicalizePackageName(dependency.name) == name)
            return true;
    }
    return false;
}

} // namespace

TEST_CASE("pip-compile output with hashes, an index URL and via lists is read", "[lock][requirements]")
{
    const auto snapshot = load(kDiffData / "requirements-pair/old/requirements.txt");
    CHECK(snapshot.format == LockFormat::Requirements);
    CHECK(snapshot.createdBy == "pip-compile");
    REQUIRE(snapshot.packages.size() == 7);
    const auto& certifi = find(snapshot, "certifi");
    CHECK(certifi.version == "2024.2.2");
    CHECK(certifi.index == "https://artifactory.acme.example/api/pypi/pypi-remote/simple");
    REQUIRE(certifi.wheels.size() == 2);
    CHECK(certifi.wheels[0].name.empty());
    CHECK(certifi.wheels[1].hashes.at("sha256").starts_with("dc38"));
    const auto& tomli = find(snapshot, "tomli");
    CHECK(tomli.marker == "python_version < \"3.11\"");
    CHECK(tomli.line == 29);
    // "# via requests" makes requests depend on certifi; "-r requirements.in" marks roots.
    CHECK(dependsOn(find(snapshot, "requests"), "certifi"));
    CHECK(dependsOn(find(snapshot, "requests"), "urllib3"));
    CHECK(dependsOn(find(snapshot, "acme-metrics"), "requests"));
    CHECK(snapshot.rootRequirements == std::vector<std::string>{"acme-metrics", "requests", "tomli"});
}

TEST_CASE("pip-compile line annotations, extras and direct URLs are read", "[lock][requirements]")
{
    const auto snapshot = load(kLockData / "pip-compile-line/requirements.txt");
    REQUIRE(snapshot.packages.size() == 7);
    const auto& plugins = find(snapshot, "acme-plugins");
    CHECK(plugins.version == "0.4.0");
    CHECK(plugins.index == "https://pypi.org/simple");
    CHECK(dependsOn(plugins, "acme-core"));
    CHECK(dependsOn(find(snapshot, "flask"), "werkzeug"));
    const auto& local = find(snapshot, "localthing");
    REQUIRE(local.archive.has_value());
    CHECK(local.archive->name == "localthing-1.0-py3-none-any.whl");
    CHECK(local.index.empty());
    CHECK(find(snapshot, "pywin32").marker == "sys_platform == \"win32\"");
    CHECK(dependsOn(find(snapshot, "acme-core"), "pywin32"));
}

TEST_CASE("uv export output with an editable project line is read", "[lock][requirements]")
{
    const auto snapshot = load(kLockData / "uv-export/requirements.txt");
    CHECK(snapshot.createdBy == "uv");
    REQUIRE(snapshot.packages.size() == 4);
    CHECK(find(snapshot, "sniffio").marker == "python_full_version >= '3.11'");
    CHECK(find(snapshot, "sniffio").wheels.size() == 2);
    CHECK(dependsOn(find(snapshot, "anyio"), "idna"));
    CHECK(dependsOn(find(snapshot, "httpx"), "idna"));
    CHECK(dependsOn(find(snapshot, "httpx"), "anyio"));
    // "via demo" names the project, which is not in the file: httpx is a root.
    CHECK(snapshot.rootRequirements == std::vector<std::string>{"httpx"});
}

TEST_CASE("requirements lines accept CRLF, --hash with a space and the last line without newline",
          "[lock][requirements]")
{
    const std::string text = "-i https://idx.example/simple/\r\n"
                             "a==1.0 \\\r\n    --hash sha256:abcd\r\n"
                             "B_c==2.0 --hash=sha512:ef01";
    const auto snapshot = parseRequirementsTxt(text, "req.txt");
    REQUIRE(snapshot.has_value());
    REQUIRE(snapshot->packages.size() == 2);
    CHECK(snapshot->packages[0].wheels.at(0).hashes.at("sha256") == "abcd");
    CHECK(snapshot->packages[1].canonicalName() == "b-c");
    CHECK(snapshot->packages[1].wheels.at(0).hashes.at("sha512") == "ef01");
    CHECK(snapshot->packages[1].index == "https://idx.example/simple/");
}

TEST_CASE("An editable line's #egg= name ends at the next fragment parameter", "[lock][requirements]")
{
    const auto snapshot = parseRequirementsTxt("-e ./libs#egg=My_Lib&subdirectory=pkg\n", "r.txt");
    REQUIRE(snapshot.has_value());
    REQUIRE(snapshot->packages.size() == 1);
    CHECK(snapshot->packages[0].name == "My_Lib");
    CHECK(snapshot->packages[0].canonicalName() == "my-lib");
    REQUIRE(snapshot->packages[0].directory.has_value());
    CHECK(snapshot->packages[0].directory->editable);
}

TEST_CASE("Unpinned or broken requirement lines are errors with the line number", "[lock][requirements]")
{
    const auto table =
        GENERATE(as<std::pair<std::string, std::uint32_t>>{}, std::pair{"a==1\nb>=2\n", 2u},
                 std::pair{"# c\n\n[x]==1\n", 3u}, std::pair{"a==1\nb[x==1\n", 2u},
                 std::pair{"a==1 \\\n  --hash=nocolon\n", 1u},
                 // found by the lock_requirements fuzzer: an editable line naming no package
                 std::pair{"a==1\n-e ./src#egg=\n", 2u}, std::pair{"-e ./src#egg= &subdirectory=x\n", 1u});
    const auto result = parseRequirementsTxt(table.first, "r.txt");
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == ErrorCode::Parse);
    REQUIRE(result.error().location.has_value());
    CHECK(result.error().location->file == "r.txt");
    CHECK(result.error().location->line == table.second);
}
