#pragma once

// pindex::resolver::PackageCatalog: the packages one resolution has met, each with its sorted
// candidates, the reason each unusable candidate is skipped, and the version sets that
// specifiers denote over them. The solver works with PackageIds; the catalog turns them back
// into names and versions for results and explanations.
//
// Package 0 is the project (one version). A package with extras "a[x]" is a virtual package that
// shares the candidates of "a" and whose version v depends on a==v.
//
// Invariants: candidates of a base package are sorted by version, ascending, and never change once
// loaded; skipReason(p, i) is empty exactly when candidate i may be chosen. Skip reasons are worked
// out when first asked for, and a candidate's files (its wheels and sdist, which a source may
// defer) are loaded then: a candidate whose skip reason is empty has its files.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/resolver/candidate_source.h"
#include "core/resolver/incompatibility.h"
#include "core/resolver/resolver.h"

namespace pindex::resolver {

class PackageCatalog
{
public:
    PackageCatalog(CandidateSource& source, const ResolveOptions& options);

    static constexpr PackageId kRoot = 0;

    // The package for a name and an optional extra; loads the candidates of the name on first use.
    [[nodiscard]] Result<PackageId> intern(const std::string& name, const std::string& extra);

    [[nodiscard]] std::size_t packageCount() const { return m_packages.size(); }
    [[nodiscard]] bool isRoot(PackageId package) const { return package == kRoot; }
    [[nodiscard]] const std::string& name(PackageId package) const { return m_packages[package].name; }
    [[nodiscard]] const std::string& extra(PackageId package) const { return m_packages[package].extra; }
    [[nodiscard]] PackageId base(PackageId package) const { return m_packages[package].base; }
    // "a" or "a[x]"; "your project" for the root.
    [[nodiscard]] std::string displayName(PackageId package) const;
    [[nodiscard]] bool isDirect(PackageId package) const { return m_packages[package].direct; }
    void markDirect(PackageId package) { m_packages[package].direct = true; }

    [[nodiscard]] std::size_t candidateCount(PackageId package) const;
    [[nodiscard]] const Candidate& candidate(PackageId package, std::size_t index) const;
    [[nodiscard]] const std::string& skipReason(PackageId package, std::size_t index) const;
    [[nodiscard]] const std::string& origin(PackageId package) const;
    [[nodiscard]] std::optional<std::size_t> preferredIndex(PackageId package) const;

    // The positive set of candidates a specifier accepts (pre-releases included: whether they may
    // be chosen is a matter of skipReason, not of matching).
    [[nodiscard]] VersionSet setFor(PackageId package, const standards::SpecifierSet& specifier);

    // "a>=1.0,<2.0" style text for a set; complements are described as "not ...".
    [[nodiscard]] std::string describe(PackageId package, const VersionSet& set) const;
    // The skip reasons of the candidates in a set, one per line, at most a few.
    [[nodiscard]] std::string describeSkips(PackageId package, const VersionSet& set) const;

    // The dependencies of a candidate, evaluated for the target (markers and the extra).
    [[nodiscard]] Result<std::vector<Dependency>> dependencies(PackageId package, std::size_t index);
    [[nodiscard]] std::optional<WheelFile> bestWheel(PackageId package, std::size_t index) const;

    // Names packages the resolution will probably need: each one's page is asked for at once, and
    // when it arrives, the metadata of its likely candidate, and so on down its dependencies
    // (while the solver works, whenever it waits for an answer).
    void prefetch(const std::vector<Dependency>& dependencies);

