#include "core/lock/lock_reader.h"

#include "core/util/file_io.h"

namespace pindex::lock {
namespace {

bool endsWith(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string_view baseName(std::string_view path)
{
    if (const auto slash = path.find_last_of('/'); slash != std::string_view::npos)
        path = path.substr(slash + 1);
    // "uv.lock@HEAD~1": a revision suffix does not change the format.
    if (const auto at = path.find('@'); at != std::string_view::npos)
        path = path.substr(0, at);
    return path;
}

} // namespace

std::optional<LockFormat> detectLockFormat(std::string_view fileName, std::string_view content)
{
    const std::string_view name = baseName(fileName);
    if (name == "uv.lock")
        return LockFormat::UvLock;
    if (name == "poetry.lock")
        return LockFormat::PoetryLock;
    if (name.starts_with("pylock.") && endsWith(name, ".toml"))
        return LockFormat::Pylock;
    if (endsWith(name, ".txt") || endsWith(name, ".in"))
        return LockFormat::Requirements;

    if (content.find("lock-version") != std::string_view::npos &&
        content.find("[[packages]]") != std::string_view::npos)
        return LockFormat::Pylock;
    if (content.find("content-hash") != std::string_view::npos &&
        content.find("[metadata]") != std::string_view::npos)
        return LockFormat::PoetryLock;
    if (content.find("[[package]]") != std::string_view::npos ||
        content.find("[[distribution]]") != std::string_view::npos)
        return LockFormat::UvLock;
    if (content.find("==") != std::string_view::npos)
        return LockFormat::Requirements;
    return std::nullopt;
}

Result<LockSnapshot> parseLock(std::string_view content, const std::string& sourceName,
                               std::optional<LockFormat> format)
{
    if (!format)
        format = detectLockFormat(sourceName, content);
    if (!format) {
        auto error = makeFileError(ErrorCode::Unsupported, "not a lockfile format Pindex knows", sourceName);
        error.hint = "name the file pylock.toml, uv.lock, poetry.lock or requirements.txt";
        return std::unexpected(std::move(error));
    }
    switch (*format) {
    case LockFormat::Pylock: return parsePylock(content, sourceName);
    case LockFormat::UvLock: return parseUvLock(content, sourceName);
    case LockFormat::PoetryLock: return parsePoetryLock(content, sourceName);
    case LockFormat::Requirements: return parseRequirementsTxt(content, sourceName);
    }
    return std::unexpected(makeError(ErrorCode::Internal, "unhandled lock format"));
}

Result<LockSnapshot> readLock(const std::filesystem::path& path)
{
    auto content = readFile(path);
    if (!content)
        return std::unexpected(content.error());
    return parseLock(*content, path.string());
}

} // namespace pindex::lock
