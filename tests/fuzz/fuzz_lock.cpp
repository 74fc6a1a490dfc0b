// A lockfile reader (PINDEX_LOCK_READER, one target per format: see CMakeLists.txt): hostile or
// malformed lockfiles never crash it; an error has a message, and every package read has a name.

#include "core/lock/lock_reader.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto snapshot =
        pindex::lock::PINDEX_LOCK_READER(pindex::fuzz::asText(data, size), PINDEX_LOCK_FILE);
    if (!snapshot) {
        PINDEX_FUZZ_CHECK(!snapshot.error().message.empty(), "an error without a message");
        return 0;
    }
    for (const auto& package : snapshot->packages)
        PINDEX_FUZZ_CHECK(!package.name.empty(), "a package without a name");
    return 0;
}
