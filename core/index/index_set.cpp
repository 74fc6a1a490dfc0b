#include "core/index/index_set.h"

#include <algorithm>
#include <fnmatch.h>

#include "core/index/flat_index.h"
#include "core/standards/name.h"

namespace pindex::index {
namespace {

bool isIgnored(const IndexClient& client, int status)
{
    return std::ranges::find(client.config().ignoreErrorCodes, status) !=
           client.config().ignoreErrorCodes.end();
}

// The files of `package` on a page, with the version their names carry (standards' wheel and sdist
// name parsing); files of other projects and names without a valid version are left out.
std::vector<Candidate> candidatesOf(const ProjectPage& page, std::string_view package,
                                    const std::string& indexName)
{
    std::vector<Candidate> candidates;
    candidates.reserve(page.files.size());
    for (const auto& file : page.files) {
        auto parsed = distributionNameOf(file.filename);
        if (!parsed || parsed->name != package)
            continue;
        candidates.push_back({std::move(parsed->version), file, indexName});
    }
    return candidates;
}

void sortNewestFirst(std::vector<Candidate>& candidates)
{
    std::ranges::stable_sort(candidates,
                             [](const Candidate& a, const Candidate& b) { return b.version < a.version; });
}

} // namespace

std::optional<IndexStrategy> parseIndexStrategy(std::string_view text)
{
    if (text == "first-index")
        return IndexStrategy::FirstIndex;
    if (text == "unsafe-first-match")
        return IndexStrategy::UnsafeFirstMatch;
    if (text == "unsafe-best-match")
        return IndexStrategy::UnsafeBestMatch;
    return std::nullopt;
}

std::string_view toString(IndexStrategy strategy)
{
    switch (strategy) {
    case IndexStrategy::FirstIndex: return "first-index";
    case IndexStrategy::UnsafeFirstMatch: return "unsafe-first-match";
    case IndexStrategy::UnsafeBestMatch: return "unsafe-best-match";
    }
    return "first-index";
}

std::vector<IndexConfig> withImplicitDefault(std::vector<IndexConfig> configs)
{
    if (std::ranges::none_of(configs, &IndexConfig::isDefault))
        configs.push_back({.name = "pypi", .url = kPypiSimpleUrl, .isDefault = true});
    return configs;
}

IndexSet::IndexSet(std::vector<IndexClient*> clients, IndexStrategy strategy, IndexPins pins)
    : m_clients(std::move(clients))
    , m_strategy(strategy)
    , m_pins(std::move(pins))
{
    std::map<std::string, std::string> canonical;
    for (auto& [package, index] : m_pins.packages)
        canonical[standards::canonicalizeName(package)] = index;
    m_pins.packages = std::move(canonical);
}

std::vector<IndexClient*> IndexSet::orderedClients() const
{
    std::vector<IndexClient*> order;
    for (auto* client : m_clients) {
        if (!client->config().isExplicit && !client->config().isDefault)
            order.push_back(client);
    }
    for (auto* client : m_clients) {
        if (!client->config().isExplicit && client->config().isDefault)
            order.push_back(client);
    }
    return order;
}

std::vector<const IndexClient*> IndexSet::searchOrder() const
{
    const auto order = orderedClients();
    return {order.begin(), order.end()};
}

IndexClient* IndexSet::find(std::string_view name) const
{
    for (auto* client : m_clients) {
        if (client->config().name == name)
            return client;
    }
    return nullptr;
}

Result<std::optional<std::pair<std::string, std::string>>> IndexSet::pinFor(std::string_view package) const
{
    const std::string name = standards::canonicalizeName(package);
    std::optional<std::pair<std::string, std::string>> pin;
    if (const auto direct = m_pins.packages.find(name); direct != m_pins.packages.end()) {
        pin = std::pair{direct->second, name};
    } else {
        for (const auto& [pattern, index] : m_pins.patterns) {
            if (::fnmatch(standards::canonicalizeName(pattern).c_str(), name.c_str(), 0) == 0 ||
                ::fnmatch(pattern.c_str(), name.c_str(), 0) == 0) {
                pin = std::pair{index, pattern};
                break;
            }
        }
    }
    if (pin && find(pin->first) == nullptr) {
        Error error = makeError(ErrorCode::Invalid, "the package " + name + " is pinned (" + pin->second +
                                                        ") to the index \"" + pin->first +
                                                        "\", which is not configured");
        error.indexName = pin->first;
        return std::unexpected(std::move(error));
    }
    return pin;
}

Result<CandidateSet> IndexSet::candidates(std::string_view package,
                                          const standards::SpecifierSet* requirement, std::stop_token stop)
{
    CandidateSet result;
    result.package = standards::canonicalizeName(package);
    const auto pin = pinFor(result.package);
    if (!pin)
        return std::unexpected(pin.error());

    std::vector<IndexClient*> order;
    if (*pin) {
        result.pinnedTo = (*pin)->first;
        result.pinRule = (*pin)->second;
        order.push_back(find((*pin)->first));
    } else {
        order = orderedClients();
    }

    for (IndexClient* client : order) {
        if (stop.stop_requested())
            return std::unexpected(makeError(ErrorCode::Cancelled, "the index search was cancelled"));
        result.consulted.push_back(client->config().name);
        auto page = client->projectPage(result.package, stop);
        if (!page) {
            const int status = page.error().httpStatus;
            if (status != 0 && isIgnored(*client, status))
                continue; // counts as "not here"
            const bool denied = status == 401 || status == 403;
            if (denied && m_strategy != IndexStrategy::FirstIndex && !*pin)
                continue;
            return std::unexpected(page.error());
        }
        if (!page->has_value())
            continue; // 404: not here, try the next index
        auto found = candidatesOf(**page, result.package, client->config().name);
        if (m_strategy == IndexStrategy::UnsafeBestMatch && !*pin) {
            std::ranges::move(found, std::back_inserter(result.candidates));
            continue;
        }
        if (m_strategy == IndexStrategy::UnsafeFirstMatch && !*pin && requirement != nullptr) {
            const bool satisfies = std::ranges::any_of(
                found, [&](const Candidate& candidate) { return requirement->contains(candidate.version); });
            if (!satisfies)
                continue;
        }
        result.candidates = std::move(found);
        break;
    }
    sortNewestFirst(result.candidates);
    return result;
}

} // namespace pindex::index
