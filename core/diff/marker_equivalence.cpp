#include "core/diff/marker_equivalence.h"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/standards/marker.h"

namespace pindex::diff {
namespace {

using standards::Marker;
using standards::MarkerEnvironment;
using standards::MarkerNode;
using standards::MarkerOperator;
using standards::MarkerVariable;

using Release = std::array<int, 3>;

// At most this many environments are evaluated; beyond it the markers compare as text.
constexpr std::size_t kMaximumEnvironments = 20000;

// The release numbers of a version literal ("3.12", "3.12.1", "3.12.*") and how many were written.
std::optional<std::pair<Release, std::size_t>> releaseOf(std::string_view text)
{
    if (text.ends_with(".*"))
        text.remove_suffix(2);
    Release release{0, 0, 0};
    std::size_t parts = 0;
    std::size_t position = 0;
    while (position < text.size() && parts < 3) {
        int number = 0;
        const std::size_t start = position;
        while (position < text.size() && text[position] >= '0' && text[position] <= '9' && number < 100000)
            number = number * 10 + (text[position++] - '0');
        if (position == start)
            break;
        release[parts++] = number;
        if (position < text.size() && text[position] == '.')
            ++position;
        else
            break;
    }
    if (parts == 0)
        return std::nullopt;
    return std::pair{release, parts};
}

struct Samples
{
    std::set<Release> python;         // python_version and python_full_version, one dimension
    std::set<Release> implementation; // implementation_version
    std::map<MarkerVariable, std::set<std::string>> strings;
    std::set<std::string> extras; // names tested with `in extras`
    std::set<std::string> groups; // names tested with `in dependency_groups`
};

// Versions at and around `release` and, for a prefix like 3.12 (which `== 3.12.*` and `~=` use),
// around the next prefix too: every region the comparisons distinguish gets a sample.
void addVersionSamples(std::set<Release>& samples, Release release, std::size_t parts)
{
    Release next = release;
    ++next[parts - 1];
    for (std::size_t i = parts; i < 3; ++i)
        next[i] = 0;
    for (const Release& bound : {release, next}) {
        const auto [major, minor, micro] = bound;
        samples.insert(bound);
        samples.insert({major, minor, micro + 1});
        samples.insert({major, minor, 99});
        samples.insert({major, minor + 1, 0});
        samples.insert({major + 1, 0, 0});
        if (micro > 0)
            samples.insert({major, minor, micro - 1});
        if (minor > 0)
            samples.insert({major, minor - 1, 99});
        if (major > 0)
            samples.insert({major - 1, 99, 99});
    }
}

void collect(const MarkerNode& node, Samples& samples)
{
    if (node.isGroup) {
        for (const auto& item : node.items)
            collect(item, samples);
        return;
    }
    const auto& comparison = node.comparison;
    const bool variableLeft = comparison.left.isVariable;
    const auto& variable = variableLeft ? comparison.left : comparison.right;
    const auto& literal = variableLeft ? comparison.right : comparison.left;
    if (!variable.isVariable || literal.isVariable)
        return;
    switch (variable.variable) {
    case MarkerVariable::PythonVersion:
    case MarkerVariable::PythonFullVersion:
    case MarkerVariable::ImplementationVersion: {
        auto& target = variable.variable == MarkerVariable::ImplementationVersion ? samples.implementation
                                                                                  : samples.python;
        if (const auto release = releaseOf(literal.value))
            addVersionSamples(target, release->first, release->second);
        break;
    }
    case MarkerVariable::Extras: samples.extras.insert(literal.value); break;
    case MarkerVariable::DependencyGroups: samples.groups.insert(literal.value); break;
    default: samples.strings[variable.variable].insert(literal.value); break;
    }
}

std::string releaseText(const Release& release, std::size_t parts)
{
    std::string text = std::to_string(release[0]);
    for (std::size_t i = 1; i < parts; ++i)
        text += "." + std::to_string(release[i]);
    return text;
}

std::optional<std::string>* stringSlot(MarkerEnvironment& environment, MarkerVariable variable)
{
    switch (variable) {
    case MarkerVariable::ImplementationName: return &environment.implementationName;
    case MarkerVariable::ImplementationVersion: return &environment.implementationVersion;
    case MarkerVariable::OsName: return &environment.osName;
    case MarkerVariable::PlatformMachine: return &environment.platformMachine;
    case MarkerVariable::PlatformPythonImplementation: return &environment.platformPythonImplementation;
    case MarkerVariable::PlatformRelease: return &environment.platformRelease;
    case MarkerVariable::PlatformSystem: return &environment.platformSystem;
    case MarkerVariable::PlatformVersion: return &environment.platformVersion;
    case MarkerVariable::PythonFullVersion: return &environment.pythonFullVersion;
    case MarkerVariable::PythonVersion: return &environment.pythonVersion;
    case MarkerVariable::SysPlatform: return &environment.sysPlatform;
    case MarkerVariable::Extra: return &environment.extra;
    case MarkerVariable::Extras:
    case MarkerVariable::DependencyGroups: break;
    }
    return nullptr;
}

MarkerEnvironment baseEnvironment()
{
    MarkerEnvironment environment;
    environment.implementationName = "cpython";
    environment.implementationVersion = "3.12.0";
    environment.osName = "posix";
    environment.platformMachine = "x86_64";
    environment.platformPythonImplementation = "CPython";
    environment.platformRelease = "";
    environment.platformSystem = "Linux";
    environment.platformVersion = "";
    environment.pythonFullVersion = "3.12.0";
    environment.pythonVersion = "3.12";
    environment.sysPlatform = "linux";
    environment.extra = "";
    environment.extras = std::set<std::string>{};
    environment.dependencyGroups = std::set<std::string>{};
    return environment;
}

// One dimension of the sample space: how many values, and how to apply value i.
struct Dimension
{
    std::size_t size = 1;
    std::function<void(MarkerEnvironment&, std::size_t)> apply;
};

std::vector<std::set<std::string>> subsets(const std::set<std::string>& names)
{
    const std::vector<std::string> list(names.begin(), names.end());
    std::vector<std::set<std::string>> result;
    const std::size_t count = std::size_t{1} << std::min<std::size_t>(list.size(), 10);
    for (std::size_t mask = 0; mask < count; ++mask) {
        std::set<std::string> subset;
        for (std::size_t bit = 0; bit < list.size() && bit < 10; ++bit) {
            if ((mask & (std::size_t{1} << bit)) != 0)
                subset.insert(list[bit]);
        }
        result.push_back(std::move(subset));
    }
    return result;
}

std::optional<bool> evaluate(const std::optional<Marker>& marker, const MarkerEnvironment& environment)
{
    if (!marker)
        return true; // no marker: every environment
    auto result = marker->evaluate(environment);
    if (!result)
        return std::nullopt;
    return *result;
}

} // namespace

bool equivalentMarkers(std::string_view left, std::string_view right)
{
    const auto trim = [](std::string_view text) {
        while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
            text.remove_prefix(1);
        while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
            text.remove_suffix(1);
        return text;
    };
    left = trim(left);
    right = trim(right);
    if (left == right)
        return true;
    std::optional<Marker> a;
    std::optional<Marker> b;
    if (!left.empty()) {
        auto parsed = Marker::parse(left);
        if (!parsed)
            return false;
        a = std::move(*parsed);
    }
    if (!right.empty()) {
        auto parsed = Marker::parse(right);
        if (!parsed)
            return false;
        b = std::move(*parsed);
    }
    if (a && b && a->str() == b->str())
        return true;

    Samples samples;
    if (a)
        collect(a->root(), samples);
    if (b)
        collect(b->root(), samples);

    std::vector<Dimension> dimensions;
    if (!samples.python.empty()) {
        std::vector<Release> values(samples.python.begin(), samples.python.end());
        dimensions.push_back({values.size(), [values](MarkerEnvironment& environment, std::size_t i) {
                                  environment.pythonFullVersion = releaseText(values[i], 3);
                                  environment.pythonVersion = releaseText(values[i], 2);
                              }});
    }
    if (!samples.implementation.empty()) {
        std::vector<Release> values(samples.implementation.begin(), samples.implementation.end());
        dimensions.push_back({values.size(), [values](MarkerEnvironment& environment, std::size_t i) {
                                  environment.implementationVersion = releaseText(values[i], 3);
                              }});
    }
    for (const auto& [variable, named] : samples.strings) {
        std::vector<std::string> values(named.begin(), named.end());
        values.emplace_back(variable == MarkerVariable::Extra ? "" : "\x01other");
        if (variable == MarkerVariable::Extra)
            values.emplace_back("\x01other");
        const MarkerVariable slot = variable;
        dimensions.push_back({values.size(), [values, slot](MarkerEnvironment& environment, std::size_t i) {
                                  if (auto* target = stringSlot(environment, slot))
                                      *target = values[i];
                              }});
    }
    if (!samples.extras.empty()) {
        auto values = subsets(samples.extras);
        dimensions.push_back({values.size(), [values](MarkerEnvironment& environment, std::size_t i) {
                                  environment.extras = values[i];
                              }});
    }
    if (!samples.groups.empty()) {
        auto values = subsets(samples.groups);
        dimensions.push_back({values.size(), [values](MarkerEnvironment& environment, std::size_t i) {
                                  environment.dependencyGroups = values[i];
                              }});
    }
    std::size_t total = 1;
    for (const auto& dimension : dimensions) {
        total *= dimension.size;
        if (total > kMaximumEnvironments)
            return false;
    }

    MarkerEnvironment environment = baseEnvironment();
    for (std::size_t step = 0; step < total; ++step) {
        std::size_t rest = step;
        for (std::size_t d = 0; d < dimensions.size(); ++d) {
            dimensions[d].apply(environment, rest % dimensions[d].size);
            rest /= dimensions[d].size;
        }
        const auto x = evaluate(a, environment);
        const auto y = evaluate(b, environment);
        if (!x || !y || *x != *y)
            return false;
    }
    return true;
}

} // namespace pindex::diff
