#include "core/install/install_groups.h"

#include <map>
#include <string_view>

#include "core/install/entry_points.h"
#include "core/util/file_io.h"

namespace pindex::install {

std::set<std::string> placementKeys(const UnpackedWheel& wheel)
{
    std::set<std::string> keys;
    const std::string stem = wheel.distInfoName.substr(0, wheel.distInfoName.size() - 10); // ".dist-info"
    const std::string dataPrefix = stem + ".data/";
    const auto first = [](std::string_view path) { return std::string(path.substr(0, path.find('/'))); };
    for (const auto& member : wheel.members) {
        std::string_view path = member.path;
        if (!path.starts_with(dataPrefix)) {
            keys.insert("site-packages/" + first(path));
            continue;
        }
        path.remove_prefix(dataPrefix.size());
        const std::string scheme = first(path);
        const auto slash = path.find('/');
        const std::string_view inside = slash == std::string_view::npos ? "" : path.substr(slash + 1);
        if (scheme == "purelib" || scheme == "platlib")
            keys.insert("site-packages/" + first(inside));
        else if (scheme == "scripts")
            keys.insert("bin/" + first(inside));
        else
            keys.insert(scheme + "/" + first(inside)); // headers, data
    }
    if (auto text = readFile(wheel.root / wheel.distInfoName / "entry_points.txt"))
        if (auto points = parseLauncherEntryPoints(*text, wheel.distInfoName + "/entry_points.txt"))
            for (const auto& point : *points)
                keys.insert("bin/" + point.name);
    return keys;
}

std::vector<std::vector<std::size_t>> disjointGroups(const std::vector<std::set<std::string>>& keys)
{
    std::vector<std::size_t> parent(keys.size());
    for (std::size_t i = 0; i < parent.size(); ++i)
        parent[i] = i;
    const auto root = [&](std::size_t i) {
        while (parent[i] != i)
            i = parent[i] = parent[parent[i]];
        return i;
    };
    std::map<std::string, std::size_t> owner;
    for (std::size_t i = 0; i < keys.size(); ++i)
        for (const auto& key : keys[i])
            if (const auto [found, added] = owner.emplace(key, i); !added)
                parent[root(i)] = root(found->second);
    std::map<std::size_t, std::vector<std::size_t>> byRoot;
    for (std::size_t i = 0; i < keys.size(); ++i)
        byRoot[root(i)].push_back(i);
    std::vector<std::vector<std::size_t>> groups;
    for (auto& [ignored, members] : byRoot)
        groups.push_back(std::move(members));
    return groups;
}

} // namespace pindex::install
