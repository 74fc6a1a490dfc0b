#include <catch2/catch.hpp>

#include "core/install/sync_planner.h"

using namespace pindex::install;

namespace {

InstalledDistribution installedPackage(std::string name, std::string version)
{
    InstalledDistribution distribution;
    distribution.distInfo = "/venv/lib/python3.11/site-packages/" + name + "-" + version + ".dist-info";
    distribution.name = std::move(name);
    distribution.version = std::move(version);
    return distribution;
}

} // namespace

TEST_CASE("The sync plan installs, upgrades, downgrades, reinstalls and removes, leaving matches alone",
          "[install]")
{
    const std::vector<InstalledDistribution> installed{
        installedPackage("attrs", "23.1.0"),   installedPackage("idna", "3.10"),
        installedPackage("six", "1.16.0"),     installedPackage("urllib3", "2.0.0"),
        installedPackage("extra-tool", "1.0"), installedPackage("certifi", "2024.2.2")};
    const std::vector<TargetPackage> target{
        {.name = "attrs", .version = "23.1"},      {.name = "idna", .version = "3.4"},
        {.name = "six", .version = "1.17.0"},      {.name = "urllib3", .version = "2.0.0", .reinstall = true},
        {.name = "requests", .version = "2.31.0"}, {.name = "certifi", .version = "2024.2.2"}};
    const auto plan = planSync(installed, target, false);
    REQUIRE(plan.actions.size() == 5);
    CHECK(plan.actions[0].name == "extra-tool");
    CHECK(plan.actions[0].kind == SyncActionKind::Remove);
    CHECK(plan.actions[1].kind == SyncActionKind::Downgrade);
    CHECK(plan.actions[1].fromVersion == "3.10");
    CHECK(plan.actions[2].kind == SyncActionKind::Install);
    CHECK(plan.actions[2].name == "requests");
    CHECK_FALSE(plan.actions[2].installedDistInfo);
    CHECK(plan.actions[3].kind == SyncActionKind::Upgrade);
    CHECK(plan.actions[4].kind == SyncActionKind::Reinstall);
    CHECK(plan.unchanged == std::vector<std::string>{"attrs", "certifi"});
}

TEST_CASE("An inexact sync keeps packages the target does not name", "[install]")
{
    const auto plan = planSync({installedPackage("extra-tool", "1.0")}, {}, true);
    CHECK(plan.actions.empty());
    CHECK(plan.unchanged.empty());
}
