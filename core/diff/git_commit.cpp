#include "core/diff/git_commit.h"

#include <git2.h>

#include "core/diff/git_handles.h"

namespace pindex::diff {
namespace {

using git::LibraryUse;
using git::RepositoryPtr;
using git::TreePtr;
using IndexPtr = git::Owned<git_index, git_index_free>;
using SignaturePtr = git::Owned<git_signature, git_signature_free>;
using CommitPtr = git::Owned<git_commit, git_commit_free>;

Error failure(const CommitRequest& request, const std::string& what)
{
    const git_error* error = git_error_last();
    return makeFileError(
        ErrorCode::Io,
        what + ": " + (error != nullptr && error->message != nullptr ? error->message : "unknown error"),
        request.workTree.string());
}

} // namespace

Status commitFiles(const CommitRequest& request)
{
    const LibraryUse library;
    git_repository* rawRepository = nullptr;
    if (git_repository_open_ext(&rawRepository, request.workTree.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH,
                                nullptr) != 0 &&
        git_repository_init(&rawRepository, request.workTree.c_str(), 0) != 0)
        return std::unexpected(failure(request, "cannot create a git repository"));
    const RepositoryPtr repository(rawRepository);

    git_index* rawIndex = nullptr;
    if (git_repository_index(&rawIndex, repository.get()) != 0)
        return std::unexpected(failure(request, "cannot open the git index"));
    const IndexPtr index(rawIndex);
    for (const auto& path : request.paths) {
        if (git_index_add_bypath(index.get(), path.c_str()) != 0)
            return std::unexpected(failure(request, "cannot stage " + path));
    }
    git_oid treeId;
    if (git_index_write(index.get()) != 0 || git_index_write_tree(&treeId, index.get()) != 0)
        return std::unexpected(failure(request, "cannot write the git index"));
    git_tree* rawTree = nullptr;
    if (git_tree_lookup(&rawTree, repository.get(), &treeId) != 0)
        return std::unexpected(failure(request, "cannot read the staged tree"));
    const TreePtr tree(rawTree);

    git_signature* rawSignature = nullptr;
    if (git_signature_now(&rawSignature, request.authorName.c_str(), request.authorEmail.c_str()) != 0)
        return std::unexpected(failure(request, "invalid commit author"));
    const SignaturePtr signature(rawSignature);

    CommitPtr parent;
    git_oid parentId;
    if (git_reference_name_to_id(&parentId, repository.get(), "HEAD") == 0) {
        git_commit* rawParent = nullptr;
        if (git_commit_lookup(&rawParent, repository.get(), &parentId) != 0)
            return std::unexpected(failure(request, "cannot read HEAD"));
        parent.reset(rawParent);
    }
    const git_commit* parents[] = {parent.get()};
    git_oid commitId;
    if (git_commit_create(&commitId, repository.get(), "HEAD", signature.get(), signature.get(), nullptr,
                          request.message.c_str(), tree.get(), parent ? 1 : 0, parents) != 0)
        return std::unexpected(failure(request, "cannot commit"));
    return {};
}

} // namespace pindex::diff
