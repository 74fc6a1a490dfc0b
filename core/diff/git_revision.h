#pragma once

// Reading a file as it was committed at a git revision, through libgit2 (no `git` process).
// A revision is anything `git rev-parse` understands: HEAD, a branch, a tag, a commit id, HEAD~3.

#include <filesystem>
#include <string>
#include <vector>

#include "core/util/error.h"

namespace pindex::diff {

// The content of `file` (a path inside a git work tree; it need not exist on disk any more) at
// `revision`. NotFound when the revision or the file at that revision does not exist.
[[nodiscard]] Result<std::string> readFileAtRevision(const std::filesystem::path& file,
                                                     const std::string& revision);

// The commit where `left` and `right` diverged (git merge-base), as an abbreviated commit id, in
// the repository holding `file`.
[[nodiscard]] Result<std::string> mergeBase(const std::filesystem::path& file, const std::string& left,
                                            const std::string& right);

// What a "compare with" chooser offers for the repository holding `path`: local branches, then
// remote-tracking branches, then tags, each group sorted by name. NotFound outside a repository.
struct RevisionNames
{
    std::vector<std::string> branches;
    std::vector<std::string> remoteBranches;
    std::vector<std::string> tags;
};
[[nodiscard]] Result<RevisionNames> listRevisionNames(const std::filesystem::path& path);

} // namespace pindex::diff
