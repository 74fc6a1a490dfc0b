#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "core/util/blocking.h"
#include "core/util/fiber_pool.h"

using namespace pindex;

namespace {

// Fibers park here until the test opens it; the test can wait until a number of them are parked.
class Gate
{
public:
    // On a fiber: parks until open() (at once when already open).
    void pass()
    {
        util::Fiber* fiber = util::currentFiber();
        if (fiber == nullptr)
            return; // not on a pool (the tests count where their tasks ran)
        {
            std::lock_guard lock(m_mutex);
            if (m_open)
                return;
            m_waiting.push_back(fiber);
            m_arrived.notify_all();
        }
        while (true) {
            fiber->park();
            std::lock_guard lock(m_mutex);
            if (m_open)
                return;
        }
    }

    // Waits until `count` fibers are parked here (or were, before open()).
    void waitFor(std::size_t count)
    {
        std::unique_lock lock(m_mutex);
        m_arrived.wait(lock, [&] { return m_waiting.size() >= count; });
    }

    // Wakes the fibers waiting, each with its cost (the waiting order when `costs` is shorter).
    void open(const std::vector<std::uint64_t>& costs = {})
    {
        std::lock_guard lock(m_mutex);
        m_open = true;
        for (std::size_t i = 0; i < m_waiting.size(); ++i)
            m_waiting[i]->wake(i < costs.size() ? costs[i] : 0);
    }

    // The same through one Fiber::wakeAll.
    void openTogether(const std::vector<std::uint64_t>& costs)
    {
        std::lock_guard lock(m_mutex);
        m_open = true;
        std::vector<std::pair<util::Fiber*, std::uint64_t>> wakes;
        for (std::size_t i = 0; i < m_waiting.size(); ++i)
            wakes.emplace_back(m_waiting[i], i < costs.size() ? costs[i] : 0);
        util::Fiber::wakeAll(wakes);
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_arrived;
    std::vector<util::Fiber*> m_waiting;
    bool m_open = false;
};

// A plain blocking wait, as a test's stand-in for work that holds its thread.
class Latch
{
public:
    void wait()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_released; });
    }
    void release()
    {
        std::lock_guard lock(m_mutex);
        m_released = true;
        m_changed.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_released = false;
};

// Counts finished tasks; the test waits for them (drain() would drop tasks not started yet).
class Countdown
{
public:
    void done()
    {
        std::lock_guard lock(m_mutex);
        ++m_done;
        m_changed.notify_all();
    }
    void waitFor(int count)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_done >= count; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    int m_done = 0;
};

} // namespace

TEST_CASE("A task waiting on a fiber frees its thread: twenty waits hold two threads", "[util][fiber]")
{
    util::FiberPool pool({.threads = 2, .maxFibers = 32});
    Gate gate;
    std::atomic<int> onFibers = 0;
    std::atomic<int> done = 0;
    for (int i = 0; i < 20; ++i) {
        REQUIRE(pool.post([&] {
            if (util::currentFiber() != nullptr)
                ++onFibers;
            gate.pass();
            ++done;
        }));
    }
    gate.waitFor(20); // every task parked at once
    CHECK(pool.threadsStarted() <= 2);
    CHECK(done.load() == 0);
    gate.open();
    pool.drain();
    CHECK(done.load() == 20);
    CHECK(onFibers.load() == 20);
    CHECK(util::currentFiber() == nullptr); // the test's own thread is no fiber
}

TEST_CASE("A wake that comes before the park is kept", "[util][fiber]")
{
    util::FiberPool pool({.threads = 1, .maxFibers = 1});
    std::atomic<bool> returned = false;
    Countdown finished;
    REQUIRE(pool.post([&] {
        util::Fiber* self = util::currentFiber();
        self->wake();
        self->park(); // returns: the wake came first
        returned = true;
        finished.done();
    }));
    finished.waitFor(1);
    CHECK(returned.load());
}

TEST_CASE("Woken fibers resume least announced work first, and new tasks go before them", "[util][fiber]")
{
    util::FiberPool pool({.threads = 1, .maxFibers = 8});
    Gate gate;
    Latch busy;
    std::mutex mutex;
    std::vector<std::string> order;
    Countdown finished;
    const auto note = [&](std::string what) {
        {
            std::lock_guard lock(mutex);
            order.push_back(std::move(what));
        }
        finished.done();
    };
    for (const char* name : {"a", "b", "c"}) {
        REQUIRE(pool.post([&, name] {
            gate.pass();
            note(name);
        }));
    }
    gate.waitFor(3);
    // The only thread is held by a task that blocks it (outside a BlockingScope: no other
    // thread starts), so what follows queues up behind it.
    std::atomic<bool> holding = false;
    REQUIRE(pool.post([&] {
        holding = true;
        busy.wait();
    }));
    while (!holding.load())
        std::this_thread::yield();
    gate.open({300, 100, 200}); // a, b, c
    REQUIRE(pool.post([&] { note("new"); }));
    busy.release();
    finished.waitFor(4);
    std::lock_guard lock(mutex);
    CHECK(order == std::vector<std::string>{"new", "b", "c", "a"});
}

