#pragma once

// Helpers the TOML-based lock readers share (internal to core/lock: toml++ stays private to it).
// Every error they make names the file, line and column of the offending node.

#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/lock/lock_snapshot.h"
#include "core/util/error.h"

namespace pindex::lock::detail {

[[nodiscard]] Result<toml::table> parseTomlDocument(std::string_view content, const std::string& sourceName);

[[nodiscard]] Error nodeError(const toml::node& node, const std::string& sourceName, std::string message);

// The string at `key`, or "" when it is absent; a Parse error when it has another type.
[[nodiscard]] Result<std::string> optionalString(const toml::table& table, std::string_view key,
                                                 const std::string& sourceName);
// Like optionalString, but absence is an error too.
[[nodiscard]] Result<std::string> requiredString(const toml::table& table, std::string_view key,
                                                 const std::string& sourceName);
// An array of strings at `key` (absent: empty); other element types are a Parse error.
[[nodiscard]] Result<std::vector<std::string>> stringArray(const toml::table& table, std::string_view key,
                                                           const std::string& sourceName);
// A string or a TOML date-time at `key`, as RFC 3339 text ("" when absent).
[[nodiscard]] std::string dateTimeText(const toml::table& table, std::string_view key);
// A non-negative integer at `key`.
[[nodiscard]] std::optional<std::uint64_t> optionalSize(const toml::table& table, std::string_view key);

[[nodiscard]] std::uint32_t lineOf(const toml::node& node);

// "sha256:abc" -> {"sha256", "abc"}; a digest without an algorithm is taken as sha256.
void addHashText(std::map<std::string, std::string>& hashes, std::string_view text);

// The last path segment of a URL or path, without query or fragment.
[[nodiscard]] std::string fileNameFromLocation(std::string_view location);

} // namespace pindex::lock::detail
