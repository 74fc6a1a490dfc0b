#include "core/standards/version.h"

#include <algorithm>
#include <functional>

#include "core/standards/text.h"

namespace pindex::standards {

namespace {

using text::isDigit;

bool isSeparator(char c)
{
    return c == '.' || c == '-' || c == '_';
}

bool isLocalChar(char c)
{
    return isDigit(c) || text::isAlpha(c);
}

Error versionError(std::string_view input, std::string_view why)
{
    return makeError(ErrorCode::Parse, "Invalid version '" + std::string(input) + "': " + std::string(why));
}

// The sub-parser for one version string; each member consumes an optional part or leaves pos.
class Parser
{
public:
    explicit Parser(std::string_view text)
        : m_text(text)
    {}

    [[nodiscard]] char at(std::size_t pos) const { return pos < m_text.size() ? m_text[pos] : '\0'; }

    // Digits starting at pos; returns the end position (pos when there are none).
    [[nodiscard]] std::size_t digitsEnd(std::size_t pos) const
    {
        while (pos < m_text.size() && isDigit(m_text[pos]))
            ++pos;
        return pos;
    }

    // Matches one of words (in order) at pos; returns its length and index, or 0.
    [[nodiscard]] std::size_t matchWord(std::size_t pos, std::initializer_list<std::string_view> words,
                                        std::size_t& which) const
    {
        std::size_t index = 0;
        for (const std::string_view word : words) {
            if (text::startsWithIgnoreCase(m_text, pos, word)) {
                which = index;
                return word.size();
            }
            ++index;
        }
        return 0;
    }

    std::string_view m_text;
};

// Python-style ordering of a local label: segments split on '.', numeric segments compare as
// numbers and above alphanumeric ones, then the longer label wins.
std::strong_ordering compareLocal(std::string_view a, std::string_view b)
{
    if (a.empty() || b.empty())
        return !a.empty() <=> !b.empty();
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        const std::size_t aEnd = std::min(a.find('.', i), a.size());
        const std::size_t bEnd = std::min(b.find('.', j), b.size());
        const std::string_view sa = a.substr(i, aEnd - i);
        const std::string_view sb = b.substr(j, bEnd - j);
        const bool aNumeric = std::all_of(sa.begin(), sa.end(), isDigit);
        const bool bNumeric = std::all_of(sb.begin(), sb.end(), isDigit);
        if (aNumeric != bNumeric)
            return aNumeric <=> bNumeric;
        if (aNumeric) {
            // Normalized numeric segments carry no leading zeros: longer means larger.
            if (sa.size() != sb.size())
                return sa.size() <=> sb.size();
        }
        if (const auto order = sa.compare(sb) <=> 0; order != 0)
            return order;
        i = aEnd + 1;
        j = bEnd + 1;
    }
    return (i < a.size()) <=> (j < b.size());
}

// The suffix class: dev-only releases sort first, then a, b, rc, then no pre-release at all.
std::uint64_t suffixClass(bool hasPre, PreReleaseKind kind, bool hasPost, bool hasDev)
{
    if (!hasPre && !hasPost && hasDev)
        return 0;
    if (!hasPre)
        return 4;
    return 1 + static_cast<std::uint64_t>(kind);
}

void appendNumber(std::string& out, std::uint64_t value)
{
    out += std::to_string(value);
}

} // namespace

std::string_view PreRelease::label() const
{
    switch (kind) {
    case PreReleaseKind::Alpha: return "a";
    case PreReleaseKind::Beta: return "b";
    case PreReleaseKind::ReleaseCandidate: return "rc";
    }
    return "a";
}

Version::Version()
    : m_releaseCount(1)
{
    computeKey();
}

