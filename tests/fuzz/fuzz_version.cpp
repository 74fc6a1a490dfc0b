// PEP 440 versions and specifiers: parsing never crashes; a parsed version prints to a string that
// parses back to an equal version; a parsed specifier set prints to a string that parses back to
// the same text and answers containment the same way.

#include "core/standards/specifier.h"
#include "core/standards/version.h"
#include "tests/fuzz/fuzz_check.h"

using pindex::standards::SpecifierSet;
using pindex::standards::Version;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto [first, second] = pindex::fuzz::splitAt(pindex::fuzz::asText(data, size), "\n");
    const auto version = Version::parse(first);
    if (version) {
        const auto printed = version->str();
        const auto again = Version::parse(printed);
        PINDEX_FUZZ_CHECK(again.has_value(), printed);
        PINDEX_FUZZ_CHECK(*again == *version, printed);
        PINDEX_FUZZ_CHECK((*version <=> *version) == std::strong_ordering::equal, printed);
        (void)version->publicVersion();
        (void)version->baseVersion();
    }
    const auto specifiers = SpecifierSet::parse(second.empty() ? first : second);
    if (specifiers) {
        const auto printed = specifiers->str();
        const auto again = SpecifierSet::parse(printed);
        PINDEX_FUZZ_CHECK(again.has_value(), printed);
        PINDEX_FUZZ_CHECK(again->str() == printed, printed);
        if (version)
            PINDEX_FUZZ_CHECK(specifiers->contains(*version) == again->contains(*version), printed);
    }
    return 0;
}
