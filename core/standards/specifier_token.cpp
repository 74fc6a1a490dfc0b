// The PEP 440 specifier token of the PEP 508 grammar: an operator, optional whitespace and a
// version, matched as the reference's specifier pattern matches it (greedy, no backtracking needed).

#include <algorithm>

#include "core/standards/dependency_parser.h"
#include "core/standards/text.h"

namespace pindex::standards::detail {

namespace {

using text::isDigit;

bool isAsciiAlnum(char c)
{
    return isDigit(c) || text::isAlpha(c);
}

bool isSeparator(char c)
{
    return c == '-' || c == '_' || c == '.';
}

// The pieces of the PEP 440 version pattern used by the specifier token. Each returns the end of
// what it matched (pos itself when the optional part is absent).
class VersionPattern
{
public:
    explicit VersionPattern(std::string_view source)
        : m_source(source)
    {}

    [[nodiscard]] char at(std::size_t pos) const { return pos < m_source.size() ? m_source[pos] : '\0'; }

    [[nodiscard]] std::size_t digits(std::size_t pos) const
    {
        while (isDigit(at(pos)))
            ++pos;
        return pos;
    }

    // v? (N!)? N(.N)* (at least minimumSegments); npos when absent.
    [[nodiscard]] std::size_t release(std::size_t pos, std::size_t minimumSegments) const
    {
        if (at(pos) == 'v' || at(pos) == 'V')
            ++pos;
        std::size_t end = digits(pos);
        if (end == pos)
            return std::string_view::npos;
        if (at(end) == '!' && isDigit(at(end + 1)))
            pos = end + 1;
        end = digits(pos);
        std::size_t segments = 1;
        while (at(end) == '.' && isDigit(at(end + 1))) {
            end = digits(end + 1);
            ++segments;
        }
        if (segments < minimumSegments) {
            // Backtracking cannot add segments: a shorter release has fewer.
            return std::string_view::npos;
        }
        return end;
    }

    [[nodiscard]] std::size_t word(std::size_t pos, std::initializer_list<std::string_view> words) const
    {
        for (const std::string_view candidate : words) {
            if (text::startsWithIgnoreCase(m_source, pos, candidate))
                return pos + candidate.size();
        }
        return pos;
    }

    // [-_.]? label [-_.]? [0-9]*
    [[nodiscard]] std::size_t labelled(std::size_t pos, std::initializer_list<std::string_view> words) const
    {
        std::size_t cursor = pos;
        if (isSeparator(at(cursor)))
            ++cursor;
        const std::size_t end = word(cursor, words);
        if (end == cursor)
            return pos;
        cursor = end;
        if (isSeparator(at(cursor)))
            ++cursor;
        return digits(cursor);
    }

    [[nodiscard]] std::size_t suffixes(std::size_t pos) const
    {
        pos = labelled(pos, {"alpha", "beta", "preview", "pre", "a", "b", "c", "rc"});
        if (at(pos) == '-' && isDigit(at(pos + 1)))
            pos = digits(pos + 1);
        else
            pos = labelled(pos, {"post", "rev", "r"});
        return labelled(pos, {"dev"});
    }

    [[nodiscard]] std::size_t local(std::size_t pos) const
    {
        if (at(pos) != '+' || !isAsciiAlnum(at(pos + 1)))
            return pos;
        std::size_t cursor = pos + 1;
        while (isAsciiAlnum(at(cursor)))
            ++cursor;
        while (isSeparator(at(cursor)) && isAsciiAlnum(at(cursor + 1))) {
            ++cursor;
            while (isAsciiAlnum(at(cursor)))
                ++cursor;
        }
        return cursor;
    }

private:
    std::string_view m_source;
};

} // namespace

std::size_t matchSpecifierToken(std::string_view source, std::size_t pos)
{
    const VersionPattern pattern(source);
    const std::string_view rest = source.substr(std::min(pos, source.size()));
    auto skipSpace = [&](std::size_t cursor) {
        while (const std::size_t length = text::spaceLengthAt(source, cursor))
            cursor += length;
        return cursor;
    };
    if (rest.starts_with("===")) {
        std::size_t cursor = skipSpace(pos + 3);
        while (cursor < source.size() && source[cursor] != ';' && source[cursor] != ')' &&
               text::spaceLengthAt(source, cursor) == 0)
            ++cursor;
        return cursor - pos;
    }
    if (rest.starts_with("==") || rest.starts_with("!=")) {
        const std::size_t start = skipSpace(pos + 2);
        const std::size_t release = pattern.release(start, 1);
        if (release != std::string_view::npos) {
            if (pattern.at(release) == '.' && pattern.at(release + 1) == '*')
                return release + 2 - pos;
            return pattern.local(pattern.suffixes(release)) - pos;
        }
    }
    if (rest.starts_with("~=")) {
        const std::size_t start = skipSpace(pos + 2);
        const std::size_t release = pattern.release(start, 2);
        if (release != std::string_view::npos)
            return pattern.suffixes(release) - pos;
    }
    for (const std::string_view op : {"<=", ">=", "<", ">"}) {
        if (!rest.starts_with(op))
            continue;
        const std::size_t start = skipSpace(pos + op.size());
        const std::size_t release = pattern.release(start, 1);
        if (release != std::string_view::npos)
            return pattern.suffixes(release) - pos;
    }
    return 0;
}

} // namespace pindex::standards::detail
