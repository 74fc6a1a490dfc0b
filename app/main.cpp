// pindex: with a subcommand, the headless command line; with none (or only the window's options),
// the desktop window, which is a separate program (libexec/pindex/pindex-window) that this one
// replaces itself with. This executable links no Qt library: a command's start-up maps only what
// the command uses (docs/ARCHITECTURE.md, "App").

#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#include "app/commands.h"
#include "app/private_files.h"
#include "app/window_options.h"
#include "core/util/process_exit.h"
#include "core/util/process_protection.h"

namespace {

bool isCommand(std::string_view word)
{
    return pindex::app::findCommand(word) != nullptr;
}

// Replaces this process with the window program, same arguments and environment; returns only
// when that fails.
int openWindow(char* argv[])
{
    const auto program = pindex::app::windowProgramPath();
    ::execv(program.c_str(), argv);
    const int error = errno;
    std::cerr << "pindex: cannot start the window program " << program.string() << ": "
              << std::strerror(error)
              << "\n  (it is installed with pindex; the commands work without it: pindex --help)\n";
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    // Secrets pass through this process's memory: no core dump may keep them.
    pindex::disableCoreDumps();
    const std::vector<std::string> words(argv + 1, argv + argc);
    if (!pindex::app::parseWindowOptions(words, &isCommand))
        return pindex::util::finishProcess(pindex::app::runCommandLine(words, std::cout, std::cerr));
    return openWindow(argv);
}
