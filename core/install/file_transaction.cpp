#include "core/install/file_transaction.h"

#include <string>
#include <system_error>

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

Status FileTransaction::place(const fs::path& from, const fs::path& to)
{
    std::error_code error;
    if (from == to) {
        m_placed.push_back(to);
        return {};
    }
    for (auto parent = to.parent_path(); !parent.empty() && !fs::exists(parent, error);
         parent = parent.parent_path())
        m_createdDirectories.push_back(parent);
    fs::create_directories(to.parent_path(), error);
    if (error)
        return std::unexpected(ioError(to.parent_path(), error, "create"));
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
    for (const auto& directory : m_createdDirectories)
        fs::remove(directory, error); // removes only empty directories
    m_placed.clear();
    m_backups.clear();
    m_createdDirectories.clear();
}

} // namespace pindex::install
