// Checkers for requirements.json and markers.json.

#include <algorithm>
#include <map>

#include "core/standards/marker.h"
#include "core/standards/name.h"
#include "core/standards/requirement.h"
#include "tests/conformance/runner.h"

namespace pindex::conformance {

namespace {

using standards::Marker;
using standards::MarkerEnvironment;

std::string checkValid(Case item)
{
    const auto parsed = standards::parseRequirement(stringField(item, "input"));
    if (!parsed)
        return "rejected (" + parsed.error().message + ")";
    std::string problems;
    auto expect = [&problems](std::string_view field, const std::string& actual, const std::string& wanted) {
        if (actual != wanted)
            problems += std::string(field) + " is '" + actual + "' not '" + wanted + "'; ";
    };
    expect("name", parsed->name, stringField(item, "name"));
    expect("canonical_name", standards::canonicalizeName(parsed->name), stringField(item, "canonical_name"));
    expect("extras", joinList(parsed->extras), joinList(stringList(item, "extras")));
    expect("specifier", parsed->specifier.str(), stringField(item, "specifier"));
    expect("url", parsed->url.value_or("null"), optionalString(item, "url").value_or("null"));
    expect("marker", parsed->marker ? parsed->marker->str() : "null",
           optionalString(item, "marker").value_or("null"));
    expect("normalized", parsed->str(), stringField(item, "normalized"));
    return problems;
}

std::string checkInvalid(Case item)
{
    const auto parsed = standards::parseRequirement(stringField(item, "input"));
    return parsed ? "accepted as '" + parsed->str() + "'" : "";
}

std::string checkEqual(Case item)
{
    const auto a = standards::parseRequirement(stringField(item, "a"));
    const auto b = standards::parseRequirement(stringField(item, "b"));
    if (!a || !b)
        return "rejected a requirement";
    if ((*a == *b) != boolField(item, "equal"))
        return *a == *b ? "equal" : "not equal";
    return {};
}

// Reads the environment object; returns an error text for an unknown key.
std::string readEnvironment(Case item, MarkerEnvironment& environment)
{
    simdjson::dom::object object;
    if (item["environment"].get(object))
        return "environment is not an object";
    const std::map<std::string_view, std::optional<std::string> MarkerEnvironment::*> strings = {
        {"implementation_name", &MarkerEnvironment::implementationName},
        {"implementation_version", &MarkerEnvironment::implementationVersion},
        {"os_name", &MarkerEnvironment::osName},
        {"platform_machine", &MarkerEnvironment::platformMachine},
        {"platform_python_implementation", &MarkerEnvironment::platformPythonImplementation},
        {"platform_release", &MarkerEnvironment::platformRelease},
        {"platform_system", &MarkerEnvironment::platformSystem},
        {"platform_version", &MarkerEnvironment::platformVersion},
        {"python_full_version", &MarkerEnvironment::pythonFullVersion},
        {"python_version", &MarkerEnvironment::pythonVersion},
        {"sys_platform", &MarkerEnvironment::sysPlatform},
        {"extra", &MarkerEnvironment::extra},
    };
    for (const auto [key, value] : object) {
        if (const auto found = strings.find(key); found != strings.end()) {
            std::string_view text;
            if (value.get(text))
                return "environment value of " + std::string(key) + " is not a string";
            environment.*(found->second) = std::string(text);
        } else if (key == "extras" || key == "dependency_groups") {
            std::set<std::string> names;
            simdjson::dom::array array;
            if (value.get(array))
                return "environment value of " + std::string(key) + " is not a list";
            for (const auto element : array) {
                std::string_view text;
                if (!element.get(text))
                    names.emplace(text);
            }
            (key == "extras" ? environment.extras : environment.dependencyGroups) = std::move(names);
        } else {
            return "unknown environment variable " + std::string(key);
        }
    }
    return {};
}

std::string checkEvaluate(Case item)
{
    const auto marker = Marker::parse(stringField(item, "marker"));
    if (!marker)
        return "rejected (" + marker.error().message + ")";
    MarkerEnvironment environment;
    if (auto problem = readEnvironment(item, environment); !problem.empty())
        return problem;
    const auto result = marker->evaluate(environment);
    if (const auto wantedError = optionalString(item, "error")) {
        if (result)
            return std::string("evaluated to ") + (*result ? "true" : "false") + " instead of failing";
        const bool undefinedName = result.error().code == ErrorCode::NotFound;
        const std::string actual = undefinedName ? "UndefinedEnvironmentName" : "UndefinedComparison";
        if (actual != *wantedError)
            return "failed with " + actual + " (" + result.error().message + ")";
        return {};
    }
    if (!result)
        return "failed (" + result.error().message + ")";
    if (*result != boolField(item, "result"))
        return std::string("evaluated to ") + (*result ? "true" : "false");
    return {};
}

std::string checkNormalized(Case item)
{
    const auto marker = Marker::parse(stringField(item, "marker"));
    if (!marker)
        return "rejected (" + marker.error().message + ")";
    if (marker->str() != stringField(item, "normalized"))
        return "normalized as '" + marker->str() + "'";
    return {};
}

std::string checkInvalidMarker(Case item)
{
    const auto marker = Marker::parse(stringField(item, "input"));
    return marker ? "accepted as '" + marker->str() + "'" : "";
}

} // namespace

std::vector<CheckerEntry> requirementCheckers()
{
    return {
        {"requirements", "valid", checkValid},      {"requirements", "invalid", checkInvalid},
        {"requirements", "equal", checkEqual},      {"markers", "evaluate", checkEvaluate},
        {"markers", "normalized", checkNormalized}, {"markers", "invalid", checkInvalidMarker},
    };
}

} // namespace pindex::conformance
