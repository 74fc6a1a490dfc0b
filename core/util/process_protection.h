#pragma once

// Keeps the secrets a process holds (index passwords and tokens, in memory while a request is
// sent) out of crash dumps: no core file is written for the process, whatever `ulimit -c` and
// /proc/sys/kernel/core_pattern say, and other processes of the same user cannot attach to it
// with ptrace or read its memory through /proc. Pindex has no crash handler of its own that could
// write one either. Called first thing in main().

namespace pindex {

// Idempotent; returns false when the system refused (the process still runs normally).
bool disableCoreDumps();

} // namespace pindex
