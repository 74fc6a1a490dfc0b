// syncProject end to end: real wheels repacked from Debian's Python packages, served by nginx,
// a pylock.toml with hashes; pip run from the venv judges the result.

#include <algorithm>
#include <atomic>
#include <iterator>
#include <set>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "core/install/installed.h"
#include "core/install/venv.h"
#include "core/util/file_io.h"
#include "tests/integration/install/sync_fixture.h"
#include "tests/support/test_paths.h"

using namespace pindex;
using namespace pindex::install;
namespace fs = std::filesystem;

namespace {

struct Project
{
    test::TempDir dir{"pindex-sync"};
    fs::path project = dir / "project";
    fs::path served = dir / "served";
    fs::path cache = dir / "cache";
    fs::path venv = project / ".venv";
    fs::path python = venv / "bin" / "python";

    Project()
    {
        fs::create_directories(project);
        fs::create_directories(served);
        for (const auto& [name, file] : test::syncWheels().files)
            fs::copy_file(test::syncWheels().directory / file, served / file);
    }

    void writeLock(const std::string& text) const { REQUIRE(writeFileAtomic(project / "pylock.toml", text)); }

    // The expected state: {name: version} of the lock.
    [[nodiscard]] static std::map<std::string, std::string> locked(const std::set<std::string>& without = {})
    {
        std::map<std::string, std::string> expected = test::syncWheels().versions;
        for (const auto& name : without)
            expected.erase(name);
        return expected;
    }
};

bool haveWheels()
{
    const auto& wheels = test::syncWheels();
    if (!wheels.generatorError.empty() || !wheels.files.contains("pip") ||
        !wheels.files.contains("markupsafe")) {
        WARN("Skipped: make_sync_data.py could not repack Debian's Python packages (install the python3-* "
             "packages of installer/debian-deps.sh --list test): "
             << wheels.generatorError);
        return false;
    }
    return true;
}

std::set<std::string> tree(const fs::path& root)
{
    std::set<std::string> entries;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it)
        entries.insert(it->path().lexically_relative(root).string());
    return entries;
}

} // namespace

TEST_CASE("A sync from a hashed pylock.toml over nginx gives a venv pip agrees with", "[install][sync]")
{
    if (!haveWheels())
        return;
    Project project;
    test::NginxFixture server({.root = project.served});
    project.writeLock(test::makeLock(project.served, server.url("/")));

    const auto summary = test::runSync(project.project, project.cache);
    REQUIRE(summary);
    CAPTURE(summary->packages.size());
    CHECK(summary->succeeded());
    CHECK(summary->venvCreated);
    CHECK(summary->count(PackageOutcome::Installed) == test::syncWheels().files.size());
    CHECK(summary->downloadBytes > 0);

    // pip sees exactly the lock, finds it consistent, and the packages work.
    CHECK(test::pipList(project.python) == Project::locked());
    const auto check = test::pip(project.python, {"check"});
    CAPTURE(check.out, check.err);
    CHECK(check.exitCode == 0);
    const auto imported = test::runProcess(
        {project.python.string(), "-c",
         "import six, attr, packaging.version, pyparsing, jinja2, markupsafe, yaml, certifi, idna, urllib3\n"
         "from markupsafe import _speedups\n"
         "print(jinja2.Template('{{ x|e }}').render(x='<b>'), yaml.safe_load('a: 1')['a'])\n"});
    CAPTURE(imported.err);
    CHECK(imported.out == "&lt;b&gt; 1\n");
    const auto script = test::runProcess({(project.venv / "bin" / "pip").string(), "--version"});
    CHECK(script.exitCode == 0);
    CHECK(script.out.starts_with("pip " + test::syncWheels().versions.at("pip")));

    // pip uninstalls what Pindex installed without leaving a file behind (RECORD is right).
    const auto before = tree(project.venv);
    const auto removed = test::pip(project.python, {"uninstall", "-y", "jinja2"});
    REQUIRE(removed.exitCode == 0);
    const auto after = tree(project.venv);
    std::vector<std::string> left;
    std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(left));
    CHECK(left.empty());
    for (const auto& entry : after)
        CHECK_FALSE(entry.find("jinja2") != std::string::npos);
    CHECK_FALSE(
        fs::exists(project.venv / "lib" / ("python" + summary->pythonVersion) / "site-packages" / "jinja2"));
}