Result<Version> Version::parse(std::string_view input)
{
    const std::string_view textView = text::strip(input);
    const Parser parser(textView);
    const std::size_t size = textView.size();
    Version version;
    std::size_t pos = 0;
    if (parser.at(pos) == 'v' || parser.at(pos) == 'V')
        ++pos;

    // Epoch and release.
    std::size_t end = parser.digitsEnd(pos);
    if (end == pos)
        return std::unexpected(versionError(input, "expected a release number"));
    std::vector<std::uint64_t> release;
    auto number = text::parseNumber(textView.substr(pos, end - pos));
    if (!number)
        return std::unexpected(versionError(input, "number too large"));
    if (parser.at(end) == '!') {
        version.m_epoch = *number;
        pos = end + 1;
        end = parser.digitsEnd(pos);
        if (end == pos)
            return std::unexpected(versionError(input, "expected a release number after the epoch"));
        number = text::parseNumber(textView.substr(pos, end - pos));
        if (!number)
            return std::unexpected(versionError(input, "number too large"));
    }
    release.push_back(*number);
    pos = end;
    while (parser.at(pos) == '.' && isDigit(parser.at(pos + 1))) {
        end = parser.digitsEnd(pos + 1);
        number = text::parseNumber(textView.substr(pos + 1, end - pos - 1));
        if (!number)
            return std::unexpected(versionError(input, "number too large"));
        release.push_back(*number);
        pos = end;
    }

    // An optional letter part: [sep] label [sep] [number]. Returns false if no label matched.
    auto letterPart = [&](std::initializer_list<std::string_view> words, std::size_t& which,
                          std::optional<std::uint64_t>& value, bool& overflow) {
        std::size_t cursor = pos;
        if (isSeparator(parser.at(cursor)))
            ++cursor;
        const std::size_t length = parser.matchWord(cursor, words, which);
        if (length == 0)
            return false;
        cursor += length;
        std::size_t numberStart = cursor;
        if (isSeparator(parser.at(numberStart)))
            ++numberStart;
        const std::size_t numberEnd = parser.digitsEnd(numberStart);
        if (numberEnd > numberStart) {
            value = text::parseNumber(textView.substr(numberStart, numberEnd - numberStart));
            overflow = !value;
            cursor = numberEnd;
        } else {
            value = std::nullopt;
            cursor = numberStart;
        }
        pos = cursor;
        return true;
    };

    bool overflow = false;
    std::size_t which = 0;
    std::optional<std::uint64_t> value;
    if (letterPart({"alpha", "a", "beta", "b", "preview", "pre", "c", "rc"}, which, value, overflow)) {
        static constexpr std::array<PreReleaseKind, 8> kKinds{PreReleaseKind::Alpha,
                                                              PreReleaseKind::Alpha,
                                                              PreReleaseKind::Beta,
                                                              PreReleaseKind::Beta,
                                                              PreReleaseKind::ReleaseCandidate,
                                                              PreReleaseKind::ReleaseCandidate,
                                                              PreReleaseKind::ReleaseCandidate,
                                                              PreReleaseKind::ReleaseCandidate};
        version.m_hasPre = true;
        version.m_preKind = kKinds[which];
        version.m_preNumber = value.value_or(0);
    }
    if (parser.at(pos) == '-' && isDigit(parser.at(pos + 1))) {
        end = parser.digitsEnd(pos + 1);
        value = text::parseNumber(textView.substr(pos + 1, end - pos - 1));
        overflow = overflow || !value;
        version.m_hasPost = true;
        version.m_post = value.value_or(0);
        pos = end;
    } else if (letterPart({"post", "rev", "r"}, which, value, overflow)) {
        version.m_hasPost = true;
        version.m_post = value.value_or(0);
    }
    if (letterPart({"dev"}, which, value, overflow)) {
        version.m_hasDev = true;
        version.m_dev = value.value_or(0);
    }
    if (overflow)
        return std::unexpected(versionError(input, "number too large"));

    if (parser.at(pos) == '+') {
        ++pos;
        std::string local;
        while (true) {
            const std::size_t start = pos;
            while (pos < size && isLocalChar(textView[pos]))
                ++pos;
            if (pos == start)
                return std::unexpected(versionError(input, "expected a local version segment"));
            std::string_view segment = textView.substr(start, pos - start);
            if (std::all_of(segment.begin(), segment.end(), isDigit)) {
                while (segment.size() > 1 && segment.front() == '0')
                    segment.remove_prefix(1);
            }
            if (!local.empty())
                local += '.';
            local += text::toLower(segment);
            if (pos < size && isSeparator(textView[pos]))
                ++pos;
            else
                break;
        }
        version.m_local = std::move(local);
    }
    if (pos != size)
        return std::unexpected(versionError(input, "unexpected text at position " + std::to_string(pos + 1)));

    version.m_releaseCount = static_cast<std::uint32_t>(release.size());
    if (release.size() <= kInlineRelease)
        std::copy(release.begin(), release.end(), version.m_inlineRelease.begin());
    else
        version.m_longRelease = std::move(release);
    version.computeKey();
    return version;
}

