#include "core/standards/tags.h"

#include <algorithm>
#include <array>
#include <set>

#include "core/standards/text.h"
#include "core/standards/wheel_name.h"

namespace pindex::standards {

namespace {

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        if (end == std::string_view::npos) {
            parts.push_back(text.substr(start));
            return parts;
        }
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
}

// Python's str.isidentifier(), with every non-ASCII character taken as a letter.
bool isIdentifier(std::string_view text)
{
    if (text.empty())
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (static_cast<unsigned char>(c) >= 0x80 || text::isAlpha(c) || c == '_')
            continue;
        if (i > 0 && text::isDigit(c))
            continue;
        return false;
    }
    return true;
}

Error invalidTag(std::string_view text, std::string_view why)
{
    return makeError(ErrorCode::Parse, "Invalid tag '" + std::string(text) + "': " + std::string(why));
}

std::string nodot(unsigned major, unsigned minor)
{
    return std::to_string(major) + std::to_string(minor);
}

void appendManylinux(std::vector<std::string>& out, const std::string& arch,
                     std::pair<unsigned, unsigned> glibc)
{
    // Tags older than glibc 2.5 (x86) or 2.17 (other architectures) never existed.
    const bool x86 = arch == "x86_64" || arch == "i686";
    const unsigned tooOldMajor = 2;
    const int tooOldMinor = x86 ? 4 : 16;
    // glibc 2 is the only major version with manylinux tags.
    for (const auto& [major, maxMinor] : {glibc}) {
        const int minMinor = major == tooOldMajor ? tooOldMinor : -1;
        for (int minor = static_cast<int>(maxMinor); minor > minMinor; --minor) {
            const auto minorValue = static_cast<unsigned>(minor);
            out.push_back("manylinux_" + std::to_string(major) + "_" + std::to_string(minorValue) + "_" +
                          arch);
            if (major == 2 && (minorValue == 17 || minorValue == 12 || minorValue == 5)) {
                const char* legacy =
                    minorValue == 17 ? "manylinux2014" : (minorValue == 12 ? "manylinux2010" : "manylinux1");
                out.push_back(std::string(legacy) + "_" + arch);
            }
        }
    }
}

std::vector<std::string> macBinaryFormats(std::pair<unsigned, unsigned> version, const std::string& arch)
{
    std::vector<std::string> formats{arch};
    const bool before104 = version < std::pair<unsigned, unsigned>{10, 4};
    if (arch == "x86_64") {
        if (before104)
            return {};
        formats.insert(formats.end(), {"intel", "fat64", "fat3"});
    } else if (arch == "i386") {
        if (before104)
            return {};
        formats.insert(formats.end(), {"intel", "fat3", "fat"});
    } else if (arch == "ppc64") {
        if (version > std::pair<unsigned, unsigned>{10, 5} || before104)
            return {};
        formats.emplace_back("fat64");
    } else if (arch == "ppc") {
        if (version > std::pair<unsigned, unsigned>{10, 6})
            return {};
        formats.insert(formats.end(), {"fat3", "fat"});
    }
    if (arch == "arm64" || arch == "x86_64")
        formats.emplace_back("universal2");
    if (arch == "x86_64" || arch == "i386" || arch == "ppc64" || arch == "ppc" || arch == "intel")
        formats.emplace_back("universal");
    return formats;
}

void appendMac(std::vector<std::string>& out, std::pair<unsigned, unsigned> version, const std::string& arch)
{
    auto emit = [&out](unsigned major, unsigned minor, const std::string& format) {
        out.push_back("macosx_" + std::to_string(major) + "_" + std::to_string(minor) + "_" + format);
    };
    if (version.first == 10) {
        for (int minor = static_cast<int>(version.second); minor >= 0; --minor) {
            const auto minorValue = static_cast<unsigned>(minor);
            for (const auto& format : macBinaryFormats({10, minorValue}, arch))
                emit(10, minorValue, format);
        }
    }
    if (version.first >= 11) {
        for (unsigned major = version.first; major > 10; --major) {
            for (const auto& format : macBinaryFormats({major, 0}, arch))
                emit(major, 0, format);
        }
        for (unsigned minor = 16; minor > 3; --minor) {
            if (arch == "x86_64") {
                for (const auto& format : macBinaryFormats({10, minor}, arch))
                    emit(10, minor, format);
            } else {
                emit(10, minor, "universal2");
            }
        }
    }
}

} // namespace

