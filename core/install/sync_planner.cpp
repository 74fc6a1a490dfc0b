#include "core/install/sync_planner.h"

#include <algorithm>
#include <map>

#include "core/standards/version.h"

namespace pindex::install {

namespace {

// Ordering of two version strings: PEP 440 when both parse, text otherwise.
int compareVersions(const std::string& a, const std::string& b)
{
    const auto left = standards::Version::parse(a);
    const auto right = standards::Version::parse(b);
    if (left && right) {
        const auto order = *left <=> *right;
        return order < 0 ? -1 : (order > 0 ? 1 : 0);
    }
    return a < b ? -1 : (a > b ? 1 : 0);
}

} // namespace

SyncPlan planSync(const std::vector<InstalledDistribution>& installed,
                  const std::vector<TargetPackage>& target, bool inexact)
{
    std::map<std::string, const InstalledDistribution*> present;
    for (const auto& distribution : installed)
        present.emplace(distribution.name, &distribution);
    std::map<std::string, const TargetPackage*> wanted;
    for (const auto& package : target)
        wanted.emplace(package.name, &package);

    SyncPlan plan;
    for (const auto& [name, package] : wanted) {
        const auto found = present.find(name);
        if (found == present.end()) {
            plan.actions.push_back({SyncActionKind::Install, name, "", package->version, std::nullopt});
            continue;
        }
        const auto& current = *found->second;
        const int order = compareVersions(current.version, package->version);
        if (order == 0 && !package->reinstall) {
            plan.unchanged.push_back(name);
            continue;
        }
        const auto kind = order == 0 ? SyncActionKind::Reinstall
                                     : (order < 0 ? SyncActionKind::Upgrade : SyncActionKind::Downgrade);
        plan.actions.push_back({kind, name, current.version, package->version, current.distInfo});
    }
    if (!inexact) {
        for (const auto& [name, distribution] : present)
            if (!wanted.contains(name))
                plan.actions.push_back(
                    {SyncActionKind::Remove, name, distribution->version, "", distribution->distInfo});
    }
    std::sort(plan.actions.begin(), plan.actions.end(),
              [](const SyncAction& a, const SyncAction& b) { return a.name < b.name; });
    return plan;
}

} // namespace pindex::install
