#pragma once

// Compatibility tags (PEP 425 and the platform tag specs): parsing compressed tag sets such as
// `py2.py3-none-any`, the ordered list of tags an interpreter supports (best first, exactly as the
// reference computes it for CPython and PyPy on glibc/musl Linux, macOS and Windows), and ranking
// a wheel by its best tag through a hash map.
//
// Invariants: Tag fields are lower case; supportedTags() has no duplicates; a SupportedTags rank is
// the index of a tag in the list it was built from.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/util/error.h"

namespace pindex::standards {

struct WheelName;

struct Tag
{
    std::string interpreter;
    std::string abi;
    std::string platform;

    // "interpreter-abi-platform".
    [[nodiscard]] std::string str() const;
    [[nodiscard]] auto operator<=>(const Tag&) const = default;
};

struct ParsedTagSet
{
    std::vector<Tag> tags;  // every combination, in written order, without duplicates
    bool orderValid = true; // every compressed component (`py2.py3`) sorted as PEP 425 asks
};

// A possibly compressed tag set. Rejected (ErrorCode::Parse, "Invalid tag ...") when it does not
// have exactly three components, a component or member is empty, or an interpreter is not an
// identifier.
[[nodiscard]] Result<ParsedTagSet> parseTagSet(std::string_view text);
// Whether parseTagSet accepts `text`, without expanding it (no allocation).
[[nodiscard]] bool isValidTagSet(std::string_view text);

enum class OperatingSystem : std::uint8_t { Linux, MacOs, Windows };

struct PlatformDescription
{
    OperatingSystem os = OperatingSystem::Linux;
    // Linux: x86_64, i686, aarch64, armv7l, ppc64le, s390x, ...; macOS: x86_64 or arm64;
    // Windows: amd64, x86 or arm64.
    std::string arch;
    std::optional<std::pair<unsigned, unsigned>> glibc; // Linux with glibc (major, minor)
    std::optional<std::pair<unsigned, unsigned>> musl;  // Linux with musl (major, minor)
    std::pair<unsigned, unsigned> macosVersion{0, 0};   // macOS (major, minor)
};

enum class Implementation : std::uint8_t { CPython, PyPy };

struct InterpreterDescription
{
    Implementation implementation = Implementation::CPython;
    unsigned pythonMajor = 3;
    unsigned pythonMinor = 0;
    // The interpreter's own ABI tags, best first: "cp311", "cp313t", "cp39d" then "cp39",
    // "pypy310_pp73".
    std::vector<std::string> abis;
    PlatformDescription platform;
};

// Platform tags a platform accepts, best first (e.g. linux_x86_64, manylinux_2_36_x86_64, ...).
[[nodiscard]] std::vector<std::string> compatiblePlatforms(const PlatformDescription& platform);

// Every tag the interpreter accepts, best first.
[[nodiscard]] std::vector<Tag> supportedTags(const InterpreterDescription& interpreter);

// A supported tag list indexed for ranking wheels.
class SupportedTags
{
public:
    explicit SupportedTags(std::vector<Tag> tags);

    [[nodiscard]] const std::vector<Tag>& tags() const { return m_tags; }
    // Index of the tag in the list, if supported.
    [[nodiscard]] std::optional<std::size_t> rank(const Tag& tag) const;

private:
    struct Hash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const noexcept
        {
            return std::hash<std::string_view>{}(text);
        }
    };
    std::vector<Tag> m_tags;
    std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> m_ranks;
};

// The best (lowest) rank of any tag the wheel carries; nullopt if the wheel cannot be installed.
[[nodiscard]] std::optional<std::size_t> rank(const WheelName& wheel, const SupportedTags& supported);

} // namespace pindex::standards