std::string Tag::str() const
{
    return interpreter + '-' + abi + '-' + platform;
}

Result<ParsedTagSet> parseTagSet(std::string_view text)
{
    std::vector<std::vector<std::string_view>> components;
    ParsedTagSet result;
    for (const std::string_view component : split(text, '-')) {
        auto parts = split(component, '.');
        if (std::find(parts.begin(), parts.end(), std::string_view()) != parts.end())
            return std::unexpected(invalidTag(text, "empty component '" + std::string(component) + "'"));
        if (!std::is_sorted(parts.begin(), parts.end()))
            result.orderValid = false;
        components.push_back(std::move(parts));
    }
    if (components.size() != 3)
        return std::unexpected(invalidTag(text, "a tag has exactly three components (python-abi-platform)"));
    for (const std::string_view interpreter : components[0]) {
        if (!isIdentifier(interpreter))
            return std::unexpected(
                invalidTag(text, "invalid interpreter '" + std::string(interpreter) + "'"));
    }
    std::set<Tag> seen;
    for (const auto interpreter : components[0]) {
        for (const auto abi : components[1]) {
            for (const auto platform : components[2]) {
                Tag tag{text::toLowerUnicode(interpreter), text::toLowerUnicode(abi),
                        text::toLowerUnicode(platform)};
                if (seen.insert(tag).second)
                    result.tags.push_back(std::move(tag));
            }
        }
    }
    return result;
}

bool isValidTagSet(std::string_view text)
{
    std::size_t component = 0;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = std::min(text.find('-', start), text.size());
        const std::string_view part = text.substr(start, end - start);
        std::size_t memberStart = 0;
        while (true) {
            const std::size_t memberEnd = std::min(part.find('.', memberStart), part.size());
            const std::string_view member = part.substr(memberStart, memberEnd - memberStart);
            if (member.empty() || (component == 0 && !isIdentifier(member)))
                return false;
            if (memberEnd == part.size())
                break;
            memberStart = memberEnd + 1;
        }
        ++component;
        if (end == text.size())
            break;
        start = end + 1;
    }
    return component == 3;
}

std::vector<std::string> compatiblePlatforms(const PlatformDescription& platform)
{
    std::vector<std::string> out;
    switch (platform.os) {
    case OperatingSystem::Windows:
        if (platform.arch == "x86" || platform.arch == "win32")
            out.emplace_back("win32");
        else
            out.push_back("win_" + platform.arch);
        break;
    case OperatingSystem::MacOs: appendMac(out, platform.macosVersion, platform.arch); break;
    case OperatingSystem::Linux: {
        const std::vector<std::string> archs = platform.arch == "armv8l"
                                                   ? std::vector<std::string>{"armv8l", "armv7l"}
                                                   : std::vector<std::string>{platform.arch};
        for (const auto& arch : archs)
            out.push_back("linux_" + arch);
        if (platform.glibc) {
            for (const auto& arch : archs)
                appendManylinux(out, arch, *platform.glibc);
        }
        if (platform.musl) {
            for (const auto& arch : archs) {
                for (int minor = static_cast<int>(platform.musl->second); minor >= 0; --minor)
                    out.push_back("musllinux_" + std::to_string(platform.musl->first) + "_" +
                                  std::to_string(minor) + "_" + arch);
            }
        }
        break;
    }
    }
    return out;
}

