#pragma once

// IndexClient: one configured index (Simple API or flat) seen through the shared HttpClient, the
// on-disk cache and the credentials hook. It answers "what files does project P have here"
// (nullopt: the index does not have P, a 404), "what is this file's core metadata" (PEP 658 file,
// else range requests into the remote wheel, else a full download; for an sdist,
// its PKG-INFO when PEP 643 allows) and "give me this file".
//
// Authentication (`authenticate`):
//   Auto   - requests go out without credentials; on a 401 the provider is asked once and the
//            request repeated with them; from then on they are sent eagerly. Credentials in the
//            index URL are sent eagerly.
//   Always - credentials are sent with every request; none available is an Unauthorized error.
//   Never  - never sends credentials; an index URL carrying some is an Invalid configuration.
// Credentials are looked up once per client (process lifetime; a failed lookup is not repeated
// either, and every request then reports the 401 and the failure alike) and only sent to the index's own
// origin (scheme, host, port); libcurl drops them on redirects elsewhere.
//
// Invariants: no secret appears in an error, a log line or the cache (URLs are kept without their
// userinfo, errors hold masked URLs). Thread-safe: calls from several worker threads may overlap.

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/credential_provider.h"
#include "core/index/http_cache.h"
#include "core/index/http_client.h"
#include "core/index/sdist_metadata.h"
#include "core/index/simple_api.h"
#include "core/util/error.h"

namespace pindex::index {

enum class AuthenticateMode { Auto, Always, Never };
enum class IndexFormat { Simple, Flat };

// What the caller (the project model) knows about one index. Plain data, filled by the caller.
struct IndexConfig
{
    std::string name;
    std::string url; // may carry credentials; a flat index may be a local path or file:// URL
    IndexFormat format = IndexFormat::Simple;
    AuthenticateMode authenticate = AuthenticateMode::Auto;
    bool isDefault = false;
    bool isExplicit = false;
    std::string apiCacheControl;       // overrides the server's Cache-Control for Simple API pages
    std::vector<int> ignoreErrorCodes; // statuses treated like 404 ("not here") by the index set
};

[[nodiscard]] std::string_view toString(AuthenticateMode mode);
[[nodiscard]] std::optional<AuthenticateMode> parseAuthenticateMode(std::string_view text);

struct IndexServices
{
    HttpClient* http = nullptr;                      // required, shared by all indexes
    const HttpCache* cache = nullptr;                // optional
    auth::CredentialProvider* credentials = nullptr; // optional
    bool offline = false;                            // answer from the cache only
};

struct IndexStats
{
    std::size_t requests = 0;       // HTTP requests sent (retries included)
    std::size_t cacheHits = 0;      // answered from the cache without asking the server
    std::size_t pagesFromCache = 0; // of which project pages
    std::size_t notModified = 0;    // 304 answers to conditional requests
    std::size_t rangeRequests = 0;  // requests for parts of a wheel
    std::size_t fullDownloads = 0;  // wheels downloaded only to read their metadata
};

// What the last exchanges taught about authentication (for `pindex index test`).
struct AuthObservation
{
    bool challenged = false;      // the server answered 401 to a request without credentials
    bool credentialsSent = false; // at least one request carried credentials
    std::optional<auth::CredentialSource> source;
};

class IndexClient
{
public:
    IndexClient(IndexConfig config, IndexServices services);
    ~IndexClient();
    IndexClient(const IndexClient&) = delete;
    IndexClient& operator=(const IndexClient&) = delete;

    [[nodiscard]] const IndexConfig& config() const { return m_config; }
    // The index URL without credentials, ending with '/' (a path for local flat indexes).
    [[nodiscard]] const std::string& baseUrl() const { return m_baseUrl; }

