#pragma once

// pindex::install::SyncDownloader (internal to the sync job): the index clients a sync downloads
// wheels through: the project's indexes (for their names, authentication mode and credentials),
// and one per other origin the lock names. Clients are made on first use and kept.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/index/http_cache.h"
#include "core/index/http_client.h"
#include "core/index/index_client.h"
#include "core/install/sync_job.h"

namespace pindex::install {

class SyncDownloader
{
public:
    SyncDownloader(const std::filesystem::path& projectDirectory, const SyncJobOptions& options,
                   const SyncServices& services, const index::HttpCache& cache);

    // The client for a file of a package locked from `indexUrl` (may be empty): the configured
    // index with that URL, else the one on the file's origin (its credentials apply), else a
    // client of its own for the origin.
    index::IndexClient& clientFor(const std::string& indexUrl, const std::string& fileUrl);

private:
    const index::HttpCache& m_cache;
    std::unique_ptr<index::HttpClient> m_ownHttp;
    std::shared_ptr<auth::CredentialProvider> m_ownCredentials;
    index::IndexServices m_services;
    std::vector<index::IndexConfig> m_configured;
    std::map<std::string, std::unique_ptr<index::IndexClient>> m_clients;
};

} // namespace pindex::install
