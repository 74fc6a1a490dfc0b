#include "core/resolver/index_source.h"

#include <algorithm>
#include <span>

#include "core/standards/metadata.h"
#include "core/standards/name.h"

namespace pindex::resolver {

namespace {

// "py3-none-any" from "a-1.0-py3-none-any.whl".
std::string wheelTagOf(std::string_view filename)
{
    auto stem = filename.substr(0, filename.size() - 4);
    std::size_t dashes = 0;
    for (std::size_t i = stem.size(); i-- > 0;) {
        if (stem[i] == '-' && ++dashes == 3) {
            return std::string(stem.substr(i + 1));
        }
    }
    return {};
}

Distribution toDistribution(const index::DistributionFile& file)
{
    Distribution distribution;
    distribution.filename = file.filename;
    distribution.url = maskUrlCredentials(file.url);
    if (auto hash = file.hashes.find("sha256"); hash != file.hashes.end()) {
        distribution.sha256 = hash->second;
    }
    distribution.size = file.size.value_or(0);
    distribution.uploadTime = file.uploadTime;
    return distribution;
}

Result<CandidateMetadata> parseMetadata(std::string_view text, const std::string& filename)
{
    auto metadata = standards::parseCoreMetadata(text, filename);
    if (!metadata) {
        return std::unexpected(std::move(metadata.error()));
    }
    CandidateMetadata result;
    for (const auto& requirement : metadata->requiresDist) {
        // URL requirements are kept: the resolver refuses them when their marker holds.
        result.dependencies.push_back(Dependency::fromRequirement(requirement));
    }
    for (const auto& extra : metadata->providesExtra) {
        result.providedExtras.push_back(standards::normalizeExtra(extra));
    }
    result.requiresPython = metadata->requiresPython;
    return result;
}

// "index 'private' (pinned by sources)", "indexes 'a', 'pypi'", "no index".
std::string describeOrigin(const index::CandidateSet& set)
{
    const auto& used = set.served.empty() ? set.consulted : set.served;
    std::string names;
    for (const auto& name : used) {
        names += (names.empty() ? "'" : ", '") + name + "'";
    }
    if (names.empty()) {
        return "no index";
    }
    std::string text = (used.size() == 1 ? "index " : "indexes ") + names;
    if (set.pinnedTo) {
        text += set.pinnedByPattern ? " (pinned by the pin pattern '" + set.pinRule + "')"
                                    : " (pinned by sources)";
    }
    return text;
}

// The file whose metadata stands for a candidate: a wheel, preferably with a PEP 658 file, else
// the sdist (its PEP 658 file, else its PKG-INFO).
const index::Candidate* metadataFile(std::span<const index::Candidate> files)
{
    const index::Candidate* chosen = nullptr;
    const auto better = [](const index::Candidate& file, const index::Candidate* than) {
        if (than == nullptr) {
            return true;
        }
        if (file.file.isWheel() != than->file.isWheel()) {
            return file.file.isWheel();
        }
        return file.file.hasCoreMetadata && !than->file.hasCoreMetadata;
    };
    for (const auto& file : files) {
        if (better(file, chosen)) {
            chosen = &file;
        }
    }
    return chosen;
}

} // namespace

class IndexSource::PackageFiles final : public CandidateFiles
{
public:
    // `files` newest first as IndexSet lists them; `slots[i]` the slot of files[i], or kSkipped.
    PackageFiles(std::vector<index::Candidate> files, const std::vector<std::uint32_t>& slots,
                 std::uint32_t slotCount)
        : m_begin(slotCount + 1, 0)
    {
        // Grouped by slot (a counting sort keeping the listing's order within a slot).
        for (const auto slot : slots) {
            if (slot != kSkipped) {
                ++m_begin[slot + 1];
            }
        }
        for (std::size_t k = 1; k < m_begin.size(); ++k) {
            m_begin[k] += m_begin[k - 1];
        }
        // The listing is newest first, so the slots only grow along it; with no file skipped (one
        // index, or no version on two) it is grouped already and is kept as it is.
        if (m_begin.back() == files.size() && std::ranges::is_sorted(slots)) {
            m_files = std::move(files);
            return;
        }
        std::vector<std::uint32_t> next(m_begin.begin(), m_begin.end() - 1);
        m_files.resize(m_begin.back());
        for (std::size_t i = 0; i < files.size(); ++i) {
            if (slots[i] != kSkipped) {
                m_files[next[slots[i]]++] = std::move(files[i]);
            }
        }
    }

