#include "tests/scenarios/resolvelib_case.h"

#include <cctype>
#include <set>
#include <simdjson.h>
#include <utility>

#include "core/standards/marker.h"
#include "core/standards/name.h"
#include "core/standards/requirement.h"
#include "core/util/file_io.h"

namespace pindex::scenarios {

namespace {

Error caseError(const std::filesystem::path& file, std::string message)
{
    return makeFileError(ErrorCode::Parse, std::move(message), file.string());
}

// The package names an explanation mentions, canonical (PEP 503): every run of name characters,
// without a sentence's closing period, as canonicalizeName() writes it.
std::set<std::string> namesIn(std::string_view text)
{
    const auto isNamePart = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    };
    std::set<std::string> names;
    for (std::size_t at = 0; at < text.size();) {
        if (!isNamePart(text[at])) {
            ++at;
            continue;
        }
        auto end = at;
        while (end < text.size() && isNamePart(text[end]))
            ++end;
        auto word = text.substr(at, end - at);
        while (!word.empty() && (word.back() == '.' || word.back() == '-' || word.back() == '_'))
            word.remove_suffix(1);
        if (!word.empty())
            names.insert(standards::canonicalizeName(word));
        at = end;
    }
    return names;
}

} // namespace

std::filesystem::path ResolvelibCase::snapshotBeside(const std::filesystem::path& caseFile) const
{
    return caseFile.parent_path() / ("index-" + index + ".json");
}

Result<ResolvelibCase> loadResolvelibCase(const std::filesystem::path& file)
{
    auto text = readFile(file);
    if (!text)
        return std::unexpected(std::move(text.error()));
    simdjson::dom::parser parser;
    simdjson::dom::object root;
    if (const auto error = parser.parse(*text).get(root); error != simdjson::SUCCESS)
        return std::unexpected(
            caseError(file, std::string("not a JSON object: ") + simdjson::error_message(error)));
    ResolvelibCase result;
    std::string_view index;
    if (root["index"].get(index) != simdjson::SUCCESS || index.empty())
        return std::unexpected(caseError(file, "\"index\" (the snapshot's name) is missing or not a string"));
    result.index = std::string(index);
    simdjson::dom::array requested;
    if (root["requested"].get(requested) != simdjson::SUCCESS)
        return std::unexpected(caseError(file, "\"requested\" (the requirements) is missing or not a list"));
    for (auto item : requested) {
        std::string_view requirement;
        if (item.get(requirement) != simdjson::SUCCESS)
            return std::unexpected(caseError(file, "\"requested\" holds something that is not a string"));
        result.requested.emplace_back(requirement);
    }
    simdjson::dom::element resolvedElement;
    if (root["resolved"].get(resolvedElement) == simdjson::SUCCESS) {
        simdjson::dom::object resolved;
        if (resolvedElement.get(resolved) != simdjson::SUCCESS)
            return std::unexpected(caseError(file, "\"resolved\" is not an object"));
        for (auto [name, value] : resolved) {
            ExpectedPick pick;
            std::string_view version;
            std::string_view marker;
            if (value.get(version) != simdjson::SUCCESS) {
                if (value["version"].get(version) != simdjson::SUCCESS)
                    return std::unexpected(
                        caseError(file, "\"resolved\": the pick of " + std::string(name) +
                                            " is neither a version nor {\"version\": ...}"));
                if (value["marker"].get(marker) == simdjson::SUCCESS)
                    pick.marker = std::string(marker);
            }
            pick.version = std::string(version);
            result.resolved[standards::canonicalizeName(name)] = std::move(pick);
        }
    }
    simdjson::dom::element conflictedElement;
    if (root["conflicted"].get(conflictedElement) == simdjson::SUCCESS) {
        simdjson::dom::array conflicted;
        if (conflictedElement.get(conflicted) != simdjson::SUCCESS)
            return std::unexpected(caseError(file, "\"conflicted\" is not a list of package names"));
        result.conflicted.emplace();
        for (auto item : conflicted) {
            std::string_view name;
            if (item.get(name) != simdjson::SUCCESS)
                return std::unexpected(caseError(file, "\"conflicted\" holds something that is not a name"));
            result.conflicted->push_back(standards::canonicalizeName(name));
        }
    }
    return result;
}

resolver::TargetEnvironment resolvelibTarget()
{
    return *resolver::TargetEnvironment::make("3.11", "linux-x86_64");
}

