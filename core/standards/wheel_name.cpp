#include "core/standards/wheel_name.h"

#include <algorithm>

#include "core/standards/name.h"
#include "core/standards/text.h"

namespace pindex::standards {

namespace {

Error wheelError(std::string_view filename, std::string_view why)
{
    return makeError(ErrorCode::Parse,
                     "Invalid wheel file name '" + std::string(filename) + "': " + std::string(why));
}

Error sdistError(std::string_view filename, std::string_view why)
{
    return makeError(ErrorCode::Parse,
                     "Invalid sdist file name '" + std::string(filename) + "': " + std::string(why));
}

// The name part of a wheel: word characters (Unicode letters and digits, '_') and '.', no "__".
bool isWheelNamePart(std::string_view name)
{
    if (name.empty() || name.find("__") != std::string_view::npos)
        return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (static_cast<unsigned char>(c) >= 0x80) {
            if (text::spaceLengthAt(name, i) > 0)
                return false;
            continue;
        }
        if (!text::isAlpha(c) && !text::isDigit(c) && c != '_' && c != '.')
            return false;
    }
    return true;
}

} // namespace

namespace {

// A wheel file name cut at its dashes, before anything but its shape is checked.
struct WheelParts
{
    std::string_view name;
    std::string_view version;
    std::string_view build; // empty without a build tag
    std::string_view tags;  // "python-abi-platform"
};

Result<WheelParts> splitWheel(std::string_view filename)
{
    if (!filename.ends_with(".whl"))
        return std::unexpected(wheelError(filename, "the extension must be .whl"));
    const std::string_view stem = filename.substr(0, filename.size() - 4);
    const auto dashes = static_cast<std::size_t>(std::count(stem.begin(), stem.end(), '-'));
    if (dashes != 4 && dashes != 5)
        return std::unexpected(wheelError(filename, "expected name-version(-build)-python-abi-platform"));
    const std::size_t nameEnd = stem.find('-');
    const std::size_t versionEnd = stem.find('-', nameEnd + 1);
    WheelParts parts{.name = stem.substr(0, nameEnd),
                     .version = stem.substr(nameEnd + 1, versionEnd - nameEnd - 1)};
    std::size_t tagStart = versionEnd + 1;
    if (dashes == 5) {
        const std::size_t buildEnd = stem.find('-', tagStart);
        parts.build = stem.substr(tagStart, buildEnd - tagStart);
        tagStart = buildEnd + 1;
    }
    parts.tags = stem.substr(tagStart);
    return parts;
}

Result<std::optional<BuildTag>> parseBuild(std::string_view filename, std::string_view build)
{
    if (build.empty())
        return std::optional<BuildTag>();
    std::size_t digits = 0;
    while (digits < build.size() && text::isDigit(build[digits]))
        ++digits;
    const auto number = text::parseNumber(build.substr(0, digits));
    if (digits == 0 || !number)
        return std::unexpected(
            wheelError(filename, "the build tag '" + std::string(build) + "' must start with a number"));
    return std::optional(BuildTag{*number, std::string(build.substr(digits))});
}

} // namespace

Result<WheelName> parseWheelName(std::string_view filename)
{
    auto parts = splitWheel(filename);
    if (!parts)
        return std::unexpected(std::move(parts.error()));
    if (!isWheelNamePart(parts->name))
        return std::unexpected(
            wheelError(filename, "invalid project name '" + std::string(parts->name) + "'"));
    auto version = Version::parse(parts->version);
    if (!version)
        return std::unexpected(wheelError(filename, "invalid version '" + std::string(parts->version) + "'"));
    auto build = parseBuild(filename, parts->build);
    if (!build)
        return std::unexpected(std::move(build.error()));
    auto tags = parseTagSet(parts->tags);
    if (!tags)
        return std::unexpected(wheelError(filename, tags.error().message));
    return WheelName{canonicalizeName(parts->name), std::move(*version), std::move(*build),
                     std::move(tags->tags), tags->orderValid};
}

Result<SdistName> parseWheelNameAndVersion(std::string_view filename)
{
    return WheelNameReader().nameAndVersion(filename);
}

Result<SdistName> WheelNameReader::nameAndVersion(std::string_view filename)
{
    // parseWheelName's checks in its order, the tag set only validated, and each of the name and
    // version parsed only when it differs from the last accepted wheel's.
    auto parts = splitWheel(filename);
    if (!parts)
        return std::unexpected(std::move(parts.error()));
    const bool sameName = m_last && parts->name == m_namePart;
    if (!sameName && !isWheelNamePart(parts->name))
        return std::unexpected(
            wheelError(filename, "invalid project name '" + std::string(parts->name) + "'"));
    const bool sameVersion = m_last && parts->version == m_versionPart;
    std::optional<Version> version;
    if (!sameVersion) {
        auto parsed = Version::parse(parts->version);
        if (!parsed)
            return std::unexpected(
                wheelError(filename, "invalid version '" + std::string(parts->version) + "'"));
        version = std::move(*parsed);
    }
    if (auto build = parseBuild(filename, parts->build); !build)
        return std::unexpected(std::move(build.error()));
    if (!isValidTagSet(parts->tags)) {
        auto tags = parseTagSet(parts->tags);
        if (!tags)
            return std::unexpected(wheelError(filename, tags.error().message));
    }
    if (!m_last)
        m_last.emplace();
    if (!sameName) {
        m_namePart = parts->name;
        m_last->name = canonicalizeName(parts->name);
    }
    if (!sameVersion) {
        m_versionPart = parts->version;
        m_last->version = std::move(*version);
    }
    return *m_last;
}

Result<SdistName> parseSdistName(std::string_view filename)
{
    std::string_view stem;
    if (filename.ends_with(".tar.gz"))
        stem = filename.substr(0, filename.size() - 7);
    else if (filename.ends_with(".zip"))
        stem = filename.substr(0, filename.size() - 4);
    else
        return std::unexpected(sdistError(filename, "the extension must be .tar.gz or .zip"));
    const std::size_t dash = stem.rfind('-');
    if (dash == std::string_view::npos || dash == 0)
        return std::unexpected(sdistError(filename, "expected name-version"));
    auto version = Version::parse(stem.substr(dash + 1));
    if (!version)
        return std::unexpected(
            sdistError(filename, "invalid version '" + std::string(stem.substr(dash + 1)) + "'"));
    return SdistName{canonicalizeName(stem.substr(0, dash)), std::move(*version)};
}

} // namespace pindex::standards
