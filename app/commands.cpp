#include "app/commands.h"

#include <array>
#include <ostream>

#include "app/version.h"
#include "core/build_info.h"

namespace pindex::app {
namespace {

constexpr std::array kCommands{
    Command{"show", "Print a project's dependencies and indexes", &runShow},
    Command{"index", "List, add, remove, move or change the project's package indexes", &runIndex},
    Command{"pin", "Pin a package (or a name pattern) to an index", &runPin},
    Command{"unpin", "Remove a package's (or a pattern's) index pin", &runUnpin},
    Command{"import-poetry", "Turn Poetry sources into uv indexes and pins", &runImportPoetry},
    Command{"auth", "Log in to an index, log out, or show where credentials come from", &runAuth},
    Command{"keyring", "Answer pip's and uv's keyring calls from the Pindex credential store", &runKeyring},
    Command{"cache", "Show, prune or clean the index cache", &runCache},
    Command{"diff", "Show what changed between two lockfiles or git revisions", &runDiff},
    Command{"lock", "Resolve the project and write pylock.toml (or --check it)", &runLock},
    Command{"sync", "Make the project's venv match its lock exactly", &runSync},
};

void printUsage(std::ostream& out)
{
    out << "Usage: pindex [--project DIR]          open the window\n"
           "       pindex COMMAND [OPTIONS...]     run headless\n\nCommands:\n";
    for (const auto& command : kCommands)
        out << "  " << command.name << std::string(14 - command.name.size(), ' ') << command.summary << '\n';
    out << "\nOptions:\n  --help        show this help\n  --version     show the version\n";
}

} // namespace

std::span<const Command> commands()
{
    return kCommands;
}

const Command* findCommand(std::string_view name)
{
    for (const auto& command : kCommands) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

int runCommandLine(const std::vector<std::string>& words, std::ostream& out, std::ostream& err)
{
    if (words.empty() || words.front() == "--help" || words.front() == "-h" || words.front() == "help") {
        printUsage(out);
        return 0;
    }
    if (words.front() == "--version") {
        out << "pindex " << PINDEX_VERSION << '\n';
        for (const auto& library : libraryVersions())
            out << "  " << library.name << ' ' << library.version << '\n';
        return 0;
    }
    const Command* command = findCommand(words.front());
    if (command == nullptr) {
        err << "pindex: unknown command '" << words.front() << "'\n\n";
        printUsage(err);
        return 2;
    }
    CommandContext context{{words.begin() + 1, words.end()}, out, err};
    return command->run(context);
}

} // namespace pindex::app
