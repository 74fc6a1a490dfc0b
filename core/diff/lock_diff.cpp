#include "core/diff/lock_diff.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

#include "core/diff/dependency_paths.h"
#include "core/diff/marker_equivalence.h"
#include "core/diff/version_order.h"
#include "core/util/error.h"

namespace pindex::diff {
namespace {

using lock::LockedFile;
using lock::LockedPackage;
using lock::LockSnapshot;

using Entries = std::vector<const LockedPackage*>;

using Groups = std::unordered_map<std::string, Entries>;

Groups groupByName(const LockSnapshot& snapshot)
{
    Groups groups;
    groups.reserve(snapshot.packages.size());
    for (const auto& package : snapshot.packages)
        groups[package.canonicalName()].push_back(&package);
    return groups;
}

std::vector<std::string> versionsOf(const Entries& entries)
{
    std::vector<std::string> versions;
    for (const auto* entry : entries) {
        if (!entry->version.empty())
            versions.push_back(entry->version);
    }
    std::sort(versions.begin(), versions.end(),
              [](const std::string& a, const std::string& b) { return compareVersions(a, b) < 0; });
    versions.erase(
        std::unique(versions.begin(), versions.end(),
                    [](const std::string& a, const std::string& b) { return compareVersions(a, b) == 0; }),
        versions.end());
    return versions;
}

bool sameVersions(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const std::string& x, const std::string& y) { return compareVersions(x, y) == 0; });
}

// Index URLs compare without credentials, trailing slashes, case in scheme and host, or the
// scheme's default port.
std::string normaliseSource(std::string_view source)
{
    std::string text(source);
    const auto scheme = text.find("://");
    if (scheme == std::string::npos) {
        while (!text.empty() && text.back() == '/')
            text.pop_back();
        return text;
    }
    const std::size_t hostStart = scheme + 3;
    std::size_t hostEnd = text.find('/', hostStart);
    if (hostEnd == std::string::npos)
        hostEnd = text.size();
    if (const auto at = text.rfind('@', hostEnd); at != std::string::npos && at >= hostStart) {
        text.erase(hostStart, at + 1 - hostStart);
        hostEnd -= at + 1 - hostStart;
    }
    for (std::size_t i = 0; i < hostEnd; ++i) {
        if (text[i] >= 'A' && text[i] <= 'Z')
            text[i] = static_cast<char>(text[i] - 'A' + 'a');
    }
    const std::string schemeName = text.substr(0, scheme);
    for (const auto& [name, port] : {std::pair{"https", ":443"}, {"http", ":80"}}) {
        const std::string_view suffix = port;
        if (schemeName.ends_with(name) && hostEnd >= hostStart + suffix.size() &&
            std::string_view(text).substr(hostEnd - suffix.size(), suffix.size()) == suffix) {
            text.erase(hostEnd - suffix.size(), suffix.size());
            break;
        }
    }
    while (!text.empty() && text.back() == '/')
        text.pop_back();
    return text;
}

std::set<std::string> sourcesOf(const Entries& entries)
{
    std::set<std::string> sources;
    for (const auto* entry : entries) {
        const std::string source = entry->sourceDescription();
        if (!source.empty())
            sources.insert(normaliseSource(source));
    }
    return sources;
}

std::string joinedSources(const Entries& entries)
{
    std::set<std::string> sources;
    for (const auto* entry : entries) {
        const std::string source = entry->sourceDescription();
        if (!source.empty())
            sources.insert(maskUrlCredentials(source));
    }
    std::string joined;
    for (const auto& source : sources)
        joined += (joined.empty() ? "" : ", ") + source;
    return joined;
}

std::set<std::string> dependencyNames(const Entries& entries)
{
    std::set<std::string> names;
    for (const auto* entry : entries) {
        for (const auto& dependency : entry->dependencies)
            names.insert(lock::canonicalizePackageName(dependency.name));
    }
    return names;
}

// The environment marker of an entry as a PEP 508 marker, when its format records one on the
// package: uv.lock records it only for forked packages (resolution-markers), elsewhere the
// environments follow from the dependency edges. Poetry's per-group markers ("dev: M; main: N")
// become their disjunction.
std::optional<std::string> environmentMarker(const LockedPackage& entry, lock::LockFormat format)
{
    if (format == lock::LockFormat::UvLock && entry.marker.empty())
        return std::nullopt;
    if (format != lock::LockFormat::PoetryLock || entry.marker.find(": ") == std::string::npos)
        return entry.marker;
    std::string combined;
    std::string_view rest = entry.marker;
    while (!rest.empty()) {
        const auto end = rest.find("; ");
        std::string_view part = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 2);
        if (const auto colon = part.find(": "); colon != std::string_view::npos)
            part = part.substr(colon + 2);
        if (part.empty())
            return std::string(); // a group without a marker: every environment
        combined += (combined.empty() ? "(" : " or (") + std::string(part) + ")";
    }
    return combined;
}

