#pragma once

// pindex::resolver::IndexSource: a CandidateSource over real indexes (core/index's IndexClient),
// applying the index policy of index_policy.h. Project pages are fetched in batches (all the
// packages the resolver announces at once, concurrently, on every index the policy names) and
// kept for the resolution; metadata comes from PEP 658 files, else from the wheel itself, and a
// prefetch of many candidates' metadata runs as one concurrent batch per index.
//
// Invariants: each project page is fetched at most once per index and source, each candidate's
// metadata at most once when it succeeded; candidates carry the index URL and file URLs without
// credentials; a version is yanked only when all its files are.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "core/index/index_client.h"
#include "core/resolver/candidate_source.h"
#include "core/resolver/index_policy.h"

namespace pindex::resolver {

struct SourceIndex
{
    std::string name;
    bool explicitOnly = false;
    index::IndexClient* client = nullptr; // not owned
};

class IndexSource : public CandidateSource
{
public:
    // indexes in priority order, the default index last.
    IndexSource(std::vector<SourceIndex> indexes, IndexStrategy strategy, IndexPins pins,
                std::stop_token stop = {});

    [[nodiscard]] Result<PackageCandidates> listCandidates(const std::string& name) override;
    [[nodiscard]] Result<CandidateMetadata> fetchMetadata(const std::string& name,
                                                          const Candidate& candidate) override;
    void prefetchCandidates(std::span<const std::string> names) override;
    void prefetchMetadata(std::span<const MetadataRequest> requests) override;

private:
    using Page = Result<std::optional<index::ProjectPage>>;
    using CandidateKey = std::tuple<std::string, std::string, std::string>; // name, version, index
    // The file whose metadata stands for the candidate (a wheel, preferably one with a PEP 658
    // file; else an sdist with known metadata), or null.
    [[nodiscard]] const index::DistributionFile* metadataFile(const CandidateKey& key) const;
    [[nodiscard]] SourceIndex* indexNamed(const std::string& name);
    [[nodiscard]] const Page& page(std::size_t position, const std::string& name);
    void fetchPages(std::size_t position, const std::vector<std::string>& names);

    std::vector<SourceIndex> m_indexes;
    std::vector<PolicyIndex> m_policyIndexes;
    IndexStrategy m_strategy;
    IndexPins m_pins;
    std::stop_token m_stop;
    std::mutex m_mutex;
    std::vector<std::map<std::string, Page>> m_pages; // per index position
    // (name, version, index name) -> the files of that candidate
    std::map<CandidateKey, std::vector<index::DistributionFile>> m_files;
    std::map<CandidateKey, CandidateMetadata> m_metadata; // fetched by prefetchMetadata
};

} // namespace pindex::resolver
