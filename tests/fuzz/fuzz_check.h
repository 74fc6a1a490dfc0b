#pragma once

// What every fuzz target shares: the libFuzzer entry point's signature, a check that aborts with
// a message (so libFuzzer, and the replay runner, record the input as a crash), and a cursor that
// takes typed values from the input bytes.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace pindex::fuzz {

[[noreturn]] inline void fail(const char* condition, const char* file, int line, const std::string& detail)
{
    std::fprintf(stderr, "%s:%d: property violated: %s\n%s\n", file, line, condition, detail.c_str());
    std::abort();
}

inline std::string_view asText(const std::uint8_t* data, std::size_t size)
{
    return {reinterpret_cast<const char*>(data), size}; // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
}

// Splits the input at the first occurrence of `separator`: {before, after}; after is empty when
// the separator is absent.
inline std::pair<std::string_view, std::string_view> splitAt(std::string_view text,
                                                             std::string_view separator)
{
    const auto at = text.find(separator);
    if (at == std::string_view::npos)
        return {text, {}};
    return {text.substr(0, at), text.substr(at + separator.size())};
}

} // namespace pindex::fuzz

#define PINDEX_FUZZ_CHECK(condition, detail)                                                                 \
    do {                                                                                                     \
        if (!(condition))                                                                                    \
            ::pindex::fuzz::fail(#condition, __FILE__, __LINE__, (detail));                                  \
    } while (false)
