#include <map>

#include <catch2/catch.hpp>

#include "core/index/sha256.h"
#include "core/install/sync_executor.h"
#include "core/util/file_io.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"
#include "tests/unit/install/venv_fixture.h"

using namespace pindex;
using namespace pindex::install;
namespace fs = std::filesystem;

namespace {

struct SyncFixture : test::VenvFixture
{
    [[nodiscard]] SyncArtifact artifact(const std::string& version) const
    {
        const auto wheel = wheels / ("demo_pkg-" + version + "-py3-none-any.whl");
        return {wheel, index::sha256Hex(*readFile(wheel)), true};
    }

    [[nodiscard]] SyncReport sync(const std::string& version, const SyncArtifact& artifact) const
    {
        const auto installed = listInstalled(venv);
        REQUIRE(installed);
        const auto plan =
            planSync(*installed, {{.name = "demo-pkg", .version = version, .requested = true}}, false);
        return executeSync(plan, venv, {{"demo-pkg", artifact}});
    }

    [[nodiscard]] std::map<std::string, fs::file_time_type> times() const
    {
        std::map<std::string, fs::file_time_type> result;
        for (auto it = fs::recursive_directory_iterator(venv.root); it != fs::recursive_directory_iterator();
             ++it)
            result[it->path().string()] = fs::symlink_status(it->path()).type() == fs::file_type::symlink
                                              ? fs::file_time_type{}
                                              : it->last_write_time();
        return result;
    }
};

} // namespace

TEST_CASE("Syncing installs, upgrades, downgrades and a no-op sync touches nothing", "[install]")
{
    SyncFixture fixture;
    auto report = fixture.sync("1.0", fixture.artifact("1.0"));
    REQUIRE(report.outcomes.size() == 1);
    CHECK(report.count(SyncActionKind::Install) == 1);
    report = fixture.sync("2.0", fixture.artifact("2.0"));
    CHECK(report.count(SyncActionKind::Upgrade) == 1);
    CHECK(fs::exists(fixture.venv.sitePackages / "demo_pkg" / "new.py"));
    report = fixture.sync("1.0", fixture.artifact("1.0"));
    CHECK(report.count(SyncActionKind::Downgrade) == 1);
    CHECK(fs::exists(fixture.venv.sitePackages / "demo_pkg" / "old.py"));
    CHECK_FALSE(fs::exists(fixture.venv.sitePackages / "demo_pkg" / "new.py"));

    const auto before = fixture.times();
    report = fixture.sync("1.0", fixture.artifact("1.0"));
    CHECK(report.outcomes.empty());
    CHECK(fixture.times() == before);
}

TEST_CASE("A file whose hash differs from the lock is not installed and the old version stays", "[install]")
{
    SyncFixture fixture;
    REQUIRE(fixture.sync("1.0", fixture.artifact("1.0")).failures() == 0);
    auto corrupted = fixture.artifact("2.0");
    corrupted.sha256 = index::sha256Hex("something else");
    const auto report = fixture.sync("2.0", corrupted);
    REQUIRE(report.outcomes.size() == 1);
    CHECK_FALSE(report.outcomes[0].applied);
    REQUIRE(report.outcomes[0].error);
    CHECK(report.outcomes[0].error->message.find("does not match the lock's hash") != std::string::npos);
    const auto installed = listInstalled(fixture.venv);
    REQUIRE(installed);
    REQUIRE(installed->size() == 1);
    CHECK(installed->front().version == "1.0");
    CHECK(fs::exists(fixture.venv.sitePackages / "demo_pkg" / "old.py"));
}

TEST_CASE("A target without a hash is refused unless allowed explicitly", "[install]")
{
    SyncFixture fixture;
    auto unhashed = fixture.artifact("1.0");
    unhashed.sha256.clear();
    const auto report = fixture.sync("1.0", unhashed);
    REQUIRE(report.outcomes.size() == 1);
    CHECK_FALSE(report.outcomes[0].applied);
    CHECK(report.outcomes[0].error->message.find("has no hash") != std::string::npos);
    CHECK(listInstalled(fixture.venv)->empty());
}

TEST_CASE("Removing an extraneous package takes all its files", "[install]")
{
    SyncFixture fixture;
    REQUIRE(fixture.sync("1.0", fixture.artifact("1.0")).failures() == 0);
    const auto installed = listInstalled(fixture.venv);
    REQUIRE(installed);
    const auto plan = planSync(*installed, {}, false);
    const auto report = executeSync(plan, fixture.venv, {});
    CHECK(report.count(SyncActionKind::Remove) == 1);
    CHECK(listInstalled(fixture.venv)->empty());
    CHECK_FALSE(fs::exists(fixture.venv.sitePackages / "demo_pkg"));
    CHECK_FALSE(fs::exists(fixture.venv.bin / "demo"));
}
