#include "core/auth/url_provider.h"

#include "core/auth/index_url.h"

namespace pindex::auth {

Result<std::optional<ProvidedCredentials>> UrlProvider::credentialsFor(const IndexIdentity& index)
{
    auto credentials = urlCredentials(index.url);
    if (!credentials || credentials->password.empty())
        return std::nullopt;
    return ProvidedCredentials{std::move(*credentials), CredentialSource::Url};
}

} // namespace pindex::auth
