#include "core/resolver/version_set.h"

#include <bit>

namespace pindex::resolver {

namespace {

constexpr std::size_t kWordBits = 64;

std::size_t wordCount(std::size_t bits)
{
    return (bits + kWordBits - 1) / kWordBits;
}

} // namespace

VersionSet::VersionSet(std::size_t candidateCount)
    : m_count(candidateCount)
    , m_words(wordCount(candidateCount + 1), 0)
{}

VersionSet VersionSet::full(std::size_t candidateCount)
{
    VersionSet set(candidateCount);
    for (auto& word : set.m_words) {
        word = ~std::uint64_t{0};
    }
    set.clearTail();
    return set;
}

VersionSet VersionSet::single(std::size_t candidateCount, std::size_t index)
{
    VersionSet set(candidateCount);
    set.insert(index);
    return set;
}

bool VersionSet::contains(std::size_t index) const
{
    if (index > m_count) {
        return false;
    }
    return ((m_words[index / kWordBits] >> (index % kWordBits)) & 1U) != 0;
}

void VersionSet::insert(std::size_t index)
{
    if (index <= m_count) {
        m_words[index / kWordBits] |= std::uint64_t{1} << (index % kWordBits);
    }
}

void VersionSet::erase(std::size_t index)
{
    if (index <= m_count) {
        m_words[index / kWordBits] &= ~(std::uint64_t{1} << (index % kWordBits));
    }
}

bool VersionSet::isEmpty() const
{
    for (auto word : m_words) {
        if (word != 0) {
            return false;
        }
    }
    return true;
}

bool VersionSet::isFull() const
{
    return complement().isEmpty();
}

bool VersionSet::hasNoVersion() const
{
    VersionSet copy = *this;
    copy.erase(noneIndex());
    return copy.isEmpty();
}

VersionSet VersionSet::complement() const
{
    VersionSet result = *this;
    for (auto& word : result.m_words) {
        word = ~word;
    }
    result.clearTail();
    return result;
}

VersionSet VersionSet::intersection(const VersionSet& other) const
{
    VersionSet result = *this;
    for (std::size_t i = 0; i < result.m_words.size() && i < other.m_words.size(); ++i) {
        result.m_words[i] &= other.m_words[i];
    }
    return result;
}

VersionSet VersionSet::unionWith(const VersionSet& other) const
{
    VersionSet result = *this;
    for (std::size_t i = 0; i < result.m_words.size() && i < other.m_words.size(); ++i) {
        result.m_words[i] |= other.m_words[i];
    }
    return result;
}

bool VersionSet::isSubsetOf(const VersionSet& other) const
{
    for (std::size_t i = 0; i < m_words.size(); ++i) {
        const std::uint64_t theirs = i < other.m_words.size() ? other.m_words[i] : 0;
        if ((m_words[i] & ~theirs) != 0) {
            return false;
        }
    }
    return true;
}

bool VersionSet::isDisjointFrom(const VersionSet& other) const
{
    for (std::size_t i = 0; i < m_words.size() && i < other.m_words.size(); ++i) {
        if ((m_words[i] & other.m_words[i]) != 0) {
            return false;
        }
    }
    return true;
}

std::vector<std::size_t> VersionSet::versionsDescending() const
{
    std::vector<std::size_t> result;
    for (std::size_t i = m_count; i-- > 0;) {
        if (contains(i)) {
            result.push_back(i);
        }
    }
    return result;
}

std::size_t VersionSet::versionCount() const
{
    std::size_t total = 0;
    for (auto word : m_words) {
        total += static_cast<std::size_t>(std::popcount(word));
    }
    return contains(noneIndex()) ? total - 1 : total;
}

void VersionSet::clearTail()
{
    const std::size_t bits = m_count + 1;
    const std::size_t used = bits % kWordBits;
    if (used != 0 && !m_words.empty()) {
        m_words.back() &= (std::uint64_t{1} << used) - 1;
    }
}

} // namespace pindex::resolver
