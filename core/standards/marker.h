#pragma once

// PEP 508 environment markers as an expression tree, e.g.
// `python_version >= "3.8" and (sys_platform == "linux" or extra == "gpu")`.
//
// A Marker is a group: a sequence of items (comparisons or nested groups) joined by `and` / `or`,
// `and` binding tighter, exactly as written (the tree keeps the written grouping so that its
// canonical string matches the reference's). Later passes (intersection, union, simplification for
// universal resolution) build new groups from existing ones with `Marker::both` / `Marker::either`.
//
// Invariants: a group has one more item than joining operators; values compared with `extra`, and
// values tested with `in` / `not in` against `extras` or `dependency_groups`, are stored in PEP 503
// form; legacy variable names (`os.name`, `python_implementation`, ...) are stored under their
// PEP 508 names.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/error.h"

namespace pindex::standards {

enum class MarkerVariable : std::uint8_t {
    ImplementationName,
    ImplementationVersion,
    OsName,
    PlatformMachine,
    PlatformPythonImplementation,
    PlatformRelease,
    PlatformSystem,
    PlatformVersion,
    PythonFullVersion,
    PythonVersion,
    SysPlatform,
    Extra,
    Extras,
    DependencyGroups,
};

[[nodiscard]] std::string_view toString(MarkerVariable variable);

enum class MarkerOperator : std::uint8_t {
    Equal,
    NotEqual,
    LessEqual,
    GreaterEqual,
    Less,
    Greater,
    Compatible,
    Arbitrary,
    In,
    NotIn,
};

[[nodiscard]] std::string_view toString(MarkerOperator op);

// The values a marker is evaluated against. A variable left empty (nullopt) is undefined:
// evaluating a marker that uses it fails. `extras` and `dependency_groups` are sets of names.
struct MarkerEnvironment
{
    std::optional<std::string> implementationName;
    std::optional<std::string> implementationVersion;
    std::optional<std::string> osName;
    std::optional<std::string> platformMachine;
    std::optional<std::string> platformPythonImplementation;
    std::optional<std::string> platformRelease;
    std::optional<std::string> platformSystem;
    std::optional<std::string> platformVersion;
    std::optional<std::string> pythonFullVersion;
    std::optional<std::string> pythonVersion;
    std::optional<std::string> sysPlatform;
    std::optional<std::string> extra; // "" means no extra
    std::optional<std::set<std::string>> extras;
    std::optional<std::set<std::string>> dependencyGroups;

    // The string value of a variable (null when undefined or when the variable is a set).
    [[nodiscard]] const std::optional<std::string>* value(MarkerVariable variable) const;
    // The set value of `extras` / `dependency_groups` (null for other variables).
    [[nodiscard]] const std::optional<std::set<std::string>>* set(MarkerVariable variable) const;
};

// One side of a comparison: a variable or a quoted string.
struct MarkerOperand
{
    bool isVariable = false;
    MarkerVariable variable = MarkerVariable::PythonVersion;
    std::string value; // when !isVariable

    [[nodiscard]] bool operator==(const MarkerOperand&) const = default;
};

struct MarkerComparison
{
    MarkerOperand left;
    MarkerOperator op = MarkerOperator::Equal;
    MarkerOperand right;

    [[nodiscard]] bool operator==(const MarkerComparison&) const = default;
};

enum class MarkerJoin : std::uint8_t { And, Or };

// A node of the tree: a comparison, or a group of nodes joined by and/or (a parenthesized
// expression, or the whole marker).
struct MarkerNode
{
    bool isGroup = false;
    MarkerComparison comparison;   // when !isGroup
    std::vector<MarkerNode> items; // when isGroup
    std::vector<MarkerJoin> joins; // items.size() - 1 of them

    [[nodiscard]] bool operator==(const MarkerNode&) const = default;
};

class Marker
{
public:
    // Errors give the column (1-based, in characters) of the problem and what was expected.
    [[nodiscard]] static Result<Marker> parse(std::string_view text);
    // A marker from a parsed group (see dependency_parser.h); the root must be a group.
    [[nodiscard]] static Marker fromRoot(MarkerNode root);

    // Canonical string: single spaces, double-quoted values, legacy names replaced, redundant
    // parentheses dropped (as the reference prints it).
    [[nodiscard]] std::string str() const;

    // true/false, or an error: ErrorCode::NotFound when the marker uses a variable the environment
    // leaves undefined, ErrorCode::Invalid when a comparison has no defined meaning (`~=` or `===`
    // on values that do not form a version specifier). Every comparison is evaluated, so an error
    // anywhere is reported even when the result would not depend on it.
    [[nodiscard]] Result<bool> evaluate(const MarkerEnvironment& environment) const;

    [[nodiscard]] const MarkerNode& root() const { return m_root; }

    // `a and b`, `a or b` as new markers (the operands become parenthesized groups).
    [[nodiscard]] static Marker both(const Marker& a, const Marker& b);
    [[nodiscard]] static Marker either(const Marker& a, const Marker& b);

    // Equal when the canonical strings are equal.
    [[nodiscard]] bool operator==(const Marker& other) const { return str() == other.str(); }

private:
    MarkerNode m_root;
};

} // namespace pindex::standards
