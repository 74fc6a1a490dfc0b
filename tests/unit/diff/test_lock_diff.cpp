#include <catch2/catch.hpp>

#include "core/diff/lock_comparison.h"
#include "core/diff/lock_diff.h"
#include "core/lock/lock_reader.h"
#include "core/util/file_io.h"
#include "tests/support/test_paths.h"

using namespace pindex;
using namespace pindex::diff;

namespace {

const std::filesystem::path kDiffData = test::kTestDataDir / "diff";

LockDiff diffOf(const std::filesystem::path& oldFile, const std::filesystem::path& newFile,
                const DiffOptions& options = {})
{
    auto result = diffFiles(oldFile, newFile, options);
    INFO((result ? std::string() : result.error().describe()));
    REQUIRE(result.has_value());
    return *result;
}

const PackageChange& change(const LockDiff& diff, std::string_view name)
{
    for (const auto& candidate : diff.changes) {
        if (candidate.name == name)
            return candidate;
    }
    FAIL("no change for " << name);
    return diff.changes.front();
}

bool contains(const LockDiff& diff, std::string_view name)
{
    return std::any_of(diff.changes.begin(), diff.changes.end(),
                       [&](const PackageChange& candidate) { return candidate.name == name; });
}

std::uint8_t flags(std::initializer_list<ChangeFlag> list)
{
    std::uint8_t bits = 0;
    for (const auto flag : list)
        bits |= static_cast<std::uint8_t>(flag);
    return bits;
}

lock::LockedPackage package(std::string name, std::string version,
                            std::string index = "https://pypi.org/simple")
{
    lock::LockedPackage result;
    result.name = std::move(name);
    result.version = std::move(version);
    result.index = std::move(index);
    return result;
}

lock::LockedFile file(std::string name, std::string digest)
{
    lock::LockedFile result;
    result.name = std::move(name);
    result.hashes.emplace("sha256", std::move(digest));
    return result;
}

} // namespace

TEST_CASE("A uv.lock pair gives one typed change per package, sorted by name", "[diff][uv]")
{
    const auto diff = diffOf(kDiffData / "uv-pair/old/uv.lock", kDiffData / "uv-pair/new/uv.lock");
    std::vector<std::string> names;
    for (const auto& item : diff.changes)
        names.push_back(item.name);
    CHECK(names == std::vector<std::string>{"acme-auth", "certifi", "click", "demo-app", "linkify-it-py",
                                            "markdown-it-py", "numpy", "old-helper", "pygments", "rich",
                                            "tomli", "uc-micro-py", "urllib3"});
    CHECK(diff.summary.added == 3);
    CHECK(diff.summary.removed == 1);
    CHECK(diff.summary.upgraded == 2);
    CHECK(diff.summary.downgraded == 1);
    CHECK(diff.summary.changed == 6);
    CHECK(diff.summary.total() == diff.changes.size());
    // Unchanged packages are absent.
    CHECK_FALSE(contains(diff, "idna"));
    CHECK_FALSE(contains(diff, "requests"));
    CHECK_FALSE(contains(diff, "colorama"));
}

TEST_CASE("A package moving to another index with new hashes is flagged as dependency confusion",
          "[diff][uv]")
{
    const auto diff = diffOf(kDiffData / "uv-pair/old/uv.lock", kDiffData / "uv-pair/new/uv.lock");
    const auto& acme = change(diff, "acme-auth");
    CHECK(acme.kind == ChangeKind::Changed);
    CHECK(acme.flags == flags({ChangeFlag::IndexChanged, ChangeFlag::HashesChanged}));
    CHECK(acme.oldIndex == "https://pkgs.acme.example/simple");
    CHECK(acme.newIndex == "https://pypi.org/simple");
    CHECK(acme.oldVersions == std::vector<std::string>{"1.4.0"});
    CHECK(acme.newVersions == std::vector<std::string>{"1.4.0"});
    REQUIRE(acme.before.size() == 1);
    REQUIRE(acme.after.size() == 1);
}

