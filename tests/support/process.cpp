#include "tests/support/process.h"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace pindex::test {
namespace {

struct Pipe
{
    std::array<int, 2> fds{-1, -1};
    Pipe()
    {
        if (::pipe2(fds.data(), O_CLOEXEC) != 0)
            throw std::runtime_error("pipe2 failed");
    }
    ~Pipe()
    {
        for (int fd : fds) {
            if (fd >= 0)
                ::close(fd);
        }
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
    void closeEnd(int which)
    {
        const auto index = static_cast<std::size_t>(which);
        if (fds[index] >= 0)
            ::close(fds[index]);
        fds[index] = -1;
    }
};

} // namespace

ProcessResult runProcess(const std::vector<std::string>& argv, const ProcessOptions& options)
{
    std::vector<std::string> environment;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        const std::string text(*entry);
        const auto name = text.substr(0, text.find('='));
        if (!options.environment.contains(name))
            environment.push_back(text);
    }
    for (const auto& [name, value] : options.environment)
        environment.push_back(name + "=" + value);

    std::vector<char*> args;
    for (const auto& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    std::vector<char*> env;
    for (const auto& entry : environment)
        env.push_back(const_cast<char*>(entry.c_str()));
    env.push_back(nullptr);

    Pipe input;
    Pipe output;
    Pipe error;
    ::signal(SIGPIPE, SIG_IGN);
    const pid_t pid = ::fork();
    if (pid < 0)
        throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::dup2(input.fds[0], STDIN_FILENO);
        ::dup2(output.fds[1], STDOUT_FILENO);
        ::dup2(error.fds[1], STDERR_FILENO);
        if (options.workingDirectory && ::chdir(options.workingDirectory->c_str()) != 0)
            std::_Exit(126);
        ::execve(args[0], args.data(), env.data());
        std::_Exit(127);
    }
    input.closeEnd(0);
    output.closeEnd(1);
    error.closeEnd(1);

    ProcessResult result;
    std::size_t written = 0;
    if (options.input.empty())
        input.closeEnd(1);
    std::array<char, 65536> buffer{};
    while (output.fds[0] >= 0 || error.fds[0] >= 0) {
        std::array<pollfd, 3> waits{};
        nfds_t count = 0;
        if (output.fds[0] >= 0)
            waits[count++] = {output.fds[0], POLLIN, 0};
        if (error.fds[0] >= 0)
            waits[count++] = {error.fds[0], POLLIN, 0};
        if (input.fds[1] >= 0)
            waits[count++] = {input.fds[1], POLLOUT, 0};
        if (::poll(waits.data(), count, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (nfds_t i = 0; i < count; ++i) {
            if (waits[i].revents == 0)
                continue;
            if (waits[i].fd == input.fds[1]) {
                const ssize_t n =
                    ::write(input.fds[1], options.input.data() + written, options.input.size() - written);
                if (n > 0)
                    written += static_cast<std::size_t>(n);
                if (n < 0 || written == options.input.size())
                    input.closeEnd(1);
                continue;
            }
            const bool isOut = waits[i].fd == output.fds[0];
            const ssize_t n = ::read(waits[i].fd, buffer.data(), buffer.size());
            if (n > 0)
                (isOut ? result.out : result.err).append(buffer.data(), static_cast<std::size_t>(n));
            else
                (isOut ? output : error).closeEnd(0);
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

std::string replaceAll(std::string text, const std::string& from, const std::string& to)
{
    if (from.empty())
        return text;
    for (auto position = text.find(from); position != std::string::npos;
         position = text.find(from, position + to.size()))
        text.replace(position, from.size(), to);
    return text;
}

} // namespace pindex::test
