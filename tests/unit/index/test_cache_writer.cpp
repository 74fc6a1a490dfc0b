// HttpCache's background writes: CacheWriter's ordering (the latest operation on a path wins, one
// in progress is followed by the newer) with its file operations watched, and HttpCache with
// backgroundWrites on a real directory (entries readable at once, on disk after flush or when the
// cache object goes).

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "core/index/cache_writer.h"
#include "core/index/http_cache.h"
#include "tests/support/temp_dir.h"

using namespace pindex;
using namespace pindex::index;

namespace {

CacheWriter::Text text(const char* value)
{
    return std::make_shared<const std::string>(value);
}

// Records every operation; the first one waits until the test releases it.
struct WatchedOperations
{
    std::mutex mutex;
    std::vector<std::pair<std::string, std::string>> done; // path, text ("<removed>")
    std::promise<void> firstStarted;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    bool first = true;

    // The texts carried out for one path, in order.
    std::vector<std::string> sequence(const std::string& path)
    {
        std::lock_guard lock(mutex);
        std::vector<std::string> texts;
        for (const auto& [donePath, doneText] : done) {
            if (donePath == path)
                texts.push_back(doneText);
        }
        return texts;
    }

    CacheWriter::CarryOut carryOut()
    {
        return [this](const std::string& path, const CacheWriter::Text& written) {
            bool wait = false;
            {
                std::lock_guard lock(mutex);
                wait = std::exchange(first, false);
            }
            if (wait) {
                firstStarted.set_value();
                released.wait();
            }
            std::lock_guard lock(mutex);
            done.emplace_back(path, written ? *written : std::string("<removed>"));
        };
    }
};

} // namespace

TEST_CASE("CacheWriter: the latest operation on a path wins, and one in progress is followed by it",
          "[index][cache]")
{
    WatchedOperations watched;
    CacheWriter writer(watched.carryOut(), 1);
    CHECK_FALSE(writer.pending("a"));

    writer.put("a", text("a1"));
    watched.firstStarted.get_future().wait(); // "a1" is being written and holds the thread
    REQUIRE(writer.pending("a"));
    CHECK(**writer.pending("a") == "a1");

    writer.put("a", text("a2")); // replaces what is in progress: written after it
    writer.put("b", text("b1")); // queued ...
    writer.put("b", text("b2")); // ... and replaced before its turn: b1 is never written
    writer.put("c", text("c1"));
    writer.put("c", nullptr); // a removal replaces the queued write
    CHECK(**writer.pending("a") == "a2");
    CHECK(**writer.pending("b") == "b2");
    REQUIRE(writer.pending("c"));
    CHECK(*writer.pending("c") == nullptr);

    watched.release.set_value();
    writer.flush(); // lends a hand: the order across paths is not fixed, the order on one path is
    CHECK(watched.sequence("a") == std::vector<std::string>{"a1", "a2"});
    CHECK(watched.sequence("b") == std::vector<std::string>{"b2"});
    CHECK(watched.sequence("c") == std::vector<std::string>{"<removed>"});
    CHECK_FALSE(writer.pending("a"));
    CHECK_FALSE(writer.pending("b"));
    CHECK_FALSE(writer.pending("c"));
}

TEST_CASE("CacheWriter's destructor carries out everything handed to it", "[index][cache]")
{
    WatchedOperations watched;
    {
        CacheWriter writer(watched.carryOut(), 1);
        writer.put("x", text("1"));
        watched.firstStarted.get_future().wait();
        writer.put("y", text("2"));
        writer.put("z", nullptr);
        watched.release.set_value();
    }
    CHECK(watched.sequence("x") == std::vector<std::string>{"1"});
    CHECK(watched.sequence("y") == std::vector<std::string>{"2"});
    CHECK(watched.sequence("z") == std::vector<std::string>{"<removed>"});
    CHECK(watched.done.size() == 3);
}

TEST_CASE("CacheWriter on several threads: each path's latest text, never two operations on one path at once",
          "[index][cache]")
{
    std::mutex mutex;
    std::set<std::string> inProgress;
    std::map<std::string, std::string> last;
    bool overlapped = false;
    {
        CacheWriter writer(
            [&](const std::string& path, const CacheWriter::Text& written) {
                {
                    std::lock_guard lock(mutex);
                    overlapped = !inProgress.insert(path).second || overlapped;
                }
                std::this_thread::yield();
                std::lock_guard lock(mutex);
                inProgress.erase(path);
                last[path] = written ? *written : "<removed>";
            },
            3);
        for (int round = 0; round < 50; ++round) {
            for (int path = 0; path < 20; ++path)
                writer.put("p" + std::to_string(path), text(("v" + std::to_string(round)).c_str()));
        }
        writer.flush();
        CHECK(last.size() == 20);
        writer.put("p0", nullptr);
    }
    CHECK_FALSE(overlapped);
    CHECK(last.at("p0") == "<removed>");
    for (int path = 1; path < 20; ++path)
        CHECK(last.at("p" + std::to_string(path)) == "v49");
}

