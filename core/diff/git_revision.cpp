#include "core/diff/git_revision.h"

#include <git2.h>
#include <memory>

namespace pindex::diff {
namespace {

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
using RepositoryPtr = std::unique_ptr<git_repository, Deleter<git_repository, git_repository_free>>;
using ObjectPtr = std::unique_ptr<git_object, Deleter<git_object, git_object_free>>;
using TreePtr = std::unique_ptr<git_tree, Deleter<git_tree, git_tree_free>>;
using EntryPtr = std::unique_ptr<git_tree_entry, Deleter<git_tree_entry, git_tree_entry_free>>;
using BlobPtr = std::unique_ptr<git_blob, Deleter<git_blob, git_blob_free>>;

std::string lastGitMessage()
{
    const git_error* error = git_error_last();
    return error != nullptr && error->message != nullptr ? std::string(error->message)
                                                         : std::string("unknown error");
}

Error gitError(ErrorCode code, std::string message, const std::filesystem::path& file)
{
    return makeFileError(code, std::move(message), file.string());
}

} // namespace

Result<std::string> readFileAtRevision(const std::filesystem::path& file, const std::string& revision)
{
    const LibraryUse library;
    std::error_code ec;
    const std::filesystem::path absolute =
        std::filesystem::weakly_canonical(std::filesystem::absolute(file, ec), ec);
    if (ec)
        return std::unexpected(gitError(ErrorCode::Io, "cannot resolve the path: " + ec.message(), file));

    git_repository* rawRepository = nullptr;
    if (git_repository_open_ext(&rawRepository, absolute.parent_path().c_str(), 0, nullptr) != 0) {
        auto error = gitError(ErrorCode::NotFound, "not inside a git repository: " + lastGitMessage(), file);
        error.hint = "run the comparison inside the project's git work tree";
        return std::unexpected(std::move(error));
    }
    const RepositoryPtr repository(rawRepository);
    const char* workdir = git_repository_workdir(repository.get());
    if (workdir == nullptr)
        return std::unexpected(gitError(ErrorCode::Invalid, "the repository has no work tree", file));
    const std::filesystem::path root = std::filesystem::weakly_canonical(workdir, ec);
    const std::string relative = absolute.lexically_relative(root).generic_string();
    if (relative.empty() || relative.starts_with(".."))
        return std::unexpected(
            gitError(ErrorCode::Invalid, "the file is outside the repository's work tree", file));

    git_object* rawObject = nullptr;
    if (git_revparse_single(&rawObject, repository.get(), revision.c_str()) != 0) {
        return std::unexpected(
            gitError(ErrorCode::NotFound, "unknown revision '" + revision + "': " + lastGitMessage(), file));
    }
    const ObjectPtr object(rawObject);
    git_object* rawTree = nullptr;
    if (git_object_peel(&rawTree, object.get(), GIT_OBJECT_TREE) != 0) {
        return std::unexpected(
            gitError(ErrorCode::Invalid,
                     "revision '" + revision + "' does not name a commit: " + lastGitMessage(), file));
    }
    const TreePtr tree(reinterpret_cast<git_tree*>(rawTree));
    git_tree_entry* rawEntry = nullptr;
    if (git_tree_entry_bypath(&rawEntry, tree.get(), relative.c_str()) != 0) {
        return std::unexpected(
            gitError(ErrorCode::NotFound, relative + " does not exist at revision '" + revision + "'", file));
    }
    const EntryPtr entry(rawEntry);
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB)
        return std::unexpected(
            gitError(ErrorCode::Invalid, relative + " is not a file at '" + revision + "'", file));
    git_blob* rawBlob = nullptr;
    if (git_blob_lookup(&rawBlob, repository.get(), git_tree_entry_id(entry.get())) != 0)
        return std::unexpected(gitError(ErrorCode::Io, "cannot read the blob: " + lastGitMessage(), file));
    const BlobPtr blob(rawBlob);
    const auto* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
    return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

} // namespace pindex::diff
