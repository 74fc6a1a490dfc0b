#include "core/auth/store_provider.h"

#include <condition_variable>
#include <memory>
#include <mutex>

#include "core/auth/index_url.h"

namespace pindex::auth {
namespace {

struct PendingLoad
{
    std::mutex mutex;
    std::condition_variable answered;
    std::optional<Result<std::optional<Credentials>>> result;
};

} // namespace

StoreProvider::StoreProvider(CredentialVault vault, CredentialSource source,
                             std::chrono::milliseconds timeout)
    : m_vault(vault)
    , m_source(source)
    , m_timeout(timeout)
{}

Result<std::optional<ProvidedCredentials>> StoreProvider::credentialsFor(const IndexIdentity& index)
{
    std::optional<std::string> username;
    if (const auto fromUrl = urlCredentials(index.url))
        username = fromUrl->username;
    // Shared, so that an answer arriving after the deadline writes into live memory.
    auto pending = std::make_shared<PendingLoad>();
    m_vault.load(stripUrlCredentials(index.url), username,
                 [pending](Result<std::optional<Credentials>> loaded) {
                     const std::scoped_lock lock(pending->mutex);
                     pending->result = std::move(loaded);
                     pending->answered.notify_all();
                 });
    std::unique_lock lock(pending->mutex);
    if (!pending->answered.wait_for(lock, m_timeout, [&] { return pending->result.has_value(); })) {
        Error error = makeError(ErrorCode::Io, "the credential store did not answer in time");
        error.indexName = index.name;
        error.url = maskUrlCredentials(index.url);
        error.hint = "check that the OS keychain is running and unlocked";
        return std::unexpected(error);
    }
    auto& loaded = *pending->result;
    if (!loaded) {
        Error error = loaded.error();
        error.indexName = index.name;
        error.url = maskUrlCredentials(index.url);
        return std::unexpected(error);
    }
    if (!loaded->has_value())
        return std::nullopt;
    return ProvidedCredentials{std::move(**loaded), m_source};
}

} // namespace pindex::auth
