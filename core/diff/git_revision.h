#pragma once

// Reading a file as it was committed at a git revision, through libgit2 (no `git` process).
// A revision is anything `git rev-parse` understands: HEAD, a branch, a tag, a commit id, HEAD~3.

#include <filesystem>
#include <string>

#include "core/util/error.h"

namespace pindex::diff {

// The content of `file` (a path inside a git work tree; it need not exist on disk any more) at
// `revision`. NotFound when the revision or the file at that revision does not exist.
[[nodiscard]] Result<std::string> readFileAtRevision(const std::filesystem::path& file,
                                                     const std::string& revision);

} // namespace pindex::diff
