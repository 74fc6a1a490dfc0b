#include <chrono>
#include <zlib.h>

#include <catch2/catch.hpp>

#include "core/util/file_io.h"
#include "core/util/lazy_library.h"
#include "core/util/phase_timings.h"

using namespace pindex;
using namespace std::chrono_literals;

TEST_CASE("Phase timings keep the order phases first ran and add up repeats", "[util]")
{
    util::PhaseTimings timings;
    timings.add("read lock", 2ms);
    timings.add("install", 30ms);
    timings.add("read lock", 1ms);
    REQUIRE(timings.phases().size() == 2U);
    CHECK(timings.phases()[0].name == "read lock");
    CHECK(timings.phases()[0].elapsed == 3ms);
    CHECK(timings.total() == 33ms);
    CHECK(timings.format() == "  read lock      3.0 ms\n"
                              "  install       30.0 ms\n"
                              "  total         33.0 ms\n");
}

TEST_CASE("A scoped phase records the time until it is stopped, once", "[util]")
{
    util::PhaseTimings timings;
    {
        util::ScopedPhase phase(&timings, "work");
        phase.stop();
    }
    REQUIRE(timings.phases().size() == 1U);
    CHECK(timings.phases()[0].name == "work");
    util::ScopedPhase ignored(nullptr, "nothing"); // no timings: does nothing
}

namespace {

pindex::util::LazyLibrary libz{"libz.so.1"};

bool mapped(std::string_view soname)
{
    const auto maps = readFile("/proc/self/maps");
    return maps && maps->find(soname) != std::string::npos;
}

} // namespace

TEST_CASE("A lazy library opens on first use and resolves its functions", "[util]")
{
    CHECK_FALSE(libz.isOpen());
    const auto version = reinterpret_cast<decltype(&::zlibVersion)>(libz.symbol("zlibVersion"));
    REQUIRE(version != nullptr);
    CHECK(std::string_view(version()).starts_with("1."));
    CHECK(libz.isOpen());
    CHECK(mapped("libz.so"));
}
