#pragma once

// pindex::scenarios::ScenarioSource: a resolver::CandidateSource over one scenario, held in
// memory, applying the index semantics Pindex promises (the same ones core/index's index set
// applies over the network):
//
// - indexes are consulted in priority order, the default index last; explicit indexes only serve
//   packages pinned to them;
// - a pin (`sources`, or the first matching `pin_patterns` glob) restricts a package, direct or
//   transitive, to its index, even when that index has no satisfying version;
// - first-index: only the first index that has the package at all; unsafe-first-match: every
//   index, the earlier index's versions tried first; unsafe-best-match: every index merged, the
//   newest version wins. A version several indexes serve comes from the earliest of them.
//
// Invariant: listCandidates never returns a version twice.

#include <string>

#include "core/resolver/candidate_source.h"
#include "core/resolver/index_policy.h"
#include "tests/scenarios/scenario.h"

namespace pindex::scenarios {

class ScenarioSource : public resolver::CandidateSource
{
public:
    explicit ScenarioSource(const Scenario& scenario);

    [[nodiscard]] Result<resolver::PackageCandidates> listCandidates(const std::string& name) override;
    [[nodiscard]] Result<resolver::CandidateMetadata>
    fetchMetadata(const std::string& name, const resolver::Candidate& candidate) override;

private:
    [[nodiscard]] const ScenarioVersion* find(const std::string& name,
                                              const standards::Version& version) const;

    const Scenario& m_scenario;
    resolver::IndexPins m_pins;
};

} // namespace pindex::scenarios
