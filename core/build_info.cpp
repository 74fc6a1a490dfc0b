#include "core/build_info.h"

#include <archive.h>
#include <array>
#include <simdjson.h>

#include <curl/curlver.h>
#include <git2/version.h>
#include <toml++/impl/version.h>

#define PINDEX_STRINGIFY_TOKENS(x) #x
#define PINDEX_STRINGIFY(x) PINDEX_STRINGIFY_TOKENS(x)

namespace pindex {

std::span<const LibraryVersion> libraryVersions()
{
    static constexpr std::array kVersions{
        LibraryVersion{"libcurl", LIBCURL_VERSION},
        LibraryVersion{"libarchive", ARCHIVE_VERSION_ONLY_STRING},
        LibraryVersion{"libgit2", LIBGIT2_VERSION},
        LibraryVersion{"simdjson", PINDEX_STRINGIFY(SIMDJSON_VERSION)},
        LibraryVersion{"toml++", PINDEX_STRINGIFY(TOML_LIB_MAJOR) "." PINDEX_STRINGIFY(
                                     TOML_LIB_MINOR) "." PINDEX_STRINGIFY(TOML_LIB_PATCH)},
    };
    return kVersions;
}

} // namespace pindex
