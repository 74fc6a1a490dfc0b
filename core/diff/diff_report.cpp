#include "core/diff/diff_report.h"

#include <cstdio>

#include "core/util/quoted_string.h"

namespace pindex::diff {
namespace {

std::string joined(const std::vector<std::string>& values, std::string_view separator)
{
    std::string text;
    for (const auto& value : values) {
        if (!text.empty())
            text += separator;
        text += value;
    }
    return text;
}

void appendJsonArray(std::string& out, const std::vector<std::string>& values)
{
    out += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ", ";
        appendQuotedString(out, values[i]);
    }
    out += ']';
}

void appendJsonNullableString(std::string& out, std::string_view text)
{
    if (text.empty())
        out += "null";
    else
        appendQuotedString(out, text);
}

std::vector<std::string> flagNames(const PackageChange& change)
{
    std::vector<std::string> names;
    for (const auto flag : kAllChangeFlags) {
        if (change.has(flag))
            names.emplace_back(toString(flag));
    }
    return names;
}

std::string markdownCell(std::string_view text)
{
    std::string cell;
    for (const char character : text) {
        if (character == '|')
            cell += "\\|";
        else if (character == '\n')
            cell += ' ';
        else
            cell += character;
    }
    return cell;
}

} // namespace

std::optional<ReportFormat> parseReportFormat(std::string_view name)
{
    if (name == "text")
        return ReportFormat::Text;
    if (name == "json")
        return ReportFormat::Json;
    if (name == "markdown" || name == "md")
        return ReportFormat::Markdown;
    return std::nullopt;
}

std::string versionArrow(const PackageChange& change)
{
    const std::string oldText = joined(change.oldVersions, ", ");
    const std::string newText = joined(change.newVersions, ", ");
    switch (change.kind) {
    case ChangeKind::Added: return "+ " + newText;
    case ChangeKind::Removed: return "- " + oldText;
    case ChangeKind::Changed: return newText;
    case ChangeKind::Upgraded:
    case ChangeKind::Downgraded: return oldText + " -> " + newText;
    }
    return newText;
}

std::string formatText(const LockDiff& diff)
{
    if (diff.changes.empty())
        return "No changes.\n";
    std::string out;
    for (const auto kind : kAllChangeKinds) {
        if (diff.summary.count(kind) == 0)
            continue;
        std::string title(toString(kind));
        title[0] = static_cast<char>(title[0] - 'a' + 'A');
        out += title + " (" + std::to_string(diff.summary.count(kind)) + "):\n";
        for (const auto& change : diff.changes) {
            if (change.kind != kind)
                continue;
            out += "  " + change.displayName + "  " + versionArrow(change);
            const auto flags = flagNames(change);
            if (!flags.empty())
                out += "  [" + joined(flags, ", ") + "]";
            out += '\n';
            if (change.has(ChangeFlag::IndexChanged))
                out += "      index: " + change.oldIndex + " -> " + change.newIndex + '\n';
            if (change.introducedBy.size() > 1)
                out += "      via: " + joined(change.introducedBy, " -> ") + '\n';
        }
    }
    out += "\n" + std::to_string(diff.summary.total()) + " changes: " + std::to_string(diff.summary.added) +
           " added, " + std::to_string(diff.summary.removed) + " removed, " +
           std::to_string(diff.summary.upgraded) + " upgraded, " + std::to_string(diff.summary.downgraded) +
           " downgraded, " + std::to_string(diff.summary.changed) + " changed\n";
    return out;
}

std::string formatJson(const LockDiff& diff)
{
    std::string out = "{\n  \"old\": ";
    appendQuotedString(out, diff.oldSource);
    out += ",\n  \"new\": ";
    appendQuotedString(out, diff.newSource);
    out += ",\n  \"changes\": [";
    for (std::size_t i = 0; i < diff.changes.size(); ++i) {
        const auto& change = diff.changes[i];
        out += i == 0 ? "\n    {" : ",\n    {";
        out += "\"name\": ";
        appendQuotedString(out, change.name);
        out += ", \"kind\": ";
        appendQuotedString(out, toString(change.kind));
        out += ", \"old_versions\": ";
        appendJsonArray(out, change.oldVersions);
        out += ", \"new_versions\": ";
        appendJsonArray(out, change.newVersions);
        out += ", \"old_index\": ";
        appendJsonNullableString(out, change.oldIndex);
        out += ", \"new_index\": ";
        appendJsonNullableString(out, change.newIndex);
        out += ", \"flags\": ";
        appendJsonArray(out, flagNames(change));
        out += ", \"introduced_by\": ";
        appendJsonArray(out, change.introducedBy);
        out += '}';
    }
    out += diff.changes.empty() ? "],\n" : "\n  ],\n";
    out += "  \"summary\": {";
    bool first = true;
    for (const auto kind : kAllChangeKinds) {
        out += first ? "" : ", ";
        first = false;
        appendQuotedString(out, toString(kind));
        out += ": " + std::to_string(diff.summary.count(kind));
    }
    out += "}\n}\n";
    return out;
}

std::string formatMarkdown(const LockDiff& diff)
{
    std::string out = "### Lockfile changes\n\n";
    if (diff.changes.empty())
        return out + "No changes.\n";
    std::vector<std::string> counts;
    for (const auto kind : kAllChangeKinds) {
        if (diff.summary.count(kind) > 0)
            counts.push_back(std::to_string(diff.summary.count(kind)) + " " + std::string(toString(kind)));
    }
    out += joined(counts, ", ") + "\n\n";
    out += "| Package | Change | Versions | Flags |\n| --- | --- | --- | --- |\n";
    std::vector<const PackageChange*> suspicious;
    for (const auto& change : diff.changes) {
        std::vector<std::string> flags;
        bool security = false;
        for (const auto flag : kAllChangeFlags) {
            if (!change.has(flag))
                continue;
            security = security || isSecurityFlag(flag);
            flags.push_back((isSecurityFlag(flag) ? ":warning: **" : "") + std::string(toString(flag)) +
                            (isSecurityFlag(flag) ? "**" : ""));
        }
        if (security)
            suspicious.push_back(&change);
        std::string versions = versionArrow(change);
        for (std::size_t arrow = versions.find("->"); arrow != std::string::npos; arrow = versions.find("->"))
            versions.replace(arrow, 2, "→");
        out += "| `" + markdownCell(change.displayName) + "` | " + std::string(toString(change.kind)) +
               " | " + markdownCell(versions) + " | " + markdownCell(joined(flags, " ")) + " |\n";
    }
    if (!suspicious.empty()) {
        out += "\n**Needs review:**\n\n";
        for (const auto* change : suspicious) {
            out += "- `" + markdownCell(change->displayName) + "`:";
            for (const auto flag : kAllChangeFlags) {
                if (change->has(flag) && isSecurityFlag(flag))
                    out += " " + std::string(explanation(flag));
            }
            if (change->has(ChangeFlag::IndexChanged))
                out +=
                    " (`" + markdownCell(change->oldIndex) + "` → `" + markdownCell(change->newIndex) + "`)";
            out += '\n';
        }
    }
    return out;
}

std::string formatReport(const LockDiff& diff, ReportFormat format)
{
    switch (format) {
    case ReportFormat::Text: return formatText(diff);
    case ReportFormat::Json: return formatJson(diff);
    case ReportFormat::Markdown: return formatMarkdown(diff);
    }
    return formatText(diff);
}

} // namespace pindex::diff
