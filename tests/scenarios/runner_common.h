#pragma once

// What the scenario runners (pindex-scenarios, pindex-resolvelib) share: their command line and the
// URL paths of the index trees make_index.py --per-scenario writes.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pindex::scenarios {

// "DIR [--nginx] [-v]".
struct RunnerArguments
{
    std::filesystem::path directory;
    bool verbose = false;
    bool viaNginx = false;
};

// std::nullopt (and "usage: PROGRAM DIR [--nginx] [-v]" on stderr) when DIR is missing.
[[nodiscard]] std::optional<RunnerArguments> parseRunnerArguments(int argc, char** argv,
                                                                  std::string_view program);

// Whether DIR exists; when it does not, says so and prints the runner's last line with zero counts
// (`zeroCounts`), so that a runner pointed at absent data passes and says why.
[[nodiscard]] bool directoryPresent(const RunnerArguments& arguments, std::string_view what,
                                    std::string_view zeroCounts);

// The regular files under DIR (recursively) that `wanted` accepts, sorted by path; an unreadable
// directory gives what could be read.
[[nodiscard]] std::vector<std::filesystem::path>
filesUnder(const std::filesystem::path& directory,
           const std::function<bool(const std::filesystem::path&)>& wanted);

// The URL path of a directory that make_index.py --per-scenario wrote (OUT/<file>/<index>/): every
// byte but RFC 3986's unreserved ones percent-encoded ('/' kept when `keepSlashes`), since file
// and index names may hold spaces, '#' or '?'. nginx decodes the path before it maps it to a file.
[[nodiscard]] std::string encodePath(std::string_view text, bool keepSlashes);

} // namespace pindex::scenarios
