#include "core/diff/git_revision.h"

#include <algorithm>
#include <git2.h>

#include "core/diff/git_handles.h"

namespace pindex::diff {
namespace {

using git::LibraryUse;
using git::RepositoryPtr;
using git::TreePtr;
using ObjectPtr = git::Owned<git_object, git_object_free>;
using EntryPtr = git::Owned<git_tree_entry, git_tree_entry_free>;
using BlobPtr = git::Owned<git_blob, git_blob_free>;
using ReferencePtr = git::Owned<git_reference, git_reference_free>;
using BranchIteratorPtr = git::Owned<git_branch_iterator, git_branch_iterator_free>;

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

// The repository whose work tree holds `path` (a file or a directory).
Result<RepositoryPtr> openRepository(const std::filesystem::path& path)
{
    std::error_code ec;
    std::filesystem::path start = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
    if (!std::filesystem::is_directory(start, ec))
        start = start.parent_path();
    git_repository* raw = nullptr;
    if (git_repository_open_ext(&raw, start.c_str(), 0, nullptr) != 0) {
        auto error = gitError(ErrorCode::NotFound, "not inside a git repository: " + lastGitMessage(), path);
        error.hint = "run the comparison inside the project's git work tree";
        return std::unexpected(std::move(error));
    }
    return RepositoryPtr(raw);
}

Result<git_oid> commitOf(git_repository* repository, const std::string& revision,
                         const std::filesystem::path& file)
{
    git_object* raw = nullptr;
    if (git_revparse_single(&raw, repository, revision.c_str()) != 0)
        return std::unexpected(
            gitError(ErrorCode::NotFound, "unknown revision '" + revision + "': " + lastGitMessage(), file));
    const ObjectPtr object(raw);
    git_object* commit = nullptr;
    if (git_object_peel(&commit, object.get(), GIT_OBJECT_COMMIT) != 0)
        return std::unexpected(
            gitError(ErrorCode::Invalid,
                     "revision '" + revision + "' does not name a commit: " + lastGitMessage(), file));
    const ObjectPtr peeled(commit);
    return *git_object_id(peeled.get());
}

} // namespace

Result<std::string> mergeBase(const std::filesystem::path& file, const std::string& left,
                              const std::string& right)
{
    const LibraryUse library;
    auto repository = openRepository(file);
    if (!repository)
        return std::unexpected(repository.error());
    const auto leftId = commitOf(repository->get(), left, file);
    if (!leftId)
        return std::unexpected(leftId.error());
    const auto rightId = commitOf(repository->get(), right, file);
    if (!rightId)
        return std::unexpected(rightId.error());
    git_oid base;
    if (git_merge_base(&base, repository->get(), &*leftId, &*rightId) != 0)
        return std::unexpected(gitError(ErrorCode::NotFound,
                                        "'" + left + "' and '" + right + "' have no common ancestor", file));
    char text[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(text, sizeof text, &base);
    return std::string(text, 12);
}

Result<RevisionNames> listRevisionNames(const std::filesystem::path& path)
{
    const LibraryUse library;
    auto repository = openRepository(path);
    if (!repository)
        return std::unexpected(repository.error());
    RevisionNames names;
    git_branch_iterator* rawIterator = nullptr;
    if (git_branch_iterator_new(&rawIterator, repository->get(), GIT_BRANCH_ALL) == 0) {
        const BranchIteratorPtr iterator(rawIterator);
        git_reference* rawReference = nullptr;
        git_branch_t type{};
        while (git_branch_next(&rawReference, &type, iterator.get()) == 0) {
            const ReferencePtr reference(rawReference);
            const char* name = nullptr;
            if (git_branch_name(&name, reference.get()) != 0 || name == nullptr)
                continue;
            const std::string text(name);
            if (text.ends_with("/HEAD"))
                continue;
            (type == GIT_BRANCH_LOCAL ? names.branches : names.remoteBranches).push_back(text);
        }
    }
    git_strarray tags{};
    if (git_tag_list(&tags, repository->get()) == 0) {
        for (std::size_t i = 0; i < tags.count; ++i)
            names.tags.emplace_back(tags.strings[i]);
        git_strarray_dispose(&tags);
    }
    for (auto* list : {&names.branches, &names.remoteBranches, &names.tags})
        std::sort(list->begin(), list->end());
    return names;
}

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
