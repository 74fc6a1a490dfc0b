// pindex diff OLD NEW | pindex diff --git REV [FILE] | pindex diff --git REV1..REV2 [FILE] |
// pindex diff --git REV1 --git REV2 [FILE]: what changed between two lockfiles, between a lockfile
// and its content at a git revision, or between two revisions of it (REV1...REV2: from their merge
// base, as a pull request shows it), as text, JSON or a Markdown table. Exit code 0 when nothing
// changed, 1 when something did, 2 on error. With -v, where the time went, on standard error.

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "app/arguments.h"
#include "app/commands.h"
#include "core/diff/diff_report.h"
#include "core/diff/lock_comparison.h"
#include "core/util/phase_timings.h"

namespace pindex::app {
namespace {

constexpr std::string_view kUsage =
    "usage: pindex diff OLD NEW [--format text|json|markdown] [-v|--verbose]\n"
    "       pindex diff --git REV [FILE]                the work tree's FILE against REV\n"
    "       pindex diff --git REV1..REV2 [FILE]         FILE at REV1 against FILE at REV2\n"
    "       pindex diff --git REV1...REV2 [FILE]        from the merge base of REV1 and REV2 to REV2\n"
    "       pindex diff --git REV1 --git REV2 [FILE]    the same as REV1..REV2\n"
    "FILE defaults to the lockfile of the current directory (pylock.toml, uv.lock, poetry.lock,\n"
    "requirements.txt). An empty side of a range means HEAD. -v, --verbose: print how long\n"
    "reading, comparing and reporting took to standard error.\n";

using Clock = std::chrono::steady_clock;

// Parsing two lockfiles allocates some hundred thousand small blocks: at the peak (both snapshots
// and the diff's indexes) about three bytes of heap for each byte of input (heaptrack, 3,000-package
// pairs of each format), a little more reserved so the peak fits. A fresh process gets each of those
// pages from the kernel on first touch, one fault per 4 KiB page, which on virtual machines costs
// tens of microseconds (docs/BENCHMARKS.md, "Lock diff"); populated in advance, about half.
constexpr std::uintmax_t kHeapPerInputByte = 4;
constexpr std::uintmax_t kHeapReserveFloor = 4u << 20; // below this, faults cost nothing worth saving
constexpr std::uintmax_t kHeapReserveCeiling = 1u << 30;

// Prepares the main heap of this short-lived process for about `bytes` of small allocations:
// glibc's malloc keeps blocks up to 32 MiB in the heap instead of separate mappings and keeps
// freed memory instead of returning it; then `bytes` of heap are marked for transparent huge pages
// and populated by madvise(MADV_POPULATE_WRITE), 16 MiB a call, rather than by one fault per page.
// Process-wide and permanent, so for the command line only (the process exits after the diff),
// which parses on its main thread (other threads have heaps of their own). Does nothing where that
// is not glibc on Linux 5.14 or later.
void reserveHeap(std::uintmax_t bytes)
{
#if defined(__GLIBC__) && defined(__linux__)
    if (bytes < kHeapReserveFloor)
        return;
    bytes = std::min(bytes, kHeapReserveCeiling);
    constexpr std::size_t kBlock = 16u << 20; // under the mmap threshold set below
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, static_cast<int>(std::min<std::uintmax_t>(2 * bytes, INT_MAX)));
    std::vector<void*> blocks;
    for (std::uintmax_t reserved = 0; reserved < bytes;) {
        const auto size = static_cast<std::size_t>(std::min<std::uintmax_t>(kBlock, bytes - reserved));
        reserved += size;
        void* block = std::malloc(size);
        if (block == nullptr)
            break;
        blocks.push_back(block);
        const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
        const auto first = (reinterpret_cast<std::uintptr_t>(block) + page - 1) & ~(page - 1);
        const auto last = (reinterpret_cast<std::uintptr_t>(block) + size) & ~(page - 1);
        // Transparent huge pages where the system offers them on request (the usual `madvise`
        // setting): one 2 MiB page instead of 512 small ones, so the heap's pages cost a few
        // hundred faults in all. Ignored where huge pages are off.
        constexpr std::uintptr_t kHugePage = 2u << 20;
        const auto hugeFirst = (reinterpret_cast<std::uintptr_t>(block) + kHugePage - 1) & ~(kHugePage - 1);
        const auto hugeLast = (reinterpret_cast<std::uintptr_t>(block) + size) & ~(kHugePage - 1);
        if (hugeFirst < hugeLast)
            (void)madvise(reinterpret_cast<void*>(hugeFirst), hugeLast - hugeFirst, MADV_HUGEPAGE);
        if (madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE) != 0)
            break; // an older kernel: the pages come one fault at a time, as without this
    }
    // Freed in reverse, the blocks merge back into the top of the heap, populated.
    for (auto block = blocks.rbegin(); block != blocks.rend(); ++block)
        std::free(*block);
#else
    (void)bytes;
#endif
}

