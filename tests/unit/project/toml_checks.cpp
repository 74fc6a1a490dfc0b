#include "tests/unit/project/toml_checks.h"

#include <algorithm>
#include <sstream>

#include <toml++/toml.h>

namespace pindex::project::test {
namespace {

void erasePath(toml::table& table, const KeyPath& path, std::size_t depth = 0)
{
    if (depth + 1 == path.size()) {
        table.erase(path[depth]);
        return;
    }
    if (auto* child = table.get_as<toml::table>(path[depth]))
        erasePath(*child, path, depth + 1);
}

void pruneEmpty(toml::table& table)
{
    std::vector<std::string> empty;
    for (auto& [key, node] : table) {
        if (auto* child = node.as_table()) {
            pruneEmpty(*child);
            if (child->empty())
                empty.emplace_back(key.str());
        }
    }
    for (const auto& key : empty)
        table.erase(key);
}

bool startsWith(const KeyPath& path, const KeyPath& prefix)
{
    return prefix.size() <= path.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

// Spans of `document` that hold something at or under `path`.
void collectSpans(const TomlEditor& editor, const KeyPath& path, std::vector<TextSpan>& spans)
{
    const auto& tables = editor.scan().tables;
    for (std::size_t i = 0; i < tables.size(); ++i) {
        const auto& table = tables[i];
        if (i > 0 && startsWith(table.path, path)) {
            // Removing a block also removes the blank separator lines before it.
            std::size_t begin = editor.tableBlock(i).begin;
            const auto& text = editor.text();
            while (begin > 0 &&
                   (text[begin - 1] == '\n' || text[begin - 1] == '\r' || text[begin - 1] == ' '))
                --begin;
            spans.push_back({begin, table.bodyEnd});
            continue;
        }
        for (const auto& entry : table.entries) {
            KeyPath full = table.path;
            full.insert(full.end(), entry.key.begin(), entry.key.end());
            if (startsWith(full, path) || startsWith(path, full))
                spans.push_back(entry.line);
        }
    }
}

} // namespace

std::string differenceOutsideScope(const std::string& before, const std::string& after,
                                   const std::vector<KeyPath>& scope)
{
    auto parsedBefore = toml::parse(before);
    auto parsedAfter = toml::parse(after);
    if (!parsedBefore || !parsedAfter)
        return "a document does not parse";
    toml::table first = std::move(parsedBefore).table();
    toml::table second = std::move(parsedAfter).table();
    for (const auto& path : scope) {
        erasePath(first, path);
        erasePath(second, path);
    }
    pruneEmpty(first);
    pruneEmpty(second);
    if (first == second)
        return {};
    std::ostringstream out;
    out << "data outside the edited keys changed:\n--- before\n" << first << "\n--- after\n" << second;
    return out.str();
}

std::string bytesChangedOutsideScope(const std::string& before, const std::string& after,
                                     const std::vector<KeyPath>& scope)
{
    std::size_t prefix = 0;
    const std::size_t shorter = std::min(before.size(), after.size());
    while (prefix < shorter && before[prefix] == after[prefix])
        ++prefix;
    std::size_t suffix = 0;
    while (suffix < shorter - prefix &&
           before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
        ++suffix;
    if (prefix == before.size() && prefix == after.size())
        return {};
    const std::size_t changedBegin = prefix;
    const std::size_t changedEnd = before.size() - suffix;

    auto editor = TomlEditor::open(before, "before.toml");
    if (!editor)
        return "the original does not parse";
    std::vector<TextSpan> spans;
    for (const auto& path : scope) {
        const auto found = spans.size();
        collectSpans(*editor, path, spans);
        if (spans.size() == found && path.size() > 1) {
            // A missing table or key is created inside its parent's block.
            collectSpans(*editor, KeyPath(path.begin(), path.end() - 1), spans);
        }
    }
    // Anything may be appended after the last non-blank byte.
    std::size_t tail = before.size();
    while (tail > 0 && (before[tail - 1] == '\n' || before[tail - 1] == '\r' || before[tail - 1] == ' '))
        --tail;
    spans.push_back({tail, before.size()});
    std::size_t hullBegin = before.size();
    std::size_t hullEnd = 0;
    for (const auto& span : spans) {
        hullBegin = std::min(hullBegin, span.begin);
        hullEnd = std::max(hullEnd, span.end);
    }
    if (changedBegin >= hullBegin && changedEnd <= hullEnd)
        return {};
    std::ostringstream out;
    out << "bytes [" << changedBegin << ", " << changedEnd << ") changed, but the edited entries span ["
        << hullBegin << ", " << hullEnd << ")";
    return out.str();
}

} // namespace pindex::project::test
