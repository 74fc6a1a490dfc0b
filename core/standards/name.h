#pragma once

// Project names and extras: PEP 503 normalization, the validity rule of the core metadata spec and
// PEP 685 extra normalization. Pure functions over text; no allocation beyond the returned string.
//
// Invariants: canonicalizeName is idempotent, and two names denote the same project exactly when
// their canonical forms are equal.

#include <string>
#include <string_view>

namespace pindex::standards {

// Lower case, every run of '-', '_' and '.' replaced by one '-'. Applies to any text, valid or not
// (letters are lowered as Python does for Latin, Greek and Cyrillic scripts).
[[nodiscard]] std::string canonicalizeName(std::string_view name);

// ASCII letters and digits with inner '-', '_', '.', starting and ending with a letter or digit.
[[nodiscard]] bool isValidName(std::string_view name);

// Valid and already equal to its canonical form.
[[nodiscard]] bool isNormalizedName(std::string_view name);

// PEP 685: extras compare and print in the PEP 503 form.
[[nodiscard]] std::string normalizeExtra(std::string_view extra);

} // namespace pindex::standards
