#pragma once

// PEP 508 dependency specifiers: `name[extra1,extra2]>=1.0,<2; python_version >= "3.8"`,
// the older `name (>=1.0)` form and URL requirements `name @ https://...`.
//
// Invariants: a parsed Requirement keeps the name as written (canonicalizeName for comparisons),
// extras as written, sorted and without duplicates, the specifier set in canonical form, the URL
// exactly as written, and the marker with PEP 685 extra values.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/standards/marker.h"
#include "core/standards/specifier.h"
#include "core/util/error.h"

namespace pindex::standards {

struct Requirement
{
    std::string name;
    std::vector<std::string> extras;
    SpecifierSet specifier;
    std::optional<std::string> url;
    std::optional<Marker> marker;

    // Canonical form: name, [extras], specifier, " @ url", then "; marker" (" ; marker" after a URL).
    [[nodiscard]] std::string str() const;

    // Same canonical name, same extras after PEP 685 normalization, equal specifier sets, same URL,
    // equal markers.
    [[nodiscard]] bool operator==(const Requirement& other) const;
};

// Errors (ErrorCode::Parse) quote the input and say what was expected at which column (1-based,
// in characters), e.g. "Invalid requirement 'foo >=': Expected end of dependency specifier at
// column 5".
[[nodiscard]] Result<Requirement> parseRequirement(std::string_view text);

} // namespace pindex::standards
