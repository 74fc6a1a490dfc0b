#include "core/resolver/confusion_check.h"

#include <algorithm>
#include <map>

namespace pindex::resolver {
namespace {

std::string prefixOf(const std::string& package)
{
    const auto dash = package.find_first_of("-_.");
    return dash == std::string::npos || dash == 0 ? std::string() : package.substr(0, dash);
}

std::string explain(const ConfusionFinding& finding, IndexStrategy strategy)
{
    const std::string quotedOther = "'" + finding.otherIndex + "'";
    const std::string quotedIntended = "'" + finding.intendedIndex + "'";
    if (finding.risk == ConfusionRisk::Shadowed) {
        if (strategy == IndexStrategy::UnsafeBestMatch)
            return quotedOther + " also lists " + finding.package +
                   "; with unsafe-best-match a higher version there " + "would be chosen over " +
                   quotedIntended + ". Pinning it keeps it on " + quotedIntended + ".";
        return quotedOther + " is searched before " + quotedIntended + " and also lists " + finding.package +
               ", so it can be taken from there. Pinning it keeps it on " + quotedIntended + ".";
    }
    return quotedIntended + " serves " + finding.package + " today because it is searched first; " +
           quotedOther + " also lists the name and would be used if " + quotedIntended +
           " stopped listing it. Pinning it removes the fallback.";
}

} // namespace

Result<std::vector<ConfusionFinding>> checkConfusion(const ConfusionQuery& query,
                                                     const HasPackage& hasPackage, std::stop_token stop)
{
    std::vector<ConfusionFinding> findings;
    for (const auto& [package, intended] : query.packages) {
        const auto intendedAt = std::ranges::find(query.indexes, intended, &PolicyIndex::name);
        if (intendedAt == query.indexes.end())
            continue; // not a configured index (e.g. a path source): nothing to compare with
        const auto intendedPosition = static_cast<std::size_t>(intendedAt - query.indexes.begin());
        const IndexPlan plan = planIndexes(package, query.indexes, query.pins);
        if (plan.pinnedBy)
            continue; // only its pinned index is ever consulted
        for (const auto position : plan.candidates) {
            if (position == intendedPosition)
                continue;
            if (stop.stop_requested())
                return std::unexpected(makeError(ErrorCode::Cancelled, "the confusion check was cancelled"));
            auto has = hasPackage(position, package);
            if (!has)
                return std::unexpected(has.error());
            if (!*has)
                continue;
            ConfusionFinding finding{.package = package,
                                     .intendedIndex = intended,
                                     .otherIndex = query.indexes[position].name,
                                     .risk = ConfusionRisk::Exposed,
                                     .explanation = {},
                                     .suggestedPattern = {}};
            const bool earlier = position < intendedPosition;
            if (earlier || query.strategy == IndexStrategy::UnsafeBestMatch)
                finding.risk = ConfusionRisk::Shadowed;
            finding.explanation = explain(finding, query.strategy);
            findings.push_back(std::move(finding));
        }
    }
    // A pattern pin is suggested when several findings of one intended index share a name prefix.
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> byPrefix;
    for (const auto& finding : findings) {
        if (const auto prefix = prefixOf(finding.package); !prefix.empty()) {
            auto& packages = byPrefix[{finding.intendedIndex, prefix}];
            if (std::ranges::find(packages, finding.package) == packages.end())
                packages.push_back(finding.package);
        }
    }
    for (auto& finding : findings) {
        const auto prefix = prefixOf(finding.package);
        const auto group = byPrefix.find({finding.intendedIndex, prefix});
        if (!prefix.empty() && group != byPrefix.end() && group->second.size() >= 2)
            finding.suggestedPattern = prefix + "-*";
    }
    std::ranges::stable_sort(findings, [&](const ConfusionFinding& a, const ConfusionFinding& b) {
        return a.package < b.package;
    });
    return findings;
}

} // namespace pindex::resolver
