#pragma once

// DependencyPaths: the shortest dependency chain from a root requirement of a lock to every package
// the lock reaches ("why is this here"). Roots are the lock's rootRequirements, else the packages
// no other package depends on. Breadth-first, so each chain is a shortest one; cycles are fine.
//
// Invariants: pathTo(name) starts at a root and ends at `name` (display names as the lock spells
// them), and is empty when the lock records no dependencies or `name` is not reachable.

#include <string>
#include <unordered_map>
#include <vector>

#include "core/lock/lock_snapshot.h"

namespace pindex::diff {

class DependencyPaths
{
public:
    explicit DependencyPaths(const lock::LockSnapshot& snapshot);

    // `name` is a canonical (PEP 503) name.
    [[nodiscard]] std::vector<std::string> pathTo(const std::string& name) const;

private:
    std::unordered_map<std::string, std::vector<std::string>> m_edges;
    std::unordered_map<std::string, std::string> m_display;
    std::unordered_map<std::string, std::string> m_parent; // "" for a root
    bool m_recordsDependencies = false;
};

} // namespace pindex::diff
