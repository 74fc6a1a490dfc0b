#include "core/diff/version_order.h"

#include <cstdint>
#include <vector>

#include "core/standards/version.h"

namespace pindex::diff {
namespace {

struct SplitVersion
{
    std::uint64_t epoch = 0;
    std::vector<std::uint64_t> release;
    std::string_view rest;
};

SplitVersion split(std::string_view text)
{
    SplitVersion version;
    if (!text.empty() && (text.front() == 'v' || text.front() == 'V'))
        text.remove_prefix(1);
    if (const auto bang = text.find('!'); bang != std::string_view::npos) {
        for (const char digit : text.substr(0, bang)) {
            if (digit >= '0' && digit <= '9')
                version.epoch = version.epoch * 10 + static_cast<std::uint64_t>(digit - '0');
        }
        text = text.substr(bang + 1);
    }
    std::size_t position = 0;
    while (position < text.size() && text[position] >= '0' && text[position] <= '9') {
        std::uint64_t number = 0;
        while (position < text.size() && text[position] >= '0' && text[position] <= '9')
            number = number * 10 + static_cast<std::uint64_t>(text[position++] - '0');
        version.release.push_back(number);
        if (position + 1 < text.size() && text[position] == '.' && text[position + 1] >= '0' &&
            text[position + 1] <= '9')
            ++position;
        else
            break;
    }
    while (!version.release.empty() && version.release.back() == 0)
        version.release.pop_back();
    version.rest = text.substr(position);
    return version;
}

// A suffix rank: pre-releases sort before the release, post-releases after it.
int suffixRank(std::string_view rest)
{
    if (rest.empty())
        return 2;
    const std::string_view body = rest.front() == '.' || rest.front() == '-' ? rest.substr(1) : rest;
    if (body.starts_with("dev"))
        return 0;
    if (body.starts_with("a") || body.starts_with("b") || body.starts_with("rc") || body.starts_with("c"))
        return 1;
    if (body.starts_with('+'))
        return 3;
    return 4; // post releases
}

} // namespace

int compareVersions(std::string_view left, std::string_view right)
{
    if (left == right)
        return 0;
    const auto parsedLeft = standards::Version::parse(left);
    const auto parsedRight = standards::Version::parse(right);
    if (parsedLeft && parsedRight) {
        const auto order = *parsedLeft <=> *parsedRight;
        return order < 0 ? -1 : (order > 0 ? 1 : 0);
    }
    const SplitVersion a = split(left);
    const SplitVersion b = split(right);
    if (a.epoch != b.epoch)
        return a.epoch < b.epoch ? -1 : 1;
    if (a.release != b.release)
        return a.release < b.release ? -1 : 1;
    const int rankA = suffixRank(a.rest);
    const int rankB = suffixRank(b.rest);
    if (rankA != rankB)
        return rankA < rankB ? -1 : 1;
    const int text = a.rest.compare(b.rest);
    return text < 0 ? -1 : (text > 0 ? 1 : 0);
}

} // namespace pindex::diff
