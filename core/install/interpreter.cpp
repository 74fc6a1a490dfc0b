#include "core/install/interpreter.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <system_error>
#include <unistd.h>

#include "core/install/subprocess.h"
#include "core/standards/version.h"
#include "core/util/file_io.h"

namespace pindex::install {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kQueryScript = R"PY(import os, platform, sys, sysconfig
def fmt(v):
    s = "%d.%d.%d" % (v.major, v.minor, v.micro)
    if v.releaselevel != "final":
        s += {"alpha": "a", "beta": "b", "candidate": "rc"}[v.releaselevel] + str(v.serial)
    return s
libc = ""
try:
    libc = os.confstr("CS_GNU_LIBC_VERSION") or ""
except (AttributeError, ValueError, OSError):
    pass
values = {
    "executable": sys.executable,
    "prefix": sys.prefix,
    "base_prefix": sys.base_prefix,
    "implementation_name": sys.implementation.name,
    "implementation_version": fmt(sys.implementation.version),
    "os_name": os.name,
    "platform_machine": platform.machine(),
    "platform_python_implementation": platform.python_implementation(),
    "platform_release": platform.release(),
    "platform_system": platform.system(),
    "platform_version": platform.version(),
    "python_full_version": platform.python_version(),
    "python_version": ".".join(platform.python_version_tuple()[:2]),
    "sys_platform": sys.platform,
    "sysconfig_platform": sysconfig.get_platform(),
    "soabi": sysconfig.get_config_var("SOABI") or "",
    "py_debug": "1" if sysconfig.get_config_var("Py_DEBUG") else "0",
    "gil_disabled": "1" if sysconfig.get_config_var("Py_GIL_DISABLED") else "0",
    "libc": libc,
}
for key, value in values.items():
    print(key + "=" + str(value).replace("\n", " "))
)PY";

constexpr std::string_view kReportVersion = "pindex-interpreter-report 1";

std::optional<std::pair<unsigned, unsigned>> parsePair(std::string_view text)
{
    unsigned major = 0;
    unsigned minor = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), major);
    if (ec != std::errc{} || end == text.data() + text.size() || *end != '.')
        return std::nullopt;
    ++end;
    auto [end2, ec2] = std::from_chars(end, text.data() + text.size(), minor);
    if (ec2 != std::errc{})
        return std::nullopt;
    return std::pair{major, minor};
}

std::int64_t modificationTime(const fs::path& path, std::error_code& error)
{
    const auto time = fs::last_write_time(path, error);
    if (error)
        return 0;
    return static_cast<std::int64_t>(time.time_since_epoch().count());
}

// The disk report's file name for a key: 64-bit FNV-1a in hex. Not a security boundary (the report
// starts with its key, checked on reading), and unlike sha256 it needs no crypto library, which a
// no-op sync would otherwise load just for this.
std::string fileNameHash(std::string_view key)
{
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : key) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
    return text;
}

std::vector<fs::path> searchDirectories(std::string searchPath)
{
    if (searchPath.empty()) {
        const char* env = std::getenv("PATH");
        searchPath = env != nullptr ? env : "/usr/local/bin:/usr/bin:/bin";
    }
    std::vector<fs::path> directories;
    std::string_view rest = searchPath;
    while (!rest.empty()) {
        const auto colon = rest.find(':');
        const auto part = rest.substr(0, colon);
        if (!part.empty())
            directories.emplace_back(part);
        if (colon == std::string_view::npos)
            break;
        rest.remove_prefix(colon + 1);
    }
    return directories;
}

bool isExecutableFile(const fs::path& path)
{
    std::error_code error;
    return fs::is_regular_file(path, error) && ::access(path.c_str(), X_OK) == 0;
}

// The version a .python-version file asks for ("3.12", "3.12.1", "cpython-3.12"), if any.
std::optional<std::string> pinnedVersion(const fs::path& projectDirectory)
{
    const auto file = projectDirectory / ".python-version";
    std::error_code error;
    if (!fs::exists(file, error))
        return std::nullopt;
    auto content = readFile(file);
    if (!content)
        return std::nullopt;
    std::string_view text = *content;
    while (!text.empty()) {
        const auto newline = text.find('\n');
        auto line = text.substr(0, newline);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.remove_suffix(1);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
            line.remove_prefix(1);
        if (!line.empty() && line.front() != '#') {
            const auto dash = line.rfind('-');
            if (dash != std::string_view::npos)
                line.remove_prefix(dash + 1);
            return std::string(line);
        }
        if (newline == std::string_view::npos)
            break;
        text.remove_prefix(newline + 1);
    }
    return std::nullopt;
}

