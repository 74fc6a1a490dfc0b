#pragma once

// Index credentials on top of a CredentialStore (the OS keychain or the session store). The store
// holds one entry per (normalised index URL, username) with the password or token as its secret,
// plus an "account" entry per URL naming the username last saved for it, so that a lookup that
// knows only the URL (a project's index, `keyring --mode creds get URL`) finds the username too.
// Each save is also recorded under the URL's origin ("https://host/"), for tools that ask by host.
//
// All operations are asynchronous like the store's; callbacks run wherever the store runs them.
// The store must outlive every operation started on it. Secrets never appear in errors.

#include <optional>
#include <string>

#include "core/auth/credential_store.h"

namespace pindex::auth {

class CredentialVault
{
public:
    explicit CredentialVault(CredentialStore& store);

    // Saves `credentials` for the index at `indexUrl` (any spelling; normalised here).
    void save(const std::string& indexUrl, const Credentials& credentials,
              CredentialStore::DoneCallback done);

    // The credentials for exactly this index: for `username` when given, else for the account
    // saved last. nullopt when none are stored.
    void load(const std::string& indexUrl, const std::optional<std::string>& username,
              CredentialStore::LoadCallback done);

    // Like load, but for any URL under an index (a project page, a file) or a bare host name:
    // tries the URL, then each parent path up to the origin.
    void lookup(const std::string& urlOrHost, const std::optional<std::string>& username,
                CredentialStore::LoadCallback done);

    // Forgets the credentials of `username` (or of the saved account) for the index.
    void remove(const std::string& indexUrl, const std::optional<std::string>& username,
                CredentialStore::DoneCallback done);

    // The store key of the account entry of a normalised URL.
    [[nodiscard]] static CredentialKey accountKey(const std::string& normalizedUrl);

private:
    CredentialStore* m_store;
};

} // namespace pindex::auth
