#include "core/index/cache_maintenance.h"

#include <set>
#include <string>
#include <unistd.h>

#include "core/index/simple_html.h"
#include "core/index/simple_json.h"

namespace pindex::index {
namespace {

namespace fs = std::filesystem;

std::int64_t modifiedAt(const fs::path& path)
{
    std::error_code error;
    const auto time = fs::last_write_time(path, error);
    if (error)
        return 0;
    const auto system = std::chrono::file_clock::to_sys(time);
    return std::chrono::duration_cast<std::chrono::seconds>(system.time_since_epoch()).count();
}

class Pruner
{
public:
    Pruner(const HttpCache& cache, const PruneOptions& options)
        : m_cache(cache)
        , m_options(options)
    {
        if (m_options.now == 0)
            m_options.now = unixNow();
    }

    bool recent(const fs::path& path) const
    {
        return m_options.now - modifiedAt(path) < m_options.graceSeconds;
    }

    void remove(const fs::path& path)
    {
        std::error_code error;
        const auto size = fs::file_size(path, error);
        if (fs::remove(path, error) && !error) {
            ++m_report.removed.files;
            m_report.removed.bytes += size;
        }
    }

    void keep(const fs::path& path)
    {
        std::error_code error;
        ++m_report.kept.files;
        m_report.kept.bytes += fs::file_size(path, error);
    }

    // Every regular file under `directory`; leftover temporary files are removed on the way.
    std::vector<fs::path> files(const fs::path& directory)
    {
        std::vector<fs::path> found;
        std::error_code error;
        for (fs::recursive_directory_iterator it(directory, error), end; !error && it != end;
             it.increment(error)) {
            if (!it->is_regular_file(error))
                continue;
            const auto name = it->path().filename().string();
            if (name.find(".pindex-tmp-") != std::string::npos) {
                if (!recent(it->path()))
                    remove(it->path());
                continue;
            }
            found.push_back(it->path());
        }
        return found;
    }

    // Simple API responses: keep the usable ones, remember what they refer to.
    void pruneResponses()
    {
        for (const auto& path : files(m_cache.root() / kSimpleBucket)) {
            const auto key = path.filename().string();
            const auto entry = m_cache.load(kSimpleBucket, key);
            if (recent(path)) {
                keep(path);
                if (entry)
                    collectReferences(*entry);
                continue;
            }
            const bool stale = entry && !HttpCache::isFresh(*entry, {}, m_options.now) &&
                               m_options.now - entry->storedAt > m_options.staleAfterSeconds;
            if (!entry || stale) {
                remove(path);
                continue;
            }
            keep(path);
            collectReferences(*entry);
        }
    }

    void collectReferences(const CachedResponse& entry)
    {
        const bool json = entry.contentType.find("json") != std::string::npos;
        auto page =
            json ? parseProjectPageJson(entry.body, entry.url) : parseProjectPageHtml(entry.body, entry.url);
        if (!page)
            return;
        for (const auto& file : page->files) {
            if (const auto hash = file.sha256())
                m_artifacts.insert(*hash);
            const auto metadataHash = file.coreMetadataHashes.find("sha256");
            m_metadata.insert(metadataHash != file.coreMetadataHashes.end()
                                  ? metadataHash->second
                                  : HttpCache::keyFor(file.url + "#metadata", ""));
        }
    }

    void pruneUnreferenced(std::string_view bucket, const std::set<std::string>& referenced)
    {
        for (const auto& path : files(m_cache.root() / bucket)) {
            if (referenced.contains(path.filename().string()) || recent(path))
                keep(path);
            else
                remove(path);
        }
    }

    // Directories of other cache layouts ("simple-v1", sharded by the key's first two digits).
    void pruneLayouts()
    {
        std::error_code error;
        for (fs::directory_iterator it(m_cache.root(), error), end; !error && it != end;
             it.increment(error)) {
            const auto name = it->path().filename().string();
            if (!it->is_directory(error) || name == kSimpleBucket || name == kMetadataBucket ||
                name == kArtifactBucket)
                continue;
            const auto dash = name.rfind("-v");
            const bool layout = dash != std::string::npos && dash + 2 < name.size() &&
                                name.find_first_not_of("0123456789", dash + 2) == std::string::npos;
            if (!layout || recent(it->path()))
                continue;
            for (const auto& path : files(it->path()))
                remove(path);
            fs::remove_all(it->path(), error);
        }
    }

    PruneReport run()
    {
        pruneLayouts();
        pruneResponses();
        pruneUnreferenced(kMetadataBucket, m_metadata);
        pruneUnreferenced(std::string(kArtifactBucket) + "/sha256", m_artifacts);
        return m_report;
    }

private:
    const HttpCache& m_cache;
    PruneOptions m_options;
    PruneReport m_report;
    std::set<std::string> m_artifacts;
    std::set<std::string> m_metadata;
};

} // namespace

Result<PruneReport> pruneCache(const HttpCache& cache, const PruneOptions& options)
{
    std::error_code error;
    if (!fs::exists(cache.root(), error))
        return PruneReport{};
    if (!fs::is_directory(cache.root(), error))
        return std::unexpected(
            makeFileError(ErrorCode::Invalid, "the cache path is not a directory", cache.root().string()));
    return Pruner(cache, options).run();
}

Result<CacheUsage> cleanCache(const HttpCache& cache)
{
    std::error_code error;
    if (!fs::exists(cache.root(), error))
        return CacheUsage{};
    // Rename first: a concurrent writer then starts a fresh directory instead of writing into one
    // being deleted.
    const fs::path doomed = cache.root().parent_path() /
                            (cache.root().filename().string() + ".removing-" + std::to_string(::getpid()));
    fs::rename(cache.root(), doomed, error);
    if (error)
        return std::unexpected(makeFileError(ErrorCode::Io, "cannot move the cache away: " + error.message(),
                                             cache.root().string()));
    CacheUsage usage;
    for (fs::recursive_directory_iterator it(doomed, error), end; !error && it != end; it.increment(error)) {
        if (it->is_regular_file(error)) {
            ++usage.files;
            usage.bytes += it->file_size(error);
        }
    }
    fs::remove_all(doomed, error);
    if (error)
        return std::unexpected(
            makeFileError(ErrorCode::Io, "cannot remove the cache: " + error.message(), doomed.string()));
    return usage;
}

} // namespace pindex::index
