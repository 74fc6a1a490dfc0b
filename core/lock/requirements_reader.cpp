// A pinned requirements.txt (pip-compile, `uv pip compile`, `uv export`) into a LockSnapshot.
// Requirements are `name[extras]==version ; marker` or `name @ url`, continued with backslashes,
// with `--hash` options; `-i`/`--index-url` names the index of every package; "# via" comments
// (inline, on the next line, or as an indented list) become dependency edges. requirements.txt
// records hashes without file names, so each hash becomes one nameless file.

#include <map>
#include <optional>
#include <set>

#include "core/lock/lock_reader.h"

namespace pindex::lock {
namespace {

constexpr std::string_view kPypiSimple = "https://pypi.org/simple";

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

bool isNameCharacter(char character)
{
    return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
           (character >= '0' && character <= '9') || character == '-' || character == '_' || character == '.';
}

struct LogicalLine
{
    std::string text;       // joined continuation lines, comment removed
    std::string comment;    // a trailing "# ..." comment, if any
    std::uint32_t line = 0; // first physical line
};

// Splits off a comment that starts with '#' at the beginning or after whitespace.
std::pair<std::string_view, std::string_view> splitComment(std::string_view text)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t'))
            return {text.substr(0, i), text.substr(i)};
    }
    return {text, {}};
}

// "via a, b" / "via -r x.in" -> the names after "via"; "" entries dropped.
std::vector<std::string> viaEntries(std::string_view comment)
{
    std::vector<std::string> entries;
    std::string_view rest = trim(comment);
    if (!rest.starts_with("via"))
        return entries;
    rest = trim(rest.substr(3));
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string_view entry = trim(rest.substr(0, comma));
        if (!entry.empty())
            entries.emplace_back(entry);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return entries;
}

bool isRootVia(std::string_view entry)
{
    return entry.starts_with("-r") || entry.starts_with("-c") ||
           entry.find("pyproject.toml") != std::string_view::npos ||
           entry.find("setup.py") != std::string_view::npos ||
           entry.find("setup.cfg") != std::string_view::npos || entry.find(".in") != std::string_view::npos;
}

Error lineError(const std::string& sourceName, std::uint32_t line, std::uint32_t column, std::string message)
{
    return makeFileError(ErrorCode::Parse, std::move(message), sourceName, line, column);
}

// Parses "name[extras]==version ; marker" or "name @ url ; marker" (options already removed).
Result<LockedPackage> parseRequirement(std::string_view text, const std::string& sourceName,
                                       std::uint32_t line)
{
    LockedPackage package;
    package.line = line;
    std::string_view marker;
    if (const auto semicolon = text.find(';'); semicolon != std::string_view::npos) {
        marker = trim(text.substr(semicolon + 1));
        text = trim(text.substr(0, semicolon));
    }
    package.marker = std::string(marker);
    std::size_t position = 0;
    while (position < text.size() && isNameCharacter(text[position]))
        ++position;
    if (position == 0)
        return std::unexpected(lineError(sourceName, line, 1, "expected a package name"));
    package.name = std::string(text.substr(0, position));
    std::string_view rest = trim(text.substr(position));
    if (rest.starts_with('[')) {
        const auto close = rest.find(']');
        if (close == std::string_view::npos)
            return std::unexpected(lineError(sourceName, line, static_cast<std::uint32_t>(position + 1),
                                             "unclosed '[' in extras"));
        rest = trim(rest.substr(close + 1));
    }
    if (rest.starts_with("@")) {
        const std::string url(trim(rest.substr(1)));
        if (url.starts_with("git+")) {
            VcsSource vcs;
            std::string_view location = std::string_view(url).substr(4);
            if (const auto at = location.rfind('@');
                at != std::string_view::npos && at > location.find("://") + 3) {
                vcs.commitId = std::string(location.substr(at + 1));
                location = location.substr(0, at);
            }
            vcs.url = std::string(location);
            package.vcs = std::move(vcs);
        } else {
            LockedFile archive;
            archive.url = url;
            archive.name = url.substr(url.find_last_of('/') + 1);
            package.archive = std::move(archive);
        }
        return package;
    }
    const bool arbitrary = rest.starts_with("===");
    if (!rest.starts_with("==") ||
        (rest.size() > 2 && rest[2] != '=' && !isNameCharacter(rest[2]) && rest[2] != ' ')) {
        auto error =
            lineError(sourceName, line, static_cast<std::uint32_t>(position + 1),
                      "expected '==VERSION' after '" + package.name + "': a lockfile pins exact versions");
        return std::unexpected(std::move(error));
    }
    const std::string_view version = trim(rest.substr(arbitrary ? 3 : 2));
    if (version.empty() || version.find_first_of(" ,<>!~") != std::string_view::npos)
        return std::unexpected(lineError(sourceName, line, static_cast<std::uint32_t>(position + 1),
                                         "expected one exact version after '=='"));
    package.version = std::string(version);
    return package;
}

} // namespace

