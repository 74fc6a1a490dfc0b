#include "tests/scenarios/scenario_source.h"

#include <algorithm>
#include <fnmatch.h>

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
{}

std::optional<std::pair<std::string, std::string>> ScenarioSource::pinFor(const std::string& name) const
{
    if (auto found = m_scenario.sources.find(name); found != m_scenario.sources.end()) {
        return std::make_pair(found->second, std::string("sources"));
    }
    for (const auto& [glob, index] : m_scenario.pinPatterns) {
        if (fnmatch(standards::canonicalizeName(glob).c_str(), name.c_str(), 0) == 0) {
            return std::make_pair(index, "the pin pattern '" + glob + "'");
        }
    }
    return std::nullopt;
}

Result<resolver::PackageCandidates> ScenarioSource::listCandidates(const std::string& name)
{
    resolver::PackageCandidates result;
    const auto package = m_scenario.packages.find(name);
    const std::vector<ScenarioVersion> none;
    const auto& versions = package == m_scenario.packages.end() ? none : package->second;

    std::vector<std::string> order;
    const auto pin = pinFor(name);
    if (pin) {
        order.push_back(pin->first);
        result.origin = "index '" + pin->first + "' (pinned by " + pin->second + ")";
    } else {
        for (const auto& index : m_scenario.indexes) {
            if (!index.explicitOnly) {
                order.push_back(index.name);
            }
        }
    }
    const auto serves = [&](const std::string& index) {
        return std::any_of(versions.begin(), versions.end(), [&](const ScenarioVersion& version) {
            return std::find(version.indexes.begin(), version.indexes.end(), index) != version.indexes.end();
        });
    };
    if (!pin && m_scenario.indexStrategy == "first-index") {
        auto first = std::find_if(order.begin(), order.end(), serves);
        if (first != order.end()) {
            order = {*first};
        }
    }
    if (!pin) {
        std::string names;
        for (const auto& index : order) {
            names += (names.empty() ? "" : ", ") + ("'" + index + "'");
        }
        result.origin = (order.size() == 1 ? "index " : "indexes ") + names;
    }

    const bool firstMatch = m_scenario.indexStrategy == "unsafe-first-match";
    std::vector<std::string> seen;
    for (std::uint32_t position = 0; position < order.size(); ++position) {
        const auto& index = order[position];
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