// True when the entries' markers select other environments. Each marker of one side must have an
// equivalent on the other (equivalentMarkers: meaning, not spelling). Between formats, a side
// that does not record a package's marker cannot tell, so nothing is said.
bool markersDiffer(const Entries& before, lock::LockFormat beforeFormat, const Entries& after,
                   lock::LockFormat afterFormat)
{
    std::vector<std::string> oldMarkers;
    std::vector<std::string> newMarkers;
    const bool sameFormat = beforeFormat == afterFormat;
    for (const auto* entry : before) {
        auto marker = environmentMarker(*entry, beforeFormat);
        if (!marker && !sameFormat)
            return false;
        oldMarkers.push_back(marker.value_or(entry->marker));
    }
    for (const auto* entry : after) {
        auto marker = environmentMarker(*entry, afterFormat);
        if (!marker && !sameFormat)
            return false;
        newMarkers.push_back(marker.value_or(entry->marker));
    }
    const auto covered = [](const std::vector<std::string>& from, const std::vector<std::string>& to) {
        return std::all_of(from.begin(), from.end(), [&](const std::string& marker) {
            return std::any_of(to.begin(), to.end(),
                               [&](const std::string& other) { return equivalentMarkers(marker, other); });
        });
    };
    return !covered(oldMarkers, newMarkers) || !covered(newMarkers, oldMarkers);
}

// Files of the entries with `version`, keyed by file name ("" for nameless files).
std::multimap<std::string, const LockedFile*> filesOf(const Entries& entries, std::string_view version)
{
    std::multimap<std::string, const LockedFile*> files;
    for (const auto* entry : entries) {
        if (compareVersions(entry->version, version) != 0)
            continue;
        for (const auto* file : entry->files()) {
            if (!file->hashes.empty() || !file->name.empty())
                files.emplace(file->name, file);
        }
    }
    return files;
}

// True when two hash maps share an algorithm and disagree on it.
bool hashesDisagree(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b)
{
    for (const auto& [algorithm, digest] : a) {
        if (const auto other = b.find(algorithm); other != b.end() && other->second != digest)
            return true;
    }
    return false;
}

struct FileComparison
{
    bool hashesChanged = false;
    bool filesChanged = false;
};

FileComparison compareFiles(const Entries& before, const Entries& after,
                            const std::vector<std::string>& versions)
{
    FileComparison result;
    for (const auto& version : versions) {
        const auto oldFiles = filesOf(before, version);
        const auto newFiles = filesOf(after, version);
        const bool named =
            !oldFiles.empty() && !newFiles.empty() && !oldFiles.contains("") && !newFiles.contains("");
        if (named) {
            std::set<std::string> oldNames;
            std::set<std::string> newNames;
            for (const auto& [name, file] : oldFiles) {
                oldNames.insert(name);
                for (auto [it, end] = newFiles.equal_range(name); it != end; ++it)
                    result.hashesChanged =
                        result.hashesChanged || hashesDisagree(file->hashes, it->second->hashes);
            }
            for (const auto& [name, file] : newFiles)
                newNames.insert(name);
            result.filesChanged = result.filesChanged || oldNames != newNames;
            continue;
        }
        // Nameless hashes (requirements.txt): compare the digests of the algorithms both sides use.
        std::set<std::string> oldAlgorithms;
        std::set<std::string> newAlgorithms;
        for (const auto& [name, file] : oldFiles)
            for (const auto& [algorithm, digest] : file->hashes)
                oldAlgorithms.insert(algorithm);
        for (const auto& [name, file] : newFiles)
            for (const auto& [algorithm, digest] : file->hashes)
                newAlgorithms.insert(algorithm);
        std::set<std::string> oldDigests;
        std::set<std::string> newDigests;
        for (const auto& [name, file] : oldFiles)
            for (const auto& [algorithm, digest] : file->hashes)
                if (newAlgorithms.contains(algorithm))
                    oldDigests.insert(algorithm + ":" + digest);
        for (const auto& [name, file] : newFiles)
            for (const auto& [algorithm, digest] : file->hashes)
                if (oldAlgorithms.contains(algorithm))
                    newDigests.insert(algorithm + ":" + digest);
        if (!oldDigests.empty() && !newDigests.empty() && oldDigests != newDigests)
            result.hashesChanged = true;
    }
    return result;
}

