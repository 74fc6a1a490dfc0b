#pragma once

// The headless subcommands of `pindex`. Each command is one function in its own file
// (command_<name>.cpp) registered in commands.cpp; it writes results to `out`, problems to `err`,
// and returns the process exit code.

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pindex::app {

struct CommandContext
{
    std::vector<std::string> arguments; // after the subcommand name
    std::ostream& out;
    std::ostream& err;
};

struct Command
{
    std::string_view name;
    std::string_view summary;
    int (*run)(CommandContext& context);
};

[[nodiscard]] std::span<const Command> commands();
[[nodiscard]] const Command* findCommand(std::string_view name);

// Runs `pindex <words...>` headless; handles --help and --version too.
int runCommandLine(const std::vector<std::string>& words, std::ostream& out, std::ostream& err);

int runShow(CommandContext& context);
int runIndex(CommandContext& context);
int runPin(CommandContext& context);
int runUnpin(CommandContext& context);
int runImportPoetry(CommandContext& context);
// `pindex index test NAME`: reachability, API flavour, authentication and latency of an index.
int runIndexTest(CommandContext& context);
int runAuth(CommandContext& context);
int runKeyring(CommandContext& context);
int runDiff(CommandContext& context);
// `pindex cache dir|prune|clean`: the index cache.
int runCache(CommandContext& context);
// `pindex lock`: resolve the project for one target and write (or --check) pylock.toml.
int runLock(CommandContext& context);
// `pindex sync`: make the project's venv match its lock.
int runSync(CommandContext& context);

} // namespace pindex::app
