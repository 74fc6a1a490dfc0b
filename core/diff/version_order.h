#pragma once

// compareVersions: the one place the diff decides whether a version went up or down.
//
// PEP 440 ordering through standards::Version. Lockfiles can hold versions that are not valid
// PEP 440 (old packages, local builds); those compare by their numeric release segments, then
// as text, so the order stays total and stable. Returns <0, 0 or >0.

#include <string_view>

namespace pindex::diff {

[[nodiscard]] int compareVersions(std::string_view left, std::string_view right);

} // namespace pindex::diff
