#include "core/util/file_io.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace pindex {
namespace {

Error ioError(const std::filesystem::path& path, const std::string& what, int errnoValue)
{
    return makeFileError(ErrorCode::Io, what + ": " + std::strerror(errnoValue), path.string());
}

class FileDescriptor
{
public:
    explicit FileDescriptor(int fd)
        : m_fd(fd)
    {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    [[nodiscard]] int get() const { return m_fd; }
    int release()
    {
        const int fd = m_fd;
        m_fd = -1;
        return fd;
    }

private:
    int m_fd;
};

Result<std::optional<std::string>> readIfExists(const std::filesystem::path& path)
{
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT)
            return std::optional<std::string>{};
        return std::unexpected(ioError(path, "cannot open", errno));
    }
    struct stat info
    {};
    if (::fstat(fd.get(), &info) != 0)
        return std::unexpected(ioError(path, "cannot stat", errno));
    if (S_ISDIR(info.st_mode))
        return std::unexpected(makeFileError(ErrorCode::Io, "is a directory, not a file", path.string()));
    // Straight into the string, as few read() calls as the kernel allows (each one a trip into the
    // kernel, costly on virtual machines); then whatever follows (a file that grew meanwhile, or
    // one without a size: a pipe, /proc) 64 KiB at a time.
    // Neither the string nor the buffer is zero-filled first: the cache reads hundreds of files.
    const std::size_t size = info.st_size > 0 ? static_cast<std::size_t>(info.st_size) : 0;
    std::string content;
    int readError = 0;
    content.resize_and_overwrite(size, [&fd, &readError](char* data, std::size_t capacity) {
        std::size_t filled = 0;
        while (filled < capacity) {
            const ssize_t count = ::read(fd.get(), data + filled, capacity - filled);
            if (count < 0) {
                if (errno == EINTR)
                    continue;
                readError = errno;
                break;
            }
            if (count == 0)
                break;
            filled += static_cast<std::size_t>(count);
        }
        return filled;
    });
    if (readError != 0)
        return std::unexpected(ioError(path, "cannot read", readError));
    const bool shorter = content.size() < size;
    std::array<char, 65536> buffer; // read() fills what is used
    while (!shorter) {
        const ssize_t count = ::read(fd.get(), buffer.data(), buffer.size());
        if (count < 0) {
            if (errno == EINTR)
                continue;
            return std::unexpected(ioError(path, "cannot read", errno));
        }
        if (count == 0)
            break;
        content.append(buffer.data(), static_cast<std::size_t>(count));
    }
    return std::optional<std::string>(std::move(content));
}

std::string temporarySuffix()
{
    // Seeded once per thread from the system's entropy: a std::random_device per name cost a
    // device read (or a hardware instruction a virtual machine may trap) for each digit, and
    // O_EXCL already guards against the unlikely collision.
    thread_local std::mt19937_64 engine{std::random_device{}()};
    std::uniform_int_distribution<unsigned> digit(0, 35);
    std::string suffix = ".pindex-tmp-";
    for (int i = 0; i < 10; ++i) {
        const unsigned d = digit(engine);
        suffix += static_cast<char>(d < 10 ? '0' + d : 'a' + (d - 10));
    }
    return suffix;
}

} // namespace

Result<std::string> readFile(const std::filesystem::path& path)
{
    auto content = readIfExists(path);
    if (!content)
        return std::unexpected(content.error());
    if (!*content)
        return std::unexpected(makeFileError(ErrorCode::NotFound, "no such file", path.string()));
    return std::move(**content);
}

Result<FileSnapshot> readSnapshot(const std::filesystem::path& path)
{
    auto content = readFile(path);
    if (!content)
        return std::unexpected(content.error());
    return FileSnapshot{path, std::move(*content)};
}

Status writeFileAtomic(const std::filesystem::path& path, const std::string& content,
                       const WriteOptions& options)
{
    const std::filesystem::path directory =
        path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");

    mode_t mode = static_cast<mode_t>(options.newFileMode);
    struct stat existing
    {};
    if (::stat(path.c_str(), &existing) == 0)
        mode = existing.st_mode & 07777;

    if (options.expectedContent) {
        auto current = readIfExists(path);
        if (!current)
            return std::unexpected(current.error());
        if (*current != *options.expectedContent) {
            Error error = makeFileError(ErrorCode::Conflict,
                                        "the file changed on disk since it was read; not overwriting it",
                                        path.string());
            error.hint = "reload the file and apply the change again";
            return std::unexpected(error);
        }
    }

    const std::filesystem::path temporary = path.string() + temporarySuffix();
    FileDescriptor fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
    if (fd.get() < 0)
        return std::unexpected(ioError(temporary, "cannot create temporary file", errno));

    auto fail = [&](const std::string& what) {
        const int saved = errno;
        ::close(fd.release());
        ::unlink(temporary.c_str());
        return std::unexpected(ioError(path, what, saved));
    };

    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t count = ::write(fd.get(), content.data() + written, content.size() - written);
        if (count < 0) {
            if (errno == EINTR)
                continue;
            return fail("cannot write");
        }
        written += static_cast<std::size_t>(count);
    }
    if (::fchmod(fd.get(), mode) != 0)
        return fail("cannot set file mode");
    if (options.durable && ::fsync(fd.get()) != 0)
        return fail("cannot flush to disk");
    if (::close(fd.release()) != 0) {
        const int saved = errno;
        ::unlink(temporary.c_str());
        return std::unexpected(ioError(path, "cannot close", saved));
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int saved = errno;
        ::unlink(temporary.c_str());
        return std::unexpected(ioError(path, "cannot replace", saved));
    }
    if (options.durable) {
        FileDescriptor directoryFd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (directoryFd.get() >= 0)
            ::fsync(directoryFd.get());
    }
    return {};
}

Status replaceSnapshot(const FileSnapshot& snapshot, const std::string& content)
{
    WriteOptions options;
    options.expectedContent = std::optional<std::string>(snapshot.content);
    return writeFileAtomic(snapshot.path, content, options);
}

} // namespace pindex
