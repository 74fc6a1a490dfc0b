#include "tests/scenarios/runner_common.h"

#include <algorithm>
#include <cctype>
#include <iostream>

namespace pindex::scenarios {

std::optional<RunnerArguments> parseRunnerArguments(int argc, char** argv, std::string_view program)
{
    if (argc < 2) {
        std::cerr << "usage: " << program << " DIR [--nginx] [-v]\n";
        return std::nullopt;
    }
    RunnerArguments arguments{.directory = argv[1]};
    for (int i = 2; i < argc; ++i) {
        const std::string_view argument = argv[i];
        arguments.verbose = arguments.verbose || argument == "-v";
        arguments.viaNginx = arguments.viaNginx || argument == "--nginx";
    }
    return arguments;
}

bool directoryPresent(const RunnerArguments& arguments, std::string_view what, std::string_view zeroCounts)
{
    std::error_code error;
    if (std::filesystem::is_directory(arguments.directory, error))
        return true;
    std::cout << "skipping: " << what << " directory " << arguments.directory.string() << " is absent\n"
              << zeroCounts << "\n";
    return false;
}

std::string encodePath(std::string_view text, bool keepSlashes)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string encoded;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlashes && c == '/')) {
            encoded += c;
        } else {
            encoded += '%';
            encoded += kHex[byte >> 4];
            encoded += kHex[byte & 0xF];
        }
    }
    return encoded;
}

std::vector<std::filesystem::path> filesUnder(const std::filesystem::path& directory,
                                              const std::function<bool(const std::filesystem::path&)>& wanted)
{
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(directory, error)) {
        if (entry.is_regular_file() && wanted(entry.path()))
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace pindex::scenarios
