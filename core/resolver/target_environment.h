#pragma once

// pindex::resolver::TargetEnvironment: the one environment a resolution is for: the Python
// version, the platform, the wheel tags it accepts and the values of its environment markers.
//
// It is built either from an explicit description (`--python 3.12 --platform linux-x86_64`),
// without any interpreter, or from the facts an interpreter reported. Wheel compatibility follows
// the order of packaging's sys_tags for CPython: interpreter-specific ABI, then abi3, then none;
// platform-specific wheels before pure ones.
//
// Invariants: pythonVersion() has at least major and minor; platform fields are never empty.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/standards/marker.h"
#include "core/standards/version.h"
#include "core/util/error.h"

namespace pindex::resolver {

enum class OperatingSystem { Linux, MacOs, Windows };

class TargetEnvironment
{
public:
    // python: "3.12" or "3.12.4". platform: "linux-x86_64", "linux-aarch64", "macos-arm64",
    // "macos-x86_64", "windows-x86_64", "windows-arm64", "windows-x86", or uv's names
    // ("x86_64-manylinux2014", "x86_64-manylinux_2_17" to "_2_99" and the same for aarch64,
    // "x86_64-unknown-linux-gnu", "aarch64-apple-darwin", "x86_64-pc-windows-msvc",
    // "i686-pc-windows-msvc", "linux", "macos", "windows"). An empty platform means linux-x86_64.
    [[nodiscard]] static Result<TargetEnvironment> make(std::string_view python, std::string_view platform);

    [[nodiscard]] const standards::Version& pythonVersion() const { return m_python; }
    [[nodiscard]] std::uint64_t pythonMinor() const { return m_minor; }
    [[nodiscard]] OperatingSystem operatingSystem() const { return m_os; }
    // "x86_64", "aarch64", "arm64", ...
    [[nodiscard]] const std::string& machine() const { return m_machine; }
    // A short description for messages: "CPython 3.12 on linux-x86_64".
    [[nodiscard]] std::string describe() const;

    // The rank of a wheel tag ("cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64"): lower is
    // better; empty when the wheel cannot be installed here.
    [[nodiscard]] std::optional<int> wheelTagRank(std::string_view tag) const;

    // The value of an environment marker variable ("python_version", "sys_platform", ...), or
    // nothing when the name is unknown.
    [[nodiscard]] std::optional<std::string> markerValue(std::string_view variable) const;
    // Every marker variable of the target, with `extra` set as given ("" for none).
    [[nodiscard]] standards::MarkerEnvironment markerEnvironment(std::string_view extra) const;

private:
    TargetEnvironment() = default;
    [[nodiscard]] std::optional<int> platformRank(std::string_view platform) const;
    [[nodiscard]] std::optional<int> interpreterRank(std::string_view python, std::string_view abi) const;

    standards::Version m_python = *standards::Version::parse("3.12");
    std::uint64_t m_minor = 12;
    OperatingSystem m_os = OperatingSystem::Linux;
    std::string m_machine = "x86_64";
    std::string m_platformName = "linux-x86_64";
    std::uint64_t m_glibcMinor = 35; // manylinux_2_N accepted for N up to this
    std::uint64_t m_macosMajor = 14; // macosx_X_Y accepted for X up to this
};

} // namespace pindex::resolver