ChangeKind versionKind(const std::vector<std::string>& oldVersions,
                       const std::vector<std::string>& newVersions)
{
    if (oldVersions.empty() || newVersions.empty())
        return ChangeKind::Changed;
    int order = compareVersions(newVersions.back(), oldVersions.back());
    if (order == 0)
        order = compareVersions(newVersions.front(), oldVersions.front());
    if (order > 0)
        return ChangeKind::Upgraded;
    if (order < 0)
        return ChangeKind::Downgraded;
    return ChangeKind::Changed;
}

bool recordsDependencies(const LockSnapshot& snapshot)
{
    return std::any_of(snapshot.packages.begin(), snapshot.packages.end(),
                       [](const LockedPackage& package) { return !package.dependencies.empty(); });
}

// True when both sides list the same entries in the same order (positions in the files aside).
bool sameEntries(const Entries& before, const Entries& after)
{
    return std::equal(before.begin(), before.end(), after.begin(), after.end(),
                      [](const LockedPackage* a, const LockedPackage* b) { return a->sameContent(*b); });
}

// True when a new entry is known to be yanked (by the lock or options.isYanked) and its version
// was not already known to be yanked on the old side: only news counts.
bool newlyYanked(const Entries& before, const Entries& after, const DiffOptions& options)
{
    bool found = false;
    for (const auto* entry : after) {
        std::optional<bool> yanked = entry->yanked;
        if (!yanked && options.isYanked)
            yanked = options.isYanked(entry->name, entry->version);
        const bool alreadyYanked = std::any_of(before.begin(), before.end(), [&](const LockedPackage* old) {
            return old->yanked.value_or(false) && compareVersions(old->version, entry->version) == 0;
        });
        found = found || (yanked.value_or(false) && !alreadyYanked);
    }
    return found;
}

std::vector<lock::LockedPackage> copies(const Entries& entries)
{
    std::vector<lock::LockedPackage> result;
    result.reserve(entries.size());
    for (const auto* entry : entries)
        result.push_back(*entry);
    return result;
}

} // namespace

std::string_view toString(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added: return "added";
    case ChangeKind::Removed: return "removed";
    case ChangeKind::Upgraded: return "upgraded";
    case ChangeKind::Downgraded: return "downgraded";
    case ChangeKind::Changed: return "changed";
    }
    return "changed";
}

std::string_view toString(ChangeFlag flag)
{
    switch (flag) {
    case ChangeFlag::IndexChanged: return "index-changed";
    case ChangeFlag::HashesChanged: return "hashes-changed";
    case ChangeFlag::DependenciesChanged: return "dependencies-changed";
    case ChangeFlag::MarkersChanged: return "markers-changed";
    case ChangeFlag::Yanked: return "yanked";
    }
    return "";
}

std::string_view explanation(ChangeFlag flag)
{
    switch (flag) {
    case ChangeFlag::IndexChanged:
        return "The package now comes from a different index or source. A private package that suddenly "
               "resolves from a public index is the signature of a dependency-confusion attack.";
    case ChangeFlag::HashesChanged:
        return "The same version now has different file hashes: the artifact was republished or tampered "
               "with. Check with the package's maintainers before accepting it.";
    case ChangeFlag::DependenciesChanged:
        return "The package's own dependencies changed, which can pull new code into the environment.";
    case ChangeFlag::MarkersChanged:
        return "The environments this package is installed in changed (its markers differ).";
    case ChangeFlag::Yanked:
        return "The index marks this version as yanked: its authors withdrew it, usually because it is "
               "broken "
               "or unsafe.";
    }
    return "";
}

bool isSecurityFlag(ChangeFlag flag)
{
    return flag == ChangeFlag::IndexChanged || flag == ChangeFlag::HashesChanged ||
           flag == ChangeFlag::Yanked;
}

std::size_t DiffSummary::count(ChangeKind kind) const
{
    switch (kind) {
    case ChangeKind::Added: return added;
    case ChangeKind::Removed: return removed;
    case ChangeKind::Upgraded: return upgraded;
    case ChangeKind::Downgraded: return downgraded;
    case ChangeKind::Changed: return changed;
    }
    return 0;
}

