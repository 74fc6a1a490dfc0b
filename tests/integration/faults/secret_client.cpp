// The client the crash-dump test kills: `pindex-secret-client URL [--unprotected]` asks the index
// at URL (credentials in it) for a project page, as `pindex lock` does, after the same start-up
// protection as the pindex executable (disableCoreDumps) unless --unprotected (the test's control).

#include <iostream>
#include <string>
#include <vector>

#include "core/index/http_client.h"
#include "core/index/index_client.h"
#include "core/util/process_protection.h"

using namespace pindex;

int main(int argc, char** argv)
{
    const std::vector<std::string> arguments(argv, argv + argc);
    if (arguments.size() < 2) {
        std::cerr << "usage: pindex-secret-client URL [--unprotected]\n";
        return 2;
    }
    if (arguments.size() < 3 || arguments[2] != "--unprotected")
        disableCoreDumps();
    index::HttpClientOptions options;
    options.stallTimeoutSeconds = 120;
    index::HttpClient http(options);
    index::IndexClient client({.name = "fault", .url = arguments[1]}, {.http = &http});
    const auto page = client.projectPage("demo");
    if (!page) {
        std::cerr << page.error().describe() << '\n';
        return 1;
    }
    return 0;
}
