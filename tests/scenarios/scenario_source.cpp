#include "tests/scenarios/scenario_source.h"

#include <algorithm>

#include "core/resolver/index_policy.h"
#include "core/standards/name.h"

namespace pindex::scenarios {

namespace {

std::string fileStem(const std::string& name, const std::string& version)
{
    std::string stem = name;
    std::replace(stem.begin(), stem.end(), '-', '_');
    return stem + "-" + version;
}

} // namespace

ScenarioSource::ScenarioSource(const Scenario& scenario)
    : m_scenario(scenario)
{
    m_pins.sources = scenario.sources;
    m_pins.patterns = scenario.pinPatterns;
}

Result<resolver::PackageCandidates> ScenarioSource::listCandidates(const std::string& name)
{
    resolver::PackageCandidates result;
    const auto package = m_scenario.packages.find(name);
    const std::vector<ScenarioVersion> none;
    const auto& versions = package == m_scenario.packages.end() ? none : package->second;

    std::vector<resolver::PolicyIndex> indexes;
    for (const auto& index : m_scenario.indexes) {
        indexes.push_back({.name = index.name, .explicitOnly = index.explicitOnly});
    }
    const auto strategy = resolver::parseIndexStrategy(m_scenario.indexStrategy);
    if (!strategy) {
        return std::unexpected(strategy.error());
    }
    const auto plan = resolver::planIndexes(name, indexes, m_pins);
    const auto serves = [&](std::size_t position) {
        return std::any_of(versions.begin(), versions.end(), [&](const ScenarioVersion& version) {
            return std::find(version.indexes.begin(), version.indexes.end(), indexes[position].name) !=
                   version.indexes.end();
        });
    };
    const auto used = resolver::usedIndexes(plan, *strategy, serves);
    result.origin = resolver::describeOrigin(indexes, used, plan);

    const bool firstMatch = *strategy == resolver::IndexStrategy::UnsafeFirstMatch;
    std::vector<std::string> seen;
    for (std::uint32_t position = 0; position < used.size(); ++position) {
        const auto& index = indexes[used[position]].name;
        for (const auto& entry : versions) {
            if (std::find(entry.indexes.begin(), entry.indexes.end(), index) == entry.indexes.end()) {
                continue;
            }
            auto version = standards::Version::parse(entry.version);
            if (!version) {
                continue;
            }
            const auto key = version->str();
            if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
                continue;
            }
            seen.push_back(key);
            resolver::Candidate candidate{.version = *version};
            candidate.indexName = index;
            candidate.indexUrl = "https://" + index + ".invalid/simple/";
            candidate.yanked = entry.yanked;
            if (entry.requiresPython) {
                auto requiresPython = standards::SpecifierSet::parse(*entry.requiresPython);
                if (!requiresPython) {
                    return std::unexpected(std::move(requiresPython.error()));
                }
                candidate.requiresPython = std::move(*requiresPython);
            }
            for (const auto& tag : entry.wheelTags) {
                const auto filename = fileStem(name, entry.version) + "-" + tag + ".whl";
                candidate.wheels.push_back(resolver::WheelFile{
                    .tag = tag,
                    .file = {.filename = filename, .url = candidate.indexUrl + "files/" + filename}});
            }
            if (entry.sdist) {
                const auto filename = fileStem(name, entry.version) + ".tar.gz";
                candidate.sdist = resolver::Distribution{.filename = filename,
                                                         .url = candidate.indexUrl + "files/" + filename};
            }
            candidate.priority = firstMatch ? position : 0;
            result.candidates.push_back(std::move(candidate));
        }
    }
    return result;
}

const ScenarioVersion* ScenarioSource::find(const std::string& name, const standards::Version& version) const
{
    const auto package = m_scenario.packages.find(name);
    if (package == m_scenario.packages.end()) {
        return nullptr;
    }
    for (const auto& entry : package->second) {
        auto parsed = standards::Version::parse(entry.version);
        if (parsed && *parsed == version && parsed->str() == version.str()) {
            return &entry;
        }
    }
    return nullptr;
}

Result<resolver::CandidateMetadata> ScenarioSource::fetchMetadata(const std::string& name,
                                                                  const resolver::Candidate& candidate)
{
    const auto* entry = find(name, candidate.version);
    if (!entry) {
        return std::unexpected(
            makeError(ErrorCode::NotFound, "No metadata for " + name + " " + candidate.version.str()));
    }
    resolver::CandidateMetadata metadata;
    for (const auto& text : entry->requirements) {
        auto dependency = resolver::Dependency::parse(text);
        if (!dependency) {
            return std::unexpected(std::move(dependency.error()));
        }
        metadata.dependencies.push_back(std::move(*dependency));
    }
    for (const auto& [extra, requirements] : entry->extras) {
        const auto normalized = standards::normalizeExtra(extra);
        metadata.providedExtras.push_back(normalized);
        auto extraMarker = standards::Marker::parse("extra == \"" + normalized + "\"");
        if (!extraMarker) {
            return std::unexpected(std::move(extraMarker.error()));
        }
        for (const auto& text : requirements) {
            auto requirement = standards::parseRequirement(text);
            if (!requirement) {
                return std::unexpected(std::move(requirement.error()));
            }
            requirement->marker = requirement->marker
                                      ? standards::Marker::both(*requirement->marker, *extraMarker)
                                      : *extraMarker;
            metadata.dependencies.push_back(resolver::Dependency::fromRequirement(*requirement));
        }
    }
    return metadata;
}

} // namespace pindex::scenarios
