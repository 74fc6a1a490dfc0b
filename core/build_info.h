#pragma once

// What pindex-core was built with: the versions of the libraries it uses, for `pindex --version`
// and the About dialog. This is the one file outside its module that names every library.

#include <span>
#include <string_view>

namespace pindex {

struct LibraryVersion
{
    std::string_view name;
    std::string_view version;
};

[[nodiscard]] std::span<const LibraryVersion> libraryVersions();

} // namespace pindex
