#pragma once

// Keeping the index cache (HttpCache's directory) small: `pindex cache prune` and `pindex cache
// clean`.
//
// prune removes what can no longer help:
//   - temporary files a crashed writer left behind,
//   - directories of older cache layouts (e.g. "simple-v0"),
//   - unreadable (corrupt) entries,
//   - Simple API responses that are stale and were stored longer ago than `staleAfterSeconds`,
//   - metadata files and artifacts that no remaining Simple API response refers to.
// clean removes the whole cache directory.
//
// Safe while another Pindex process uses the cache: every entry is written to a temporary file
// renamed into place, so a file is either complete or absent; prune never touches a file modified
// within `graceSeconds` (it may be in use by a run that is writing related entries right now),
// and clean first renames the directory away (atomically) and deletes the renamed copy, so a
// concurrent writer simply starts a new cache. Removing an entry costs at most a refetch.

#include <cstdint>
#include <filesystem>

#include "core/index/http_cache.h"
#include "core/util/error.h"

namespace pindex::index {

struct PruneOptions
{
    std::int64_t now = 0;                           // seconds since the epoch; 0: the clock
    std::int64_t staleAfterSeconds = 7 * 24 * 3600; // stale Simple API responses older than this go
    std::int64_t graceSeconds = 3600;               // files modified this recently stay
};

struct CacheUsage
{
    std::size_t files = 0;
    std::uintmax_t bytes = 0;
};

struct PruneReport
{
    CacheUsage removed;
    CacheUsage kept;
};

[[nodiscard]] Result<PruneReport> pruneCache(const HttpCache& cache, const PruneOptions& options = {});

// Removes the whole cache directory; reports what it held.
[[nodiscard]] Result<CacheUsage> cleanCache(const HttpCache& cache);

} // namespace pindex::index
