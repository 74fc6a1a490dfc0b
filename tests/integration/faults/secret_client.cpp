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

#if defined(__SANITIZE_ADDRESS__)
// Under AddressSanitizer (the asan preset) the test's SIGSEGV must do what it does to any process,
// so that the kernel's core dump is what is tested: no ASan report-and-exit in its place, and core
// dumps left as the process sets them (ASan turns them off by default).
extern "C" const char* __asan_default_options()
{
    return "handle_segv=0:disable_coredump=0";
}
#endif

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
