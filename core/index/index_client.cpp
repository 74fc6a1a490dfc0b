#include "core/index/index_client.h"

#include <algorithm>
#include <charconv>

#include "core/index/flat_index.h"
#include "core/index/remote_wheel.h"
#include "core/index/sdist_metadata.h"
#include "core/index/sha256.h"
#include "core/index/simple_html.h"
#include "core/index/simple_json.h"
#include "core/index/url.h"
#include "core/index/zip_reader.h"
#include "core/standards/name.h"
#include "core/util/file_io.h"

namespace pindex::index {
namespace {

bool isJson(std::string_view contentType)
{
    return contentType.find("json") != std::string_view::npos;
}

// A page in the detail asked for; a summary takes the body (into the page's `text`).
Result<ProjectPage> readPage(std::string& body, std::string_view contentType, std::string_view url,
                             PageDetail detail)
{
    if (!isJson(contentType))
        return parseProjectPageHtml(body, url);
    if (detail == PageDetail::Summary)
        return summarizeProjectPageJson(std::move(body), url);
    return parseProjectPageJson(body, url);
}

// The page's body, wherever the reading left it: in the page's text (summary) or in `body`.
std::string_view bodyOf(const ProjectPage& page, const std::string& body)
{
    return page.text ? page.text->text() : std::string_view(body);
}

} // namespace

std::string_view toString(AuthenticateMode mode)
{
    switch (mode) {
    case AuthenticateMode::Auto: return "auto";
    case AuthenticateMode::Always: return "always";
    case AuthenticateMode::Never: return "never";
    }
    return "auto";
}

std::optional<AuthenticateMode> parseAuthenticateMode(std::string_view text)
{
    if (text == "auto")
        return AuthenticateMode::Auto;
    if (text == "always")
        return AuthenticateMode::Always;
    if (text == "never")
        return AuthenticateMode::Never;
    return std::nullopt;
}

IndexClient::IndexClient(IndexConfig config, IndexServices services)
    : m_config(std::move(config))
    , m_services(services)
{
    auto split = splitUrlCredentials(m_config.url);
    m_urlCredentials = std::move(split.credentials);
    if (m_config.format == IndexFormat::Flat && !split.url.contains("://"))
        m_baseUrl = split.url; // a local directory
    else
        m_baseUrl = m_config.format == IndexFormat::Flat ? split.url : withTrailingSlash(split.url);
    m_origin = urlOrigin(m_baseUrl);
}

IndexClient::~IndexClient() = default;

Error IndexClient::indexError(Error error) const
{
    error.indexName = m_config.name;
    if (error.url.empty())
        error.url = maskUrlCredentials(m_baseUrl);
    return error;
}

Status IndexClient::configurationError() const
{
    if (m_config.authenticate == AuthenticateMode::Never && m_urlCredentials)
        return std::unexpected(indexError(
            makeError(ErrorCode::Invalid, "the index URL carries credentials but its authenticate setting is "
                                          "\"never\"")));
    if (m_services.http == nullptr)
        return std::unexpected(indexError(makeError(ErrorCode::Internal, "the index has no HTTP client")));
    return {};
}

Result<std::optional<ProjectPage>> IndexClient::projectPage(std::string_view project, std::stop_token stop)
{
    const std::string name(project);
    auto pages = projectPages(std::span<const std::string>(&name, 1), std::move(stop));
    return std::move(pages.front());
}

std::vector<Result<std::optional<ProjectPage>>>
IndexClient::projectPages(std::span<const std::string> projects, std::stop_token stop,
                          const HttpProgressCallback& progress, PageDetail detail)
{
    using PageResult = Result<std::optional<ProjectPage>>;
    std::vector<PageResult> results(projects.size(), std::optional<ProjectPage>());
    if (auto valid = configurationError(); !valid) {
        results.assign(projects.size(), std::unexpected(valid.error()));
        return results;
    }
    if (m_config.format == IndexFormat::Flat) {
        auto listing = flatListing(stop);
        for (std::size_t i = 0; i < projects.size(); ++i) {
            if (!listing) {
                results[i] = std::unexpected(listing.error());
                continue;
            }
            auto files = filesForProject(*listing, standards::canonicalizeName(projects[i]));
            if (files.empty())
                continue;
            ProjectPage page;
            page.name = projects[i];
            page.format = ApiFormat::Flat;
            page.files = std::move(files);
            results[i] = std::move(page);
        }
        return results;
    }

    struct Lookup
    {
        std::size_t slot;
        std::string url;
        std::string key;
        std::optional<CachedResponse> cached;
    };
    std::vector<Lookup> toFetch;
    std::vector<HttpRequest> requests;
    const std::int64_t now = unixNow();
    for (std::size_t i = 0; i < projects.size(); ++i) {
        Lookup lookup{i, m_baseUrl + standards::canonicalizeName(projects[i]) + "/", {}, std::nullopt};
        if (m_services.cache != nullptr) {
            lookup.key = HttpCache::keyFor(lookup.url, kSimpleAcceptHeader);
            if (m_staleOnly) {
                // The headers tell whether the page is fresh; its body is read only if it is not.
                const auto headers = m_services.cache->loadHeaders(kSimpleBucket, lookup.key);
                if (headers && HttpCache::isFresh(*headers, m_config.apiCacheControl, now)) {
                    Error error = makeError(ErrorCode::Network,
                                            "the page of " + projects[i] +
                                                " is fresh in the cache: its own client answers it");
                    error.url = lookup.url;
                    results[i] = std::unexpected(indexError(std::move(error)));
                    continue;
                }
            }
            lookup.cached = m_services.cache->load(kSimpleBucket, lookup.key);
            const bool fresh =
                lookup.cached && HttpCache::isFresh(*lookup.cached, m_config.apiCacheControl, now);
            if (lookup.cached && (m_services.offline || fresh)) {
                auto page =
                    readPage(lookup.cached->body, lookup.cached->contentType, lookup.cached->url, detail);
                if (page)
                    results[i] = std::move(*page);
                else
                    results[i] = std::unexpected(indexError(page.error()));
                std::lock_guard lock(m_mutex);
                ++m_stats.cacheHits;
                ++m_stats.pagesFromCache;
                continue;
            }
        }
        if (m_services.offline) {
            Error error = makeError(ErrorCode::Network,
                                    "offline mode: the page of " + projects[i] + " is not in the cache");
            error.url = lookup.url;
            results[i] = std::unexpected(indexError(std::move(error)));
            continue;
        }
        HttpRequest request{.url = lookup.url, .headers = {{"Accept", kSimpleAcceptHeader}}};
        if (lookup.cached) {
            if (!lookup.cached->etag.empty())
                request.headers.emplace_back("If-None-Match", lookup.cached->etag);
            if (!lookup.cached->lastModified.empty())
                request.headers.emplace_back("If-Modified-Since", lookup.cached->lastModified);
        }
        requests.push_back(std::move(request));
        toFetch.push_back(std::move(lookup));
    }
    if (requests.empty())
        return results;

    auto responses = send(std::move(requests), stop, progress);
    for (std::size_t k = 0; k < toFetch.size(); ++k) {
        auto& lookup = toFetch[k];
        auto& response = responses[k];
        PageResult& result = results[lookup.slot];
        if (!response) {
            result = std::unexpected(indexError(response.error()));
            continue;
        }
        if (response->status == 404) {
            result = std::optional<ProjectPage>();
            continue;
        }
        CachedResponse entry;
        const auto freshnessHeaders = [&response](CachedResponse& into, bool replaceAll) {
            // A 304 updates the stored header fields it carries (RFC 9111 4.3.4); a 200 sets all.
            const auto take = [&](std::string& field, std::string_view name) {
                if (const auto value = response->header(name); replaceAll || !value.empty())
                    field = std::string(value);
            };
            take(into.cacheControl, "cache-control");
            take(into.date, "date");
            take(into.expires, "expires");
            take(into.etag, "etag");
            take(into.lastModified, "last-modified");
            std::int64_t age = 0;
            const auto ageText = response->header("age");
            std::from_chars(ageText.data(), ageText.data() + ageText.size(), age);
            into.age = age;
        };
        if (response->status == 304 && lookup.cached) {
            entry = std::move(*lookup.cached);
            freshnessHeaders(entry, false);
            std::lock_guard lock(m_mutex);
            ++m_stats.notModified;
        } else if (response->status == 200) {
            entry.url = response->effectiveUrl.empty() ? lookup.url : response->effectiveUrl;
            entry.contentType = response->contentType;
            freshnessHeaders(entry, true);
            entry.body = std::move(response->body);
        } else {
            result =
                std::unexpected(statusError(*response, "the page of " + projects[lookup.slot], lookup.url));
            continue;
        }
        entry.storedAt = unixNow();
        auto page = readPage(entry.body, entry.contentType, entry.url, detail);
        if (!page) {
            result = std::unexpected(indexError(page.error()));
            continue;
        }
        // A 304 changes nothing worth a write unless it renews a freshness window.
        const bool worthStoring =
            response->status != 304 || HttpCache::isFresh(entry, m_config.apiCacheControl, entry.storedAt);
        const std::string_view policy = m_config.apiCacheControl.empty()
                                            ? std::string_view(entry.cacheControl)
                                            : m_config.apiCacheControl;
        if (m_services.cache != nullptr && !HttpCache::mayStore(policy)) {
            m_services.cache->remove(kSimpleBucket, lookup.key); // no-store: keep nothing
        } else if (m_services.cache != nullptr && worthStoring) {
            // A cache that cannot be written is not a reason to fail the lookup.
            (void)m_services.cache->store(kSimpleBucket, lookup.key, entry, bodyOf(*page, entry.body));
        }
        result = std::move(*page);
    }
    return results;
}

Result<ProjectList> IndexClient::projectList(std::stop_token stop)
{
    if (auto valid = configurationError(); !valid)
        return std::unexpected(valid.error());
    if (m_config.format == IndexFormat::Flat) {
        auto listing = flatListing(stop);
        if (!listing)
            return std::unexpected(listing.error());
        ProjectList list;
        list.format = ApiFormat::Flat;
        for (const auto& file : *listing) {
            auto name = projectNameOfFile(file.filename);
            if (name && std::ranges::find(list.names, *name) == list.names.end())
                list.names.push_back(std::move(*name));
        }
        return list;
    }
    std::vector<HttpRequest> requests{{.url = m_baseUrl, .headers = {{"Accept", kSimpleAcceptHeader}}}};
    auto responses = send(std::move(requests), std::move(stop), {});
    auto& response = responses.front();
    if (!response)
        return std::unexpected(indexError(response.error()));
    if (response->status != 200)
        return std::unexpected(statusError(*response, "the project list", m_baseUrl));
    auto list = isJson(response->contentType) ? parseProjectListJson(response->body, m_baseUrl)
                                              : parseProjectListHtml(response->body);
    if (!list)
        return std::unexpected(indexError(list.error()));
    return list;
}

Result<std::vector<DistributionFile>> IndexClient::flatListing(std::stop_token stop)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_flatListing)
            return *m_flatListing;
    }
    Result<std::vector<DistributionFile>> listing;
    if (auto path = pathOfFileUrl(m_baseUrl); path || !m_baseUrl.contains("://")) {
        listing = listFlatDirectory(path ? *path : std::filesystem::path(m_baseUrl));
        if (!listing)
            return std::unexpected(indexError(listing.error()));
    } else {
        std::vector<HttpRequest> requests{{.url = m_baseUrl, .headers = {{"Accept", "text/html"}}}};
        auto responses = send(std::move(requests), std::move(stop), {});
        auto& response = responses.front();
        if (!response)
            return std::unexpected(indexError(response.error()));
        if (response->status != 200)
            return std::unexpected(statusError(*response, "the flat index page", m_baseUrl));
        auto page = parseProjectPageHtml(response->body, m_baseUrl);
        if (!page)
            return std::unexpected(indexError(page.error()));
        std::erase_if(page->files, [](const auto& file) { return !projectNameOfFile(file.filename); });
        listing = std::move(page->files);
    }
    std::lock_guard lock(m_mutex);
    m_flatListing = *listing;
    return listing;
}

