#include <algorithm>

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

std::vector<const LockedPackage*> named(const LockSnapshot& snapshot, std::string_view name)
{
    std::vector<const LockedPackage*> found;
    for (const auto& package : snapshot.packages) {
        if (package.canonicalName() == canonicalizePackageName(name))
            found.push_back(&package);
    }
    return found;
}

} // namespace

TEST_CASE("Lock formats are detected from the file name and then from the content", "[lock]")
{
    CHECK(detectLockFormat("x/uv.lock", "") == LockFormat::UvLock);
    CHECK(detectLockFormat("poetry.lock", "") == LockFormat::PoetryLock);
    CHECK(detectLockFormat("pylock.toml", "") == LockFormat::Pylock);
    CHECK(detectLockFormat("pylock.dev.toml", "") == LockFormat::Pylock);
    CHECK(detectLockFormat("requirements-dev.txt", "") == LockFormat::Requirements);
    CHECK(detectLockFormat("uv.lock@HEAD~2", "") == LockFormat::UvLock);
    CHECK(detectLockFormat("snapshot", "lock-version = \"1.0\"\n[[packages]]\n") == LockFormat::Pylock);
    CHECK(detectLockFormat("snapshot", "[[package]]\nname='a'\n[metadata]\ncontent-hash='x'\n") ==
          LockFormat::PoetryLock);
    CHECK(detectLockFormat("snapshot", "version = 1\n[[package]]\n") == LockFormat::UvLock);
    CHECK_FALSE(detectLockFormat("notes.md", "hello").has_value());
    const auto unknown = parseLock("hello", "notes.md");
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.error().code == ErrorCode::Unsupported);
}

TEST_CASE("A uv.lock of revision 2 keeps every version of a multi-version package with its markers",
          "[lock][uv]")
{
    const auto snapshot = load(kDiffData / "uv-pair/old/uv.lock");
    CHECK(snapshot.format == LockFormat::UvLock);
    CHECK(snapshot.lockVersion == "1.2");
    CHECK(snapshot.requiresPython == ">=3.10");
    CHECK(snapshot.rootRequirements == std::vector<std::string>{"demo-app"});
    const auto numpy = named(snapshot, "numpy");
    REQUIRE(numpy.size() == 2);
    CHECK(numpy[0]->version == "1.26.4");
    CHECK(numpy[0]->marker == "python_full_version < '3.12'");
    CHECK(numpy[1]->version == "2.0.0");
    CHECK(numpy[1]->marker == "python_full_version >= '3.12'");
    CHECK(numpy[1]->wheels.size() == 2);

    const auto acme = named(snapshot, "acme-auth");
    REQUIRE(acme.size() == 1);
    CHECK(acme[0]->index == "https://pkgs.acme.example/simple");
    REQUIRE(acme[0]->sdist.has_value());
    CHECK(acme[0]->sdist->name == "acme_auth-1.4.0.tar.gz");
    CHECK(acme[0]->sdist->hashes.at("sha256").size() == 64);
    CHECK(acme[0]->sdist->size == 16082);
    CHECK(acme[0]->sdist->uploadTime == "2025-03-01T12:00:00.000Z");
    CHECK(acme[0]->dependencies.size() == 1);

    const auto click = named(snapshot, "click");
    REQUIRE(click.size() == 1);
    REQUIRE(click[0]->dependencies.size() == 1);
    CHECK(click[0]->dependencies[0].name == "colorama");
    CHECK(click[0]->dependencies[0].marker == "sys_platform == 'win32'");
    CHECK(click[0]->line > 0);
}

TEST_CASE("An early uv.lock with distribution tables and source strings is read", "[lock][uv]")
{
    const auto snapshot = load(kLockData / "uv-early/uv.lock");
    CHECK(snapshot.lockVersion == "1");
    REQUIRE(snapshot.packages.size() == 4);
    CHECK(snapshot.packages[0].name == "anyio");
    CHECK(snapshot.packages[0].index == "https://pypi.org/simple");
    CHECK(snapshot.packages[0].dependencies.size() == 2);
    CHECK(snapshot.packages[0].dependencies[1].version == "1.3.1");
    CHECK(snapshot.packages[2].wheels.size() == 1);
    CHECK_FALSE(snapshot.packages[2].sdist.has_value());
    REQUIRE(snapshot.packages[3].directory.has_value());
    CHECK(snapshot.packages[3].directory->editable);
    CHECK(snapshot.rootRequirements == std::vector<std::string>{"early-demo"});
}