    // Starts fetching ahead what the resolution will probably need, through the source's streaming
    // calls: each package's page is asked for as soon as a requirement names it, and as soon as it
    // arrives, the metadata of its likely candidate (the preferred one, else the newest usable one
    // its requirements accept), whose dependencies are asked for as soon as it arrives. No answer
    // waits for another, so the time is the dependency graph's critical path (two round trips
    // per level). A source without streaming just loads packages. Failures are left for the
    // resolution to meet and report.
    //
    // It returns once the first questions are out: the solver decides meanwhile, and answers are
    // handled whenever it waits for one (a load, a package's metadata) and between its decisions
    // (handleArrived). What the solver decides does not depend on when an answer arrives: it waits
    // for every answer it reads, and fetching ahead only asks earlier. Questions still out when
    // the solver is done are the source's to cancel (IndexSource::quiesce).
    //
    // It also fetches what the conflicts that the fetched metadata already shows will need, before
    // the solver meets them. Each version whose metadata is known is checked against the packages
    // it depends on:
    // - a dependency no usable version satisfies (usable: not skipped, and within the project's
    //   own requirements, which no backtracking changes) rules the version out: the metadata of
    //   the next older versions of its package is asked for, kSpeculativeBatch at once, and the
    //   walk goes on only while every version it brought is ruled out too;
    // - a dependency the dependency's likely version does not satisfy makes the newest version
    //   that does an alternative: its metadata is asked for (and, once it arrives, the pages and
    //   likely candidates of the packages it brings that nothing asked for yet), and so are the
    //   older versions of every package whose known version excludes the alternative.
    // So a conflict's fetches overlap the fetching ahead instead of following the solver's walk
    // one package and one round trip after the other.
    void startPrefetch();

    // Handles the answers that have arrived, without waiting for any.
    void handleArrived();

    // How long the catalog has waited for answers so far (the solver's time blocked on the indexes).
    [[nodiscard]] std::chrono::microseconds waited() const { return m_waited; }

    // Warm runs (ResolveOptions::cachedView): follows the dependency graph the cache shows, each
    // package's cached page (stale or not) giving its likely candidate and the cache that
    // candidate's metadata, and asks the source for every page it meets at once, so the pages'
    // revalidations run concurrently instead of one level after the other. The versions of an
    // existing lock (the preferences) name packages before any page: theirs are asked for first.
    // Only what the source answers decides anything; the cached graph only asks earlier.
    void prefetchFromCache();

    // After a backjump, the versions the solver may turn to next: unless the newest usable version
    // in `allowed` is there or asked for already, asks for the metadata of the newest ones (at
    // most kSpeculativeBatch).
    void prefetchNext(PackageId package, const VersionSet& allowed);

    // Versions asked for at once when speculation walks down a package.
    static constexpr std::size_t kSpeculativeBatch = 8;

private:
    // The reason each candidate of a package is skipped ("" when it may be chosen), worked out
    // when first asked for and kept: it may need the candidate's files, which a source builds only
    // for the versions the resolver looks at (Candidate::loadFiles).
    class SkipReasons
    {
    public:
        using Compute = std::function<std::string(std::size_t)>;
        void reset(std::size_t count, Compute compute)
        {
            m_compute = std::move(compute);
            m_reasons.assign(count, std::string());
            m_known.assign(count, false);
        }
        [[nodiscard]] const std::string& operator[](std::size_t index) const
        {
            if (!m_known[index]) {
                m_reasons[index] = m_compute(index);
                m_known[index] = true;
            }
            return m_reasons[index];
        }
        [[nodiscard]] std::size_t size() const { return m_reasons.size(); }

    private:
        Compute m_compute;
        mutable std::vector<std::string> m_reasons;
        mutable std::vector<bool> m_known;
    };

    struct BaseData
    {
        std::vector<Candidate> candidates;
        SkipReasons skipReasons;
        std::vector<std::optional<CandidateMetadata>> metadata;
        std::size_t metadataFetches = 0; // versions whose metadata was asked for so far
        std::string origin;
        std::optional<std::size_t> preferred;
        std::unordered_map<std::string, VersionSet> setCache;
    };
    struct Package
    {
        std::string name;
        std::string extra;
        PackageId base = 0;
        bool direct = false;
        BaseData* data = nullptr;
    };

    // What fetching ahead knows about a package met so far.
    struct Wanted
    {
        standards::SpecifierSet specifier;
        std::set<std::string> applied; // the specifiers intersected into it, as text
        std::set<std::string> extras;
        BaseData* data = nullptr; // once its candidates are known
        std::optional<std::size_t> picked;
        std::set<std::size_t> followed;    // candidates whose dependencies were asked for
        std::set<std::size_t> speculative; // asked for as alternatives or by a walk down
        std::set<std::size_t> examined;    // whose dependencies were checked
        std::set<std::size_t> ruledOut;    // that no usable version of a dependency satisfies
        std::set<std::size_t> offered;     // alternatives another package's version needs
    };
    // A dependency of one version of a package (`from`) that fetching ahead has seen.
    struct Edge
    {
        std::string from;
        std::size_t index = 0;
        standards::SpecifierSet specifier;
    };
    enum class Verdict { Agrees, NeedsAlternative, RuledOut };

