#include "core/util/line_diff.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace pindex {
namespace {

std::vector<std::string_view> splitLines(std::string_view text)
{
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const auto length = end == std::string_view::npos ? text.size() : end + 1;
        lines.push_back(text.substr(0, length));
        text.remove_prefix(length);
    }
    return lines;
}

struct Op
{
    char kind; // ' ', '-', '+'
    std::string_view line;
    std::size_t beforeLine; // 1-based position in before (for ' ' and '-')
    std::size_t afterLine;  // 1-based position in after (for ' ' and '+')
};

void appendLine(std::string& out, char kind, std::string_view line)
{
    out += kind;
    out += line;
    if (!line.ends_with('\n'))
        out += "\n\\ No newline at end of file\n";
}

} // namespace

std::string unifiedDiff(std::string_view before, std::string_view after, std::size_t context)
{
    const auto a = splitLines(before);
    const auto b = splitLines(after);
    // Common prefix and suffix first: edits are small, the table stays small.
    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix])
        ++prefix;
    std::size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;
    const std::size_t n = a.size() - prefix - suffix;
    const std::size_t m = b.size() - prefix - suffix;
    std::vector<std::uint32_t> table((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return table[i * (m + 1) + j]; };
    for (std::size_t i = n; i-- > 0;) {
        for (std::size_t j = m; j-- > 0;) {
            at(i, j) =
                a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
        }
    }
    std::vector<Op> ops;
    for (std::size_t k = 0; k < prefix; ++k)
        ops.push_back({' ', a[k], k + 1, k + 1});
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
            ops.push_back({' ', a[prefix + i], prefix + i + 1, prefix + j + 1});
            ++i;
            ++j;
        } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
            // Removals before additions, as diff prints a changed line.
            ops.push_back({'-', a[prefix + i], prefix + i + 1, prefix + j + 1});
            ++i;
        } else {
            ops.push_back({'+', b[prefix + j], prefix + i + 1, prefix + j + 1});
            ++j;
        }
    }
    for (std::size_t k = 0; k < suffix; ++k)
        ops.push_back({' ', a[prefix + n + k], prefix + n + k + 1, prefix + m + k + 1});

    std::string out;
    std::size_t index = 0;
    while (index < ops.size()) {
        // Find the next change, then grow a hunk around it while changes are close together.
        while (index < ops.size() && ops[index].kind == ' ')
            ++index;
        if (index == ops.size())
            break;
        const std::size_t start = index >= context ? index - context : 0;
        std::size_t end = index;
        std::size_t lastChange = index;
        while (end < ops.size()) {
            if (ops[end].kind != ' ')
                lastChange = end;
            else if (end - lastChange > 2 * context)
                break;
            ++end;
        }
        end = std::min(ops.size(), lastChange + context + 1);
        std::size_t beforeCount = 0;
        std::size_t afterCount = 0;
        for (std::size_t k = start; k < end; ++k) {
            beforeCount += ops[k].kind != '+' ? 1U : 0U;
            afterCount += ops[k].kind != '-' ? 1U : 0U;
        }
        const std::size_t beforeStart = beforeCount == 0 ? ops[start].beforeLine - 1 : ops[start].beforeLine;
        const std::size_t afterStart = afterCount == 0 ? ops[start].afterLine - 1 : ops[start].afterLine;
        out += "@@ -" + std::to_string(beforeStart) + "," + std::to_string(beforeCount) + " +" +
               std::to_string(afterStart) + "," + std::to_string(afterCount) + " @@\n";
        for (std::size_t k = start; k < end; ++k)
            appendLine(out, ops[k].kind, ops[k].line);
        index = end;
    }
    return out;
}

} // namespace pindex