TEST_CASE("A second sync changes nothing: no file is rewritten and nothing is downloaded", "[install][sync]")
{
    if (!haveWheels())
        return;
    Project project;
    test::NginxFixture server({.root = project.served});
    project.writeLock(test::makeLock(project.served, server.url("/")));
    REQUIRE(test::runSync(project.project, project.cache));
    const auto requests = server.waitForRequestCount(test::syncWheels().files.size());
    const auto times = test::modificationTimes(project.venv);

    const auto again = test::runSync(project.project, project.cache);
    REQUIRE(again);
    CHECK(again->succeeded());
    CHECK(again->count(PackageOutcome::Unchanged) == test::syncWheels().files.size());
    CHECK(again->downloadBytes == 0);
    CHECK(test::modificationTimes(project.venv) == times);
    CHECK(server.requestCount() == requests);
}

TEST_CASE("Re-syncs converge after an upgrade, a downgrade, a removal and a hash change", "[install][sync]")
{
    if (!haveWheels())
        return;
    Project project;
    // demo_pkg 1.0 and 2.0 from make_test_wheels.py stand for an upgrade and a downgrade.
    test::TempDir demo;
    REQUIRE(test::runProcess({test::kPython.string(), (test::kToolsDir / "make_test_wheels.py").string(),
                              demo.path().string()})
                .exitCode == 0);
    fs::create_directories(project.served / "v1");
    fs::create_directories(project.served / "v2");
    fs::copy_file(demo / "demo_pkg-1.0-py3-none-any.whl",
                  project.served / "v1" / "demo_pkg-1.0-py3-none-any.whl");
    fs::copy_file(demo / "demo_pkg-2.0-py3-none-any.whl",
                  project.served / "v2" / "demo_pkg-2.0-py3-none-any.whl");
    test::NginxFixture server({.root = project.served});
    const auto lockWith = [&](const std::string& demoVersion, const std::vector<std::string>& extra = {}) {
        std::string text = test::makeLock(project.served, server.url("/"), extra);
        const auto folder = demoVersion == "1.0" ? "v1" : "v2";
        text += test::makeLock(project.served / folder, server.url(std::string("/") + folder))
                    .substr(std::string("lock-version = \"1.0\"\ncreated-by = \"make_sync_data\"\n"
                                        "requires-python = \">=3.8\"\n")
                                .size());
        return text;
    };

    project.writeLock(lockWith("1.0"));
    REQUIRE(test::runSync(project.project, project.cache));
    auto expected = Project::locked();
    expected["demo-pkg"] = "1.0";
    CHECK(test::pipList(project.python) == expected);

    SECTION("upgrade, then downgrade")
    {
        project.writeLock(lockWith("2.0"));
        auto upgraded = test::runSync(project.project, project.cache);
        REQUIRE(upgraded);
        CHECK(upgraded->count(PackageOutcome::Upgraded) == 1);
        expected["demo-pkg"] = "2.0";
        CHECK(test::pipList(project.python) == expected);
        CHECK(test::runProcess({(project.venv / "bin" / "demo").string()}).out == "demo 2.0\n");

        project.writeLock(lockWith("1.0"));
        auto downgraded = test::runSync(project.project, project.cache);
        REQUIRE(downgraded);
        CHECK(downgraded->count(PackageOutcome::Downgraded) == 1);
        expected["demo-pkg"] = "1.0";
        CHECK(test::pipList(project.python) == expected);
    }
    SECTION("removal, and --inexact keeping what the lock no longer names")
    {
        project.writeLock(lockWith("1.0", {"--exclude", "six"}));
        auto inexact = test::runSync(project.project, project.cache, {.inexact = true});
        REQUIRE(inexact);
        CHECK(inexact->count(PackageOutcome::Removed) == 0);
        CHECK(test::pipList(project.python) == expected);

        auto exact = test::runSync(project.project, project.cache);
        REQUIRE(exact);
        CHECK(exact->count(PackageOutcome::Removed) == 1);
        expected.erase("six");
        CHECK(test::pipList(project.python) == expected);
        CHECK(test::runProcess({project.python.string(), "-c", "import six"}).exitCode != 0);
    }
    SECTION("hash change: same version, another file")
    {
        const auto file = test::syncWheels().files.at("six");
        REQUIRE(test::runProcess({test::kPython.string(), (test::kToolsDir / "make_sync_data.py").string(),
                                  "rezip", (project.served / file).string(), (project.dir / file).string()})
                    .exitCode == 0);
        fs::copy_file(project.dir / file, project.served / file, fs::copy_options::overwrite_existing);
        project.writeLock(lockWith("1.0"));
        auto reinstalled = test::runSync(project.project, project.cache);
        REQUIRE(reinstalled);
        CHECK(reinstalled->count(PackageOutcome::Reinstalled) == 1);
        const auto six = std::ranges::find(reinstalled->packages, std::string("six"), &PackageResult::name);
        REQUIRE(six != reinstalled->packages.end());
        CHECK(six->outcome == PackageOutcome::Reinstalled);
        CHECK(reinstalled->count(PackageOutcome::Unchanged) == expected.size() - 1);
    }
    // Whatever changed, the next sync is a no-op and pip is content.
    const auto settled = test::runSync(project.project, project.cache);
    REQUIRE(settled);
    CHECK(settled->count(PackageOutcome::Unchanged) == settled->packages.size());
    CHECK(test::pip(project.python, {"check"}).exitCode == 0);
}

