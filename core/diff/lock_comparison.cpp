#include "core/diff/lock_comparison.h"

#include <future>

#include "core/diff/git_revision.h"
#include "core/lock/lock_reader.h"

namespace pindex::diff {
namespace {

using Clock = std::chrono::steady_clock;

// diffSnapshots, recording in options.timings how long reading took (since `readStarted`) and how
// long the comparison.
LockDiff compareTimed(const lock::LockSnapshot& before, const lock::LockSnapshot& after,
                      const DiffOptions& options, Clock::time_point readStarted)
{
    const auto compareStarted = Clock::now();
    if (options.timings != nullptr)
        options.timings->add("read and parse", compareStarted - readStarted);
    util::ScopedPhase phase(options.timings, "compare");
    return diffSnapshots(before, after, options);
}

} // namespace

Result<lock::LockSnapshot> readLockAtRevision(const std::filesystem::path& file, const std::string& revision)
{
    auto content = readFileAtRevision(file, revision);
    if (!content)
        return std::unexpected(content.error());
    // The file name decides the format; the revision only labels the source.
    auto snapshot = lock::parseLock(*content, file.string() + "@" + revision);
    return snapshot;
}

Result<LockDiff> diffFiles(const std::filesystem::path& oldFile, const std::filesystem::path& newFile,
                           const DiffOptions& options)
{
    const auto started = Clock::now();
    Result<lock::LockSnapshot> before;
    Result<lock::LockSnapshot> after;
    if (options.parallelRead) {
        // The two parses are independent: the older file parses on a second thread meanwhile.
        auto pending = std::async(std::launch::async, [&oldFile] { return lock::readLock(oldFile); });
        after = lock::readLock(newFile);
        before = pending.get();
    } else {
        before = lock::readLock(oldFile);
        if (!before)
            return std::unexpected(before.error());
        after = lock::readLock(newFile);
    }
    if (!before)
        return std::unexpected(before.error());
    if (!after)
        return std::unexpected(after.error());
    return compareTimed(*before, *after, options, started);
}

Result<LockDiff> diffAgainstRevision(const std::filesystem::path& file, const std::string& revision,
                                     const DiffOptions& options)
{
    const auto started = Clock::now();
    auto before = readLockAtRevision(file, revision);
    if (!before)
        return std::unexpected(before.error());
    auto after = lock::readLock(file);
    if (!after)
        return std::unexpected(after.error());
    return compareTimed(*before, *after, options, started);
}

Result<LockDiff> diffRevisions(const std::filesystem::path& file, const std::string& oldRevision,
                               const std::string& newRevision, const DiffOptions& options)
{
    const auto started = Clock::now();
    auto before = readLockAtRevision(file, oldRevision);
    if (!before)
        return std::unexpected(before.error());
    auto after = readLockAtRevision(file, newRevision);
    if (!after)
        return std::unexpected(after.error());
    return compareTimed(*before, *after, options, started);
}

std::optional<RevisionRange> parseRevisionRange(std::string_view text)
{
    const auto dots = text.find("..");
    if (dots == std::string_view::npos)
        return std::nullopt;
    RevisionRange range;
    range.fromMergeBase = text.substr(dots).starts_with("...");
    range.oldRevision = std::string(text.substr(0, dots));
    range.newRevision = std::string(text.substr(dots + (range.fromMergeBase ? 3 : 2)));
    for (auto* revision : {&range.oldRevision, &range.newRevision}) {
        if (revision->empty())
            *revision = "HEAD";
    }
    return range;
}

Result<LockDiff> diffRevisionRange(const std::filesystem::path& file, const RevisionRange& range,
                                   const DiffOptions& options)
{
    if (!range.fromMergeBase)
        return diffRevisions(file, range.oldRevision, range.newRevision, options);
    auto base = mergeBase(file, range.oldRevision, range.newRevision);
    if (!base)
        return std::unexpected(base.error());
    return diffRevisions(file, *base, range.newRevision, options);
}

Result<LockDiff> diffAgainstSnapshot(const std::filesystem::path& file, const lock::LockSnapshot& proposed,
                                     const DiffOptions& options)
{
    const auto started = Clock::now();
    auto before = lock::readLock(file);
    if (!before)
        return std::unexpected(before.error());
    return compareTimed(*before, proposed, options, started);
}

LockDiff diffProposedLock(const std::optional<lock::LockSnapshot>& existing,
                          const lock::LockSnapshot& proposed, const DiffOptions& options)
{
    lock::LockSnapshot before;
    if (existing) {
        before = *existing;
    } else {
        before.format = lock::LockFormat::Pylock;
        before.sourceName = "(no lock yet)";
    }
    const std::string label = "resolution (not written)";
    auto written = lock::parsePylock(lock::formatPylock(proposed), label);
    if (!written) {
        // The writer's output always reads back; should it not, compare what is in memory.
        lock::LockSnapshot inMemory = proposed;
        inMemory.sourceName = label;
        return diffSnapshots(before, inMemory, options);
    }
    return diffSnapshots(before, *written, options);
}

Result<LockDiff> diffAgainstResolution(const std::filesystem::path& lockfile,
                                       const resolver::Resolution& resolution,
                                       const lock::PylockInputs& inputs, const DiffOptions& options)
{
    std::optional<lock::LockSnapshot> existing;
    std::error_code ec;
    if (std::filesystem::exists(lockfile, ec)) {
        auto read = lock::readLock(lockfile);
        if (!read)
            return std::unexpected(read.error());
        existing = std::move(*read);
    }
    return diffProposedLock(existing, lock::snapshotFromResolution(resolution, inputs), options);
}

Result<std::filesystem::path> findLockfile(const std::filesystem::path& directory)
{
    for (const char* name : {"pylock.toml", "uv.lock", "poetry.lock", "requirements.txt"}) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(directory / name, ec))
            return directory / name;
    }
    auto error = makeFileError(ErrorCode::NotFound, "no lockfile here", directory.string());
    error.hint = "expected pylock.toml, uv.lock, poetry.lock or requirements.txt";
    return std::unexpected(std::move(error));
}

} // namespace pindex::diff
