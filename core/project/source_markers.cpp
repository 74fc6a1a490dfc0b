#include "core/project/source_markers.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

#include "core/standards/marker.h"

namespace pindex::project {
namespace {

using standards::Marker;
using standards::MarkerJoin;
using standards::MarkerNode;
using standards::MarkerOperator;
using standards::MarkerVariable;

std::string uvSpelling(const Marker& marker)
{
    std::string text = marker.str();
    if (text.find('\'') == std::string::npos)
        std::replace(text.begin(), text.end(), '"', '\'');
    return text;
}

Result<Marker> parse(std::string_view text)
{
    auto marker = Marker::parse(text);
    if (!marker)
        return std::unexpected(makeError(ErrorCode::Invalid, marker.error().message));
    return marker;
}

Result<MarkerNode> negate(const MarkerNode& node, std::string_view text)
{
    if (!node.isGroup) {
        MarkerNode out = node;
        auto& op = out.comparison.op;
        switch (op) {
        case MarkerOperator::Equal: op = MarkerOperator::NotEqual; break;
        case MarkerOperator::NotEqual: op = MarkerOperator::Equal; break;
        case MarkerOperator::Less: op = MarkerOperator::GreaterEqual; break;
        case MarkerOperator::GreaterEqual: op = MarkerOperator::Less; break;
        case MarkerOperator::Greater: op = MarkerOperator::LessEqual; break;
        case MarkerOperator::LessEqual: op = MarkerOperator::Greater; break;
        case MarkerOperator::In: op = MarkerOperator::NotIn; break;
        case MarkerOperator::NotIn: op = MarkerOperator::In; break;
        case MarkerOperator::Compatible:
        case MarkerOperator::Arbitrary:
            return std::unexpected(
                makeError(ErrorCode::Unsupported, "the marker `" + std::string(text) + "` uses `" +
                                                      std::string(toString(op)) + "`, which has no inverse"));
        }
        return out;
    }
    // `a and b or c` is `(a and b) or c`: its complement is `(not a or not b) and not c`.
    std::vector<std::vector<const MarkerNode*>> conjunctions(1);
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        if (i > 0 && node.joins[i - 1] == MarkerJoin::Or)
            conjunctions.emplace_back();
        conjunctions.back().push_back(&node.items[i]);
    }
    MarkerNode out;
    out.isGroup = true;
    for (const auto& conjunction : conjunctions) {
        MarkerNode alternatives;
        alternatives.isGroup = true;
        for (const auto* item : conjunction) {
            auto negated = negate(*item, text);
            if (!negated)
                return negated;
            if (!alternatives.items.empty())
                alternatives.joins.push_back(MarkerJoin::Or);
            alternatives.items.push_back(std::move(*negated));
        }
        if (!out.items.empty())
            out.joins.push_back(MarkerJoin::And);
        if (alternatives.items.size() == 1)
            out.items.push_back(std::move(alternatives.items.front()));
        else
            out.items.push_back(std::move(alternatives));
    }
    return out;
}

// The values one dimension of the search takes.
struct Dimension
{
    MarkerVariable variable;
    std::vector<std::string> values;
};

bool isReleaseNumber(const std::string& text)
{
    return !text.empty() && std::isdigit(static_cast<unsigned char>(text.front())) != 0 &&
           std::all_of(text.begin(), text.end(),
                       [](char c) { return c == '.' || std::isdigit(static_cast<unsigned char>(c)) != 0; }) &&
           text.back() != '.';
}

// A constant, and versions just around it when it is one.
void addCandidates(const std::string& constant, std::set<std::string>& out)
{
    std::string value = constant;
    if (value.ends_with(".*"))
        value.resize(value.size() - 2);
    out.insert(value);
    if (!isReleaseNumber(value))
        return;
    std::vector<long> parts;
    std::size_t begin = 0;
    while (begin <= value.size()) {
        const auto dot = value.find('.', begin);
        const auto end = dot == std::string::npos ? value.size() : dot;
        parts.push_back(std::stol(value.substr(begin, end - begin)));
        begin = end + 1;
    }
    auto join = [](const std::vector<long>& numbers) {
        std::string text;
        for (const auto number : numbers)
            text += (text.empty() ? "" : ".") + std::to_string(number);
        return text;
    };
    auto bumped = parts;
    bumped.back() += 1;
    out.insert(join(bumped));
    if (parts.back() > 0) {
        bumped.back() -= 2;
        out.insert(join(bumped));
    }
    out.insert(value + ".1");
}

void collect(const MarkerNode& node, std::vector<std::pair<MarkerVariable, std::string>>& out)
{
    if (node.isGroup) {
        for (const auto& item : node.items)
            collect(item, out);
        return;
    }
    const auto& [left, op, right] = node.comparison;
    if (left.isVariable && !right.isVariable)
        out.emplace_back(left.variable, right.value);
    else if (right.isVariable && !left.isVariable)
        out.emplace_back(right.variable, left.value);
}

std::string pythonVersionOf(const std::string& full)
{
    const auto first = full.find('.');
    if (first == std::string::npos)
        return full + ".0";
    const auto second = full.find('.', first + 1);
    return second == std::string::npos ? full : full.substr(0, second);
}

std::optional<std::string>& fieldOf(standards::MarkerEnvironment& environment, MarkerVariable variable)
{
    switch (variable) {
    case MarkerVariable::ImplementationName: return environment.implementationName;
    case MarkerVariable::ImplementationVersion: return environment.implementationVersion;
    case MarkerVariable::OsName: return environment.osName;
    case MarkerVariable::PlatformMachine: return environment.platformMachine;
    case MarkerVariable::PlatformPythonImplementation: return environment.platformPythonImplementation;
    case MarkerVariable::PlatformRelease: return environment.platformRelease;
    case MarkerVariable::PlatformSystem: return environment.platformSystem;
    case MarkerVariable::PlatformVersion: return environment.platformVersion;
    case MarkerVariable::PythonFullVersion: return environment.pythonFullVersion;
    case MarkerVariable::PythonVersion: return environment.pythonVersion;
    case MarkerVariable::SysPlatform: return environment.sysPlatform;
    case MarkerVariable::Extra:
    case MarkerVariable::Extras:
    case MarkerVariable::DependencyGroups: break;
    }
    return environment.extra;
}

} // namespace

