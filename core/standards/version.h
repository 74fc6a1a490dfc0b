#pragma once

// pindex::standards::Version: a PEP 440 version, parsed once and compared many times.
//
// The resolver compares millions of versions, so a Version keeps up to four release segments
// inline (more go to the heap) and precomputes a two-word sort key whenever the version is
// "small" (epoch 0, release segments, pre/post/dev numbers that fit the key's fields); comparing
// two small versions without local labels is then two integer comparisons.
//
// Invariants: a Version always holds a valid version; str() is its canonical (normalized) form;
// equality and ordering are exactly PEP 440's (trailing zero release segments do not count,
// 1.0.dev0 < 1.0a0 < 1.0 < 1.0.post0, a local label sorts after the same public version, local
// segments compare numerically when numeric and below any numeric segment when alphanumeric).

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/error.h"

namespace pindex::standards {

enum class PreReleaseKind : std::uint8_t { Alpha, Beta, ReleaseCandidate };

struct PreRelease
{
    PreReleaseKind kind = PreReleaseKind::Alpha;
    std::uint64_t number = 0;

    // "a", "b" or "rc".
    [[nodiscard]] std::string_view label() const;
    auto operator<=>(const PreRelease&) const = default;
};

class Version
{
public:
    // The version "0" (so that structs holding a Version can be default-constructed).
    Version();

    // Accepts every spelling PEP 440 allows: surrounding whitespace, a leading 'v', any case,
    // '.', '-', '_' separators, alternative spellings (alpha, c, pre, preview, rev, r), implicit
    // post releases (1.0-1). Rejects anything else with a Parse error naming the input.
    [[nodiscard]] static Result<Version> parse(std::string_view text);

    // The canonical form, e.g. "1!2.0rc1.post2.dev3+ubuntu.1".
    [[nodiscard]] std::string str() const;
    // str() without the local label.
    [[nodiscard]] std::string publicVersion() const;
    // Epoch (when non-zero) and release only, e.g. "1!2.0".
    [[nodiscard]] std::string baseVersion() const;
    // The canonical form with trailing zero release segments removed ("1.0.0" gives "1").
    [[nodiscard]] std::string strWithoutTrailingZeros() const;

    [[nodiscard]] std::uint64_t epoch() const { return m_epoch; }
    [[nodiscard]] std::span<const std::uint64_t> release() const;
    [[nodiscard]] std::optional<PreRelease> pre() const;
    [[nodiscard]] std::optional<std::uint64_t> post() const;
    [[nodiscard]] std::optional<std::uint64_t> dev() const;
    // The normalized local label ("ubuntu.1"), empty when there is none.
    [[nodiscard]] const std::string& local() const { return m_local; }
    [[nodiscard]] bool hasLocal() const { return !m_local.empty(); }

    [[nodiscard]] bool isPrerelease() const { return m_hasPre || m_hasDev; }
    [[nodiscard]] bool isPostrelease() const { return m_hasPost; }
    [[nodiscard]] bool isDevrelease() const { return m_hasDev; }

    // This version without its local label.
    [[nodiscard]] Version withoutLocal() const;

    // A version from its parts (release must not be empty; local already normalized or empty).
    [[nodiscard]] static Version fromParts(std::uint64_t epoch, std::span<const std::uint64_t> release,
                                           std::optional<PreRelease> pre, std::optional<std::uint64_t> post,
                                           std::optional<std::uint64_t> dev, std::string local = {});

    // Ordering of the public versions (local labels ignored).
    [[nodiscard]] std::strong_ordering comparePublic(const Version& other) const;

    [[nodiscard]] std::strong_ordering operator<=>(const Version& other) const;
    [[nodiscard]] bool operator==(const Version& other) const
    {
        return (*this <=> other) == std::strong_ordering::equal;
    }

    // Consistent with operator==.
    [[nodiscard]] std::size_t hash() const;

private:
    void computeKey();
    [[nodiscard]] std::strong_ordering compareSlow(const Version& other, bool withLocal) const;
    [[nodiscard]] std::uint64_t releaseAt(std::size_t index) const;

    static constexpr std::size_t kInlineRelease = 4;

    std::uint64_t m_epoch = 0;
    std::array<std::uint64_t, kInlineRelease> m_inlineRelease{};
    std::vector<std::uint64_t> m_longRelease; // all segments when there are more than four
    std::uint32_t m_releaseCount = 0;
    PreReleaseKind m_preKind = PreReleaseKind::Alpha;
    bool m_hasPre = false;
    bool m_hasPost = false;
    bool m_hasDev = false;
    bool m_small = false;
    std::uint64_t m_preNumber = 0;
    std::uint64_t m_post = 0;
    std::uint64_t m_dev = 0;
    std::array<std::uint64_t, 2> m_key{}; // meaningful only when m_small
    std::string m_local;
};

} // namespace pindex::standards

template <>
struct std::hash<pindex::standards::Version>
{
    std::size_t operator()(const pindex::standards::Version& version) const noexcept
    {
        return version.hash();
    }
};
