#pragma once

// pindex::util::moveThisThreadToBackground: the calling thread gives way on the CPU to every
// ordinary thread of the machine (on Linux, nice 19 for this thread alone).
//
// For threads whose work nobody waits for: the disk cache's writers (index::CacheWriter). During a
// resolution the cores are shared by the threads that parse what just arrived and ask for what
// comes next, the HTTP transfer thread and the resolver; a cache file created meanwhile costs tens
// of microseconds of kernel time each, and at normal priority those writes take their share of the
// cores exactly when a wave of answers arrives. In the background they run in the gaps, while
// every thread waits for the network (docs/BENCHMARKS.md, "Resolver").
//
// Invariants: only the calling thread changes, never the process or other threads; the change is
// permanent for that thread (an unprivileged thread cannot raise its priority again). A thread in
// the background still runs when the machine is busy, only with a small share of a core, so whoever
// waits for its work (CacheWriter::flush) is held up, not stopped. Returns whether the priority
// changed; where the system has no per-thread priority it does nothing and returns false.

namespace pindex::util {

bool moveThisThreadToBackground();

} // namespace pindex::util
