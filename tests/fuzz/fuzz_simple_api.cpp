// Simple API pages from an index (PEP 503 HTML, PEP 691 JSON): parsing hostile pages never crashes,
// and every file it returns has a name and a URL.

#include "core/index/simple_html.h"
#include "core/index/simple_json.h"
#include "tests/fuzz/fuzz_check.h"

using namespace pindex::index;

namespace {

void checkPage(const pindex::Result<ProjectPage>& page)
{
    if (!page)
        return;
    for (const auto& file : page->files) {
        PINDEX_FUZZ_CHECK(!file.filename.empty(), file.url);
        PINDEX_FUZZ_CHECK(!file.url.empty(), file.filename);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto text = pindex::fuzz::asText(data, size);
    const std::string pageUrl = "https://index.example/simple/project/";
    checkPage(parseProjectPageHtml(text, pageUrl));
    checkPage(parseProjectPageJson(text, pageUrl));
    (void)parseProjectListHtml(text);
    (void)parseProjectListJson(text, "https://index.example/simple/");
    (void)decodeHtmlEntities(text);
    return 0;
}
