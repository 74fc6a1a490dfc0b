#include "tests/unit/resolver/memory_source.h"

#include <algorithm>
#include <utility>

#include <catch2/catch.hpp>

namespace pindex::test {
namespace {

// The files of one package's candidates, handed over when a candidate loads them.
class DeferredFiles final : public resolver::CandidateFiles
{
public:
    DeferredFiles(std::string name, std::shared_ptr<std::vector<std::string>> loaded)
        : m_name(std::move(name))
        , m_loaded(std::move(loaded))
    {}
    void fill(std::uint32_t slot, resolver::Candidate& candidate) const override
    {
        m_loaded->push_back(m_name + "==" + candidate.version.str());
        candidate.wheels = files[slot].wheels;
        candidate.sdist = files[slot].sdist;
    }
    std::vector<resolver::Candidate> files; // by slot: only wheels and sdist are set

private:
    std::string m_name;
    std::shared_ptr<std::vector<std::string>> m_loaded;
};

} // namespace

MemorySource& MemorySource::add(const std::string& name, MemoryVersion version)
{
    m_packages[name].push_back(std::move(version));
    return *this;
}

Result<resolver::PackageCandidates> MemorySource::listCandidates(const std::string& name)
{
    listed.push_back(name);
    if (std::find(m_failing.begin(), m_failing.end(), name) != m_failing.end()) {
        auto error = makeError(ErrorCode::Network, "Connection refused while listing " + name + ".");
        error.indexName = "memory";
        return std::unexpected(std::move(error));
    }
    resolver::PackageCandidates result;
    result.origin = "index 'memory'";
    for (const auto& entry : m_packages[name]) {
        resolver::Candidate candidate{.version = *standards::Version::parse(entry.version)};
        candidate.indexName = "memory";
        candidate.yanked = entry.yanked;
        if (!entry.requiresPython.empty()) {
            candidate.requiresPython = *standards::SpecifierSet::parse(entry.requiresPython);
        }
        for (const auto& tag : entry.wheelTags) {
            candidate.wheels.push_back(
                resolver::WheelFile{.tag = tag, .file = {.filename = name + "-" + tag}});
        }
        if (entry.sdist) {
            candidate.sdist = resolver::Distribution{.filename = name + ".tar.gz"};
        }
        result.candidates.push_back(std::move(candidate));
    }
    if (deferFiles) {
        auto files = std::make_shared<DeferredFiles>(name, filesLoaded);
        for (std::uint32_t slot = 0; slot < result.candidates.size(); ++slot) {
            auto& candidate = result.candidates[slot];
            files->files.push_back(
                resolver::Candidate{.wheels = std::exchange(candidate.wheels, {}),
                                    .sdist = std::exchange(candidate.sdist, std::nullopt)});
            candidate.deferredFiles = files;
            candidate.filesSlot = slot;
        }
    }
    return result;
}

Result<resolver::CandidateMetadata> MemorySource::fetchMetadata(const std::string& name,
                                                                const resolver::Candidate& candidate)
{
    metadataFetched.push_back(name + "==" + candidate.version.str());
    resolver::CandidateMetadata metadata;
    for (const auto& entry : m_packages[name]) {
        if (*standards::Version::parse(entry.version) == candidate.version) {
            for (const auto& text : entry.dependencies) {
                auto dependency = resolver::Dependency::parse(text);
                if (!dependency) {
                    return std::unexpected(std::move(dependency.error()));
                }
                metadata.dependencies.push_back(std::move(*dependency));
            }
            if (!entry.metadataRequiresPython.empty()) {
                metadata.requiresPython = *standards::SpecifierSet::parse(entry.metadataRequiresPython);
            }
        }
    }
    return metadata;
}

void MemorySource::prefetchCandidates(std::span<const std::string> names)
{
    prefetched.insert(prefetched.end(), names.begin(), names.end());
    candidateBatches.emplace_back(names.begin(), names.end());
}

void MemorySource::prefetchMetadata(std::span<const resolver::MetadataRequest> requests)
{
    auto& batch = metadataBatches.emplace_back();
    for (const auto& request : requests) {
        batch.push_back(request.name + "==" + request.candidate->version.str());
    }
}

void MemorySource::requestCandidates(std::span<const std::string> names)
{
    for (const auto& name : names) {
        requestRound.try_emplace(name, rounds);
    }
    prefetchCandidates(names);
    CandidateSource::requestCandidates(names);
}

void MemorySource::requestMetadata(std::span<const resolver::MetadataRequest> requests)
{
    for (const auto& request : requests) {
        requestRound.try_emplace(request.name + "==" + request.candidate->version.str(), rounds);
    }
    prefetchMetadata(requests);
    CandidateSource::requestMetadata(requests);
}

std::vector<resolver::Completion> MemorySource::takeCompleted()
{
    auto completed = CandidateSource::takeCompleted();
    if (!completed.empty()) {
        ++rounds;
    }
    return completed;
}

resolver::ResolveOptions optionsFor(std::initializer_list<std::string> requirements)
{
    resolver::ResolveOptions options;
    for (const auto& text : requirements) {
        auto dependency = resolver::Dependency::parse(text);
        REQUIRE(dependency);
        options.requirements.push_back(std::move(*dependency));
    }
    return options;
}

} // namespace pindex::test
