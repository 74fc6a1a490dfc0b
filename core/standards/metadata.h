#pragma once

// Core metadata (METADATA in wheels, PKG-INFO in sdists, *.metadata files of PEP 658), versions
// 1.0 to 2.4: an email-style header block with folded lines, then an optional body (the
// description).
//
// Parsing is tolerant where the format is loose (field name case, folded lines, CRLF, unknown
// fields, a body) and strict where it matters for resolution: Metadata-Version, Name and Version
// must be present and valid, every Requires-Dist must be a valid PEP 508 requirement,
// Requires-Python a valid specifier set, Provides-Extra valid names. Errors name the field and
// its line.
//
// Invariants: `name` is valid (as written; canonicalizeName for comparisons); `providesExtra`
// holds PEP 685 normalized names without duplicates; `dynamic` holds lower-case field names.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/standards/requirement.h"
#include "core/standards/specifier.h"
#include "core/standards/version.h"
#include "core/util/error.h"

namespace pindex::standards {

struct CoreMetadata
{
    std::string metadataVersion; // e.g. "2.1"
    std::string name;
    Version version;
    std::optional<std::string> summary;
    std::vector<Requirement> requiresDist;
    std::optional<SpecifierSet> requiresPython;
    std::vector<std::string> providesExtra;
    std::vector<std::string> dynamic;
    std::optional<std::string> license;
    std::optional<std::string> licenseExpression;
    std::optional<std::string> descriptionContentType;
    std::vector<std::string> classifiers;
    std::vector<std::pair<std::string, std::string>> projectUrls; // label, URL
    std::string description;                                      // the Description field or the body
    // Every other field as (name as written, value), in file order.
    std::vector<std::pair<std::string, std::string>> otherFields;
};

// sourceName (e.g. "foo-1.0.dist-info/METADATA") is used in error locations; when empty, errors
// say "line N" in their message instead.
[[nodiscard]] Result<CoreMetadata> parseCoreMetadata(std::string_view text, std::string_view sourceName = {});

} // namespace pindex::standards
