#pragma once

// Which wheels of a sync may be installed side by side (internal to the sync job): two wheels
// that may write the same path are installed one after the other.

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "core/install/unpacked_cache.h"

namespace pindex::install {

// Where a wheel's files land, coarsely: the first path component under each destination (site-
// packages, bin, include, the venv root), and each launcher's name. Two wheels with a key in common
// may write the same path (a namespace package's `__init__.py`, a script of the same name), so
// they are installed one after the other.
[[nodiscard]] std::set<std::string> placementKeys(const UnpackedWheel& wheel);

// Splits `items` into groups no two of which share a key, each in the order of `items`.
[[nodiscard]] std::vector<std::vector<std::size_t>>
disjointGroups(const std::vector<std::set<std::string>>& keys);

} // namespace pindex::install
