#pragma once

// Runs a program to completion for a test: arguments as a vector (no shell), optional standard
// input, extra environment variables and working directory; captures standard output and error.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pindex::test {

struct ProcessResult
{
    int exitCode = -1; // 128 + signal number when killed by a signal
    std::string out;
    std::string err;
};

struct ProcessOptions
{
    std::string input;                              // written to standard input, then closed
    std::map<std::string, std::string> environment; // added to (or replacing) the inherited ones
    std::optional<std::filesystem::path> workingDirectory;
};

[[nodiscard]] ProcessResult runProcess(const std::vector<std::string>& argv,
                                       const ProcessOptions& options = {});

// Replaces every occurrence of `from` in `text` by `to` (for golden files: temp paths -> placeholders).
[[nodiscard]] std::string replaceAll(std::string text, const std::string& from, const std::string& to);

} // namespace pindex::test
