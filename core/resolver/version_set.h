#pragma once

// pindex::resolver::VersionSet: a set over one package's known candidates plus a "not selected"
// element, the term representation of the PubGrub solver.
//
// Every package the solver meets has a finite, sorted list of candidate versions (index 0 is the
// oldest). A term "P in S" is the set of indices in S; a negative term "not (P in S)" is the
// complement, which also holds the extra element kNone ("P is not selected at all"). With this
// encoding intersection, union and negation of PubGrub terms are plain bit operations, a term is
// positive exactly when it does not hold kNone, and "satisfies" is the subset relation.
//
// Invariants: size() is the universe size (candidates + 1); bits beyond it are always zero.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pindex::resolver {

class VersionSet
{
public:
    VersionSet() = default;
    // The empty set over a universe of candidateCount versions plus kNone.
    explicit VersionSet(std::size_t candidateCount);

    [[nodiscard]] static VersionSet full(std::size_t candidateCount);
    // Exactly one version (positive).
    [[nodiscard]] static VersionSet single(std::size_t candidateCount, std::size_t index);

    // Number of candidate versions (the universe without kNone).
    [[nodiscard]] std::size_t candidateCount() const { return m_count; }
    // The index of the "not selected" element.
    [[nodiscard]] std::size_t noneIndex() const { return m_count; }

    [[nodiscard]] bool contains(std::size_t index) const;
    void insert(std::size_t index);
    void erase(std::size_t index);

    // A positive term requires the package to be selected.
    [[nodiscard]] bool isPositive() const { return !contains(noneIndex()); }
    [[nodiscard]] bool isEmpty() const;
    [[nodiscard]] bool isFull() const;
    // No candidate version in the set (kNone may or may not be there).
    [[nodiscard]] bool hasNoVersion() const;

    [[nodiscard]] VersionSet complement() const;
    [[nodiscard]] VersionSet intersection(const VersionSet& other) const;
    [[nodiscard]] VersionSet unionWith(const VersionSet& other) const;
    [[nodiscard]] bool isSubsetOf(const VersionSet& other) const;
    [[nodiscard]] bool isDisjointFrom(const VersionSet& other) const;

    // Candidate indices in the set, highest first (kNone excluded).
    [[nodiscard]] std::vector<std::size_t> versionsDescending() const;
    [[nodiscard]] std::size_t versionCount() const;

    [[nodiscard]] bool operator==(const VersionSet& other) const = default;

private:
    void clearTail();

    std::size_t m_count = 0;
    std::vector<std::uint64_t> m_words;
};

} // namespace pindex::resolver