TEST_CASE("A warm cache installs a fresh venv without the network, by hardlink from the wheel cache",
          "[install][sync]")
{
    if (!haveWheels())
        return;
    Project project;
    {
        test::NginxFixture server({.root = project.served});
        project.writeLock(test::makeLock(project.served, server.url("/")));
        REQUIRE(test::runSync(project.project, project.cache));
    } // the server is gone
    fs::remove_all(project.venv);
    const auto warm = test::runSync(project.project, project.cache, {.offline = true});
    REQUIRE(warm);
    CHECK(warm->succeeded());
    CHECK(warm->downloadBytes == 0);
    CHECK(test::pipList(project.python) == Project::locked());
    // Files come out of the unpacked-wheel cache as hard links (same filesystem here).
    const auto venv = venvLayout(project.venv, warm->pythonVersion);
    struct stat info
    {};
    REQUIRE(::stat((venv.sitePackages / "six.py").c_str(), &info) == 0);
    CHECK(info.st_nlink >= 2);
}

TEST_CASE("A lock without hashes is refused unless unhashed files are allowed", "[install][sync]")
{
    if (!haveWheels())
        return;
    Project project;
    test::NginxFixture server({.root = project.served});
    project.writeLock(test::makeLock(project.served, server.url("/"), {"--only", "six", "--no-hashes"}));
    const auto refused = test::runSync(project.project, project.cache);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("no sha256 for six") != std::string::npos);
    CHECK_FALSE(fs::exists(project.venv / "lib"));

    const auto allowed = test::runSync(project.project, project.cache, {.allowUnhashed = true});
    REQUIRE(allowed);
    CHECK(allowed->count(PackageOutcome::Installed) == 1);
    // Installed from an unverified file, it is still recorded by its actual hash: a re-sync is a no-op.
    const auto again = test::runSync(project.project, project.cache, {.allowUnhashed = true});
    REQUIRE(again);
    CHECK(again->count(PackageOutcome::Unchanged) == 1);
}

TEST_CASE("A dry run reports the plan and changes nothing", "[install][sync]")
{
    if (!haveWheels())
        return;
    Project project;
    test::NginxFixture server({.root = project.served});
    project.writeLock(test::makeLock(project.served, server.url("/")));
    const auto plan = test::runSync(project.project, project.cache, {.dryRun = true});
    REQUIRE(plan);
    CHECK(plan->dryRun);
    CHECK(plan->count(PackageOutcome::Installed) == test::syncWheels().files.size());
    CHECK_FALSE(fs::exists(project.venv));
    CHECK(server.requestCount() == 0);
}

TEST_CASE("A locked sdist is reported by name as not yet supported and nothing changes", "[install][sync]")
{
    if (!haveWheels())
        return;
    Project project;
    test::NginxFixture server({.root = project.served});
    std::string text = test::makeLock(project.served, server.url("/"), {"--only", "six"});
    text +=
        "[[packages]]\nname = \"needs-build\"\nversion = \"1.0\"\n\n[packages.sdist]\n"
        "name = \"needs_build-1.0.tar.gz\"\nurl = \"" +
        server.url("/needs_build-1.0.tar.gz") +
        "\"\nhashes = { sha256 = \"0000000000000000000000000000000000000000000000000000000000000000\" }\n";
    project.writeLock(text);
    const auto summary = test::runSync(project.project, project.cache);
    REQUIRE(summary);
    CHECK_FALSE(summary->succeeded());
    REQUIRE(summary->unsupported.size() == 1);
    CHECK(summary->unsupported.front().message.find("needs-build") != std::string::npos);
    CHECK(summary->unsupported.front().message.find("needs a build") != std::string::npos);
    CHECK(summary->count(PackageOutcome::NotStarted) == 1);
    CHECK(listInstalled(venvLayout(project.venv, summary->pythonVersion))->empty());
}

