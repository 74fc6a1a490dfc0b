#include "core/install/file_transaction.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <iterator>
#include <linux/fs.h>
#include <string>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace pindex::install {

namespace fs = std::filesystem;

namespace {

Error ioError(const fs::path& path, const std::error_code& error, std::string_view what)
{
    return makeError(ErrorCode::Io,
                     "Cannot " + std::string(what) + " " + path.string() + ": " + error.message() + ".");
}

} // namespace

FileTransaction::FileTransaction(fs::path backupDirectory)
    : m_backupDirectory(std::move(backupDirectory))
{}

Status FileTransaction::setAside(const fs::path& path)
{
    std::error_code error;
    if (!fs::exists(fs::symlink_status(path, error)))
        return {};
    const auto backup = m_backupDirectory / std::to_string(m_backups.size());
    fs::create_directories(m_backupDirectory, error);
    fs::rename(path, backup, error);
    if (error)
        return std::unexpected(ioError(path, error, "move aside"));
    m_backups.emplace_back(backup, path);
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
         parent = parent.parent_path())
        m_createdDirectories.push_back(parent);
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

Status FileTransaction::link(const fs::path& source, const fs::path& to)
{
    if (auto parents = createParents(to); !parents)
        return parents;
    if (auto aside = setAside(to); !aside)
        return aside;
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
        m_placed.push_back(to);
        return {};
    }
    if (auto parents = createParents(to); !parents)
        return parents;
    if (auto aside = setAside(to); !aside)
        return aside;
    fs::rename(from, to, error);
    if (error)
        return std::unexpected(ioError(to, error, "install"));
    m_placed.push_back(to);
    return {};
}

void FileTransaction::adopt(const fs::path& created)
{
    m_placed.push_back(created);
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
}

} // namespace pindex::install