bool matchesPin(const InterpreterInfo& info, const std::string& pin)
{
    const auto& full = info.markers.pythonFullVersion.value_or("");
    return full == pin || full.starts_with(pin + ".");
}

bool matchesRequest(const InterpreterInfo& info, const InterpreterRequest& request,
                    const std::optional<std::string>& pin)
{
    if (pin && !matchesPin(info, *pin))
        return false;
    if (request.requiresPython &&
        !request.requiresPython->contains(info.markers.pythonFullVersion.value_or("")))
        return false;
    return true;
}

} // namespace

std::string InterpreterInfo::pythonVersion() const
{
    return markers.pythonVersion.value_or("");
}

std::vector<standards::Tag> InterpreterInfo::supportedTags() const
{
    return standards::supportedTags(description);
}

std::string_view interpreterQueryScript()
{
    return kQueryScript;
}

Result<InterpreterInfo> parseInterpreterReport(std::string_view report, const fs::path& path)
{
    std::map<std::string, std::string, std::less<>> values;
    while (!report.empty()) {
        const auto newline = report.find('\n');
        auto line = report.substr(0, newline);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        const auto equals = line.find('=');
        if (equals != std::string_view::npos)
            values.emplace(std::string(line.substr(0, equals)), std::string(line.substr(equals + 1)));
        if (newline == std::string_view::npos)
            break;
        report.remove_prefix(newline + 1);
    }
    auto get = [&](std::string_view key) -> Result<std::string> {
        const auto found = values.find(key);
        if (found == values.end())
            return std::unexpected(makeError(ErrorCode::Parse, "The interpreter " + path.string() +
                                                                   " did not report `" + std::string(key) +
                                                                   "`."));
        return found->second;
    };
    InterpreterInfo info;
    info.path = path;
    auto& markers = info.markers;
    const std::pair<std::string_view, std::optional<std::string>*> fields[] = {
        {"implementation_name", &markers.implementationName},
        {"implementation_version", &markers.implementationVersion},
        {"os_name", &markers.osName},
        {"platform_machine", &markers.platformMachine},
        {"platform_python_implementation", &markers.platformPythonImplementation},
        {"platform_release", &markers.platformRelease},
        {"platform_system", &markers.platformSystem},
        {"platform_version", &markers.platformVersion},
        {"python_full_version", &markers.pythonFullVersion},
        {"python_version", &markers.pythonVersion},
        {"sys_platform", &markers.sysPlatform},
    };
    for (const auto& [key, field] : fields) {
        auto value = get(key);
        if (!value)
            return std::unexpected(value.error());
        *field = std::move(*value);
    }
    markers.extra = "";
    markers.extras = std::set<std::string>{};
    markers.dependencyGroups = std::set<std::string>{};
    for (const auto& [key, field] :
         {std::pair{"executable", &info.executable}, std::pair{"prefix", &info.prefix},
          std::pair{"base_prefix", &info.basePrefix}}) {
        auto value = get(key);
        if (!value)
            return std::unexpected(value.error());
        *field = *value;
    }

    auto& description = info.description;
    const auto version = parsePair(*markers.pythonVersion);
    if (!version)
        return std::unexpected(makeError(ErrorCode::Parse, "The interpreter " + path.string() +
                                                               " reported an unreadable version `" +
                                                               *markers.pythonVersion + "`."));
    description.pythonMajor = version->first;
    description.pythonMinor = version->second;
    const std::string soabi = values["soabi"];
    if (*markers.implementationName == "pypy") {
        description.implementation = standards::Implementation::PyPy;
        std::string abi = soabi;
        for (auto& c : abi)
            if (c == '-' || c == '.')
                c = '_';
        if (!abi.empty())
            description.abis.push_back(abi);
    } else {
        description.implementation = standards::Implementation::CPython;
        const std::string base = "cp" + std::to_string(version->first) + std::to_string(version->second);
        const bool freeThreaded = values["gil_disabled"] == "1";
        const bool debug = values["py_debug"] == "1";
        std::string abi = base + (freeThreaded ? "t" : "");
        if (debug)
            description.abis.push_back(abi + "d");
        description.abis.push_back(abi);
    }
    auto& platform = description.platform;
    std::string sysconfigPlatform = values["sysconfig_platform"];
    if (*markers.sysPlatform == "darwin") {
        platform.os = standards::OperatingSystem::MacOs;
        // "macosx-11.0-arm64"
        const auto first = sysconfigPlatform.find('-');
        const auto last = sysconfigPlatform.rfind('-');
        if (first != std::string::npos && last != first) {
            if (auto macos = parsePair(sysconfigPlatform.substr(first + 1, last - first - 1)))
                platform.macosVersion = *macos;
            platform.arch = sysconfigPlatform.substr(last + 1);
        }
    } else if (*markers.sysPlatform == "win32") {
        platform.os = standards::OperatingSystem::Windows;
        platform.arch =
            sysconfigPlatform == "win32" ? "x86" : sysconfigPlatform.substr(sysconfigPlatform.find('-') + 1);
    } else {
        platform.os = standards::OperatingSystem::Linux;
        const auto dash = sysconfigPlatform.find('-');
        platform.arch = dash != std::string::npos ? sysconfigPlatform.substr(dash + 1)
                                                  : markers.platformMachine.value_or("");
        const std::string libc = values["libc"];
        if (libc.starts_with("glibc "))
            platform.glibc = parsePair(libc.substr(6));
    }
    return info;
}

