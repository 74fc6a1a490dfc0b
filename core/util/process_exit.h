#pragma once

// pindex::util::leaveForExit, finishProcess: a command-line process's last objects left to the
// kernel instead of torn down one by one.
//
// Some objects cost more to destroy than the kernel takes to reclaim them with the process: a pool
// of dozens of parked threads (each thread's end returns its stack page by page, with a TLB
// flush on every core) or a resolver's tens of thousands of small allocations. A command that has
// finished its work hands such an object, already settled (nothing running, everything written),
// to leaveForExit; main returns through finishProcess, which then flushes the standard streams and
// ends the process at once (std::_Exit: no destructor, no atexit handler runs), as compilers leave
// their syntax trees to the kernel. Nothing else is skipped that the process would have done:
// writes reach the disk through files written atomically and closed, never through exit handlers.
//
// Even the kernel's share is taken off the process's end: unmapping tens of MB and closing dozens
// of connections takes it milliseconds, which a shell or script waiting for the process would
// wait too. finishProcess closes the standard streams and starts a helper process that shares the
// address space (clone with CLONE_VM, not a thread), keeps only the sockets of the descriptors,
// and ends, at the lowest priority, once the process has ended (its pidfd says so): the process
// ends at once, and the helper's end does the teardown. Where pidfds or clone are missing (Linux
// before 5.3, a sandbox), the process ends as before.
//
// Under a sanitizer the objects are destroyed normally, the last left first (finishProcess then
// returns the code), so leak checks and thread checks still see everything.
//
// Invariants: an object left for exit is never destroyed, unless under a sanitizer; finishProcess
// returns only when nothing was left, or under a sanitizer; the helper holds no descriptor but
// sockets, and outlives the process only until it has seen it end.

#include <memory>

namespace pindex::util {

// Keeps `object` until the process ends. Call only from a process whose main returns through
// finishProcess; the object must be settled: no thread it owns may still write anything.
void leaveForExit(std::shared_ptr<void> object);

// What main returns: `code`, or the process ends here with it when objects were left for exit.
[[nodiscard]] int finishProcess(int code);

// Whether finishProcess ends the process without destroying what was left, handing the teardown
// to a helper (false under a sanitizer).
[[nodiscard]] bool finishSkipsTeardown();

} // namespace pindex::util
