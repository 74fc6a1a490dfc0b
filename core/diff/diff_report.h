#pragma once

// Renders a LockDiff for people and machines: plain text for a terminal, JSON with a stable shape
// (changes sorted by name, keys in a fixed order), and a Markdown table for a pull-request comment.
//
// JSON shape: {"old": ..., "new": ..., "changes": [{"name", "kind", "old_versions", "new_versions",
// "old_index", "new_index", "flags", "introduced_by"}], "summary": {"added", "removed", "upgraded",
// "downgraded", "changed"}}; an unknown index is null.

#include <string>
#include <string_view>

#include "core/diff/lock_diff.h"

namespace pindex::diff {

enum class ReportFormat : std::uint8_t { Text, Json, Markdown };

[[nodiscard]] std::optional<ReportFormat> parseReportFormat(std::string_view name);

[[nodiscard]] std::string formatText(const LockDiff& diff);
[[nodiscard]] std::string formatJson(const LockDiff& diff);
[[nodiscard]] std::string formatMarkdown(const LockDiff& diff);
[[nodiscard]] std::string formatReport(const LockDiff& diff, ReportFormat format);

// "1.0 -> 2.0", "+ 1.0", "- 1.0", "1.0, 2.0 -> 2.0, 3.0".
[[nodiscard]] std::string versionArrow(const PackageChange& change);

} // namespace pindex::diff