TEST_CASE("Every kind and flag of the uv.lock pair is reported", "[diff][uv]")
{
    const auto diff = diffOf(kDiffData / "uv-pair/old/uv.lock", kDiffData / "uv-pair/new/uv.lock");
    CHECK(change(diff, "rich").kind == ChangeKind::Changed);
    CHECK(change(diff, "rich").flags == flags({ChangeFlag::HashesChanged}));
    CHECK(change(diff, "certifi").kind == ChangeKind::Changed);
    CHECK(change(diff, "certifi").flags == 0);
    CHECK(change(diff, "click").kind == ChangeKind::Downgraded);
    CHECK(change(diff, "click").oldVersions == std::vector<std::string>{"8.1.7"});
    CHECK(change(diff, "click").newVersions == std::vector<std::string>{"8.1.6"});
    CHECK(change(diff, "urllib3").kind == ChangeKind::Upgraded);
    CHECK(change(diff, "urllib3").flags == 0);
    CHECK(change(diff, "markdown-it-py").flags == flags({ChangeFlag::DependenciesChanged}));
    CHECK(change(diff, "demo-app").flags == flags({ChangeFlag::DependenciesChanged}));
    CHECK(change(diff, "pygments").flags == flags({ChangeFlag::MarkersChanged}));
    CHECK(change(diff, "old-helper").kind == ChangeKind::Removed);
    CHECK(change(diff, "old-helper").oldVersions == std::vector<std::string>{"0.3.0"});
    CHECK(change(diff, "old-helper").newVersions.empty());
    CHECK(change(diff, "old-helper").newIndex.empty());
}

TEST_CASE("A package locked at several versions compares as a version set", "[diff][uv]")
{
    const auto diff = diffOf(kDiffData / "uv-pair/old/uv.lock", kDiffData / "uv-pair/new/uv.lock");
    const auto& numpy = change(diff, "numpy");
    CHECK(numpy.kind == ChangeKind::Upgraded);
    CHECK(numpy.oldVersions == std::vector<std::string>{"1.26.4", "2.0.0"});
    CHECK(numpy.newVersions == std::vector<std::string>{"1.26.4", "2.1.0"});
    CHECK(numpy.flags == 0);
    CHECK(numpy.before.size() == 2);
}

TEST_CASE("An added package names the chain from a root requirement that brought it in", "[diff][uv]")
{
    const auto diff = diffOf(kDiffData / "uv-pair/old/uv.lock", kDiffData / "uv-pair/new/uv.lock");
    CHECK(change(diff, "tomli").introducedBy == std::vector<std::string>{"demo-app", "tomli"});
    CHECK(change(diff, "linkify-it-py").introducedBy ==
          std::vector<std::string>{"demo-app", "rich", "markdown-it-py", "linkify-it-py"});
    CHECK(change(diff, "uc-micro-py").introducedBy ==
          std::vector<std::string>{"demo-app", "rich", "markdown-it-py", "linkify-it-py", "uc-micro-py"});
    CHECK(change(diff, "click").introducedBy.empty());
}

TEST_CASE("uv.lock against the equivalent pylock.toml compares across formats", "[diff][pylock]")
{
    const auto same = diffOf(kDiffData / "uv-pair/new/uv.lock", kDiffData / "cross-format/pylock.toml");
    // Only the yanked mark recorded by the pylock.toml differs.
    REQUIRE(same.changes.size() == 1);
    CHECK(same.changes[0].name == "urllib3");
    CHECK(same.changes[0].kind == ChangeKind::Changed);
    CHECK(same.changes[0].flags == flags({ChangeFlag::Yanked}));

    const auto diff = diffOf(kDiffData / "uv-pair/old/uv.lock", kDiffData / "cross-format/pylock.toml");
    CHECK(change(diff, "acme-auth").flags == flags({ChangeFlag::IndexChanged, ChangeFlag::HashesChanged}));
    CHECK(change(diff, "urllib3").kind == ChangeKind::Upgraded);
    CHECK(change(diff, "urllib3").flags == flags({ChangeFlag::Yanked}));
    CHECK_FALSE(contains(diff, "pygments"));
    CHECK(change(diff, "linkify-it-py").introducedBy ==
          std::vector<std::string>{"demo-app", "rich", "markdown-it-py", "linkify-it-py"});
}

