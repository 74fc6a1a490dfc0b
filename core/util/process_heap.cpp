#include "core/util/process_heap.h"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <vector>

#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace pindex::util {

namespace {

constexpr std::uintmax_t kReserveFloor = 4u << 20; // below this, faults cost nothing worth saving
constexpr std::uintmax_t kReserveCeiling = 1u << 30;

} // namespace

void reserveProcessHeap(const HeapReservation& reservation)
{
#if defined(__GLIBC__) && defined(__linux__)
    if (reservation.oneArena)
        mallopt(M_ARENA_MAX, 1);
    if (reservation.bytes < kReserveFloor)
        return;
    const auto bytes = std::min(reservation.bytes, kReserveCeiling);
    constexpr std::size_t kBlock = 16u << 20; // under the mmap threshold set below
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, static_cast<int>(std::min<std::uintmax_t>(2 * bytes, INT_MAX)));
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    constexpr std::uintptr_t kHugePage = 2u << 20;
    std::vector<void*> blocks;
    for (std::uintmax_t reserved = 0; reserved < bytes;) {
        const auto size = static_cast<std::size_t>(std::min<std::uintmax_t>(kBlock, bytes - reserved));
        reserved += size;
        void* block = std::malloc(size);
        if (block == nullptr)
            break;
        blocks.push_back(block);
        const auto begin = reinterpret_cast<std::uintptr_t>(block);
        const auto hugeFirst = (begin + kHugePage - 1) & ~(kHugePage - 1);
        const auto hugeLast = (begin + size) & ~(kHugePage - 1);
        if (reservation.hugePages && hugeFirst < hugeLast)
            (void)madvise(reinterpret_cast<void*>(hugeFirst), hugeLast - hugeFirst, MADV_HUGEPAGE);
        if (!reservation.populate)
            continue;
        const auto first = (begin + page - 1) & ~(page - 1);
        const auto last = (begin + size) & ~(page - 1);
        if (madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE) != 0)
            break; // an older kernel: the pages come one fault at a time, as without this
    }
    // Freed in reverse, the blocks merge back into the top of the heap, which the trim threshold
    // keeps: later allocations are carved from the reserved (and marked) range.
    for (auto block = blocks.rbegin(); block != blocks.rend(); ++block)
        std::free(*block);
#else
    (void)reservation;
#endif
}

} // namespace pindex::util
