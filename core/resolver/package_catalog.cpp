#include "core/resolver/package_catalog.h"

#include <algorithm>

#include "core/standards/name.h"

namespace pindex::resolver {

namespace {

const std::string kEmpty;

bool requiresPythonAdmits(const standards::SpecifierSet& requiresPython, const standards::Version& python)
{
    // Upper bounds are ignored, as uv does: a package that says "<3.11" was usually just not
    // updated yet, and refusing it makes resolutions fail for no real reason.
    using Operator = standards::Specifier::Operator;
    for (const auto& clause : requiresPython.specifiers()) {
        if (clause.op() == Operator::Less || clause.op() == Operator::LessEqual) {
            continue;
        }
        if (!clause.matches(python)) {
            return false;
        }
    }
    return true;
}

// The lower bound of a requires-python ("3.9" for ">=3.9,<4", "3.10" for "~=3.10" or "==3.10.*").
std::optional<standards::Version> lowerBound(const standards::SpecifierSet& requiresPython)
{
    using Operator = standards::Specifier::Operator;
    std::optional<standards::Version> lowest;
    for (const auto& clause : requiresPython.specifiers()) {
        const auto op = clause.op();
        if ((op == Operator::GreaterEqual || op == Operator::Greater || op == Operator::Compatible ||
             op == Operator::Equal) &&
            clause.version() && (!lowest || *lowest < *clause.version())) {
            lowest = clause.version();
        }
    }
    return lowest;
}

} // namespace

PackageCatalog::PackageCatalog(CandidateSource& source, const ResolveOptions& options)
    : m_source(source)
    , m_options(options)
    , m_oldestPython(options.requiresPython ? lowerBound(*options.requiresPython) : std::nullopt)
{
    Candidate project{.version = *standards::Version::parse("0")};
    m_rootData.candidates.push_back(std::move(project));
    m_rootData.skipReasons.reset(1, [](std::size_t) { return std::string(); });
    m_rootData.metadata.emplace_back();
    m_packages.push_back(
        Package{.name = {}, .extra = {}, .base = kRoot, .direct = false, .data = &m_rootData});
}

template <typename Done>
void PackageCatalog::pumpUntil(Done done)
{
    while (!done()) {
        const auto waiting = std::chrono::steady_clock::now();
        const auto completed = m_source.takeCompleted();
        m_waited +=
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - waiting);
        if (completed.empty()) {
            return;
        }
        for (const auto& completion : completed) {
            handle(completion);
        }
    }
}

void PackageCatalog::handleArrived()
{
    for (const auto& completion : m_source.pollCompleted()) {
        handle(completion);
    }
}

Result<PackageCatalog::BaseData*> PackageCatalog::load(const std::string& name)
{
    if (auto found = m_bases.find(name); found != m_bases.end()) {
        return found->second.get();
    }
    if (m_listingsAsked.insert(name).second) {
        const std::string names[] = {name};
        m_source.requestCandidates(names);
    }
    pumpUntil([&] { return m_listingsArrived.contains(name); });
    return loadNow(name);
}

Result<PackageCatalog::BaseData*> PackageCatalog::loadNow(const std::string& name)
{
    if (auto found = m_bases.find(name); found != m_bases.end()) {
        return found->second.get();
    }
    auto listed = m_source.listCandidates(name);
    if (!listed) {
        return std::unexpected(std::move(listed.error()));
    }
    auto data = makeBase(name, std::move(*listed));
    auto* raw = data.get();
    m_bases.emplace(name, std::move(data));
    return raw;
}

