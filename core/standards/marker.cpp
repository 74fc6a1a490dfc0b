#include "core/standards/marker.h"

#include "core/standards/dependency_parser.h"
#include "core/standards/name.h"
#include "core/standards/specifier.h"

namespace pindex::standards {

namespace {

bool requiresVersion(MarkerVariable variable)
{
    return variable == MarkerVariable::ImplementationVersion || variable == MarkerVariable::PlatformRelease ||
           variable == MarkerVariable::PythonFullVersion || variable == MarkerVariable::PythonVersion;
}

bool isSetVariable(MarkerVariable variable)
{
    return variable == MarkerVariable::Extras || variable == MarkerVariable::DependencyGroups;
}

std::string formatOperand(const MarkerOperand& operand)
{
    if (operand.isVariable)
        return std::string(toString(operand.variable));
    return detail::encodePythonString(operand.value);
}

std::string format(const MarkerNode& node, bool first)
{
    if (!node.isGroup) {
        const MarkerComparison& comparison = node.comparison;
        return formatOperand(comparison.left) + ' ' + std::string(toString(comparison.op)) + ' ' +
               formatOperand(comparison.right);
    }
    if (node.items.size() == 1)
        return format(node.items.front(), first);
    std::string inner;
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        if (i > 0)
            inner += node.joins[i - 1] == MarkerJoin::And ? " and " : " or ";
        inner += format(node.items[i], false);
    }
    return first ? inner : "(" + inner + ")";
}

Error undefinedName(MarkerVariable variable)
{
    Error error = makeError(ErrorCode::NotFound, "The marker uses '" + std::string(toString(variable)) +
                                                     "', which the environment does not define");
    return error;
}

// A string comparison (the fallback when no version specifier applies).
Result<bool> compareStrings(const std::string& left, MarkerOperator op, const std::string& right)
{
    switch (op) {
    case MarkerOperator::In: return right.find(left) != std::string::npos;
    case MarkerOperator::NotIn: return right.find(left) == std::string::npos;
    case MarkerOperator::Less:
    case MarkerOperator::Greater: return false;
    case MarkerOperator::LessEqual:
    case MarkerOperator::Equal:
    case MarkerOperator::GreaterEqual: return left == right;
    case MarkerOperator::NotEqual: return left != right;
    case MarkerOperator::Compatible:
    case MarkerOperator::Arbitrary: break;
    }
    return std::unexpected(makeError(ErrorCode::Invalid, "Undefined comparison '" +
                                                             std::string(toString(op)) + "' between '" +
                                                             left + "' and '" + right + "'"));
}

Result<bool> evaluateComparison(const MarkerComparison& comparison, const MarkerEnvironment& environment)
{
    // The variable side names the key; a value on the left is compared against the environment on
    // the right, as written.
    const bool variableLeft = comparison.left.isVariable;
    const MarkerOperand& keyOperand = variableLeft ? comparison.left : comparison.right;
    const MarkerOperand& otherOperand = variableLeft ? comparison.right : comparison.left;
    if (!keyOperand.isVariable)
        return std::unexpected(
            makeError(ErrorCode::Invalid, "A marker comparison needs a variable on one side"));
    const MarkerVariable key = keyOperand.variable;

    if (isSetVariable(key)) {
        const auto* set = environment.set(key);
        if (set == nullptr || !set->has_value())
            return std::unexpected(undefinedName(key));
        if (variableLeft || otherOperand.isVariable)
            return std::unexpected(
                makeError(ErrorCode::Invalid,
                          "'" + std::string(toString(key)) + "' can only be tested with in / not in"));
        const std::string needle = canonicalizeName(otherOperand.value);
        bool found = false;
        for (const auto& member : **set) {
            if (canonicalizeName(member) == needle)
                found = true;
        }
        // A name compared with a set: only membership tests have a meaning; equality never holds.
        switch (comparison.op) {
        case MarkerOperator::In: return found;
        case MarkerOperator::NotIn: return !found;
        case MarkerOperator::NotEqual: return true;
        case MarkerOperator::Equal:
        case MarkerOperator::LessEqual:
        case MarkerOperator::GreaterEqual:
        case MarkerOperator::Less:
        case MarkerOperator::Greater: return false;
        case MarkerOperator::Compatible:
        case MarkerOperator::Arbitrary: break;
        }
        return std::unexpected(
            makeError(ErrorCode::Invalid, "Undefined comparison '" + std::string(toString(comparison.op)) +
                                              "' with '" + std::string(toString(key)) + "'"));
    }

    const auto* found = environment.value(key);
    if (found == nullptr || !found->has_value())
        return std::unexpected(undefinedName(key));
    std::string environmentValue = **found;
    if (key == MarkerVariable::Extra)
        environmentValue = environmentValue.empty() ? std::string() : canonicalizeName(environmentValue);
    if (key == MarkerVariable::PythonFullVersion && environmentValue.ends_with('+'))
        environmentValue += "local";

    std::string otherValue;
    if (otherOperand.isVariable) {
        otherValue = std::string(toString(otherOperand.variable));
    } else {
        otherValue = otherOperand.value;
    }
    const std::string& left = variableLeft ? environmentValue : otherValue;
    const std::string& right = variableLeft ? otherValue : environmentValue;

    if (requiresVersion(key) && comparison.op != MarkerOperator::In &&
        comparison.op != MarkerOperator::NotIn) {
        if (auto specifier = Specifier::parse(std::string(toString(comparison.op)) + right)) {
            auto parsed = Version::parse(left);
            if (specifier->op() == Specifier::Operator::Arbitrary)
                return specifier->matchesText(left, parsed ? &*parsed : nullptr);
            return parsed.has_value() && specifier->matches(*parsed);
        }
    }
    return compareStrings(left, comparison.op, right);
}

Result<bool> evaluateNode(const MarkerNode& node, const MarkerEnvironment& environment)
{
    if (!node.isGroup)
        return evaluateComparison(node.comparison, environment);
    // `and` binds tighter than `or`: the result is whether some and-chain is all true. Every item
    // is evaluated so that errors surface regardless of the outcome.
    bool anyChain = false;
    bool chain = true;
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        if (i > 0 && node.joins[i - 1] == MarkerJoin::Or) {
            anyChain = anyChain || chain;
            chain = true;
        }
        const auto value = evaluateNode(node.items[i], environment);
        if (!value)
            return value;
        chain = chain && *value;
    }
    return anyChain || chain;
}

} // namespace

