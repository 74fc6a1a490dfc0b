#pragma once

// Time limits that tests assert, for builds that run the same code slower than the builds the
// limits were set for.
//
// The sanitizer build (the asan preset: Debug, AddressSanitizer and UndefinedBehaviorSanitizer)
// runs Pindex's code tens of times slower than RelWithDebInfo. Its test environment
// (tests/sanitizers/environment.cmake.in) sets PINDEX_TEST_TIME_SCALE, and a time limit a test
// asserts is multiplied by it: what the test checks stays the same, only its clock is stretched.
// Every other build leaves the variable unset and gets the limits as written.

#include <chrono>
#include <cmath>
#include <cstdlib>

namespace pindex::test {

// PINDEX_TEST_TIME_SCALE as a factor of at least 1; 1 when it is unset or not such a number.
[[nodiscard]] inline double timeScale()
{
    const char* value = std::getenv("PINDEX_TEST_TIME_SCALE");
    if (value == nullptr) {
        return 1.0;
    }
    char* end = nullptr;
    const double scale = std::strtod(value, &end);
    return end != value && *end == '\0' && std::isfinite(scale) && scale >= 1.0 ? scale : 1.0;
}

// `limit` stretched by timeScale().
[[nodiscard]] inline std::chrono::microseconds scaledLimit(std::chrono::microseconds limit)
{
    return std::chrono::microseconds(
        static_cast<std::chrono::microseconds::rep>(static_cast<double>(limit.count()) * timeScale()));
}

} // namespace pindex::test
