#include "core/index/http_client.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <deque>
#include <limits>
#include <mutex>

#include <curl/curl.h>

namespace pindex::index {
namespace {

using Clock = std::chrono::steady_clock;

std::once_flag g_curlInit;

struct Transfer
{
    const HttpRequest* request = nullptr;
    std::size_t slot = 0;
    CURL* easy = nullptr;
    curl_slist* headerList = nullptr;
    HttpResponse response;
    int attempt = 0;
    Clock::time_point started;
    Clock::time_point notBefore;
    std::uint64_t* bytesReceived = nullptr;
    std::uint64_t maxBodyBytes = 0;
    bool tooLarge = false;
    std::array<char, CURL_ERROR_SIZE> errorBuffer{};
};

std::size_t appendBody(char* data, std::size_t size, std::size_t count, void* userData)
{
    auto* transfer = static_cast<Transfer*>(userData);
    if (transfer->response.body.size() + size * count > transfer->maxBodyBytes) {
        transfer->tooLarge = true;
        return 0; // ends the transfer with CURLE_WRITE_ERROR
    }
    transfer->response.body.append(data, size * count);
    *transfer->bytesReceived += size * count;
    return size * count;
}

std::string trimmed(std::string_view value)
{
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
        value.remove_suffix(1);
    return std::string(value);
}

std::size_t appendHeader(char* data, std::size_t size, std::size_t count, void* userData)
{
    auto* headers = static_cast<std::vector<std::pair<std::string, std::string>>*>(userData);
    const std::string_view line(data, size * count);
    if (line.starts_with("HTTP/"))
        headers->clear(); // a new response (after a redirect or a 100 Continue)
    const auto colon = line.find(':');
    if (colon != std::string_view::npos && !line.starts_with("HTTP/")) {
        std::string name(line.substr(0, colon));
        std::ranges::transform(name, name.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        headers->emplace_back(std::move(name), trimmed(line.substr(colon + 1)));
    }
    return size * count;
}

bool isRetryableCurlCode(CURLcode code)
{
    switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR: return true;
    default: return false;
    }
}

std::string envOrEmpty(const char* name)
{
    const char* value = std::getenv(name);
    return value != nullptr ? std::string(value) : std::string();
}

} // namespace

std::string_view HttpResponse::header(std::string_view lowerCaseName) const
{
    for (const auto& [name, value] : headers) {
        if (name == lowerCaseName)
            return value;
    }
    return {};
}

bool isRetryableStatus(long status)
{
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

std::optional<std::chrono::seconds> parseRetryAfter(std::string_view value, std::int64_t now)
{
    const std::string text = trimmed(value);
    if (text.empty())
        return std::nullopt;
    if (std::ranges::all_of(text, [](unsigned char c) { return std::isdigit(c) != 0; })) {
        if (text.size() > 9)
            return std::chrono::seconds(std::numeric_limits<std::int32_t>::max());
        return std::chrono::seconds(std::stoll(text));
    }
    const std::int64_t when = curl_getdate(text.c_str(), nullptr);
    if (when < 0)
        return std::nullopt;
    return std::chrono::seconds(std::max<std::int64_t>(0, when - now));
}

struct HttpClient::Impl
{
    std::mutex mutex; // one batch at a time on the multi handle
    CURLM* multi = nullptr;
    std::vector<CURL*> idleHandles;
    std::string caFile;
    std::string caPath;

    CURL* takeHandle()
    {
        if (idleHandles.empty())
            return curl_easy_init();
        CURL* handle = idleHandles.back();
        idleHandles.pop_back();
        curl_easy_reset(handle);
        return handle;
    }
};

HttpClient::HttpClient(HttpClientOptions options)
    : m_options(std::move(options))
    , m_impl(std::make_unique<Impl>())
{
    std::call_once(g_curlInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_options.maxConcurrentTransfers = std::max<std::size_t>(1, m_options.maxConcurrentTransfers);
    m_options.maxAttempts = std::max(1, m_options.maxAttempts);
    m_impl->multi = curl_multi_init();
    if (m_impl->multi != nullptr) {
        curl_multi_setopt(m_impl->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
        curl_multi_setopt(m_impl->multi, CURLMOPT_MAXCONNECTS,
                          static_cast<long>(m_options.maxConcurrentTransfers * 2));
    }
    if (m_options.caFile)
        m_impl->caFile = m_options.caFile->string();
    else
        m_impl->caFile = envOrEmpty("SSL_CERT_FILE");
    m_impl->caPath = envOrEmpty("SSL_CERT_DIR");
}

HttpClient::~HttpClient()
{
    for (CURL* handle : m_impl->idleHandles)
        curl_easy_cleanup(handle);
    if (m_impl->multi != nullptr)
        curl_multi_cleanup(m_impl->multi);
}

Result<HttpResponse> HttpClient::get(const HttpRequest& request, std::stop_token stop)
{
    auto results = getAll(std::span<const HttpRequest>(&request, 1), std::move(stop));
    return std::move(results.front());
}

std::vector<Result<HttpResponse>> HttpClient::getAll(std::span<const HttpRequest> requests,
                                                     std::stop_token stop,
                                                     const HttpProgressCallback& progress)
{
    std::vector<Result<HttpResponse>> results(requests.size(),
                                              std::unexpected(makeError(ErrorCode::Internal, "not run")));
    if (requests.empty())
        return results;
    std::lock_guard lock(m_impl->mutex);
    CURLM* multi = m_impl->multi;
    if (multi == nullptr) {
        for (auto& result : results)
            result = std::unexpected(makeError(ErrorCode::Internal, "libcurl could not be initialised"));
        return results;
    }

    std::uint64_t bytesReceived = 0;
    std::vector<Transfer> transfers(requests.size());
    std::deque<std::size_t> ready;
    std::vector<std::size_t> delayed;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        transfers[i].request = &requests[i];
        transfers[i].slot = i;
        transfers[i].bytesReceived = &bytesReceived;
        ready.push_back(i);
    }
    std::vector<bool> completed(requests.size(), false);
    std::size_t active = 0;
    std::size_t done = 0;
    HttpProgress lastProgress{.transfersTotal = requests.size()};
    std::stop_callback wakeOnStop(stop, [multi] { curl_multi_wakeup(multi); });

    const auto fail = [&](Transfer& transfer, Error error) {
        error.url = maskUrlCredentials(transfer.request->url);
        error.attempt = transfer.attempt;
        results[transfer.slot] = std::unexpected(std::move(error));
        completed[transfer.slot] = true;
        ++done;
    };

    const auto start = [&](Transfer& transfer) {
        ++transfer.attempt;
        transfer.response = HttpResponse{};
        transfer.started = Clock::now();
        CURL* easy = m_impl->takeHandle();
        if (easy == nullptr) {
            fail(transfer, makeError(ErrorCode::Internal, "libcurl could not create a transfer"));
            return;
        }
        transfer.easy = easy;
        const HttpRequest& request = *transfer.request;
        transfer.maxBodyBytes = request.maxBodyBytes != 0 ? request.maxBodyBytes : m_options.maxBodyBytes;
        transfer.tooLarge = false;
        curl_slist_free_all(transfer.headerList);
        transfer.headerList = nullptr;
        for (const auto& [name, value] : request.headers)
            transfer.headerList = curl_slist_append(transfer.headerList, (name + ": " + value).c_str());
        curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
        curl_easy_setopt(easy, CURLOPT_PRIVATE, &transfer);
        curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(easy, CURLOPT_MAXREDIRS, 10L);
        curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(easy, CURLOPT_UNRESTRICTED_AUTH, 0L); // never send credentials to another host
        curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
        curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
        curl_easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
        curl_easy_setopt(easy, CURLOPT_TIMEOUT, request.timeoutSeconds);
        curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, m_options.connectTimeoutSeconds);
        curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, m_options.stallTimeoutSeconds);
        // A declared Content-Length over the limit fails at once (CURLE_FILESIZE_EXCEEDED).
        curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE,
                         static_cast<curl_off_t>(std::min<std::uint64_t>(
                             transfer.maxBodyBytes, std::numeric_limits<curl_off_t>::max())));
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy, CURLOPT_USERAGENT, m_options.userAgent.c_str());
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
        if (!m_impl->caFile.empty())
            curl_easy_setopt(easy, CURLOPT_CAINFO, m_impl->caFile.c_str());
        if (!m_impl->caPath.empty())
            curl_easy_setopt(easy, CURLOPT_CAPATH, m_impl->caPath.c_str());
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer.headerList);
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &appendBody);
        curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
        curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &appendHeader);
        curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer.response.headers);
        curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer.errorBuffer.data());
        transfer.errorBuffer[0] = '\0';
        if (!request.range.empty())
            curl_easy_setopt(easy, CURLOPT_RANGE, request.range.c_str());
        if (request.credentials) {
            curl_easy_setopt(easy, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
            curl_easy_setopt(easy, CURLOPT_USERNAME, request.credentials->username.c_str());
            curl_easy_setopt(easy, CURLOPT_PASSWORD, request.credentials->password.c_str());
        }
        curl_multi_add_handle(multi, easy);
        ++active;
    };

    const auto release = [&](Transfer& transfer) {
        curl_multi_remove_handle(multi, transfer.easy);
        // Drop the references into this batch before the handle waits for the next one.
        curl_easy_setopt(transfer.easy, CURLOPT_HTTPHEADER, nullptr);
        curl_easy_setopt(transfer.easy, CURLOPT_ERRORBUFFER, nullptr);
        m_impl->idleHandles.push_back(transfer.easy);
        transfer.easy = nullptr;
        curl_slist_free_all(transfer.headerList);
        transfer.headerList = nullptr;
        --active;
    };

    const auto scheduleRetry = [&](Transfer& transfer, std::chrono::milliseconds atLeast) {
        const auto delay = m_options.retryBaseDelay * (1 << std::min(transfer.attempt - 1, 10));
        transfer.notBefore = Clock::now() + std::max(std::chrono::milliseconds(delay), atLeast);
        delayed.push_back(transfer.slot);
    };

    const auto finish = [&](Transfer& transfer, CURLcode code) {
        CURL* easy = transfer.easy;
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        const char* contentType = nullptr;
        curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &contentType);
        const char* effective = nullptr;
        curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective);
        long version = 0;
        curl_easy_getinfo(easy, CURLINFO_HTTP_VERSION, &version);
        const std::string curlMessage = transfer.errorBuffer[0] != '\0'
                                            ? std::string(transfer.errorBuffer.data())
                                            : std::string(curl_easy_strerror(code));
        release(transfer);
        const bool lastAttempt = transfer.attempt >= m_options.maxAttempts;
        if (transfer.tooLarge || code == CURLE_FILESIZE_EXCEEDED) {
            Error error = makeError(ErrorCode::Network, "the response is larger than " +
                                                            std::to_string(transfer.maxBodyBytes) +
                                                            " bytes, the most accepted for this request");
            error.hint = "check that the URL points at a package index";
            fail(transfer, std::move(error));
            return;
        }
        if (code != CURLE_OK) {
            if (!lastAttempt && isRetryableCurlCode(code)) {
                scheduleRetry(transfer, std::chrono::milliseconds(0));
                return;
            }
            Error error = makeError(ErrorCode::Network, "the request failed: " + curlMessage);
            if (transfer.attempt > 1)
                error.message += " (after " + std::to_string(transfer.attempt) + " attempts)";
            if (code == CURLE_PEER_FAILED_VERIFICATION)
                error.hint = "the server's certificate is not trusted: set SSL_CERT_FILE to the CA "
                             "certificate that signed it";
            else if (code == CURLE_TOO_MANY_REDIRECTS)
                error.hint = "the server redirects in a loop: check the index URL";
            fail(transfer, std::move(error));
            return;
        }
        if (isRetryableStatus(status) && !lastAttempt) {
            std::chrono::seconds retryAfter{0};
            if (const auto value = transfer.response.header("retry-after"); !value.empty()) {
                const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch());
                retryAfter = parseRetryAfter(value, now.count()).value_or(std::chrono::seconds(0));
            }
            if (retryAfter <= m_options.maxRetryAfter) {
                scheduleRetry(transfer, retryAfter);
                return;
            }
        }
        HttpResponse& response = transfer.response;
        response.status = status;
        if (contentType != nullptr)
            response.contentType = contentType;
        if (effective != nullptr)
            response.effectiveUrl = maskUrlCredentials(effective);
        response.attempts = transfer.attempt;
        response.httpVersion2 = version == CURL_HTTP_VERSION_2_0;
        response.elapsed =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - transfer.started);
        results[transfer.slot] = std::move(response);
        completed[transfer.slot] = true;
        ++done;
    };

    while (done < requests.size()) {
        if (stop.stop_requested()) {
            for (auto& transfer : transfers) {
                if (transfer.easy != nullptr)
                    release(transfer);
            }
            for (std::size_t i = 0; i < results.size(); ++i) {
                if (!completed[i]) {
                    Error error = makeError(ErrorCode::Cancelled, "the request was cancelled");
                    error.url = maskUrlCredentials(requests[i].url);
                    results[i] = std::unexpected(std::move(error));
                }
            }
            break;
        }
        const auto now = Clock::now();
        std::erase_if(delayed, [&](std::size_t slot) {
            if (transfers[slot].notBefore > now)
                return false;
            ready.push_back(slot);
            return true;
        });
        while (active < m_options.maxConcurrentTransfers && !ready.empty()) {
            const std::size_t slot = ready.front();
            ready.pop_front();
            start(transfers[slot]);
        }
        int running = 0;
        curl_multi_perform(multi, &running);
        int queued = 0;
        while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
            if (message->msg != CURLMSG_DONE)
                continue;
            Transfer* transfer = nullptr;
            curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
            finish(*transfer, message->data.result);
        }
        if (progress) {
            const HttpProgress current{bytesReceived, done, requests.size()};
            if (current.bytesReceived != lastProgress.bytesReceived ||
                current.transfersDone != lastProgress.transfersDone) {
                lastProgress = current;
                progress(current);
            }
        }
        if (done >= requests.size())
            break;
        int waitMilliseconds = 1000;
        if (!ready.empty() && active < m_options.maxConcurrentTransfers)
            waitMilliseconds = 0;
        for (const std::size_t slot : delayed) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                transfers[slot].notBefore - Clock::now());
            waitMilliseconds = std::clamp(static_cast<int>(left.count()), 0, waitMilliseconds);
        }
        curl_multi_poll(multi, nullptr, 0, waitMilliseconds, nullptr);
    }
    for (auto& transfer : transfers)
        curl_slist_free_all(transfer.headerList);
    return results;
}

} // namespace pindex::index