TEST_CASE("uv.lock sources of every kind become index, vcs, directory or archive", "[lock][uv]")
{
    const auto snapshot = load(kLockData / "uv-sources/uv.lock");
    CHECK(snapshot.lockVersion == "1.3");
    CHECK(snapshot.environments.size() == 2);
    CHECK(snapshot.rootRequirements == std::vector<std::string>{"workspace-root", "workspace-lib"});

    const auto root = named(snapshot, "workspace-root");
    REQUIRE(root.size() == 1);
    REQUIRE(root[0]->directory.has_value());
    CHECK_FALSE(root[0]->directory->editable);
    // Main, optional and dev dependencies all count as edges; the extra becomes a marker.
    REQUIRE(root[0]->dependencies.size() == 6);
    CHECK(root[0]->dependencies[4].name == "local-wheel");
    CHECK(root[0]->dependencies[4].marker == "extra == 'docs'");
    CHECK(root[0]->dependencies[1].version == "2.3.0");

    const auto tools = named(snapshot, "acme-tools");
    REQUIRE(tools.size() == 1);
    REQUIRE(tools[0]->vcs.has_value());
    CHECK(tools[0]->vcs->url == "https://git.acme.example/tools/acme-tools.git");
    CHECK(tools[0]->vcs->requestedRevision == "main");
    CHECK(tools[0]->vcs->commitId == "1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5");
    CHECK(tools[0]->sourceDescription() ==
          "git+https://git.acme.example/tools/acme-tools.git@1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5");

    const auto torch = named(snapshot, "torch");
    REQUIRE(torch.size() == 2);
    CHECK(torch[0]->version == torch[1]->version);
    CHECK(torch[0]->index == "https://download.pytorch.org/whl/cpu");
    CHECK(torch[1]->index == "https://pypi.org/simple");
    CHECK(torch[0]->wheels[0].name == "torch-2.3.0%2Bcpu-cp311-cp311-linux_x86_64.whl");

    const auto wheel = named(snapshot, "local-wheel");
    REQUIRE(wheel.size() == 1);
    REQUIRE(wheel[0]->archive.has_value());
    CHECK(wheel[0]->archive->path == "wheels/local_wheel-1.1.0-py3-none-any.whl");
    CHECK(wheel[0]->wheels.at(0).name == "local_wheel-1.1.0-py3-none-any.whl");

    const auto vendored = named(snapshot, "vendored");
    REQUIRE(vendored.size() == 1);
    REQUIRE(vendored[0]->archive.has_value());
    CHECK(vendored[0]->archive->url == "https://downloads.acme.example/vendored-3.0.0.tar.gz");
    REQUIRE(vendored[0]->sdist.has_value());
    CHECK(vendored[0]->sdist->hashes.at("sha256").starts_with("aa11"));
}

TEST_CASE("poetry.lock 1.1 takes its files from the metadata table", "[lock][poetry]")
{
    const auto snapshot = load(kLockData / "poetry-1.1/poetry.lock");
    CHECK(snapshot.lockVersion == "1.1");
    CHECK(snapshot.requiresPython == "^3.8");
    REQUIRE(snapshot.packages.size() == 3);
    const auto& django = snapshot.packages[1];
    CHECK(django.name == "Django");
    CHECK(django.canonicalName() == "django");
    CHECK(django.index == "https://pypi.org/simple");
    REQUIRE(django.wheels.size() == 1);
    CHECK(django.wheels[0].hashes.at("sha256").starts_with("e22c"));
    CHECK(django.dependencies.size() == 3);
    const auto& certifi = snapshot.packages[0];
    CHECK(certifi.wheels.size() == 1);
    REQUIRE(certifi.sdist.has_value());
    CHECK(certifi.sdist->name == "certifi-2021.10.8.tar.gz");
    // Alternatives for one dependency become one edge each.
    const auto& pytest = snapshot.packages[2];
    CHECK(std::count_if(pytest.dependencies.begin(), pytest.dependencies.end(),
                        [](const LockedDependency& d) { return d.name == "pluggy"; }) == 2);
    CHECK(pytest.dependencies[0].marker == "sys_platform == \"win32\"");
}

TEST_CASE("poetry.lock 2.x reads groups' markers and git and directory sources", "[lock][poetry]")
{
    const auto snapshot = load(kLockData / "poetry-2-git/poetry.lock");
    CHECK(snapshot.lockVersion == "2.1");
    REQUIRE(snapshot.packages.size() == 3);
    REQUIRE(snapshot.packages[0].vcs.has_value());
    CHECK(snapshot.packages[0].vcs->requestedRevision == "v5.1.0");
    CHECK(snapshot.packages[0].vcs->commitId == "0123456789abcdef0123456789abcdef01234567");
    CHECK(snapshot.packages[0].index.empty());
    CHECK(snapshot.packages[1].marker ==
          "dev: sys_platform == \"win32\"; main: platform_system == \"Windows\"");
    CHECK(snapshot.packages[1].wheels.size() == 1);
    REQUIRE(snapshot.packages[2].directory.has_value());
    CHECK(snapshot.packages[2].directory->path == "../local-pkg");
}

