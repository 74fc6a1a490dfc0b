// The libarchive functions Pindex calls (reading wheels and sdists), opened on first use
// (core/util/lazy_library.h): a command that unpacks nothing never loads libarchive and the
// compression and XML libraries behind it.

#include <archive.h>
#include <archive_entry.h>

#include "core/util/lazy_library.h"

namespace {
pindex::util::LazyLibrary libarchive{PINDEX_ARCHIVE_SONAME};
} // namespace

struct archive* archive_read_new(void)
{
    return PINDEX_LAZY_FUNCTION(libarchive, archive_read_new)();
}

int archive_read_free(struct archive* archive)
{
    return PINDEX_LAZY_FUNCTION(libarchive, archive_read_free)(archive);
}

int archive_read_support_filter_all(struct archive* archive)
{
    return PINDEX_LAZY_FUNCTION(libarchive, archive_read_support_filter_all)(archive);
}

int archive_read_support_format_tar(struct archive* archive)
{
    return PINDEX_LAZY_FUNCTION(libarchive, archive_read_support_format_tar)(archive);
}

int archive_read_support_format_zip(struct archive* archive)
{
    return PINDEX_LAZY_FUNCTION(libarchive, archive_read_support_format_zip)(archive);
}

int archive_read_open_filename(struct archive* archive, const char* fileName, size_t blockSize)
{
    return PINDEX_LAZY_FUNCTION(libarchive, archive_read_open_filename)(archive, fileName, blockSize);
}

int archive_read_open_memory(struct archive* archive, const void* buffer, size_t size)
{
    return PINDEX_LAZY_FUNCTION(libarchive, archive_read_open_memory)(archive, buffer, size);
}

int archive_read_next_header(struct archive* archive, struct archive_entry** entry)
{
    return PINDEX_LAZY_FUNCTION(libarchive, archive_read_next_header)(archive, entry);
}

la_ssize_t archive_read_data(struct archive* archive, void* buffer, size_t size)
{
    return PINDEX_LAZY_FUNCTION(libarchive, archive_read_data)(archive, buffer, size);
}

const char* archive_error_string(struct archive* archive)
{
    return PINDEX_LAZY_FUNCTION(libarchive, archive_error_string)(archive);
}

const char* archive_entry_pathname(struct archive_entry* entry)
{
    return PINDEX_LAZY_FUNCTION(libarchive, archive_entry_pathname)(entry);
}

const char* archive_entry_hardlink(struct archive_entry* entry)
{
    return PINDEX_LAZY_FUNCTION(libarchive, archive_entry_hardlink)(entry);
}

const char* archive_entry_symlink(struct archive_entry* entry)
{
    return PINDEX_LAZY_FUNCTION(libarchive, archive_entry_symlink)(entry);
}

__LA_MODE_T archive_entry_filetype(struct archive_entry* entry)
{
    return PINDEX_LAZY_FUNCTION(libarchive, archive_entry_filetype)(entry);
}

__LA_MODE_T archive_entry_perm(struct archive_entry* entry)
{
    return PINDEX_LAZY_FUNCTION(libarchive, archive_entry_perm)(entry);
}

la_int64_t archive_entry_size(struct archive_entry* entry)
{
    return PINDEX_LAZY_FUNCTION(libarchive, archive_entry_size)(entry);
}

int archive_entry_size_is_set(struct archive_entry* entry)
{
    return PINDEX_LAZY_FUNCTION(libarchive, archive_entry_size_is_set)(entry);
}