InterpreterCache::InterpreterCache(std::optional<fs::path> diskDirectory)
    : m_diskDirectory(std::move(diskDirectory))
{}

std::size_t InterpreterCache::runs() const
{
    std::lock_guard lock(m_mutex);
    return m_runs;
}

Result<InterpreterInfo> InterpreterCache::query(const fs::path& interpreter)
{
    std::error_code error;
    const auto canonical = fs::canonical(interpreter, error);
    if (error)
        return std::unexpected(
            makeError(ErrorCode::NotFound, "The interpreter " + interpreter.string() + " does not exist."));
    const auto mtime = modificationTime(canonical, error);
    // Keyed by the path as given: a venv's python links to the same binary as its base but answers
    // differently (prefix), so the link itself is the identity; the binary's mtime catches upgrades.
    const std::string key = fs::absolute(interpreter).lexically_normal().string();
    {
        std::lock_guard lock(m_mutex);
        const auto found = m_entries.find(key);
        if (found != m_entries.end() && found->second.mtime == mtime)
            return parseInterpreterReport(found->second.report, interpreter);
        const auto failed = m_failures.find(key);
        if (failed != m_failures.end() && failed->second.first == mtime)
            return std::unexpected(failed->second.second);
    }
    const std::string header = std::string(kReportVersion) + "\n" + key + "\n" + std::to_string(mtime) + "\n";
    std::optional<fs::path> diskFile;
    if (m_diskDirectory) {
        diskFile = *m_diskDirectory / (fileNameHash(key) + ".txt");
        if (fs::exists(*diskFile, error)) {
            if (auto content = readFile(*diskFile); content && content->starts_with(header)) {
                std::string report = content->substr(header.size());
                auto info = parseInterpreterReport(report, interpreter);
                if (info) {
                    std::lock_guard lock(m_mutex);
                    m_entries[key] = Entry{mtime, std::move(report)};
                    return info;
                }
            }
        }
    }
    // `-I`: isolated from the user's environment and site-packages (site still runs: it sets a venv's
    // prefix).
    auto output = runProgram({interpreter.string(), "-I", "-c", std::string(kQueryScript)});
    if (!output) {
        // Also a program that cannot run (a pyenv shim of an unselected version exits with 127).
        std::lock_guard lock(m_mutex);
        m_failures.insert_or_assign(key, std::pair{mtime, output.error()});
        return std::unexpected(output.error());
    }
    {
        std::lock_guard lock(m_mutex);
        ++m_runs;
    }
    if (output->exitCode != 0) {
        auto err = makeError(ErrorCode::Invalid, "The interpreter " + interpreter.string() +
                                                     " failed to describe itself (exit code " +
                                                     std::to_string(output->exitCode) + ").");
        err.hint = output->err.substr(0, 400);
        std::lock_guard lock(m_mutex);
        m_failures.insert_or_assign(key, std::pair{mtime, err});
        return std::unexpected(std::move(err));
    }
    auto info = parseInterpreterReport(output->out, interpreter);
    if (!info) {
        std::lock_guard lock(m_mutex);
        m_failures.insert_or_assign(key, std::pair{mtime, info.error()});
        return info;
    }
    {
        std::lock_guard lock(m_mutex);
        m_entries[key] = Entry{mtime, output->out};
    }
    if (diskFile) {
        fs::create_directories(*m_diskDirectory, error);
        // The disk cache is an optimisation: failing to write it is not an error.
        (void)writeFileAtomic(*diskFile, header + output->out);
    }
    return info;
}

