#pragma once

// The "this session only" credential store: secrets held in memory by this object and forgotten
// when it dies. Thread-safe; callbacks run at once on the calling thread.

#include <map>
#include <mutex>
#include <utility>

#include "core/auth/credential_store.h"

namespace pindex::auth {

class MemoryStore final : public CredentialStore
{
public:
    void load(const CredentialKey& key, LoadCallback done) override;
    void save(const CredentialKey& key, const Credentials& credentials, DoneCallback done) override;
    void remove(const CredentialKey& key, DoneCallback done) override;

private:
    std::mutex m_mutex;
    std::map<std::pair<std::string, std::string>, std::string> m_secrets;
};

} // namespace pindex::auth
