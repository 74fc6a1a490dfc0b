#include "core/util/fiber_pool.h"

#include <algorithm>
#include <exception>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#define PINDEX_FIBER_ASAN 1
#endif

namespace pindex::util {

struct Fiber::State
{
    enum class Run { Ready, Running, Parking, Parked, Finished };

    FiberPool* pool = nullptr;
    FiberPool::Worker* owner = nullptr;
    ucontext_t context{};
    void* mapping = nullptr; // the stack with its guard page below
    std::size_t mappingBytes = 0;
    std::function<void()> task;
    Run run = Run::Ready;
    bool wakePending = false;
    std::uint64_t cost = 0;        // the work its wake announced (wake()'s hint), while Ready
    std::uint64_t pendingCost = 0; // of a wake kept for the next park
    std::uint64_t readySince = 0;  // its place in the pool's order of work, while Ready
    Fiber handle{this};
#if defined(PINDEX_FIBER_ASAN)
    void* fakeStack = nullptr;
#endif

    [[nodiscard]] char* stackBottom() const
    {
        return static_cast<char*>(mapping) + ::getpagesize();
    }
    [[nodiscard]] std::size_t stackBytes() const
    {
        return mappingBytes - static_cast<std::size_t>(::getpagesize());
    }
};

struct FiberPool::Worker
{
    std::thread thread;
    ucontext_t context{}; // the thread's own, where a fiber returns when it parks or ends
    std::condition_variable wakeUp;
    bool idle = false;
#if defined(PINDEX_FIBER_ASAN)
    void* fakeStack = nullptr;
    const void* stackBottom = nullptr;
    std::size_t stackBytes = 0;
#endif
};

namespace {

thread_local Fiber::State* t_fiber = nullptr;

// A context that starts fiberMain on the fiber's stack. Apart from makeFiber: getcontext returns
// twice (in principle), and no local of the caller may live across it.
[[gnu::noinline]] bool prepareContext(Fiber::State& fiber, void (*entry)())
{
    if (::getcontext(&fiber.context) != 0)
        return false;
    fiber.context.uc_stack.ss_sp = fiber.stackBottom();
    fiber.context.uc_stack.ss_size = fiber.stackBytes();
    fiber.context.uc_link = nullptr;
    ::makecontext(&fiber.context, entry, 0);
    return true;
}

// Saves the running context in `from` and continues `to`.
#if defined(PINDEX_FIBER_ASAN)
// Under AddressSanitizer the switches are annotated (__sanitizer_*_switch_fiber) and made with
// getcontext and setcontext: its swapcontext interceptor, which cannot know the stacks, prints a
// warning on first use, and the programs' output must stay what it is.
[[gnu::noinline]] void switchContext(ucontext_t* from, const ucontext_t* to)
{
    volatile bool resumed = false;
    ::getcontext(from);
    if (!resumed) {
        resumed = true;
        ::setcontext(to);
    }
}
#else
void switchContext(ucontext_t* from, const ucontext_t* to)
{
    ::swapcontext(from, to);
}
#endif

} // namespace

// Where every fiber starts: runs its task, then returns to its thread for good.
void FiberPool::fiberMain()
{
    Fiber::State* fiber = t_fiber;
#if defined(PINDEX_FIBER_ASAN)
    __sanitizer_finish_switch_fiber(nullptr, &fiber->owner->stackBottom, &fiber->owner->stackBytes);
#endif
    fiber->task(); // the task's own exceptions end the process, as on a thread
    fiber->task = nullptr;
    finish(*fiber);
}

Fiber* currentFiber()
{
    return t_fiber != nullptr ? &t_fiber->handle : nullptr;
}

void Fiber::park()
{
    m_state->pool->park(*m_state);
}

void Fiber::wake(std::uint64_t cost)
{
    m_state->pool->wake(*m_state, cost);
}

FiberPool::FiberPool(Options options)
    : m_options(options)
{
    if (m_options.threads == 0)
        m_options.threads = std::max<std::size_t>(2, std::thread::hardware_concurrency());
    m_options.maxFibers = std::max<std::size_t>(1, m_options.maxFibers);
    const auto page = static_cast<std::size_t>(::getpagesize());
    m_options.stackBytes = std::max<std::size_t>(16 * page, (m_options.stackBytes + page - 1) / page * page);
}

FiberPool::~FiberPool()
{
    drain();
    std::vector<std::unique_ptr<Worker>> workers;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        for (auto& worker : m_workers)
            worker->wakeUp.notify_all();
        workers = std::move(m_workers);
    }
    for (auto& worker : workers)
        worker->thread.join();
    for (auto& fiber : m_freeFibers)
        ::munmap(fiber->mapping, fiber->mappingBytes);
}

bool FiberPool::post(std::function<void()> task)
{
    std::unique_lock lock(m_mutex);
    if (m_draining || m_stopping)
        return false;
    m_tasks.push_back({std::move(task), m_sequence++});
    wakeWorker(lock);
    return true;
}

