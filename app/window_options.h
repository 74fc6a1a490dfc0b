#pragma once

// The command line of the window: `pindex [--project DIR | DIR] [--screenshots DIR] [--lang CODE]`.
// `pindex` reads it to decide between the window and a headless command, and the window program
// (app/window_main.cpp) reads it again for the values; no Qt here, so the command line needs none.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pindex::app {

struct WindowOptions
{
    std::string projectDirectory;
    std::string screenshotDirectory; // --screenshots DIR: save each tab once the project shows, then quit
    std::string language;            // --lang CODE: the interface language (en, de)
};

// The window's options, or nullopt when `words` are a subcommand's (or not the window's). A bare
// word is the project directory when it names an existing directory and `isCommand` says it is
// not a command name.
[[nodiscard]] std::optional<WindowOptions> parseWindowOptions(const std::vector<std::string>& words,
                                                              bool (*isCommand)(std::string_view word));

} // namespace pindex::app
