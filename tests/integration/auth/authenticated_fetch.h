#pragma once

// What the index client does with the credential chain, reduced to one page fetch: ask the chain
// for the index's credentials, send them, and turn a 401/403 into the error that names the index.
// Shared by the auth integration tests and the keychain tests.

#include <string>

#include "core/auth/auth_error.h"
#include "core/auth/credential_provider.h"
#include "core/auth/index_url.h"
#include "core/index/http_client.h"

namespace pindex::test {

struct FetchOutcome
{
    index::HttpResponse response;
    auth::CredentialSource source = auth::CredentialSource::None;
};

inline Result<FetchOutcome> fetchWithChain(auth::CredentialProvider& chain, const auth::IndexIdentity& index,
                                           const std::string& path)
{
    auto provided = chain.credentialsFor(index);
    if (!provided)
        return std::unexpected(provided.error());
    index::HttpClient client;
    index::HttpRequest request{.url = auth::stripUrlCredentials(index.url) + path};
    FetchOutcome outcome;
    if (provided->has_value()) {
        request.credentials = (*provided)->credentials;
        outcome.source = (*provided)->source;
    }
    auto response = client.get(request);
    if (!response)
        return std::unexpected(response.error());
    if (response->status == 401 || response->status == 403)
        return std::unexpected(
            auth::unauthorizedError(index, static_cast<int>(response->status), outcome.source));
    outcome.response = std::move(*response);
    return outcome;
}

} // namespace pindex::test