void Version::computeKey()
{
    static constexpr std::array<unsigned, kInlineRelease> kBits{24, 16, 16, 8};
    m_small = m_epoch == 0;
    std::uint64_t key0 = 0;
    for (std::size_t i = 0; i < m_releaseCount && m_small; ++i) {
        const std::uint64_t segment = releaseAt(i);
        if (i >= kInlineRelease) {
            m_small = segment == 0;
            continue;
        }
        if (segment >= (std::uint64_t{1} << kBits[i]))
            m_small = false;
    }
    constexpr std::uint64_t kLimit = 0xFFFF;
    if (m_preNumber >= kLimit || m_post >= kLimit || m_dev >= kLimit)
        m_small = false;
    if (!m_small)
        return;
    for (std::size_t i = 0; i < kInlineRelease; ++i)
        key0 = (key0 << kBits[i]) | (i < m_releaseCount ? releaseAt(i) : 0);
    std::uint64_t key1 = suffixClass(m_hasPre, m_preKind, m_hasPost, m_hasDev);
    key1 = (key1 << 16) | (m_hasPre ? m_preNumber : 0);
    key1 = (key1 << 17) | (m_hasPost ? m_post + 1 : 0);
    key1 = (key1 << 17) | (m_hasDev ? m_dev : 0x1FFFF);
    m_key = {key0, key1};
}

std::uint64_t Version::releaseAt(std::size_t index) const
{
    if (index >= m_releaseCount)
        return 0;
    return m_releaseCount <= kInlineRelease ? m_inlineRelease[index] : m_longRelease[index];
}

std::span<const std::uint64_t> Version::release() const
{
    if (m_releaseCount <= kInlineRelease)
        return {m_inlineRelease.data(), m_releaseCount};
    return m_longRelease;
}

std::optional<PreRelease> Version::pre() const
{
    if (!m_hasPre)
        return std::nullopt;
    return PreRelease{m_preKind, m_preNumber};
}

std::optional<std::uint64_t> Version::post() const
{
    return m_hasPost ? std::optional(m_post) : std::nullopt;
}

std::optional<std::uint64_t> Version::dev() const
{
    return m_hasDev ? std::optional(m_dev) : std::nullopt;
}

std::string Version::baseVersion() const
{
    std::string out;
    if (m_epoch != 0) {
        appendNumber(out, m_epoch);
        out += '!';
    }
    const auto segments = release();
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (i > 0)
            out += '.';
        appendNumber(out, segments[i]);
    }
    return out;
}

std::string Version::publicVersion() const
{
    std::string out = baseVersion();
    if (m_hasPre) {
        out += pre()->label();
        appendNumber(out, m_preNumber);
    }
    if (m_hasPost) {
        out += ".post";
        appendNumber(out, m_post);
    }
    if (m_hasDev) {
        out += ".dev";
        appendNumber(out, m_dev);
    }
    return out;
}

std::string Version::str() const
{
    std::string out = publicVersion();
    if (!m_local.empty()) {
        out += '+';
        out += m_local;
    }
    return out;
}

std::string Version::strWithoutTrailingZeros() const
{
    Version copy = *this;
    auto segments = std::vector<std::uint64_t>(release().begin(), release().end());
    while (segments.size() > 1 && segments.back() == 0)
        segments.pop_back();
    copy.m_releaseCount = static_cast<std::uint32_t>(segments.size());
    copy.m_longRelease.clear();
    if (segments.size() <= kInlineRelease)
        std::copy(segments.begin(), segments.end(), copy.m_inlineRelease.begin());
    else
        copy.m_longRelease = std::move(segments);
    return copy.str();
}

