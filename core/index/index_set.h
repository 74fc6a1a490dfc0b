#pragma once

// IndexSet: the ordered list of configured indexes with uv's strategies and Pindex's pins, the one
// place that answers "which versions of package P may be used, and from which index".
//
// Search order: the non-explicit indexes as configured, the default index last (wherever it is
// listed). Explicit indexes are only used for packages pinned to them. A pin (a direct/transitive
// source pin or a pattern pin such as "acme-*") restricts a package to its one index, even when
// that index lacks a satisfying version (then the answer is empty and names the pin).
//
// Strategies:
//   FirstIndex       - the first index (in order) that has the package at all; later ones unused.
//   UnsafeFirstMatch - the first index with a version satisfying the requirement.
//   UnsafeBestMatch  - the candidates of every index merged.
// Errors (uv's semantics): a 404 means "not here, try the next index"; 401/403 stop the search
// under FirstIndex (other strategies skip the index) unless the status is in the index's
// `ignoreErrorCodes`, which makes it count as "not here"; any other error is reported with the
// index name and URL.
//
// Batches: candidatesAll() looks many packages up at once. Each step asks every index that some
// package is waiting for, all requests concurrently (one HttpClient batch per index, the indexes in
// parallel); under first-index a package reaches the next index only after a 404 from the one
// before, so a private package's name is never sent to a later (public) index that it does not
// need. coreMetadataAll() fetches the metadata of many candidates the same way.
//
// Invariants: the clients outlive the set; candidates are sorted by version, newest first (equal
// versions in index order), and files whose names carry no valid PEP 440 version are left out.
// Thread-safe: calls from several threads may overlap (the clients are).

#include <map>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/index/index_client.h"
#include "core/standards/specifier.h"
#include "core/standards/version.h"

namespace pindex::index {

enum class IndexStrategy { FirstIndex, UnsafeFirstMatch, UnsafeBestMatch };

[[nodiscard]] std::optional<IndexStrategy> parseIndexStrategy(std::string_view text);
[[nodiscard]] std::string_view toString(IndexStrategy strategy);

struct IndexPins
{
    std::map<std::string, std::string> packages;               // package (any spelling) -> index name
    std::vector<std::pair<std::string, std::string>> patterns; // glob on the canonical name -> index name
};

struct Candidate
{
    standards::Version version;
    DistributionFile file; // in summary when `page` is set (see PageDetail)
    std::string indexName;
    // The position of its index among those the package was searched on (0 = the first); under
    // unsafe-first-match a caller prefers lower ranks.
    std::uint32_t rank = 0;
    // Set when the file was read in summary: its page, and where the file lies in it.
    std::shared_ptr<const PageText> page;
    PageEntry entry;

    // The whole file: `file` itself, or read from the page when `file` is a summary.
    [[nodiscard]] Result<DistributionFile> completeFile() const;
};

struct CandidateSet
{
    std::string package;                 // canonical name
    std::vector<Candidate> candidates;   // newest first
    std::vector<std::string> consulted;  // index names asked, in order
    std::vector<std::string> served;     // index names whose files are in `candidates`, in order
    std::optional<std::string> pinnedTo; // the index a pin restricted the package to
    std::string pinRule;                 // "acme-*" for a pattern pin, the package for a direct pin
    bool pinnedByPattern = false;
};

class IndexSet
{
public:
    // `clients` in configuration order.
    IndexSet(std::vector<IndexClient*> clients, IndexStrategy strategy, IndexPins pins);

    // The index order for unpinned packages (explicit ones left out, the default moved last).
    [[nodiscard]] std::vector<const IndexClient*> searchOrder() const;

    // The index a package is pinned to (by name or pattern), or nullopt; an error when the pin names
    // an index that is not configured.
    [[nodiscard]] Result<std::optional<std::pair<std::string, std::string>>>
    pinFor(std::string_view package) const;

    // The candidates of `package`. `requirement` matters for UnsafeFirstMatch only (null: any).
    [[nodiscard]] Result<CandidateSet> candidates(std::string_view package,
                                                  const standards::SpecifierSet* requirement = nullptr,
                                                  std::stop_token stop = {});

    // Many packages at once (see "Batches" above); results in input order. Under
    // unsafe-first-match every index's candidates are kept, each with the rank of its index, for a
    // resolver that tries the versions of earlier indexes first.
    // JSON pages are read in `detail` (PageDetail): in summary, each candidate completes its file
    // with completeFile(), which coreMetadataAll() does by itself.
    [[nodiscard]] std::vector<Result<CandidateSet>> candidatesAll(std::span<const std::string> packages,
                                                                  std::stop_token stop = {},
                                                                  PageDetail detail = PageDetail::Full);

    // The core metadata of many candidates (each from its own index), fetched concurrently; results
    // in input order. An sdist without a PEP 658 file is read through IndexClient::sdistMetadata.
    [[nodiscard]] std::vector<Result<std::string>> coreMetadataAll(std::span<const Candidate> candidates,
                                                                   std::stop_token stop = {});

    // The client of a configured index, or null.
    [[nodiscard]] IndexClient* client(std::string_view indexName) const { return find(indexName); }

    [[nodiscard]] IndexStrategy strategy() const { return m_strategy; }

private:
    struct Search;
    [[nodiscard]] std::vector<Result<CandidateSet>> search(std::span<const std::string> packages,
                                                           const standards::SpecifierSet* requirement,
                                                           bool keepEveryIndex, std::stop_token stop,
                                                           PageDetail detail);
    [[nodiscard]] IndexClient* find(std::string_view name) const;
    [[nodiscard]] std::vector<IndexClient*> orderedClients() const;

    std::vector<IndexClient*> m_clients;
    IndexStrategy m_strategy;
    IndexPins m_pins;
};

// The configured indexes with PyPI appended as the default when none is marked default (uv's
// implicit `pypi`).
[[nodiscard]] std::vector<IndexConfig> withImplicitDefault(std::vector<IndexConfig> configs);

inline constexpr const char* kPypiSimpleUrl = "https://pypi.org/simple/";

} // namespace pindex::index