std::vector<Tag> supportedTags(const InterpreterDescription& interpreter)
{
    const std::vector<std::string> platforms = compatiblePlatforms(interpreter.platform);
    const unsigned major = interpreter.pythonMajor;
    const unsigned minor = interpreter.pythonMinor;
    std::vector<Tag> tags;
    auto forPlatforms = [&](const std::string& python, const std::string& abi) {
        for (const auto& platform : platforms)
            tags.push_back(Tag{python, abi, platform});
    };

    std::string compatibleInterpreter;
    if (interpreter.implementation == Implementation::CPython) {
        const std::string python = "cp" + nodot(major, minor);
        // A free-threaded build ("cp313t"): its first ABI has a 't' among the flags after the digits.
        bool threading = false;
        if (!interpreter.abis.empty()) {
            std::string_view first = interpreter.abis.front();
            if (first.starts_with("cp") && first.size() > 2 && text::isDigit(first[2])) {
                first.remove_prefix(2);
                while (!first.empty() && text::isDigit(first.front()))
                    first.remove_prefix(1);
                threading = first.find('t') != std::string_view::npos;
            }
        }
        std::vector<std::string> abis;
        for (const auto& abi : interpreter.abis) {
            const bool explicitAbi = abi == "abi3" || abi == "none" || (threading && abi == "abi3t");
            if (!explicitAbi)
                abis.push_back(abi);
        }
        for (const auto& abi : abis)
            forPlatforms(python, abi);
        const bool stable = major == 3 ? minor >= 2 : major > 3;
        const bool useAbi3 = stable && !threading;
        const bool useAbi3t = stable && threading;
        if (useAbi3)
            forPlatforms(python, "abi3");
        if (useAbi3t)
            forPlatforms(python, "abi3t");
        forPlatforms(python, "none");
        if (useAbi3 || useAbi3t) {
            for (int older = static_cast<int>(minor) - 1; older > 1; --older) {
                const std::string olderPython = "cp" + nodot(major, static_cast<unsigned>(older));
                for (const auto& platform : platforms) {
                    if (useAbi3)
                        tags.push_back(Tag{olderPython, "abi3", platform});
                    if (useAbi3t)
                        tags.push_back(Tag{olderPython, "abi3t", platform});
                }
            }
        }
        compatibleInterpreter = python;
    } else {
        const std::string python = "pp" + nodot(major, minor);
        std::vector<std::string> abis = interpreter.abis;
        if (std::find(abis.begin(), abis.end(), "none") == abis.end())
            abis.emplace_back("none");
        for (const auto& abi : abis)
            forPlatforms(python, abi);
        compatibleInterpreter = "pp" + std::to_string(major);
    }

    // Pure-Python tags: py3.11, py3, py3.10 ... py3.0 on each platform, then on "any".
    std::vector<std::string> pythons{"py" + nodot(major, minor), "py" + std::to_string(major)};
    for (int older = static_cast<int>(minor) - 1; older >= 0; --older)
        pythons.push_back("py" + nodot(major, static_cast<unsigned>(older)));
    for (const auto& python : pythons)
        forPlatforms(python, "none");
    tags.push_back(Tag{compatibleInterpreter, "none", "any"});
    for (const auto& python : pythons)
        tags.push_back(Tag{python, "none", "any"});
    return tags;
}

SupportedTags::SupportedTags(std::vector<Tag> tags)
    : m_tags(std::move(tags))
{
    m_ranks.reserve(m_tags.size());
    for (std::size_t i = 0; i < m_tags.size(); ++i)
        m_ranks.emplace(m_tags[i].str(), i);
}

std::optional<std::size_t> SupportedTags::rank(const Tag& tag) const
{
    std::string key;
    key.reserve(tag.interpreter.size() + tag.abi.size() + tag.platform.size() + 2);
    key += tag.interpreter;
    key += '-';
    key += tag.abi;
    key += '-';
    key += tag.platform;
    const auto found = m_ranks.find(std::string_view(key));
    if (found == m_ranks.end())
        return std::nullopt;
    return found->second;
}

std::optional<std::size_t> rank(const WheelName& wheel, const SupportedTags& supported)
{
    std::optional<std::size_t> best;
    for (const Tag& tag : wheel.tags) {
        const auto found = supported.rank(tag);
        if (found && (!best || *found < *best))
            best = found;
    }
    return best;
}

} // namespace pindex::standards