void FiberPool::wakeWorker(std::unique_lock<std::mutex>& lock)
{
    for (auto& worker : m_workers) {
        if (worker->idle) {
            worker->idle = false;
            --m_idle;
            worker->wakeUp.notify_one();
            return;
        }
    }
    spawnIfWanted(lock);
}

void FiberPool::drain()
{
    std::unique_lock lock(m_mutex);
    m_draining = true;
    m_tasks.clear();
    // A thread being started is waited for too: it is in m_workers, to be ended, once it returns.
    m_finished.wait(lock, [this] { return m_liveFibers == 0 && m_starting == 0; });
}

std::size_t FiberPool::threadsStarted() const
{
    std::lock_guard lock(m_mutex);
    return m_workers.size();
}

void FiberPool::spawnIfWanted(std::unique_lock<std::mutex>& lock)
{
    if (m_stopping || m_draining)
        return;
    const std::size_t threads = m_workers.size() + m_starting;
    const std::size_t onCpu = threads - std::min(threads, m_blocked);
    if (m_tasks.size() + m_ready.size() <= m_idle + m_starting || onCpu >= m_options.threads)
        return;
    ++m_starting;
    // Outside the lock: a thread start waits while the dynamic loader loads a library (libcurl),
    // and the running threads must not wait with it.
    lock.unlock();
    auto worker = std::make_unique<Worker>();
    Worker& started = *worker;
    worker->thread = std::thread([this, &started] { run(started); });
    lock.lock();
    m_workers.push_back(std::move(worker));
    --m_starting;
    m_finished.notify_all(); // the destructor waits for starts too
}

void FiberPool::blockingBegins()
{
    std::unique_lock lock(m_mutex);
    ++m_blocked;
    spawnIfWanted(lock);
}

void FiberPool::blockingEnds()
{
    std::lock_guard lock(m_mutex);
    --m_blocked;
}

Fiber::State* FiberPool::makeFiber(std::function<void()>& task)
{
    std::unique_ptr<Fiber::State> fiber;
    if (!m_freeFibers.empty()) {
        fiber = std::move(m_freeFibers.back());
        m_freeFibers.pop_back();
    } else {
        const auto page = static_cast<std::size_t>(::getpagesize());
        const std::size_t bytes = m_options.stackBytes + page;
        void* mapping = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK | MAP_NORESERVE, -1, 0);
        if (mapping == MAP_FAILED)
            return nullptr;
        if (::mprotect(mapping, page, PROT_NONE) != 0) { // the guard page: an overflow faults
            ::munmap(mapping, bytes);
            return nullptr;
        }
        fiber = std::make_unique<Fiber::State>();
        fiber->pool = this;
        fiber->mapping = mapping;
        fiber->mappingBytes = bytes;
    }
#if defined(PINDEX_FIBER_ASAN)
    // A reused stack still carries the poisoned frames of the fiber that ended on it.
    ASAN_UNPOISON_MEMORY_REGION(fiber->stackBottom(), fiber->stackBytes());
#endif
    if (!prepareContext(*fiber, &fiberMain)) {
        m_freeFibers.push_back(std::move(fiber));
        return nullptr;
    }
    fiber->task = std::move(task);
    fiber->run = Fiber::State::Run::Ready;
    fiber->wakePending = false;
    return fiber.release();
}

void FiberPool::run(Worker& worker)
{
    setBlockingObserver(this);
    std::unique_lock lock(m_mutex);
    while (true) {
        // The order of work: see fiber_pool.h.
        const bool canStart = !m_tasks.empty() && m_liveFibers < m_options.maxFibers && !m_draining;
        // A new task is cheap until it parks (it prepares its requests): it goes before every woken
        // fiber with work announced, and in order with those without.
        const auto taskFirst = [this] {
            const auto* fiber = m_ready.front();
            return fiber->cost > 0 || m_tasks.front().sequence < fiber->readySince;
        };
        if (canStart && (m_ready.empty() || taskFirst())) {
            auto task = std::move(m_tasks.front().task);
            m_tasks.pop_front();
            Fiber::State* fiber = makeFiber(task);
            if (fiber == nullptr) {
                // No stack to be had: the task runs on this thread instead, its waits blocking it.
                ++m_liveFibers;
                lock.unlock();
                task();
                task = nullptr;
                lock.lock();
                --m_liveFibers;
                m_finished.notify_all();
                continue;
            }
            ++m_liveFibers;
            resume(worker, *fiber, lock);
            continue;
        }
        if (!m_ready.empty()) {
            Fiber::State* fiber = m_ready.front();
            m_ready.erase(m_ready.begin());
            resume(worker, *fiber, lock);
            continue;
        }
        if (m_stopping)
            return;
        ++m_idle;
        worker.idle = true;
        worker.wakeUp.wait(lock, [&] { return !worker.idle || m_stopping; });
        if (worker.idle) {
            worker.idle = false;
            --m_idle;
        }
    }
}