Result<std::string> IndexClient::coreMetadata(const DistributionFile& file, std::stop_token stop)
{
    auto all = coreMetadataAll(std::span<const DistributionFile>(&file, 1), std::move(stop));
    return std::move(all.front());
}

std::vector<Result<std::string>> IndexClient::coreMetadataAll(std::span<const DistributionFile> files,
                                                              std::stop_token stop,
                                                              const HttpProgressCallback& progress)
{
    std::vector<Result<std::string>> results(files.size(), std::string());
    if (auto valid = configurationError(); !valid) {
        results.assign(files.size(), std::unexpected(valid.error()));
        return results;
    }
    const auto cacheKey = [](const DistributionFile& file) {
        const auto hash = file.coreMetadataHashes.find("sha256");
        if (hash != file.coreMetadataHashes.end())
            return hash->second;
        return HttpCache::keyFor(file.url + "#metadata", "");
    };

    // 1. The cache, then PEP 658 metadata files, all at once.
    std::vector<bool> cachedAlready(files.size(), false);
    std::vector<std::size_t> fetching;
    std::vector<std::size_t> fromWheel;
    std::vector<HttpRequest> requests;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (m_services.cache != nullptr) {
            if (auto cached = m_services.cache->load(kMetadataBucket, cacheKey(files[i]))) {
                results[i] = std::move(cached->body);
                cachedAlready[i] = true;
                std::lock_guard lock(m_mutex);
                ++m_stats.cacheHits;
                continue;
            }
        }
        if (files[i].hasCoreMetadata && !pathOfFileUrl(files[i].url)) {
            fetching.push_back(i);
            requests.push_back({.url = files[i].metadataUrl()});
        } else {
            fromWheel.push_back(i);
        }
    }
    if (!requests.empty()) {
        auto responses = send(std::move(requests), stop, progress);
        for (std::size_t k = 0; k < fetching.size(); ++k) {
            const std::size_t i = fetching[k];
            auto& response = responses[k];
            if (!response) {
                results[i] = std::unexpected(indexError(response.error()));
            } else if (response->status == 404) {
                fromWheel.push_back(i); // the page promised a metadata file the server lacks
            } else if (response->status != 200) {
                results[i] = std::unexpected(
                    statusError(*response, "the metadata of " + files[i].filename, files[i].metadataUrl()));
            } else {
                const auto expected = files[i].coreMetadataHashes.find("sha256");
                if (expected != files[i].coreMetadataHashes.end() &&
                    sha256Hex(response->body) != expected->second) {
                    Error error =
                        makeError(ErrorCode::Invalid, "the metadata file of " + files[i].filename +
                                                          " does not match its sha256 " + expected->second);
                    error.url = maskUrlCredentials(files[i].metadataUrl());
                    results[i] = std::unexpected(indexError(std::move(error)));
                    continue;
                }
                results[i] = std::move(response->body);
            }
        }
    }
    // 2. Wheels without a metadata file: range requests, or a download when ranges are ignored.
    std::ranges::sort(fromWheel);
    for (const std::size_t i : fromWheel) {
        if (stop.stop_requested()) {
            results[i] =
                std::unexpected(indexError(makeError(ErrorCode::Cancelled, "the request was cancelled")));
            continue;
        }
        results[i] = metadataFromWheel(files[i], stop);
    }
    if (m_services.cache != nullptr) {
        for (std::size_t i = 0; i < files.size(); ++i) {
            if (results[i] && !cachedAlready[i]) {
                CachedResponse entry{
                    .url = files[i].metadataUrl(), .storedAt = unixNow(), .body = *results[i]};
                (void)m_services.cache->store(kMetadataBucket, cacheKey(files[i]), entry);
            }
        }
    }
    return results;
}