TEST_CASE("A poetry.lock pair reports a package leaving its private source", "[diff][poetry]")
{
    const auto diff =
        diffOf(kDiffData / "poetry-pair/old/poetry.lock", kDiffData / "poetry-pair/new/poetry.lock");
    CHECK(diff.summary.added == 2);
    CHECK(diff.summary.upgraded == 1);
    CHECK(diff.summary.changed == 3);
    CHECK(diff.summary.removed == 0);
    const auto& billing = change(diff, "acme-billing");
    CHECK(billing.flags == flags({ChangeFlag::IndexChanged}));
    CHECK(billing.oldIndex == "https://nexus.acme.example/repository/pypi-internal/simple");
    CHECK(billing.newIndex == "https://pypi.org/simple");
    CHECK(change(diff, "anyio").kind == ChangeKind::Upgraded);
    CHECK(change(diff, "exceptiongroup").flags == flags({ChangeFlag::MarkersChanged}));
    CHECK(change(diff, "httpx").flags == flags({ChangeFlag::DependenciesChanged}));
    CHECK(change(diff, "h11").introducedBy ==
          std::vector<std::string>{"acme-billing", "httpx", "httpcore", "h11"});
}

TEST_CASE("A requirements.txt pair reports index, hash-only and marker changes", "[diff][requirements]")
{
    const auto diff = diffOf(kDiffData / "requirements-pair/old/requirements.txt",
                             kDiffData / "requirements-pair/new/requirements.txt");
    CHECK(change(diff, "acme-metrics").kind == ChangeKind::Changed);
    CHECK(change(diff, "acme-metrics").flags == flags({ChangeFlag::IndexChanged, ChangeFlag::HashesChanged}));
    CHECK(change(diff, "certifi").flags == flags({ChangeFlag::IndexChanged}));
    CHECK(change(diff, "tomli").flags == flags({ChangeFlag::IndexChanged, ChangeFlag::MarkersChanged}));
    CHECK(change(diff, "requests").kind == ChangeKind::Upgraded);
    CHECK(change(diff, "requests").flags ==
          flags({ChangeFlag::IndexChanged, ChangeFlag::DependenciesChanged}));
    CHECK(change(diff, "idna").kind == ChangeKind::Upgraded);
    CHECK(change(diff, "zipp").kind == ChangeKind::Added);
    CHECK(change(diff, "zipp").introducedBy == std::vector<std::string>{"requests", "zipp"});
    CHECK(diff.summary.total() == 8);
}

TEST_CASE("Identical lockfiles give an empty diff", "[diff]")
{
    for (const char* file : {"uv-pair/old/uv.lock", "poetry-pair/new/poetry.lock",
                             "requirements-pair/new/requirements.txt", "cross-format/pylock.toml"}) {
        const auto diff = diffOf(kDiffData / file, kDiffData / file);
        INFO(file);
        CHECK(diff.empty());
        CHECK(diff.summary.total() == 0);
    }
}

