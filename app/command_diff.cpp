// pindex diff OLD NEW | pindex diff --git REV [FILE] | pindex diff --git REV1..REV2 [FILE] |
// pindex diff --git REV1 --git REV2 [FILE]: what changed between two lockfiles, between a lockfile
// and its content at a git revision, or between two revisions of it (REV1...REV2: from their merge
// base, as a pull request shows it), as text, JSON or a Markdown table. Exit code 0 when nothing
// changed, 1 when something did, 2 on error. With -v, where the time went, on standard error.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "app/arguments.h"
#include "app/commands.h"
#include "core/diff/diff_report.h"
#include "core/diff/lock_comparison.h"
#include "core/util/phase_timings.h"
#include "core/util/process_heap.h"

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
// pairs of each format), a little more reserved so the peak fits, populated in advance
// (util::reserveProcessHeap). The diff parses on the main thread, so the heap stays that one.
constexpr std::uintmax_t kHeapPerInputByte = 4;

void reserveHeap(std::uintmax_t bytes)
{
    util::reserveProcessHeap({.bytes = bytes, .populate = true, .hugePages = true});
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
