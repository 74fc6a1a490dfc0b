#pragma once

// Checks shared by the project's golden and property tests: an edit may change only the entries
// it is about, both as bytes (the changed region of the text lies inside the edited entries) and as
// data (the parsed documents agree everywhere outside the edited key paths).

#include <string>
#include <vector>

#include "core/project/toml_editor.h"

namespace pindex::project::test {

// Empty when the parsed documents are equal once `scope` (and tables left empty) are removed;
// otherwise a description of the difference.
[[nodiscard]] std::string differenceOutsideScope(const std::string& before, const std::string& after,
                                                 const std::vector<KeyPath>& scope);

// Empty when every byte that differs between `before` and `after` lies inside the spans of
// `before` that hold the entries of `scope` (or is appended at the end); otherwise a description.
[[nodiscard]] std::string bytesChangedOutsideScope(const std::string& before, const std::string& after,
                                                   const std::vector<KeyPath>& scope);

} // namespace pindex::project::test
