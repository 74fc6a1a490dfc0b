#include "app/window_options.h"

#include <filesystem>
#include <system_error>

namespace pindex::app {

std::optional<WindowOptions> parseWindowOptions(const std::vector<std::string>& words,
                                                bool (*isCommand)(std::string_view word))
{
    WindowOptions options;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        std::error_code error;
        if ((word == "--project" || word == "--screenshots") && i + 1 < words.size()) {
            (word == "--project" ? options.projectDirectory : options.screenshotDirectory) = words[++i];
        } else if (word == "--lang" && i + 1 < words.size()) {
            options.language = words[++i];
        } else if (!word.empty() && !word.starts_with('-') && !isCommand(word) &&
                   options.projectDirectory.empty() && std::filesystem::is_directory(word, error)) {
            options.projectDirectory = word;
        } else {
            return std::nullopt;
        }
    }
    return options;
}

} // namespace pindex::app
