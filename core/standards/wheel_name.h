#pragma once

// Distribution file names: wheels `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`
// (PEP 427, with compressed tag sets) and source distributions `{name}-{version}.tar.gz|.zip`.
//
// Invariants: `name` is canonical (PEP 503), `version` parsed, tags expanded and lower case.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/standards/tags.h"
#include "core/standards/version.h"
#include "core/util/error.h"

namespace pindex::standards {

// A wheel build tag: leading digits as a number and the rest ("2_abc" gives 2, "_abc"). Build tags
// order by number, then by the rest.
struct BuildTag
{
    std::uint64_t number = 0;
    std::string rest;

    [[nodiscard]] auto operator<=>(const BuildTag&) const = default;
};

struct WheelName
{
    std::string name; // canonical
    Version version;
    std::optional<BuildTag> build;
    std::vector<Tag> tags;
    bool tagOrderValid = true; // compressed components were sorted as PEP 425 asks
};

struct SdistName
{
    std::string name; // canonical
    Version version;
};

// Errors (ErrorCode::Parse) quote the file name and say which part is wrong.
[[nodiscard]] Result<WheelName> parseWheelName(std::string_view filename);
[[nodiscard]] Result<SdistName> parseSdistName(std::string_view filename);
// The name and version of a wheel file name, accepted and rejected as parseWheelName does, without
// expanding its tag set (what reading a project page of thousands of files needs).
[[nodiscard]] Result<SdistName> parseWheelNameAndVersion(std::string_view filename);

// parseWheelNameAndVersion for the files of one project page, read in order: a page's wheels share
// their name part, and the wheels of a release their version part, so a part equal to the last
// accepted wheel's takes that wheel's canonical name or parsed version instead of being parsed
// again (the build tag and tag set are always checked). Every answer is
// parseWheelNameAndVersion's for the same file name.
class WheelNameReader
{
public:
    [[nodiscard]] Result<SdistName> nameAndVersion(std::string_view filename);

private:
    std::string m_namePart;    // of the last accepted wheel, as written
    std::string m_versionPart; // likewise
    std::optional<SdistName> m_last;
};

} // namespace pindex::standards
