// PackageCatalog's fetching ahead (see package_catalog.h): what the resolution will probably need,
// asked for before the solver needs it, and the speculation that fetches, before any conflict
// happens, what a conflict the fetched metadata already shows will need.

#include <algorithm>
#include <functional>

#include "core/resolver/package_catalog.h"
#include "core/standards/name.h"

namespace pindex::resolver {

void PackageCatalog::prefetch(const std::vector<Dependency>& dependencies)
{
    for (const auto& dependency : dependencies) {
        want(dependency);
    }
}

void PackageCatalog::requestMetadata(const std::string& name, const Candidate& candidate)
{
    if (m_metadataAsked.insert(&candidate).second) {
        const MetadataRequest requests[] = {MetadataRequest{.name = name, .candidate = &candidate}};
        m_source.requestMetadata(requests);
    }
}

void PackageCatalog::requestListing(const std::string& name)
{
    if (m_listingsAsked.insert(name).second) {
        const std::string names[] = {name};
        m_source.requestCandidates(names);
    }
}

void PackageCatalog::prefetchFromCache()
{
    for (const auto& [name, version] : m_options.preferences) {
        requestListing(name);
    }
    auto* view = m_options.cachedView;
    if (view == nullptr) {
        return;
    }
    // What the cached graph knows of a package: the requirements on it met so far (intersected,
    // as fetching ahead does), its cached candidates, and the version followed, with the extras
    // followed so far. The view streams its answers like the source does, so reading the cache
    // runs on all its threads at once.
    struct Node
    {
        standards::SpecifierSet specifier;
        std::set<std::string> applied;
        std::set<std::string> extras;
        std::unique_ptr<BaseData> data; // apart from m_bases: the solver never sees a cached page
        std::optional<std::size_t> followed;
        std::optional<CandidateMetadata> metadata; // of the followed version, once read
        std::size_t followedExtras = 0;
    };
    std::map<std::string, Node> nodes;
    std::function<void(const std::string&, Node&)> follow;
    const auto enqueue = [&](const Dependency& dependency) {
        if (!dependency.url.empty()) {
            return;
        }
        auto [slot, fresh] = nodes.try_emplace(dependency.name);
        auto& node = slot->second;
        bool changed = false;
        if (fresh) {
            if (auto root = m_rootSpecifiers.find(dependency.name); root != m_rootSpecifiers.end()) {
                node.specifier = root->second;
            }
            requestListing(dependency.name);
            const std::string names[] = {dependency.name};
            view->requestCandidates(names);
        }
        if (node.applied.insert(dependency.specifier.str()).second) {
            node.specifier.intersect(dependency.specifier);
            changed = true;
        }
        for (const auto& extra : dependency.extras) {
            changed = node.extras.insert(standards::normalizeExtra(extra)).second || changed;
        }
        if (changed && node.data) {
            follow(dependency.name, node);
        }
    };
    // The likely version's metadata is read, then its dependencies are enqueued (again when new
    // extras apply).
    follow = [&](const std::string& name, Node& node) {
        const auto index = likelyCandidate(*node.data, node.specifier);
        if (!index) {
            return;
        }
        if (node.followed != index) {
            node.followed = index;
            node.metadata.reset();
            node.followedExtras = 0;
            m_cachedPicks.insert_or_assign(name, node.data->candidates[*index].version);
            const MetadataRequest requests[] = {{.name = name, .candidate = &node.data->candidates[*index]}};
            view->requestMetadata(requests);
            return;
        }
        if (!node.metadata || node.followedExtras == node.extras.size() + 1) {
            return;
        }
        node.followedExtras = node.extras.size() + 1;
        const auto dependencies = node.metadata->dependencies; // enqueue() may follow other nodes
        const auto extras = node.extras;
        for (const auto& dependency : dependencies) {
            if (dependency.name != name && dependencyHolds(dependency, extras)) {
                enqueue(dependency);
            }
        }
    };
    for (const auto& requirement : m_options.requirements) {
        if (auto holds = markerHolds(requirement, {}); holds && *holds) {
            enqueue(requirement);
        }
    }
    while (true) {
        const auto completed = view->takeCompleted();
        if (completed.empty()) {
            break;
        }
        for (const auto& completion : completed) {
            auto& node = nodes[completion.name];
            if (completion.kind == Completion::Kind::Candidates) {
                auto listed = view->listCandidates(completion.name);
                if (listed) { // else not in the cache: its page comes in its own time
                    node.data = makeBase(completion.name, std::move(*listed));
                    follow(completion.name, node);
                }
                continue;
            }
            if (!node.followed || completion.candidate != &node.data->candidates[*node.followed]) {
                continue; // a version the requirements met since then rule out
            }
            if (auto metadata = view->fetchMetadata(completion.name, *completion.candidate)) {
                node.metadata = std::move(*metadata);
                follow(completion.name, node);
            }
        }
    }
}

void PackageCatalog::want(const Dependency& dependency)
{
    if (!dependency.url.empty()) {
        return; // refused when the solver meets it
    }
    auto [slot, inserted] = m_wanted.try_emplace(dependency.name);
    auto& entry = slot->second;
    bool changed = false;
    if (entry.applied.insert(dependency.specifier.str()).second) {
        if (inserted) {
            entry.specifier = dependency.specifier;
        } else {
            entry.specifier.intersect(dependency.specifier);
        }
        changed = true;
    }
    for (const auto& extra : dependency.extras) {
        changed = entry.extras.insert(standards::normalizeExtra(extra)).second || changed;
    }
    if (m_listingsAsked.insert(dependency.name).second) {
        const std::string names[] = {dependency.name};
        m_source.requestCandidates(names);
    } else if (entry.data == nullptr && m_listingsArrived.contains(dependency.name)) {
        // Loaded by the solver before anything wanted it.
        if (auto data = loadNow(dependency.name)) {
            entry.data = *data;
            arrived(dependency.name, entry);
        }
    } else if (changed && entry.data != nullptr) {
        // A narrower specifier may need another candidate; new extras, more dependencies.
        entry.followed.clear();
        pick(dependency.name, entry);
    }
}

void PackageCatalog::pick(const std::string& name, Wanted& entry)
{
    const auto index = likelyCandidate(*entry.data, entry.specifier);
    if (!index) {
        return;
    }
    entry.picked = index;
    if (entry.data->metadata[*index]) {
        follow(name, entry, *index);
        return;
    }
    requestMetadata(name, entry.data->candidates[*index]);
}

void PackageCatalog::follow(const std::string& name, Wanted& entry, std::size_t index)
{
    if (!entry.followed.insert(index).second) {
        return;
    }
    // Copied: want() may add entries to m_wanted, but never changes this metadata.
    const auto dependencies = entry.data->metadata[index]->dependencies;
    const auto extras = entry.extras;
    for (const auto& dependency : dependencies) {
        bool holds = false;
        if (auto base = markerHolds(dependency, {}); base && *base) {
            holds = true;
        }
        for (const auto& extra : extras) {
            if (auto withExtra = markerHolds(dependency, extra); withExtra && *withExtra) {
                holds = true;
            }
        }
        if (holds) {
            want(dependency);
        }
    }
    examine(name, entry, index);
}

void PackageCatalog::handle(const Completion& completion)
{
    if (completion.kind == Completion::Kind::Candidates) {
        m_listingsArrived.insert(completion.name);
        auto found = m_wanted.find(completion.name);
        if (found == m_wanted.end()) {
            // A package the lock or the cached graph names is probably wanted soon: the metadata of
            // the version they name is asked for at once, not after the metadata that wants it.
            const auto guess = m_cachedPicks.find(completion.name);
            if (!m_options.preferences.contains(completion.name) && guess == m_cachedPicks.end()) {
                return;
            }
            if (auto data = loadNow(completion.name)) {
                auto index = (*data)->preferred;
                for (std::size_t i = 0;
                     !index && guess != m_cachedPicks.end() && i < (*data)->candidates.size(); ++i) {
                    if ((*data)->candidates[i].version == guess->second && (*data)->skipReasons[i].empty()) {
                        index = i;
                    }
                }
                if (index) {
                    requestMetadata(completion.name, (*data)->candidates[*index]);
                }
            }
            return;
        }
        auto data = loadNow(completion.name);
        if (!data) {
            return; // the resolution meets the failure and reports it
        }
        found->second.data = *data;
        arrived(completion.name, found->second);
        return;
    }
    if (completion.candidate == nullptr) {
        return;
    }
    m_metadataArrived.insert(completion.candidate);
    const auto base = m_bases.find(completion.name);
    if (base == m_bases.end()) {
        return;
    }
    auto& data = *base->second;
    const auto index = static_cast<std::size_t>(completion.candidate - data.candidates.data());
    if (index >= data.candidates.size()) {
        return;
    }
    auto& slot = data.metadata[index];
    if (!slot) {
        auto fetched = m_source.fetchMetadata(completion.name, *completion.candidate);
        if (!fetched) {
            return; // asked again (and reported) when the solver needs it
        }
        slot = std::move(*fetched);
        ++data.metadataFetches;
    }
    if (auto found = m_wanted.find(completion.name); found != m_wanted.end()) {
        if (found->second.picked == index) {
            follow(completion.name, found->second, index);
        } else if (found->second.speculative.contains(index)) {
            explore(completion.name, found->second, index);
        }
    }
}

std::optional<std::size_t> PackageCatalog::likelyCandidate(const BaseData& data,
                                                           const standards::SpecifierSet& specifier)
{
    if (data.preferred &&
        specifier.contains(data.candidates[*data.preferred].version, standards::PrereleasePolicy::Allow)) {
        return data.preferred;
    }
    for (std::size_t i = data.candidates.size(); i-- > 0;) {
        if (data.skipReasons[i].empty() &&
            specifier.contains(data.candidates[i].version, standards::PrereleasePolicy::Allow)) {
            return i;
        }
    }
    return std::nullopt;
}

void PackageCatalog::arrived(const std::string& name, Wanted& entry)
{
    pick(name, entry);
    // Dependencies on this package met before its page arrived are checked now.
    if (auto found = m_dependents.find(name); found != m_dependents.end()) {
        const auto edges = found->second; // checking may add edges
        for (const auto& edge : edges) {
            check(edge, name, entry);
        }
    }
}

bool PackageCatalog::usable(const std::string& name, const BaseData& data, std::size_t index) const
{
    if (!data.skipReasons[index].empty()) {
        return false;
    }
    const auto root = m_rootSpecifiers.find(name);
    return root == m_rootSpecifiers.end() ||
           root->second.contains(data.candidates[index].version, standards::PrereleasePolicy::Allow);
}

bool PackageCatalog::dependencyHolds(const Dependency& dependency, const std::set<std::string>& extras) const
{
    if (auto base = markerHolds(dependency, {}); base && *base) {
        return true;
    }
    for (const auto& extra : extras) {
        if (auto withExtra = markerHolds(dependency, extra); withExtra && *withExtra) {
            return true;
        }
    }
    return false;
}

void PackageCatalog::explore(const std::string& name, Wanted& entry, std::size_t index)
{
    // A version the solver may turn to: the packages it brings that nothing asked for yet are
    // fetched ahead like the others (page, likely candidate, its dependencies).
    const auto dependencies = entry.data->metadata[index]->dependencies; // want() may add entries
    for (const auto& dependency : dependencies) {
        if (dependency.name != name && !m_wanted.contains(dependency.name) &&
            dependencyHolds(dependency, entry.extras)) {
            want(dependency);
        }
    }
    examine(name, entry, index);
}

void PackageCatalog::examine(const std::string& name, Wanted& entry, std::size_t index)
{
    if (!entry.examined.insert(index).second) {
        return;
    }
    std::vector<std::pair<std::string, Edge>> edges;
    for (const auto& dependency : entry.data->metadata[index]->dependencies) {
        if (dependency.name != name && dependency.url.empty() && dependencyHolds(dependency, entry.extras)) {
            edges.emplace_back(dependency.name,
                               Edge{.from = name, .index = index, .specifier = dependency.specifier});
        }
    }
    for (const auto& [target, edge] : edges) {
        m_dependents[target].push_back(edge);
    }
    // A dependency no usable version satisfies rules this version out, and its other
    // dependencies do not matter: look for those first.
    for (const auto& [target, edge] : edges) {
        auto found = m_wanted.find(target);
        std::optional<std::size_t> alternative;
        if (found != m_wanted.end() && found->second.data != nullptr &&
            classify(edge, target, found->second, alternative) == Verdict::RuledOut) {
            entry.ruledOut.insert(index);
            advanceWalk(name, entry);
            return;
        }
    }
    for (const auto& [target, edge] : edges) {
        if (auto found = m_wanted.find(target); found != m_wanted.end() && found->second.data != nullptr) {
            check(edge, target, found->second);
        }
    }
}

PackageCatalog::Verdict PackageCatalog::classify(const Edge& edge, const std::string& target,
                                                 const Wanted& entry,
                                                 std::optional<std::size_t>& alternative) const
{
    const auto& data = *entry.data;
    if (entry.picked &&
        edge.specifier.contains(data.candidates[*entry.picked].version, standards::PrereleasePolicy::Allow)) {
        return Verdict::Agrees;
    }
    for (std::size_t i = data.candidates.size(); i-- > 0;) {
        if (usable(target, data, i) &&
            edge.specifier.contains(data.candidates[i].version, standards::PrereleasePolicy::Allow)) {
            alternative = i;
            return Verdict::NeedsAlternative;
        }
    }
    return Verdict::RuledOut;
}

void PackageCatalog::check(const Edge& edge, const std::string& target, Wanted& entry)
{
    auto from = m_wanted.find(edge.from);
    if (from == m_wanted.end() || from->second.ruledOut.contains(edge.index)) {
        return;
    }
    for (const auto offered : entry.offered) {
        if (!edge.specifier.contains(entry.data->candidates[offered].version,
                                     standards::PrereleasePolicy::Allow)) {
            // The solver may turn to an offered version that this one excludes, and then walk down
            // from this one.
            walkOlder(edge.from, from->second, edge.index);
            break;
        }
    }
    std::optional<std::size_t> alternative;
    switch (classify(edge, target, entry, alternative)) {
    case Verdict::Agrees: return;
    case Verdict::RuledOut:
        from->second.ruledOut.insert(edge.index);
        advanceWalk(edge.from, from->second);
        return;
    case Verdict::NeedsAlternative: offer(target, entry, *alternative); return;
    }
}

void PackageCatalog::offer(const std::string& name, Wanted& entry, std::size_t index)
{
    if (!entry.offered.insert(index).second) {
        return;
    }
    entry.speculative.insert(index);
    if (entry.data->metadata[index]) {
        explore(name, entry, index);
    } else {
        requestMetadata(name, entry.data->candidates[index]);
    }
    // The versions of other packages that exclude the alternative may be walked down from.
    if (auto found = m_dependents.find(name); found != m_dependents.end()) {
        const auto edges = found->second;
        const auto& version = entry.data->candidates[index].version;
        for (const auto& edge : edges) {
            if (edge.specifier.contains(version, standards::PrereleasePolicy::Allow)) {
                continue;
            }
            if (auto from = m_wanted.find(edge.from);
                from != m_wanted.end() && !from->second.ruledOut.contains(edge.index)) {
                walkOlder(edge.from, from->second, edge.index);
            }
        }
    }
}

void PackageCatalog::advanceWalk(const std::string& name, Wanted& entry)
{
    if (!entry.picked) {
        return;
    }
    const auto& data = *entry.data;
    // The newest version from the likely one down that is not ruled out.
    for (std::size_t i = *entry.picked + 1; i-- > 0;) {
        if (!usable(name, data, i) || entry.ruledOut.contains(i)) {
            continue;
        }
        if (data.metadata[i]) {
            if (!entry.examined.contains(i)) {
                entry.speculative.insert(i);
                explore(name, entry, i);
            }
        } else if (!m_metadataAsked.contains(&data.candidates[i])) {
            walkOlder(name, entry, i + 1);
        }
        return; // examined, or on its way
    }
}

void PackageCatalog::walkOlder(const std::string& name, Wanted& entry, std::size_t index)
{
    const auto& data = *entry.data;
    std::vector<MetadataRequest> batch;
    for (std::size_t i = index; i-- > 0 && batch.size() < kSpeculativeBatch;) {
        if (!usable(name, data, i)) {
            continue;
        }
        const auto* candidate = &data.candidates[i];
        if (data.metadata[i] || m_metadataAsked.contains(candidate)) {
            if (!batch.empty()) {
                continue;
            }
            // The next older one is there or on its way: the walk is under way already.
            if (data.metadata[i] && !entry.examined.contains(i)) {
                entry.speculative.insert(i);
                explore(name, entry, i);
            }
            return;
        }
        m_metadataAsked.insert(candidate);
        entry.speculative.insert(i);
        batch.push_back(MetadataRequest{.name = name, .candidate = candidate});
    }
    if (!batch.empty()) {
        m_source.requestMetadata(batch);
    }
}

void PackageCatalog::prefetchNext(PackageId package, const VersionSet& allowed)
{
    const auto& entry = m_packages[package];
    auto& data = *entry.data;
    std::vector<MetadataRequest> batch;
    for (std::size_t i = std::min(allowed.candidateCount(), data.candidates.size());
         i-- > 0 && batch.size() < kSpeculativeBatch;) {
        const auto* candidate = &data.candidates[i];
        if (!allowed.contains(i) || !data.skipReasons[i].empty()) {
            continue;
        }
        if (data.metadata[i] || !m_metadataAsked.insert(candidate).second) {
            if (batch.empty()) {
                return; // the next version is there or on its way (fetching ahead foresaw it)
            }
            continue;
        }
        batch.push_back(MetadataRequest{.name = entry.name, .candidate = candidate});
    }
    if (!batch.empty()) {
        m_source.requestMetadata(batch);
    }
}

} // namespace pindex::resolver
