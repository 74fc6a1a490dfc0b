#include "core/auth/memory_store.h"

namespace pindex::auth {

void MemoryStore::load(const CredentialKey& key, LoadCallback done)
{
    std::optional<Credentials> found;
    {
        const std::scoped_lock lock(m_mutex);
        if (const auto it = m_secrets.find({key.indexUrl, key.username}); it != m_secrets.end())
            found = Credentials{key.username, it->second};
    }
    done(std::move(found));
}

void MemoryStore::save(const CredentialKey& key, const Credentials& credentials, DoneCallback done)
{
    {
        const std::scoped_lock lock(m_mutex);
        m_secrets[{key.indexUrl, key.username}] = credentials.password;
    }
    done({});
}

void MemoryStore::remove(const CredentialKey& key, DoneCallback done)
{
    {
        const std::scoped_lock lock(m_mutex);
        m_secrets.erase({key.indexUrl, key.username});
    }
    done({});
}

} // namespace pindex::auth