TEST_CASE("poetry.lock 2.0 with a private source keeps the source URL as the index", "[lock][poetry]")
{
    const auto snapshot = load(kDiffData / "poetry-pair/old/poetry.lock");
    REQUIRE(!snapshot.packages.empty());
    CHECK(snapshot.packages[0].index == "https://nexus.acme.example/repository/pypi-internal/simple");
    CHECK(snapshot.packages[1].dependencies.size() == 3);
    CHECK(snapshot.packages[1].dependencies[0].marker == "python_version < \"3.11\"");
}

TEST_CASE("pylock.toml carries every field PEP 751 defines", "[lock][pylock]")
{
    const auto snapshot = load(kLockData / "pylock-sources/pylock.toml");
    CHECK(snapshot.format == LockFormat::Pylock);
    CHECK(snapshot.lockVersion == "1.0");
    CHECK(snapshot.createdBy == "pindex");
    CHECK(snapshot.requiresPython == ">=3.11");
    CHECK(snapshot.environments.size() == 2);
    CHECK(snapshot.extras == std::vector<std::string>{"docs"});
    CHECK(snapshot.dependencyGroups == std::vector<std::string>{"dev"});
    CHECK(snapshot.defaultGroups == std::vector<std::string>{"dev"});
    REQUIRE(snapshot.packages.size() == 4);

    const auto& attrs = snapshot.packages[0];
    CHECK(attrs.requiresPython == ">=3.7");
    REQUIRE(attrs.wheels.size() == 1);
    CHECK(attrs.wheels[0].uploadTime.starts_with("2023-12-31T06:30:30"));
    CHECK(attrs.wheels[0].hashes.size() == 2);
    CHECK(attrs.wheels[0].size == 60752);
    REQUIRE(attrs.attestationIdentities.size() == 1);
    CHECK(attrs.attestationIdentities[0].at("kind") == "GitHub");

    const auto& theme = snapshot.packages[1];
    CHECK(theme.marker == "'docs' in extras");
    REQUIRE(theme.archive.has_value());
    CHECK(theme.archive->name == "docs_theme-1.0.tar.gz");
    CHECK(theme.archive->size == 2048);

    const auto& cli = snapshot.packages[2];
    REQUIRE(cli.vcs.has_value());
    CHECK(cli.vcs->commitId == "89abcdef0123456789abcdef0123456789abcdef");
    CHECK(cli.vcs->requestedRevision == "v2.0.0");

    const auto& project = snapshot.packages[3];
    CHECK(project.version.empty());
    REQUIRE(project.directory.has_value());
    CHECK(project.directory->editable);
    CHECK(project.dependencies.size() == 2);
}

TEST_CASE("pylock.toml records yanked packages in the pindex tool table", "[lock][pylock]")
{
    const auto snapshot = load(kDiffData / "cross-format/pylock.toml");
    const auto urllib3 = named(snapshot, "urllib3");
    REQUIRE(urllib3.size() == 1);
    CHECK(urllib3[0]->yanked == true);
    CHECK_FALSE(named(snapshot, "idna")[0]->yanked.has_value());
}

TEST_CASE("Malformed lockfiles give errors with file and line", "[lock]")
{
    SECTION("broken TOML")
    {
        const auto result = readLock(kLockData / "malformed/uv.lock");
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().code == ErrorCode::Parse);
        REQUIRE(result.error().location.has_value());
        CHECK(result.error().location->line >= 7);
        CHECK(result.error().describe().find("uv.lock:") != std::string::npos);
    }
    SECTION("a pylock package without a name")
    {
        const auto result = readLock(kLockData / "malformed/pylock.toml");
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().message.find("name") != std::string::npos);
        REQUIRE(result.error().location.has_value());
        CHECK(result.error().location->line == 4);
    }
    SECTION("a poetry source of unknown type")
    {
        const auto result = readLock(kLockData / "malformed/poetry.lock");
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().message.find("svn") != std::string::npos);
        CHECK(result.error().location->line > 0);
    }
    SECTION("a requirement that is not pinned")
    {
        const auto result = readLock(kLockData / "malformed/requirements.txt");
        REQUIRE_FALSE(result.has_value());
        REQUIRE(result.error().location.has_value());
        CHECK(result.error().location->line == 3);
        CHECK(result.error().message.find("urllib3") != std::string::npos);
    }
    SECTION("an unsupported pylock version")
    {
        const auto result = parseLock("lock-version = \"2.0\"\ncreated-by = \"x\"\n", "pylock.toml");
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().code == ErrorCode::Unsupported);
    }
    SECTION("a missing file")
    {
        const auto result = readLock(kLockData / "does-not-exist/uv.lock");
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().code == ErrorCode::NotFound);
    }
}
