#include <cerrno>
#include <thread>

#include <catch2/catch.hpp>

#include "core/util/thread_priority.h"

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

using namespace pindex;

#if defined(__linux__)

namespace {

int niceOf(pid_t thread)
{
    errno = 0;
    const int value = ::getpriority(PRIO_PROCESS, static_cast<id_t>(thread));
    REQUIRE(errno == 0);
    return value;
}

} // namespace

TEST_CASE("moveThisThreadToBackground lowers the calling thread alone to the lowest priority", "[util]")
{
    const pid_t main = ::gettid();
    const int mainBefore = niceOf(main);
    REQUIRE(mainBefore < 19); // a test run at nice 19 could not tell the change

    bool moved = false;
    int inside = 0;
    std::thread worker([&] {
        moved = util::moveThisThreadToBackground();
        inside = niceOf(::gettid());
    });
    worker.join();

    CHECK(moved);
    CHECK(inside == 19);
    // The thread that started the worker keeps its priority.
    CHECK(niceOf(main) == mainBefore);
}

#endif
