// Simple API pages from an index (PEP 503 HTML, PEP 691 JSON): parsing hostile pages never crashes,
// and every file it returns has a name and a URL. A JSON page the full reader accepts is accepted
// in summary too, with the same files once completed.

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

// The summary of a page against its full reading.
void checkSummary(std::string_view text, const std::string& pageUrl)
{
    const auto full = parseProjectPageJson(text, pageUrl);
    const auto summary = summarizeProjectPageJson(std::string(text), pageUrl);
    if (!full)
        return; // values a summary does not read may go unchecked: it can accept more
    PINDEX_FUZZ_CHECK(summary.has_value(), full->name);
    PINDEX_FUZZ_CHECK(summary->files.size() == full->files.size(), full->name);
    for (std::size_t i = 0; i < full->files.size(); ++i) {
        PINDEX_FUZZ_CHECK(summary->files[i].filename == full->files[i].filename, full->files[i].filename);
        PINDEX_FUZZ_CHECK(summary->files[i].requiresPython == full->files[i].requiresPython,
                          full->files[i].filename);
        PINDEX_FUZZ_CHECK(summary->files[i].yanked == full->files[i].yanked, full->files[i].filename);
        PINDEX_FUZZ_CHECK(summary->files[i].hasCoreMetadata == full->files[i].hasCoreMetadata,
                          full->files[i].filename);
        const auto complete = summary->text->complete(summary->entries[i]);
        PINDEX_FUZZ_CHECK(complete.has_value(), full->files[i].filename);
        PINDEX_FUZZ_CHECK(complete->url == full->files[i].url, full->files[i].filename);
        PINDEX_FUZZ_CHECK(complete->hashes == full->files[i].hashes, full->files[i].filename);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto text = pindex::fuzz::asText(data, size);
    const std::string pageUrl = "https://index.example/simple/project/";
    checkPage(parseProjectPageHtml(text, pageUrl));
    checkPage(parseProjectPageJson(text, pageUrl));
    checkSummary(text, pageUrl);
    (void)parseProjectListHtml(text);
    (void)parseProjectListJson(text, "https://index.example/simple/");
    (void)decodeHtmlEntities(text);
    return 0;
}
