// Checkers for tags.json and the file name members of names.json.

#include <algorithm>

#include "core/standards/tags.h"
#include "core/standards/wheel_name.h"
#include "tests/conformance/runner.h"

namespace pindex::conformance {

namespace {

using namespace standards;

std::vector<std::string> sortedTagStrings(const std::vector<Tag>& tags)
{
    std::vector<std::string> result;
    for (const auto& tag : tags)
        result.push_back(tag.str());
    std::sort(result.begin(), result.end());
    return result;
}

std::optional<std::pair<unsigned, unsigned>> versionPair(simdjson::dom::element element)
{
    simdjson::dom::array array;
    if (element.get(array) || array.size() != 2)
        return std::nullopt;
    std::int64_t major = 0;
    std::int64_t minor = 0;
    if (array.at(0).get(major) || array.at(1).get(minor))
        return std::nullopt;
    return std::pair{static_cast<unsigned>(major), static_cast<unsigned>(minor)};
}

// Reads a platform description; returns an error text when it is malformed or has unknown keys.
std::string readPlatform(simdjson::dom::element element, PlatformDescription& platform)
{
    simdjson::dom::object object;
    if (element.get(object))
        return "platform is not an object";
    for (const auto [key, value] : object) {
        std::string_view text;
        if (key == "os") {
            if (value.get(text))
                return "os is not a string";
            if (text == "linux")
                platform.os = OperatingSystem::Linux;
            else if (text == "macos")
                platform.os = OperatingSystem::MacOs;
            else if (text == "windows")
                platform.os = OperatingSystem::Windows;
            else
                return "unknown os " + std::string(text);
        } else if (key == "arch") {
            if (value.get(text))
                return "arch is not a string";
            platform.arch = std::string(text);
        } else if (key == "glibc" || key == "musl" || key == "version") {
            const auto pair = versionPair(value);
            if (!pair)
                return std::string(key) + " is not [major, minor]";
            if (key == "glibc")
                platform.glibc = pair;
            else if (key == "musl")
                platform.musl = pair;
            else
                platform.macosVersion = *pair;
        } else {
            return "unknown platform key " + std::string(key);
        }
    }
    return {};
}

std::string readInterpreter(Case item, InterpreterDescription& interpreter)
{
    simdjson::dom::object object;
    if (item["interpreter"].get(object))
        return "interpreter is not an object";
    for (const auto [key, value] : object) {
        if (key == "implementation") {
            std::string_view text;
            if (value.get(text) || (text != "cp" && text != "pp"))
                return "unknown implementation";
            interpreter.implementation = text == "cp" ? Implementation::CPython : Implementation::PyPy;
        } else if (key == "python_version") {
            const auto pair = versionPair(value);
            if (!pair)
                return "python_version is not [major, minor]";
            interpreter.pythonMajor = pair->first;
            interpreter.pythonMinor = pair->second;
        } else if (key == "abis") {
            simdjson::dom::array array;
            if (value.get(array))
                return "abis is not a list";
            for (const auto abi : array) {
                std::string_view text;
                if (!abi.get(text))
                    interpreter.abis.emplace_back(text);
            }
        } else if (key == "platform") {
            if (auto problem = readPlatform(value, interpreter.platform); !problem.empty())
                return problem;
        } else {
            return "unknown interpreter key " + std::string(key);
        }
    }
    return {};
}

std::string checkParse(Case item)
{
    const auto parsed = parseTagSet(stringField(item, "tag"));
    if (!parsed)
        return "rejected (" + parsed.error().message + ")";
    std::string problems;
    const auto tags = sortedTagStrings(parsed->tags);
    if (tags != stringList(item, "tags"))
        problems += "tags are " + joinList(tags) + "; ";
    if (parsed->orderValid != boolField(item, "order_valid"))
        problems += "order_valid differs; ";
    return problems;
}

std::string checkInvalid(Case item)
{
    if (stringField(item, "error") != "InvalidTag")
        return "unknown expected error";
    const auto parsed = parseTagSet(stringField(item, "tag"));
    return parsed ? "accepted" : "";
}

std::string checkPlatforms(Case item)
{
    PlatformDescription platform;
    simdjson::dom::element element;
    if (item["platform"].get(element))
        return "no platform";
    if (auto problem = readPlatform(element, platform); !problem.empty())
        return problem;
    const auto platforms = compatiblePlatforms(platform);
    if (platforms != stringList(item, "platforms"))
        return "platforms are " + joinList(platforms);
    return {};
}

std::string checkSupported(Case item)
{
    InterpreterDescription interpreter;
    if (auto problem = readInterpreter(item, interpreter); !problem.empty())
        return problem;
    std::vector<std::string> tags;
    for (const auto& tag : supportedTags(interpreter))
        tags.push_back(tag.str());
    const auto wanted = stringList(item, "tags");
    if (tags != wanted) {
        std::size_t first = 0;
        while (first < tags.size() && first < wanted.size() && tags[first] == wanted[first])
            ++first;
        return "differs at index " + std::to_string(first) + " (" + std::to_string(tags.size()) +
               " tags, want " + std::to_string(wanted.size()) + ")";
    }
    return {};
}

std::string checkRank(Case item)
{
    InterpreterDescription interpreter;
    if (auto problem = readInterpreter(item, interpreter); !problem.empty())
        return problem;
    const auto wheel = parseWheelName(stringField(item, "filename"));
    if (!wheel)
        return "rejected the wheel (" + wheel.error().message + ")";
    const SupportedTags supported(supportedTags(interpreter));
    const auto actual = rank(*wheel, supported);
    const auto wanted = optionalInt(item, "rank");
    const auto wantedRank = wanted ? std::optional(static_cast<std::size_t>(*wanted)) : std::nullopt;
    if (actual != wantedRank)
        return "rank is " + (actual ? std::to_string(*actual) : std::string("null"));
    return {};
}

std::string checkWheel(Case item)
{
    const auto wheel = parseWheelName(stringField(item, "filename"));
    if (!wheel)
        return "rejected (" + wheel.error().message + ")";
    std::string problems;
    if (wheel->name != stringField(item, "name"))
        problems += "name is '" + wheel->name + "'; ";
    if (wheel->version.str() != stringField(item, "version"))
        problems += "version is '" + wheel->version.str() + "'; ";
    std::string build = "null";
    if (wheel->build)
        build = std::to_string(wheel->build->number) + "," + wheel->build->rest;
    std::string wantedBuild = "null";
    simdjson::dom::array array;
    if (!item["build"].get(array) && array.size() == 2) {
        std::int64_t number = 0;
        std::string_view rest;
        if (!array.at(0).get(number) && !array.at(1).get(rest))
            wantedBuild = std::to_string(number) + "," + std::string(rest);
    }
    if (build != wantedBuild)
        problems += "build is " + build + "; ";
    const auto tags = sortedTagStrings(wheel->tags);
    if (tags != stringList(item, "tags"))
        problems += "tags are " + joinList(tags) + "; ";
    if (wheel->tagOrderValid != boolField(item, "order_valid"))
        problems += "order_valid differs; ";
    return problems;
}

std::string checkInvalidWheel(Case item)
{
    return parseWheelName(stringField(item, "filename")) ? "accepted" : "";
}

std::string checkSdist(Case item)
{
    const auto sdist = parseSdistName(stringField(item, "filename"));
    if (!sdist)
        return "rejected (" + sdist.error().message + ")";
    std::string problems;
    if (sdist->name != stringField(item, "name"))
        problems += "name is '" + sdist->name + "'; ";
    if (sdist->version.str() != stringField(item, "version"))
        problems += "version is '" + sdist->version.str() + "'; ";
    return problems;
}

std::string checkInvalidSdist(Case item)
{
    return parseSdistName(stringField(item, "filename")) ? "accepted" : "";
}

} // namespace

std::vector<CheckerEntry> tagCheckers()
{
    return {
        {"tags", "parse", checkParse},
        {"tags", "invalid", checkInvalid},
        {"tags", "platforms", checkPlatforms},
        {"tags", "supported", checkSupported},
        {"tags", "rank", checkRank},
        {"names", "wheels", checkWheel},
        {"names", "invalid_wheels", checkInvalidWheel},
        {"names", "sdists", checkSdist},
        {"names", "invalid_sdists", checkInvalidSdist},
    };
}

} // namespace pindex::conformance