Result<std::string> IndexClient::metadataFromWheel(const DistributionFile& file, std::stop_token stop)
{
    if (!file.isWheel()) {
        auto fromSdist = sdistMetadata(file, stop);
        if (!fromSdist)
            return std::unexpected(fromSdist.error());
        if (fromSdist->metadata)
            return std::move(*fromSdist->metadata);
        Error error = makeError(ErrorCode::Unsupported,
                                file.filename + " needs a build: " + fromSdist->needsBuildReason);
        error.url = maskUrlCredentials(file.url);
        return std::unexpected(indexError(std::move(error)));
    }
    const auto sha256 = file.sha256();
    if (m_services.cache != nullptr && sha256) {
        if (auto wheel = m_services.cache->loadArtifact(*sha256))
            return readWheelMetadata(*wheel);
    }
    if (auto path = pathOfFileUrl(file.url)) {
        auto wheel = readFile(*path);
        if (!wheel)
            return std::unexpected(indexError(wheel.error()));
        return readWheelMetadata(*wheel);
    }
    std::size_t rangeRequests = 0;
    const RangeFetcher fetch = [&](const std::string& range) -> Result<HttpResponse> {
        ++rangeRequests;
        auto responses = send({{.url = file.url, .range = range}}, stop, {});
        return std::move(responses.front());
    };
    auto remote = readRemoteWheelMetadata(fetch);
    {
        std::lock_guard lock(m_mutex);
        m_stats.rangeRequests += rangeRequests;
        if (remote && remote->fullWheel)
            ++m_stats.fullDownloads;
    }
    if (!remote) {
        Error error = remote.error();
        if (error.url.empty())
            error.url = maskUrlCredentials(file.url);
        if (error.httpStatus != 0 && error.code == ErrorCode::Http)
            error.message =
                "the index answered HTTP " + std::to_string(error.httpStatus) + " for " + file.filename;
        return std::unexpected(indexError(std::move(error)));
    }
    if (remote->fullWheel && m_services.cache != nullptr && sha256 &&
        sha256Hex(*remote->fullWheel) == *sha256)
        (void)m_services.cache->storeArtifact(*sha256, *remote->fullWheel);
    return std::move(remote->metadata);
}

