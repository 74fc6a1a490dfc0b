#pragma once

// FileTransaction: moves files into a venv so that the whole set can be undone. Whatever sits at a
// destination is first moved aside into a backup directory (same filesystem, so every step is a
// rename); rollBack() removes what was placed, puts the old files back and removes directories it
// created. commit() just forgets the backups (the caller removes the backup directory).
//
// Invariants: after rollBack() the touched paths hold exactly what they held before the first call.

#include <filesystem>
#include <set>
#include <utility>
#include <vector>

#include "core/util/error.h"

namespace pindex::install {

class FileTransaction
{
public:
    explicit FileTransaction(std::filesystem::path backupDirectory);

    // Moves whatever is at `path` (file, link or directory) aside; nothing when it does not exist.
    [[nodiscard]] Status setAside(const std::filesystem::path& path);
    // Renames `from` to `to`, creating parent directories and setting aside what was at `to`.
    // `from == to` records an already created file as placed.
    [[nodiscard]] Status place(const std::filesystem::path& from, const std::filesystem::path& to);
    // Puts a copy of `source` (a regular file that stays where it is) at `to`: a hard link, else a
    // reflink, else a byte copy (across filesystems), creating parents and setting aside what
    // was at `to`. The placed file shares its inode with `source` when linked.
    [[nodiscard]] Status link(const std::filesystem::path& source, const std::filesystem::path& to);
    // Records a file created outside place() so rollBack() removes it.
    void adopt(const std::filesystem::path& created);

    void rollBack();

private:
    [[nodiscard]] Status createParents(const std::filesystem::path& file);

    std::filesystem::path m_backupDirectory;
    std::vector<std::filesystem::path> m_placed;
    std::vector<std::pair<std::filesystem::path, std::filesystem::path>> m_backups; // backup, original
    std::vector<std::filesystem::path> m_createdDirectories;
    std::set<std::filesystem::path> m_knownDirectories; // exist (found or created)
};

} // namespace pindex::install