TEST_CASE("At most maxFibers tasks run at once, and the others start as running ones end", "[util][fiber]")
{
    util::FiberPool pool({.threads = 2, .maxFibers = 3});
    std::vector<std::unique_ptr<Gate>> gates;
    for (int i = 0; i < 5; ++i)
        gates.push_back(std::make_unique<Gate>());
    std::atomic<int> running = 0;
    std::atomic<int> most = 0;
    std::atomic<int> done = 0;
    Countdown finished;
    for (int i = 0; i < 5; ++i) {
        REQUIRE(pool.post([&, i] {
            const int now = ++running;
            int seen = most.load();
            while (now > seen && !most.compare_exchange_weak(seen, now)) {
            }
            gates[static_cast<std::size_t>(i)]->pass();
            --running;
            ++done;
            finished.done();
        }));
    }
    // The first three park; the fourth and fifth start only as those end (were the limit not
    // kept, they would park beside them and `most` would reach 5).
    for (std::size_t i = 0; i < 3; ++i)
        gates[i]->waitFor(1);
    CHECK(running.load() == 3);
    for (auto& gate : gates)
        gate->open();
    finished.waitFor(5);
    CHECK(done.load() == 5);
    CHECK(most.load() <= 3);
}

TEST_CASE("drain() drops the tasks not started, waits for the running ones, and the pool takes no more",
          "[util][fiber]")
{
    util::FiberPool pool({.threads = 1, .maxFibers = 1});
    Gate gate;
    std::atomic<bool> first = false;
    std::atomic<bool> later = false;
    REQUIRE(pool.post([&] {
        gate.pass();
        first = true;
    }));
    gate.waitFor(1);
    std::thread draining([&] { pool.drain(); });
    // Tasks posted until the drain begins wait behind the one fiber the pool allows; the drain
    // drops them all. The first refused post says the drain has begun.
    while (pool.post([&] { later = true; }))
        std::this_thread::yield();
    gate.open();
    draining.join(); // returns once the running task has finished
    CHECK(first.load());
    CHECK_FALSE(later.load());
    CHECK_FALSE(pool.post([&] { later = true; }));
}

TEST_CASE("A task that blocks its thread in a BlockingScope lets the pool start another", "[util][fiber]")
{
    util::FiberPool pool({.threads = 1, .maxFibers = 4});
    Latch released;
    Countdown finished;
    std::atomic<bool> blockedDone = false;
    REQUIRE(pool.post([&] {
        {
            const util::BlockingScope waiting;
            released.wait(); // only the second task, on a thread of its own, releases it
        }
        blockedDone = true;
        finished.done();
    }));
    REQUIRE(pool.post([&] {
        released.release();
        finished.done();
    }));
    finished.waitFor(2);
    CHECK(blockedDone.load());
    CHECK(pool.threadsStarted() == 2);
}

TEST_CASE("Fibers woken together resume least announced work first among them all, on an idle thread too",
          "[util][fiber]")
{
    // Woken one by one, the first would find the idle thread and run before the others are ready.
    util::FiberPool pool({.threads = 1, .maxFibers = 8});
    Gate gate;
    std::mutex mutex;
    std::vector<std::string> order;
    Countdown finished;
    for (const char* name : {"a", "b", "c", "d"}) {
        REQUIRE(pool.post([&, name] {
            gate.pass();
            {
                std::lock_guard lock(mutex);
                order.emplace_back(name);
            }
            finished.done();
        }));
    }
    gate.waitFor(4);
    // The thread runs this only once the last of them has parked; then it has nothing to do.
    std::atomic<bool> settled = false;
    REQUIRE(pool.post([&] { settled = true; }));
    while (!settled.load())
        std::this_thread::yield();
    gate.openTogether({400, 100, 300, 200});
    finished.waitFor(4);
    std::lock_guard lock(mutex);
    CHECK(order == std::vector<std::string>{"b", "d", "c", "a"});
}