Version Version::withoutLocal() const
{
    Version copy = *this;
    copy.m_local.clear();
    return copy;
}

std::strong_ordering Version::operator<=>(const Version& other) const
{
    if (m_small && other.m_small) {
        if (m_key[0] != other.m_key[0])
            return m_key[0] <=> other.m_key[0];
        if (m_key[1] != other.m_key[1])
            return m_key[1] <=> other.m_key[1];
        if (m_local.empty() && other.m_local.empty())
            return std::strong_ordering::equal;
        return compareLocal(m_local, other.m_local);
    }
    return compareSlow(other, true);
}

std::strong_ordering Version::comparePublic(const Version& other) const
{
    if (m_small && other.m_small) {
        if (m_key[0] != other.m_key[0])
            return m_key[0] <=> other.m_key[0];
        return m_key[1] <=> other.m_key[1];
    }
    return compareSlow(other, false);
}

Version Version::fromParts(std::uint64_t epoch, std::span<const std::uint64_t> release,
                           std::optional<PreRelease> pre, std::optional<std::uint64_t> post,
                           std::optional<std::uint64_t> dev, std::string local)
{
    Version version;
    version.m_epoch = epoch;
    version.m_releaseCount = static_cast<std::uint32_t>(release.size());
    if (release.size() <= kInlineRelease)
        std::copy(release.begin(), release.end(), version.m_inlineRelease.begin());
    else
        version.m_longRelease.assign(release.begin(), release.end());
    if (pre) {
        version.m_hasPre = true;
        version.m_preKind = pre->kind;
        version.m_preNumber = pre->number;
    }
    version.m_hasPost = post.has_value();
    version.m_post = post.value_or(0);
    version.m_hasDev = dev.has_value();
    version.m_dev = dev.value_or(0);
    version.m_local = std::move(local);
    version.computeKey();
    return version;
}

std::strong_ordering Version::compareSlow(const Version& other, bool withLocal) const
{
    if (m_epoch != other.m_epoch)
        return m_epoch <=> other.m_epoch;
    const std::size_t count = std::max(m_releaseCount, other.m_releaseCount);
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint64_t a = releaseAt(i);
        const std::uint64_t b = other.releaseAt(i);
        if (a != b)
            return a <=> b;
    }
    const auto classA = suffixClass(m_hasPre, m_preKind, m_hasPost, m_hasDev);
    const auto classB = suffixClass(other.m_hasPre, other.m_preKind, other.m_hasPost, other.m_hasDev);
    if (classA != classB)
        return classA <=> classB;
    if (m_hasPre && m_preNumber != other.m_preNumber)
        return m_preNumber <=> other.m_preNumber;
    if (m_hasPost != other.m_hasPost)
        return m_hasPost <=> other.m_hasPost;
    if (m_hasPost && m_post != other.m_post)
        return m_post <=> other.m_post;
    if (m_hasDev != other.m_hasDev)
        return other.m_hasDev <=> m_hasDev; // no dev release sorts last
    if (m_hasDev && m_dev != other.m_dev)
        return m_dev <=> other.m_dev;
    if (!withLocal)
        return std::strong_ordering::equal;
    return compareLocal(m_local, other.m_local);
}

std::size_t Version::hash() const
{
    std::size_t seed = std::hash<std::uint64_t>{}(m_epoch);
    auto mix = [&seed](std::uint64_t value) {
        seed ^= std::hash<std::uint64_t>{}(value) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
    };
    std::size_t significant = m_releaseCount;
    while (significant > 0 && releaseAt(significant - 1) == 0)
        --significant;
    for (std::size_t i = 0; i < significant; ++i)
        mix(releaseAt(i));
    mix(suffixClass(m_hasPre, m_preKind, m_hasPost, m_hasDev));
    mix(m_hasPre ? m_preNumber : 0);
    mix(m_hasPost ? m_post + 1 : 0);
    mix(m_hasDev ? m_dev : UINT64_MAX);
    mix(std::hash<std::string>{}(m_local));
    return seed;
}

} // namespace pindex::standards
