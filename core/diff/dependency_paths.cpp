#include "core/diff/dependency_paths.h"

#include <algorithm>
#include <deque>
#include <set>

namespace pindex::diff {

DependencyPaths::DependencyPaths(const lock::LockSnapshot& snapshot)
{
    std::set<std::string> hasParent;
    for (const auto& package : snapshot.packages) {
        auto& edges = m_edges[package.canonicalName()];
        m_display.emplace(package.canonicalName(), package.name);
        for (const auto& dependency : package.dependencies) {
            const std::string child = lock::canonicalizePackageName(dependency.name);
            edges.push_back(child);
            hasParent.insert(child);
        }
        m_recordsDependencies = m_recordsDependencies || !package.dependencies.empty();
    }
    std::vector<std::string> roots;
    for (const auto& root : snapshot.rootRequirements)
        roots.push_back(lock::canonicalizePackageName(root));
    if (roots.empty()) {
        for (const auto& [name, edges] : m_edges) {
            if (!hasParent.contains(name))
                roots.push_back(name);
        }
        std::sort(roots.begin(), roots.end()); // the same chains from run to run
    }
    std::deque<std::string> queue;
    for (const auto& root : roots) {
        if (m_parent.emplace(root, std::string()).second)
            queue.push_back(root);
    }
    while (!queue.empty()) {
        const std::string name = std::move(queue.front());
        queue.pop_front();
        const auto edges = m_edges.find(name);
        if (edges == m_edges.end())
            continue;
        for (const auto& child : edges->second) {
            if (m_parent.emplace(child, name).second)
                queue.push_back(child);
        }
    }
}

std::vector<std::string> DependencyPaths::pathTo(const std::string& name) const
{
    std::vector<std::string> path;
    if (!m_recordsDependencies)
        return path;
    std::string current = name;
    while (!current.empty() && path.size() <= m_parent.size()) {
        const auto parent = m_parent.find(current);
        if (parent == m_parent.end())
            return {};
        const auto display = m_display.find(current);
        path.push_back(display == m_display.end() ? current : display->second);
        current = parent->second;
    }
    std::reverse(path.begin(), path.end());
    return path;
}

} // namespace pindex::diff