    // The project's files here, or std::nullopt when the index does not have the project.
    [[nodiscard]] Result<std::optional<ProjectPage>> projectPage(std::string_view project,
                                                                 std::stop_token stop = {});
    // Many projects at once, fetched concurrently; results in input order. JSON pages are read in
    // `detail` (see PageDetail; the cache keeps the page whole either way).
    [[nodiscard]] std::vector<Result<std::optional<ProjectPage>>>
    projectPages(std::span<const std::string> projects, std::stop_token stop = {},
                 const HttpProgressCallback& progress = {}, PageDetail detail = PageDetail::Full);
    [[nodiscard]] Result<ProjectList> projectList(std::stop_token stop = {});

    // The METADATA text of a distribution file of this index (hash-verified when the index gives
    // a hash for the metadata file).
    [[nodiscard]] Result<std::string> coreMetadata(const DistributionFile& file, std::stop_token stop = {});
    [[nodiscard]] std::vector<Result<std::string>> coreMetadataAll(std::span<const DistributionFile> files,
                                                                   std::stop_token stop = {},
                                                                   const HttpProgressCallback& progress = {});

    // A source distribution's PKG-INFO when PEP 643 lets it stand for the built metadata, else the
    // reason it needs a build (downloads the sdist once; it stays in the artifact cache).
    // coreMetadata() of an sdist without a PEP 658 file answers through this, with the reason as
    // an ErrorCode::Unsupported error ("... needs a build: ...").
    [[nodiscard]] Result<SdistMetadata> sdistMetadata(const DistributionFile& file,
                                                      std::stop_token stop = {});

    // The file's bytes, verified against its sha256 when known, cached content-addressed.
    [[nodiscard]] Result<std::string> download(const DistributionFile& file, std::stop_token stop = {});
    // Many files at once, fetched concurrently (each as download() would); results in input order.
    [[nodiscard]] std::vector<Result<std::string>> downloadAll(std::span<const DistributionFile> files,
                                                               std::stop_token stop = {},
                                                               const HttpProgressCallback& progress = {});

    [[nodiscard]] IndexStats stats() const;
    [[nodiscard]] AuthObservation authObservation() const;

    // A client of the same index that answers from the cache alone, or null when this client has
    // no cache. Fetching ahead reads it to guess what a warm resolution needs while this client
    // revalidates; it never sends a request. It answers only the pages this client must revalidate
    // (stale ones, as offline mode would): a page still fresh is reported as not cached, since this
    // client answers it from the cache at once and reading it twice would only cost time.
    [[nodiscard]] std::unique_ptr<IndexClient> cacheOnlyTwin() const;

private:
    [[nodiscard]] Status configurationError() const;
    [[nodiscard]] Result<std::optional<auth::ProvidedCredentials>> lookUpCredentials();
    [[nodiscard]] std::vector<Result<HttpResponse>>
    send(std::vector<HttpRequest> requests, std::stop_token stop, const HttpProgressCallback& progress);
    [[nodiscard]] Error statusError(const HttpResponse& response, std::string_view what,
                                    std::string_view url) const;
    [[nodiscard]] Error indexError(Error error) const;
    [[nodiscard]] Result<std::vector<DistributionFile>> flatListing(std::stop_token stop);
    [[nodiscard]] Result<std::string> metadataFromWheel(const DistributionFile& file, std::stop_token stop);

    IndexConfig m_config;
    IndexServices m_services;
    bool m_staleOnly = false; // a cacheOnlyTwin(): fresh pages are not its to answer
    std::string m_baseUrl;
    std::string m_origin;
    std::optional<auth::Credentials> m_urlCredentials;

    mutable std::mutex m_mutex;
    bool m_credentialsLooked = false;
    std::optional<Error> m_credentialsFailure; // why the lookup failed, when it did
    std::optional<auth::ProvidedCredentials> m_credentials;
    bool m_authRequired = false;
    AuthObservation m_observation;
    std::optional<std::vector<DistributionFile>> m_flatListing;
    IndexStats m_stats;
};

} // namespace pindex::index
