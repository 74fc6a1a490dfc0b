#pragma once

// The one way core reads and writes files. Every error names the path; writes are atomic
// (temporary file in the same directory, fsync, rename, fsync of the directory) and keep the
// file's mode; a write can be made conditional on the file still holding what was read, so an
// edit never clobbers a change someone made on disk meanwhile.

#include <filesystem>
#include <optional>
#include <string>

#include "core/util/error.h"

namespace pindex {

// What a file held when it was read; the basis for conflict detection.
struct FileSnapshot
{
    std::filesystem::path path;
    std::string content;
};

[[nodiscard]] Result<std::string> readFile(const std::filesystem::path& path);
[[nodiscard]] Result<FileSnapshot> readSnapshot(const std::filesystem::path& path);

struct WriteOptions
{
    // When set, the write is refused with ErrorCode::Conflict unless the file on disk still holds
    // exactly this content (std::nullopt inside means: the file must not exist yet).
    std::optional<std::optional<std::string>> expectedContent;
    // false skips the fsyncs: the rename still makes the write atomic for concurrent readers (no
    // torn files), but a power loss may lose it. Right for caches, whose entries can be refetched.
    bool durable = true;
    // Mode for a file that does not exist yet; an existing file keeps its own mode.
    std::filesystem::perms newFileMode =
        std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
        std::filesystem::perms::group_read | std::filesystem::perms::others_read;
};

[[nodiscard]] Status writeFileAtomic(const std::filesystem::path& path, const std::string& content,
                                     const WriteOptions& options = {});

// Writes `content` over `snapshot.path` only if the file still holds `snapshot.content`.
[[nodiscard]] Status replaceSnapshot(const FileSnapshot& snapshot, const std::string& content);

} // namespace pindex
