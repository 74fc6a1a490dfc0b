// Checkers for specifiers.json.

#include "core/standards/specifier.h"
#include "tests/conformance/runner.h"

namespace pindex::conformance {

namespace {

using standards::PrereleasePolicy;
using standards::SpecifierSet;

PrereleasePolicy policyOf(Case item)
{
    const auto value = optionalBool(item, "prereleases");
    if (!value)
        return PrereleasePolicy::Default;
    return *value ? PrereleasePolicy::Allow : PrereleasePolicy::Deny;
}

std::string checkValid(Case item)
{
    const auto parsed = SpecifierSet::parse(stringField(item, "input"));
    if (!parsed)
        return "rejected (" + parsed.error().message + ")";
    if (parsed->str() != stringField(item, "normalized"))
        return "normalized as '" + parsed->str() + "'";
    const auto reparsed = SpecifierSet::parse(parsed->str());
    if (!reparsed || !(*reparsed == *parsed))
        return "normalized form does not parse back to an equal set";
    return {};
}

std::string checkInvalid(Case item)
{
    const auto parsed = SpecifierSet::parse(stringField(item, "input"));
    return parsed ? "accepted as '" + parsed->str() + "'" : "";
}

std::string checkContains(Case item)
{
    const auto parsed = SpecifierSet::parse(stringField(item, "specifier"));
    if (!parsed)
        return "rejected the specifier (" + parsed.error().message + ")";
    const bool actual = parsed->contains(std::string_view(stringField(item, "version")), policyOf(item));
    if (actual != boolField(item, "contains"))
        return actual ? "contained" : "not contained";
    return {};
}

std::string checkFilter(Case item)
{
    const auto parsed = SpecifierSet::parse(stringField(item, "specifier"));
    if (!parsed)
        return "rejected the specifier (" + parsed.error().message + ")";
    const std::vector<std::string> input = stringList(item, "input");
    const auto output = parsed->filter(std::span<const std::string>(input), policyOf(item));
    if (output != stringList(item, "output"))
        return "filtered to " + joinList(output);
    return {};
}

} // namespace

std::vector<CheckerEntry> specifierCheckers()
{
    return {
        {"specifiers", "valid", checkValid},
        {"specifiers", "invalid", checkInvalid},
        {"specifiers", "contains", checkContains},
        {"specifiers", "filter", checkFilter},
    };
}

} // namespace pindex::conformance
