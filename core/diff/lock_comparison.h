#pragma once

// What can be compared, as one call each: two lockfiles on disk (formats may differ), a lockfile
// against its content at a git revision, and the lock on disk against a snapshot held in memory
// (a fresh resolution before it is written). Parsing and diffing are synchronous; callers run
// them on a worker thread when the files are large.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/diff/lock_diff.h"
#include "core/lock/lock_snapshot.h"
#include "core/lock/pylock_writer.h"
#include "core/resolver/resolver.h"
#include "core/util/error.h"

namespace pindex::diff {

[[nodiscard]] Result<LockDiff> diffFiles(const std::filesystem::path& oldFile,
                                         const std::filesystem::path& newFile,
                                         const DiffOptions& options = {});

// Old side: `file` at `revision` (read with libgit2); new side: `file` in the work tree.
[[nodiscard]] Result<LockDiff> diffAgainstRevision(const std::filesystem::path& file,
                                                   const std::string& revision,
                                                   const DiffOptions& options = {});

// Old side: `file` at `oldRevision`; new side: `file` at `newRevision`.
[[nodiscard]] Result<LockDiff> diffRevisions(const std::filesystem::path& file,
                                             const std::string& oldRevision, const std::string& newRevision,
                                             const DiffOptions& options = {});

// Two revisions as git writes them: "A..B" compares A with B; "A...B" compares the merge base of A
// and B with B (what B adds, as a pull request shows it). An empty side means HEAD.
struct RevisionRange
{
    std::string oldRevision;
    std::string newRevision;
    bool fromMergeBase = false; // "A...B"
};
// std::nullopt when `text` holds no ".." (a single revision).
[[nodiscard]] std::optional<RevisionRange> parseRevisionRange(std::string_view text);

// `file` at both ends of `range`; neither side reads the work tree.
[[nodiscard]] Result<LockDiff> diffRevisionRange(const std::filesystem::path& file,
                                                 const RevisionRange& range, const DiffOptions& options = {});

// Old side: the lockfile on disk; new side: a snapshot that is not written yet.
[[nodiscard]] Result<LockDiff> diffAgainstSnapshot(const std::filesystem::path& file,
                                                   const lock::LockSnapshot& proposed,
                                                   const DiffOptions& options = {});

// The lock a re-lock would replace against the lock it would write, before anything is written
// (the GUI shows this before the user accepts). `existing` is the lock as read, std::nullopt when
// the project has none yet (every package is then added). `proposed` is the snapshot of the
// resolution (lock::snapshotFromResolution); it is compared as it will read back from the
// pylock.toml text formatPylock gives, so an unchanged resolution gives an empty diff and the
// report shows exactly what accepting writes. The new side is labelled "resolution (not written)".
[[nodiscard]] LockDiff diffProposedLock(const std::optional<lock::LockSnapshot>& existing,
                                        const lock::LockSnapshot& proposed, const DiffOptions& options = {});

// The same from a resolution and the lockfile path: the file is read (absent: no lock yet) and
// `resolution` becomes a snapshot with `inputs`. Errors only when the file exists but cannot be
// read or parsed.
[[nodiscard]] Result<LockDiff> diffAgainstResolution(const std::filesystem::path& lockfile,
                                                     const resolver::Resolution& resolution,
                                                     const lock::PylockInputs& inputs,
                                                     const DiffOptions& options = {});

// `file` as committed at `revision`, parsed; its sourceName is "FILE@REVISION".
[[nodiscard]] Result<lock::LockSnapshot> readLockAtRevision(const std::filesystem::path& file,
                                                            const std::string& revision);

// The lockfile of a project directory: pylock.toml, uv.lock, poetry.lock or requirements.txt, the
// first that exists. NotFound when there is none.
[[nodiscard]] Result<std::filesystem::path> findLockfile(const std::filesystem::path& directory);

} // namespace pindex::diff
