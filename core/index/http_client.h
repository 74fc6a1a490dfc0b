#pragma once

// HTTP GET for index traffic, on libcurl. One client is long-lived and reuses connections.
// Credentials given with a request are sent as HTTP basic auth and are never forwarded to another
// host on a redirect. Errors carry the URL with credentials masked.

#include "core/auth/credentials.h"
#include "core/util/error.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pindex::index {

struct HttpRequest
{
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::optional<auth::Credentials> credentials;
    long timeoutSeconds = 30;
};

struct HttpResponse
{
    long status = 0;
    std::string body;
    std::string contentType;
    std::string effectiveUrl;   // after redirects, credentials masked
    std::vector<std::pair<std::string, std::string>> headers; // names lower-cased
};

class HttpClient
{
public:
    HttpClient();
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Performs the request. Any HTTP status is a response; only transport failures are errors.
    [[nodiscard]] Result<HttpResponse> get(const HttpRequest& request);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace pindex::index
