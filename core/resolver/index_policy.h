#pragma once

// Which indexes may serve a package, and how their versions combine: the index strategies of uv
// plus Pindex's pins (`[tool.uv.sources]` and pattern pins), which also hold for transitive
// packages. Pure functions for sources that hold no IndexSet (the in-memory scenario source) and for
// the dependency-confusion check; IndexSource uses core/index's IndexSet, which follows the same
// rules (and uv's error semantics).
//
// Rules: indexes are given in priority order with the default index last; an explicit index only
// serves packages pinned to it; a pin restricts a package to its index even when that index lacks
// a satisfying version. first-index uses the first index that has the package at all;
// unsafe-first-match tries every index's versions in index order; unsafe-best-match merges them.
// A version several indexes serve comes from the earliest of them.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/index/index_set.h"
#include "core/util/error.h"

namespace pindex::resolver {

// The strategy is core/index's; IndexSource hands it to the IndexSet.
using IndexStrategy = index::IndexStrategy;

[[nodiscard]] Result<IndexStrategy> parseIndexStrategy(std::string_view text);

struct PolicyIndex
{
    std::string name;
    bool explicitOnly = false;
};

struct IndexPins
{
    std::map<std::string, std::string> sources;                // canonical package -> index
    std::vector<std::pair<std::string, std::string>> patterns; // glob -> index, first match wins
};

struct IndexPlan
{
    std::vector<std::size_t> candidates; // positions of the indexes to consult, in order
    std::optional<std::string> pinnedBy; // "sources" or "the pin pattern 'acme-*'"
};

// The indexes to consult for a package.
[[nodiscard]] IndexPlan planIndexes(const std::string& name, const std::vector<PolicyIndex>& indexes,
                                    const IndexPins& pins);

// Of the planned indexes, those whose versions are used (first-index keeps only the first one that
// has the package; a pin or another strategy keeps all). hasPackage(i) tells whether index i
// serves the package.
template <typename HasPackage>
[[nodiscard]] std::vector<std::size_t> usedIndexes(const IndexPlan& plan, IndexStrategy strategy,
                                                   HasPackage hasPackage)
{
    if (plan.pinnedBy || strategy != IndexStrategy::FirstIndex) {
        return plan.candidates;
    }
    for (auto position : plan.candidates) {
        if (hasPackage(position)) {
            return {position};
        }
    }
    return plan.candidates;
}

// "index 'private' (pinned by sources)", "indexes 'a', 'pypi'".
[[nodiscard]] std::string describeOrigin(const std::vector<PolicyIndex>& indexes,
                                         const std::vector<std::size_t>& used, const IndexPlan& plan);

} // namespace pindex::resolver