std::string PackageCatalog::skipReasonOf(const std::string& name, Candidate& candidate,
                                         const std::vector<const Dependency*>& direct,
                                         bool prereleasesAllowed, bool wheelsAllowed,
                                         bool sdistsAllowed) const
{
    const auto& environment = m_options.environment;
    if (candidate.yanked) {
        using Operator = standards::Specifier::Operator;
        bool pinned = false;
        for (const auto* requirement : direct) {
            for (const auto& clause : requirement->specifier.specifiers()) {
                pinned = pinned || (clause.op() == Operator::Equal && !clause.isWildcard() &&
                                    clause.matches(candidate.version));
            }
        }
        if (!pinned) {
            return "it is yanked (a yanked version is used only when pinned with ==)";
        }
    }
    if (candidate.version.isPrerelease() && !prereleasesAllowed) {
        return "it is a pre-release (not requested)";
    }
    if (candidate.requiresPython &&
        !requiresPythonAdmits(*candidate.requiresPython, environment.pythonVersion())) {
        return "it requires Python " + candidate.requiresPython->str() + " but the target is Python " +
               environment.pythonVersion().str();
    }
    if (candidate.requiresPython && m_oldestPython &&
        !requiresPythonAdmits(*candidate.requiresPython, *m_oldestPython)) {
        return "it requires Python " + candidate.requiresPython->str() + " but the project supports Python " +
               m_options.requiresPython->str() + " (its requires-python)";
    }
    candidate.loadFiles();
    bool hasWheel = false;
    if (wheelsAllowed) {
        for (const auto& wheel : candidate.wheels) {
            hasWheel = hasWheel || environment.wheelTagRank(wheel.tag).has_value();
        }
    }
    const bool hasSdist = sdistsAllowed && candidate.sdist.has_value() && candidate.sdistMetadataKnown;
    if (hasWheel || hasSdist) {
        return {};
    }
    std::string reason = "it has no wheel for " + environment.describe();
    if (!candidate.sdist) {
        reason += " and no source distribution";
    } else if (!sdistsAllowed) {
        reason += " and building " + name + " from source is disabled";
    } else {
        reason += " and its source distribution's metadata is not known without a build";
    }
    if (!wheelsAllowed && !candidate.wheels.empty()) {
        reason += " (wheels of " + name + " are disabled)";
    }
    return reason;
}

std::unique_ptr<PackageCatalog::BaseData> PackageCatalog::makeBase(const std::string& name,
                                                                   PackageCandidates listed) const
{
    auto data = std::make_unique<BaseData>();
    data->origin = std::move(listed.origin);
    data->candidates = std::move(listed.candidates);
    auto& candidates = data->candidates;
    // IndexSource lists distinct versions newest first: reversing them gives the only sorted order.
    if (std::adjacent_find(candidates.begin(), candidates.end(),
                           [](const Candidate& left, const Candidate& right) {
                               return !(right.version < left.version);
                           }) == candidates.end()) {
        std::reverse(candidates.begin(), candidates.end());
    } else {
        std::sort(candidates.begin(), candidates.end(),
                  [](const Candidate& left, const Candidate& right) { return left.version < right.version; });
    }
    data->metadata.resize(data->candidates.size());
    computeSkipReasons(name, *data);
    if (!m_options.upgradeAll && !m_options.upgradePackages.contains(name)) {
        if (auto preferred = m_options.preferences.find(name); preferred != m_options.preferences.end()) {
            for (std::size_t i = 0; i < data->candidates.size(); ++i) {
                if (data->candidates[i].version == preferred->second && data->skipReasons[i].empty()) {
                    data->preferred = i;
                }
            }
        }
    }
    return data;
}

void PackageCatalog::computeSkipReasons(const std::string& name, BaseData& data) const
{
    std::vector<const Dependency*> direct;
    for (const auto& requirement : m_options.requirements) {
        if (requirement.name == name) {
            direct.push_back(&requirement);
        }
    }
    bool prereleasesAllowed = m_options.prereleases == PrereleaseMode::Allow;
    if (m_options.prereleases == PrereleaseMode::IfNecessaryOrExplicit) {
        for (const auto* requirement : direct) {
            prereleasesAllowed = prereleasesAllowed || requirement->specifier.namesPrerelease();
        }
        const bool onlyPrereleases = std::all_of(data.candidates.begin(), data.candidates.end(),
                                                 [](const Candidate& c) { return c.version.isPrerelease(); });
        prereleasesAllowed = prereleasesAllowed || onlyPrereleases;
    }
    const bool wheelsAllowed = !m_options.noBinary.contains(name);
    const bool sdistsAllowed = !m_options.noBuild.contains(name);

    // Each reason is worked out when first asked for: the solver and fetching ahead look at a few
    // versions of most packages, and a version's files are loaded only for its wheel check.
    data.skipReasons.reset(data.candidates.size(),
                           [this, name, &data, direct = std::move(direct), prereleasesAllowed, wheelsAllowed,
                            sdistsAllowed](std::size_t i) {
                               return skipReasonOf(name, data.candidates[i], direct, prereleasesAllowed,
                                                   wheelsAllowed, sdistsAllowed);
                           });
}

