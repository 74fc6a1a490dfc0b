#pragma once

// The one chain of credential providers the index client asks, in uv's order:
//
//   1. credentials embedded in the index URL (user:password@)
//   2. uv's environment variables UV_INDEX_<NAME>_USERNAME / UV_INDEX_<NAME>_PASSWORD
//   3. netrc ($NETRC, else ~/.netrc)
//   4. the Pindex credential store: first the session store ("this session only"), then the OS
//      keychain
//
// The first provider with an answer wins. A URL carrying only a username ("https://alice@host/")
// narrows the later providers to alice, and is used alone (as a bare token) when none of them
// knows her password. A provider that fails (a malformed netrc, a keychain that is not running)
// does not hide a later provider's answer; its error is returned only when nobody answered.

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "core/auth/credential_provider.h"
#include "core/auth/credential_vault.h"
#include "core/auth/environment_provider.h"

namespace pindex::auth {

class CredentialChain final : public CredentialProvider
{
public:
    void append(std::shared_ptr<CredentialProvider> provider);

    [[nodiscard]] Result<std::optional<ProvidedCredentials>>
    credentialsFor(const IndexIdentity& index) override;

private:
    std::vector<std::shared_ptr<CredentialProvider>> m_providers;
};

struct ChainOptions
{
    EnvironmentLookup environment;       // also decides the netrc file
    CredentialStore* session = nullptr;  // optional
    CredentialStore* keychain = nullptr; // optional
};

// The chain in the documented order, from what is available.
[[nodiscard]] std::shared_ptr<CredentialChain> makeCredentialChain(const ChainOptions& options);

// "URL", "environment", "netrc", "keychain", "session", or "none" (for status lines).
[[nodiscard]] std::string_view describeSource(CredentialSource source);

} // namespace pindex::auth