void InterpreterCache::rememberVirtualEnvironment(const fs::path& venvPython, const fs::path& venvRoot,
                                                  const InterpreterInfo& base)
{
    std::error_code error;
    const auto canonical = fs::canonical(venvPython, error);
    if (error)
        return;
    const auto mtime = modificationTime(canonical, error);
    const std::string key = fs::absolute(venvPython).lexically_normal().string();
    std::string report;
    {
        std::lock_guard lock(m_mutex);
        const auto found = m_entries.find(fs::absolute(base.path).lexically_normal().string());
        if (found == m_entries.end())
            return;
        std::string_view text = found->second.report;
        while (!text.empty()) {
            const auto newline = text.find('\n');
            const auto line = text.substr(0, newline);
            if (line.starts_with("executable="))
                report += "executable=" + key + "\n";
            else if (line.starts_with("prefix="))
                report += "prefix=" + fs::absolute(venvRoot).lexically_normal().string() + "\n";
            else
                report += std::string(line) + "\n";
            if (newline == std::string_view::npos)
                break;
            text.remove_prefix(newline + 1);
        }
        m_entries[key] = Entry{mtime, report};
    }
    if (m_diskDirectory) {
        const std::string header =
            std::string(kReportVersion) + "\n" + key + "\n" + std::to_string(mtime) + "\n";
        fs::create_directories(*m_diskDirectory, error);
        (void)writeFileAtomic(*m_diskDirectory / (fileNameHash(key) + ".txt"), header + report,
                              {.durable = false});
    }
}

Result<InterpreterInfo> findInterpreter(const InterpreterRequest& request, InterpreterCache& cache)
{
    const auto pin = pinnedVersion(request.projectDirectory);
    if (!request.ignoreVirtualEnvironment) {
        const auto venvPython = request.projectDirectory / ".venv" / "bin" / "python";
        std::error_code error;
        if (fs::exists(venvPython, error)) {
            auto info = cache.query(venvPython);
            if (info && matchesRequest(*info, request, pin))
                return info;
        }
    }
    std::vector<std::string> names;
    if (pin) {
        if (auto pair = parsePair(*pin))
            names.push_back("python" + std::to_string(pair->first) + "." + std::to_string(pair->second));
    }
    // `python3` before the versioned names: the interpreter the user runs is the one to use when it
    // fits, and probing every python3.X (each a process; a pyenv shim of an unselected version
    // runs dozens) only happens when it does not.
    names.push_back("python3");
    for (int minor = 30; minor >= 6; --minor)
        names.push_back("python3." + std::to_string(minor));
    const auto directories = searchDirectories(request.searchPath);
    for (const auto& name : names) {
        for (const auto& directory : directories) {
            const auto candidate = directory / name;
            if (!isExecutableFile(candidate))
                continue;
            auto info = cache.query(candidate);
            if (info && matchesRequest(*info, request, pin))
                return info;
        }
    }
    std::string wanted = "a Python interpreter";
    if (pin)
        wanted += " " + *pin + " (from .python-version)";
    if (request.requiresPython)
        wanted += " matching requires-python `" + request.requiresPython->str() + "`";
    auto err = makeError(ErrorCode::NotFound, "Found no " + wanted + " in .venv or on PATH.");
    err.hint = "Install a matching Python or put it on PATH.";
    return std::unexpected(std::move(err));
}

} // namespace pindex::install
