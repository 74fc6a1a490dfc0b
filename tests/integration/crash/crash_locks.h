#pragma once

// The two locks the crash writer alternates between, shared with the test that checks the file is
// always exactly one of them.

#include <string>

#include "core/lock/lock_snapshot.h"

namespace pindex::test {

inline lock::LockSnapshot crashLock(int packages, const std::string& version)
{
    lock::LockSnapshot snapshot;
    snapshot.lockVersion = "1.0";
    snapshot.createdBy = "pindex";
    snapshot.requiresPython = ">=3.9";
    for (int i = 0; i < packages; ++i) {
        lock::LockedPackage package;
        package.name = "package-" + std::to_string(i);
        package.version = version;
        snapshot.packages.push_back(std::move(package));
    }
    return snapshot;
}

inline lock::LockSnapshot firstCrashLock()
{
    return crashLock(400, "1.0");
}
inline lock::LockSnapshot secondCrashLock()
{
    return crashLock(300, "2.0");
}

} // namespace pindex::test
