#include "tests/scenarios/snapshot_source.h"

#include <simdjson.h>

#include "core/standards/name.h"
#include "core/util/file_io.h"

namespace pindex::test {

Result<SnapshotSource> SnapshotSource::load(const std::filesystem::path& file)
{
    auto text = readFile(file);
    if (!text) {
        return std::unexpected(std::move(text.error()));
    }
    simdjson::dom::parser parser;
    simdjson::dom::object root;
    if (parser.parse(*text).get(root) != simdjson::SUCCESS) {
        return std::unexpected(makeFileError(ErrorCode::Parse, "Not a JSON object.", file.string()));
    }
    SnapshotSource source;
    for (auto [name, versions] : root) {
        auto& entry = source.m_packages[standards::canonicalizeName(name)];
        simdjson::dom::object versionObject;
        if (versions.get(versionObject) != simdjson::SUCCESS) {
            continue;
        }
        for (auto [version, details] : versionObject) {
            auto parsed = standards::Version::parse(version);
            if (!parsed) {
                ++source.m_invalidVersions;
                continue;
            }
            auto& dependencies = entry[parsed->str()];
            simdjson::dom::array list;
            if (details["dependencies"].get(list) == simdjson::SUCCESS) {
                for (auto item : list) {
                    std::string_view dependency;
                    if (item.get(dependency) == simdjson::SUCCESS) {
                        dependencies.emplace_back(dependency);
                    }
                }
            }
        }
    }
    return source;
}

Result<resolver::PackageCandidates> SnapshotSource::listCandidates(const std::string& name)
{
    ++m_listCalls;
    resolver::PackageCandidates result;
    result.origin = "index 'snapshot'";
    const auto found = m_packages.find(name);
    if (found == m_packages.end()) {
        return result;
    }
    for (const auto& [version, dependencies] : found->second) {
        resolver::Candidate candidate{.version = *standards::Version::parse(version)};
        candidate.indexName = "snapshot";
        candidate.wheels.push_back(resolver::WheelFile{.tag = "py3-none-any", .file = {}});
        result.candidates.push_back(std::move(candidate));
    }
    return result;
}

const std::vector<std::string>& SnapshotSource::dependencyTexts(const std::string& name,
                                                                const std::string& version) const
{
    static const std::vector<std::string> kNone;
    const auto package = m_packages.find(name);
    if (package == m_packages.end()) {
        return kNone;
    }
    const auto found = package->second.find(version);
    return found == package->second.end() ? kNone : found->second;
}

Result<resolver::CandidateMetadata> SnapshotSource::fetchMetadata(const std::string& name,
                                                                  const resolver::Candidate& candidate)
{
    resolver::CandidateMetadata metadata;
    for (const auto& text : dependencyTexts(name, candidate.version.str())) {
        auto dependency = resolver::Dependency::parse(text);
        if (!dependency) {
            return std::unexpected(std::move(dependency.error()));
        }
        metadata.dependencies.push_back(std::move(*dependency));
    }
    return metadata;
}

} // namespace pindex::test
