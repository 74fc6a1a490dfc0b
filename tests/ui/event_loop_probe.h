#pragma once

// Measures how long the UI thread's event loop stalls, separating what the application caused from
// what the machine did.
//
// A precise 5 ms timer ticks on the thread that creates the probe. Each gap between two ticks longer
// than the interval is a delay of the event loop. Under load the thread may be runnable but not
// scheduled for part of that delay (two cores, many test processes): that time is not the
// application's doing. At every tick the probe reads the thread's scheduler statistics
// (/proc/thread-self/schedstat, second field: nanoseconds spent waiting on a run queue) and takes
// the run-queue wait of the gap off its delay. What remains is the time the thread was running or
// blocked inside the application: the stall the application caused.
//
// Where schedstat cannot be read (not Linux, or a kernel without scheduler statistics) the probe
// says so (`hasSchedulerStatistics()`) and the stall equals the wall-clock delay.
//
// To say what the worst stall was, the probe also splits it (schedstat's first field: nanoseconds
// on a CPU) into time the thread ran and time it was blocked (asleep in the kernel: a lock, a
// page fault waiting for another thread's mmap_lock, I/O), and counts the page faults the thread
// took in that gap (/proc/thread-self/stat, fields 10 and 12).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <QElapsedTimer>
#include <QTimer>

namespace pindex::test {

// Nanoseconds the calling thread has waited on a run queue since it started, or nothing when the
// kernel does not say.
[[nodiscard]] std::optional<std::int64_t> threadRunQueueWaitNanoseconds();

// The calling thread's scheduler statistics and page faults since it started.
struct ThreadCounters
{
    std::int64_t onCpuNanoseconds = 0;
    std::int64_t runQueueNanoseconds = 0;
    std::int64_t pageFaults = 0; // minor and major
};
// Nothing when the kernel gives no scheduler statistics; page faults 0 when it gives no stat file.
[[nodiscard]] std::optional<ThreadCounters> readThreadCounters();

class EventLoopProbe
{
public:
    static constexpr std::chrono::milliseconds kInterval{5};
    // The responsiveness target: no stall the application causes reaches this.
    static constexpr double kStallTargetMilliseconds = 50.0;

    // Starts ticking on the calling thread's event loop.
    EventLoopProbe();
    EventLoopProbe(const EventLoopProbe&) = delete;
    EventLoopProbe& operator=(const EventLoopProbe&) = delete;
    ~EventLoopProbe() = default;

    // Forgets what was measured so far (the next gap starts at the last tick).
    void reset();

    [[nodiscard]] bool hasSchedulerStatistics() const { return m_hasSchedstat; }
    // What a test asserts the worst stall stays under: the 50 ms target, or without scheduler
    // statistics the raw wall-clock delay under a looser 100 ms (it then includes run-queue wait).
    [[nodiscard]] double stallLimitMilliseconds() const
    {
        return m_hasSchedstat ? kStallTargetMilliseconds : 100.0;
    }
    // The timer that ticks (a test may wait on its timeout signal).
    [[nodiscard]] const QTimer* timer() const { return &m_timer; }
    // Ticks since construction or the last reset().
    [[nodiscard]] std::int64_t ticks() const { return m_ticks; }
    // The worst delay the application caused (wall-clock delay minus run-queue wait), in ms.
    [[nodiscard]] double worstStallMilliseconds() const { return m_worstStall; }
    // The worst wall-clock delay of a tick, in ms, and the run-queue wait inside that gap.
    [[nodiscard]] double worstWallMilliseconds() const { return m_worstWall; }
    [[nodiscard]] double worstWallRunQueueMilliseconds() const { return m_worstWallRunQueue; }
    // Run-queue wait over all gaps, as a share of the time measured (0..1).
    [[nodiscard]] double runQueueShare() const;
    // When the worst stall ended, in ms since the probe started (to place it among a test's steps).
    [[nodiscard]] double worstStallEndMilliseconds() const { return m_worstStallEnd; }
    // In the gap of the worst stall: time the thread ran, time it was blocked beyond the idle
    // interval, and the page faults it took.
    [[nodiscard]] double worstStallOnCpuMilliseconds() const { return m_worstStallOnCpu; }
    [[nodiscard]] double worstStallBlockedMilliseconds() const { return m_worstStallBlocked; }
    [[nodiscard]] std::int64_t worstStallPageFaults() const { return m_worstStallFaults; }
    // Milliseconds since the probe started, on the probe's clock.
    [[nodiscard]] double elapsedMilliseconds() const;
    // One line for a test's output: the stall, the raw wall-clock figure and the run-queue share.
    [[nodiscard]] std::string summary() const;

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    bool m_hasSchedstat = false;
    std::int64_t m_lastNanoseconds = 0;
    std::int64_t m_lastRunQueue = 0;
    std::int64_t m_lastOnCpu = 0;
    std::int64_t m_lastFaults = 0;
    std::int64_t m_measuredNanoseconds = 0;
    std::int64_t m_runQueueNanoseconds = 0;
    std::int64_t m_ticks = 0;
    double m_worstStall = 0;
    double m_worstStallEnd = 0;
    double m_worstStallOnCpu = 0;
    double m_worstStallBlocked = 0;
    std::int64_t m_worstStallFaults = 0;
    double m_worstWall = 0;
    double m_worstWallRunQueue = 0;
};

} // namespace pindex::test
