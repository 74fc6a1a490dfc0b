#include "core/index/http_client.h"

#include <algorithm>
#include <cctype>
#include <curl/curl.h>
#include <mutex>

namespace pindex::index {
namespace {

std::once_flag g_curlInit;

std::size_t appendBody(char* data, std::size_t size, std::size_t count, void* userData)
{
    auto* body = static_cast<std::string*>(userData);
    body->append(data, size * count);
    return size * count;
}

std::size_t appendHeader(char* data, std::size_t size, std::size_t count, void* userData)
{
    auto* headers = static_cast<std::vector<std::pair<std::string, std::string>>*>(userData);
    const std::string_view line(data, size * count);
    if (line.starts_with("HTTP/"))
        headers->clear(); // a new response after a redirect
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        std::string name(line.substr(0, colon));
        std::ranges::transform(name, name.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        auto value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove_prefix(1);
        while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
            value.remove_suffix(1);
        headers->emplace_back(std::move(name), std::string(value));
    }
    return size * count;
}

} // namespace

struct HttpClient::Impl
{
    CURL* handle = nullptr;
};

HttpClient::HttpClient() : m_impl(std::make_unique<Impl>())
{
    std::call_once(g_curlInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_impl->handle = curl_easy_init();
}

HttpClient::~HttpClient()
{
    if (m_impl->handle != nullptr)
        curl_easy_cleanup(m_impl->handle);
}

Result<HttpResponse> HttpClient::get(const HttpRequest& request)
{
    CURL* curl = m_impl->handle;
    if (curl == nullptr)
        return std::unexpected(makeError(ErrorCode::Internal, "libcurl could not be initialised"));
    curl_easy_reset(curl);

    HttpResponse response;
    curl_slist* headerList = nullptr;
    for (const auto& [name, value] : request.headers)
        headerList = curl_slist_append(headerList, (name + ": " + value).c_str());

    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(curl, CURLOPT_UNRESTRICTED_AUTH, 0L); // never send credentials to another host
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, request.timeoutSeconds);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headerList);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &appendBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &appendHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
    if (request.credentials) {
        curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_easy_setopt(curl, CURLOPT_USERNAME, request.credentials->username.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, request.credentials->password.c_str());
    }

    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(headerList);
    if (code != CURLE_OK) {
        Error error = makeError(ErrorCode::Network, curl_easy_strerror(code));
        error.url = maskUrlCredentials(request.url);
        return std::unexpected(error);
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    const char* contentType = nullptr;
    curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &contentType);
    if (contentType != nullptr)
        response.contentType = contentType;
    const char* effective = nullptr;
    curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective);
    if (effective != nullptr)
        response.effectiveUrl = maskUrlCredentials(effective);
    return response;
}

} // namespace pindex::index
