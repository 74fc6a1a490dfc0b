#include "core/util/phase_timings.h"

#include <algorithm>
#include <cstdio>

namespace pindex::util {

void PhaseTimings::add(std::string_view name, Clock::duration elapsed)
{
    const auto found = std::ranges::find(m_phases, name, &Phase::name);
    if (found != m_phases.end())
        found->elapsed += elapsed;
    else
        m_phases.push_back({std::string(name), elapsed});
}

PhaseTimings::Clock::duration PhaseTimings::total() const
{
    Clock::duration sum{};
    for (const auto& phase : m_phases)
        sum += phase.elapsed;
    return sum;
}

std::string PhaseTimings::format(std::string_view indent) const
{
    std::size_t width = 5; // "total"
    for (const auto& phase : m_phases)
        width = std::max(width, phase.name.size());
    std::string text;
    const auto line = [&](std::string_view name, Clock::duration elapsed) {
        char number[32];
        std::snprintf(number, sizeof number, "%8.1f ms\n",
                      std::chrono::duration<double, std::milli>(elapsed).count());
        text += indent;
        text += name;
        text.append(width - name.size() + 1, ' ');
        text += number;
    };
    for (const auto& phase : m_phases)
        line(phase.name, phase.elapsed);
    line("total", total());
    return text;
}

} // namespace pindex::util
