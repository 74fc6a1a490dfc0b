#pragma once

// pindex::resolver::Solver: the PubGrub algorithm (unit propagation, conflict-driven learning,
// backjumping) over a PackageCatalog. resolve() in resolver.h is its public face.
//
// Decision heuristic: the project first, then packages with at most one usable version left
// (they either are forced or fail fast), then the packages that took part in the most conflicts
// (uv's answer to the pathological backtracking cases), then direct dependencies, then the order
// in which packages were discovered. Within a package the preferred (locked) version wins, then
// the newest usable one.
//
// Invariants: every incompatibility in the store is a true statement about the candidates; the
// learned ones are indexed by each package they mention.

#include <stop_token>
#include <vector>

#include "core/resolver/incompatibility.h"
#include "core/resolver/package_catalog.h"
#include "core/resolver/partial_solution.h"
#include "core/resolver/resolver.h"

namespace pindex::resolver {

class Solver
{
public:
    Solver(CandidateSource& source, const ResolveOptions& options, std::stop_token stop);

    [[nodiscard]] Result<Resolution> run();

private:
    enum class Relation { Satisfied, Contradicted, AlmostSatisfied, Inconclusive };

    [[nodiscard]] Result<PackageId> package(const std::string& name, const std::string& extra);
    IncompatibilityId learn(Incompatibility incompatibility);
    IncompatibilityId store(Incompatibility incompatibility);
    [[nodiscard]] Relation relation(const Incompatibility& incompatibility, PackageId& unsatisfied) const;
    [[nodiscard]] Status propagate(PackageId start);
    [[nodiscard]] Result<IncompatibilityId> resolveConflict(IncompatibilityId conflict);
    [[nodiscard]] bool isTerminal(const Incompatibility& incompatibility) const;
    [[nodiscard]] std::size_t satisfierIndex(const Term& term) const;
    [[nodiscard]] std::optional<PackageId> choosePackage() const;
    [[nodiscard]] Status decide(PackageId package);
    [[nodiscard]] Status addDependencies(PackageId package, std::size_t version, bool& canDecide);
    [[nodiscard]] Error unsatisfiable(IncompatibilityId failure) const;
    [[nodiscard]] Result<Resolution> collect();

    const ResolveOptions& m_options;
    std::stop_token m_stop;
    PackageCatalog m_catalog;
    PartialSolution m_solution;
    std::vector<Incompatibility> m_store;
    std::vector<std::vector<IncompatibilityId>> m_byPackage;
    std::vector<std::size_t> m_conflicts;
    ResolveStatistics m_statistics;
};

} // namespace pindex::resolver
