#include "core/resolver/target_environment.h"

#include <charconv>

namespace pindex::resolver {

namespace {

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find(separator, start);
        parts.push_back(
            text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) {
            return parts;
        }
        start = end + 1;
    }
}

std::optional<std::uint64_t> toNumber(std::string_view text)
{
    std::uint64_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || text.empty()) {
        return std::nullopt;
    }
    return value;
}

bool endsWith(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

} // namespace

Result<TargetEnvironment> TargetEnvironment::make(std::string_view python, std::string_view platform)
{
    TargetEnvironment environment;
    auto version = standards::Version::parse(python);
    if (!version || version->release().size() < 2 || version->release()[0] != 3) {
        return std::unexpected(makeError(ErrorCode::Invalid, "The target Python version '" +
                                                                 std::string(python) +
                                                                 "' is not a Python 3 version like 3.12."));
    }
    environment.m_python = *version;
    environment.m_minor = version->release()[1];

    std::string_view name = platform.empty() ? std::string_view("linux-x86_64") : platform;
    struct Known
    {
        std::string_view name;
        OperatingSystem os;
        std::string_view machine;
        std::uint64_t glibcMinor;
    };
    static constexpr Known kKnown[] = {
        {"linux-x86_64", OperatingSystem::Linux, "x86_64", 35},
        {"linux", OperatingSystem::Linux, "x86_64", 35},
        {"x86_64-unknown-linux-gnu", OperatingSystem::Linux, "x86_64", 35},
        {"x86_64-manylinux2014", OperatingSystem::Linux, "x86_64", 17},
        {"x86_64-manylinux_2_28", OperatingSystem::Linux, "x86_64", 28},
        {"linux-aarch64", OperatingSystem::Linux, "aarch64", 35},
        {"aarch64-unknown-linux-gnu", OperatingSystem::Linux, "aarch64", 35},
        {"aarch64-manylinux2014", OperatingSystem::Linux, "aarch64", 17},
        {"macos-arm64", OperatingSystem::MacOs, "arm64", 0},
        {"macos", OperatingSystem::MacOs, "arm64", 0},
        {"aarch64-apple-darwin", OperatingSystem::MacOs, "arm64", 0},
        {"macos-x86_64", OperatingSystem::MacOs, "x86_64", 0},
        {"x86_64-apple-darwin", OperatingSystem::MacOs, "x86_64", 0},
        {"windows-x86_64", OperatingSystem::Windows, "AMD64", 0},
        {"windows", OperatingSystem::Windows, "AMD64", 0},
        {"x86_64-pc-windows-msvc", OperatingSystem::Windows, "AMD64", 0},
        {"windows-arm64", OperatingSystem::Windows, "ARM64", 0},
        {"aarch64-pc-windows-msvc", OperatingSystem::Windows, "ARM64", 0},
        {"windows-x86", OperatingSystem::Windows, "x86", 0},
        {"i686-pc-windows-msvc", OperatingSystem::Windows, "x86", 0},
    };
    for (const auto& known : kKnown) {
        if (known.name == name) {
            environment.m_os = known.os;
            environment.m_machine = std::string(known.machine);
            environment.m_glibcMinor = known.glibcMinor;
            environment.m_platformName = std::string(known.name);
            return environment;
        }
    }
    // uv's manylinux baselines (x86_64-manylinux_2_17, ..._2_28, ...; the same for aarch64): any glibc
    // minor from 17, the oldest manylinux_2_x tag, to 99.
    for (const std::string_view machine : {"x86_64", "aarch64"}) {
        const std::string prefix = std::string(machine) + "-manylinux_2_";
        if (!name.starts_with(prefix)) {
            continue;
        }
        const auto digits = name.substr(prefix.size());
        std::uint64_t minor = 0;
        const auto [end, failure] = std::from_chars(digits.data(), digits.data() + digits.size(), minor);
        if (failure == std::errc{} && end == digits.data() + digits.size() && minor >= 17 && minor < 100) {
            environment.m_os = OperatingSystem::Linux;
            environment.m_machine = std::string(machine);
            environment.m_glibcMinor = minor;
            environment.m_platformName = std::string(name);
            return environment;
        }
    }
    auto error = makeError(ErrorCode::Invalid, "Unknown target platform '" + std::string(platform) + "'.");
    error.hint = "Use one of linux-x86_64, linux-aarch64, macos-arm64, macos-x86_64, windows-x86_64, "
                 "windows-arm64, windows-x86, or a manylinux baseline such as x86_64-manylinux_2_28.";
    return std::unexpected(std::move(error));
}

std::string TargetEnvironment::describe() const
{
    return "CPython " + m_python.str() + " on " + m_platformName;
}

