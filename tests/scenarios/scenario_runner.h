#pragma once

// pindex::scenarios::runScenario: resolves one scenario through a CandidateSource and checks its
// `[expected]` table (satisfiable, the version of each package, the index of each package).
//
// Invariant: a scenario is skipped only when it needs something a single-environment resolver
// without source builds cannot do (universal resolution), and the outcome says why.

#include <string>

#include "core/resolver/candidate_source.h"
#include "tests/scenarios/scenario.h"

namespace pindex::scenarios {

struct Outcome
{
    enum class Kind { Passed, Failed, Skipped };
    Kind kind = Kind::Passed;
    std::string message;
};

// Why the scenario cannot be run by a single-environment resolver, or empty.
[[nodiscard]] std::string skipReason(const Scenario& scenario);

[[nodiscard]] Outcome runScenario(const Scenario& scenario, resolver::CandidateSource& source);

} // namespace pindex::scenarios
