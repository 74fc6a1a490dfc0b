// The event-loop probe of the responsiveness tests: an idle loop shows no stall, a deliberate busy
// block on the UI thread does (as time on a CPU), a deliberate wait in the kernel does (as time
// blocked), and the run-queue wait it subtracts comes from the kernel.

#include <array>
#include <ctime>
#include <iostream>

#if defined(__linux__)
#include <poll.h>
#include <unistd.h>
#endif

#include <catch2/catch.hpp>

#include <QSignalSpy>
#include <QTimer>

#include "tests/ui/event_loop_probe.h"

using namespace pindex;

namespace {

// Lets the event loop run (idle: blocked in poll, no sleeping) until the probe ticked `count` more
// times.
void runTicks(test::EventLoopProbe& probe, std::int64_t count)
{
    QSignalSpy ticked(probe.timer(), &QTimer::timeout);
    const std::int64_t target = probe.ticks() + count;
    while (probe.ticks() < target)
        REQUIRE(ticked.wait(5000));
}

double threadCpuMilliseconds()
{
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

} // namespace

TEST_CASE("the thread's run-queue wait is read from the kernel and only grows", "[ui][probe]")
{
#if defined(__linux__)
    const auto first = test::threadRunQueueWaitNanoseconds();
    if (!first) {
        WARN("no /proc/thread-self/schedstat on this kernel: the probe falls back to wall-clock delays");
        return;
    }
    CHECK(*first >= 0);
    const auto second = test::threadRunQueueWaitNanoseconds();
    REQUIRE(second);
    CHECK(*second >= *first);
#else
    CHECK_FALSE(test::threadRunQueueWaitNanoseconds());
#endif
}

TEST_CASE("an idle event loop is not reported as a stall", "[ui][probe]")
{
    test::EventLoopProbe probe;
    runTicks(probe, 40);
    std::cout << "idle: " << probe.summary() << '\n';
    INFO(probe.summary());
    CHECK(probe.ticks() >= 40);
    CHECK(probe.worstStallMilliseconds() < probe.stallLimitMilliseconds());
    CHECK(probe.worstStallMilliseconds() <= probe.worstWallMilliseconds());
    CHECK(probe.runQueueShare() >= 0.0);
    CHECK(probe.runQueueShare() <= 1.0);
}

TEST_CASE("80 ms of busy work on the UI thread is reported as a stall of that length", "[ui][probe]")
{
    test::EventLoopProbe probe;
    runTicks(probe, 3);
    probe.reset();
    // Busy for 80 ms of this thread's CPU time: however often the scheduler preempts it, the
    // application held the thread for at least that long.
    QTimer::singleShot(0, probe.timer(), [] {
        const double start = threadCpuMilliseconds();
        while (threadCpuMilliseconds() - start < 80.0) {
        }
    });
    runTicks(probe, 5);
    std::cout << "busy 80 ms: " << probe.summary() << '\n';
    INFO(probe.summary());
    CHECK(probe.worstStallMilliseconds() >= test::EventLoopProbe::kStallTargetMilliseconds);
    // The gap holds the 80 ms less at most one timer interval that had already passed.
    CHECK(probe.worstStallMilliseconds() >=
          80.0 - 2.0 * static_cast<double>(test::EventLoopProbe::kInterval.count()));
    CHECK(probe.worstWallMilliseconds() >= probe.worstStallMilliseconds());
    if (probe.hasSchedulerStatistics()) {
        CHECK(probe.worstStallOnCpuMilliseconds() >= 80.0 - 1.0);
        CHECK(probe.worstStallBlockedMilliseconds() < probe.worstStallOnCpuMilliseconds());
    }
}

#if defined(__linux__)
TEST_CASE("80 ms blocked in the kernel on the UI thread is reported as a blocked stall", "[ui][probe]")
{
    test::EventLoopProbe probe;
    if (!probe.hasSchedulerStatistics()) {
        WARN("no scheduler statistics: the probe cannot split a stall into running and blocked");
        return;
    }
    runTicks(probe, 3);
    probe.reset();
    // The thread asleep in poll() on a pipe nobody writes to, for 80 ms: what a lock held by a
    // preempted worker or a wait for another thread looks like to the event loop.
    QTimer::singleShot(0, probe.timer(), [] {
        std::array<int, 2> fds{};
        REQUIRE(::pipe(fds.data()) == 0);
        pollfd never{.fd = fds[0], .events = POLLIN, .revents = 0};
        CHECK(::poll(&never, 1, 80) == 0);
        ::close(fds[0]);
        ::close(fds[1]);
    });
    runTicks(probe, 5);
    std::cout << "blocked 80 ms: " << probe.summary() << '\n';
    INFO(probe.summary());
    CHECK(probe.worstStallMilliseconds() >=
          80.0 - 2.0 * static_cast<double>(test::EventLoopProbe::kInterval.count()));
    CHECK(probe.worstStallBlockedMilliseconds() >=
          80.0 - 2.0 * static_cast<double>(test::EventLoopProbe::kInterval.count()));
    CHECK(probe.worstStallOnCpuMilliseconds() < probe.worstStallBlockedMilliseconds());
}
#endif
