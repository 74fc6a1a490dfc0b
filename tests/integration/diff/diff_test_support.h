#pragma once

// Runs `pindex diff` in-process (the command function, not a child process) and captures what it
// prints and its exit code.

#include <sstream>
#include <string>
#include <vector>

#include "app/commands.h"

namespace pindex::test {

struct DiffRun
{
    int exitCode = -1;
    std::string out;
    std::string err;
};

inline DiffRun runDiffCommand(std::vector<std::string> arguments)
{
    std::ostringstream out;
    std::ostringstream err;
    app::CommandContext context{std::move(arguments), out, err};
    DiffRun run;
    run.exitCode = app::runDiff(context);
    run.out = out.str();
    run.err = err.str();
    return run;
}

} // namespace pindex::test
