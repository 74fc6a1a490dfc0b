#pragma once

// pindex::util::FiberPool: runs tasks on as few threads as there are cores, each task on a fiber
// of its own (its own stack, switched to and from with swapcontext), so that a task waiting for the
// network parks its fiber and frees its thread for the next task, instead of holding a thread of
// its own. A resolution asks up to fifty questions at once, most of them waiting on the network:
// as threads, each cost a thread start (~60 µs of CPU here), a hand-over to wake it and its share
// of the process's exit; as fibers, a switch costs about a microsecond, and the answers of one wave
// are worked through by two threads instead of fifty contending for two cores.
//
// A wait that parks: code that waits for another thread (HttpClient::getAll) asks for the current
// fiber (currentFiber()); on a fiber it unlocks, calls park(), and is woken by the other thread
// with wake(). Any other wait blocks the thread as usual; a wait opened as a util::BlockingScope
// lets the pool start another thread meanwhile, so new tasks still start (the pool observes its
// threads' scopes).
//
// Order of work, on whichever thread is free: new tasks first (until it parks, a task only
// prepares its requests, and the sooner they leave the sooner their answers come back), then woken
// fibers, least announced work first (wake()'s cost: HttpClient gives the bytes that arrived), in
// the order they were woken among equals. A wave of answers is worked through by every core,
// small pages before large ones: a fiber runs until it parks or ends, and a large page taken first
// would hold up the small ones behind it, among them, most often, the next step of the longest
// chain of requests.
//
// Without a stack to be had (mmap fails), a task runs on its thread directly and its waits block.

// Invariants:
// - A woken fiber may resume on another of the pool's threads. Code that parks must therefore not
//   use a thread-local variable on both sides of park() in one function (a compiler may keep its
//   address across the call), nor hold a mutex across it, nor park inside a catch block (the
//   thread's exception state is not the fiber's). HttpClient::getAll keeps none of these.
// - park() returns once wake() has been called since the fiber last parked (a wake that comes
//   before the park is kept, not lost); it may also return early (callers re-check their
//   condition, as with a condition variable).
// - At most `maxFibers` tasks run at once; later ones wait in order. drain() drops the tasks not
//   started and returns once every started task has finished; the threads stay (parked) until the
//   pool is destroyed. Neither drain() nor the destructor may be called from one of its tasks.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <thread>
#include <utility>
#include <vector>

#include "core/util/blocking.h"

namespace pindex::util {

class FiberPool;

class Fiber
{
public:
    // Suspends the calling fiber until wake() (see the invariants above). Only the fiber itself
    // may call it.
    void park();
    // Makes a parked fiber runnable again, or keeps the wake for its next park(). Any thread.
    // `cost` hints at the work the fiber has to do once resumed (HttpClient: the bytes that
    // arrived); woken fibers run least work first.
    void wake(std::uint64_t cost = 0);
    // Wakes several fibers as one: each pool sees them all ready before any of its threads picks
    // one, so the least work goes first among all of them, not among those woken first.
    static void wakeAll(std::span<const std::pair<Fiber*, std::uint64_t>> wakes);

    struct State; // the pool's

private:
    friend class FiberPool;
    explicit Fiber(State* state)
        : m_state(state)
    {}
    State* m_state;
};

// The fiber the calling code runs on, or null on a plain thread.
[[nodiscard]] Fiber* currentFiber();

class FiberPool final : private BlockingObserver
{
public:
    struct Options
    {
        std::size_t threads = 0;              // threads kept busy at most (0: the cores, at least 2)
        std::size_t maxFibers = 32;           // tasks running at once
        std::size_t stackBytes = 1024 * 1024; // address space; only what is used is backed
    };

    explicit FiberPool(Options options);
    ~FiberPool(); // drops the tasks not started, waits for the others, ends the threads
    FiberPool(const FiberPool&) = delete;
    FiberPool& operator=(const FiberPool&) = delete;

    // Queues a task; false (and the task dropped) after drain() or during destruction.
    bool post(std::function<void()> task);

    // Stops taking tasks, drops those not started and returns once every started one has finished.
    void drain();

    // How many threads have started so far.
    [[nodiscard]] std::size_t threadsStarted() const;

private:
    struct Worker;
    friend class Fiber;

    void run(Worker& worker);
    void resume(Worker& worker, Fiber::State& fiber, std::unique_lock<std::mutex>& lock);
    // A fiber for `task` (moved from only when one is made), or null when no stack can be had.
    [[nodiscard]] Fiber::State* makeFiber(std::function<void()>& task);
    // Queues a fiber to resume; the caller holds m_mutex.
    void makeReady(Fiber::State& fiber, std::uint64_t cost);
    // Wakes an idle thread for new work, or starts one; `lock` holds m_mutex.
    void wakeWorker(std::unique_lock<std::mutex>& lock);
    static void fiberMain();
    static void finish(Fiber::State& fiber);
    void wake(Fiber::State& fiber, std::uint64_t cost);
    // wake() for each, under one lock; the caller groups them by pool.
    void wakeMany(std::span<const std::pair<Fiber*, std::uint64_t>> wakes);
    // The part of wake() made under the lock: whether the fiber became ready.
    bool wakeLocked(Fiber::State& fiber, std::uint64_t cost);
    void park(Fiber::State& fiber);
    // Starts a thread when a task waits, none is idle and fewer than `threads` are on the CPU;
    // `lock` holds m_mutex, released while the thread starts.
    void spawnIfWanted(std::unique_lock<std::mutex>& lock);
    void blockingBegins() override;
    void blockingEnds() override;

    Options m_options;
    mutable std::mutex m_mutex;
    std::condition_variable m_finished; // a fiber finished (drain() waits)
    std::condition_variable m_started;  // a thread spawnIfWanted() started is in m_workers
    struct Task
    {
        std::function<void()> task;
        std::uint64_t sequence = 0; // its place in the order of work
    };
    std::deque<Task> m_tasks;           // not started yet
    std::vector<Fiber::State*> m_ready; // woken, to resume: least work first, then in order
    std::uint64_t m_sequence = 0;
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::vector<std::unique_ptr<Fiber::State>> m_freeFibers; // finished, their stacks kept for reuse
    std::size_t m_liveFibers = 0;
    std::size_t m_idle = 0;     // threads waiting for work
    std::size_t m_blocked = 0;  // threads inside a BlockingScope
    std::size_t m_starting = 0; // threads being started
    bool m_draining = false;
    bool m_stopping = false;
};

} // namespace pindex::util
