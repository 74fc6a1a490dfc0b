#pragma once

// Credentials from uv's environment variables: UV_INDEX_<NAME>_USERNAME and
// UV_INDEX_<NAME>_PASSWORD, where NAME is the index's configured name upper-cased with every
// character that is not an ASCII letter or digit replaced by '_' ("acme-internal" ->
// UV_INDEX_ACME_INTERNAL_USERNAME). An index without a name has no variables. The environment is
// passed in as a lookup function, so tests never touch the process environment.

#include <functional>
#include <optional>
#include <string>

#include "core/auth/credential_provider.h"

namespace pindex::auth {

using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& variable)>;

// Reads the process environment (getenv); never writes it.
[[nodiscard]] EnvironmentLookup processEnvironment();

struct EnvironmentVariableNames
{
    std::string username;
    std::string password;
};

// The variable names for an index name; both empty when the name is empty.
[[nodiscard]] EnvironmentVariableNames environmentVariableNames(const std::string& indexName);

class EnvironmentProvider final : public CredentialProvider
{
public:
    explicit EnvironmentProvider(EnvironmentLookup environment);

    // Credentials when either variable is set (a missing username means a bare token; a missing
    // password, a username whose password another provider may know).
    [[nodiscard]] Result<std::optional<ProvidedCredentials>>
    credentialsFor(const IndexIdentity& index) override;

private:
    EnvironmentLookup m_environment;
};

} // namespace pindex::auth
