#include "core/install/subprocess.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>

namespace pindex::install {

namespace {

void closeIfOpen(int& fd)
{
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

} // namespace

Result<ProgramOutput> runProgram(const std::vector<std::string>& argv)
{
    if (argv.empty())
        return std::unexpected(makeError(ErrorCode::Internal, "No program to run."));
    std::array<int, 2> outPipe{-1, -1};
    std::array<int, 2> errPipe{-1, -1};
    if (::pipe2(outPipe.data(), O_CLOEXEC) != 0 || ::pipe2(errPipe.data(), O_CLOEXEC) != 0)
        return std::unexpected(
            makeError(ErrorCode::Io, std::string("Cannot create a pipe: ") + std::strerror(errno) + "."));
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const auto& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);

    // posix_spawn, not fork: glibc starts the child with vfork semantics, sharing the address space
    // until the exec. fork would copy the page tables of the whole process (the window's too) while
    // holding its memory map lock, then make the parent take a copy-on-write fault for every page
    // it writes: the UI thread stalled for tens of milliseconds whenever a job started Python.
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    ::posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1);
    ::posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2);
    pid_t child = -1;
    const int spawned = ::posix_spawn(&child, args[0], &actions, nullptr, args.data(), environ);
    ::posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        for (int* fd : {&outPipe[0], &outPipe[1], &errPipe[0], &errPipe[1]})
            closeIfOpen(*fd);
        if (spawned == ENOENT || spawned == EACCES || spawned == ENOEXEC)
            return std::unexpected(makeError(ErrorCode::Io, "Cannot run " + argv[0] + "."));
        return std::unexpected(makeError(ErrorCode::Io, std::string("Cannot start ") + argv[0] + ": " +
                                                            std::strerror(spawned) + "."));
    }
    closeIfOpen(outPipe[1]);
    closeIfOpen(errPipe[1]);

    ProgramOutput output;
    std::array<char, 65536> buffer{};
    std::array<pollfd, 2> fds{pollfd{outPipe[0], POLLIN, 0}, pollfd{errPipe[0], POLLIN, 0}};
    int open = 2;
    while (open > 0) {
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0)
                continue;
            const ssize_t count = ::read(fds[i].fd, buffer.data(), buffer.size());
            if (count > 0) {
                (i == 0 ? output.out : output.err).append(buffer.data(), static_cast<std::size_t>(count));
            } else if (count == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            }
        }
    }
    for (auto& entry : fds)
        closeIfOpen(entry.fd);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status))
        output.exitCode = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        output.exitCode = 128 + WTERMSIG(status);
    if (output.exitCode == 127 && output.out.empty())
        return std::unexpected(makeError(ErrorCode::Io, "Cannot run " + argv[0] + "."));
    return output;
}

} // namespace pindex::install
