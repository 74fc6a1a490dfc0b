#pragma once

// pindex::test::MemorySource: a CandidateSource built in code for unit tests: packages, versions,
// dependency strings and a few candidate flags, one index named "memory". It records the calls it
// receives, so tests can assert on prefetch hints, and can fail on demand.

#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/resolver/candidate_source.h"
#include "core/resolver/resolver.h"

namespace pindex::test {

struct MemoryVersion
{
    std::string version;
    std::vector<std::string> dependencies;
    bool yanked = false;
    std::string requiresPython;
    std::vector<std::string> wheelTags{"py3-none-any"};
    bool sdist = false;
    // Requires-Python in the metadata only (the index gives none for the files).
    std::string metadataRequiresPython;
};

class MemorySource : public resolver::CandidateSource
{
public:
    MemorySource& add(const std::string& name, MemoryVersion version);
    // Every later listCandidates of this name fails with a Network error.
    void failListing(const std::string& name) { m_failing.push_back(name); }

    [[nodiscard]] Result<resolver::PackageCandidates> listCandidates(const std::string& name) override;
    [[nodiscard]] Result<resolver::CandidateMetadata>
    fetchMetadata(const std::string& name, const resolver::Candidate& candidate) override;
    void prefetchCandidates(std::span<const std::string> names) override;
    void prefetchMetadata(std::span<const resolver::MetadataRequest> requests) override;
    // Streaming requests are recorded like prefetches (one batch each), then answered at once.
    void requestCandidates(std::span<const std::string> names) override;
    void requestMetadata(std::span<const resolver::MetadataRequest> requests) override;
    // Answers everything asked since the last call: one call that answers is one round trip.
    [[nodiscard]] std::vector<resolver::Completion> takeCompleted() override;

    // Candidates' wheels and sdist are deferred (Candidate::loadFiles), as IndexSource defers them;
    // `filesLoaded` records each "name==version" whose files were then loaded.
    bool deferFiles = false;
    std::shared_ptr<std::vector<std::string>> filesLoaded = std::make_shared<std::vector<std::string>>();

    std::vector<std::string> prefetched;
    // Each prefetch call as one batch: names, and "name==version" for metadata.
    std::vector<std::vector<std::string>> candidateBatches;
    std::vector<std::vector<std::string>> metadataBatches;
    std::vector<std::string> listed;
    std::vector<std::string> metadataFetched;
    // Round trips so far, and the round each page ("name") or metadata ("name==version") was first
    // asked for in: 0 for the first requests, 1 for those made after the first answers...
    std::size_t rounds = 0;
    std::map<std::string, std::size_t> requestRound;

private:
    std::map<std::string, std::vector<MemoryVersion>> m_packages;
    std::vector<std::string> m_failing;
};

// Resolve options with these requirements (each must parse: the test fails otherwise).
[[nodiscard]] resolver::ResolveOptions optionsFor(std::initializer_list<std::string> requirements);

} // namespace pindex::test