    // Loads a package's candidates, waiting for (and meanwhile handling) streamed answers.
    [[nodiscard]] Result<BaseData*> load(const std::string& name);
    // Loads candidates that have arrived (or fetches them without streaming).
    [[nodiscard]] Result<BaseData*> loadNow(const std::string& name);
    void want(const Dependency& dependency);
    void pick(const std::string& name, Wanted& entry);
    void follow(const std::string& name, Wanted& entry, std::size_t index);
    // A page arrived for a wanted package: pick its likely candidate, check what depends on it.
    void arrived(const std::string& name, Wanted& entry);
    // The metadata of a speculative version is known: want its new packages, examine it.
    void explore(const std::string& name, Wanted& entry, std::size_t index);
    void examine(const std::string& name, Wanted& entry, std::size_t index);
    [[nodiscard]] Verdict classify(const Edge& edge, const std::string& target, const Wanted& entry,
                                   std::optional<std::size_t>& alternative) const;
    void check(const Edge& edge, const std::string& target, Wanted& entry);
    void offer(const std::string& name, Wanted& entry, std::size_t index);
    // Asks for the newest version not ruled out, walking down from the likely one.
    void advanceWalk(const std::string& name, Wanted& entry);
    // Asks for the next older versions below `index`, unless the next one was asked for already.
    void walkOlder(const std::string& name, Wanted& entry, std::size_t index);
    [[nodiscard]] bool usable(const std::string& name, const BaseData& data, std::size_t index) const;
    [[nodiscard]] bool dependencyHolds(const Dependency& dependency,
                                       const std::set<std::string>& extras) const;
    void requestMetadata(const std::string& name, const Candidate& candidate);
    void requestListing(const std::string& name);
    // A listing as the catalog keeps it (loadNow, and the cached graph apart): sorted ascending,
    // with skip reasons and the preferred version.
    [[nodiscard]] std::unique_ptr<BaseData> makeBase(const std::string& name, PackageCandidates listed) const;
    void handle(const Completion& completion);
    // Handles streamed answers until `done()` holds or nothing is outstanding.
    template <typename Done>
    void pumpUntil(Done done);
    // Sets up `data.skipReasons` (each worked out by skipReasonOf when first asked for).
    void computeSkipReasons(const std::string& name, BaseData& data) const;
    [[nodiscard]] std::string skipReasonOf(const std::string& name, Candidate& candidate,
                                           const std::vector<const Dependency*>& direct,
                                           bool prereleasesAllowed, bool wheelsAllowed,
                                           bool sdistsAllowed) const;
    [[nodiscard]] Result<bool> markerHolds(const Dependency& dependency, const std::string& extra) const;
    [[nodiscard]] static std::optional<std::size_t> likelyCandidate(const BaseData& data,
                                                                    const standards::SpecifierSet& specifier);

    CandidateSource& m_source;
    const ResolveOptions& m_options;
    // The oldest Python the project supports (the lower bound of its requires-python), if any.
    std::optional<standards::Version> m_oldestPython;
    std::vector<Package> m_packages;
    std::map<std::pair<std::string, std::string>, PackageId> m_ids;
    std::map<std::string, std::unique_ptr<BaseData>> m_bases;
    std::map<std::string, Wanted> m_wanted;
    std::map<std::string, std::vector<Edge>> m_dependents; // by the name depended on
    // The project's requirements on each package, intersected.
    std::map<std::string, standards::SpecifierSet> m_rootSpecifiers;
    std::set<std::string> m_listingsAsked;
    std::set<std::string> m_listingsArrived;
    std::set<const Candidate*> m_metadataAsked;
    std::set<const Candidate*> m_metadataArrived;
    // The likely version of each package the cached graph reached (prefetchFromCache).
    std::map<std::string, standards::Version> m_cachedPicks;
    BaseData m_rootData;
    std::chrono::microseconds m_waited{0};
};

} // namespace pindex::resolver
