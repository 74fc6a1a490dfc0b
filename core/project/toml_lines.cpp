#include "core/project/toml_lines.h"

#include <algorithm>

namespace pindex::project::toml_lines {

std::size_t lineStartOf(const std::string& text, std::size_t pos)
{
    while (pos > 0 && text[pos - 1] != '\n')
        --pos;
    return pos;
}

bool onlySpaceBefore(const std::string& text, std::size_t pos)
{
    for (std::size_t i = lineStartOf(text, pos); i < pos; ++i) {
        if (text[i] != ' ' && text[i] != '\t')
            return false;
    }
    return true;
}

std::string indentOf(const std::string& text, std::size_t pos)
{
    const std::size_t start = lineStartOf(text, pos);
    std::size_t end = start;
    while (end < text.size() && (text[end] == ' ' || text[end] == '\t'))
        ++end;
    return text.substr(start, end - start);
}

// After an array item ending at `pos`: skips spaces, an optional comma, spaces and a comment; returns
// the position after the line terminator, or npos when something else follows on the line.
std::size_t restOfLineBlank(const std::string& text, std::size_t pos)
{
    auto skipSpaces = [&] {
        while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t'))
            ++pos;
    };
    skipSpaces();
    if (pos < text.size() && text[pos] == ',')
        ++pos;
    skipSpaces();
    if (pos < text.size() && text[pos] == '#') {
        while (pos < text.size() && text[pos] != '\n' && text[pos] != '\r')
            ++pos;
    }
    if (pos < text.size() && text[pos] == '\r')
        ++pos;
    if (pos < text.size() && text[pos] == '\n')
        return pos + 1;
    return std::string::npos;
}

// The position of the comma following an array item ending at `pos` (across blanks and comments).
std::size_t commaAfter(const std::string& text, std::size_t pos)
{
    while (pos < text.size()) {
        const char c = text[pos];
        if (c == ',')
            return pos;
        if (c == '#') {
            while (pos < text.size() && text[pos] != '\n')
                ++pos;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++pos;
        } else {
            break;
        }
    }
    return std::string::npos;
}

std::size_t stripLineEnding(const std::string& text, std::size_t end)
{
    if (end > 0 && text[end - 1] == '\n')
        --end;
    if (end > 0 && text[end - 1] == '\r')
        --end;
    return end;
}

bool isBlankLine(const std::string& text, std::size_t begin, std::size_t end)
{
    return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(begin),
                       text.begin() + static_cast<std::ptrdiff_t>(end),
                       [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// The start of the comment-only lines right above the line starting at `lineStart`, not going
// above `floor`.
std::size_t attachedCommentsStart(const std::string& text, std::size_t lineStart, std::size_t floor)
{
    std::size_t begin = lineStart;
    while (begin > floor) {
        const std::size_t start = lineStartOf(text, begin - 1);
        if (start < floor)
            break;
        std::size_t first = start;
        while (first < begin && (text[first] == ' ' || text[first] == '\t'))
            ++first;
        if (first >= begin || text[first] != '#')
            break;
        begin = start;
    }
    return begin;
}

// The first line start after `pos` (or npos).
std::size_t nextLineStart(const std::string& text, std::size_t pos)
{
    const auto newline = text.find('\n', pos);
    return newline == std::string::npos ? std::string::npos : newline + 1;
}

// Where the unit of item `i` (its line and the comments attached above it) begins.
std::size_t itemUnitBegin(const std::string& text, const ScannedValue& array, std::size_t i)
{
    const std::size_t lineStart = lineStartOf(text, array.items[i].span.begin);
    const std::size_t after = i == 0 ? array.span.begin : array.items[i - 1].span.end;
    std::size_t floor = nextLineStart(text, after);
    if (floor == std::string::npos || floor > lineStart)
        floor = lineStart;
    return attachedCommentsStart(text, lineStart, floor);
}

} // namespace pindex::project::toml_lines
