// netrc files: parsing never crashes, and a lookup in what parsed never does either.

#include "core/auth/netrc.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto netrc = pindex::auth::Netrc::parse(pindex::fuzz::asText(data, size), "netrc");
    if (netrc) {
        for (const auto& entry : netrc->entries())
            (void)netrc->find(entry.machine);
        (void)netrc->find("index.example");
    }
    return 0;
}
