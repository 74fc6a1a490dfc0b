#include "core/index/cache_writer.h"

#include <algorithm>
#include <system_error>

#include "core/util/file_io.h"
#include "core/util/thread_priority.h"

namespace pindex::index {

Status writeCacheFile(const std::filesystem::path& path, const std::string& text)
{
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
    if (error)
        return std::unexpected(makeFileError(ErrorCode::Io,
                                             "cannot create the cache directory: " + error.message(),
                                             path.parent_path().string()));
    // Atomic but not synced to disk: a cache file can always be fetched again.
    return writeFileAtomic(path, text, WriteOptions{.durable = false});
}

void CacheWriter::carryOutOnDisk(const std::string& path, const Text& text)
{
    if (text) {
        (void)writeCacheFile(path, *text);
    } else {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
    }
}

CacheWriter::CacheWriter(CarryOut carryOut, std::size_t threads)
    : m_carryOut(std::move(carryOut))
    , m_maxThreads(std::max<std::size_t>(threads, 1))
{}

CacheWriter::~CacheWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    flush();
    for (auto& thread : m_threads)
        thread.join();
}

std::size_t CacheWriter::defaultThreads()
{
    return 1;
}

void CacheWriter::put(const std::filesystem::path& path, Text text)
{
    std::unique_lock lock(m_mutex);
    const auto [slot, added] = m_pending.insert_or_assign(
        path.string(), Operation{.text = std::move(text), .generation = ++m_generation});
    if (!added)
        return; // queued already (now with this text), or in progress: the newer follows it
    m_order.push_back(slot->first);
    if (m_waiting == 0 && m_threads.size() + m_starting < m_maxThreads) {
        // Started outside the lock: a thread takes tens of microseconds to create, and meanwhile
        // the callers handing entries over, the readers of pending() and the writers would wait.
        ++m_starting;
        lock.unlock();
        std::thread thread;
        try {
            thread = std::thread([this] { run(); });
        } catch (const std::system_error&) {
            // No thread to be had: the queue waits for a thread already there, or for flush()
            // and the destructor, which carry operations out themselves.
        }
        lock.lock();
        --m_starting;
        if (thread.joinable())
            m_threads.push_back(std::move(thread));
    }
    lock.unlock();
    m_wake.notify_one();
}

std::optional<CacheWriter::Text> CacheWriter::pending(const std::filesystem::path& path) const
{
    std::lock_guard lock(m_mutex);
    const auto found = m_pending.find(path.string());
    if (found == m_pending.end())
        return std::nullopt;
    return found->second.text;
}

void CacheWriter::flush()
{
    // The waiting thread lends a hand: what is queued is carried out by every thread at hand.
    std::unique_lock lock(m_mutex);
    while (true) {
        if (carryOutNext(lock))
            continue;
        if (m_busy == 0)
            return;
        m_idle.wait(lock);
    }
}

bool CacheWriter::carryOutNext(std::unique_lock<std::mutex>& lock)
{
    if (m_order.empty())
        return false;
    const std::string path = std::move(m_order.front());
    m_order.pop_front();
    const Operation operation = m_pending.at(path); // a path leaves m_pending only here
    ++m_busy;
    lock.unlock();
    m_carryOut(path, operation.text);
    lock.lock();
    --m_busy;
    if (const auto found = m_pending.find(path); found->second.generation == operation.generation) {
        m_pending.erase(found);
    } else {
        m_order.push_back(path); // replaced while it was carried out: the newer one next
        m_wake.notify_one();
    }
    m_idle.notify_all();
    return true;
}

void CacheWriter::run()
{
    // Nobody waits for a cache file until flush(): the cores go first to the threads that parse
    // answers and ask the next questions.
    (void)util::moveThisThreadToBackground();
    std::unique_lock lock(m_mutex);
    while (true) {
        if (carryOutNext(lock))
            continue;
        if (m_stopping)
            return;
        ++m_waiting;
        m_wake.wait(lock, [this] { return !m_order.empty() || m_stopping; });
        --m_waiting;
    }
}

} // namespace pindex::index
