#pragma once

// The core metadata of a source distribution without building it: PKG-INFO at the top of the
// archive ("{name}-{version}/PKG-INFO"), read with libarchive (.tar.gz, .zip and the legacy
// .tar.bz2 / .tar.xz / .tgz archives). PKG-INFO is trusted only as PEP 643 allows: its
// Metadata-Version must be 2.2 or later and neither Requires-Dist nor Requires-Python may be listed
// in Dynamic. Otherwise
// the answer is a reason why the sdist needs a build (a result, not an error): the dependencies
// are only known once a build backend has produced a wheel's METADATA.
//
// Invariants: nothing is extracted to disk; members are read with a size limit; a corrupt archive
// is an error naming the file, never a crash.

#include <optional>
#include <string>
#include <string_view>

#include "core/util/error.h"

namespace pindex::index {

struct SdistMetadata
{
    std::optional<std::string> metadata; // the PKG-INFO text, when it may be used as is
    std::string needsBuildReason;        // why not, when metadata is empty
};

// `archive` holds the sdist's bytes; `filename` names it in errors and reasons.
[[nodiscard]] Result<SdistMetadata> readSdistMetadata(std::string_view archive, std::string_view filename);

} // namespace pindex::index
