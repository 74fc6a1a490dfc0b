#include <set>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "core/install/file_transaction.h"
#include "core/install/installed.h"
#include "core/install/unpacked_cache.h"
#include "core/install/wheel_installer.h"
#include "core/util/file_io.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"
#include "tests/unit/install/venv_fixture.h"

using namespace pindex;
using namespace pindex::install;
namespace fs = std::filesystem;

namespace {

using Fixture = test::VenvFixture;

constexpr std::string_view kSha = "ab0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";

} // namespace

TEST_CASE("The wheel cache keeps a checked, unpacked wheel and finds it again by sha256", "[install]")
{
    Fixture fixture;
    const UnpackedWheelCache cache(fixture.dir / "cache");
    CHECK_FALSE(cache.find(kSha));
    // Stored under a content-addressed name: the file name comes separately.
    const fs::path artifact = fixture.dir / "artifact";
    fs::copy_file(fixture.wheels / "demo_pkg-1.0-py3-none-any.whl", artifact);
    const auto added = cache.add(kSha, artifact, "demo_pkg-1.0-py3-none-any.whl");
    REQUIRE(added);
    CHECK(added->name == "demo-pkg");
    CHECK(added->version == "1.0");
    const auto found = cache.find(kSha);
    REQUIRE(found);
    CHECK(found->distInfoName == "demo_pkg-1.0.dist-info");
    CHECK(found->members.size() == added->members.size());
    CHECK(found->root == added->root);
    for (const auto& member : found->members)
        if (!member.linkTarget)
            CHECK(fs::exists(found->root / member.path));
    // Nothing of the work directory is left behind.
    CHECK(fs::is_empty(fixture.dir / "cache" / "wheels-v1" / ".tmp"));
}

TEST_CASE("A wheel the checks refuse never enters the cache", "[install]")
{
    Fixture fixture;
    const UnpackedWheelCache cache(fixture.dir / "cache");
    const auto added = cache.add(kSha, fixture.wheels / "evil_traversal-1.0-py3-none-any.whl",
                                 "evil_traversal-1.0-py3-none-any.whl");
    REQUIRE_FALSE(added);
    CHECK(added.error().message.find("leaves the wheel through `..`") != std::string::npos);
    CHECK_FALSE(cache.find(kSha));
}

TEST_CASE("Installing from the cache links files, rewrites scripts as copies, and leaves the cache intact",
          "[install]")
{
    Fixture fixture;
    const UnpackedWheelCache cache(fixture.dir / "cache");
    const auto unpacked =
        cache.add(kSha, fixture.wheels / "demo_pkg-1.0-py3-none-any.whl", "demo_pkg-1.0-py3-none-any.whl");
    REQUIRE(unpacked);
    const auto cacheBefore = readFile(unpacked->root / "demo_pkg-1.0.data" / "scripts" / "demo-script");
    REQUIRE(cacheBefore);
    const auto installed = installUnpacked(*unpacked, fixture.venv,
                                           {.provenanceJson = std::string("{\"url\": \"https://x/y.whl\", "
                                                                          "\"archive_info\": {\"hashes\": "
                                                                          "{\"sha256\": \"") +
                                                              std::string(kSha) + "\"}}}\n"},
                                           PlaceMode::Link);
    REQUIRE(installed);
    struct stat info
    {};
    REQUIRE(::stat((fixture.venv.sitePackages / "demo_pkg" / "__init__.py").c_str(), &info) == 0);
    CHECK(info.st_nlink == 2);
    // The script got the venv's interpreter; the cached copy still says #!python.
    const auto script = readFile(fixture.venv.bin / "demo-script");
    REQUIRE(script);
    CHECK(script->starts_with("#!" + fixture.venv.python.string()));
    CHECK(readFile(unpacked->root / "demo_pkg-1.0.data" / "scripts" / "demo-script").value_or("") ==
          *cacheBefore);
    // listInstalled reads back where the files came from.
    const auto all = listInstalled(fixture.venv);
    REQUIRE(all);
    REQUIRE(all->size() == 1);
    CHECK(all->front().archiveUrl == "https://x/y.whl");
    CHECK(all->front().archiveSha256 == kSha);
    // Uninstalling removes the venv's links, never the cache's files.
    REQUIRE(uninstall(installed->distInfo, fixture.venv));
    CHECK(fs::exists(unpacked->root / "demo_pkg" / "__init__.py"));
    REQUIRE(::stat((unpacked->root / "demo_pkg" / "__init__.py").c_str(), &info) == 0);
    CHECK(info.st_nlink == 1);
}

TEST_CASE("FileTransaction::link copies when it cannot link, and rolls back", "[install]")
{
    test::TempDir dir;
    REQUIRE(writeFileAtomic(dir / "source", "content"));
    REQUIRE(writeFileAtomic(dir / "existing", "old"));
    FileTransaction transaction(dir / "backup");
    REQUIRE(transaction.link(dir / "source", dir / "a" / "b" / "linked"));
    REQUIRE(transaction.link(dir / "source", dir / "existing"));
    CHECK(readFile(dir / "a" / "b" / "linked") == "content");
    CHECK(readFile(dir / "existing") == "content");
    transaction.rollBack();
    CHECK_FALSE(fs::exists(dir / "a"));
    CHECK(readFile(dir / "existing") == "old");
    CHECK(readFile(dir / "source") == "content");
}

TEST_CASE("An uninstall that cannot move a file puts everything back", "[install]")
{
    Fixture fixture;
    const auto installed = installWheel(fixture.wheels / "demo_pkg-1.0-py3-none-any.whl", fixture.venv);
    REQUIRE(installed);
    // A read-only directory: its files cannot be moved aside. Root ignores permissions, so there
    // the place files are moved to is blocked instead.
    const fs::path locked = fixture.venv.sitePackages / "demo_pkg";
    fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
    struct Restore
    {
        fs::path path;
        ~Restore() { fs::permissions(path, fs::perms::owner_all); }
    } restore{locked};
    if (::geteuid() == 0)
        REQUIRE(writeFileAtomic(fixture.venv.root / ".pindex-staging", "in the way"));
    const auto before = fixture.snapshot();
    const auto removed = uninstall(installed->distInfo, fixture.venv);
    REQUIRE_FALSE(removed);
    CHECK(removed.error().code == ErrorCode::Io);
    fs::permissions(locked, fs::perms::owner_all);
    CHECK(fixture.snapshot() == before);
}
