#pragma once

// pindex::test::SnapshotSource: a CandidateSource over a resolvelib index snapshot
// ({"<name>": {"<version>": {"dependencies": [...]}}}). Every version gets one py3-none-any wheel
// from an index named "snapshot"; versions that are not PEP 440 are skipped and counted.
//
// Invariant: the snapshot is parsed once, in the constructor; lookups do not allocate JSON.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/resolver/candidate_source.h"

namespace pindex::test {

class SnapshotSource : public resolver::CandidateSource
{
public:
    [[nodiscard]] static Result<SnapshotSource> load(const std::filesystem::path& file);

    [[nodiscard]] Result<resolver::PackageCandidates> listCandidates(const std::string& name) override;
    [[nodiscard]] Result<resolver::CandidateMetadata>
    fetchMetadata(const std::string& name, const resolver::Candidate& candidate) override;

    // Dependency strings of one version as written in the snapshot (empty when unknown).
    [[nodiscard]] const std::vector<std::string>& dependencyTexts(const std::string& name,
                                                                  const std::string& version) const;
    [[nodiscard]] std::size_t invalidVersions() const { return m_invalidVersions; }
    [[nodiscard]] std::size_t listCalls() const { return m_listCalls; }

private:
    // canonical name -> canonical version -> dependency strings
    std::map<std::string, std::map<std::string, std::vector<std::string>>> m_packages;
    std::size_t m_invalidVersions = 0;
    std::size_t m_listCalls = 0;
};

} // namespace pindex::test
