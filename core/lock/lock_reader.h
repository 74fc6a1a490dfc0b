#pragma once

// Reading lockfiles into a LockSnapshot. One entry point (`readLock` / `parseLock`) that detects
// the format, and one parser per format. Unknown fields are ignored; malformed input gives a Parse
// error naming file:line:column.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/lock/lock_snapshot.h"
#include "core/util/error.h"

namespace pindex::lock {

// The format of a lockfile from its file name (pylock.toml, pylock.NAME.toml, uv.lock,
// poetry.lock, *.txt), falling back to its content. std::nullopt when neither tells.
[[nodiscard]] std::optional<LockFormat> detectLockFormat(std::string_view fileName, std::string_view content);

// Parses `content`; `sourceName` names the file in errors and in the snapshot. When `format` is not
// given it is detected from `sourceName` and the content.
[[nodiscard]] Result<LockSnapshot> parseLock(std::string_view content, const std::string& sourceName,
                                             std::optional<LockFormat> format = std::nullopt);

// Reads and parses a lockfile from disk.
[[nodiscard]] Result<LockSnapshot> readLock(const std::filesystem::path& path);

[[nodiscard]] Result<LockSnapshot> parsePylock(std::string_view content, const std::string& sourceName);
[[nodiscard]] Result<LockSnapshot> parseUvLock(std::string_view content, const std::string& sourceName);
[[nodiscard]] Result<LockSnapshot> parsePoetryLock(std::string_view content, const std::string& sourceName);
[[nodiscard]] Result<LockSnapshot> parseRequirementsTxt(std::string_view content,
                                                        const std::string& sourceName);

} // namespace pindex::lock
