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

// parseWheelName, leaving `tags` empty (the tag set only validated) unless `expandTags`.
Result<WheelName> parseWheel(std::string_view filename, bool expandTags)
{
    if (!filename.ends_with(".whl"))
        return std::unexpected(wheelError(filename, "the extension must be .whl"));
    const std::string_view stem = filename.substr(0, filename.size() - 4);
    const auto dashes = static_cast<std::size_t>(std::count(stem.begin(), stem.end(), '-'));
    if (dashes != 4 && dashes != 5)
        return std::unexpected(wheelError(filename, "expected name-version(-build)-python-abi-platform"));

    const std::size_t nameEnd = stem.find('-');
    const std::size_t versionEnd = stem.find('-', nameEnd + 1);
    const std::string_view namePart = stem.substr(0, nameEnd);
    if (!isWheelNamePart(namePart))
        return std::unexpected(wheelError(filename, "invalid project name '" + std::string(namePart) + "'"));
    const std::string_view versionPart = stem.substr(nameEnd + 1, versionEnd - nameEnd - 1);
    auto version = Version::parse(versionPart);
    if (!version)
        return std::unexpected(wheelError(filename, "invalid version '" + std::string(versionPart) + "'"));

    std::optional<BuildTag> build;
    std::size_t tagStart = versionEnd + 1;
    if (dashes == 5) {
        const std::size_t buildEnd = stem.find('-', tagStart);
        const std::string_view buildPart = stem.substr(tagStart, buildEnd - tagStart);
        std::size_t digits = 0;
        while (digits < buildPart.size() && text::isDigit(buildPart[digits]))
            ++digits;
        const auto number = text::parseNumber(buildPart.substr(0, digits));
        if (digits == 0 || !number)
            return std::unexpected(wheelError(filename, "the build tag '" + std::string(buildPart) +
                                                            "' must start with a number"));
        build = BuildTag{*number, std::string(buildPart.substr(digits))};
        tagStart = buildEnd + 1;
    }
    const std::string_view tagPart = stem.substr(tagStart);
    if (!expandTags && isValidTagSet(tagPart))
        return WheelName{canonicalizeName(namePart), std::move(*version), std::move(build), {}, true};
    auto tags = parseTagSet(tagPart);
    if (!tags)
        return std::unexpected(wheelError(filename, tags.error().message));
    return WheelName{canonicalizeName(namePart), std::move(*version), std::move(build), std::move(tags->tags),
                     tags->orderValid};
}

} // namespace

Result<WheelName> parseWheelName(std::string_view filename)
{
    return parseWheel(filename, true);
}

Result<SdistName> parseWheelNameAndVersion(std::string_view filename)
{
    auto wheel = parseWheel(filename, false);
    if (!wheel)
        return std::unexpected(std::move(wheel.error()));
    return SdistName{std::move(wheel->name), std::move(wheel->version)};
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