Result<std::string> normalizeMarker(std::string_view marker)
{
    auto parsed = parse(marker);
    if (!parsed)
        return std::unexpected(parsed.error());
    return uvSpelling(*parsed);
}

Result<std::string> complementMarker(std::string_view marker)
{
    auto parsed = parse(marker);
    if (!parsed)
        return std::unexpected(parsed.error());
    auto negated = negate(parsed->root(), marker);
    if (!negated)
        return std::unexpected(negated.error());
    if (!negated->isGroup) {
        MarkerNode root;
        root.isGroup = true;
        root.items.push_back(std::move(*negated));
        negated = std::move(root);
    }
    return uvSpelling(Marker::fromRoot(std::move(*negated)));
}

Result<bool> markersOverlap(std::string_view first, std::string_view second)
{
    auto a = parse(first);
    if (!a)
        return std::unexpected(a.error());
    auto b = parse(second);
    if (!b)
        return std::unexpected(b.error());
    std::vector<std::pair<MarkerVariable, std::string>> constants;
    collect(a->root(), constants);
    collect(b->root(), constants);

    // python_version is python_full_version's major.minor: one dimension for both.
    const std::string kOther = "\x01";
    std::vector<Dimension> dimensions;
    auto dimensionFor = [&dimensions](MarkerVariable variable) -> Dimension& {
        if (variable == MarkerVariable::PythonVersion)
            variable = MarkerVariable::PythonFullVersion;
        for (auto& dimension : dimensions) {
            if (dimension.variable == variable)
                return dimension;
        }
        dimensions.push_back({variable, {}});
        return dimensions.back();
    };
    std::vector<std::set<std::string>> values;
    for (const auto& [variable, constant] : constants)
        dimensionFor(variable);
    values.resize(dimensions.size());
    for (const auto& [variable, constant] : constants) {
        auto& dimension = dimensionFor(variable);
        auto& set = values[static_cast<std::size_t>(&dimension - dimensions.data())];
        if (variable == MarkerVariable::Extras || variable == MarkerVariable::DependencyGroups)
            set.insert(constant);
        else
            addCandidates(constant, set);
    }
    std::size_t combinations = 1;
    for (std::size_t i = 0; i < dimensions.size(); ++i) {
        auto& dimension = dimensions[i];
        const bool isSet = dimension.variable == MarkerVariable::Extras ||
                           dimension.variable == MarkerVariable::DependencyGroups;
        if (dimension.variable == MarkerVariable::PythonFullVersion) {
            values[i].insert("0");
            values[i].insert("999");
        } else if (!isSet) {
            values[i].insert(kOther);
        }
        dimension.values.assign(values[i].begin(), values[i].end());
        if (isSet)
            dimension.values.push_back({}); // the empty set
        combinations *= dimension.values.size();
        if (combinations > 200000)
            return std::unexpected(makeError(ErrorCode::Unsupported, "the markers `" + std::string(first) +
                                                                         "` and `" + std::string(second) +
                                                                         "` are too complex to compare"));
    }

    standards::MarkerEnvironment environment;
    for (auto* field : {&environment.implementationName, &environment.implementationVersion,
                        &environment.osName, &environment.platformMachine,
                        &environment.platformPythonImplementation, &environment.platformRelease,
                        &environment.platformSystem, &environment.platformVersion, &environment.sysPlatform})
        *field = kOther;
    environment.pythonFullVersion = "3.12.0";
    environment.pythonVersion = "3.12";
    environment.extra = "";
    environment.extras = std::set<std::string>{};
    environment.dependencyGroups = std::set<std::string>{};

    for (std::size_t combination = 0; combination < combinations; ++combination) {
        std::size_t rest = combination;
        for (const auto& dimension : dimensions) {
            const auto& value = dimension.values[rest % dimension.values.size()];
            rest /= dimension.values.size();
            switch (dimension.variable) {
            case MarkerVariable::PythonFullVersion:
            case MarkerVariable::PythonVersion:
                environment.pythonFullVersion = value;
                environment.pythonVersion = pythonVersionOf(value);
                break;
            case MarkerVariable::Extras:
                environment.extras = value.empty() ? std::set<std::string>{} : std::set<std::string>{value};
                break;
            case MarkerVariable::DependencyGroups:
                environment.dependencyGroups =
                    value.empty() ? std::set<std::string>{} : std::set<std::string>{value};
                break;
            default: fieldOf(environment, dimension.variable) = value;
            }
        }
        const auto left = a->evaluate(environment);
        const auto right = b->evaluate(environment);
        if (left && right && *left && *right)
            return true;
    }
    return false;
}

} // namespace pindex::project
