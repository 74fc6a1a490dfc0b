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
//
// Both variables and LD_PRELOAD are removed from the environment at load, so child processes
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
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

namespace {

std::atomic<long> g_count{0};
long g_killAt = 0;
char g_countFile[4096] = {};

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

__attribute__((constructor)) void load()
{
    if (const char* value = std::getenv("PINDEX_KILL_AFTER_OPS"))
        g_killAt = std::strtol(value, nullptr, 10);
    if (const char* value = std::getenv("PINDEX_COUNT_OPS_FILE"))
        std::snprintf(g_countFile, sizeof g_countFile, "%s", value);
    ::unsetenv("PINDEX_KILL_AFTER_OPS");
    ::unsetenv("PINDEX_COUNT_OPS_FILE");
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
    return real<int (*)(const char*, const char*)>("rename")(from, to);
}

int renameat(int fromDirectory, const char* from, int toDirectory, const char* to)
{
    step();
    return real<int (*)(int, const char*, int, const char*)>("renameat")(fromDirectory, from, toDirectory,
                                                                         to);
}

int renameat2(int fromDirectory, const char* from, int toDirectory, const char* to, unsigned int flags)
{
    step();
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
    return real<int (*)(const char*)>("unlink")(path);
}

int unlinkat(int directory, const char* path, int flags)
{
    step();
    return real<int (*)(int, const char*, int)>("unlinkat")(directory, path, flags);
}

int rmdir(const char* path)
{
    step();
    return real<int (*)(const char*)>("rmdir")(path);
}

int remove(const char* path)
{
    step();
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

} // extern "C"
