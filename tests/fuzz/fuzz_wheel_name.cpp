// Wheel and sdist file names and compressed tag sets, as an index lists them: parsing never
// crashes, never expands a tag set beyond what the text can name, and the light parsers (name and
// version only, tag set only validated) accept exactly what the full ones accept. The input's lines,
// read in order by one WheelNameReader (a page's files), get the light parser's answer each.

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
    WheelNameReader reader;
    for (std::string_view rest = text; !rest.empty();) {
        const auto newline = rest.find('\n');
        const auto line = rest.substr(0, newline);
        rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
        const auto alone = parseWheelNameAndVersion(line);
        const auto read = reader.nameAndVersion(line);
        PINDEX_FUZZ_CHECK(alone.has_value() == read.has_value(), std::string(line));
        if (alone && read)
            PINDEX_FUZZ_CHECK(alone->name == read->name && alone->version.str() == read->version.str(),
                              std::string(line));
    }
    (void)parseSdistName(text);
    const auto tags = parseTagSet(text);
    PINDEX_FUZZ_CHECK(tags.has_value() == isValidTagSet(text), std::string(text));
    if (tags)
        PINDEX_FUZZ_CHECK(!tags->tags.empty(), std::string(text));
    return 0;
}
