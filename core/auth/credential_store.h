#pragma once

// The interface through which core reaches a secret store (the OS keychain, filled by ui/keychain,
// or an in-memory store for "this session only"). Operations are asynchronous: they return at
// once and call `done` later, possibly on another thread. A worker that needs the answer may wait
// for it; the UI thread never does.

#include <functional>
#include <optional>
#include <string>

#include "core/auth/credentials.h"
#include "core/util/error.h"

namespace pindex::auth {

// Entries are keyed by the normalised index URL (and username), so one secret serves every project
// that uses the same index.
struct CredentialKey
{
    std::string indexUrl;
    std::string username;
};

class CredentialStore
{
public:
    using LoadCallback = std::function<void(Result<std::optional<Credentials>>)>;
    using DoneCallback = std::function<void(Status)>;

    virtual ~CredentialStore() = default;

    virtual void load(const CredentialKey& key, LoadCallback done) = 0;
    virtual void save(const CredentialKey& key, const Credentials& credentials, DoneCallback done) = 0;
    virtual void remove(const CredentialKey& key, DoneCallback done) = 0;
};

} // namespace pindex::auth
