#include "core/resolver/partial_solution.h"

namespace pindex::resolver {

void PartialSolution::ensurePackage(PackageId package, std::size_t candidateCount)
{
    while (m_accumulated.size() <= package) {
        m_accumulated.emplace_back();
        m_byPackage.emplace_back();
        m_decided.emplace_back();
        m_counts.push_back(0);
    }
    if (m_byPackage[package].empty()) {
        m_counts[package] = candidateCount;
        m_accumulated[package] = VersionSet::full(candidateCount);
    }
}

void PartialSolution::add(Assignment assignment)
{
    const auto package = assignment.term.package;
    m_accumulated[package] = m_accumulated[package].intersection(assignment.term.set);
    m_byPackage[package].push_back(m_assignments.size());
    m_assignments.push_back(std::move(assignment));
}

void PartialSolution::derive(const Term& term, IncompatibilityId cause)
{
    add(Assignment{.term = term, .level = m_level, .decision = false, .cause = cause});
}

void PartialSolution::decide(PackageId package, std::size_t version)
{
    ++m_level;
    m_decided[package] = version;
    add(Assignment{.term = Term{package, VersionSet::single(m_counts[package], version)},
                   .level = m_level,
                   .decision = true,
                   .cause = 0});
}

void PartialSolution::backtrack(std::size_t level)
{
    while (!m_assignments.empty() && m_assignments.back().level > level) {
        const auto package = m_assignments.back().term.package;
        if (m_assignments.back().decision) {
            m_decided[package].reset();
        }
        m_byPackage[package].pop_back();
        m_assignments.pop_back();
        auto accumulated = VersionSet::full(m_counts[package]);
        for (auto index : m_byPackage[package]) {
            accumulated = accumulated.intersection(m_assignments[index].term.set);
        }
        m_accumulated[package] = std::move(accumulated);
    }
    m_level = level;
}

std::vector<PackageId> PartialSolution::undecidedPositive() const
{
    std::vector<PackageId> result;
    for (PackageId package = 0; package < m_accumulated.size(); ++package) {
        if (!m_byPackage[package].empty() && !m_decided[package] && m_accumulated[package].isPositive()) {
            result.push_back(package);
        }
    }
    return result;
}

} // namespace pindex::resolver
