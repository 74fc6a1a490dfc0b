// util::leaveForExit / finishProcess, each case in a child process of its own: the end of the
// process is what is tested.

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "core/util/process_exit.h"

using namespace pindex;

namespace {

struct ChildEnd
{
    int exitCode = -1;
    std::string output; // what the child wrote to its standard output
};

// Runs `body` in a child whose standard output is a pipe; the child ends as main would, by
// returning finishProcess(body()).
template <typename Body>
ChildEnd runChild(Body body)
{
    int pipe[2];
    REQUIRE(::pipe(pipe) == 0);
    std::cout.flush(); // the child starts with empty buffers
    std::fflush(nullptr);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(pipe[0]);
        ::dup2(pipe[1], STDOUT_FILENO);
        ::close(pipe[1]);
        const int code = util::finishProcess(body());
        std::fflush(nullptr);
        ::_exit(100 + code); // finishProcess returned: nothing left, or under a sanitizer
    }
    ::close(pipe[1]);
    ChildEnd end;
    char buffer[256];
    for (ssize_t n; (n = ::read(pipe[0], buffer, sizeof buffer)) > 0;)
        end.output.append(buffer, static_cast<std::size_t>(n));
    ::close(pipe[0]);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    end.exitCode = WEXITSTATUS(status);
    return end;
}

// Writes to standard output (unflushed, through the C++ stream) when destroyed.
struct Noisy
{
    ~Noisy() { std::cout << "destroyed\n"; }
};

} // namespace

TEST_CASE("With nothing left for exit, finishProcess returns the code", "[util][exit]")
{
    const auto end = runChild([] {
        std::cout << "done\n";
        return 3;
    });
    CHECK(end.exitCode == 103);
    CHECK(end.output == "done\n");
}

TEST_CASE("What is left for exit is not destroyed, and the process ends with the code and its buffered "
          "output",
          "[util][exit]")
{
    const auto end = runChild([] {
        util::leaveForExit(std::make_shared<Noisy>());
        util::leaveForExit(nullptr); // ignored
        std::cout << "locked\n";     // still in the stream's buffer
        return 4;
    });
    if (util::finishSkipsTeardown()) {
        CHECK(end.exitCode == 4);
        CHECK(end.output == "locked\n");
    } else {
        // Under a sanitizer the objects are destroyed and main returns as usual.
        CHECK(end.exitCode == 104);
        CHECK(end.output == "locked\ndestroyed\n");
    }
}

TEST_CASE("A process that ends with objects left ends before its memory is reclaimed: a helper "
          "sharing it ends right after, keeping only its sockets",
          "[util][exit]")
{
    // The helper outlives the process, and is then reparented: to this test while it is a
    // subreaper, so that it can be waited for.
    REQUIRE(::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
    int sockets[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, sockets) == 0);
    int extra[2]; // a pipe the process holds besides its standard streams
    REQUIRE(::pipe(extra) == 0);
    const auto end = runChild([&] {
        ::close(sockets[0]);
        ::close(extra[0]);
        util::leaveForExit(std::make_shared<Noisy>());
        std::cout << "locked\n";
        return 5;
    });
    ::close(sockets[1]);
    ::close(extra[1]);
    CHECK(end.exitCode == (util::finishSkipsTeardown() ? 5 : 105));
    CHECK(end.output == (util::finishSkipsTeardown() ? "locked\n" : "locked\ndestroyed\n"));

    // Whatever the helper holds, it lets go of as it ends: it ends by itself, once the process has.
    int status = -1;
    const pid_t helper = ::waitpid(-1, &status, 0);
    if (util::finishSkipsTeardown()) {
        REQUIRE(helper > 0);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    } else {
        CHECK(helper == -1); // under a sanitizer the process ends as main returns, without a helper
    }
    char byte = 0;
    CHECK(::read(sockets[0], &byte, 1) == 0); // the socket's other end is closed
    CHECK(::read(extra[0], &byte, 1) == 0);
    ::close(sockets[0]);
    ::close(extra[0]);
    REQUIRE(::prctl(PR_SET_CHILD_SUBREAPER, 0) == 0);
}
