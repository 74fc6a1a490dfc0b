#pragma once

// The RECORD file of an installed or packed distribution (the binary distribution format's CSV:
// path, hash as `sha256=<urlsafe base64 without padding>`, size), and the hash encoding it uses.
//
// Invariants: paths are kept exactly as written (forward slashes, relative to the directory that
// holds the .dist-info); an entry without hash has empty `hash` and no `size`.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/error.h"

namespace pindex::install {

struct RecordEntry
{
    std::string path;
    std::string hash; // "sha256=..." or empty
    std::optional<std::uint64_t> size;
};

// Parses RECORD (CSV with optional double-quoted fields). ErrorCode::Parse naming line and column.
[[nodiscard]] Result<std::vector<RecordEntry>> parseRecord(std::string_view text, std::string_view fileName);

// Writes RECORD text, quoting fields that need it.
[[nodiscard]] std::string formatRecord(const std::vector<RecordEntry>& entries);

// "sha256=" + urlsafe base64 (no padding) of the SHA-256 digest of `data`.
[[nodiscard]] std::string recordHash(std::string_view data);

// The lower-case hex SHA-256 digest that a RECORD hash denotes (empty when it is not sha256).
[[nodiscard]] std::string recordHashToHex(std::string_view recordHash);

} // namespace pindex::install
