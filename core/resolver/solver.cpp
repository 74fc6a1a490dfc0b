#include "core/resolver/solver.h"

#include <algorithm>
#include <map>

#include "core/resolver/explanation.h"
#include "core/standards/name.h"

namespace pindex::resolver {

Solver::Solver(CandidateSource& source, const ResolveOptions& options, std::stop_token stop)
    : m_options(options)
    , m_stop(std::move(stop))
    , m_catalog(source, options)
{
    m_solution.ensurePackage(PackageCatalog::kRoot, 1);
    m_byPackage.emplace_back();
    m_conflicts.push_back(0);
}

Result<PackageId> Solver::package(const std::string& name, const std::string& extra)
{
    auto id = m_catalog.intern(name, extra);
    if (!id) {
        return id;
    }
    for (const auto each : {m_catalog.base(*id), *id}) {
        m_solution.ensurePackage(each, m_catalog.candidateCount(each));
        while (m_byPackage.size() <= each) {
            m_byPackage.emplace_back();
            m_conflicts.push_back(0);
        }
    }
    return id;
}

IncompatibilityId Solver::store(Incompatibility incompatibility)
{
    std::sort(incompatibility.terms.begin(), incompatibility.terms.end(),
              [](const Term& left, const Term& right) { return left.package < right.package; });
    m_store.push_back(std::move(incompatibility));
    return m_store.size() - 1;
}

IncompatibilityId Solver::learn(Incompatibility incompatibility)
{
    const auto id = store(std::move(incompatibility));
    for (const auto& term : m_store[id].terms) {
        m_byPackage[term.package].push_back(id);
    }
    return id;
}

Solver::Relation Solver::relation(const Incompatibility& incompatibility, PackageId& unsatisfied) const
{
    bool haveUnsatisfied = false;
    for (const auto& term : incompatibility.terms) {
        const auto& accumulated = m_solution.accumulated(term.package);
        if (accumulated.isSubsetOf(term.set)) {
            continue;
        }
        if (accumulated.isDisjointFrom(term.set)) {
            return Relation::Contradicted;
        }
        if (haveUnsatisfied) {
            return Relation::Inconclusive;
        }
        haveUnsatisfied = true;
        unsatisfied = term.package;
    }
    return haveUnsatisfied ? Relation::AlmostSatisfied : Relation::Satisfied;
}

bool Solver::isTerminal(const Incompatibility& incompatibility) const
{
    return incompatibility.terms.empty() ||
           (incompatibility.terms.size() == 1 && incompatibility.terms[0].package == PackageCatalog::kRoot &&
            incompatibility.terms[0].set.isPositive());
}

Status Solver::propagate(PackageId start)
{
    std::vector<PackageId> changed{start};
    while (!changed.empty()) {
        const auto current = changed.back();
        changed.pop_back();
        for (std::size_t i = m_byPackage[current].size(); i-- > 0;) {
            const auto id = m_byPackage[current][i];
            PackageId unsatisfied = 0;
            const auto found = relation(m_store[id], unsatisfied);
            if (found == Relation::Satisfied) {
                auto rootCause = resolveConflict(id);
                if (!rootCause) {
                    return std::unexpected(std::move(rootCause.error()));
                }
                const auto again = relation(m_store[*rootCause], unsatisfied);
                if (again != Relation::AlmostSatisfied) {
                    return std::unexpected(
                        makeError(ErrorCode::Internal, "The resolver learned a fact it could not apply."));
                }
                for (const auto& term : m_store[*rootCause].terms) {
                    if (term.package == unsatisfied) {
                        m_solution.derive(Term{term.package, term.set.complement()}, *rootCause);
                    }
                }
                changed.assign(1, unsatisfied);
                break;
            }
            if (found == Relation::AlmostSatisfied) {
                for (const auto& term : m_store[id].terms) {
                    if (term.package == unsatisfied) {
                        m_solution.derive(Term{term.package, term.set.complement()}, id);
                    }
                }
                if (std::find(changed.begin(), changed.end(), unsatisfied) == changed.end()) {
                    changed.push_back(unsatisfied);
                }
            }
        }
    }
    return {};
}

std::size_t Solver::satisfierIndex(const Term& term) const
{
    const auto& indices = m_solution.assignmentsOf(term.package);
    auto accumulated = VersionSet::full(term.set.candidateCount());
    for (auto index : indices) {
        accumulated = accumulated.intersection(m_solution.assignments()[index].term.set);
        if (accumulated.isSubsetOf(term.set)) {
            return index;
        }
    }
    return indices.empty() ? 0 : indices.back();
}

Result<IncompatibilityId> Solver::resolveConflict(IncompatibilityId conflict)
{
    ++m_statistics.conflicts;
    auto current = conflict;
    while (true) {
        if (isTerminal(m_store[current])) {
            return std::unexpected(unsatisfiable(current));
        }
        const auto& terms = m_store[current].terms;
        std::size_t satisfier = 0;
        std::size_t satisfierTerm = 0;
        std::vector<std::size_t> found(terms.size());
        for (std::size_t i = 0; i < terms.size(); ++i) {
            found[i] = satisfierIndex(terms[i]);
            if (i == 0 || found[i] > satisfier) {
                satisfier = found[i];
                satisfierTerm = i;
            }
        }
        const auto& assignment = m_solution.assignments()[satisfier];
        const auto& term = terms[satisfierTerm];
        std::size_t previousLevel = 1;
        for (std::size_t i = 0; i < terms.size(); ++i) {
            if (i != satisfierTerm) {
                previousLevel = std::max(previousLevel, m_solution.assignments()[found[i]].level);
            }
        }
        auto accumulated = VersionSet::full(term.set.candidateCount());
        for (auto index : m_solution.assignmentsOf(term.package)) {
            if (index >= satisfier) {
                break;
            }
            accumulated = accumulated.intersection(m_solution.assignments()[index].term.set);
            if (accumulated.intersection(assignment.term.set).isSubsetOf(term.set)) {
                previousLevel = std::max(previousLevel, m_solution.assignments()[index].level);
                break;
            }
        }
        for (const auto& each : terms) {
            ++m_conflicts[each.package];
        }
        if (assignment.decision || previousLevel != assignment.level) {
            if (current != conflict) {
                for (const auto& each : m_store[current].terms) {
                    m_byPackage[each.package].push_back(current);
                }
            }
            m_solution.backtrack(previousLevel);
            // The solver now turns to other versions of one of the packages the learned fact
            // names: ask for the next ones of all of them at once, not one package after another.
            for (const auto& each : m_store[current].terms) {
                if (each.package != PackageCatalog::kRoot) {
                    m_catalog.prefetchNext(
                        each.package,
                        m_solution.accumulated(each.package).intersection(each.set.complement()));
                }
            }
            return current;
        }

        // The prior cause: resolve the two incompatibilities on the satisfier's package.
        const auto cause = assignment.cause;
        const auto package = term.package;
        std::map<PackageId, VersionSet> merged;
        std::optional<VersionSet> pivot;
        for (const auto* source : {&m_store[current], &m_store[cause]}) {
            for (const auto& each : source->terms) {
                if (each.package == package) {
                    pivot = pivot ? pivot->unionWith(each.set) : each.set;
                    continue;
                }
                auto [slot, inserted] = merged.emplace(each.package, each.set);
                if (!inserted) {
                    slot->second = slot->second.intersection(each.set);
                }
            }
        }
        Incompatibility prior{.terms = {}, .kind = CauseKind::Derived, .left = current, .right = cause};
        for (auto& [id, set] : merged) {
            if (!set.isFull()) {
                prior.terms.push_back(Term{id, std::move(set)});
            }
        }
        if (pivot && !pivot->isFull()) {
            prior.terms.push_back(Term{package, std::move(*pivot)});
        }
        current = store(std::move(prior));
    }
}

std::optional<PackageId> Solver::choosePackage() const
{
    const auto pending = m_solution.undecidedPositive();
    std::optional<PackageId> best;
    std::tuple<int, std::size_t, int, PackageId> bestKey{};
    for (auto candidate : pending) {
        if (candidate == PackageCatalog::kRoot) {
            return candidate;
        }
        std::size_t usable = 0;
        const auto& allowed = m_solution.accumulated(candidate);
        for (std::size_t i = 0; i < allowed.candidateCount() && usable < 2; ++i) {
            if (allowed.contains(i) && m_catalog.skipReason(candidate, i).empty()) {
                ++usable;
            }
        }
        // Smaller keys first: forced or failing packages, then most conflicts, then direct ones.
        const std::tuple<int, std::size_t, int, PackageId> key{
            usable < 2 ? 0 : 1, ~m_conflicts[candidate], m_catalog.isDirect(candidate) ? 0 : 1, candidate};
        if (!best || key < bestKey) {
            best = candidate;
            bestKey = key;
        }
    }
    return best;
}

Status Solver::addDependencies(PackageId package, std::size_t version, bool& canDecide)
{
    canDecide = true;
    auto dependencies = m_catalog.dependencies(package, version);
    if (!dependencies) {
        const auto code = dependencies.error().code;
        if (code != ErrorCode::Parse && code != ErrorCode::Unsupported && code != ErrorCode::NotFound &&
            code != ErrorCode::Invalid) {
            return std::unexpected(std::move(dependencies.error()));
        }
        learn(Incompatibility{
            .terms = {Term{package, VersionSet::single(m_catalog.candidateCount(package), version)}},
            .kind = CauseKind::Unavailable,
            .subject = {},
            .detail = dependencies.error().message});
        canDecide = false;
        return {};
    }
    for (const auto& dependency : *dependencies) {
        if (!dependency.url.empty()) {
            // As uv: a package from an index may not pull a file from an arbitrary URL.
            const auto& candidate = m_catalog.candidate(package, version);
            auto error =
                makeError(ErrorCode::Unsupported,
                          m_catalog.name(package) + " " + candidate.version.str() +
                              (candidate.indexName.empty() ? "" : " (index '" + candidate.indexName + "')") +
                              " depends on '" + maskUrlCredentials(dependency.text) +
                              "', a direct URL; a dependency of an index package must be resolvable by name");
            error.hint = "Require " + dependency.name +
                         " by name from an index the project uses (a flat index " +
                         "directory holding the file works), or exclude " + m_catalog.name(package) + " " +
                         candidate.version.str() + " with a version constraint.";
            return std::unexpected(std::move(error));
        }
    }
    const auto count = m_catalog.candidateCount(package);
    const auto self = VersionSet::single(count, version);
    std::vector<IncompatibilityId> added;
    if (m_catalog.base(package) != package) {
        // a[x]==v depends on a==v.
        const auto base = m_catalog.base(package);
        added.push_back(learn(Incompatibility{
            .terms = {Term{package, self}, Term{base, VersionSet::single(count, version).complement()}},
            .kind = CauseKind::Dependency,
            .subject = {},
            .detail = m_catalog.name(package) + "==" + m_catalog.candidate(package, version).version.str()}));
    }

    // Requirements on the same package (and extra) are intersected.
    std::map<std::pair<std::string, std::string>, std::pair<standards::SpecifierSet, std::string>> grouped;
    for (const auto& dependency : *dependencies) {
        std::vector<std::string> extras = dependency.extras;
        if (extras.empty()) {
            extras.emplace_back();
        }
        for (const auto& extra : extras) {
            auto [slot, inserted] =
                grouped.try_emplace(std::make_pair(dependency.name, standards::normalizeExtra(extra)));
            if (inserted) {
                slot->second.first = dependency.specifier;
                slot->second.second =
                    dependency.text.empty() ? dependency.name + dependency.specifier.str() : dependency.text;
            } else {
                slot->second.first.intersect(dependency.specifier);
                slot->second.second +=
                    ", " + (dependency.text.empty() ? dependency.specifier.str() : dependency.text);
            }
        }
    }
    m_catalog.prefetch(*dependencies);
    for (const auto& [key, value] : grouped) {
        auto target = this->package(key.first, key.second);
        if (!target) {
            return std::unexpected(std::move(target.error()));
        }
        if (*target == package || *target == m_catalog.base(package)) {
            continue;
        }
        if (package == PackageCatalog::kRoot) {
            m_catalog.markDirect(*target);
        }
        Incompatibility dependency{.terms = {Term{package, self}},
                                   .kind = CauseKind::Dependency,
                                   .subject = {},
                                   .detail = value.second};
        const auto complement = m_catalog.setFor(*target, value.first).complement();
        if (!complement.isFull()) {
            dependency.terms.push_back(Term{*target, complement});
        } else {
            const auto& origin = m_catalog.origin(*target);
            const auto where = origin.empty() ? std::string() : " on " + origin;
            dependency.detail += m_catalog.candidateCount(*target) == 0
                                     ? " (" + key.first + " was not found" + where + ")"
                                     : " (no version of " + key.first + where + " matches)";
        }
        added.push_back(learn(std::move(dependency)));
    }
    for (auto id : added) {
        bool othersSatisfied = true;
        for (const auto& term : m_store[id].terms) {
            if (term.package != package && !m_solution.accumulated(term.package).isSubsetOf(term.set)) {
                othersSatisfied = false;
            }
        }
        if (othersSatisfied) {
            canDecide = false;
        }
    }
    return {};
}

Status Solver::decide(PackageId package)
{
    const auto& allowed = m_solution.accumulated(package);
    std::optional<std::size_t> chosen;
    if (const auto preferred = m_catalog.preferredIndex(package); preferred && allowed.contains(*preferred)) {
        chosen = preferred;
    }
    if (!chosen) {
        // Newest first; only a lower priority beats a newer version, and none is lower than 0 (so
        // the older versions' skip reasons, and files, are not needed).
        for (std::size_t i = allowed.candidateCount();
             i-- > 0 && !(chosen && m_catalog.candidate(package, *chosen).priority == 0);) {
            if (allowed.contains(i) && m_catalog.skipReason(package, i).empty() &&
                (!chosen ||
                 m_catalog.candidate(package, i).priority < m_catalog.candidate(package, *chosen).priority)) {
                chosen = i;
            }
        }
    }
    if (!chosen) {
        auto range = allowed;
        range.erase(range.noneIndex());
        learn(Incompatibility{.terms = {Term{package, range}},
                              .kind = CauseKind::NoVersions,
                              .subject = {},
                              .detail = m_catalog.describeSkips(package, range)});
        return propagate(package);
    }
    bool canDecide = true;
    if (auto added = addDependencies(package, *chosen, canDecide); !added) {
        return added;
    }
    if (canDecide) {
        m_solution.decide(package, *chosen);
        ++m_statistics.decisions;
    }
    return propagate(package);
}

Error Solver::unsatisfiable(IncompatibilityId failure) const
{
    auto error = makeError(ErrorCode::Unsatisfiable, explainFailure(m_store, failure, m_catalog));
    error.hint = "Relax a requirement, change a pin or the index strategy, or allow pre-releases.";
    return error;
}

Result<Resolution> Solver::collect()
{
    Resolution resolution;
    std::map<std::string, ResolvedPackage> byName;
    for (PackageId package = 1; package < m_catalog.packageCount(); ++package) {
        const auto version = m_solution.decidedVersion(package);
        if (!version || m_catalog.base(package) != package) {
            continue;
        }
        ResolvedPackage resolved{.name = m_catalog.name(package),
                                 .version = m_catalog.candidate(package, *version).version,
                                 .candidate = m_catalog.candidate(package, *version),
                                 .wheel = m_catalog.bestWheel(package, *version),
                                 .extras = {},
                                 .dependencies = {}};
        byName.emplace(resolved.name, std::move(resolved));
    }
    for (PackageId package = 1; package < m_catalog.packageCount(); ++package) {
        const auto version = m_solution.decidedVersion(package);
        if (!version) {
            continue;
        }
        auto& owner = byName.at(m_catalog.name(package));
        if (m_catalog.base(package) != package) {
            owner.extras.push_back(m_catalog.extra(package));
        }
        auto dependencies = m_catalog.dependencies(package, *version);
        if (!dependencies) {
            return std::unexpected(std::move(dependencies.error()));
        }
        for (const auto& dependency : *dependencies) {
            if (byName.contains(dependency.name) &&
                std::find(owner.dependencies.begin(), owner.dependencies.end(), dependency.name) ==
                    owner.dependencies.end()) {
                owner.dependencies.push_back(dependency.name);
            }
        }
    }
    for (auto& [name, resolved] : byName) {
        std::sort(resolved.extras.begin(), resolved.extras.end());
        std::sort(resolved.dependencies.begin(), resolved.dependencies.end());
        resolution.packages.push_back(std::move(resolved));
    }
    return resolution;
}

Result<Resolution> Solver::run()
{
    const auto started = std::chrono::steady_clock::now();
    if (m_options.requiresPython && !m_options.requiresPython->contains(m_options.environment.pythonVersion(),
                                                                        standards::PrereleasePolicy::Allow)) {
        auto error = makeError(ErrorCode::Unsatisfiable, "The target Python " +
                                                             m_options.environment.pythonVersion().str() +
                                                             " is outside the project's requires-python " +
                                                             m_options.requiresPython->str() + ".");
        error.hint = "Lock for a Python version the project supports, or widen requires-python.";
        return std::unexpected(std::move(error));
    }
    // The questions go out at once; the solver decides while the answers arrive, waiting only for
    // the ones it reads.
    m_catalog.startPrefetch();

    auto notSelected = VersionSet(1);
    notSelected.insert(notSelected.noneIndex());
    learn(Incompatibility{.terms = {Term{PackageCatalog::kRoot, notSelected}}, .kind = CauseKind::Root});
    if (auto propagated = propagate(PackageCatalog::kRoot); !propagated) {
        return std::unexpected(std::move(propagated.error()));
    }
    while (true) {
        if (m_stop.stop_requested()) {
            return std::unexpected(makeError(ErrorCode::Cancelled, "The resolution was cancelled."));
        }
        // Answers that arrived during the last decision: their follow-up questions leave now, not
        // when the solver next has to wait.
        m_catalog.handleArrived();
        const auto chosen = choosePackage();
        if (!chosen) {
            break;
        }
        // decide() adds what it learns about the package and propagates it.
        if (auto decided = decide(*chosen); !decided) {
            return std::unexpected(std::move(decided.error()));
        }
    }
    auto resolution = collect();
    if (resolution) {
        m_statistics.packagesSeen = m_catalog.packageCount() - 1;
        m_statistics.waiting = m_catalog.waited();
        m_statistics.elapsed =
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
        resolution->statistics = m_statistics;
    }
    return resolution;
}

const ResolvedPackage* Resolution::find(std::string_view name) const
{
    for (const auto& package : packages) {
        if (package.name == name) {
            return &package;
        }
    }
    return nullptr;
}

Result<Resolution> resolve(CandidateSource& source, const ResolveOptions& options, std::stop_token stop)
{
    Solver solver(source, options, std::move(stop));
    return solver.run();
}

Result<Resolution> resolve(CandidateSource& source, const ResolveOptions& options, std::stop_token stop,
                           std::shared_ptr<void>& state)
{
    auto solver = std::make_shared<Solver>(source, options, std::move(stop));
    auto resolution = solver->run();
    state = std::move(solver);
    return resolution;
}

} // namespace pindex::resolver