std::string_view toString(MarkerVariable variable)
{
    switch (variable) {
    case MarkerVariable::ImplementationName: return "implementation_name";
    case MarkerVariable::ImplementationVersion: return "implementation_version";
    case MarkerVariable::OsName: return "os_name";
    case MarkerVariable::PlatformMachine: return "platform_machine";
    case MarkerVariable::PlatformPythonImplementation: return "platform_python_implementation";
    case MarkerVariable::PlatformRelease: return "platform_release";
    case MarkerVariable::PlatformSystem: return "platform_system";
    case MarkerVariable::PlatformVersion: return "platform_version";
    case MarkerVariable::PythonFullVersion: return "python_full_version";
    case MarkerVariable::PythonVersion: return "python_version";
    case MarkerVariable::SysPlatform: return "sys_platform";
    case MarkerVariable::Extra: return "extra";
    case MarkerVariable::Extras: return "extras";
    case MarkerVariable::DependencyGroups: return "dependency_groups";
    }
    return "python_version";
}

std::string_view toString(MarkerOperator op)
{
    switch (op) {
    case MarkerOperator::Equal: return "==";
    case MarkerOperator::NotEqual: return "!=";
    case MarkerOperator::LessEqual: return "<=";
    case MarkerOperator::GreaterEqual: return ">=";
    case MarkerOperator::Less: return "<";
    case MarkerOperator::Greater: return ">";
    case MarkerOperator::Compatible: return "~=";
    case MarkerOperator::Arbitrary: return "===";
    case MarkerOperator::In: return "in";
    case MarkerOperator::NotIn: return "not in";
    }
    return "==";
}

const std::optional<std::string>* MarkerEnvironment::value(MarkerVariable variable) const
{
    switch (variable) {
    case MarkerVariable::ImplementationName: return &implementationName;
    case MarkerVariable::ImplementationVersion: return &implementationVersion;
    case MarkerVariable::OsName: return &osName;
    case MarkerVariable::PlatformMachine: return &platformMachine;
    case MarkerVariable::PlatformPythonImplementation: return &platformPythonImplementation;
    case MarkerVariable::PlatformRelease: return &platformRelease;
    case MarkerVariable::PlatformSystem: return &platformSystem;
    case MarkerVariable::PlatformVersion: return &platformVersion;
    case MarkerVariable::PythonFullVersion: return &pythonFullVersion;
    case MarkerVariable::PythonVersion: return &pythonVersion;
    case MarkerVariable::SysPlatform: return &sysPlatform;
    case MarkerVariable::Extra: return &extra;
    case MarkerVariable::Extras:
    case MarkerVariable::DependencyGroups: return nullptr;
    }
    return nullptr;
}

const std::optional<std::set<std::string>>* MarkerEnvironment::set(MarkerVariable variable) const
{
    if (variable == MarkerVariable::Extras)
        return &extras;
    if (variable == MarkerVariable::DependencyGroups)
        return &dependencyGroups;
    return nullptr;
}

Result<Marker> Marker::parse(std::string_view text)
{
    auto parsed = detail::parseMarkerSyntax(text);
    if (!parsed)
        return std::unexpected(
            makeError(ErrorCode::Parse, "Invalid marker '" + std::string(text) +
                                            "': " + detail::describeSyntaxError(text, parsed.error())));
    detail::normalizeExtraValues(*parsed);
    return fromRoot(std::move(*parsed));
}

Marker Marker::fromRoot(MarkerNode root)
{
    Marker marker;
    marker.m_root = std::move(root);
    return marker;
}

std::string Marker::str() const
{
    return format(m_root, true);
}

Result<bool> Marker::evaluate(const MarkerEnvironment& environment) const
{
    return evaluateNode(m_root, environment);
}

Marker Marker::both(const Marker& a, const Marker& b)
{
    MarkerNode root;
    root.isGroup = true;
    root.items = {a.m_root, b.m_root};
    root.joins = {MarkerJoin::And};
    return fromRoot(std::move(root));
}

Marker Marker::either(const Marker& a, const Marker& b)
{
    MarkerNode root;
    root.isGroup = true;
    root.items = {a.m_root, b.m_root};
    root.joins = {MarkerJoin::Or};
    return fromRoot(std::move(root));
}

} // namespace pindex::standards
