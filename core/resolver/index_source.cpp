#include "core/resolver/index_source.h"

#include <algorithm>

#include "core/standards/metadata.h"
#include "core/standards/name.h"
#include "core/standards/wheel_name.h"

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

bool endsWith(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
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
        if (requirement.url) {
            continue;
        }
        result.dependencies.push_back(Dependency::fromRequirement(requirement));
    }
    for (const auto& extra : metadata->providesExtra) {
        result.providedExtras.push_back(standards::normalizeExtra(extra));
    }
    return result;
}

} // namespace

IndexSource::IndexSource(std::vector<SourceIndex> indexes, IndexStrategy strategy, IndexPins pins,
                         std::stop_token stop)
    : m_indexes(std::move(indexes))
    , m_strategy(strategy)
    , m_pins(std::move(pins))
    , m_stop(std::move(stop))
    , m_pages(m_indexes.size())
{
    for (const auto& index : m_indexes) {
        m_policyIndexes.push_back({.name = index.name, .explicitOnly = index.explicitOnly});
    }
}

void IndexSource::fetchPages(std::size_t position, const std::vector<std::string>& names)
{
    auto results = m_indexes[position].client->projectPages(names, m_stop);
    std::lock_guard lock(m_mutex);
    for (std::size_t i = 0; i < names.size() && i < results.size(); ++i) {
        m_pages[position].try_emplace(names[i], std::move(results[i]));
    }
}

const IndexSource::Page& IndexSource::page(std::size_t position, const std::string& name)
{
    {
        std::lock_guard lock(m_mutex);
        if (auto found = m_pages[position].find(name); found != m_pages[position].end()) {
            return found->second;
        }
    }
    fetchPages(position, {name});
    std::lock_guard lock(m_mutex);
    return m_pages[position].at(name);
}

void IndexSource::prefetchCandidates(std::span<const std::string> names)
{
    for (std::size_t position = 0; position < m_indexes.size(); ++position) {
        std::vector<std::string> missing;
        for (const auto& name : names) {
            const auto plan = planIndexes(name, m_policyIndexes, m_pins);
            if (std::find(plan.candidates.begin(), plan.candidates.end(), position) ==
                plan.candidates.end()) {
                continue;
            }
            std::lock_guard lock(m_mutex);
            if (!m_pages[position].contains(name)) {
                missing.push_back(name);
            }
        }
        if (!missing.empty()) {
            fetchPages(position, missing);
        }
    }
}

Result<PackageCandidates> IndexSource::listCandidates(const std::string& name)
{
    const auto plan = planIndexes(name, m_policyIndexes, m_pins);
    for (auto position : plan.candidates) {
        const auto& fetched = page(position, name);
        if (!fetched) {
            return std::unexpected(fetched.error());
        }
    }
    const auto has = [&](std::size_t position) {
        const auto& fetched = page(position, name);
        return fetched && fetched->has_value() && !(*fetched)->files.empty();
    };
    const auto used = usedIndexes(plan, m_strategy, has);
    PackageCandidates result;
    result.origin = describeOrigin(m_policyIndexes, used, plan);

    std::map<std::string, std::size_t> byVersion; // canonical version -> position in result
    for (std::uint32_t rank = 0; rank < used.size(); ++rank) {
        const auto position = used[rank];
        const auto& fetched = page(position, name);
        if (!fetched || !fetched->has_value()) {
            continue;
        }
        std::map<std::string, std::vector<const index::DistributionFile*>> files;
        std::map<std::string, standards::Version> versions;
        for (const auto& file : (*fetched)->files) {
            std::optional<standards::Version> version;
            if (endsWith(file.filename, ".whl")) {
                if (auto wheel = standards::parseWheelName(file.filename); wheel && wheel->name == name) {
                    version = wheel->version;
                }
            } else if (auto sdist = standards::parseSdistName(file.filename); sdist && sdist->name == name) {
                version = sdist->version;
            }
            if (!version) {
                continue;
            }
            const auto key = version->str();
            files[key].push_back(&file);
            versions.emplace(key, *version);
        }
        for (const auto& [key, entries] : files) {
            if (byVersion.contains(key)) {
                continue; // an earlier index serves this version
            }
            Candidate candidate{.version = versions.at(key)};
            candidate.indexName = m_indexes[position].name;
            candidate.indexUrl = m_indexes[position].client->baseUrl();
            candidate.priority = m_strategy == IndexStrategy::UnsafeFirstMatch ? rank : 0;
            candidate.yanked =
                std::all_of(entries.begin(), entries.end(), [](const auto* file) { return file->yanked; });
            candidate.sdistMetadataKnown = false;
            auto& stored = m_files[{name, key, candidate.indexName}];
            for (const auto* file : entries) {
                stored.push_back(*file);
                if (!file->requiresPython.empty() && !candidate.requiresPython) {
                    if (auto specifier = standards::SpecifierSet::parse(file->requiresPython)) {
                        candidate.requiresPython = std::move(*specifier);
                    }
                }
                if (endsWith(file->filename, ".whl")) {
                    candidate.wheels.push_back(
                        WheelFile{.tag = wheelTagOf(file->filename), .file = toDistribution(*file)});
                } else if (!candidate.sdist) {
                    candidate.sdist = toDistribution(*file);
                    candidate.sdistMetadataKnown = file->hasCoreMetadata;
                }
            }
            byVersion.emplace(key, result.candidates.size());
            result.candidates.push_back(std::move(candidate));
        }
    }
    return result;
}

