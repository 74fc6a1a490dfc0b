// `pindex diff` on its own: app/command_diff.cpp behind a main, without the rest of the pindex
// executable. run_lock_diff_bench.sh times it beside (or, where pindex is not built, instead of)
// `pindex diff`; the phases the command reports with -v are the same code either way.

#include <iostream>
#include <string>
#include <vector>

#include "app/commands.h"

int main(int argc, char* argv[])
{
    pindex::app::CommandContext context{std::vector<std::string>(argv + 1, argv + argc), std::cout,
                                        std::cerr};
    return pindex::app::runDiff(context);
}
