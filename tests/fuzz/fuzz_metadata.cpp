// Core metadata (METADATA / PKG-INFO, from indexes and wheels): parsing never crashes, and what
// parses keeps its name and version printable.

#include "core/standards/metadata.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto metadata = pindex::standards::parseCoreMetadata(pindex::fuzz::asText(data, size), "METADATA");
    if (metadata) {
        PINDEX_FUZZ_CHECK(!metadata->name.empty(), metadata->version.str());
        for (const auto& requirement : metadata->requiresDist)
            (void)requirement.str();
    } else {
        PINDEX_FUZZ_CHECK(!metadata.error().message.empty(), "an error without a message");
    }
    return 0;
}