const index::DistributionFile* IndexSource::metadataFile(const CandidateKey& key) const
{
    const auto found = m_files.find(key);
    if (found == m_files.end()) {
        return nullptr;
    }
    const index::DistributionFile* chosen = nullptr;
    for (const auto& file : found->second) {
        const bool wheel = endsWith(file.filename, ".whl");
        if (wheel && (!chosen || (file.hasCoreMetadata && !chosen->hasCoreMetadata))) {
            chosen = &file;
        }
    }
    if (!chosen) {
        for (const auto& file : found->second) {
            if (file.hasCoreMetadata) {
                chosen = &file;
            }
        }
    }
    return chosen;
}

SourceIndex* IndexSource::indexNamed(const std::string& name)
{
    for (auto& each : m_indexes) {
        if (each.name == name) {
            return &each;
        }
    }
    return nullptr;
}

void IndexSource::prefetchMetadata(std::span<const MetadataRequest> requests)
{
    // One concurrent batch per index.
    std::map<std::string, std::pair<std::vector<CandidateKey>, std::vector<index::DistributionFile>>> batches;
    for (const auto& request : requests) {
        CandidateKey key{request.name, request.candidate->version.str(), request.candidate->indexName};
        if (m_metadata.contains(key)) {
            continue;
        }
        if (const auto* file = metadataFile(key)) {
            auto& batch = batches[request.candidate->indexName];
            batch.first.push_back(std::move(key));
            batch.second.push_back(*file);
        }
    }
    for (auto& [indexName, batch] : batches) {
        auto* index = indexNamed(indexName);
        if (index == nullptr) {
            continue;
        }
        auto texts = index->client->coreMetadataAll(batch.second, m_stop);
        for (std::size_t i = 0; i < texts.size() && i < batch.first.size(); ++i) {
            if (!texts[i]) {
                continue; // fetchMetadata asks again and reports the failure
            }
            if (auto metadata = parseMetadata(*texts[i], batch.second[i].filename)) {
                m_metadata.emplace(batch.first[i], std::move(*metadata));
            }
        }
    }
}

Result<CandidateMetadata> IndexSource::fetchMetadata(const std::string& name, const Candidate& candidate)
{
    const CandidateKey key{name, candidate.version.str(), candidate.indexName};
    if (auto found = m_metadata.find(key); found != m_metadata.end()) {
        return found->second;
    }
    if (!m_files.contains(key)) {
        return std::unexpected(makeError(ErrorCode::NotFound, "No files of " + name + " " +
                                                                  candidate.version.str() + " on index '" +
                                                                  candidate.indexName + "'."));
    }
    const auto* chosen = metadataFile(key);
    if (!chosen) {
        return std::unexpected(
            makeError(ErrorCode::Unsupported, "The metadata of " + name + " " + candidate.version.str() +
                                                  " is only known after building its sdist."));
    }
    auto text = indexNamed(candidate.indexName)->client->coreMetadata(*chosen, m_stop);
    if (!text) {
        return std::unexpected(std::move(text.error()));
    }
    auto metadata = parseMetadata(*text, chosen->filename);
    if (metadata) {
        m_metadata.emplace(key, *metadata);
    }
    return metadata;
}

} // namespace pindex::resolver
