#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "core/util/process_heap.h"

#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

using namespace pindex;

#if defined(__GLIBC__) && defined(__linux__)

namespace {

// How many heaps (arenas) glibc's malloc has made so far, from malloc_info's report.
int heapCount()
{
    char* buffer = nullptr;
    std::size_t size = 0;
    FILE* stream = open_memstream(&buffer, &size);
    REQUIRE(stream != nullptr);
    REQUIRE(malloc_info(0, stream) == 0);
    std::fclose(stream);
    const std::string report(buffer, size);
    std::free(buffer);
    int count = 0;
    for (auto at = report.find("<heap nr="); at != std::string::npos; at = report.find("<heap nr=", at + 1))
        ++count;
    return count;
}

// Resident pages of this process, from /proc/self/statm.
std::size_t residentBytes()
{
    FILE* statm = std::fopen("/proc/self/statm", "r");
    REQUIRE(statm != nullptr);
    unsigned long size = 0;
    unsigned long resident = 0;
    const int read = std::fscanf(statm, "%lu %lu", &size, &resident);
    std::fclose(statm);
    REQUIRE(read == 2);
    return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

// Whether a mapping overlapping [first, last) is marked for transparent huge pages (MADV_HUGEPAGE
// shows as "hg" among its VmFlags in /proc/self/smaps).
bool markedForHugePages(const char* first, const char* last)
{
    FILE* smaps = std::fopen("/proc/self/smaps", "r");
    REQUIRE(smaps != nullptr);
    bool overlaps = false;
    bool marked = false;
    char line[512];
    while (std::fgets(line, sizeof line, smaps) != nullptr) {
        unsigned long begin = 0;
        unsigned long end = 0;
        if (std::sscanf(line, "%lx-%lx ", &begin, &end) == 2) {
            overlaps = begin < reinterpret_cast<std::uintptr_t>(last) &&
                       reinterpret_cast<std::uintptr_t>(first) < end;
        } else if (overlaps && std::string(line).starts_with("VmFlags:")) {
            marked = marked || std::string(line).find(" hg") != std::string::npos;
        }
    }
    std::fclose(smaps);
    return marked;
}

} // namespace

TEST_CASE("reserveProcessHeap marks the reservation for huge pages only when asked", "[util]")
{
    const auto* before = static_cast<const char*>(sbrk(0));
    util::reserveProcessHeap({.bytes = 8u << 20, .populate = false});
    const auto* after = static_cast<const char*>(sbrk(0));
    REQUIRE(after - before >= static_cast<std::ptrdiff_t>(8u << 20));
    CHECK_FALSE(markedForHugePages(before, after));

    // The same range again (the first reservation is free, at the top of the heap), now marked.
    util::reserveProcessHeap({.bytes = 8u << 20, .populate = false, .hugePages = true});
    const auto* again = static_cast<const char*>(sbrk(0));
    // An empty range is refused only where the kernel has no transparent huge pages at all.
    if (madvise(nullptr, 0, MADV_HUGEPAGE) != 0 && errno == EINVAL) {
        WARN("this kernel has no transparent huge pages: only the unmarked case is checked");
        return;
    }
    CHECK(markedForHugePages(before, again));
}

TEST_CASE("reserveProcessHeap keeps the reserved range in the main heap and lends it to every thread",
          "[util]")
{
    // CTest runs each case in a process of its own; run among other cases, threads before this one
    // may have made arenas of their own, and then only the reservation itself is checked.
    const bool alone = heapCount() == 1;
    const auto* before = static_cast<const char*>(sbrk(0));
    constexpr std::uintmax_t kBytes = 8u << 20;
    util::reserveProcessHeap({.bytes = kBytes, .populate = false, .oneArena = true});
    const auto* after = static_cast<const char*>(sbrk(0));
    // The heap grew by the reservation and kept it after the blocks were freed.
    REQUIRE(after - before >= static_cast<std::ptrdiff_t>(kBytes));
    CHECK(mallinfo2().fordblks >= kBytes);

    // A block another thread asks for comes from that range, not from a new arena.
    void* block = nullptr;
    std::thread([&block] { block = std::malloc(2u << 20); }).join(); // larger than any earlier free block
    REQUIRE(block != nullptr);
    const auto* address = static_cast<const char*>(block);
    if (alone) {
        CHECK(heapCount() == 1);
        // The main heap is the range up to the break, `arena` bytes long (the only arena).
        const auto* heapStart = after - mallinfo2().arena;
        CHECK(address >= heapStart);
        CHECK(address + (2u << 20) <= after);
    } else {
        WARN("threads ran before this case: the arena check needs a process of its own");
    }
    std::free(block);
}

TEST_CASE("reserveProcessHeap populates the reservation when asked, and ignores small ones", "[util]")
{
    const auto* before = static_cast<const char*>(sbrk(0));
    util::reserveProcessHeap({.bytes = 1u << 20}); // under the 4 MiB floor: nothing to save
    CHECK(static_cast<const char*>(sbrk(0)) == before);

    // Populated: resident at once, without the program touching it.
    const auto residentBefore = residentBytes();
    util::reserveProcessHeap({.bytes = 6u << 20, .populate = true});
    CHECK(residentBytes() >= residentBefore + (5u << 20));
}

#endif
