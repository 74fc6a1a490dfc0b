#pragma once

// Helpers the TOML-based lock readers share (internal to core/lock). They read the TomlDocument
// model of lock_toml.h; every error they make names the file, line and column of the offending
// node.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lock/lock_snapshot.h"
#include "core/lock/lock_toml.h"
#include "core/util/error.h"

namespace pindex::lock::detail {

[[nodiscard]] Error nodeError(const TomlNode& node, const std::string& sourceName, std::string message);

// The string at `key`, or "" when it is absent; a Parse error when it has another type.
[[nodiscard]] Result<std::string> optionalString(const TomlNode& table, std::string_view key,
                                                 const std::string& sourceName);
// Like optionalString, but absence is an error too.
[[nodiscard]] Result<std::string> requiredString(const TomlNode& table, std::string_view key,
                                                 const std::string& sourceName);
// The string at `key`, or "" when it is absent or of another type (for fields that are only
// informative).
[[nodiscard]] std::string lenientString(const TomlNode& table, std::string_view key);
// An array of strings at `key` (absent: empty); other element types are a Parse error.
[[nodiscard]] Result<std::vector<std::string>> stringArray(const TomlNode& table, std::string_view key,
                                                           const std::string& sourceName);
// A string or a TOML date-time at `key`, as RFC 3339 text ("" when absent).
[[nodiscard]] std::string dateTimeText(const TomlNode& table, std::string_view key);
// A non-negative integer at `key`.
[[nodiscard]] std::optional<std::uint64_t> optionalSize(const TomlNode& table, std::string_view key);

[[nodiscard]] inline std::uint32_t lineOf(const TomlNode& node)
{
    return node.line();
}

// "sha256:abc" -> {"sha256", "abc"}; a digest without an algorithm is taken as sha256.
void addHashText(std::map<std::string, std::string>& hashes, std::string_view text);

// How many lines of `content` start with `header` ("[[packages]]"): at least the number of tables
// that array will hold (a multi-line string may hold more), to reserve room for them.
[[nodiscard]] std::size_t countHeaders(std::string_view content, std::string_view header);

// How a reader takes a lockfile whose packages are a root array of tables.
struct PackageArray
{
    // The [[key]] tables, each read as soon as the parser completes it (see TomlStream).
    std::string_view streamKey;
    // Where packages written inline (key = [...], not streamed) are looked for; the first found.
    std::vector<std::string_view> inlineKeys;
    // The root's key/values, read once: with the first package, or after the parse when none.
    std::function<Status(const TomlNode& root)> readHeader;
    // One package table (an item that is not a table is an error before this is called).
    std::function<Status(const TomlNode& table)> addPackage;
    // Optional: the whole root once every package is read (tables after the array: [metadata]).
    std::function<Status(const TomlNode& root)> readTrailer = {};
};

// Parses `content` (borrowed: it must outlive the call) and hands its header and packages to
// `reader` in that order; the first error ends the read.
[[nodiscard]] Status readPackageArray(std::string_view content, const std::string& sourceName,
                                      const PackageArray& reader);

// The last path segment of a URL or path, without query or fragment.
[[nodiscard]] std::string fileNameFromLocation(std::string_view location);

} // namespace pindex::lock::detail
