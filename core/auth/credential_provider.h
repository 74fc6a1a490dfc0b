#pragma once

// The authentication hook of the index client: given an index, where do its credentials come
// from? Implementations: credentials embedded in the URL, uv's UV_INDEX_<NAME>_USERNAME/_PASSWORD
// environment variables, netrc, the OS keychain (through CredentialStore), and a chain of these in
// a documented order. Called from worker threads; implementations must be thread-safe. A provider
// that has nothing for the index returns std::nullopt (not an error).

#include <optional>
#include <string>

#include "core/auth/credentials.h"
#include "core/util/error.h"

namespace pindex::auth {

// What identifies an index to a provider: its configured name (may be empty for a bare URL) and
// its URL (credentials, if the URL carries any, are still in it here; providers must never log it).
struct IndexIdentity
{
    std::string name;
    std::string url;
};

// Where a set of credentials came from, for `pindex auth status` and the Indexes view.
enum class CredentialSource { None, Url, Environment, Netrc, Keychain, Session };

struct ProvidedCredentials
{
    Credentials credentials;
    CredentialSource source = CredentialSource::None;
};

class CredentialProvider
{
public:
    virtual ~CredentialProvider() = default;
    [[nodiscard]] virtual Result<std::optional<ProvidedCredentials>>
    credentialsFor(const IndexIdentity& index) = 0;
};

} // namespace pindex::auth
