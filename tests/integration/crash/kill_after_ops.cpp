#ifdef _FORTIFY_SOURCE
#undef _FORTIFY_SOURCE // this file defines open() itself
#endif

// An LD_PRELOAD library for the crash tests: counts the calls that change the file system
// (open with O_CREAT, rename, link, symlink, unlink, rmdir, remove, mkdir and their *at forms) and
// kills its process with SIGKILL right before the Nth one, so a test can stop a run at any step,
// deterministically, without sleeping.
//
//   PINDEX_KILL_AFTER_OPS=N     SIGKILL before the Nth counted call (N >= 1)
//   PINDEX_COUNT_OPS_FILE=PATH  write the number of counted calls to PATH at exit
//   PINDEX_TRACE_OPS_FILE=PATH  append one line per call that matters to a power loss, in order
//                               (fields separated by tabs):
//                                 W <journal> <record>  a record written to a file named `journal`
//                                 S <path>              fsync or fdatasync
//                                 F                     syncfs
//                                 R <from> <to>         rename
//                                 U <path>              unlink, rmdir, remove
//
// The variables and LD_PRELOAD are removed from the environment at load, so child processes
// (the interpreter Pindex queries) run untouched.

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

namespace {

std::atomic<long> g_count{0};
long g_killAt = 0;
char g_countFile[4096] = {};
int g_trace = -1;

void step()
{
    const long now = ++g_count;
    if (g_killAt > 0 && now >= g_killAt)
        ::raise(SIGKILL);
}

template <typename Function>
Function real(const char* name)
{
    return reinterpret_cast<Function>(::dlsym(RTLD_NEXT, name));
}

using Write = ssize_t (*)(int, const void*, size_t);

// One line per event, written with one call (O_APPEND), so threads do not interleave lines.
void trace(std::string line)
{
    if (g_trace < 0)
        return;
    line += '\n';
    static const Write write = real<Write>("write");
    (void)!write(g_trace, line.data(), line.size());
}

std::string pathOf(int fd)
{
    char link[64];
    std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    char target[4096];
    const ssize_t length = ::readlink(link, target, sizeof target);
    return length > 0 ? std::string(target, static_cast<std::size_t>(length)) : std::string();
}

std::string pathAt(int directory, const char* path)
{
    if (path == nullptr)
        return {};
    if (directory == AT_FDCWD || path[0] == '/')
        return path;
    return pathOf(directory) + "/" + path;
}

__attribute__((constructor)) void load()
{
    if (const char* value = std::getenv("PINDEX_KILL_AFTER_OPS"))
        g_killAt = std::strtol(value, nullptr, 10);
    if (const char* value = std::getenv("PINDEX_COUNT_OPS_FILE"))
        std::snprintf(g_countFile, sizeof g_countFile, "%s", value);
    if (const char* value = std::getenv("PINDEX_TRACE_OPS_FILE")) {
        using Open = int (*)(const char*, int, ...);
        g_trace = real<Open>("open")(value, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    }
    ::unsetenv("PINDEX_KILL_AFTER_OPS");
    ::unsetenv("PINDEX_COUNT_OPS_FILE");
    ::unsetenv("PINDEX_TRACE_OPS_FILE");
    ::unsetenv("LD_PRELOAD");
}

__attribute__((destructor)) void unload()
{
    if (g_countFile[0] == '\0')
        return;
    using Open = int (*)(const char*, int, ...);
    const int fd = real<Open>("open")(g_countFile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    char text[32];
    const int length = std::snprintf(text, sizeof text, "%ld\n", g_count.load());
    if (length > 0)
        (void)!::write(fd, text, static_cast<std::size_t>(length));
    ::close(fd);
}

mode_t modeArgument(int flags, va_list arguments)
{
    return (flags & (O_CREAT | O_TMPFILE)) != 0 ? static_cast<mode_t>(va_arg(arguments, int)) : 0;
}

} // namespace

extern "C" {

int open(const char* path, int flags, ...)
{
    va_list arguments;
    va_start(arguments, flags);
    const mode_t mode = modeArgument(flags, arguments);
    va_end(arguments);
    if ((flags & O_CREAT) != 0)
        step();
    return real<int (*)(const char*, int, ...)>("open")(path, flags, mode);
}

int open64(const char* path, int flags, ...)
{
    va_list arguments;
    va_start(arguments, flags);
    const mode_t mode = modeArgument(flags, arguments);
    va_end(arguments);
    if ((flags & O_CREAT) != 0)
        step();
    return real<int (*)(const char*, int, ...)>("open64")(path, flags, mode);
}

int openat(int directory, const char* path, int flags, ...)
{
    va_list arguments;
    va_start(arguments, flags);
    const mode_t mode = modeArgument(flags, arguments);
    va_end(arguments);
    if ((flags & O_CREAT) != 0)
        step();
    return real<int (*)(int, const char*, int, ...)>("openat")(directory, path, flags, mode);
}

int openat64(int directory, const char* path, int flags, ...)
{
    va_list arguments;
    va_start(arguments, flags);
    const mode_t mode = modeArgument(flags, arguments);
    va_end(arguments);
    if ((flags & O_CREAT) != 0)
        step();
    return real<int (*)(int, const char*, int, ...)>("openat64")(directory, path, flags, mode);
}

int creat(const char* path, mode_t mode)
{
    step();
    return real<int (*)(const char*, mode_t)>("creat")(path, mode);
}

int rename(const char* from, const char* to)
{
    step();
    trace(std::string("R\t") + from + "\t" + to);
    return real<int (*)(const char*, const char*)>("rename")(from, to);
}

int renameat(int fromDirectory, const char* from, int toDirectory, const char* to)
{
    step();
    trace("R\t" + pathAt(fromDirectory, from) + "\t" + pathAt(toDirectory, to));
    return real<int (*)(int, const char*, int, const char*)>("renameat")(fromDirectory, from, toDirectory,
                                                                         to);
}

int renameat2(int fromDirectory, const char* from, int toDirectory, const char* to, unsigned int flags)
{
    step();
    trace("R\t" + pathAt(fromDirectory, from) + "\t" + pathAt(toDirectory, to));
    return real<int (*)(int, const char*, int, const char*, unsigned int)>("renameat2")(
        fromDirectory, from, toDirectory, to, flags);
}

int link(const char* from, const char* to)
{
    step();
    return real<int (*)(const char*, const char*)>("link")(from, to);
}

int linkat(int fromDirectory, const char* from, int toDirectory, const char* to, int flags)
{
    step();
    return real<int (*)(int, const char*, int, const char*, int)>("linkat")(fromDirectory, from, toDirectory,
                                                                            to, flags);
}

int symlink(const char* target, const char* path)
{
    step();
    return real<int (*)(const char*, const char*)>("symlink")(target, path);
}

int symlinkat(const char* target, int directory, const char* path)
{
    step();
    return real<int (*)(const char*, int, const char*)>("symlinkat")(target, directory, path);
}

int unlink(const char* path)
{
    step();
    trace(std::string("U\t") + path);
    return real<int (*)(const char*)>("unlink")(path);
}

int unlinkat(int directory, const char* path, int flags)
{
    step();
    trace("U\t" + pathAt(directory, path));
    return real<int (*)(int, const char*, int)>("unlinkat")(directory, path, flags);
}

int rmdir(const char* path)
{
    step();
    trace(std::string("U\t") + path);
    return real<int (*)(const char*)>("rmdir")(path);
}

int remove(const char* path)
{
    step();
    trace(std::string("U\t") + path);
    return real<int (*)(const char*)>("remove")(path);
}

int mkdir(const char* path, mode_t mode)
{
    step();
    return real<int (*)(const char*, mode_t)>("mkdir")(path, mode);
}

int mkdirat(int directory, const char* path, mode_t mode)
{
    step();
    return real<int (*)(int, const char*, mode_t)>("mkdirat")(directory, path, mode);
}

ssize_t write(int fd, const void* data, size_t size)
{
    static const Write realWrite = real<Write>("write");
    if (g_trace >= 0 && fd != g_trace) {
        const std::string path = pathOf(fd);
        if (std::string_view(path).ends_with("/journal")) {
            std::string record(static_cast<const char*>(data), size);
            while (!record.empty() && record.back() == '\0')
                record.pop_back();
            trace("W\t" + path + "\t" + record);
        }
    }
    return realWrite(fd, data, size);
}

int fsync(int fd)
{
    trace("S\t" + pathOf(fd));
    return real<int (*)(int)>("fsync")(fd);
}

int fdatasync(int fd)
{
    trace("S\t" + pathOf(fd));
    return real<int (*)(int)>("fdatasync")(fd);
}

int syncfs(int fd)
{
    trace("F");
    return real<int (*)(int)>("syncfs")(fd);
}

} // extern "C"
