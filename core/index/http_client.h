#pragma once

// HTTP GET for index traffic, on libcurl's multi interface. One client is long-lived: it keeps a
// connection pool (HTTP keep-alive, HTTP/2 multiplexing where the server offers it) across calls.
// One transfer thread drives every transfer on one curl multi handle. It loads and initialises
// libcurl when the first request comes, not before: loading libcurl (some 40 libraries) holds the
// dynamic loader's lock for milliseconds, and while it does, every other thread of the process that
// starts a thread or throws waits for it, so a client that sends nothing (every page fresh in the
// cache) costs nothing. Requests made meanwhile are queued at once and leave the moment libcurl is
// ready; their callers do not wait for the load first. Requests of all callers run on that handle
// concurrently,
// at most `maxConcurrentTransfers` at a time, and a caller's request starts as soon as a slot is free,
// whatever other callers' batches are doing; connection errors, timeouts, interrupted bodies and 5xx answers
// are retried with exponential backoff.
//
// Invariants:
// - Credentials given with a request are sent as HTTP basic auth to the request's own host only;
//   libcurl never forwards them on a redirect to another host, port or scheme.
// - Every error carries the URL with its credentials masked; no secret reaches a message.
// - TLS is always verified: the system store, or SSL_CERT_FILE / SSL_CERT_DIR when set, or the
//   explicit `caFile` option. Proxies come from the usual environment variables (http_proxy,
//   https_proxy, HTTPS_PROXY, all_proxy, no_proxy), which libcurl reads itself.
// - Calls are thread-safe; concurrent calls from several threads share the connections and the
//   concurrency limit (no batch waits for another to finish). Progress callbacks run on the
//   caller's thread.
// - A call made on a fiber of a util::FiberPool parks the fiber while it waits, freeing the thread
//   for other tasks (the fiber is woken with the bytes received as its work hint); on a plain
//   thread it blocks in a util::BlockingScope.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/auth/credentials.h"
#include "core/util/error.h"

namespace pindex::index {

struct HttpRequest
{
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::optional<auth::Credentials> credentials;
    long timeoutSeconds = 30;
    // "start-end" (inclusive, as in the Range header) or "-N" for the last N bytes; empty = all.
    std::string range;
    // The largest body accepted (0: the client's maxBodyBytes). A larger response ends the
    // transfer with an error instead of growing without bound.
    std::uint64_t maxBodyBytes = 0;
};

// The capacity an HttpResponse's body has beyond its size when the server announced the length:
// parsers that read whole words past the end (simdjson needs 64 bytes) then read it in place.
inline constexpr std::size_t kBodySlack = 64;

struct HttpResponse
{
    long status = 0;
    std::string body; // with kBodySlack bytes of spare capacity, when the length was announced
    std::string contentType;
    std::string effectiveUrl;                                 // after redirects, credentials masked
    std::vector<std::pair<std::string, std::string>> headers; // of the final response, names lower-cased
    int attempts = 1;
    bool httpVersion2 = false;
    std::chrono::milliseconds elapsed{0};

    // The value of the first header with this (lower-case) name, or an empty view.
    [[nodiscard]] std::string_view header(std::string_view lowerCaseName) const;
};

struct HttpProgress
{
    std::uint64_t bytesReceived = 0;
    std::size_t transfersDone = 0;
    std::size_t transfersTotal = 0;
};

using HttpProgressCallback = std::function<void(const HttpProgress&)>;

struct HttpClientOptions
{
    // uv's default too: a dependency graph's widest level (the popular benchmark's second level
    // has 47 pages) then goes out in one wave instead of two.
    std::size_t maxConcurrentTransfers = 50;
    int maxAttempts = 3;                           // 1 = no retries
    std::chrono::milliseconds retryBaseDelay{250}; // doubled on each further attempt
    long connectTimeoutSeconds = 15;
    // A transfer that receives less than one byte per second for this long is abandoned (and
    // retried like a timeout): a stalled server never holds a batch for the whole request timeout.
    long stallTimeoutSeconds = 20;
    std::uint64_t maxBodyBytes = 4ULL << 30; // see HttpRequest::maxBodyBytes
    // A 429/503 whose Retry-After asks to wait longer than this is returned, not retried.
    std::chrono::seconds maxRetryAfter{60};
    std::optional<std::filesystem::path> caFile; // overrides SSL_CERT_FILE and the system store
    std::string userAgent = "pindex";
};

class HttpClient
{
public:
    explicit HttpClient(HttpClientOptions options = {});
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Performs one request. Any HTTP status is a response (also a 5xx that persisted through every
    // attempt, so callers report it with their own context); only transport failures are errors.
    [[nodiscard]] Result<HttpResponse> get(const HttpRequest& request, std::stop_token stop = {});

    // Performs all requests concurrently; results are in request order. When `stop` is requested
    // every transfer still in flight or queued ends with ErrorCode::Cancelled.
    [[nodiscard]] std::vector<Result<HttpResponse>> getAll(std::span<const HttpRequest> requests,
                                                           std::stop_token stop = {},
                                                           const HttpProgressCallback& progress = {});

    [[nodiscard]] const HttpClientOptions& options() const { return m_options; }

private:
    struct Impl;
    HttpClientOptions m_options;
    std::unique_ptr<Impl> m_impl;
};

// True for statuses worth another attempt (server errors and 429).
[[nodiscard]] bool isRetryableStatus(long status);

// The delay a Retry-After header value asks for: delta-seconds or an HTTP date (relative to `now`,
// seconds since the epoch). std::nullopt when the value is neither.
[[nodiscard]] std::optional<std::chrono::seconds> parseRetryAfter(std::string_view value, std::int64_t now);

} // namespace pindex::index
