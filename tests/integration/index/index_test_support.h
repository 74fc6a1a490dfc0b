#pragma once

// Helpers shared by the index client's integration tests: a scenario written on the spot, a
// credentials provider that counts its calls, and the lines of nginx's access log.

#include <atomic>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/auth/credential_provider.h"

namespace pindex::test {

// Two projects: tinypkg (1.0.0, 1.1.0 with requires-python, 0.9.0 yanked with a reason) and
// otherpkg 2.0.0 (wheel only).
inline std::filesystem::path writeTinyScenario(const std::filesystem::path& dir)
{
    const auto file = dir / "tiny.toml";
    std::ofstream(file) << R"(name = "tiny"
[root]
requires = ["tinypkg"]
[packages.tinypkg.versions."0.9.0"]
yanked = "broken <build>"
[packages.tinypkg.versions."1.0.0"]
requires = ["otherpkg>=2"]
[packages.tinypkg.versions."1.1.0"]
requires_python = ">=3.8"
[packages.otherpkg.versions."2.0.0"]
sdist = false
)";
    return file;
}

class CountingProvider : public auth::CredentialProvider
{
public:
    explicit CountingProvider(std::optional<auth::Credentials> credentials)
        : m_credentials(std::move(credentials))
    {}

    Result<std::optional<auth::ProvidedCredentials>> credentialsFor(const auth::IndexIdentity&) override
    {
        ++calls;
        if (!m_credentials)
            return std::optional<auth::ProvidedCredentials>();
        return std::optional<auth::ProvidedCredentials>(
            auth::ProvidedCredentials{*m_credentials, auth::CredentialSource::Session});
    }

    std::atomic<int> calls{0};

private:
    std::optional<auth::Credentials> m_credentials;
};

inline std::vector<std::string> logLines(const std::filesystem::path& accessLog)
{
    std::ifstream in(accessLog);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

// The number of access log lines whose request line and status contain both fragments.
inline std::size_t countLogged(const std::vector<std::string>& lines, std::string_view requestFragment,
                               std::string_view statusFragment)
{
    std::size_t count = 0;
    for (const auto& line : lines) {
        if (line.find(requestFragment) != std::string::npos && line.find(statusFragment) != std::string::npos)
            ++count;
    }
    return count;
}

} // namespace pindex::test