TEST_CASE("In-memory snapshots compare before a resolution is written", "[diff]")
{
    lock::LockSnapshot before;
    before.sourceName = "pylock.toml";
    auto oldA = package("Acme_Lib", "1.0", "https://user:secret@private.example/simple/");
    oldA.wheels.push_back(file("acme_lib-1.0-py3-none-any.whl", "aaaa"));
    before.packages.push_back(oldA);
    before.packages.push_back(package("zlib-ng", "2.0"));

    lock::LockSnapshot after = before;
    after.sourceName = "resolution";

    SECTION("the same index with other credentials, case and a trailing slash is not a change")
    {
        after.packages[0].index = "https://other:token@PRIVATE.example/simple";
        after.packages[0].name = "acme-lib";
        CHECK(diffSnapshots(before, after).empty());
    }
    SECTION("a hash-only change flags the republished artifact")
    {
        after.packages[0].wheels[0].hashes["sha256"] = "bbbb";
        const auto diff = diffSnapshots(before, after);
        REQUIRE(diff.changes.size() == 1);
        CHECK(diff.changes[0].name == "acme-lib");
        CHECK(diff.changes[0].kind == ChangeKind::Changed);
        CHECK(diff.changes[0].flags == flags({ChangeFlag::HashesChanged}));
        // Credentials never show up in the report.
        CHECK(diff.changes[0].oldIndex == "https://user:****@private.example/simple/");
    }
    SECTION("a renamed index host flags index-changed")
    {
        after.packages[0].index = "https://pypi.org/simple";
        const auto diff = diffSnapshots(before, after);
        REQUIRE(diff.changes.size() == 1);
        CHECK(diff.changes[0].flags == flags({ChangeFlag::IndexChanged}));
        CHECK(diff.oldSource == "pylock.toml");
        CHECK(diff.newSource == "resolution");
    }
    SECTION("the index layer can tell which new versions are yanked")
    {
        after.packages[1].version = "2.1";
        DiffOptions options;
        options.isYanked = [](std::string_view name, std::string_view version) -> std::optional<bool> {
            return name == "zlib-ng" && version == "2.1";
        };
        const auto diff = diffSnapshots(before, after, options);
        REQUIRE(diff.changes.size() == 1);
        CHECK(diff.changes[0].kind == ChangeKind::Upgraded);
        CHECK(diff.changes[0].flags == flags({ChangeFlag::Yanked}));
    }
    SECTION("a version set that loses its newest version is a downgrade")
    {
        before.packages.push_back(package("zlib-ng", "3.0"));
        const auto diff = diffSnapshots(before, after);
        REQUIRE(diff.changes.size() == 1);
        CHECK(diff.changes[0].kind == ChangeKind::Downgraded);
        CHECK(diff.changes[0].oldVersions == std::vector<std::string>{"2.0", "3.0"});
        CHECK(diff.changes[0].newVersions == std::vector<std::string>{"2.0"});
    }
    SECTION("without recorded dependencies an added package has no chain")
    {
        after.packages.push_back(package("newcomer", "1.0"));
        const auto diff = diffSnapshots(before, after);
        REQUIRE(diff.changes.size() == 1);
        CHECK(diff.changes[0].kind == ChangeKind::Added);
        CHECK(diff.changes[0].introducedBy.empty());
    }
}

TEST_CASE("Nameless requirements hashes compare by digest", "[diff][requirements]")
{
    const auto before = lock::parseRequirementsTxt("a==1.0 --hash=sha256:aa --hash=sha256:bb\n", "old.txt");
    const auto reordered =
        lock::parseRequirementsTxt("a==1.0 --hash=sha256:bb --hash=sha256:aa\n", "new.txt");
    const auto replaced = lock::parseRequirementsTxt("a==1.0 --hash=sha256:aa --hash=sha256:cc\n", "new.txt");
    const auto otherAlgorithm = lock::parseRequirementsTxt("a==1.0 --hash=sha512:ff\n", "new.txt");
    REQUIRE(before.has_value());
    REQUIRE(reordered.has_value());
    REQUIRE(replaced.has_value());
    REQUIRE(otherAlgorithm.has_value());
    CHECK(diffSnapshots(*before, *reordered).empty());
    const auto diff = diffSnapshots(*before, *replaced);
    REQUIRE(diff.changes.size() == 1);
    CHECK(diff.changes[0].has(ChangeFlag::HashesChanged));
    // No algorithm in common: nothing can be said about the hashes.
    CHECK(diffSnapshots(*before, *otherAlgorithm).empty());
}

TEST_CASE("The lock on disk compares with a proposed snapshot", "[diff]")
{
    auto proposed = lock::readLock(kDiffData / "uv-pair/new/uv.lock");
    REQUIRE(proposed.has_value());
    const auto diff = diffAgainstSnapshot(kDiffData / "uv-pair/old/uv.lock", *proposed);
    REQUIRE(diff.has_value());
    CHECK(diff->summary.total() == 13);
    const auto missing = diffAgainstSnapshot(kDiffData / "nowhere/uv.lock", *proposed);
    REQUIRE_FALSE(missing.has_value());
}

TEST_CASE("Kinds and flags have stable names and explanations", "[diff]")
{
    CHECK(toString(ChangeKind::Downgraded) == "downgraded");
    CHECK(toString(ChangeFlag::IndexChanged) == "index-changed");
    CHECK(toString(ChangeFlag::HashesChanged) == "hashes-changed");
    CHECK(toString(ChangeFlag::DependenciesChanged) == "dependencies-changed");
    CHECK(toString(ChangeFlag::MarkersChanged) == "markers-changed");
    CHECK(toString(ChangeFlag::Yanked) == "yanked");
    for (const auto flag : kAllChangeFlags)
        CHECK_FALSE(explanation(flag).empty());
    CHECK(isSecurityFlag(ChangeFlag::IndexChanged));
    CHECK_FALSE(isSecurityFlag(ChangeFlag::MarkersChanged));
}

