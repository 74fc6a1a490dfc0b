#include "core/install/sync_downloader.h"

#include "core/auth/credential_chain.h"
#include "core/auth/environment_provider.h"
#include "core/project/uv_config.h"
#include "core/util/url_text.h"

namespace pindex::install {
namespace {

std::string urlOrigin(std::string_view url)
{
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos)
        return {};
    const auto slash = url.find('/', scheme + 3);
    return std::string(url.substr(0, slash));
}

std::string normalizedIndexUrl(std::string url)
{
    url = stripUrlCredentials(url);
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

} // namespace

SyncDownloader::SyncDownloader(const std::filesystem::path& projectDirectory, const SyncJobOptions& options,
                               const SyncServices& services, const index::HttpCache& cache)
    : m_cache(cache)
{
    if (services.http == nullptr)
        m_ownHttp = std::make_unique<index::HttpClient>();
    if (services.credentials == nullptr)
        m_ownCredentials = auth::makeCredentialChain({.environment = auth::processEnvironment()});
    m_services = {.http = services.http != nullptr ? services.http : m_ownHttp.get(),
                  .cache = &m_cache,
                  .credentials =
                      services.credentials != nullptr ? services.credentials : m_ownCredentials.get(),
                  .offline = options.offline};
    if (auto configuration = project::loadProjectConfiguration(projectDirectory,
                                                               project::UserDirectories::fromEnvironment())) {
        for (const auto& entry : configuration->indexes) {
            if (entry.format == "flat")
                continue;
            m_configured.push_back({.name = entry.name,
                                    .url = entry.url,
                                    .authenticate = index::parseAuthenticateMode(entry.authenticate)
                                                        .value_or(index::AuthenticateMode::Auto)});
        }
    }
}

index::IndexClient& SyncDownloader::clientFor(const std::string& indexUrl, const std::string& fileUrl)
{
    const std::string wanted = normalizedIndexUrl(indexUrl);
    const index::IndexConfig* match = nullptr;
    for (const auto& config : m_configured) {
        if (!wanted.empty() && normalizedIndexUrl(config.url) == wanted) {
            match = &config;
            break;
        }
    }
    if (match == nullptr) {
        // Same origin as a configured index: its credentials apply.
        const std::string origin = urlOrigin(stripUrlCredentials(fileUrl));
        for (const auto& config : m_configured) {
            if (!origin.empty() && urlOrigin(stripUrlCredentials(config.url)) == origin) {
                match = &config;
                break;
            }
        }
    }
    index::IndexConfig config;
    if (match != nullptr) {
        config = *match;
    } else {
        config.url = !indexUrl.empty() ? indexUrl : urlOrigin(fileUrl) + "/";
        config.name = urlOrigin(stripUrlCredentials(config.url));
        if (const auto scheme = config.name.find("://"); scheme != std::string::npos)
            config.name = config.name.substr(scheme + 3);
    }
    const std::string key = config.name + "\n" + config.url;
    auto& client = m_clients[key];
    if (!client)
        client = std::make_unique<index::IndexClient>(config, m_services);
    return *client;
}

} // namespace pindex::install
