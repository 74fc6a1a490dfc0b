#include "core/auth/credential_vault.h"

#include <memory>
#include <vector>

// g++ 12 reports a false -Wmaybe-uninitialized inside std::expected's converting constructor when
// the callbacks below are inlined into each other (the std::string in Credentials is always
// constructed); the warning is silenced for this file only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "core/auth/index_url.h"

namespace pindex::auth {
namespace {

constexpr std::string_view kAccountPrefix = "pindex-account:";
constexpr std::string_view kAccountValuePrefix = "user:";

using LoadCallback = CredentialStore::LoadCallback;
using DoneCallback = CredentialStore::DoneCallback;

// Saves the secret and the account entry of one normalised URL.
void saveAt(CredentialStore* store, const std::string& url, const Credentials& credentials, DoneCallback done)
{
    store->save({url, credentials.username}, credentials,
                [store, url, username = credentials.username, done = std::move(done)](Status saved) {
                    if (!saved) {
                        done(std::move(saved));
                        return;
                    }
                    store->save(CredentialVault::accountKey(url),
                                Credentials{{}, std::string(kAccountValuePrefix) + username}, done);
                });
}

// The account (username) recorded for a normalised URL.
void loadAccount(CredentialStore* store, const std::string& url,
                 std::function<void(Result<std::optional<std::string>>)> done)
{
    store->load(CredentialVault::accountKey(url), [done = std::move(done)](
                                                      Result<std::optional<Credentials>> loaded) {
        if (!loaded) {
            done(std::unexpected(loaded.error()));
        } else if (!loaded->has_value() || !(*loaded)->password.starts_with(kAccountValuePrefix)) {
            done(std::optional<std::string>{});
        } else {
            done(std::optional<std::string>((*loaded)->password.substr(kAccountValuePrefix.size())));
        }
    });
}

void loadAt(CredentialStore* store, const std::string& url, const std::optional<std::string>& username,
            LoadCallback done)
{
    if (username) {
        store->load({url, *username},
                    [username, done = std::move(done)](Result<std::optional<Credentials>> loaded) {
                        if (loaded && loaded->has_value())
                            (*loaded)->username = *username;
                        done(std::move(loaded));
                    });
        return;
    }
    loadAccount(store, url, [store, url, done = std::move(done)](Result<std::optional<std::string>> account) {
        if (!account)
            done(std::unexpected(account.error()));
        else if (!account->has_value())
            done(std::optional<Credentials>{});
        else
            loadAt(store, url, *account, done);
    });
}

void lookupFrom(CredentialStore* store, std::shared_ptr<const std::vector<std::string>> candidates,
                std::size_t next, const std::optional<std::string>& username, LoadCallback done)
{
    if (next >= candidates->size()) {
        done(std::optional<Credentials>{});
        return;
    }
    loadAt(store, (*candidates)[next], username,
           [store, candidates, next, username, done](Result<std::optional<Credentials>> loaded) {
               if (!loaded)
                   done(std::unexpected(loaded.error()));
               else if (loaded->has_value())
                   done(std::optional<Credentials>(**loaded));
               else
                   lookupFrom(store, candidates, next + 1, username, done);
           });
}

// Removes the entries of `username` at `url`, and the account entry when it names that user;
// with `onlyIfPassword`, only when the stored secret is that password.
void removeAt(CredentialStore* store, const std::string& url, const std::string& username,
              std::optional<std::string> onlyIfPassword, DoneCallback done)
{
    store->load({url, username}, [=](Result<std::optional<Credentials>> loaded) {
        if (!loaded) {
            done(std::unexpected(loaded.error()));
            return;
        }
        if (!loaded->has_value() || (onlyIfPassword && (*loaded)->password != *onlyIfPassword)) {
            done({});
            return;
        }
        store->remove({url, username}, [=](Status removed) {
            if (!removed) {
                done(std::move(removed));
                return;
            }
            loadAccount(store, url, [=](Result<std::optional<std::string>> account) {
                if (account && account->has_value() && **account == username)
                    store->remove(CredentialVault::accountKey(url), done);
                else
                    done({});
            });
        });
    });
}

} // namespace

CredentialVault::CredentialVault(CredentialStore& store)
    : m_store(&store)
{}

CredentialKey CredentialVault::accountKey(const std::string& normalizedUrl)
{
    return {std::string(kAccountPrefix) + normalizedUrl, {}};
}

void CredentialVault::save(const std::string& indexUrl, const Credentials& credentials, DoneCallback done)
{
    auto url = normalizeIndexUrl(indexUrl);
    auto origin = urlOrigin(indexUrl);
    if (!url || !origin) {
        done(std::unexpected(url ? origin.error() : url.error()));
        return;
    }
    CredentialStore* store = m_store;
    saveAt(store, *url, credentials, [store, url = *url, origin = *origin, credentials, done](Status saved) {
        if (!saved || origin == url)
            done(std::move(saved));
        else
            saveAt(store, origin, credentials, done);
    });
}

void CredentialVault::load(const std::string& indexUrl, const std::optional<std::string>& username,
                           LoadCallback done)
{
    auto url = normalizeIndexUrl(indexUrl);
    if (!url) {
        done(std::unexpected(url.error()));
        return;
    }
    loadAt(m_store, *url, username, std::move(done));
}

void CredentialVault::lookup(const std::string& urlOrHost, const std::optional<std::string>& username,
                             LoadCallback done)
{
    auto candidates = std::make_shared<std::vector<std::string>>();
    if (urlOrHost.find("://") == std::string::npos) {
        candidates->push_back("https://" + urlOrHost + "/");
        candidates->push_back("http://" + urlOrHost + "/");
    } else {
        auto url = normalizeIndexUrl(urlOrHost);
        if (!url) {
            done(std::unexpected(url.error()));
            return;
        }
        for (std::optional<std::string> at = *url; at; at = parentIndexUrl(*at))
            candidates->push_back(*at);
    }
    lookupFrom(m_store, std::move(candidates), 0, username, std::move(done));
}

void CredentialVault::remove(const std::string& indexUrl, const std::optional<std::string>& username,
                             DoneCallback done)
{
    auto url = normalizeIndexUrl(indexUrl);
    auto origin = urlOrigin(indexUrl);
    if (!url || !origin) {
        done(std::unexpected(url ? origin.error() : url.error()));
        return;
    }
    CredentialStore* store = m_store;
    loadAt(store, *url, username,
           [=, url = *url, origin = *origin](const Result<std::optional<Credentials>>& loaded) {
               if (!loaded) {
                   done(std::unexpected(loaded.error()));
                   return;
               }
               if (!loaded->has_value()) {
                   done({});
                   return;
               }
               Credentials found;
               found.username = (*loaded)->username;
               found.password = (*loaded)->password;
               removeAt(store, url, found.username, std::nullopt, [=](Status removed) {
                   if (!removed || origin == url)
                       done(std::move(removed));
                   else
                       removeAt(store, origin, found.username, found.password, done);
               });
           });
}

} // namespace pindex::auth
