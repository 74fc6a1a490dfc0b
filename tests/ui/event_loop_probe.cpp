#include "tests/ui/event_loop_probe.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <string_view>

#if defined(__linux__)
#include <fcntl.h>
#include <unistd.h>
#endif

namespace pindex::test {
namespace {

#if defined(__linux__)
// Reads a small procfs file whole; empty on any failure.
std::string readProcFile(const char* path)
{
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    std::array<char, 1024> buffer{};
    const ssize_t size = ::read(fd, buffer.data(), buffer.size());
    ::close(fd);
    return size > 0 ? std::string(buffer.data(), static_cast<std::size_t>(size)) : std::string();
}
#endif

// The `index`th (from 0) space-separated number of `text`.
std::optional<std::int64_t> numberField(std::string_view text, int index)
{
    for (int skipped = 0; skipped < index; ++skipped) {
        const auto end = text.find(' ');
        if (end == std::string_view::npos)
            return std::nullopt;
        text.remove_prefix(end + 1);
    }
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end == text.data())
        return std::nullopt;
    return value;
}

#if defined(__linux__)
// A file of this thread's /proc directory.
std::string readThreadFile(const char* name)
{
    std::string text = readProcFile((std::string("/proc/thread-self/") + name).c_str());
    if (text.empty()) { // kernels before 3.17 have no thread-self
        const std::string path = "/proc/self/task/" + std::to_string(::gettid()) + "/" + std::string(name);
        text = readProcFile(path.c_str());
    }
    return text;
}
#endif

double milliseconds(std::int64_t nanoseconds)
{
    return static_cast<double>(nanoseconds) / 1e6;
}

} // namespace

std::optional<std::int64_t> threadRunQueueWaitNanoseconds()
{
#if defined(__linux__)
    // "<on cpu ns> <run-queue wait ns> <time slices>"
    return numberField(readThreadFile("schedstat"), 1);
#else
    return std::nullopt;
#endif
}

std::optional<ThreadCounters> readThreadCounters()
{
#if defined(__linux__)
    const std::string schedstat = readThreadFile("schedstat");
    const auto onCpu = numberField(schedstat, 0);
    const auto runQueue = numberField(schedstat, 1);
    if (!onCpu || !runQueue)
        return std::nullopt;
    ThreadCounters counters{.onCpuNanoseconds = *onCpu, .runQueueNanoseconds = *runQueue};
    // stat: "pid (comm) state ..." where comm may hold spaces; after it, field 3 (state) comes
    // first, so minflt (field 10) is the 7th number after the state and majflt (12) the 9th.
    const std::string stat = readThreadFile("stat");
    if (const auto close = stat.rfind(')'); close != std::string::npos && close + 2 < stat.size()) {
        const std::string_view fields = std::string_view(stat).substr(close + 2);
        counters.pageFaults = numberField(fields, 7).value_or(0) + numberField(fields, 9).value_or(0);
    }
    return counters;
#else
    return std::nullopt;
#endif
}

EventLoopProbe::EventLoopProbe()
{
    m_hasSchedstat = readThreadCounters().has_value();
    m_timer.setInterval(kInterval);
    m_timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { tick(); });
    m_clock.start();
    reset();
    m_timer.start();
}

void EventLoopProbe::reset()
{
    m_lastNanoseconds = m_clock.nsecsElapsed();
    const ThreadCounters counters = readThreadCounters().value_or(ThreadCounters{});
    m_lastRunQueue = counters.runQueueNanoseconds;
    m_lastOnCpu = counters.onCpuNanoseconds;
    m_lastFaults = counters.pageFaults;
    m_measuredNanoseconds = 0;
    m_runQueueNanoseconds = 0;
    m_ticks = 0;
    m_worstStall = 0;
    m_worstStallEnd = 0;
    m_worstStallOnCpu = 0;
    m_worstStallBlocked = 0;
    m_worstStallFaults = 0;
    m_worstWall = 0;
    m_worstWallRunQueue = 0;
}

void EventLoopProbe::tick()
{
    const std::int64_t now = m_clock.nsecsElapsed();
    const ThreadCounters counters =
        m_hasSchedstat ? readThreadCounters().value_or(ThreadCounters{.onCpuNanoseconds = m_lastOnCpu,
                                                                      .runQueueNanoseconds = m_lastRunQueue,
                                                                      .pageFaults = m_lastFaults})
                       : ThreadCounters{};
    const std::int64_t runQueue = counters.runQueueNanoseconds;
    const std::int64_t gap = now - m_lastNanoseconds;
    const std::int64_t waited = std::max<std::int64_t>(0, runQueue - m_lastRunQueue);
    const std::int64_t onCpu = std::max<std::int64_t>(0, counters.onCpuNanoseconds - m_lastOnCpu);
    const std::int64_t interval = std::chrono::nanoseconds(kInterval).count();
    const double wallDelay = milliseconds(std::max<std::int64_t>(0, gap - interval));
    const double stall = milliseconds(std::max<std::int64_t>(0, gap - interval - waited));
    if (wallDelay > m_worstWall) {
        m_worstWall = wallDelay;
        m_worstWallRunQueue = milliseconds(waited);
    }
    if (stall > m_worstStall) {
        m_worstStall = stall;
        m_worstStallEnd = milliseconds(now);
        m_worstStallOnCpu = milliseconds(onCpu);
        // Off the CPU and off the run queue: asleep; the idle interval is the event loop's own
        // wait for the timer.
        m_worstStallBlocked = milliseconds(std::max<std::int64_t>(0, gap - interval - waited - onCpu));
        m_worstStallFaults = counters.pageFaults - m_lastFaults;
    }
    m_measuredNanoseconds += gap;
    m_runQueueNanoseconds += waited;
    m_lastNanoseconds = now;
    m_lastRunQueue = runQueue;
    m_lastOnCpu = counters.onCpuNanoseconds;
    m_lastFaults = counters.pageFaults;
    ++m_ticks;
}

double EventLoopProbe::elapsedMilliseconds() const
{
    return milliseconds(m_clock.nsecsElapsed());
}

double EventLoopProbe::runQueueShare() const
{
    return m_measuredNanoseconds > 0
               ? static_cast<double>(m_runQueueNanoseconds) / static_cast<double>(m_measuredNanoseconds)
               : 0.0;
}

std::string EventLoopProbe::summary() const
{
    std::array<char, 480> text{};
    if (m_hasSchedstat) {
        std::snprintf(text.data(), text.size(),
                      "event loop over %lld ticks: worst stall caused by the application %.1f ms "
                      "(ending at %.0f ms; in its gap %.1f ms on a CPU, %.1f ms blocked, %lld page "
                      "faults); worst wall-clock delay %.1f ms (of which %.1f ms waiting for a CPU); "
                      "run-queue wait %.1f%% of the time",
                      static_cast<long long>(m_ticks), m_worstStall, m_worstStallEnd, m_worstStallOnCpu,
                      m_worstStallBlocked, static_cast<long long>(m_worstStallFaults), m_worstWall,
                      m_worstWallRunQueue, 100.0 * runQueueShare());
    } else {
        std::snprintf(text.data(), text.size(),
                      "event loop over %lld ticks: worst wall-clock delay %.1f ms (no scheduler "
                      "statistics on this system: run-queue wait not subtracted)",
                      static_cast<long long>(m_ticks), m_worstWall);
    }
    return text.data();
}

} // namespace pindex::test
