#pragma once

// libgit2 handles for core/diff's git code (git_revision.cpp, git_commit.cpp): its reference-counted
// global state held for the length of a use, and owning pointers that free each object with its
// own libgit2 function. Private to core/diff: include only from .cpp files that include <git2.h>.

#include <git2.h>
#include <memory>

namespace pindex::diff::git {

// libgit2's global state is reference-counted: each use holds one reference while it runs.
class LibraryUse
{
public:
    LibraryUse() { git_libgit2_init(); }
    ~LibraryUse() { git_libgit2_shutdown(); }
    LibraryUse(const LibraryUse&) = delete;
    LibraryUse& operator=(const LibraryUse&) = delete;
};

template <typename T, void (*Free)(T*)>
struct Deleter
{
    void operator()(T* pointer) const { Free(pointer); }
};

template <typename T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

using RepositoryPtr = Owned<git_repository, git_repository_free>;
using TreePtr = Owned<git_tree, git_tree_free>;

} // namespace pindex::diff::git
