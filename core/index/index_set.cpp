#include "core/index/index_set.h"

#include <algorithm>
#include <fnmatch.h>
#include <future>
#include <numeric>

#include "core/index/flat_index.h"
#include "core/standards/name.h"
#include "core/util/blocking.h"

namespace pindex::index {
namespace {

bool isIgnored(const IndexClient& client, int status)
{
    return std::ranges::find(client.config().ignoreErrorCodes, status) !=
           client.config().ignoreErrorCodes.end();
}

// The files of `package` on a page, with the version their names carry (standards' wheel and sdist
// name parsing); files of other projects and names without a valid version are left out. The
// files are moved out of `page`.
std::vector<Candidate> candidatesOf(ProjectPage& page, std::string_view package, const std::string& indexName)
{
    std::vector<Candidate> candidates;
    candidates.reserve(page.files.size());
    standards::WheelNameReader wheels; // a release's wheels follow one another on a page
    const bool summary = page.text != nullptr;
    for (std::size_t i = 0; i < page.files.size(); ++i) {
        auto& file = page.files[i];
        auto parsed = distributionNameOf(file.filename, wheels);
        if (!parsed || parsed->name != package)
            continue;
        auto& candidate = candidates.emplace_back(Candidate{
            .version = std::move(parsed->version), .file = std::move(file), .indexName = indexName});
        if (summary) {
            candidate.page = page.text;
            candidate.entry = page.entries[i];
        }
    }
    return candidates;
}

// Sorts positions, then puts each candidate in its place within the vector (a candidate carries a
// whole file, which a sort would move many times, and a second vector would be fresh memory to
// fault in for every file of the page). A page lists its files by name, most often, which is
// oldest first only roughly: the order is a permutation, applied cycle by cycle.
void sortNewestFirst(std::vector<Candidate>& candidates)
{
    std::vector<std::uint32_t> order(candidates.size());
    std::iota(order.begin(), order.end(), std::uint32_t{0});
    std::ranges::stable_sort(order, [&candidates](std::uint32_t a, std::uint32_t b) {
        return candidates[b].version < candidates[a].version;
    });
    // order[k]: the position whose candidate goes to k. Following a cycle from k, each position
    // takes the candidate it wants and is marked done (order[k] == k).
    for (std::uint32_t start = 0; start < order.size(); ++start) {
        if (order[start] == start)
            continue;
        Candidate held = std::move(candidates[start]);
        std::uint32_t at = start;
        while (order[at] != start) {
            const std::uint32_t from = order[at];
            candidates[at] = std::move(candidates[from]);
            order[at] = at;
            at = from;
        }
        candidates[at] = std::move(held);
        order[at] = at;
    }
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

struct IndexSet::Search
{
    CandidateSet result;
    std::vector<IndexClient*> order; // the indexes to search, in order
    std::size_t next = 0;            // the first of `order` not asked yet
    bool pinned = false;
    bool finished = false;
    std::optional<Error> error;
};

namespace {

// Runs `work(i)` for every i in [0, count), the first on this thread and the rest on their own.
// Waiting for the others blocks this thread (a fiber's too): the pool whose task it runs may start
// another thread meanwhile.
template <typename Work>
void inParallel(std::size_t count, Work work)
{
    std::vector<std::future<void>> others;
    for (std::size_t i = 1; i < count; ++i)
        others.push_back(std::async(std::launch::async, [&work, i] { work(i); }));
    if (count > 0)
        work(0);
    if (others.empty())
        return;
    const util::BlockingScope waiting;
    for (auto& other : others)
        other.get();
}

} // namespace

std::vector<Result<CandidateSet>> IndexSet::search(std::span<const std::string> packages,
                                                   const standards::SpecifierSet* requirement,
                                                   bool keepEveryIndex, std::stop_token stop,
                                                   PageDetail detail)
{
    // Strategies that look at every index ask them all at once.
    const bool merging = m_strategy == IndexStrategy::UnsafeBestMatch ||
                         (m_strategy == IndexStrategy::UnsafeFirstMatch && keepEveryIndex);
    std::vector<Search> searches(packages.size());
    for (std::size_t i = 0; i < packages.size(); ++i) {
        Search& search = searches[i];
        search.result.package = standards::canonicalizeName(packages[i]);
        const auto pin = pinFor(search.result.package);
        if (!pin) {
            search.error = pin.error();
            search.finished = true;
            continue;
        }
        if (*pin) {
            search.pinned = true;
            search.result.pinnedTo = (*pin)->first;
            search.result.pinRule = (*pin)->second;
            search.result.pinnedByPattern = (*pin)->second != search.result.package;
            search.order.push_back(find((*pin)->first));
        } else {
            search.order = orderedClients();
        }
        search.finished = search.order.empty();
    }

    // One page answer for one search, in index order; false once the search is over.
    const auto apply = [&](Search& search, IndexClient* client, Result<std::optional<ProjectPage>>& page) {
        CandidateSet& result = search.result;
        const auto rank = static_cast<std::uint32_t>(result.consulted.size());
        result.consulted.push_back(client->config().name);
        if (!page) {
            const int status = page.error().httpStatus;
            if (status != 0 && isIgnored(*client, status))
                return true; // counts as "not here"
            const bool denied = status == 401 || status == 403;
            if (denied && m_strategy != IndexStrategy::FirstIndex && !search.pinned)
                return true;
            search.error = page.error();
            return false;
        }
        if (!page->has_value())
            return true; // 404: not here, try the next index
        auto found = candidatesOf(**page, result.package, client->config().name);
        for (auto& candidate : found)
            candidate.rank = rank;
        if (merging && !search.pinned) {
            std::ranges::move(found, std::back_inserter(result.candidates));
            result.served.push_back(client->config().name);
            return true;
        }
        if (m_strategy == IndexStrategy::UnsafeFirstMatch && !search.pinned && requirement != nullptr) {
            const bool satisfies = std::ranges::any_of(
                found, [&](const Candidate& candidate) { return requirement->contains(candidate.version); });
            if (!satisfies)
                return true;
        }
        result.candidates = std::move(found);
        result.served.push_back(client->config().name);
        return false;
    };

    while (true) {
        if (stop.stop_requested()) {
            for (auto& search : searches) {
                if (!search.finished) {
                    search.error = makeError(ErrorCode::Cancelled, "the index search was cancelled");
                    search.finished = true;
                }
            }
            break;
        }
        // This step's questions: per index, the packages to ask it for.
        std::vector<IndexClient*> clients;
        std::vector<std::vector<std::size_t>> asked; // per client: positions in `searches`
        std::vector<std::size_t> askedUpTo(searches.size(), 0);
        for (std::size_t i = 0; i < searches.size(); ++i) {
            Search& search = searches[i];
            if (search.finished)
                continue;
            const std::size_t until = merging && !search.pinned ? search.order.size() : search.next + 1;
            for (std::size_t k = search.next; k < until; ++k) {
                auto slot = std::ranges::find(clients, search.order[k]);
                if (slot == clients.end()) {
                    clients.push_back(search.order[k]);
                    asked.emplace_back();
                    slot = clients.end() - 1;
                }
                asked[static_cast<std::size_t>(slot - clients.begin())].push_back(i);
            }
            askedUpTo[i] = until;
        }
        if (clients.empty())
            break;
        std::vector<std::vector<Result<std::optional<ProjectPage>>>> pages(clients.size());
        inParallel(clients.size(), [&](std::size_t c) {
            std::vector<std::string> names;
            for (const std::size_t i : asked[c])
                names.push_back(searches[i].result.package);
            pages[c] = clients[c]->projectPages(names, stop, {}, detail);
        });
        // Apply the answers in each package's index order.
        for (std::size_t i = 0; i < searches.size(); ++i) {
            Search& search = searches[i];
            if (search.finished)
                continue;
            for (std::size_t k = search.next; k < askedUpTo[i] && !search.finished; ++k) {
                const auto c =
                    static_cast<std::size_t>(std::ranges::find(clients, search.order[k]) - clients.begin());
                const auto position =
                    static_cast<std::size_t>(std::ranges::find(asked[c], i) - asked[c].begin());
                if (!apply(search, clients[c], pages[c][position]))
                    search.finished = true;
            }
            search.next = askedUpTo[i];
            if (search.next >= search.order.size())
                search.finished = true;
        }
    }

    std::vector<Result<CandidateSet>> results;
    results.reserve(searches.size());
    for (auto& search : searches) {
        if (search.error) {
            results.emplace_back(std::unexpected(std::move(*search.error)));
            continue;
        }
        sortNewestFirst(search.result.candidates);
        results.emplace_back(std::move(search.result));
    }
    return results;
}

Result<CandidateSet> IndexSet::candidates(std::string_view package,
                                          const standards::SpecifierSet* requirement, std::stop_token stop)
{
    const std::string name(package);
    auto results =
        search(std::span<const std::string>(&name, 1), requirement, false, std::move(stop), PageDetail::Full);
    return std::move(results.front());
}

std::vector<Result<CandidateSet>> IndexSet::candidatesAll(std::span<const std::string> packages,
                                                          std::stop_token stop, PageDetail detail)
{
    return search(packages, nullptr, true, std::move(stop), detail);
}

Result<DistributionFile> Candidate::completeFile() const
{
    if (!page)
        return file;
    return page->complete(entry);
}

std::vector<Result<std::string>> IndexSet::coreMetadataAll(std::span<const Candidate> candidates,
                                                           std::stop_token stop)
{
    std::vector<Result<std::string>> results(candidates.size(), std::string());
    std::vector<IndexClient*> clients;
    std::vector<std::vector<std::size_t>> asked; // per client: positions in `candidates`
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        IndexClient* client = find(candidates[i].indexName);
        if (client == nullptr) {
            Error error =
                makeError(ErrorCode::NotFound, "the index \"" + candidates[i].indexName + "\" of " +
                                                   candidates[i].file.filename + " is not configured");
            error.indexName = candidates[i].indexName;
            results[i] = std::unexpected(std::move(error));
            continue;
        }
        auto slot = std::ranges::find(clients, client);
        if (slot == clients.end()) {
            clients.push_back(client);
            asked.emplace_back();
            slot = clients.end() - 1;
        }
        asked[static_cast<std::size_t>(slot - clients.begin())].push_back(i);
    }
    inParallel(clients.size(), [&](std::size_t c) {
        std::vector<DistributionFile> files;
        std::vector<std::size_t> positions; // in `candidates`, of `files`
        for (const std::size_t i : asked[c]) {
            auto file = candidates[i].completeFile();
            if (!file) {
                results[i] = std::unexpected(std::move(file.error()));
                continue;
            }
            files.push_back(std::move(*file));
            positions.push_back(i);
        }
        auto texts = clients[c]->coreMetadataAll(files, stop);
        for (std::size_t k = 0; k < positions.size(); ++k)
            results[positions[k]] = std::move(texts[k]);
    });
    return results;
}

} // namespace pindex::index