TEST_CASE("Progress reaches the observer: the plan, bytes, and each package's end", "[install][sync]")
{
    if (!haveWheels())
        return;
    Project project;
    test::NginxFixture server({.root = project.served});
    project.writeLock(test::makeLock(project.served, server.url("/"), {"--only", "six,idna,certifi"}));
    struct Recorder : SyncProgressObserver
    {
        std::size_t plannedCount = 0;
        std::uint64_t bytes = 0;
        std::set<std::string> finishedNames;
        bool sawFinishedPhase = false;
        void planned(const SyncSummary& plan) override { plannedCount = plan.packages.size(); }
        void overall(const SyncProgress& progress) override
        {
            bytes = std::max(bytes, progress.bytesDone);
            sawFinishedPhase = sawFinishedPhase || progress.phase == SyncPhase::Finished;
        }
        void finished(const PackageResult& result) override { finishedNames.insert(result.name); }
    } recorder;
    const auto summary = test::runSync(project.project, project.cache, {}, &recorder);
    REQUIRE(summary);
    CHECK(recorder.plannedCount == 3);
    CHECK(recorder.bytes == summary->downloadBytes);
    CHECK(recorder.finishedNames == std::set<std::string>{"certifi", "idna", "six"});
    CHECK(recorder.sawFinishedPhase);
}

TEST_CASE("Wheels sharing a namespace file and a script name install together while others run in "
          "parallel",
          "[install][sync]")
{
    // Two distributions writing ns/__init__.py and bin/shared-tool (as pkg_resources-style namespace
    // packages do), next to a dozen independent ones that the sync installs in parallel.
    test::TempDir dir{"pindex-sync-shared"};
    const fs::path wheels = dir / "wheels";
    const fs::path project = dir / "project";
    fs::create_directories(project);
    const std::string script = R"PY(
import sys
sys.path.insert(0, sys.argv[1])
import make_sync_data as m
out = sys.argv[2]
m.command_synthetic([out, "12"])
for name, mine in (("ns-a", "a"), ("ns-b", "b")):
    files = [("ns/__init__.py", b"__path__ = __import__('pkgutil').extend_path(__path__, __name__)\n"),
             (f"ns/{mine}.py", f"WHO = {mine!r}\n".encode())]
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n".encode()
    points = b"[console_scripts]\nshared-tool = ns." + mine.encode() + b":WHO\n"
    m.write_wheel(out, m.Distribution(name, "1.0", metadata, files, points, False))
)PY";
    const auto made =
        test::runProcess({test::kPython.string(), "-c", script, test::kToolsDir.string(), wheels.string()});
    REQUIRE(made.exitCode == 0);
    test::NginxFixture server({.root = wheels});
    REQUIRE(writeFileAtomic(project / "pylock.toml", test::makeLock(wheels, server.url("/"))));

    const auto synced = test::runSync(project, dir / "cache");
    REQUIRE(synced);
    CHECK(synced->succeeded());
    CHECK(synced->count(PackageOutcome::Installed) == 14U);
    const auto venv = venvLayout(project / ".venv", synced->pythonVersion);
    CHECK(fs::exists(venv.sitePackages / "ns" / "__init__.py"));
    CHECK(fs::exists(venv.sitePackages / "ns" / "a.py"));
    CHECK(fs::exists(venv.sitePackages / "ns" / "b.py"));
    CHECK(fs::exists(venv.bin / "shared-tool"));
    CHECK_FALSE(fs::exists(project / ".venv" / ".pindex-staging"));
    const auto installed = listInstalled(venv);
    REQUIRE(installed);
    CHECK(installed->size() == 14U);

    const auto again = test::runSync(project, dir / "cache");
    REQUIRE(again);
    CHECK(again->count(PackageOutcome::Unchanged) == 14U);
}
