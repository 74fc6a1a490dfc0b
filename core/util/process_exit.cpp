#include "core/util/process_exit.h"

#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <mutex>
#include <new>
#include <poll.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace pindex::util {

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

struct LeftObjects
{
    std::mutex mutex;
    std::vector<std::shared_ptr<void>> objects;
};

// Never destroyed: what it holds must outlive every static destructor.
LeftObjects& leftObjects()
{
    static auto* left = new LeftObjects;
    return *left;
}

// The memory of the teardown helper (see endProcess): its stack, and below it the one value it
// reads. Mapped for the helper and never unmapped: it goes with the address space.
struct HelperArea
{
    int processFd = -1; // a pidfd of the ending process: readable once every thread of it has ended
    alignas(64) char stack[16 * 1024];
};

// A getdents64 record's fixed part; the name follows.
struct DirectoryEntry
{
    std::uint64_t inode;
    std::int64_t offset;
    unsigned short length;
    unsigned char type;
};

// Closes the helper's copy of every descriptor but sockets and `keep`. A pipe or file it held
// would see its end (EOF for a reader of the process's output) only with the helper; the sockets'
// closing (TCP's end of each connection) is work the helper takes over.
void closeAllButSockets(int keep)
{
    const int directory = ::open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory < 0) {
        // No /proc: everything but `keep` (the process then closes the sockets as it ends).
        if (keep > 0)
            ::close_range(0, static_cast<unsigned>(keep - 1), 0);
        ::close_range(static_cast<unsigned>(keep + 1), ~0U, 0);
        return;
    }
    alignas(8) char buffer[2048];
    for (long size; (size = ::syscall(SYS_getdents64, directory, buffer, sizeof buffer)) > 0;) {
        for (long at = 0; at < size;) {
            DirectoryEntry entry{};
            std::memcpy(&entry, buffer + at, sizeof entry);
            const char* name = buffer + at + offsetof(DirectoryEntry, type) + 1;
            at += entry.length;
            int fd = 0;
            for (; *name >= '0' && *name <= '9'; ++name)
                fd = fd * 10 + (*name - '0');
            struct stat status
            {};
            if (*name == '\0' && fd != directory && fd != keep && ::fstat(fd, &status) == 0 &&
                !S_ISSOCK(status.st_mode))
                ::close(fd);
        }
    }
    ::close(directory);
}

// The helper: a process of its own that shares the ending process's memory. It makes system calls
// only (no allocation, no lock, no library state: its thread pointer is its creator's, and errno,
// all a failed call writes, is read by nobody any more), waits at the lowest priority until the
// process has ended and then ends, which releases the address space and the sockets.
int helperMain(void* argument)
{
    const auto* area = static_cast<const HelperArea*>(argument);
    sigset_t all;
    sigfillset(&all);
    ::sigprocmask(SIG_SETMASK, &all, nullptr);
    closeAllButSockets(area->processFd);
    ::setpriority(PRIO_PROCESS, 0, 19);
    // Every signal is blocked, so the wait ends with the process; should it fail all the same, the
    // helper ends at once (and the process tears down what it still shares).
    pollfd ended{.fd = area->processFd, .events = POLLIN, .revents = 0};
    for (int attempt = 0; attempt < 3 && ::ppoll(&ended, 1, nullptr, nullptr) != 1; ++attempt) {
    }
    ::_exit(0);
}

// Ends the process with `code` without waiting for its address space to be torn down. The kernel
// unmaps tens of MB page by page and closes every connection as a process ends, milliseconds that
// whoever waits for the process (a shell, a script, a CI job) would wait too. A helper process that
// shares the address space (clone with CLONE_VM, not a thread) keeps it alive past the process's
// end: the process ends at once, and the helper, ending right after, does the teardown. Standard
// input, output and error are closed first, so that their readers see the end with the process.
// Best effort: where pidfds (Linux 5.3) or clone are missing, the process ends as before.
[[noreturn]] void endProcess(int code)
{
    ::close(STDIN_FILENO);
    ::close(STDOUT_FILENO);
    ::close(STDERR_FILENO);
    const int processFd = static_cast<int>(::syscall(SYS_pidfd_open, ::getpid(), 0U));
    void* memory = processFd < 0 ? MAP_FAILED
                                 : ::mmap(nullptr, sizeof(HelperArea), PROT_READ | PROT_WRITE,
                                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory != MAP_FAILED) {
        auto* area = new (memory) HelperArea;
        area->processFd = processFd;
        ::clone(helperMain, area->stack + sizeof area->stack, CLONE_VM, area);
    }
    std::_Exit(code);
}

} // namespace

void leaveForExit(std::shared_ptr<void> object)
{
    if (!object)
        return;
    auto& left = leftObjects();
    std::lock_guard lock(left.mutex);
    left.objects.push_back(std::move(object));
}

bool finishSkipsTeardown()
{
    return !kSanitized;
}

int finishProcess(int code)
{
    auto& left = leftObjects();
    std::unique_lock lock(left.mutex);
    if (left.objects.empty())
        return code;
    if (kSanitized) {
        auto objects = std::move(left.objects);
        lock.unlock();
        // Last left, first destroyed: an object may use those left before it.
        while (!objects.empty())
            objects.pop_back();
        return code;
    }
    std::cout.flush();
    std::cerr.flush();
    std::clog.flush();
    std::fflush(nullptr);
    endProcess(code);
}

} // namespace pindex::util