Result<PackageId> PackageCatalog::intern(const std::string& name, const std::string& extra)
{
    const auto key = std::make_pair(name, standards::normalizeExtra(extra));
    if (auto found = m_ids.find(key); found != m_ids.end()) {
        return found->second;
    }
    PackageId base = 0;
    if (!key.second.empty()) {
        auto baseId = intern(name, {});
        if (!baseId) {
            return baseId;
        }
        base = *baseId;
    }
    auto data = load(name);
    if (!data) {
        return std::unexpected(std::move(data.error()));
    }
    const PackageId id = m_packages.size();
    m_packages.push_back(Package{.name = name,
                                 .extra = key.second,
                                 .base = key.second.empty() ? id : base,
                                 .direct = false,
                                 .data = *data});
    m_ids.emplace(key, id);
    return id;
}

std::string PackageCatalog::displayName(PackageId package) const
{
    if (package == kRoot) {
        return "your project";
    }
    const auto& entry = m_packages[package];
    return entry.extra.empty() ? entry.name : entry.name + "[" + entry.extra + "]";
}

std::size_t PackageCatalog::candidateCount(PackageId package) const
{
    return m_packages[package].data->candidates.size();
}

const Candidate& PackageCatalog::candidate(PackageId package, std::size_t index) const
{
    return m_packages[package].data->candidates[index];
}

const std::string& PackageCatalog::skipReason(PackageId package, std::size_t index) const
{
    const auto& reasons = m_packages[package].data->skipReasons;
    return index < reasons.size() ? reasons[index] : kEmpty;
}

const std::string& PackageCatalog::origin(PackageId package) const
{
    return m_packages[package].data->origin;
}

std::optional<std::size_t> PackageCatalog::preferredIndex(PackageId package) const
{
    return m_packages[package].data->preferred;
}

VersionSet PackageCatalog::setFor(PackageId package, const standards::SpecifierSet& specifier)
{
    auto& data = *m_packages[package].data;
    const auto key = specifier.str();
    if (auto found = data.setCache.find(key); found != data.setCache.end()) {
        return found->second;
    }
    VersionSet set(data.candidates.size());
    for (std::size_t i = 0; i < data.candidates.size(); ++i) {
        if (specifier.contains(data.candidates[i].version, standards::PrereleasePolicy::Allow)) {
            set.insert(i);
        }
    }
    data.setCache.emplace(key, set);
    return set;
}

std::string PackageCatalog::describe(PackageId package, const VersionSet& set) const
{
    const auto name = displayName(package);
    if (package == kRoot) {
        return name;
    }
    const auto count = candidateCount(package);
    if (count == 0 || set.versionCount() == count) {
        return name;
    }
    if (set.hasNoVersion()) {
        return name + " (no version)";
    }
    std::string text;
    std::size_t i = 0;
    while (i < count) {
        if (!set.contains(i)) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j + 1 < count && set.contains(j + 1)) {
            ++j;
        }
        const auto& low = candidate(package, i).version.str();
        const auto& high = candidate(package, j).version.str();
        std::string run;
        if (i == j) {
            run = "==" + low;
        } else if (i == 0) {
            run = "<=" + high;
        } else if (j == count - 1) {
            run = ">=" + low;
        } else {
            run = ">=" + low + ",<=" + high;
        }
        text += (text.empty() ? name : " or " + name) + run;
        i = j + 1;
    }
    return text;
}

std::string PackageCatalog::describeSkips(PackageId package, const VersionSet& set) const
{
    std::string text;
    std::size_t shown = 0;
    for (auto index : set.versionsDescending()) {
        const auto& reason = skipReason(package, index);
        if (reason.empty()) {
            continue;
        }
        if (shown == 3) {
            text += "; and more";
            break;
        }
        text += (text.empty() ? "" : "; ") + name(package) + "==" + candidate(package, index).version.str() +
                " is skipped because " + reason;
        ++shown;
    }
    return text;
}

Result<bool> PackageCatalog::markerHolds(const Dependency& dependency, const std::string& extra) const
{
    if (!dependency.marker) {
        return true;
    }
    auto holds = dependency.marker->evaluate(m_options.environment.markerEnvironment(extra));
    if (!holds) {
        auto error = std::move(holds.error());
        error.message = "The marker of '" + dependency.text + "' cannot be evaluated: " + error.message;
        return std::unexpected(std::move(error));
    }
    return *holds;
}