CaseVerdict checkCase(const ResolvelibCase& testCase, const Result<resolver::Resolution>& outcome,
                      const test::SnapshotSource& snapshot, const resolver::TargetEnvironment& target)
{
    CaseVerdict verdict;
    if (testCase.conflicted) {
        if (outcome) {
            std::string picked;
            for (const auto& package : outcome->packages)
                picked += " " + package.name + "==" + package.version.str();
            verdict.failures.push_back("expected a conflict, got a solution:" + picked);
            return verdict;
        }
        if (outcome.error().code != ErrorCode::Unsatisfiable) {
            verdict.failures.push_back("resolver error: " + outcome.error().describe());
            return verdict;
        }
        // The explanation may write Foo_Bar for foo-bar: names are compared canonical.
        const auto named = namesIn(outcome.error().message);
        for (const auto& name : *testCase.conflicted) {
            if (!named.contains(name))
                verdict.failures.push_back("the explanation does not name " + name + ": " +
                                           outcome.error().message);
        }
        return verdict;
    }
    if (!outcome) {
        verdict.failures.push_back("expected a solution, got: " + outcome.error().describe());
        return verdict;
    }
    const auto& resolution = *outcome;

    // Every requirement that applies is met, written from the snapshot's strings, not from the
    // resolver's structures.
    std::map<std::string, std::set<std::string>> extras;
    std::vector<std::pair<std::string, std::string>> pending; // (required by, requirement)
    for (const auto& text : testCase.requested)
        pending.emplace_back("the project", text);
    for (const auto& package : resolution.packages) {
        for (const auto& text : snapshot.dependencyTexts(package.name, package.version.str()))
            pending.emplace_back(package.name, text);
    }
    while (!pending.empty()) {
        const auto [owner, text] = pending.back();
        pending.pop_back();
        auto requirement = standards::parseRequirement(text);
        if (!requirement) {
            // A string the snapshot holds but PEP 508 rejects: the resolver leaves it out too.
            verdict.differences.push_back(owner + ": '" + text + "' is not PEP 508, left out");
            continue;
        }
        std::vector<std::string> activeFor{""};
        if (owner != "the project") {
            for (const auto& extra : extras[owner])
                activeFor.push_back(extra);
        }
        bool applies = !requirement->marker;
        for (const auto& extra : activeFor) {
            if (requirement->marker) {
                const auto holds = requirement->marker->evaluate(target.markerEnvironment(extra));
                applies = applies || (holds && *holds);
            }
        }
        if (!applies)
            continue;
        const auto name = standards::canonicalizeName(requirement->name);
        const auto* chosen = resolution.find(name);
        if (!chosen) {
            verdict.failures.push_back(owner + " needs " + text + " but " + name + " is not in the solution");
            continue;
        }
        if (!requirement->specifier.contains(chosen->version, standards::PrereleasePolicy::Allow)) {
            verdict.failures.push_back(owner + " needs " + text + " but " + name +
                                       "==" + chosen->version.str() + " was chosen");
        }
        for (const auto& extra : requirement->extras) {
            if (extras[name].insert(standards::normalizeExtra(extra)).second) {
                // One more extra is active: the package's dependencies are checked again with it.
                for (const auto& dependency : snapshot.dependencyTexts(name, chosen->version.str()))
                    pending.emplace_back(name, dependency);
            }
        }
    }

    // Where the solution differs from resolvelib's (another valid answer is not a failure).
    std::set<std::string> expectedHere;
    for (const auto& [name, pick] : testCase.resolved) {
        if (!pick.marker.empty()) {
            bool holds = false;
            if (const auto marker = standards::Marker::parse(pick.marker)) {
                const auto value = marker->evaluate(target.markerEnvironment(""));
                holds = value && *value;
            }
            if (!holds)
                continue; // resolvelib picked it for another environment
        }
        expectedHere.insert(name);
        const auto* chosen = resolution.find(name);
        const auto expected = standards::Version::parse(pick.version);
        if (!chosen)
            verdict.differences.push_back(name + " missing (resolvelib: " + pick.version + ")");
        else if (!expected || !(chosen->version == *expected))
            verdict.differences.push_back(name + "==" + chosen->version.str() +
                                          " (resolvelib: " + pick.version + ")");
    }
    for (const auto& package : resolution.packages) {
        if (!expectedHere.contains(package.name))
            verdict.differences.push_back("also " + package.name + "==" + package.version.str());
    }
    return verdict;
}

} // namespace pindex::scenarios
