#pragma once

// pindex::util::reserveProcessHeap: prepares the heap of a short-lived command-line process for a
// burst of small allocations: one heap, never trimmed, and where asked populated at once (a few
// calls instead of one fault per 4 KiB page) or in huge pages.
//
// A fresh process gets every heap page from the kernel on first touch. On virtual machines a
// fault costs tens of microseconds, so a command that allocates tens of megabytes in a fraction
// of a second (parsing two lockfiles, reading a hundred project pages) spends more time in the
// kernel than in its own code (docs/BENCHMARKS.md, "Lock diff" and "Resolver"). glibc's malloc
// keeps blocks up to 32 MiB in the heap (instead of mappings of their own) and freed memory in
// the process; with `populate`, `bytes` of heap are faulted in at once by
// madvise(MADV_POPULATE_WRITE), and with `hugePages` they are marked for transparent huge pages
// (one 2 MiB page instead of 512 small ones, where the system offers them on request: the usual
// `madvise` setting).
//
// `hugePages` pays where the pages are populated at once, or touched densely right after start. It
// does not where they are touched as a program happens to need them: a huge page is zeroed whole
// however little of it is used (the resolver's heap: 38 MiB resident instead of 27 MiB), and on
// virtual machines whose host takes back the memory a guest frees (free page reporting), a huge
// page that has been free for a second or more costs ten to twenty times what the same memory
// costs in small pages: a `pindex lock` run after a pause took 174 ms with huge pages against
// 162 ms without (docs/BENCHMARKS.md, "Resolver").
//
// `oneArena`: every thread allocates from this one heap. glibc otherwise gives each new thread an
// arena of its own (a 64 MiB mapping whose pages fault one by one, none of them huge), which for
// a pool of threads answering a resolver means several partly used heaps. Must be asked before
// the process starts a second thread.
//
// Process-wide and permanent: for the command line only, never for the desktop application or a
// library caller. Does nothing where that is not glibc on Linux (5.14 or later for `populate`).

#include <cstdint>

namespace pindex::util {

struct HeapReservation
{
    std::uintmax_t bytes = 0; // below 4 MiB nothing is reserved; above 1 GiB, 1 GiB is
    bool populate = true;     // fault the pages in now (the size is known) or on first touch
    bool hugePages = false;   // mark the reserved range for transparent huge pages
    bool oneArena = false;    // every thread allocates from the main heap
};

void reserveProcessHeap(const HeapReservation& reservation);

} // namespace pindex::util