void FiberPool::resume(Worker& worker, Fiber::State& fiber, std::unique_lock<std::mutex>& lock)
{
    fiber.run = Fiber::State::Run::Running;
    fiber.owner = &worker; // where it returns when it parks or ends
    lock.unlock();
    t_fiber = &fiber;
#if defined(PINDEX_FIBER_ASAN)
    __sanitizer_start_switch_fiber(&worker.fakeStack, fiber.stackBottom(), fiber.stackBytes());
#endif
    switchContext(&worker.context, &fiber.context);
#if defined(PINDEX_FIBER_ASAN)
    __sanitizer_finish_switch_fiber(worker.fakeStack, nullptr, nullptr);
#endif
    t_fiber = nullptr;
    lock.lock();
    if (fiber.run == Fiber::State::Run::Finished) {
        --m_liveFibers;
        m_freeFibers.emplace_back(&fiber);
        m_finished.notify_all();
        return;
    }
    // Parking: a wake that came since is not lost.
    if (fiber.wakePending) {
        fiber.wakePending = false;
        makeReady(fiber, fiber.pendingCost);
    } else {
        fiber.run = Fiber::State::Run::Parked;
    }
}

void FiberPool::park(Fiber::State& fiber)
{
    {
        std::lock_guard lock(m_mutex);
        if (fiber.wakePending) {
            fiber.wakePending = false;
            return;
        }
        fiber.run = Fiber::State::Run::Parking;
    }
#if defined(PINDEX_FIBER_ASAN)
    __sanitizer_start_switch_fiber(&fiber.fakeStack, fiber.owner->stackBottom, fiber.owner->stackBytes);
#endif
    switchContext(&fiber.context, &fiber.owner->context);
#if defined(PINDEX_FIBER_ASAN)
    __sanitizer_finish_switch_fiber(fiber.fakeStack, &fiber.owner->stackBottom, &fiber.owner->stackBytes);
#endif
}

void FiberPool::makeReady(Fiber::State& fiber, std::uint64_t cost)
{
    fiber.run = Fiber::State::Run::Ready;
    fiber.cost = cost;
    fiber.readySince = m_sequence++;
    // Least work first, then in order.
    const auto later =
        std::ranges::upper_bound(m_ready, &fiber, [](const Fiber::State* a, const Fiber::State* b) {
            return a->cost != b->cost ? a->cost < b->cost : a->readySince < b->readySince;
        });
    m_ready.insert(later, &fiber);
}

bool FiberPool::wakeLocked(Fiber::State& fiber, std::uint64_t cost)
{
    switch (fiber.run) {
    case Fiber::State::Run::Parked: makeReady(fiber, cost); return true;
    case Fiber::State::Run::Running:
    case Fiber::State::Run::Parking:
        fiber.wakePending = true;
        fiber.pendingCost = cost;
        return false;
    case Fiber::State::Run::Ready:
    case Fiber::State::Run::Finished: return false;
    }
    return false;
}

void FiberPool::wake(Fiber::State& fiber, std::uint64_t cost)
{
    std::unique_lock lock(m_mutex);
    if (wakeLocked(fiber, cost))
        wakeWorker(lock);
}

void FiberPool::wakeMany(std::span<const std::pair<Fiber*, std::uint64_t>> wakes)
{
    std::unique_lock lock(m_mutex);
    std::size_t ready = 0;
    for (const auto& [fiber, cost] : wakes) {
        if (wakeLocked(*fiber->m_state, cost))
            ++ready;
    }
    for (std::size_t k = 0; k < ready; ++k)
        wakeWorker(lock);
}

void Fiber::wakeAll(std::span<const std::pair<Fiber*, std::uint64_t>> wakes)
{
    // Most often one pool; the wakes of each go together.
    std::vector<std::pair<Fiber*, std::uint64_t>> rest(wakes.begin(), wakes.end());
    while (!rest.empty()) {
        FiberPool* pool = rest.front().first->m_state->pool;
        const auto others = std::ranges::stable_partition(
            rest, [pool](const auto& wake) { return wake.first->m_state->pool == pool; });
        pool->wakeMany(std::span(rest.begin(), others.begin()));
        rest.erase(rest.begin(), others.begin());
    }
}

void FiberPool::finish(Fiber::State& fiber)
{
    {
        std::lock_guard lock(fiber.pool->m_mutex);
        fiber.run = Fiber::State::Run::Finished;
    }
#if defined(PINDEX_FIBER_ASAN)
    __sanitizer_start_switch_fiber(nullptr, fiber.owner->stackBottom, fiber.owner->stackBytes);
#endif
    ::setcontext(&fiber.owner->context);
    std::terminate(); // setcontext does not return
}

} // namespace pindex::util
