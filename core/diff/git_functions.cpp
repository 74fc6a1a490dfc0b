// The libgit2 functions Pindex calls (lockfiles at git revisions), opened on first use
// (core/util/lazy_library.h): a command that reads no revision never loads libgit2 and the TLS and
// SSH libraries behind it.

#include <git2.h>

#include "core/util/lazy_library.h"

namespace {
pindex::util::LazyLibrary libgit2{PINDEX_GIT2_SONAME};
} // namespace

void git_blob_free(git_blob* blob)
{
    PINDEX_LAZY_FUNCTION(libgit2, git_blob_free)(blob);
}

int git_blob_lookup(git_blob** blob, git_repository* repository, const git_oid* id)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_blob_lookup)(blob, repository, id);
}

const void* git_blob_rawcontent(const git_blob* blob)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_blob_rawcontent)(blob);
}

git_object_size_t git_blob_rawsize(const git_blob* blob)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_blob_rawsize)(blob);
}

void git_branch_iterator_free(git_branch_iterator* iterator)
{
    PINDEX_LAZY_FUNCTION(libgit2, git_branch_iterator_free)(iterator);
}

int git_branch_iterator_new(git_branch_iterator** out, git_repository* repository, git_branch_t flags)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_branch_iterator_new)(out, repository, flags);
}

int git_branch_name(const char** out, const git_reference* reference)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_branch_name)(out, reference);
}

int git_branch_next(git_reference** out, git_branch_t* type, git_branch_iterator* iterator)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_branch_next)(out, type, iterator);
}

const git_error* git_error_last(void)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_error_last)();
}

int git_libgit2_init(void)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_libgit2_init)();
}

int git_libgit2_shutdown(void)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_libgit2_shutdown)();
}

int git_merge_base(git_oid* out, git_repository* repository, const git_oid* one, const git_oid* two)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_merge_base)(out, repository, one, two);
}

void git_object_free(git_object* object)
{
    PINDEX_LAZY_FUNCTION(libgit2, git_object_free)(object);
}

const git_oid* git_object_id(const git_object* object)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_object_id)(object);
}

int git_object_peel(git_object** peeled, const git_object* object, git_object_t type)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_object_peel)(peeled, object, type);
}

char* git_oid_tostr(char* out, size_t size, const git_oid* id)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_oid_tostr)(out, size, id);
}

void git_reference_free(git_reference* reference)
{
    PINDEX_LAZY_FUNCTION(libgit2, git_reference_free)(reference);
}

void git_repository_free(git_repository* repository)
{
    PINDEX_LAZY_FUNCTION(libgit2, git_repository_free)(repository);
}

int git_repository_open_ext(git_repository** out, const char* path, unsigned int flags, const char* ceilings)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_repository_open_ext)(out, path, flags, ceilings);
}

const char* git_repository_workdir(const git_repository* repository)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_repository_workdir)(repository);
}

int git_revparse_single(git_object** out, git_repository* repository, const char* spec)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_revparse_single)(out, repository, spec);
}

void git_strarray_dispose(git_strarray* array)
{
    PINDEX_LAZY_FUNCTION(libgit2, git_strarray_dispose)(array);
}

int git_tag_list(git_strarray* names, git_repository* repository)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_tag_list)(names, repository);
}

int git_tree_entry_bypath(git_tree_entry** out, const git_tree* root, const char* path)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_tree_entry_bypath)(out, root, path);
}

void git_tree_entry_free(git_tree_entry* entry)
{
    PINDEX_LAZY_FUNCTION(libgit2, git_tree_entry_free)(entry);
}

const git_oid* git_tree_entry_id(const git_tree_entry* entry)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_tree_entry_id)(entry);
}

git_object_t git_tree_entry_type(const git_tree_entry* entry)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_tree_entry_type)(entry);
}

void git_tree_free(git_tree* tree)
{
    PINDEX_LAZY_FUNCTION(libgit2, git_tree_free)(tree);
}

// Committing (core/diff/git_commit.h).

int git_commit_create(git_oid* id, git_repository* repository, const char* update_ref,
                      const git_signature* author, const git_signature* committer,
                      const char* message_encoding, const char* message, const git_tree* tree,
                      size_t parent_count, const git_commit* parents[])
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_commit_create)(id, repository, update_ref, author, committer,
                                                            message_encoding, message, tree, parent_count,
                                                            parents);
}

void git_commit_free(git_commit* commit)
{
    PINDEX_LAZY_FUNCTION(libgit2, git_commit_free)(commit);
}

int git_commit_lookup(git_commit** commit, git_repository* repository, const git_oid* id)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_commit_lookup)(commit, repository, id);
}

int git_index_add_bypath(git_index* index, const char* path)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_index_add_bypath)(index, path);
}

void git_index_free(git_index* index)
{
    PINDEX_LAZY_FUNCTION(libgit2, git_index_free)(index);
}

int git_index_write(git_index* index)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_index_write)(index);
}

int git_index_write_tree(git_oid* out, git_index* index)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_index_write_tree)(out, index);
}

int git_reference_name_to_id(git_oid* out, git_repository* repository, const char* name)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_reference_name_to_id)(out, repository, name);
}

int git_repository_index(git_index** out, git_repository* repository)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_repository_index)(out, repository);
}

int git_repository_init(git_repository** out, const char* path, unsigned int is_bare)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_repository_init)(out, path, is_bare);
}

void git_signature_free(git_signature* signature)
{
    PINDEX_LAZY_FUNCTION(libgit2, git_signature_free)(signature);
}

int git_signature_now(git_signature** out, const char* name, const char* email)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_signature_now)(out, name, email);
}

int git_tree_lookup(git_tree** out, git_repository* repository, const git_oid* id)
{
    return PINDEX_LAZY_FUNCTION(libgit2, git_tree_lookup)(out, repository, id);
}
