#include "core/resolver/index_policy.h"

#include <fnmatch.h>

#include "core/standards/name.h"

namespace pindex::resolver {

Result<IndexStrategy> parseIndexStrategy(std::string_view text)
{
    if (text == "first-index" || text.empty()) {
        return IndexStrategy::FirstIndex;
    }
    if (text == "unsafe-first-match") {
        return IndexStrategy::UnsafeFirstMatch;
    }
    if (text == "unsafe-best-match") {
        return IndexStrategy::UnsafeBestMatch;
    }
    auto error = makeError(ErrorCode::Invalid, "Unknown index strategy '" + std::string(text) + "'.");
    error.hint = "Use first-index, unsafe-first-match or unsafe-best-match.";
    return std::unexpected(std::move(error));
}

IndexPlan planIndexes(const std::string& name, const std::vector<PolicyIndex>& indexes, const IndexPins& pins)
{
    IndexPlan plan;
    std::optional<std::string> pinnedIndex;
    if (auto found = pins.sources.find(name); found != pins.sources.end()) {
        pinnedIndex = found->second;
        plan.pinnedBy = "sources";
    } else {
        for (const auto& [glob, index] : pins.patterns) {
            if (fnmatch(standards::canonicalizeName(glob).c_str(), name.c_str(), 0) == 0) {
                pinnedIndex = index;
                plan.pinnedBy = "the pin pattern '" + glob + "'";
                break;
            }
        }
    }
    for (std::size_t i = 0; i < indexes.size(); ++i) {
        if (pinnedIndex ? indexes[i].name == *pinnedIndex : !indexes[i].explicitOnly) {
            plan.candidates.push_back(i);
        }
    }
    return plan;
}

std::string describeOrigin(const std::vector<PolicyIndex>& indexes, const std::vector<std::size_t>& used,
                           const IndexPlan& plan)
{
    std::string names;
    for (auto position : used) {
        names += (names.empty() ? "'" : ", '") + indexes[position].name + "'";
    }
    if (names.empty()) {
        return "no index";
    }
    std::string text = (used.size() == 1 ? "index " : "indexes ") + names;
    if (plan.pinnedBy) {
        text += " (pinned by " + *plan.pinnedBy + ")";
    }
    return text;
}

} // namespace pindex::resolver
