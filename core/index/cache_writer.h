#pragma once

// pindex::index::CacheWriter (internal to HttpCache): writes cache entries on threads of its own,
// so the thread that fetched a page hands it on at once instead of creating files first.
//
// Creating a cache entry costs a directory lookup, a temporary file and a rename; on
// ext4 a new inode alone is tens of microseconds of kernel time, and a cold lock of 73 packages
// writes about 150 entries (docs/BENCHMARKS.md, "Resolver"). Done by the fetching workers, those
// writes sat on the resolution's critical path; here they overlap the next round trip. The writer
// threads run in the background (util::moveThisThreadToBackground): a wave of answers has the
// cores first, and the writes fill the gaps while everything waits for the network.
//
// Invariants:
//   - an entry handed over is visible to `pending()` until it is on disk (or replaced), so a
//     reader of the same cache object never sees an older entry than the last one stored;
//   - the latest operation on a path wins: a store or a removal replaces an earlier one not yet
//     carried out, and one in progress is followed by the newer;
//   - `flush()` and the destructor return only when every operation handed over is carried out.
// Write errors are dropped: a cache entry that could not be written is fetched again next time.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/util/error.h"

namespace pindex::index {

class CacheWriter
{
public:
    using Text = std::shared_ptr<const std::string>; // null: remove the entry
    // Carries one operation out: writes `text` to `path`, or removes `path` when `text` is null.
    using CarryOut = std::function<void(const std::string& path, const Text& text)>;

    // `carryOut`: the file operations (writeCacheFile, or a removal) unless a test watches them.
    // `threads`: at most this many threads carry operations out (started as the queue needs them).
    explicit CacheWriter(CarryOut carryOut = carryOutOnDisk, std::size_t threads = defaultThreads());
    ~CacheWriter();
    CacheWriter(const CacheWriter&) = delete;
    CacheWriter& operator=(const CacheWriter&) = delete;

    // Queues writing `text` to `path` (or removing `path` when `text` is null). Starts another
    // thread when none is idle, up to `threads`.
    void put(const std::filesystem::path& path, Text text);
    // The operation queued or in progress for `path`: nullopt when there is none; a null Text
    // when the entry is being removed.
    [[nodiscard]] std::optional<Text> pending(const std::filesystem::path& path) const;
    // Waits until every operation queued so far is carried out, carrying out queued ones itself
    // meanwhile.
    void flush();

    static void carryOutOnDisk(const std::string& path, const Text& text);
    // One. The entries of a cache sit in a couple of directories (HttpCache's buckets), and the
    // kernel creates the files of one directory one at a time, under the directory's lock: a
    // second writer would mostly wait for it, spinning on a core the resolution wants.
    static std::size_t defaultThreads();

private:
    struct Operation
    {
        Text text;
        std::uint64_t generation = 0;
    };

    void run();
    // Takes the next queued operation and carries it out (unlocking meanwhile); false when none.
    bool carryOutNext(std::unique_lock<std::mutex>& lock);

    CarryOut m_carryOut;
    std::size_t m_maxThreads;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::map<std::string, Operation> m_pending; // by path; an entry stays until carried out
    std::deque<std::string> m_order;            // paths waiting, in the order they came
    std::uint64_t m_generation = 0;
    std::size_t m_busy = 0;     // operations being carried out
    std::size_t m_waiting = 0;  // threads waiting for work
    std::size_t m_starting = 0; // threads put() is starting, not yet in m_threads
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

// Writes one cache file (an entry, an artifact): creates its directory, then the file atomically
// (not synced: a cache file can always be fetched again). HttpCache's one way to create a file.
[[nodiscard]] Status writeCacheFile(const std::filesystem::path& path, const std::string& text);

} // namespace pindex::index
