#pragma once

// Python interpreters: what one is (its marker environment, version, prefixes and the wheel tags
// it accepts), asked once by running it with a small script and remembered by path and
// modification time, in memory and optionally on disk; and which interpreter a project uses
// (`.venv`, then `.python-version`, then `python3.X` / `python3` on PATH matching requires-python).
//
// Invariants: an InterpreterInfo has every marker variable but `extra`/`extras`/`dependency_groups`
// defined; `description` is consistent with `markers` (same version and implementation); the
// cache never answers for a file whose modification time changed since it was asked.

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/standards/marker.h"
#include "core/standards/specifier.h"
#include "core/standards/tags.h"
#include "core/util/error.h"

namespace pindex::install {

struct InterpreterInfo
{
    std::filesystem::path path;       // as asked (may be a symbolic link, e.g. .venv/bin/python)
    std::filesystem::path executable; // sys.executable
    std::filesystem::path prefix;     // sys.prefix
    std::filesystem::path basePrefix; // sys.base_prefix
    standards::MarkerEnvironment markers;
    standards::InterpreterDescription description;

    [[nodiscard]] bool isVirtualEnvironment() const { return prefix != basePrefix; }
    // "3.11"
    [[nodiscard]] std::string pythonVersion() const;
    // Every tag a wheel may carry to be installable here, best first.
    [[nodiscard]] std::vector<standards::Tag> supportedTags() const;
};

// The script the interpreter runs; it prints `key=value` lines.
[[nodiscard]] std::string_view interpreterQueryScript();

// Parses the script's output. ErrorCode::Parse when a required key is missing.
[[nodiscard]] Result<InterpreterInfo> parseInterpreterReport(std::string_view report,
                                                             const std::filesystem::path& path);

// Remembers interpreter queries by path (as asked, links not followed) and the modification time
// of the binary it leads to. A program that fails to describe itself (e.g. a pyenv shim for a
// version that is not selected) is remembered as failing at that mtime for the cache's lifetime,
// in memory only, so that a search runs it at most once. Thread-safe.
class InterpreterCache
{
public:
    // With a directory, reports are also kept on disk there (one small file per interpreter).
    explicit InterpreterCache(std::optional<std::filesystem::path> diskDirectory = std::nullopt);

    // Runs the interpreter only when neither memory nor disk knows it at its current mtime.
    [[nodiscard]] Result<InterpreterInfo> query(const std::filesystem::path& interpreter);

    // How many times an interpreter was actually run (for tests and diagnostics).
    [[nodiscard]] std::size_t runs() const;

    // Records the interpreter of a venv just made from `base` (a result of query()) without running
    // it: it answers as the base does but for sys.executable (`venvPython`) and sys.prefix
    // (`venvRoot`). Without it, the first sync after a venv is created runs Python to learn that.
    // Nothing when the base's report is not known here.
    void rememberVirtualEnvironment(const std::filesystem::path& venvPython,
                                    const std::filesystem::path& venvRoot, const InterpreterInfo& base);

private:
    struct Entry
    {
        std::int64_t mtime = 0;
        std::string report;
    };
    std::optional<std::filesystem::path> m_diskDirectory;
    mutable std::mutex m_mutex;
    std::map<std::string, Entry> m_entries;                           // key: absolute path as asked
    std::map<std::string, std::pair<std::int64_t, Error>> m_failures; // same key: mtime, why
    std::size_t m_runs = 0;
};

struct InterpreterRequest
{
    std::filesystem::path projectDirectory;
    std::optional<standards::SpecifierSet> requiresPython;
    // The PATH to search ("" means the process's PATH).
    std::string searchPath;
    // Skip the project's `.venv` (used when looking for a base interpreter to create it).
    bool ignoreVirtualEnvironment = false;
};

// The interpreter the project uses: `.venv/bin/python`, else on PATH the name `.python-version`
// pins, else `python3`, else the newest `python3.X`, each the first that matches requires-python
// (and the pin). ErrorCode::NotFound naming what was looked for when none fits.
[[nodiscard]] Result<InterpreterInfo> findInterpreter(const InterpreterRequest& request,
                                                      InterpreterCache& cache);

} // namespace pindex::install
