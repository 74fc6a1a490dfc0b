#pragma once

// equivalentMarkers: whether two PEP 508 environment markers select the same environments, however
// they are written. Lockfile formats spell one condition differently (uv writes
// `python_full_version >= '3.12'`, another tool `python_version >= "3.12"`; uv lists several
// resolution markers where a pylock.toml has their disjunction), so the diff compares meanings,
// not text.
//
// Both markers are parsed with standards::Marker (equal canonical strings are equivalent at once);
// otherwise both are evaluated in every environment of a finite set that covers each region the
// comparisons in either marker distinguish: the Python version (one dimension for python_version
// and python_full_version, sampled at and around every version either marker names), every string
// variable at each value either marker names plus one other, and every subset of the named extras
// and groups. An empty marker holds everywhere. Text that does not parse compares as text.

#include <string_view>

namespace pindex::diff {

[[nodiscard]] bool equivalentMarkers(std::string_view left, std::string_view right);

} // namespace pindex::diff
