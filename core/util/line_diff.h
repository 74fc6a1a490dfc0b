#pragma once

// unifiedDiff: the line-by-line difference of two texts in the unified format ("@@ -a,b +c,d @@",
// ' ', '-', '+' lines) with a few lines of context, as a preview of an edit before it is written.
// Line endings are kept in the compared lines, so a changed line ending shows as a change; a last
// line without a newline is marked "\ No newline at end of file" as diff does.
//
// Meant for configuration files (an O(n·m) longest common subsequence; both texts up to a few
// thousand lines).

#include <string>
#include <string_view>

namespace pindex {

[[nodiscard]] std::string unifiedDiff(std::string_view before, std::string_view after,
                                      std::size_t context = 3);

} // namespace pindex
