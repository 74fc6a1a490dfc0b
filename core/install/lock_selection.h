#pragma once

// Chooses, from a lock snapshot, what one environment should have installed: the packages whose
// markers hold for the interpreter, each with its best compatible wheel (by tag rank) and the
// lock's sha256. Entries that cannot be installed from a wheel yet (only an sdist, a VCS or
// directory source, or no compatible wheel) are reported by name, not silently skipped.
//
// Invariants: every selected package has exactly one wheel; `requested` is set for packages named
// by the lock's root requirements.

#include <string>
#include <vector>

#include "core/install/interpreter.h"
#include "core/install/sync_planner.h"
#include "core/lock/lock_snapshot.h"
#include "core/util/error.h"

namespace pindex::install {

struct SelectedPackage
{
    TargetPackage target;
    lock::LockedFile wheel;
    std::string sha256; // lower-case hex, empty when the lock has none
};

struct LockSelection
{
    std::vector<SelectedPackage> packages;
    std::vector<Error> problems; // Unsupported (needs a build, VCS, directory), NotFound (no wheel)
};

[[nodiscard]] LockSelection selectFromLock(const lock::LockSnapshot& snapshot,
                                           const InterpreterInfo& interpreter);

} // namespace pindex::install
