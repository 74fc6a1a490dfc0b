#pragma once

// Writing PEP 751 pylock.toml: a LockSnapshot to text, a resolution to a LockSnapshot, and the
// atomic write next to pyproject.toml.
//
// Invariants of the output: the same snapshot always gives the same bytes (packages sorted by
// canonical name then version, wheels by file name, hashes by algorithm, keys in one fixed order);
// no URL in it carries credentials (user info is removed, not masked); parsePylock() of the text
// gives back the same packages, files, hashes and dependencies.

#include <filesystem>
#include <string>
#include <vector>

#include "core/lock/lock_snapshot.h"
#include "core/resolver/resolver.h"
#include "core/util/error.h"
#include "core/util/url_text.h"

namespace pindex::lock {

struct PylockInputs
{
    std::string requiresPython;            // the project's, e.g. ">=3.11"
    std::vector<std::string> environments; // markers the lock is valid for
    std::string createdBy = "pindex";
    // The folder the lock is written to. When set, files of local (flat) indexes are recorded as a
    // `path` relative to it and their index as a relative path too, so the lock stays valid when
    // the project moves; when empty, they keep their absolute location.
    std::filesystem::path lockDirectory;
};

// The lock model of a resolution: one entry per package with its index URL, all its wheels and
// its sdist (with hashes, sizes and upload times when the index gave them) and its dependencies.
// Files on a remote index are recorded by `url`, files of a local index by `path`.
[[nodiscard]] LockSnapshot snapshotFromResolution(const resolver::Resolution& resolution,
                                                  const PylockInputs& inputs);

// pylock.toml text (lock-version 1.0).
[[nodiscard]] std::string formatPylock(const LockSnapshot& snapshot);

// formatPylock written atomically to path (normally <project>/pylock.toml).
[[nodiscard]] Status writePylock(const std::filesystem::path& path, const LockSnapshot& snapshot);

// "https://user:secret@host/simple" -> "https://host/simple"; other text is returned unchanged.
using pindex::stripUrlCredentials;

} // namespace pindex::lock
