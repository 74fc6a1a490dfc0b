#pragma once

// SHA-256 digests for verifying index files (artifacts, PEP 658 metadata) and for cache keys.
// Hex output is lower-case.

#include <string>
#include <string_view>

namespace pindex::index {

[[nodiscard]] std::string sha256Hex(std::string_view data);

} // namespace pindex::index
