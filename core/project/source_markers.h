#pragma once

// The bit of marker algebra that pins in [tool.uv.sources] need. uv accepts a list of sources for
// one package only when every entry has a marker and the markers are pairwise disjoint; Pindex
// checks that before it writes a list, and turns an unconditional pin into "everywhere else" (the
// complement of the new marker) when a marker pin joins it.
//
// Invariants: markers are written the way uv writes them (single-quoted values, canonical
// spacing); overlap is decided by evaluating both markers over every combination of the values
// they mention (python_version derived from python_full_version, as uv relates them), so two
// markers reported disjoint are disjoint for those values.

#include <string>
#include <string_view>

#include "core/util/error.h"

namespace pindex::project {

// `marker` in uv's spelling; a parse error names the marker.
[[nodiscard]] Result<std::string> normalizeMarker(std::string_view marker);

// The marker that holds exactly where `marker` does not (De Morgan, each comparison inverted).
// ErrorCode::Unsupported for `~=` and `===`, which have no inverse.
[[nodiscard]] Result<std::string> complementMarker(std::string_view marker);

// True when some environment satisfies both markers.
[[nodiscard]] Result<bool> markersOverlap(std::string_view first, std::string_view second);

} // namespace pindex::project
