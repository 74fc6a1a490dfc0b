#pragma once

// Credentials embedded in the index URL ("https://user:secret@host/simple/"), percent-decoded.
// A URL carrying only a username ("https://alice@host/") is not an answer by itself: the chain
// asks the other providers for alice's password first (see CredentialChain).

#include "core/auth/credential_provider.h"

namespace pindex::auth {

class UrlProvider final : public CredentialProvider
{
public:
    [[nodiscard]] Result<std::optional<ProvidedCredentials>>
    credentialsFor(const IndexIdentity& index) override;
};

} // namespace pindex::auth
