#pragma once

// PhaseTimings: where a job's time went, phase by phase (what `pindex sync -v` prints on standard
// error, so that a benchmark can set the time spent inside the process against the whole
// process's). Phases keep the order in which they first ran; a phase that runs again adds up.
//
// Not thread-safe: one job records its phases on one thread.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace pindex::util {

class PhaseTimings
{
public:
    using Clock = std::chrono::steady_clock;

    struct Phase
    {
        std::string name;
        Clock::duration elapsed{};
    };

    // Adds `elapsed` to the phase `name`, which is appended when new.
    void add(std::string_view name, Clock::duration elapsed);

    [[nodiscard]] const std::vector<Phase>& phases() const { return m_phases; }
    [[nodiscard]] Clock::duration total() const;

    // One line per phase, `<indent><name padded> <milliseconds with one decimal> ms`, then a
    // `total` line.
    [[nodiscard]] std::string format(std::string_view indent = "  ") const;

private:
    std::vector<Phase> m_phases;
};

// Times the rest of a scope (or up to stop()) as one phase; does nothing when `timings` is null.
class ScopedPhase
{
public:
    ScopedPhase(PhaseTimings* timings, std::string_view name)
        : m_timings(timings)
        , m_name(name)
        , m_started(PhaseTimings::Clock::now())
    {}
    ScopedPhase(const ScopedPhase&) = delete;
    ScopedPhase& operator=(const ScopedPhase&) = delete;
    ~ScopedPhase() { stop(); }

    void stop()
    {
        if (m_timings != nullptr)
            m_timings->add(m_name, PhaseTimings::Clock::now() - m_started);
        m_timings = nullptr;
    }

private:
    PhaseTimings* m_timings;
    std::string_view m_name;
    PhaseTimings::Clock::time_point m_started;
};

} // namespace pindex::util
