#pragma once

// pindex::resolver::resolve: PubGrub over a CandidateSource for one target environment.
//
// The resolver picks, for every package the project needs, one candidate that the source offers,
// such that every dependency (extras included, environment markers evaluated for the target) is
// satisfied, or proves that none exists and explains why in words. Python rules it applies:
// pre-releases only when a direct requirement names one, when a package has nothing but
// pre-releases, or when allowed globally; yanked versions only when a direct requirement pins
// them with ==; a candidate's requires-python must admit the target Python (upper bounds are
// ignored, as uv does); a candidate needs a wheel for the target tags or an sdist whose metadata
// is known without a build. Versions already in a lock are kept unless an upgrade is asked for.
//
// Invariants of a Resolution: packages are sorted by name, each name appears once, and every
// dependency of every package is satisfied by the version chosen for it.

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stop_token>
#include <string>
#include <vector>

#include "core/resolver/candidate_source.h"
#include "core/resolver/target_environment.h"
#include "core/util/error.h"

namespace pindex::resolver {

enum class PrereleaseMode {
    IfNecessaryOrExplicit, // uv's default
    Allow,                 // any pre-release may be chosen
    Disallow,              // never, even when nothing else exists
};

struct ResolveOptions
{
    std::vector<Dependency> requirements; // the project's dependencies
    TargetEnvironment environment = *TargetEnvironment::make("3.12", "linux-x86_64");
    // The project's requires-python. When set, the target's Python must be in it (else the
    // resolution fails at once), and a candidate must also support the oldest Python the project
    // supports (its lower bound; upper bounds are ignored as for the target), so the lock holds for
    // every Python the project claims.
    std::optional<standards::SpecifierSet> requiresPython;
    PrereleaseMode prereleases = PrereleaseMode::IfNecessaryOrExplicit;
    std::set<std::string> noBinary; // packages that must not use wheels
    std::set<std::string> noBuild;  // packages that must not use sdists
    // Versions to keep (from an existing lock) unless upgraded.
    std::map<std::string, standards::Version> preferences;
    bool upgradeAll = false;
    std::set<std::string> upgradePackages;
    // What the source would answer from its cache alone (stale pages too), or null. Fetching
    // ahead follows it to ask the real source for every page the cached graph names at once; the
    // resolution uses only the real source's answers (see CachedIndexView).
    CandidateSource* cachedView = nullptr;
};

struct ResolvedPackage
{
    std::string name;
    standards::Version version;
    Candidate candidate;
    // The best-ranked compatible wheel, or none when the sdist is used.
    std::optional<WheelFile> wheel;
    std::vector<std::string> extras;       // extras of this package that were activated
    std::vector<std::string> dependencies; // names of the resolved packages it depends on
};

struct ResolveStatistics
{
    std::size_t decisions = 0;
    std::size_t conflicts = 0;
    std::size_t packagesSeen = 0;
    std::chrono::microseconds elapsed{0}; // the whole resolution
    std::chrono::microseconds waiting{0}; // of which waiting for the indexes' answers
};

struct Resolution
{
    std::vector<ResolvedPackage> packages;
    ResolveStatistics statistics;

    [[nodiscard]] const ResolvedPackage* find(std::string_view name) const;
};

// Unsatisfiable: an Error with code Unsatisfiable whose message is the full explanation.
[[nodiscard]] Result<Resolution> resolve(CandidateSource& source, const ResolveOptions& options,
                                         std::stop_token stop = {});

// The same, but the solver's state (every package's candidates and metadata, the learned
// incompatibilities) is handed to `state` instead of being freed on return: a caller about to end
// the process keeps it until then (util::leaveForExit) rather than spend the end of the command
// on freeing thousands of objects. `state` uses neither `source` nor `options` when destroyed.
[[nodiscard]] Result<Resolution> resolve(CandidateSource& source, const ResolveOptions& options,
                                         std::stop_token stop, std::shared_ptr<void>& state);

} // namespace pindex::resolver