namespace {

struct Writers
{
    std::set<std::thread::id> threads; // threads that carried an operation out, the test's own apart
    std::set<int> priorities;          // their nice values
};

// Eight threads hand 50 entries each to a writer of `threads` threads (nullopt: the default).
Writers feedFromEightThreads(std::optional<std::size_t> threads)
{
    std::mutex mutex;
    std::condition_variable carried; // a writer thread carried an operation out
    Writers seen;
    const auto self = std::this_thread::get_id();
    const CacheWriter::CarryOut record = [&](const std::string&, const CacheWriter::Text&) {
        if (std::this_thread::get_id() == self)
            return; // flush() lends a hand on the caller's thread
        errno = 0;
        const int nice = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
        std::lock_guard lock(mutex);
        seen.threads.insert(std::this_thread::get_id());
        if (errno == 0)
            seen.priorities.insert(nice);
        carried.notify_all();
    };
    {
        auto writer =
            threads ? std::make_unique<CacheWriter>(record, *threads) : std::make_unique<CacheWriter>(record);
        std::vector<std::thread> feeders;
        for (int feeder = 0; feeder < 8; ++feeder) {
            feeders.emplace_back([&writer, feeder] {
                for (int path = 0; path < 50; ++path)
                    writer->put("f" + std::to_string(feeder) + "-" + std::to_string(path), text("x"));
            });
        }
        for (auto& feeder : feeders)
            feeder.join();
        {
            // Not before a writer thread has had its turn: on one core, flush() could otherwise
            // carry every operation out itself.
            std::unique_lock lock(mutex);
            carried.wait_for(lock, std::chrono::seconds(30), [&seen] { return !seen.threads.empty(); });
        }
        writer->flush();
    }
    return seen;
}

} // namespace

TEST_CASE("CacheWriter fed from several threads starts no more writers than asked, all in the background",
          "[index][cache]")
{
    const auto seen = feedFromEightThreads(2);
    CHECK_FALSE(seen.threads.empty());
    CHECK(seen.threads.size() <= 2);
    CHECK(seen.priorities == std::set<int>{19});
}

TEST_CASE("CacheWriter writes on one thread unless asked for more", "[index][cache]")
{
    // A cache's files are created in a couple of directories, one at a time per directory.
    const auto seen = feedFromEightThreads(std::nullopt);
    CHECK(seen.threads.size() == 1);
    CHECK(seen.priorities == std::set<int>{19});
}

TEST_CASE("HttpCache with background writes: entries read back at once, on disk after flush",
          "[index][cache]")
{
    test::TempDir dir;
    CachedResponse entry;
    entry.url = "https://alice:secret@example.com/simple/a/";
    entry.etag = "\"v1\"";
    entry.cacheControl = "max-age=600";
    entry.storedAt = 1'800'000'000;
    entry.body = std::string(50'000, 'p');
    const HttpCache onDisk(dir.path()); // another reader of the same directory, writing at once
    {
        const HttpCache cache(dir.path(), {.backgroundWrites = true});
        REQUIRE(cache.store("simple-v1", "k1", entry));
        // This object sees the entry whether or not it has reached the disk yet.
        const auto loaded = cache.load("simple-v1", "k1");
        REQUIRE(loaded);
        CHECK(loaded->body == entry.body);
        CHECK(loaded->url == "https://alice:****@example.com/simple/a/");
        const auto headers = cache.loadHeaders("simple-v1", "k1");
        REQUIRE(headers);
        CHECK(headers->etag == "\"v1\"");
        CHECK(headers->body.empty());

        cache.flush();
        const auto written = onDisk.load("simple-v1", "k1");
        REQUIRE(written);
        CHECK(written->body == entry.body);
        CHECK(written->url == "https://alice:****@example.com/simple/a/");

        // A removal is seen at once too, and carried out.
        cache.remove("simple-v1", "k1");
        CHECK_FALSE(cache.load("simple-v1", "k1"));
        CHECK_FALSE(cache.loadHeaders("simple-v1", "k1"));
        cache.flush();
        CHECK_FALSE(onDisk.load("simple-v1", "k1"));

        entry.etag = "\"v2\"";
        REQUIRE(cache.store("metadata-v1", "k2", entry));
    } // the destructor waits for the last write
    const auto last = onDisk.load("metadata-v1", "k2");
    REQUIRE(last);
    CHECK(last->etag == "\"v2\"");
    // Written atomically: no temporary file left beside the entries.
    for (const auto& file : std::filesystem::recursive_directory_iterator(dir.path())) {
        if (file.is_regular_file()) {
            INFO(file.path().string());
            CHECK(file.path().filename().string().find("pindex-tmp") == std::string::npos);
        }
    }
}
