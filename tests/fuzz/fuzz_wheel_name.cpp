// Wheel and sdist file names and compressed tag sets, as an index lists them: parsing never
// crashes and never expands a tag set beyond what the text can name.

#include "core/standards/tags.h"
#include "core/standards/wheel_name.h"
#include "tests/fuzz/fuzz_check.h"

using namespace pindex::standards;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto text = pindex::fuzz::asText(data, size);
    (void)parseWheelName(text);
    (void)parseSdistName(text);
    if (const auto tags = parseTagSet(text))
        PINDEX_FUZZ_CHECK(!tags->tags.empty(), std::string(text));
    return 0;
}
