#include "ui/keychain/credential_retry.h"

#include "core/auth/auth_error.h"
#include "core/auth/index_url.h"

namespace pindex::ui {
namespace {

std::string keyOf(const std::string& url)
{
    return auth::normalizeIndexUrl(url).value_or(auth::stripUrlCredentials(url));
}

} // namespace

SavedCredentialsProvider::SavedCredentialsProvider(std::shared_ptr<auth::CredentialProvider> fallback)
    : m_fallback(std::move(fallback))
{}

void SavedCredentialsProvider::set(const auth::IndexIdentity& index, const auth::Credentials& credentials)
{
    const std::scoped_lock lock(m_mutex);
    m_saved.insert_or_assign(keyOf(index.url), credentials);
}

Result<std::optional<auth::ProvidedCredentials>>
SavedCredentialsProvider::credentialsFor(const auth::IndexIdentity& index)
{
    {
        const std::scoped_lock lock(m_mutex);
        if (const auto found = m_saved.find(keyOf(index.url)); found != m_saved.end())
            return auth::ProvidedCredentials{found->second, auth::CredentialSource::Session};
    }
    if (!m_fallback)
        return std::nullopt;
    return m_fallback->credentialsFor(index);
}

std::optional<auth::IndexIdentity> indexNeedingCredentials(const Error& error,
                                                           const std::vector<auth::IndexIdentity>& indexes)
{
    if (error.code != ErrorCode::Unauthorized || (error.httpStatus != 401 && error.httpStatus != 403))
        return std::nullopt;
    for (const auto& index : indexes) {
        if (!error.indexName.empty() && error.indexName == index.name)
            return index;
    }
    for (const auto& index : indexes) {
        const std::string base = keyOf(index.url);
        if (!error.url.empty() && keyOf(error.url).starts_with(base))
            return index;
    }
    return std::nullopt;
}

void testConnectionWithCredentials(QObject* context, CredentialPrompt* prompt,
                                   std::shared_ptr<auth::CredentialProvider> chain, index::IndexConfig config,
                                   std::function<void(Result<index::ConnectionReport>)> done)
{
    const auth::IndexIdentity identity{config.name, config.url};
    runWithCredentialRetry<index::ConnectionReport>(
        context, prompt, std::move(chain), {identity},
        [config, identity](auth::CredentialProvider& credentials) -> Result<index::ConnectionReport> {
            auto report = index::testConnection(config, &credentials);
            // A keychain that cannot be asked is reported as it is, not answered with a dialog.
            if (report.needsCredentials() &&
                report.credentialCheck != index::ConnectionReport::CredentialCheck::LookupFailed) {
                const long status =
                    report.credentialStatus != 0 ? report.credentialStatus : report.anonymousStatus;
                return std::unexpected(
                    auth::unauthorizedError(identity, static_cast<int>(status), report.credentialSource));
            }
            return report;
        },
        std::move(done));
}

} // namespace pindex::ui
