#pragma once

// The on-disk cache of index traffic, under $XDG_CACHE_HOME/pindex (or ~/.cache/pindex, or a
// directory the caller chooses):
//
//   simple-v2/<key>             Simple API responses with their validators (ETag, Last-Modified)
//   metadata-v2/<key>           core metadata files (keyed by their sha256 when the index gives it)
//   artifacts-v1/sha256/<ab>/<hex>  downloaded wheels and sdists, content-addressed
//
// Responses and metadata files sit directly in their bucket's directory: a cold lock stores some
// 150 of them, and a directory of its own for each (up to 256 per bucket) cost the filesystem more
// than the files themselves (docs/BENCHMARKS.md). A bucket's name carries its layout's version; a
// new layout is a new name, and pruning removes the directories of the others.
//
// An entry is one file: a few "name: value" header lines, an empty line, then the body. Every
// write goes to a temporary file renamed into place (writeFileAtomic), so two Pindex processes
// sharing the cache never see a torn entry; the last writer wins.
//
// With `backgroundWrites` (a short-lived process fetching many pages: `pindex lock`), entries and
// removals are handed to a thread of their own (CacheWriter) and the caller goes on at once; this
// object's loads see them before they reach the disk, and its destructor (or `flush`) waits for
// them. Other processes see each entry when its rename is done, as before.
//
// Invariants: keys are sha256 digests of the URL without credentials (plus the Accept header), so
// no secret is ever part of a file name or content; a cached response never holds credentials.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/util/error.h"

namespace pindex::index {

class CacheWriter;

// The buckets of the index client's entries, and of downloads (see the layout above).
inline constexpr std::string_view kSimpleBucket = "simple-v2";
inline constexpr std::string_view kMetadataBucket = "metadata-v2";
inline constexpr std::string_view kArtifactBucket = "artifacts-v1";

struct HttpCacheOptions
{
    bool backgroundWrites = false; // store() and remove() return before the disk is touched
};

struct CachedResponse
{
    std::string url; // masked
    std::string contentType;
    std::string etag;
    std::string lastModified;
    std::string cacheControl;  // as the server sent it
    std::int64_t storedAt = 0; // seconds since the epoch
    std::string body;
    std::string date;     // the server's Date header, as sent
    std::string expires;  // the Expires header, as sent
    std::int64_t age = 0; // the Age header (seconds the response had spent in shared caches)
};

class HttpCache
{
public:
    explicit HttpCache(std::filesystem::path root, HttpCacheOptions options = {});
    ~HttpCache(); // waits for background writes
    HttpCache(HttpCache&&) noexcept;
    HttpCache& operator=(HttpCache&&) noexcept;

    // Waits until every entry stored so far is on disk (nothing to wait for without
    // backgroundWrites).
    void flush() const;

    // $XDG_CACHE_HOME/pindex, else $HOME/.cache/pindex, else a directory under the temp dir.
    [[nodiscard]] static std::filesystem::path defaultDirectory();

    [[nodiscard]] const std::filesystem::path& root() const { return m_root; }

    // The key of a response: sha256 of the URL (credentials removed) and the Accept header.
    [[nodiscard]] static std::string keyFor(std::string_view url, std::string_view accept);

    // std::nullopt when absent; a corrupt entry counts as absent (and is overwritten later).
    [[nodiscard]] std::optional<CachedResponse> load(std::string_view bucket, std::string_view key) const;
    // The same without the body (left empty), reading only the entry's first lines: enough to
    // tell whether it is fresh.
    [[nodiscard]] std::optional<CachedResponse> loadHeaders(std::string_view bucket,
                                                            std::string_view key) const;
    // With backgroundWrites, succeeds at once; a write that fails later is dropped (the entry is
    // fetched again next time).
    [[nodiscard]] Status store(std::string_view bucket, std::string_view key,
                               const CachedResponse& response) const;
    // The same with the body given apart (`response.body` is not read): a page read in summary
    // keeps its body in the page.
    [[nodiscard]] Status store(std::string_view bucket, std::string_view key, const CachedResponse& response,
                               std::string_view body) const;

    [[nodiscard]] std::filesystem::path artifactPath(std::string_view sha256) const;
    [[nodiscard]] std::optional<std::string> loadArtifact(std::string_view sha256) const;
    [[nodiscard]] Status storeArtifact(std::string_view sha256, const std::string& content) const;

    // Whether a response stored at `storedAt` may be used at `now` (seconds) without asking the
    // server, as a private cache decides it (RFC 9111):
    //   - the policy is the index's `cache-control` override when not empty (it replaces the
    //     server's Cache-Control and Expires), else the server's Cache-Control;
    //   - no-cache and no-store: never fresh; max-age=N: fresh for N seconds; s-maxage (shared
    //     caches only), private and public change nothing;
    //   - without max-age, Expires minus Date (or the time it was stored) is the lifetime; an
    //     invalid Expires ("0") means already expired; without either, revalidate (no heuristics);
    //   - the response's age counts its Age header, and Date when it lies before the storing time.
    // must-revalidate forbids serving stale responses, which the cache never does online; offline
    // mode uses stale entries because the user asked for no network at all.
    [[nodiscard]] static bool isFresh(const CachedResponse& response, std::string_view cacheControlOverride,
                                      std::int64_t now);
    // The freshness lifetime in seconds (0 when the response must be revalidated every time).
    [[nodiscard]] static std::int64_t freshnessLifetime(const CachedResponse& response,
                                                        std::string_view cacheControlOverride);
    // Whether the response may be stored at all (not "no-store").
    [[nodiscard]] static bool mayStore(std::string_view cacheControl);

    // Removes one entry (absent is fine).
    void remove(std::string_view bucket, std::string_view key) const;

private:
    [[nodiscard]] std::filesystem::path entryPath(std::string_view bucket, std::string_view key) const;
    std::filesystem::path m_root;
    std::unique_ptr<CacheWriter> m_writer; // with backgroundWrites
};

// Seconds since the epoch, from the system clock.
[[nodiscard]] std::int64_t unixNow();

} // namespace pindex::index