std::optional<int> TargetEnvironment::platformRank(std::string_view platform) const
{
    if (platform == "any") {
        return 1;
    }
    switch (m_os) {
    case OperatingSystem::Linux: {
        if (!endsWith(platform, "_" + m_machine)) {
            return std::nullopt;
        }
        const auto prefix = platform.substr(0, platform.size() - m_machine.size() - 1);
        if (prefix == "linux") {
            return 0;
        }
        if (prefix == "manylinux1") {
            return 0;
        }
        if (prefix == "manylinux2010") {
            return m_glibcMinor >= 12 ? std::optional<int>(0) : std::nullopt;
        }
        if (prefix == "manylinux2014") {
            return m_glibcMinor >= 17 ? std::optional<int>(0) : std::nullopt;
        }
        if (startsWith(prefix, "manylinux_2_")) {
            const auto minor = toNumber(prefix.substr(12));
            return minor && *minor <= m_glibcMinor ? std::optional<int>(0) : std::nullopt;
        }
        return std::nullopt;
    }
    case OperatingSystem::MacOs: {
        if (!startsWith(platform, "macosx_")) {
            return std::nullopt;
        }
        const auto parts = split(platform.substr(7), '_');
        if (parts.size() < 3) {
            return std::nullopt;
        }
        const auto major = toNumber(parts[0]);
        if (!major || (*major > m_macosMajor && *major != 10)) {
            return std::nullopt;
        }
        std::string arch;
        for (std::size_t i = 2; i < parts.size(); ++i) {
            arch += (i > 2 ? "_" : "");
            arch += parts[i];
        }
        if (arch == "universal2" || arch == m_machine) {
            return 0;
        }
        if (m_machine == "x86_64" && (arch == "intel" || arch == "universal" || arch == "fat64")) {
            return 0;
        }
        return std::nullopt;
    }
    case OperatingSystem::Windows:
        if (m_machine == "AMD64") {
            return platform == "win_amd64" ? std::optional<int>(0) : std::nullopt;
        }
        if (m_machine == "x86") {
            return platform == "win32" ? std::optional<int>(0) : std::nullopt;
        }
        return platform == "win_arm64" ? std::optional<int>(0) : std::nullopt;
    }
    return std::nullopt;
}

std::optional<int> TargetEnvironment::interpreterRank(std::string_view python, std::string_view abi) const
{
    const std::string own = "cp3" + std::to_string(m_minor);
    if (python == own) {
        if (abi == own) {
            return 0;
        }
        if (abi == "abi3") {
            return 1;
        }
        if (abi == "none") {
            return 2;
        }
        return std::nullopt;
    }
    if (startsWith(python, "cp3") && abi == "abi3") {
        const auto minor = toNumber(python.substr(3));
        if (minor && *minor < m_minor) {
            return 1;
        }
        return std::nullopt;
    }
    if (abi != "none") {
        return std::nullopt;
    }
    if (python == "py3") {
        return 4;
    }
    if (startsWith(python, "py3")) {
        const auto minor = toNumber(python.substr(3));
        if (minor && *minor <= m_minor) {
            return *minor == m_minor ? 3 : 5;
        }
    }
    return std::nullopt;
}

std::optional<int> TargetEnvironment::wheelTagRank(std::string_view tag) const
{
    const auto parts = split(tag, '-');
    if (parts.size() != 3) {
        return std::nullopt;
    }
    std::optional<int> best;
    for (auto python : split(parts[0], '.')) {
        for (auto abi : split(parts[1], '.')) {
            const auto interpreter = interpreterRank(python, abi);
            if (!interpreter) {
                continue;
            }
            for (auto platform : split(parts[2], '.')) {
                const auto place = platformRank(platform);
                if (!place) {
                    continue;
                }
                const int rank = *place * 10 + *interpreter;
                if (!best || rank < *best) {
                    best = rank;
                }
            }
        }
    }
    return best;
}

std::optional<std::string> TargetEnvironment::markerValue(std::string_view variable) const
{
    const auto release = m_python.release();
    if (variable == "python_version") {
        return std::to_string(release[0]) + "." + std::to_string(release[1]);
    }
    if (variable == "python_full_version") {
        return release.size() >= 3 ? m_python.str() : m_python.str() + ".0";
    }
    if (variable == "implementation_name") {
        return "cpython";
    }
    if (variable == "platform_python_implementation") {
        return "CPython";
    }
    if (variable == "implementation_version") {
        return release.size() >= 3 ? m_python.str() : m_python.str() + ".0";
    }
    if (variable == "os_name") {
        return m_os == OperatingSystem::Windows ? "nt" : "posix";
    }
    if (variable == "sys_platform") {
        switch (m_os) {
        case OperatingSystem::Linux: return "linux";
        case OperatingSystem::MacOs: return "darwin";
        case OperatingSystem::Windows: return "win32";
        }
    }
    if (variable == "platform_system") {
        switch (m_os) {
        case OperatingSystem::Linux: return "Linux";
        case OperatingSystem::MacOs: return "Darwin";
        case OperatingSystem::Windows: return "Windows";
        }
    }
    if (variable == "platform_machine") {
        return m_machine;
    }
    if (variable == "platform_release" || variable == "platform_version") {
        return "";
    }
    return std::nullopt;
}

standards::MarkerEnvironment TargetEnvironment::markerEnvironment(std::string_view extra) const
{
    standards::MarkerEnvironment environment;
    environment.implementationName = markerValue("implementation_name");
    environment.implementationVersion = markerValue("implementation_version");
    environment.osName = markerValue("os_name");
    environment.platformMachine = markerValue("platform_machine");
    environment.platformPythonImplementation = markerValue("platform_python_implementation");
    environment.platformRelease = markerValue("platform_release");
    environment.platformSystem = markerValue("platform_system");
    environment.platformVersion = markerValue("platform_version");
    environment.pythonFullVersion = markerValue("python_full_version");
    environment.pythonVersion = markerValue("python_version");
    environment.sysPlatform = markerValue("sys_platform");
    environment.extra = std::string(extra);
    environment.extras = extra.empty() ? std::set<std::string>{} : std::set<std::string>{std::string(extra)};
    environment.dependencyGroups = std::set<std::string>{};
    return environment;
}

} // namespace pindex::resolver
