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
    std::array<char, 256> buffer{};
    const ssize_t size = ::read(fd, buffer.data(), buffer.size());
    ::close(fd);
    return size > 0 ? std::string(buffer.data(), static_cast<std::size_t>(size)) : std::string();
}
#endif

// "<on cpu ns> <run-queue wait ns> <time slices>": the second field.
std::optional<std::int64_t> secondField(std::string_view text)
{
    const auto firstEnd = text.find(' ');
    if (firstEnd == std::string_view::npos)
        return std::nullopt;
    text.remove_prefix(firstEnd + 1);
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end == text.data())
        return std::nullopt;
    return value;
}

double milliseconds(std::int64_t nanoseconds)
{
    return static_cast<double>(nanoseconds) / 1e6;
}

} // namespace

std::optional<std::int64_t> threadRunQueueWaitNanoseconds()
{
#if defined(__linux__)
    std::string text = readProcFile("/proc/thread-self/schedstat");
    if (text.empty()) { // kernels before 3.17 have no thread-self
        const std::string path = "/proc/self/task/" + std::to_string(::gettid()) + "/schedstat";
        text = readProcFile(path.c_str());
    }
    return secondField(text);
#else
    return std::nullopt;
#endif
}

EventLoopProbe::EventLoopProbe()
{
    m_hasSchedstat = threadRunQueueWaitNanoseconds().has_value();
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
    m_lastRunQueue = threadRunQueueWaitNanoseconds().value_or(0);
    m_measuredNanoseconds = 0;
    m_runQueueNanoseconds = 0;
    m_ticks = 0;
    m_worstStall = 0;
    m_worstStallEnd = 0;
    m_worstWall = 0;
    m_worstWallRunQueue = 0;
}

void EventLoopProbe::tick()
{
    const std::int64_t now = m_clock.nsecsElapsed();
    const std::int64_t runQueue =
        m_hasSchedstat ? threadRunQueueWaitNanoseconds().value_or(m_lastRunQueue) : 0;
    const std::int64_t gap = now - m_lastNanoseconds;
    const std::int64_t waited = std::max<std::int64_t>(0, runQueue - m_lastRunQueue);
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
    }
    m_measuredNanoseconds += gap;
    m_runQueueNanoseconds += waited;
    m_lastNanoseconds = now;
    m_lastRunQueue = runQueue;
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
    std::array<char, 320> text{};
    if (m_hasSchedstat) {
        std::snprintf(text.data(), text.size(),
                      "event loop over %lld ticks: worst stall caused by the application %.1f ms "
                      "(ending at %.0f ms); "
                      "worst wall-clock delay %.1f ms (of which %.1f ms waiting for a CPU); "
                      "run-queue wait %.1f%% of the time",
                      static_cast<long long>(m_ticks), m_worstStall, m_worstStallEnd, m_worstWall,
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