std::uintmax_t fileSize(const std::filesystem::path& path)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    return ec ? 0 : size;
}

int fail(CommandContext& context, const Error& error)
{
    context.err << "pindex diff: " << error.describe() << '\n';
    return 2;
}

} // namespace

int runDiff(CommandContext& context)
{
    const auto started = Clock::now();
    std::vector<std::string> words;
    for (const auto& word : context.arguments)
        words.push_back(word == "-v" ? "--verbose" : word);
    const auto arguments =
        Arguments::parse(words, {.flags = {"help", "verbose"}, .valued = {"format", "git"}});
    if (!arguments)
        return fail(context, arguments.error());
    if (arguments->has("help")) {
        context.out << kUsage;
        return 0;
    }
    const std::string formatName = arguments->valueOr("format", "text");
    const auto format = diff::parseReportFormat(formatName);
    if (!format) {
        context.err << "pindex diff: unknown format '" << formatName << "' (use text, json or markdown)\n";
        return 2;
    }
    const auto& positional = arguments->positional();
    util::PhaseTimings timings;
    // One file after the other on this thread: in a process that lives for one diff, a second
    // thread and its heap cost more than the parallel parse saves (docs/BENCHMARKS.md).
    const diff::DiffOptions options{.parallelRead = false, .timings = &timings};
    Result<diff::LockDiff> result;
    if (const auto revisions = arguments->values("git"); !revisions.empty()) {
        if (positional.size() > 1 || revisions.size() > 2) {
            context.err << kUsage;
            return 2;
        }
        std::filesystem::path file;
        if (positional.empty()) {
            auto found = diff::findLockfile(".");
            if (!found)
                return fail(context, found.error());
            file = *found;
        } else {
            file = positional.front();
        }
        std::optional<diff::RevisionRange> range = diff::parseRevisionRange(revisions.front());
        if (revisions.size() == 2) {
            if (range || diff::parseRevisionRange(revisions.back())) {
                context.err << "pindex diff: give either REV1..REV2 or two --git options, not both\n";
                return 2;
            }
            range = diff::RevisionRange{revisions.front(), revisions.back(), false};
        }
        {
            util::ScopedPhase phase(&timings, "reserve heap");
            reserveHeap(kHeapPerInputByte * 2 * fileSize(file));
        }
        result = range ? diff::diffRevisionRange(file, *range, options)
                       : diff::diffAgainstRevision(file, revisions.front(), options);
    } else {
        if (positional.size() != 2) {
            context.err << kUsage;
            return 2;
        }
        {
            util::ScopedPhase phase(&timings, "reserve heap");
            reserveHeap(kHeapPerInputByte * (fileSize(positional[0]) + fileSize(positional[1])));
        }
        result = diff::diffFiles(positional[0], positional[1], options);
    }
    if (!result)
        return fail(context, result.error());
    {
        util::ScopedPhase phase(&timings, "report");
        context.out << diff::formatReport(*result, *format);
        context.out.flush();
    }
    if (arguments->has("verbose")) {
        // As `pindex sync -v` prints it: the phases, then what the command spent outside them.
        timings.add("(outside the job)", Clock::now() - started - timings.total());
        context.err << "pindex diff: time per phase\n" << timings.format();
    }
    return result->empty() ? 0 : 1;
}

} // namespace pindex::app
