#pragma once

// The typed difference between two lock snapshots: per normalised package name, at most one
// PackageChange saying what happened (added, removed, upgraded, downgraded, changed) and which
// security-relevant details moved (index, hashes, dependencies, markers, yanked).
//
// Invariants: `LockDiff::changes` is sorted by name and holds one entry per name; a package whose
// entries are identical on both sides is absent; `changed` means the version set is the same and
// something else differs; version lists are sorted by version and free of duplicates; index
// strings have their credentials masked.

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lock/lock_snapshot.h"
#include "core/util/phase_timings.h"

namespace pindex::diff {

enum class ChangeKind : std::uint8_t { Added, Removed, Upgraded, Downgraded, Changed };

// Bit flags; a change holds any combination.
enum class ChangeFlag : std::uint8_t {
    IndexChanged = 1,        // the package now comes from another index or source
    HashesChanged = 2,       // same version, different file hashes
    DependenciesChanged = 4, // the set of packages it depends on changed
    MarkersChanged = 8,      // the environment markers of its entries changed
    Yanked = 16,             // a new version is known to be yanked
};

inline constexpr std::array kAllChangeKinds{ChangeKind::Added, ChangeKind::Removed, ChangeKind::Upgraded,
                                            ChangeKind::Downgraded, ChangeKind::Changed};
inline constexpr std::array kAllChangeFlags{ChangeFlag::IndexChanged, ChangeFlag::HashesChanged,
                                            ChangeFlag::DependenciesChanged, ChangeFlag::MarkersChanged,
                                            ChangeFlag::Yanked};

[[nodiscard]] std::string_view toString(ChangeKind kind); // "added", "removed", ...
[[nodiscard]] std::string_view toString(ChangeFlag flag); // "index-changed", ...
// A sentence saying why the flag deserves attention (shown on hover and in reports).
[[nodiscard]] std::string_view explanation(ChangeFlag flag);
// Flags that point at a possible supply-chain attack rather than routine churn.
[[nodiscard]] bool isSecurityFlag(ChangeFlag flag);

struct PackageChange
{
    std::string name;        // canonical (PEP 503) name
    std::string displayName; // as the newer side spells it (the older when removed)
    ChangeKind kind = ChangeKind::Changed;
    std::vector<std::string> oldVersions;
    std::vector<std::string> newVersions;
    std::string oldIndex; // sources joined with ", ", credentials masked; "" when unknown
    std::string newIndex;
    std::uint8_t flags = 0;
    // For an added package: the chain of packages from a root requirement down to it (root
    // first, the package last), when the lock records dependencies. Empty otherwise.
    std::vector<std::string> introducedBy;
    std::vector<lock::LockedPackage> before; // the entries on each side, for details views
    std::vector<lock::LockedPackage> after;

    [[nodiscard]] bool has(ChangeFlag flag) const { return (flags & static_cast<std::uint8_t>(flag)) != 0; }
};

struct DiffSummary
{
    std::size_t added = 0;
    std::size_t removed = 0;
    std::size_t upgraded = 0;
    std::size_t downgraded = 0;
    std::size_t changed = 0;

    [[nodiscard]] std::size_t count(ChangeKind kind) const;
    [[nodiscard]] std::size_t total() const { return added + removed + upgraded + downgraded + changed; }
};

struct LockDiff
{
    std::string oldSource; // where each side came from, e.g. "uv.lock@HEAD" and "uv.lock"
    std::string newSource;
    std::vector<PackageChange> changes;
    DiffSummary summary;

    [[nodiscard]] bool empty() const { return changes.empty(); }
};

struct DiffOptions
{
    // Asked for each new (name, version) when the lock does not say whether it is yanked; the
    // index layer can answer from Simple API data. Unset: yanked only when the lock says so.
    std::function<std::optional<bool>(std::string_view name, std::string_view version)> isYanked;
    // diffFiles reads the two files on two threads; false reads them one after the other on the
    // calling thread, which a short-lived process prefers where a second thread costs more than
    // it saves (one heap shared without contention, memory of the first parse reused by the
    // second, no thread to start: see docs/BENCHMARKS.md, "Lock diff").
    bool parallelRead = true;
    // Where the time went, for `pindex diff -v` and the benchmark: the functions of
    // lock_comparison.h add the phases "read and parse" (both sides, wall clock) and "compare"
    // (diffSnapshots) when set.
    util::PhaseTimings* timings = nullptr;
};

// Compares two snapshots; works across formats (uv.lock against pylock.toml, ...). Markers are
// only compared between snapshots of the same format, since formats express them differently.
[[nodiscard]] LockDiff diffSnapshots(const lock::LockSnapshot& before, const lock::LockSnapshot& after,
                                     const DiffOptions& options = {});

} // namespace pindex::diff