Result<SdistMetadata> IndexClient::sdistMetadata(const DistributionFile& file, std::stop_token stop)
{
    auto archive = download(file, std::move(stop));
    if (!archive)
        return std::unexpected(archive.error());
    auto metadata = readSdistMetadata(*archive, file.filename);
    if (!metadata) {
        Error error = metadata.error();
        error.url = maskUrlCredentials(file.url);
        return std::unexpected(indexError(std::move(error)));
    }
    return metadata;
}

Result<std::string> IndexClient::download(const DistributionFile& file, std::stop_token stop)
{
    if (auto valid = configurationError(); !valid)
        return std::unexpected(valid.error());
    const auto sha256 = file.sha256();
    if (m_services.cache != nullptr && sha256) {
        if (auto cached = m_services.cache->loadArtifact(*sha256)) {
            std::lock_guard lock(m_mutex);
            ++m_stats.cacheHits;
            return std::move(*cached);
        }
    }
    std::string content;
    if (auto path = pathOfFileUrl(file.url)) {
        auto bytes = readFile(*path);
        if (!bytes)
            return std::unexpected(indexError(bytes.error()));
        content = std::move(*bytes);
    } else {
        auto responses = send({{.url = file.url, .timeoutSeconds = 600}}, std::move(stop), {});
        auto& response = responses.front();
        if (!response)
            return std::unexpected(indexError(response.error()));
        if (response->status != 200)
            return std::unexpected(statusError(*response, file.filename, file.url));
        content = std::move(response->body);
    }
    if (sha256 && sha256Hex(content) != *sha256) {
        Error error = makeError(ErrorCode::Invalid, file.filename + " does not match its sha256 " + *sha256);
        error.url = maskUrlCredentials(file.url);
        return std::unexpected(indexError(std::move(error)));
    }
    if (m_services.cache != nullptr && sha256)
        (void)m_services.cache->storeArtifact(*sha256, content);
    return content;
}