Result<LockSnapshot> parseRequirementsTxt(std::string_view content, const std::string& sourceName)
{
    LockSnapshot snapshot;
    snapshot.format = LockFormat::Requirements;
    snapshot.sourceName = sourceName;
    std::string index;
    // package position -> the names it was brought in by
    std::vector<std::vector<std::string>> via;
    constexpr std::size_t kNoPackage = static_cast<std::size_t>(-1);
    std::size_t current = kNoPackage; // the package the next "# via" lines belong to
    bool inViaList = false;

    std::uint32_t lineNumber = 0;
    std::size_t offset = 0;
    LogicalLine logical;
    bool continuing = false;
    while (offset <= content.size()) {
        const auto end = content.find('\n', offset);
        std::string_view physical =
            content.substr(offset, end == std::string_view::npos ? std::string_view::npos : end - offset);
        offset = end == std::string_view::npos ? content.size() + 1 : end + 1;
        ++lineNumber;
        if (!physical.empty() && physical.back() == '\r')
            physical.remove_suffix(1);

        if (!continuing) {
            const std::string_view stripped = trim(physical);
            if (stripped.starts_with('#')) {
                const std::string_view comment = trim(stripped.substr(1));
                if (comment.starts_with("via")) {
                    inViaList = trim(comment) == "via";
                    if (current != kNoPackage) {
                        for (auto& entry : viaEntries(comment))
                            via[current].push_back(std::move(entry));
                    }
                } else if (inViaList && current != kNoPackage && !comment.empty()) {
                    via[current].emplace_back(comment);
                } else {
                    inViaList = false;
                }
                if (snapshot.createdBy.empty()) {
                    if (comment.find("pip-compile") != std::string_view::npos)
                        snapshot.createdBy = "pip-compile";
                    else if (comment.find("uv") != std::string_view::npos &&
                             comment.find("autogenerated") != std::string_view::npos)
                        snapshot.createdBy = "uv";
                }
                continue;
            }
            inViaList = false;
            if (stripped.empty())
                continue;
            logical = LogicalLine{};
            logical.line = lineNumber;
        }
        auto [code, comment] = splitComment(physical);
        code = trim(code);
        continuing = code.ends_with('\\');
        if (continuing)
            code = trim(code.substr(0, code.size() - 1));
        if (!comment.empty())
            logical.comment = std::string(trim(comment.substr(1)));
        logical.text += ' ';
        logical.text += code;
        if (continuing && offset <= content.size())
            continue;
        continuing = false;

        // Split the logical line into the requirement and its options.
        std::string_view text = trim(logical.text);
        if (text.empty())
            continue;
        if (text.starts_with('-')) {
            std::string_view option = text;
            std::string_view value;
            if (const auto split = option.find_first_of(" =\t"); split != std::string_view::npos) {
                value = trim(option.substr(split + 1));
                option = option.substr(0, split);
            }
            if (option == "-i" || option == "--index-url")
                index = std::string(value);
            current = kNoPackage;
            if (option == "-e" || option == "--editable") {
                const auto egg = value.find("#egg=");
                if (egg != std::string_view::npos) {
                    // pip's fragment: "#egg=NAME", possibly followed by "&subdirectory=...".
                    const std::string_view fragment = value.substr(egg + 5);
                    const std::string_view name = trim(fragment.substr(0, fragment.find('&')));
                    if (name.empty())
                        return std::unexpected(
                            lineError(sourceName, logical.line, 1,
                                      "the editable requirement's #egg= names no package"));
                    LockedPackage package;
                    package.line = logical.line;
                    package.name = std::string(name);
                    package.directory =
                        DirectorySource{.path = std::string(value.substr(0, egg)), .editable = true};
                    via.emplace_back();
                    current = snapshot.packages.size();
                    snapshot.packages.push_back(std::move(package));
                }
            }
            continue;
        }
        std::string requirement;
        std::vector<std::string> hashes;
        std::size_t position = 0;
        while (position < text.size()) {
            const auto next = text.find(" --", position);
            const std::string_view piece = trim(text.substr(
                position, next == std::string_view::npos ? std::string_view::npos : next - position));
            if (piece.starts_with("--hash")) {
                std::string_view value = trim(piece.substr(6));
                if (value.starts_with('='))
                    value = trim(value.substr(1));
                if (value.find(':') == std::string_view::npos)
                    return std::unexpected(
                        lineError(sourceName, logical.line, 1, "--hash needs ALGORITHM:DIGEST"));
                hashes.emplace_back(value);
            } else if (piece.starts_with("--")) {
                // other per-requirement options (--config-settings, ...) do not matter here
            } else {
                requirement += piece;
            }
            if (next == std::string_view::npos)
                break;
            position = next + 1;
        }
        auto package = parseRequirement(trim(requirement), sourceName, logical.line);
        if (!package)
            return std::unexpected(package.error());
        for (const auto& hash : hashes) {
            LockedFile file;
            const auto colon = hash.find(':');
            file.hashes.emplace(hash.substr(0, colon), hash.substr(colon + 1));
            package->wheels.push_back(std::move(file));
        }
        via.emplace_back(viaEntries(logical.comment));
        current = snapshot.packages.size();
        snapshot.packages.push_back(std::move(*package));
    }

    // Index for every package from the index; dependency edges from the "via" comments.
    std::map<std::string, std::size_t> positions;
    for (std::size_t i = 0; i < snapshot.packages.size(); ++i)
        positions.emplace(snapshot.packages[i].canonicalName(), i);
    std::set<std::string> roots;
    for (std::size_t i = 0; i < snapshot.packages.size(); ++i) {
        auto& package = snapshot.packages[i];
        if (!package.vcs && !package.archive && !package.directory)
            package.index = index.empty() ? std::string(kPypiSimple) : index;
        for (const auto& entry : via[i]) {
            std::string parent = entry;
            if (const auto space = parent.find(' '); space != std::string::npos)
                parent.resize(space);
            const auto found = positions.find(canonicalizePackageName(parent));
            if (isRootVia(entry) || found == positions.end()) {
                roots.insert(package.name);
                continue;
            }
            snapshot.packages[found->second].dependencies.push_back(
                LockedDependency{.name = package.name, .version = package.version});
        }
    }
    snapshot.rootRequirements.assign(roots.begin(), roots.end());
    return snapshot;
}

} // namespace pindex::lock
