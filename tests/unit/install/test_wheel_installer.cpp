#include <set>

#include <catch2/catch.hpp>

#include "core/install/installed.h"
#include "core/install/record.h"
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

} // namespace

TEST_CASE("A wheel installs into site-packages, scripts, headers and data with a rewritten RECORD",
          "[install]")
{
    Fixture fixture;
    const auto& venv = fixture.venv;
    const auto installed =
        installWheel(fixture.wheels / "demo_pkg-1.0-py3-none-any.whl", venv, {.requested = true});
    REQUIRE(installed);
    CHECK(installed->name == "demo-pkg");
    CHECK(fs::exists(venv.sitePackages / "demo_pkg" / "__init__.py"));
    CHECK(fs::exists(venv.sitePackages / "demo_extra.py"));
    CHECK(fs::exists(venv.include / "demo_pkg" / "demo.h"));
    CHECK(readFile(venv.root / "share" / "demo_pkg" / "readme.txt") == "demo 1.0\n");
    const auto distInfo = venv.sitePackages / "demo_pkg-1.0.dist-info";
    CHECK(readFile(distInfo / "INSTALLER") == "pindex\n");
    CHECK(fs::exists(distInfo / "REQUESTED"));
    CHECK_FALSE(fs::exists(venv.root / ".pindex-staging"));

    const auto script = readFile(venv.bin / "demo-script");
    REQUIRE(script);
    CHECK(script->starts_with("#!" + venv.python.string() + "\n"));
    const auto ran = test::runProcess({(venv.bin / "demo-script").string()});
    CHECK(ran.exitCode == 0);
    CHECK(ran.out == "script 1.0\n");
    const auto launched = test::runProcess({(venv.bin / "demo").string()});
    CHECK(launched.exitCode == 0);
    CHECK(launched.out == "demo 1.0\n");

    // Every installed file is in RECORD with the hash of what is on disk.
    const auto record = parseRecord(*readFile(distInfo / "RECORD"), "RECORD");
    REQUIRE(record);
    std::set<std::string> listed;
    for (const auto& entry : *record) {
        listed.insert(entry.path);
        if (entry.hash.empty())
            continue;
        const auto content = readFile((venv.sitePackages / entry.path).lexically_normal());
        REQUIRE(content);
        CHECK(recordHash(*content) == entry.hash);
    }
    CHECK(listed.contains("../../../bin/demo"));
    CHECK(listed.contains("../../../bin/demo-gui"));
    CHECK(listed.contains("demo_pkg-1.0.dist-info/INSTALLER"));
    CHECK(listed.contains("demo_pkg-1.0.dist-info/RECORD"));

    const auto all = listInstalled(venv);
    REQUIRE(all);
    REQUIRE(all->size() == 1);
    CHECK(all->front().name == "demo-pkg");
    CHECK(all->front().version == "1.0");
    CHECK(all->front().installer == "pindex");
    CHECK(all->front().requested);
}

TEST_CASE("Uninstalling from RECORD leaves the venv as it was before the install", "[install]")
{
    Fixture fixture;
    const auto before = fixture.snapshot();
    const auto installed = installWheel(fixture.wheels / "demo_pkg-1.0-py3-none-any.whl", fixture.venv,
                                        {.compileBytecode = true});
    REQUIRE(installed);
    CHECK(fs::exists(fixture.venv.sitePackages / "demo_pkg" / "__pycache__"));
    REQUIRE(uninstall(installed->distInfo, fixture.venv));
    CHECK(fixture.snapshot() == before);
}

TEST_CASE("Replacing a distribution removes the old version's files in the same step", "[install]")
{
    Fixture fixture;
    const auto& venv = fixture.venv;
    const auto old = installWheel(fixture.wheels / "demo_pkg-1.0-py3-none-any.whl", venv);
    REQUIRE(old);
    const auto upgraded =
        installWheel(fixture.wheels / "demo_pkg-2.0-py3-none-any.whl", venv, {.replaces = old->distInfo});
    REQUIRE(upgraded);
    CHECK_FALSE(fs::exists(venv.sitePackages / "demo_pkg" / "old.py"));
    CHECK_FALSE(fs::exists(old->distInfo));
    CHECK(fs::exists(venv.sitePackages / "demo_pkg" / "new.py"));
    CHECK(readFile(venv.root / "share" / "demo_pkg" / "readme.txt") == "demo 2.0\n");
    const auto all = listInstalled(venv);
    REQUIRE(all);
    REQUIRE(all->size() == 1);
    CHECK(all->front().version == "2.0");
}

TEST_CASE("Unsafe wheels are refused with a clear error and the venv is unchanged", "[install]")
{
    Fixture fixture;
    const auto old = installWheel(fixture.wheels / "demo_pkg-1.0-py3-none-any.whl", fixture.venv);
    REQUIRE(old);
    const auto before = fixture.snapshot();
    const auto [file, expected] = GENERATE(table<std::string, std::string>({
        {"evil_traversal-1.0-py3-none-any.whl", "leaves the wheel through `..`"},
        {"evil_absolute-1.0-py3-none-any.whl", "has an absolute path"},
        {"evil_link-1.0-py3-none-any.whl", "is a link pointing outside the wheel"},
        {"evil_hash-1.0-py3-none-any.whl", "does not match its RECORD hash"},
        {"evil_unlisted-1.0-py3-none-any.whl", "is not listed in RECORD"},
    }));
    CAPTURE(file);
    const auto installed = installWheel(fixture.wheels / file, fixture.venv, {.replaces = old->distInfo});
    REQUIRE_FALSE(installed);
    CHECK(installed.error().code == ErrorCode::Invalid);
    CHECK(installed.error().message.find(expected) != std::string::npos);
    CHECK(installed.error().message.find(file) != std::string::npos);
    CHECK(fixture.snapshot() == before);
    CHECK_FALSE(fs::exists("/tmp/pindex-evil-absolute.py"));
}

TEST_CASE("A member over the size limit is refused", "[install]")
{
    Fixture fixture;
    const auto before = fixture.snapshot();
    const auto installed =
        installWheel(fixture.wheels / "demo_pkg-1.0-py3-none-any.whl", fixture.venv, {.maxMemberSize = 16});
    REQUIRE_FALSE(installed);
    CHECK(installed.error().message.find("larger than the limit of 16 bytes") != std::string::npos);
    CHECK(fixture.snapshot() == before);
}

TEST_CASE("A cancelled install leaves nothing behind", "[install]")
{
    Fixture fixture;
    const auto before = fixture.snapshot();
    std::stop_source stop;
    stop.request_stop();
    const auto installed =
        installWheel(fixture.wheels / "demo_pkg-1.0-py3-none-any.whl", fixture.venv, {}, stop.get_token());
    REQUIRE_FALSE(installed);
    CHECK(installed.error().code == ErrorCode::Cancelled);
    CHECK(fixture.snapshot() == before);
}
