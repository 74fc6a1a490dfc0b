#pragma once

// libgit2 handles for core/diff's git code (git_revision.cpp, git_commit.cpp): its reference-counted
// global state held for the length of a use, and owning pointers that free each object with its
// own libgit2 function. Private to core/diff: include only from .cpp files that include <git2.h>.

#include <git2.h>
#include <memory>

namespace pindex::diff::git {

// libgit2's global state, set up by the first use and kept for the rest of the process. Shutting it
// down after each use leaked: the last git_libgit2_shutdown deletes the thread-local key of
// libgit2's per-thread error state, so the state of every other thread that had used libgit2 (the
// window's worker pool) was never freed (LeakSanitizer; docs/SECURITY.md, "Sanitizers"). With the
// key kept, each thread's state is freed when the thread ends.
class LibraryUse
{
public:
    LibraryUse()
    {
        static const int initialised = git_libgit2_init();
        static_cast<void>(initialised);
    }
    ~LibraryUse() = default;
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
