// Checkers for versions.json and the name and version members of names.json.

#include <algorithm>

#include "core/standards/name.h"
#include "core/standards/version.h"
#include "tests/conformance/runner.h"

namespace pindex::conformance {

namespace {

using standards::Version;

std::string optionalNumberText(std::optional<std::uint64_t> value)
{
    return value ? std::to_string(*value) : "null";
}

std::string jsonNumberText(Case item, std::string_view key)
{
    const auto value = optionalInt(item, key);
    return value ? std::to_string(*value) : "null";
}

std::string expectedPre(Case item)
{
    simdjson::dom::array array;
    if (item["pre"].get(array))
        return "null";
    std::string out;
    for (const auto element : array) {
        std::string_view text;
        std::int64_t number = 0;
        if (!element.get(text))
            out += std::string(text);
        else if (!element.get(number))
            out += std::to_string(number);
    }
    return out;
}

std::vector<std::string> expectedRelease(Case item)
{
    std::vector<std::string> result;
    simdjson::dom::array array;
    if (item["release"].get(array))
        return result;
    for (const auto element : array) {
        std::int64_t number = 0;
        if (!element.get(number))
            result.push_back(std::to_string(number));
    }
    return result;
}

std::string checkValid(Case item)
{
    const auto parsed = Version::parse(stringField(item, "input"));
    if (!parsed)
        return "rejected (" + parsed.error().message + ")";
    const Version& version = *parsed;
    std::string problems;
    auto expect = [&problems](std::string_view field, const std::string& actual, const std::string& wanted) {
        if (actual != wanted)
            problems += std::string(field) + " is '" + actual + "' not '" + wanted + "'; ";
    };
    expect("normalized", version.str(), stringField(item, "normalized"));
    expect("public", version.publicVersion(), stringField(item, "public"));
    expect("base_version", version.baseVersion(), stringField(item, "base_version"));
    expect("epoch", std::to_string(version.epoch()), jsonNumberText(item, "epoch"));
    std::vector<std::string> release;
    for (const auto segment : version.release())
        release.push_back(std::to_string(segment));
    expect("release", joinList(release), joinList(expectedRelease(item)));
    const auto pre = version.pre();
    expect("pre", pre ? std::string(pre->label()) + std::to_string(pre->number) : "null", expectedPre(item));
    expect("post", optionalNumberText(version.post()), jsonNumberText(item, "post"));
    expect("dev", optionalNumberText(version.dev()), jsonNumberText(item, "dev"));
    expect("local", version.hasLocal() ? version.local() : "null",
           optionalString(item, "local").value_or("null"));
    auto flag = [](bool value) { return std::string(value ? "true" : "false"); };
    expect("is_prerelease", flag(version.isPrerelease()), flag(boolField(item, "is_prerelease")));
    expect("is_postrelease", flag(version.isPostrelease()), flag(boolField(item, "is_postrelease")));
    expect("is_devrelease", flag(version.isDevrelease()), flag(boolField(item, "is_devrelease")));
    return problems;
}

std::string checkInvalid(Case item)
{
    const auto parsed = Version::parse(stringField(item, "input"));
    return parsed ? "accepted as " + parsed->str() : "";
}

std::string checkCompare(Case item)
{
    const auto a = Version::parse(stringField(item, "a"));
    const auto b = Version::parse(stringField(item, "b"));
    if (!a || !b)
        return "rejected a version";
    const auto order = *a <=> *b;
    const int actual = order < 0 ? -1 : (order > 0 ? 1 : 0);
    const int wanted = static_cast<int>(optionalInt(item, "cmp").value_or(99));
    if (actual != wanted)
        return "compared " + std::to_string(actual);
    if ((*a == *b) != (wanted == 0))
        return "operator== disagrees with <=>";
    if (wanted == 0 && a->hash() != b->hash())
        return "equal versions hash differently";
    return {};
}

std::string checkSort(Case item)
{
    std::vector<std::pair<Version, std::string>> versions;
    for (const auto& text : stringList(item, "input")) {
        auto parsed = Version::parse(text);
        if (!parsed)
            return "rejected " + text;
        versions.emplace_back(std::move(*parsed), text);
    }
    std::sort(versions.begin(), versions.end(),
              [](const auto& left, const auto& right) { return left.first < right.first; });
    std::vector<std::string> sorted;
    for (const auto& entry : versions)
        sorted.push_back(entry.second);
    if (sorted != stringList(item, "sorted"))
        return "sorted as " + joinList(sorted);
    return {};
}

std::string checkCanonicalize(Case item)
{
    const std::string input = stringField(item, "input");
    std::string problems;
    if (standards::canonicalizeName(input) != stringField(item, "canonical"))
        problems += "canonical is '" + standards::canonicalizeName(input) + "'; ";
    if (standards::isValidName(input) != boolField(item, "valid"))
        problems += "valid differs; ";
    if (standards::isNormalizedName(input) != boolField(item, "is_normalized"))
        problems += "is_normalized differs; ";
    return problems;
}

std::string checkCanonicalizeVersion(Case item)
{
    const std::string input = stringField(item, "input");
    const auto parsed = Version::parse(input);
    const std::string stripped = parsed ? parsed->strWithoutTrailingZeros() : input;
    const std::string kept = parsed ? parsed->str() : input;
    std::string problems;
    if (stripped != stringField(item, "canonical"))
        problems += "canonical is '" + stripped + "'; ";
    if (kept != stringField(item, "canonical_keep_trailing_zero"))
        problems += "canonical_keep_trailing_zero is '" + kept + "'; ";
    return problems;
}

} // namespace

std::vector<CheckerEntry> versionCheckers()
{
    return {
        {"versions", "valid", checkValid},
        {"versions", "invalid", checkInvalid},
        {"versions", "compare", checkCompare},
        {"versions", "sort", checkSort},
        {"names", "canonicalize", checkCanonicalize},
        {"names", "canonicalize_version", checkCanonicalizeVersion},
    };
}

} // namespace pindex::conformance