LockDiff diffSnapshots(const LockSnapshot& before, const LockSnapshot& after, const DiffOptions& options)
{
    LockDiff diff;
    diff.oldSource = before.sourceName;
    diff.newSource = after.sourceName;
    // Hash maps keyed by canonical name: each package is looked up once per side, so the diff is
    // linear in the number of entries (plus sorting the names for the report).
    const auto oldGroups = groupByName(before);
    const auto newGroups = groupByName(after);
    const bool compareDependencies = recordsDependencies(before) && recordsDependencies(after);
    const DependencyPaths paths(after);
    const bool sameFormat = before.format == after.format;

    std::vector<std::string> names;
    names.reserve(oldGroups.size() + newGroups.size());
    for (const auto& [name, entries] : oldGroups)
        names.push_back(name);
    for (const auto& [name, entries] : newGroups) {
        if (!oldGroups.contains(name))
            names.push_back(name);
    }
    std::sort(names.begin(), names.end());

    static const Entries kNone;
    for (const auto& name : names) {
        const auto oldFound = oldGroups.find(name);
        const auto newFound = newGroups.find(name);
        const Entries& oldEntries = oldFound == oldGroups.end() ? kNone : oldFound->second;
        const Entries& newEntries = newFound == newGroups.end() ? kNone : newFound->second;
        const bool yanked = newlyYanked(oldEntries, newEntries, options);
        // Most packages of a large lock are unchanged: entries that say the same on both sides
        // (in the same format, whose markers then compare as written) need no closer look.
        if (!yanked && sameFormat && !oldEntries.empty() && sameEntries(oldEntries, newEntries))
            continue;

        PackageChange change;
        change.name = name;
        change.displayName = (newEntries.empty() ? oldEntries : newEntries).front()->name;
        change.oldVersions = versionsOf(oldEntries);
        change.newVersions = versionsOf(newEntries);
        change.oldIndex = joinedSources(oldEntries);
        change.newIndex = joinedSources(newEntries);

        bool different = true;
        if (oldEntries.empty()) {
            change.kind = ChangeKind::Added;
            change.introducedBy = paths.pathTo(name);
        } else if (newEntries.empty()) {
            change.kind = ChangeKind::Removed;
        } else {
            const bool sameSet = sameVersions(change.oldVersions, change.newVersions);
            change.kind = sameSet ? ChangeKind::Changed : versionKind(change.oldVersions, change.newVersions);
            const auto oldSources = sourcesOf(oldEntries);
            const auto newSources = sourcesOf(newEntries);
            if (!oldSources.empty() && !newSources.empty() && oldSources != newSources)
                change.flags |= static_cast<std::uint8_t>(ChangeFlag::IndexChanged);
            std::vector<std::string> common;
            for (const auto& version : change.newVersions) {
                if (std::any_of(change.oldVersions.begin(), change.oldVersions.end(),
                                [&](const std::string& old) { return compareVersions(old, version) == 0; }))
                    common.push_back(version);
            }
            if (change.newVersions.empty() && change.oldVersions.empty())
                common.emplace_back();
            const FileComparison files = compareFiles(oldEntries, newEntries, common);
            if (files.hashesChanged)
                change.flags |= static_cast<std::uint8_t>(ChangeFlag::HashesChanged);
            if (compareDependencies && dependencyNames(oldEntries) != dependencyNames(newEntries))
                change.flags |= static_cast<std::uint8_t>(ChangeFlag::DependenciesChanged);
            if (markersDiffer(oldEntries, before.format, newEntries, after.format))
                change.flags |= static_cast<std::uint8_t>(ChangeFlag::MarkersChanged);
            different = !sameSet || change.flags != 0 || files.filesChanged;
        }
        if (yanked) {
            change.flags |= static_cast<std::uint8_t>(ChangeFlag::Yanked);
            different = true;
        }
        if (!different)
            continue;
        change.before = copies(oldEntries);
        change.after = copies(newEntries);
        switch (change.kind) {
        case ChangeKind::Added: ++diff.summary.added; break;
        case ChangeKind::Removed: ++diff.summary.removed; break;
        case ChangeKind::Upgraded: ++diff.summary.upgraded; break;
        case ChangeKind::Downgraded: ++diff.summary.downgraded; break;
        case ChangeKind::Changed: ++diff.summary.changed; break;
        }
        diff.changes.push_back(std::move(change));
    }
    return diff;
}

} // namespace pindex::diff
