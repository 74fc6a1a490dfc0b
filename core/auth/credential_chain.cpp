#include "core/auth/credential_chain.h"

#include "core/auth/index_url.h"
#include "core/auth/netrc_provider.h"
#include "core/auth/store_provider.h"
#include "core/auth/url_provider.h"

namespace pindex::auth {

void CredentialChain::append(std::shared_ptr<CredentialProvider> provider)
{
    m_providers.push_back(std::move(provider));
}

Result<std::optional<ProvidedCredentials>> CredentialChain::credentialsFor(const IndexIdentity& index)
{
    std::optional<Error> firstError;
    for (const auto& provider : m_providers) {
        auto provided = provider->credentialsFor(index);
        if (!provided) {
            if (!firstError)
                firstError = provided.error();
            continue;
        }
        if (provided->has_value())
            return provided;
    }
    if (firstError)
        return std::unexpected(*firstError);
    if (auto fromUrl = urlCredentials(index.url); fromUrl && !fromUrl->username.empty())
        return ProvidedCredentials{std::move(*fromUrl), CredentialSource::Url};
    return std::nullopt;
}

std::shared_ptr<CredentialChain> makeCredentialChain(const ChainOptions& options)
{
    auto chain = std::make_shared<CredentialChain>();
    chain->append(std::make_shared<UrlProvider>());
    EnvironmentLookup environment = options.environment ? options.environment : processEnvironment();
    chain->append(std::make_shared<EnvironmentProvider>(environment));
    chain->append(std::make_shared<NetrcProvider>(defaultNetrcPath(environment)));
    if (options.session != nullptr)
        chain->append(
            std::make_shared<StoreProvider>(CredentialVault(*options.session), CredentialSource::Session));
    if (options.keychain != nullptr)
        chain->append(
            std::make_shared<StoreProvider>(CredentialVault(*options.keychain), CredentialSource::Keychain));
    return chain;
}

std::string_view describeSource(CredentialSource source)
{
    switch (source) {
    case CredentialSource::None: return "none";
    case CredentialSource::Url: return "URL";
    case CredentialSource::Environment: return "environment";
    case CredentialSource::Netrc: return "netrc";
    case CredentialSource::Keychain: return "keychain";
    case CredentialSource::Session: return "session";
    }
    return "none";
}

} // namespace pindex::auth
