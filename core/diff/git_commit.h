#pragma once

// Recording files of a work tree in a new git commit through libgit2 (no `git` process), creating
// the repository when the directory is not one yet. Pindex never commits a user's files: this
// builds example repositories (the screenshot tour's demo project, tests).

#include <filesystem>
#include <string>
#include <vector>

#include "core/util/error.h"

namespace pindex::diff {

struct CommitRequest
{
    std::filesystem::path workTree; // initialised as a repository when it is none
    std::vector<std::string> paths; // relative to workTree, '/'-separated
    std::string message;
    std::string authorName = "Pindex";
    std::string authorEmail = "pindex@example.invalid";
};

// Stages `paths` as they are on disk and commits them on HEAD (the first commit when HEAD is
// unborn). Errors name the work tree and libgit2's message.
[[nodiscard]] Status commitFiles(const CommitRequest& request);

} // namespace pindex::diff
