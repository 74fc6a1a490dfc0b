#pragma once

// Credentials from a CredentialVault (the OS keychain, or the session store) as a provider. The
// store answers asynchronously; this provider waits for the answer with a deadline, so it must be
// called from a worker thread, never from the thread that runs the store's callbacks (for the
// keychain: the UI thread), where it would only time out.

#include <chrono>

#include "core/auth/credential_provider.h"
#include "core/auth/credential_vault.h"

namespace pindex::auth {

class StoreProvider final : public CredentialProvider
{
public:
    StoreProvider(CredentialVault vault, CredentialSource source,
                  std::chrono::milliseconds timeout = std::chrono::seconds(30));

    [[nodiscard]] Result<std::optional<ProvidedCredentials>>
    credentialsFor(const IndexIdentity& index) override;

private:
    CredentialVault m_vault;
    CredentialSource m_source;
    std::chrono::milliseconds m_timeout;
};

} // namespace pindex::auth
