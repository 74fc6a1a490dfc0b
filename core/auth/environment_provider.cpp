#include "core/auth/environment_provider.h"

#include <cstdlib>

namespace pindex::auth {

EnvironmentLookup processEnvironment()
{
    return [](const std::string& variable) -> std::optional<std::string> {
        const char* value = std::getenv(variable.c_str()); // NOLINT(concurrency-mt-unsafe): read-only
        if (value == nullptr)
            return std::nullopt;
        return std::string(value);
    };
}

EnvironmentVariableNames environmentVariableNames(const std::string& indexName)
{
    if (indexName.empty())
        return {};
    std::string name;
    for (const char c : indexName) {
        if (c >= 'a' && c <= 'z')
            name += static_cast<char>(c - 'a' + 'A');
        else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            name += c;
        else
            name += '_';
    }
    return {"UV_INDEX_" + name + "_USERNAME", "UV_INDEX_" + name + "_PASSWORD"};
}

EnvironmentProvider::EnvironmentProvider(EnvironmentLookup environment)
    : m_environment(std::move(environment))
{}

Result<std::optional<ProvidedCredentials>> EnvironmentProvider::credentialsFor(const IndexIdentity& index)
{
    const auto names = environmentVariableNames(index.name);
    if (names.username.empty())
        return std::nullopt;
    auto username = m_environment(names.username);
    auto password = m_environment(names.password);
    if (!username && !password)
        return std::nullopt;
    return ProvidedCredentials{Credentials{username.value_or(""), password.value_or("")},
                               CredentialSource::Environment};
}

} // namespace pindex::auth
