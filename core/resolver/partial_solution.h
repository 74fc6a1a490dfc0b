#pragma once

// pindex::resolver::PartialSolution: PubGrub's ordered list of assignments (decisions and
// derivations), with the running intersection of the terms assigned to each package.
//
// Invariants: decision levels never decrease along the list; accumulated(p) is the intersection
// of all terms assigned to p (the full set when none); a package has at most one decision.

#include <optional>
#include <vector>

#include "core/resolver/incompatibility.h"

namespace pindex::resolver {

struct Assignment
{
    Term term;
    std::size_t level = 0;
    bool decision = false;
    IncompatibilityId cause = 0; // derivations only
};

class PartialSolution
{
public:
    // Must be called when a package is first seen, before any term for it is examined.
    void ensurePackage(PackageId package, std::size_t candidateCount);

    [[nodiscard]] std::size_t level() const { return m_level; }
    [[nodiscard]] const std::vector<Assignment>& assignments() const { return m_assignments; }
    [[nodiscard]] const VersionSet& accumulated(PackageId package) const { return m_accumulated[package]; }
    [[nodiscard]] bool hasAssignment(PackageId package) const { return !m_byPackage[package].empty(); }
    [[nodiscard]] std::optional<std::size_t> decidedVersion(PackageId package) const
    {
        return m_decided[package];
    }
    [[nodiscard]] const std::vector<std::size_t>& assignmentsOf(PackageId package) const
    {
        return m_byPackage[package];
    }

    void derive(const Term& term, IncompatibilityId cause);
    void decide(PackageId package, std::size_t version);
    // Removes every assignment above the level.
    void backtrack(std::size_t level);

    // Packages with a positive accumulated term and no decision yet.
    [[nodiscard]] std::vector<PackageId> undecidedPositive() const;

private:
    void add(Assignment assignment);

    std::vector<Assignment> m_assignments;
    std::vector<VersionSet> m_accumulated;
    std::vector<std::vector<std::size_t>> m_byPackage;
    std::vector<std::optional<std::size_t>> m_decided;
    std::vector<std::size_t> m_counts;
    std::size_t m_level = 0;
};

} // namespace pindex::resolver