Result<std::vector<Dependency>> PackageCatalog::dependencies(PackageId package, std::size_t index)
{
    std::vector<Dependency> result;
    if (package == kRoot) {
        for (const auto& requirement : m_options.requirements) {
            auto holds = markerHolds(requirement, {});
            if (!holds) {
                return std::unexpected(std::move(holds.error()));
            }
            if (*holds) {
                result.push_back(requirement);
            }
        }
        return result;
    }
    auto& entry = m_packages[package];
    auto& slot = entry.data->metadata[index];
    if (!slot) {
        const auto* candidate = &entry.data->candidates[index];
        // Counted only when nobody asked for this version yet: the likely version on its way
        // (fetching ahead asked for it) is not a step of the solver's own walk.
        if (!m_metadataAsked.contains(candidate) && entry.data->metadataFetches++ > 0) {
            // A second version of the same package: the solver is walking down its versions after
            // a conflict, and will probably go on. Ask for the next older usable ones at once.
            constexpr std::size_t kBacktrackBatch = 8;
            std::vector<MetadataRequest> batch;
            for (std::size_t i = index + 1; i-- > 0 && batch.size() < kBacktrackBatch;) {
                const auto* older = &entry.data->candidates[i];
                if (entry.data->skipReasons[i].empty() && !entry.data->metadata[i] &&
                    m_metadataAsked.insert(older).second) {
                    batch.push_back(MetadataRequest{.name = entry.name, .candidate = older});
                }
            }
            if (!batch.empty()) {
                m_source.requestMetadata(batch);
            }
        }
        requestMetadata(entry.name, *candidate);
        pumpUntil([&] { return m_metadataArrived.contains(candidate); });
        if (!slot) {
            auto fetched = m_source.fetchMetadata(entry.name, *candidate);
            if (!fetched) {
                return std::unexpected(std::move(fetched.error()));
            }
            slot = std::move(*fetched);
        }
    }
    if (const auto& candidate = entry.data->candidates[index];
        !candidate.requiresPython && slot->requiresPython) {
        // The index gave no requires-python for the files (an sdist's often lacks it): the
        // metadata's own decides, with the same rules as computeSkipReasons.
        const auto& python = m_options.environment.pythonVersion();
        if (!requiresPythonAdmits(*slot->requiresPython, python)) {
            return std::unexpected(makeError(ErrorCode::Unsupported,
                                             "its metadata requires Python " + slot->requiresPython->str() +
                                                 " but the target is Python " + python.str()));
        }
        if (m_oldestPython && !requiresPythonAdmits(*slot->requiresPython, *m_oldestPython)) {
            return std::unexpected(makeError(ErrorCode::Unsupported,
                                             "its metadata requires Python " + slot->requiresPython->str() +
                                                 " but the project supports Python " +
                                                 m_options.requiresPython->str() + " (its requires-python)"));
        }
    }
    for (const auto& dependency : slot->dependencies) {
        auto holds = markerHolds(dependency, entry.extra);
        if (!holds) {
            return std::unexpected(std::move(holds.error()));
        }
        if (!*holds) {
            continue;
        }
        if (!entry.extra.empty() && dependency.marker) {
            // An extra's own dependencies are those its marker selects; the rest belong to the base.
            auto withoutExtra = markerHolds(dependency, {});
            if (withoutExtra && *withoutExtra) {
                continue;
            }
        }
        if (entry.extra.empty() || dependency.marker) {
            result.push_back(dependency);
        }
    }
    return result;
}

std::optional<WheelFile> PackageCatalog::bestWheel(PackageId package, std::size_t index) const
{
    const auto& entry = m_packages[package];
    if (package == kRoot || m_options.noBinary.contains(entry.name)) {
        return std::nullopt;
    }
    auto& candidate = entry.data->candidates[index];
    candidate.loadFiles();
    std::optional<WheelFile> best;
    std::optional<int> bestRank;
    for (const auto& wheel : candidate.wheels) {
        const auto rank = m_options.environment.wheelTagRank(wheel.tag);
        if (rank && (!bestRank || *rank < *bestRank)) {
            best = wheel;
            bestRank = rank;
        }
    }
    return best;
}

void PackageCatalog::startPrefetch()
{
    for (const auto& requirement : m_options.requirements) {
        if (auto holds = markerHolds(requirement, {}); holds && *holds) {
            auto [slot, inserted] = m_rootSpecifiers.try_emplace(requirement.name, requirement.specifier);
            if (!inserted) {
                slot->second.intersect(requirement.specifier);
            }
        }
    }
    for (const auto& requirement : m_options.requirements) {
        if (auto holds = markerHolds(requirement, {}); holds && *holds) {
            want(requirement);
        }
    }
    prefetchFromCache();
    // Each answer is used as soon as it is handled (pumpUntil, handleArrived): a page gives the
    // likely candidate, whose metadata is asked for at once; metadata gives dependencies, whose
    // pages are asked for at once.
}

} // namespace pindex::resolver
