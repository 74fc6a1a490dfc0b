// pyproject.toml edit operations on hostile or unusual documents. The input is a TOML document, then
// a line "#%%", then edit operations in the project tests' script language (tests/data/project/
// README.md), one per line. Properties: reading never crashes; an edit either is refused, leaving
// the text unchanged, or changes only the bytes and the data of the entries it is about, and the
// result is still TOML that toml++ accepts whenever the original was.

#include <string>

#include <toml++/toml.h>

#include "core/project/project_document.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/unit/project/edit_script.h"
#include "tests/unit/project/toml_checks.h"

using namespace pindex;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto [documentText, script] = fuzz::splitAt(fuzz::asText(data, size), "\n#%%\n");
    auto document = project::ProjectDocument::fromText(std::string(documentText), "pyproject.toml");
    if (!document)
        return 0;
    (void)document->model();
    std::string_view rest = script;
    int steps = 0;
    while (!rest.empty() && steps < 16) {
        const auto newline = rest.find('\n');
        const std::string line(rest.substr(0, newline));
        rest = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
        const auto operation = project::test::parseOperation(line);
        if (!operation)
            continue;
        ++steps;
        const std::string before = document->text();
        const auto status = project::test::applyOperation(*document, *operation);
        if (!status) {
            PINDEX_FUZZ_CHECK(status.error().code != ErrorCode::Internal, status.error().describe());
            PINDEX_FUZZ_CHECK(document->text() == before, line);
            continue;
        }
        const std::string& after = document->text();
        const auto scope = project::test::operationScope(*operation);
        const bool beforeParses = static_cast<bool>(toml::parse(before));
        if (beforeParses) {
            PINDEX_FUZZ_CHECK(static_cast<bool>(toml::parse(after)), line + "\n--- after\n" + after);
            const auto dataChange = project::test::differenceOutsideScope(before, after, scope);
            PINDEX_FUZZ_CHECK(dataChange.empty(), line + "\n" + dataChange);
        }
        const auto byteChange = project::test::bytesChangedOutsideScope(before, after, scope);
        PINDEX_FUZZ_CHECK(byteChange.empty(), line + "\n" + byteChange + "\n--- before\n" + before);
        PINDEX_FUZZ_CHECK(project::ProjectDocument::fromText(after, "pyproject.toml").has_value(),
                          line + "\n--- after\n" + after);
    }
    return 0;
}