TEST_CASE("A project directory's lockfile is found by its standard name", "[diff]")
{
    const auto found = findLockfile(kDiffData / "poetry-pair/new");
    REQUIRE(found.has_value());
    CHECK(found->filename() == "poetry.lock");
    const auto none = findLockfile(kDiffData);
    REQUIRE_FALSE(none.has_value());
    CHECK(none.error().code == ErrorCode::NotFound);
}

TEST_CASE("A uv.lock and a pylock.toml of the same resolution report no changes", "[diff][pylock][marker]")
{
    // Markers written differently (resolution-markers lists against one disjunction, python_version
    // against python_full_version, other quotes), index URLs with another host case, a trailing
    // slash and the default port.
    const auto uv = kDiffData / "cross-format-equivalent/uv.lock";
    const auto pylock = kDiffData / "cross-format-equivalent/pylock.toml";
    CHECK(diffOf(uv, pylock).empty());
    CHECK(diffOf(pylock, uv).empty());

    SECTION("a marker that really changes is flagged")
    {
        const auto before = lock::readLock(uv);
        auto text = readFile(pylock);
        REQUIRE(before.has_value());
        REQUIRE(text.has_value());
        const auto at = text->find("marker = 'python_version <= \"3.10\"'");
        REQUIRE(at != std::string::npos);
        text->replace(at, 35, "marker = 'python_version <= \"3.11\"'");
        const auto after = lock::parsePylock(*text, "pylock.toml");
        REQUIRE(after.has_value());
        const auto diff = diffSnapshots(*before, *after);
        REQUIRE(diff.changes.size() == 1);
        CHECK(diff.changes[0].name == "tomli");
        CHECK(diff.changes[0].kind == ChangeKind::Changed);
        CHECK(diff.changes[0].flags == flags({ChangeFlag::MarkersChanged}));
    }
    SECTION("an index on another host is still flagged")
    {
        const auto before = lock::readLock(uv);
        auto text = readFile(pylock);
        REQUIRE(before.has_value());
        REQUIRE(text.has_value());
        const auto at = text->find("https://PKGS.acme.example:443/simple/");
        REQUIRE(at != std::string::npos);
        text->replace(at, 37, "https://pypi.org/simple/");
        const auto after = lock::parsePylock(*text, "pylock.toml");
        REQUIRE(after.has_value());
        const auto diff = diffSnapshots(*before, *after);
        REQUIRE(diff.changes.size() == 1);
        CHECK(diff.changes[0].name == "acme-core");
        CHECK(diff.changes[0].flags == flags({ChangeFlag::IndexChanged}));
    }
}

TEST_CASE("Markers compare by meaning within one format too", "[diff][marker]")
{
    const auto before =
        lock::parsePylock("lock-version = \"1.0\"\n[[packages]]\nname = \"a\"\nversion = \"1\"\n"
                          "marker = \"python_full_version < '3.12'\"\n",
                          "old/pylock.toml");
    const auto same =
        lock::parsePylock("lock-version = \"1.0\"\n[[packages]]\nname = \"a\"\nversion = \"1\"\n"
                          "marker = 'python_version<\"3.12\"'\n",
                          "new/pylock.toml");
    const auto other =
        lock::parsePylock("lock-version = \"1.0\"\n[[packages]]\nname = \"a\"\nversion = \"1\"\n"
                          "marker = 'python_version<\"3.13\"'\n",
                          "new/pylock.toml");
    REQUIRE(before.has_value());
    REQUIRE(same.has_value());
    REQUIRE(other.has_value());
    CHECK(diffSnapshots(*before, *same).empty());
    const auto diff = diffSnapshots(*before, *other);
    REQUIRE(diff.changes.size() == 1);
    CHECK(diff.changes[0].flags == flags({ChangeFlag::MarkersChanged}));
}
