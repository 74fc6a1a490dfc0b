#include "ui/views/index_credentials.h"

#include <QPointer>

#include "core/auth/credential_chain.h"
#include "core/auth/credential_vault.h"
#include "core/auth/environment_provider.h"
#include "core/auth/index_url.h"
#include "core/project/pyproject.h"
#include "ui/background.h"

namespace pindex::ui {
namespace {

// A provider that answers with what the UI thread already found.
class FixedProvider final : public auth::CredentialProvider
{
public:
    explicit FixedProvider(FoundCredentials credentials)
        : m_credentials(std::move(credentials))
    {}

    [[nodiscard]] Result<std::optional<auth::ProvidedCredentials>>
    credentialsFor(const auth::IndexIdentity& /*index*/) override
    {
        return m_credentials;
    }

private:
    FoundCredentials m_credentials;
};

void askStores(QPointer<QObject> context,
               std::vector<std::pair<auth::CredentialStore*, auth::CredentialSource>> stores, std::string url,
               std::optional<std::string> username, std::function<void(FoundCredentials)> done)
{
    if (context.isNull())
        return;
    if (stores.empty()) {
        done(std::nullopt);
        return;
    }
    const auto [store, source] = stores.front();
    stores.erase(stores.begin());
    auth::CredentialVault(*store).load(
        url, username,
        [context, stores = std::move(stores), url, username, done = std::move(done),
         source = source](Result<std::optional<auth::Credentials>> loaded) mutable {
            if (context.isNull())
                return;
            if (loaded && *loaded) {
                done(auth::ProvidedCredentials{**loaded, source});
                return;
            }
            // A store that failed (no keychain running) hides nothing: ask the next one.
            QMetaObject::invokeMethod(
                context.data(),
                [context, stores = std::move(stores), url = std::move(url), username = std::move(username),
                 done = std::move(done)]() mutable {
                    askStores(context, std::move(stores), std::move(url), std::move(username),
                              std::move(done));
                },
                Qt::QueuedConnection);
        });
}

} // namespace

void findCredentials(QObject* context, CredentialsDialog::Stores stores, const auth::IndexIdentity& index,
                     std::function<void(FoundCredentials)> done)
{
    runInBackground(
        context,
        [index] {
            auto chain = auth::makeCredentialChain({.environment = auth::processEnvironment()});
            return chain->credentialsFor(index);
        },
        [context, stores, index,
         done = std::move(done)](const Result<std::optional<auth::ProvidedCredentials>>& found) mutable {
            if (found && *found && !(*found)->credentials.password.empty()) {
                done(**found);
                return;
            }
            std::vector<std::pair<auth::CredentialStore*, auth::CredentialSource>> order;
            if (stores.session != nullptr)
                order.emplace_back(stores.session, auth::CredentialSource::Session);
            if (stores.keychain != nullptr)
                order.emplace_back(stores.keychain, auth::CredentialSource::Keychain);
            std::optional<std::string> username;
            if (const auto inUrl = auth::urlCredentials(index.url))
                username = inUrl->username;
            askStores(context, std::move(order), auth::stripUrlCredentials(index.url), username,
                      std::move(done));
        });
}

void testIndexConnection(QObject* context, const index::IndexConfig& config, FoundCredentials credentials,
                         std::function<void(const index::ConnectionReport&)> done)
{
    runInBackground(
        context,
        [config, credentials = std::move(credentials)] {
            FixedProvider provider(credentials);
            return index::testConnection(config, &provider);
        },
        std::move(done));
}

} // namespace pindex::ui
