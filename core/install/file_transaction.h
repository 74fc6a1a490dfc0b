#pragma once

// FileTransaction: moves files into a venv so that the whole set can be undone, also after the
// process is killed. Whatever sits at a destination is first moved aside into a backup directory
// (same filesystem, so every step is a rename); rollBack() removes what was placed, puts the old
// files back and removes directories it created. commit() marks the change as complete (the caller
// then removes the backup directory).
//
// Crash safety: before each step the transaction appends what it is about to do to a journal
// (`<backup directory>/journal`: a directory to create, a file to move aside and where to, a file
// to place), so a process killed at any point leaves enough behind to finish the job:
// recoverInterruptedTransactions() rolls back every transaction of a process that no longer runs
// and did not commit, and drops the backups of those that did.
//
// Power loss: the disk may keep a later step and lose an earlier journal record, so the journal is
// flushed where recovery depends on it: before an existing file is moved aside (setAsideAll
// journals a whole set, then flushes once), before the last step makes the change visible
// (placeLast: the file system is flushed, so the placed files' data, the directories and the
// journal are on disk before RECORD appears), and after the commit mark (before the caller drops
// the backups). Other steps are not flushed: a power loss before placeLast leaves at worst files
// and empty directories that no RECORD owns, never a lost original or a change that looks complete.
//
// Invariants: after rollBack() the touched paths hold exactly what they held before the first call;
// after recovery the same holds for a transaction whose process died before commit().

#include <filesystem>
#include <functional>
#include <set>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "core/util/error.h"

namespace pindex::install {

class FileTransaction
{
public:
    // `backupDirectory` must be a fresh directory inside a staging directory whose top-level entry
    // is named `...-<pid>-<anything>` (see recoverInterruptedTransactions).
    explicit FileTransaction(std::filesystem::path backupDirectory);
    ~FileTransaction();
    FileTransaction(const FileTransaction&) = delete;
    FileTransaction& operator=(const FileTransaction&) = delete;

    // Moves whatever is at `path` (file, link or directory) aside; nothing when it does not exist.
    [[nodiscard]] Status setAside(const std::filesystem::path& path);
    // setAside for a whole set, with one flush of the journal for all of them.
    [[nodiscard]] Status setAsideAll(std::span<const std::filesystem::path> paths);
    // Renames `from` to `to`, creating parent directories and setting aside what was at `to`.
    // `from == to` records an already created file as placed.
    [[nodiscard]] Status place(const std::filesystem::path& from, const std::filesystem::path& to);
    // Puts a copy of `source` (a regular file that stays where it is) at `to`: a hard link, else a
    // reflink, else a byte copy (across filesystems), creating parents and setting aside what
    // was at `to`. The placed file shares its inode with `source` when linked.
    [[nodiscard]] Status link(const std::filesystem::path& source, const std::filesystem::path& to);
    // place() for the step that makes the change visible (RECORD): everything done so far is
    // flushed to disk first.
    [[nodiscard]] Status placeLast(const std::filesystem::path& from, const std::filesystem::path& to);
    // Makes way for a file the caller creates itself at `to` right after (a symbolic link): creates
    // the parents, sets aside what is there and records `to` as placed.
    [[nodiscard]] Status prepare(const std::filesystem::path& to);
    // Records a file created outside place() so rollBack() removes it.
    void adopt(const std::filesystem::path& created);

    // The change is complete: a recovery keeps it and only drops the backups. The mark is on disk
    // when this returns.
    [[nodiscard]] Status commit();
    void rollBack();

private:
    [[nodiscard]] Status createParents(const std::filesystem::path& file);
    [[nodiscard]] Status clearSlot(const std::filesystem::path& to);
    [[nodiscard]] Status journal(char operation, const std::filesystem::path& path,
                                 std::string_view extra = {});
    [[nodiscard]] Status syncJournal();

    std::filesystem::path m_backupDirectory;
    int m_journal = -1;
    bool m_journalSynced = true;
    std::vector<std::filesystem::path> m_unsyncedDirectories; // hold the journal, not flushed yet
    std::filesystem::path m_lastPlaced;                       // by placeLast
    std::vector<std::filesystem::path> m_placed;
    std::vector<std::pair<std::filesystem::path, std::filesystem::path>> m_backups; // backup, original
    std::vector<std::filesystem::path> m_createdDirectories;
    std::set<std::filesystem::path> m_knownDirectories; // exist (found or created)
};

// A transaction found in a staging directory whose process no longer runs.
struct InterruptedTransaction
{
    std::filesystem::path journal;
    bool committed = false;  // complete: only its backups are left to drop
    bool rolledBack = false; // undone already: only its directory is left to remove
    // Originals moved aside whose backup is still there (missing from the venv until recovered).
    std::vector<std::filesystem::path> setAside;
    std::vector<std::filesystem::path> placed; // files the transaction put (or was about to put)
    std::vector<std::filesystem::path> createdDirectories;
};

// The transactions of dead processes under `stagingRoot` (each top-level entry named
// `...-<pid>-<anything>`; entries of running processes are left out).
[[nodiscard]] std::vector<InterruptedTransaction>
findInterruptedTransactions(const std::filesystem::path& stagingRoot);

// Rolls back every uncommitted transaction of a dead process under `stagingRoot`, drops the
// backups of committed ones (removing the directories they emptied, where `mayRemove` allows),
// and removes the staging entries of dead processes, then `stagingRoot` itself when empty.
// Returns how many transactions were rolled back. Running it again after it was interrupted
// finishes the job.
[[nodiscard]] Result<std::size_t>
recoverInterruptedTransactions(const std::filesystem::path& stagingRoot,
                               const std::function<bool(const std::filesystem::path&)>& mayRemove);

} // namespace pindex::install