std::vector<Result<std::string>> IndexClient::downloadAll(std::span<const DistributionFile> files,
                                                          std::stop_token stop,
                                                          const HttpProgressCallback& progress)
{
    std::vector<Result<std::string>> results(files.size(), std::string());
    if (auto valid = configurationError(); !valid) {
        results.assign(files.size(), std::unexpected(valid.error()));
        return results;
    }
    std::vector<HttpRequest> requests;
    std::vector<std::size_t> fetched; // index into files for each request
    for (std::size_t i = 0; i < files.size(); ++i) {
        const auto& file = files[i];
        const auto sha256 = file.sha256();
        if (m_services.cache != nullptr && sha256) {
            if (auto cached = m_services.cache->loadArtifact(*sha256)) {
                std::lock_guard lock(m_mutex);
                ++m_stats.cacheHits;
                results[i] = std::move(*cached);
                continue;
            }
        }
        if (auto path = pathOfFileUrl(file.url)) {
            auto bytes = readFile(*path);
            results[i] = bytes ? Result<std::string>(std::move(*bytes))
                               : Result<std::string>(std::unexpected(indexError(bytes.error())));
            if (results[i] && sha256 && sha256Hex(*results[i]) != *sha256) {
                Error error =
                    makeError(ErrorCode::Invalid, file.filename + " does not match its sha256 " + *sha256);
                error.url = maskUrlCredentials(file.url);
                results[i] = std::unexpected(indexError(std::move(error)));
            }
            continue;
        }
        requests.push_back({.url = file.url, .timeoutSeconds = 600});
        fetched.push_back(i);
    }
    if (requests.empty())
        return results;
    auto responses = send(std::move(requests), std::move(stop), progress);
    for (std::size_t r = 0; r < responses.size(); ++r) {
        const auto& file = files[fetched[r]];
        auto& result = results[fetched[r]];
        auto& response = responses[r];
        if (!response) {
            result = std::unexpected(indexError(response.error()));
            continue;
        }
        if (response->status != 200) {
            result = std::unexpected(statusError(*response, file.filename, file.url));
            continue;
        }
        const auto sha256 = file.sha256();
        if (sha256 && sha256Hex(response->body) != *sha256) {
            Error error =
                makeError(ErrorCode::Invalid, file.filename + " does not match its sha256 " + *sha256);
            error.url = maskUrlCredentials(file.url);
            result = std::unexpected(indexError(std::move(error)));
            continue;
        }
        if (m_services.cache != nullptr && sha256)
            (void)m_services.cache->storeArtifact(*sha256, response->body);
        result = std::move(response->body);
    }
    return results;
}

IndexStats IndexClient::stats() const
{
    std::lock_guard lock(m_mutex);
    return m_stats;
}

std::unique_ptr<IndexClient> IndexClient::cacheOnlyTwin() const
{
    if (m_services.cache == nullptr)
        return nullptr;
    IndexServices services = m_services;
    services.offline = true;
    services.credentials = nullptr; // never asked: nothing is sent
    auto twin = std::make_unique<IndexClient>(m_config, services);
    twin->m_staleOnly = true;
    return twin;
}

} // namespace pindex::index