    static constexpr std::uint32_t kSkipped = ~std::uint32_t{0};

    [[nodiscard]] std::uint32_t slotCount() const { return static_cast<std::uint32_t>(m_begin.size() - 1); }
    [[nodiscard]] std::span<const index::Candidate> files(std::uint32_t slot) const
    {
        return std::span(m_files).subspan(m_begin[slot], m_begin[slot + 1] - m_begin[slot]);
    }

    // The slot of a candidate's version on its index: `hint` when it is the one, else searched.
    [[nodiscard]] std::optional<std::uint32_t> find(const std::string& version, const std::string& indexName,
                                                    std::uint32_t hint) const
    {
        const auto matches = [&](std::uint32_t slot) {
            const auto each = files(slot);
            return !each.empty() && each.front().indexName == indexName &&
                   each.front().version.str() == version;
        };
        if (hint < slotCount() && matches(hint)) {
            return hint;
        }
        for (std::uint32_t slot = 0; slot < slotCount(); ++slot) {
            if (matches(slot)) {
                return slot;
            }
        }
        return std::nullopt;
    }

    void fill(std::uint32_t slot, Candidate& candidate) const override
    {
        if (slot >= slotCount()) {
            return;
        }
        for (const auto& file : files(slot)) {
            const bool wheel = file.file.isWheel();
            if (!wheel && candidate.sdist) {
                continue;
            }
            // A file its page cannot complete (an entry the summary did not check) is left out,
            // as the full reader would have refused the page.
            auto complete = file.completeFile();
            if (!complete) {
                continue;
            }
            if (wheel) {
                candidate.wheels.push_back(
                    WheelFile{.tag = wheelTagOf(complete->filename), .file = toDistribution(*complete)});
            } else {
                candidate.sdist = toDistribution(*complete);
            }
        }
    }

private:
    std::vector<index::Candidate> m_files;
    std::vector<std::uint32_t> m_begin; // slot k: m_files[m_begin[k], m_begin[k + 1])
};

IndexSource::IndexSource(index::IndexSet& indexes, std::stop_token stop, std::size_t parallelism)
    : m_indexes(indexes)
    , m_forwardStop(std::move(stop), [this] { m_stopSource.request_stop(); })
    , m_pool(util::FiberPool::Options{.maxFibers = std::max<std::size_t>(1, parallelism)})
{}

IndexSource::~IndexSource()
{
    // The questions still running see the stop (their transfers end as Cancelled); the pool, the
    // first member destroyed, waits for them.
    m_stopSource.request_stop();
}

void IndexSource::quiesce()
{
    m_stopSource.request_stop();
    m_quiesced = true;
    m_pool.drain();
    std::lock_guard lock(m_mutex);
    cancelUnanswered();
}

void IndexSource::cancelUnanswered()
{
    // Listings and metadata alike: every question not done is done now, with Cancelled, and a
    // streamed one is handed over as its completion.
    const auto cancel = [this](auto& questions, const auto& completion) {
        for (auto& [key, state] : questions) {
            if (state.done) {
                continue;
            }
            state.result = std::unexpected(makeError(ErrorCode::Cancelled, "the package source has stopped"));
            state.done = true;
            if (state.streamed) {
                m_completed.push_back(completion(key, state));
            }
        }
    };
    cancel(m_listings, [](const std::string& name, const Listing&) {
        return Completion{.kind = Completion::Kind::Candidates, .name = name};
    });
    cancel(m_metadata, [](const CandidateKey& key, const MetadataState& state) {
        return Completion{
            .kind = Completion::Kind::Metadata, .name = std::get<0>(key), .candidate = state.candidate};
    });
    m_changed.notify_all();
}

std::size_t IndexSource::workersStarted() const
{
    return m_pool.threadsStarted();
}

void IndexSource::post(std::function<void()> task)
{
    (void)m_pool.post(std::move(task)); // refused once quiesced: cancelUnanswered() answers
}

PackageCandidates IndexSource::toCandidates(index::CandidateSet& found,
                                            std::shared_ptr<const PackageFiles>& files) const
{
    const bool ranked = m_indexes.strategy() == index::IndexStrategy::UnsafeFirstMatch;
    PackageCandidates result;
    result.origin = describeOrigin(found);
    auto& listed = found.candidates; // newest first, equal versions side by side in index order
    std::vector<std::uint32_t> slots(listed.size(), PackageFiles::kSkipped);
    std::vector<std::pair<std::string, std::string>> indexUrls; // index name, its masked URL
    std::map<std::string, std::optional<standards::SpecifierSet>, std::less<>> pythons;
    // The version strings of the current run of equal versions, each with its candidate: "1.0"
    // and "1.0.0" are equal but two candidates, and each belongs to the first index serving it.
    std::vector<std::pair<std::string, std::uint32_t>> run;
    for (std::size_t i = 0; i < listed.size(); ++i) {
        const auto& file = listed[i];
        if (i == 0 || listed[i - 1].version != file.version) {
            run.clear();
        }
        auto version = file.version.str();
        auto owner = std::ranges::find(run, version, &std::pair<std::string, std::uint32_t>::first);
        if (owner == run.end()) {
            const auto slot = static_cast<std::uint32_t>(result.candidates.size());
            owner = run.insert(run.end(), {std::move(version), slot});
            auto& candidate = result.candidates.emplace_back(Candidate{.version = file.version});
            candidate.indexName = file.indexName;
            auto url =
                std::ranges::find(indexUrls, file.indexName, &std::pair<std::string, std::string>::first);
            if (url == indexUrls.end()) {
                const auto* client = m_indexes.client(file.indexName);
                url = indexUrls.insert(indexUrls.end(),
                                       {file.indexName, client ? maskUrlCredentials(client->baseUrl()) : ""});
            }
            candidate.indexUrl = url->second;
            candidate.priority = ranked ? file.rank : 0;
            candidate.yanked = true;
            candidate.filesSlot = slot;
        } else if (result.candidates[owner->second].indexName != file.indexName) {
            continue; // an earlier index serves this version
        }
        slots[i] = owner->second;
        auto& candidate = result.candidates[owner->second];
        candidate.yanked = candidate.yanked && file.file.yanked;
        if (!file.file.requiresPython.empty() && !candidate.requiresPython) {
            auto [parsed, fresh] = pythons.try_emplace(file.file.requiresPython);
            if (fresh) {
                if (auto specifier = standards::SpecifierSet::parse(file.file.requiresPython)) {
                    parsed->second = std::move(*specifier);
                }
            }
            if (parsed->second) {
                candidate.requiresPython = *parsed->second;
            }
        }
    }
    files = std::make_shared<const PackageFiles>(std::move(listed), slots,
                                                 static_cast<std::uint32_t>(result.candidates.size()));
    for (auto& candidate : result.candidates) {
        candidate.deferredFiles = files;
    }
    return result;
}

void IndexSource::startListing(const std::string& name, bool streamed)
{
    auto [entry, inserted] = m_listings.try_emplace(name);
    if (streamed && !entry->second.streamed) {
        entry->second.streamed = true;
        ++m_outstanding;
        if (entry->second.done) {
            m_completed.push_back(Completion{.kind = Completion::Kind::Candidates, .name = name});
        }
    }
    if (!inserted) {
        return;
    }
    if (m_quiesced) {
        cancelUnanswered();
        return;
    }
    post([this, name] {
        const std::string names[] = {name};
        // In summary: a version's files are completed from their page only when they are loaded.
        auto found = std::move(
            m_indexes.candidatesAll(names, m_stopSource.get_token(), index::PageDetail::Summary).front());
        Result<PackageCandidates> result = std::unexpected(Error{});
        // Converted without the lock: a large page (thousands of files) would otherwise hold up
        // every other answer and the resolver taking them. Only what the resolver needs of every
        // version is worked out here; the files stay as they are until a version's are loaded.
        std::shared_ptr<const PackageFiles> files;
        if (!found) {
            result = std::unexpected(std::move(found.error()));
        } else {
            result = toCandidates(*found, files);
        }
        std::lock_guard lock(m_mutex);
        if (files) {
            m_files[name] = std::move(files);
        }
        auto& listing = m_listings[name];
        listing.result = std::move(result);
        listing.done = true;
        if (listing.streamed) {
            m_completed.push_back(Completion{.kind = Completion::Kind::Candidates, .name = name});
        }
        m_changed.notify_all();
    });
}

Result<CandidateMetadata> IndexSource::readMetadata(const CandidateKey& key, std::uint32_t slot)
{
    index::Candidate chosen;
    {
        std::lock_guard lock(m_mutex);
        const auto files = m_files.find(std::get<0>(key));
        const auto found = files == m_files.end()
                               ? std::nullopt
                               : files->second->find(std::get<1>(key), std::get<2>(key), slot);
        if (!found) {
            return std::unexpected(makeError(ErrorCode::NotFound, "No files of " + std::get<0>(key) + " " +
                                                                      std::get<1>(key) + " on index '" +
                                                                      std::get<2>(key) + "'."));
        }
        chosen = *metadataFile(files->second->files(*found));
    }
    auto texts =
        m_indexes.coreMetadataAll(std::span<const index::Candidate>(&chosen, 1), m_stopSource.get_token());
    if (!texts.front()) {
        return std::unexpected(std::move(texts.front().error()));
    }
    return parseMetadata(*texts.front(), chosen.file.filename);
}

void IndexSource::startMetadata(const std::string& name, const Candidate& candidate, bool streamed)
{
    CandidateKey key{name, candidate.version.str(), candidate.indexName};
    auto [entry, inserted] = m_metadata.try_emplace(key);
    if (streamed && !entry->second.streamed) {
        entry->second.streamed = true;
        entry->second.candidate = &candidate;
        ++m_outstanding;
        if (entry->second.done) {
            m_completed.push_back(
                Completion{.kind = Completion::Kind::Metadata, .name = name, .candidate = &candidate});
        }
    }
    if (!inserted) {
        return;
    }
    if (m_quiesced) {
        cancelUnanswered();
        return;
    }
    post([this, key, slot = candidate.filesSlot] {
        auto result = readMetadata(key, slot);
        std::lock_guard lock(m_mutex);
        auto& state = m_metadata[key];
        state.result = std::move(result);
        state.done = true;
        if (state.streamed) {
            m_completed.push_back(Completion{
                .kind = Completion::Kind::Metadata, .name = std::get<0>(key), .candidate = state.candidate});
        }
        m_changed.notify_all();
    });
}

Result<PackageCandidates> IndexSource::listCandidates(const std::string& name)
{
    std::unique_lock lock(m_mutex);
    // The resolver reads each listing once: it is handed over, not copied (a package's candidates
    // can be thousands). Asked for again, the package is listed again.
    if (auto known = m_listings.find(name); known != m_listings.end() && known->second.taken) {
        m_changed.wait(lock, [&known] { return known->second.done; });
        m_listings.erase(known);
    }
    startListing(name, false);
    auto& listing = m_listings.at(name);
    m_changed.wait(lock, [&listing] { return listing.done; });
    listing.taken = true;
    return std::move(*listing.result);
}

Result<CandidateMetadata> IndexSource::fetchMetadata(const std::string& name, const Candidate& candidate)
{
    std::unique_lock lock(m_mutex);
    startMetadata(name, candidate, false);
    auto& state = m_metadata.at(CandidateKey{name, candidate.version.str(), candidate.indexName});
    m_changed.wait(lock, [&state] { return state.done; });
    return *state.result;
}

void IndexSource::prefetchCandidates(std::span<const std::string> names)
{
    std::lock_guard lock(m_mutex);
    for (const auto& name : names) {
        startListing(name, false);
    }
}

void IndexSource::prefetchMetadata(std::span<const MetadataRequest> requests)
{
    std::lock_guard lock(m_mutex);
    for (const auto& request : requests) {
        startMetadata(request.name, *request.candidate, false);
    }
}

void IndexSource::requestCandidates(std::span<const std::string> names)
{
    std::lock_guard lock(m_mutex);
    for (const auto& name : names) {
        startListing(name, true);
    }
}

void IndexSource::requestMetadata(std::span<const MetadataRequest> requests)
{
    std::lock_guard lock(m_mutex);
    for (const auto& request : requests) {
        startMetadata(request.name, *request.candidate, true);
    }
}

std::vector<Completion> IndexSource::takeCompleted()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_completed.empty() || m_outstanding == 0; });
    auto completed = std::exchange(m_completed, {});
    m_outstanding -= completed.size();
    return completed;
}

std::vector<Completion> IndexSource::pollCompleted()
{
    std::lock_guard lock(m_mutex);
    auto completed = std::exchange(m_completed, {});
    m_outstanding -= completed.size();
    return completed;
}

} // namespace pindex::resolver
