#include "core/install/file_transaction.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <iterator>
#include <linux/fs.h>
#include <map>
#include <span>
#include <string>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

#include "core/util/file_io.h"

namespace pindex::install {

namespace fs = std::filesystem;

namespace {

Error ioError(const fs::path& path, const std::error_code& error, std::string_view what)
{
    return makeError(ErrorCode::Io,
                     "Cannot " + std::string(what) + " " + path.string() + ": " + error.message() + ".");
}

// Writes all of `data` to `fd` (a journal record: small, one write in practice).
bool writeAll(int fd, std::string_view data)
{
    while (!data.empty()) {
        const ssize_t step = ::write(fd, data.data(), data.size());
        if (step < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(step));
    }
    return true;
}

constexpr std::string_view kJournalName = "journal";

std::error_code lastError()
{
    return {errno, std::generic_category()};
}

// fsync of a directory: makes the entries created or renamed in it durable.
bool syncDirectory(const fs::path& directory)
{
    const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    return synced;
}

} // namespace

FileTransaction::FileTransaction(fs::path backupDirectory)
    : m_backupDirectory(std::move(backupDirectory))
{}

FileTransaction::~FileTransaction()
{
    if (m_journal >= 0)
        ::close(m_journal);
}

// One record per step, written before the step: `<operation><extra>\t<path>\0`. A record torn by
// a kill is ignored on recovery, which is right: its step had not started.
Status FileTransaction::journal(char operation, const fs::path& path, std::string_view extra)
{
    if (m_journal < 0) {
        std::error_code error;
        // The directories holding the journal, up to the first one that existed: their entries
        // must reach the disk with the journal's first flush, or recovery could not find it.
        m_unsyncedDirectories.clear();
        for (auto directory = m_backupDirectory; !directory.empty() && !fs::exists(directory, error);
             directory = directory.parent_path())
            m_unsyncedDirectories.push_back(directory);
        if (!m_unsyncedDirectories.empty())
            m_unsyncedDirectories.push_back(m_unsyncedDirectories.back().parent_path());
        else
            m_unsyncedDirectories.push_back(m_backupDirectory);
        fs::create_directories(m_backupDirectory, error);
        const auto file = m_backupDirectory / kJournalName;
        m_journal = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (m_journal < 0)
            return std::unexpected(ioError(file, lastError(), "create"));
    }
    std::string record(1, operation);
    record += extra;
    record += '\t';
    record += path.string();
    record += '\0';
    if (!writeAll(m_journal, record))
        return std::unexpected(ioError(m_backupDirectory / kJournalName, lastError(), "write"));
    m_journalSynced = false;
    return {};
}

Status FileTransaction::syncJournal()
{
    if (m_journal < 0 || m_journalSynced)
        return {};
    if (::fdatasync(m_journal) != 0)
        return std::unexpected(ioError(m_backupDirectory / kJournalName, lastError(), "flush"));
    // Deepest first is not needed: each fsync covers the entries of one directory.
    for (const auto& directory : m_unsyncedDirectories)
        if (!syncDirectory(directory))
            return std::unexpected(ioError(directory, lastError(), "flush"));
    m_unsyncedDirectories.clear();
    m_journalSynced = true;
    return {};
}

Status FileTransaction::setAside(const fs::path& path)
{
    return setAsideAll(std::span(&path, 1));
}

// Every record first, one flush, then the moves: recovery must know where each original went
// before it leaves its place, also after a power loss (a record the disk lost would leave the
// original stranded in the backup directory, which recovery then deletes).
Status FileTransaction::setAsideAll(std::span<const fs::path> paths)
{
    std::vector<std::pair<fs::path, fs::path>> moves; // backup, original
    std::error_code error;
    for (const auto& path : paths) {
        if (!fs::exists(fs::symlink_status(path, error)))
            continue;
        const auto number = std::to_string(m_backups.size() + moves.size());
        if (auto recorded = journal('A', path, number); !recorded)
            return recorded;
        moves.emplace_back(m_backupDirectory / number, path);
    }
    if (moves.empty())
        return {};
    if (auto synced = syncJournal(); !synced)
        return synced;
    for (auto& [backup, original] : moves) {
        fs::rename(original, backup, error);
        if (error)
            return std::unexpected(ioError(original, error, "move aside"));
        m_backups.emplace_back(std::move(backup), std::move(original));
    }
    return {};
}

Status FileTransaction::createParents(const fs::path& file)
{
    const auto directory = file.parent_path();
    if (m_knownDirectories.contains(directory))
        return {};
    std::error_code error;
    for (auto parent = directory;
         !parent.empty() && !m_knownDirectories.contains(parent) && !fs::exists(parent, error);
         parent = parent.parent_path()) {
        if (auto recorded = journal('D', parent); !recorded)
            return recorded;
        m_createdDirectories.push_back(parent);
    }
    fs::create_directories(directory, error);
    if (error)
        return std::unexpected(ioError(directory, error, "create"));
    for (auto parent = directory; !parent.empty() && m_knownDirectories.insert(parent).second;
         parent = parent.parent_path()) {
    }
    return {};
}

namespace {

// A reflink (FICLONE) or a byte copy of `source` at `to`, which must not exist.
Status copyFile(const fs::path& source, const fs::path& to)
{
    const int in = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return std::unexpected(ioError(source, std::error_code(errno, std::generic_category()), "read"));
    struct stat info
    {};
    const auto mode = ::fstat(in, &info) == 0 ? (info.st_mode & 07777) : 0644;
    const int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (out < 0) {
        const std::error_code error(errno, std::generic_category());
        ::close(in);
        return std::unexpected(ioError(to, error, "create"));
    }
    bool done = ::ioctl(out, FICLONE, in) == 0;
    std::error_code error;
    while (!done) {
        const ssize_t copied = ::copy_file_range(in, nullptr, out, nullptr, 1 << 30, 0);
        if (copied > 0)
            continue;
        if (copied == 0) {
            done = true;
            break;
        }
        if (errno == EINTR)
            continue;
        if (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP) {
            // Plain read/write loop.
            char buffer[1 << 16];
            while (true) {
                const ssize_t count = ::read(in, buffer, sizeof buffer);
                if (count == 0) {
                    done = true;
                    break;
                }
                if (count < 0) {
                    if (errno == EINTR)
                        continue;
                    error = std::error_code(errno, std::generic_category());
                    break;
                }
                ssize_t written = 0;
                while (written < count) {
                    const ssize_t step = ::write(out, buffer + written, static_cast<size_t>(count - written));
                    if (step < 0) {
                        if (errno == EINTR)
                            continue;
                        error = std::error_code(errno, std::generic_category());
                        break;
                    }
                    written += step;
                }
                if (error)
                    break;
            }
            break;
        }
        error = std::error_code(errno, std::generic_category());
        break;
    }
    ::close(in);
    if (::close(out) != 0 && !error)
        error = std::error_code(errno, std::generic_category());
    if (error) {
        std::error_code ignored;
        fs::remove(to, ignored);
        return std::unexpected(ioError(to, error, "write"));
    }
    return {};
}

} // namespace

// What every way of putting a file at `to` does first: its directories exist, whatever is there
// is set aside (journaled), and the placement itself is journaled before it happens.
Status FileTransaction::clearSlot(const fs::path& to)
{
    if (auto parents = createParents(to); !parents)
        return parents;
    if (auto aside = setAside(to); !aside)
        return aside;
    return journal('P', to);
}

Status FileTransaction::link(const fs::path& source, const fs::path& to)
{
    if (auto cleared = clearSlot(to); !cleared)
        return cleared;
    if (::link(source.c_str(), to.c_str()) != 0) {
        const int reason = errno;
        if (reason != EXDEV && reason != EPERM && reason != EMLINK && reason != ENOTSUP)
            return std::unexpected(ioError(to, std::error_code(reason, std::generic_category()), "install"));
        if (auto copied = copyFile(source, to); !copied)
            return copied;
    }
    m_placed.push_back(to);
    return {};
}

Status FileTransaction::place(const fs::path& from, const fs::path& to)
{
    std::error_code error;
    if (from == to) {
        if (auto recorded = journal('P', to); !recorded)
            return recorded;
        m_placed.push_back(to);
        return {};
    }
    if (auto cleared = clearSlot(to); !cleared)
        return cleared;
    fs::rename(from, to, error);
    if (error)
        return std::unexpected(ioError(to, error, "install"));
    m_placed.push_back(to);
    return {};
}

Status FileTransaction::placeLast(const fs::path& from, const fs::path& to)
{
    if (auto cleared = clearSlot(to); !cleared)
        return cleared;
    // Everything so far reaches the disk before the change becomes visible: the files placed (a
    // power loss must not leave the change looking complete with empty files), the directories'
    // entries and the journal, this step's record included.
    if (m_journal >= 0 && ::syncfs(m_journal) != 0)
        return std::unexpected(ioError(to, lastError(), "flush the file system of"));
    m_journalSynced = true;
    m_unsyncedDirectories.clear();
    std::error_code error;
    fs::rename(from, to, error);
    if (error)
        return std::unexpected(ioError(to, error, "install"));
    m_placed.push_back(to);
    m_lastPlaced = to;
    return {};
}

Status FileTransaction::prepare(const fs::path& to)
{
    if (auto cleared = clearSlot(to); !cleared)
        return cleared;
    m_placed.push_back(to);
    return {};
}

void FileTransaction::adopt(const fs::path& created)
{
    (void)journal('P', created); // after the fact: a crash before this line leaves the file behind
    m_placed.push_back(created);
}

// The commit mark is flushed before the caller drops the backups: a mark the disk lost would have
// recovery roll back a change whose backups are gone. The last step's rename reaches the disk
// before the mark (placeLast flushed everything before it). A set-aside move the disk lost under a
// committed mark leaves the file where it was: the change undone, nothing lost.
Status FileTransaction::commit()
{
    if (!m_lastPlaced.empty() && !syncDirectory(m_lastPlaced.parent_path()))
        return std::unexpected(ioError(m_lastPlaced.parent_path(), lastError(), "flush"));
    if (auto recorded = journal('C', {}); !recorded)
        return recorded;
    return syncJournal();
}

void FileTransaction::rollBack()
{
    std::error_code error;
    for (auto it = m_placed.rbegin(); it != m_placed.rend(); ++it)
        fs::remove(*it, error);
    for (auto it = m_backups.rbegin(); it != m_backups.rend(); ++it) {
        fs::create_directories(it->second.parent_path(), error);
        fs::rename(it->first, it->second, error);
    }
    std::sort(m_createdDirectories.begin(), m_createdDirectories.end(),
              [](const fs::path& a, const fs::path& b) {
                  return std::distance(a.begin(), a.end()) > std::distance(b.begin(), b.end());
              });
    for (const auto& directory : m_createdDirectories)
        fs::remove(directory, error); // removes only empty directories
    m_placed.clear();
    m_backups.clear();
    m_createdDirectories.clear();
    m_knownDirectories.clear();
    if (m_journal >= 0)
        (void)journal('X', {});
}

namespace {

struct JournalRecords
{
    std::vector<std::pair<fs::path, fs::path>> backups; // backup, original
    std::vector<fs::path> placed;
    std::vector<fs::path> createdDirectories;
    bool committed = false;
    bool rolledBack = false;
};

JournalRecords readJournal(const fs::path& file)
{
    JournalRecords records;
    const std::string text = readFile(file).value_or("");
    std::string_view rest = text;
    while (true) {
        const auto end = rest.find('\0');
        if (end == std::string_view::npos)
            break; // nothing left, or a record torn by the kill: its step never began
        const std::string_view record = rest.substr(0, end);
        rest.remove_prefix(end + 1);
        const auto tab = record.find('\t');
        if (record.empty() || tab == std::string_view::npos)
            continue;
        const std::string_view extra = record.substr(1, tab - 1);
        const fs::path path(std::string(record.substr(tab + 1)));
        switch (record.front()) {
        case 'A': records.backups.emplace_back(file.parent_path() / std::string(extra), path); break;
        case 'P': records.placed.push_back(path); break;
        case 'D': records.createdDirectories.push_back(path); break;
        case 'C': records.committed = true; break;
        case 'X': records.rolledBack = true; break;
        default: break;
        }
    }
    return records;
}

bool present(const fs::path& path)
{
    std::error_code error;
    return fs::exists(fs::symlink_status(path, error));
}

// Whether the process named by a staging entry (`...-<pid>-<anything>`) still runs.
bool ownerRuns(const std::string& entryName)
{
    const auto last = entryName.rfind('-');
    if (last == std::string::npos || last == 0)
        return true;
    const auto before = entryName.rfind('-', last - 1);
    const std::string digits = entryName.substr(before == std::string::npos ? 0 : before + 1,
                                                last - (before == std::string::npos ? 0 : before + 1));
    if (digits.empty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return true; // not ours to judge: leave it
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid <= 0 || pid == ::getpid())
        return true;
    return ::kill(pid, 0) == 0 || errno == EPERM;
}

// The journals of the dead processes' entries under `stagingRoot`, with their entries.
std::vector<std::pair<fs::path, std::vector<fs::path>>> deadEntries(const fs::path& stagingRoot)
{
    std::vector<std::pair<fs::path, std::vector<fs::path>>> entries;
    std::error_code error;
    for (fs::directory_iterator it(stagingRoot, error), end; !error && it != end; it.increment(error)) {
        if (ownerRuns(it->path().filename().string()))
            continue;
        std::vector<fs::path> journals;
        for (const auto& candidate : {it->path() / kJournalName, it->path() / "backup" / kJournalName})
            if (fs::is_regular_file(candidate, error))
                journals.push_back(candidate);
        entries.emplace_back(it->path(), std::move(journals));
    }
    std::sort(entries.begin(), entries.end());
    return entries;
}

std::size_t depth(const fs::path& path)
{
    return static_cast<std::size_t>(std::distance(path.begin(), path.end()));
}

// The journal's own rollBack(), replayed from the records: what was placed goes (unless its
// original is already back), the backups return, created directories go when empty.
Status replayRollBack(const JournalRecords& records)
{
    std::map<fs::path, fs::path> backupOf;
    for (const auto& [backup, original] : records.backups)
        backupOf.emplace(original, backup);
    std::error_code error;
    for (auto it = records.placed.rbegin(); it != records.placed.rend(); ++it) {
        const auto found = backupOf.find(*it);
        if (found != backupOf.end() && !present(found->second))
            continue; // the original is back in place already
        fs::remove(*it, error);
    }
    for (auto it = records.backups.rbegin(); it != records.backups.rend(); ++it) {
        const auto& [backup, original] = *it;
        if (!present(backup))
            continue;
        fs::create_directories(original.parent_path(), error);
        fs::rename(backup, original, error);
        if (error)
            return std::unexpected(ioError(original, error, "restore"));
    }
    auto directories = records.createdDirectories;
    std::sort(directories.begin(), directories.end(),
              [](const fs::path& a, const fs::path& b) { return depth(a) > depth(b); });
    for (const auto& directory : directories)
        fs::remove(directory, error); // only when empty
    return {};
}

} // namespace

std::vector<InterruptedTransaction> findInterruptedTransactions(const fs::path& stagingRoot)
{
    std::vector<InterruptedTransaction> found;
    for (const auto& [entry, journals] : deadEntries(stagingRoot)) {
        for (const auto& journal : journals) {
            const auto records = readJournal(journal);
            InterruptedTransaction transaction;
            transaction.journal = journal;
            transaction.committed = records.committed;
            transaction.rolledBack = records.rolledBack;
            for (const auto& [backup, original] : records.backups)
                if (present(backup))
                    transaction.setAside.push_back(original);
            transaction.placed = records.placed;
            transaction.createdDirectories = records.createdDirectories;
            found.push_back(std::move(transaction));
        }
    }
    return found;
}

Result<std::size_t> recoverInterruptedTransactions(const fs::path& stagingRoot,
                                                   const std::function<bool(const fs::path&)>& mayRemove)
{
    std::size_t rolledBack = 0;
    std::error_code error;
    if (!fs::is_directory(stagingRoot, error))
        return rolledBack;
    for (const auto& [entry, journals] : deadEntries(stagingRoot)) {
        for (const auto& journal : journals) {
            const auto records = readJournal(journal);
            if (records.committed) {
                // Complete: remove the directories the change emptied, as it would have.
                for (const auto& [backup, original] : records.backups) {
                    for (auto directory = original.parent_path(); mayRemove(directory);
                         directory = directory.parent_path()) {
                        if (!fs::is_directory(directory, error) || !fs::is_empty(directory, error))
                            break;
                        fs::remove(directory, error);
                    }
                }
                continue;
            }
            if (records.rolledBack)
                continue;
            if (auto undone = replayRollBack(records); !undone)
                return std::unexpected(undone.error());
            ++rolledBack;
            // Mark it done before the backups go, so that an interrupted removal is not replayed.
            if (const int fd = ::open(journal.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC); fd >= 0) {
                (void)writeAll(fd, std::string_view("X\t\0", 3));
                ::close(fd);
            }
        }
        fs::remove_all(entry, error);
        if (error)
            return std::unexpected(ioError(entry, error, "remove"));
    }
    if (fs::is_directory(stagingRoot, error) && fs::is_empty(stagingRoot, error))
        fs::remove(stagingRoot, error);
    return rolledBack;
}

} // namespace pindex::install
