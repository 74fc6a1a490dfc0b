#pragma once

// pindex::util::BlockingScope: a thread says it is about to wait for something other than the CPU
// (the network), so the pool whose task it runs may start another worker for the meantime.
//
// A pool of blocking tasks (resolver::IndexSource) needs a thread per task that waits on the
// network, but tasks answered from the disk cache want no more threads than there are cores: more
// only cost their stacks, their malloc arenas and the page faults of both. The pool installs a
// BlockingObserver on each of its workers; code that blocks (HttpClient::getAll) opens a
// BlockingScope around the wait. On a thread without an observer a scope does nothing.
//
// Invariants: begins and ends are paired, on the same thread; scopes may nest (only the outermost
// is reported).

namespace pindex::util {

class BlockingObserver
{
public:
    virtual void blockingBegins() = 0;
    virtual void blockingEnds() = 0;

protected:
    ~BlockingObserver() = default;
};

// The calling thread's observer (null: none). A pool sets it at the start of each worker.
void setBlockingObserver(BlockingObserver* observer);

class BlockingScope
{
public:
    BlockingScope();
    ~BlockingScope();
    BlockingScope(const BlockingScope&) = delete;
    BlockingScope& operator=(const BlockingScope&) = delete;

private:
    BlockingObserver* m_observer; // null when not outermost or no observer
};

} // namespace pindex::util
