// Wheel and sdist file names and compressed tag sets, as an index lists them: parsing never
// crashes, never expands a tag set beyond what the text can name, and the light parsers (name and
// version only, tag set only validated) accept exactly what the full ones accept.

#include "core/standards/tags.h"
#include "core/standards/wheel_name.h"
#include "tests/fuzz/fuzz_check.h"

using namespace pindex::standards;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto text = pindex::fuzz::asText(data, size);
    const auto wheel = parseWheelName(text);
    const auto light = parseWheelNameAndVersion(text);
    PINDEX_FUZZ_CHECK(wheel.has_value() == light.has_value(), std::string(text));
    if (wheel && light)
        PINDEX_FUZZ_CHECK(wheel->name == light->name && wheel->version.str() == light->version.str(),
                          std::string(text));
    (void)parseSdistName(text);
    const auto tags = parseTagSet(text);
    PINDEX_FUZZ_CHECK(tags.has_value() == isValidTagSet(text), std::string(text));
    if (tags)
        PINDEX_FUZZ_CHECK(!tags->tags.empty(), std::string(text));
    return 0;
}
