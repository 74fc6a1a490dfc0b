#include "core/index/http_client.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>

#include <curl/curl.h>

#include "core/index/http_date.h"
#include "core/util/blocking.h"
#include "core/util/fiber_pool.h"

namespace pindex::index {
namespace {

using Clock = std::chrono::steady_clock;

std::once_flag g_curlInit;

struct Batch;

struct Transfer
{
    Batch* batch = nullptr;
    const HttpRequest* request = nullptr;
    std::size_t slot = 0;
    CURL* easy = nullptr;
    curl_slist* headerList = nullptr;
    HttpResponse response;
    int attempt = 0;
    Clock::time_point started;
    Clock::time_point notBefore;
    std::atomic<std::uint64_t>* bytesReceived = nullptr;
    std::uint64_t maxBodyBytes = 0;
    bool tooLarge = false;
    std::array<char, CURL_ERROR_SIZE> errorBuffer{};
};

// The requests of one getAll() call. The caller's thread owns it and waits until `done` reaches the
// number of requests; the transfer thread fills the results.
struct Batch
{
    std::span<const HttpRequest> requests;
    std::vector<Result<HttpResponse>> results;
    std::vector<Transfer> transfers;
    std::vector<bool> completed;
    std::size_t done = 0;
    std::atomic<std::uint64_t> bytesReceived{0};
    std::stop_token stop;
    bool cancelled = false;
    bool wantsProgress = false;      // the caller reports bytes as they arrive
    bool touched = false;            // something completed since the caller last looked
    std::condition_variable changed; // signalled by the transfer thread
    util::Fiber* fiber = nullptr;    // the caller's fiber, woken instead (it parks, see getAll)
};

std::size_t appendBody(char* data, std::size_t size, std::size_t count, void* userData)
{
    auto* transfer = static_cast<Transfer*>(userData);
    auto& body = transfer->response.body;
    if (body.size() + size * count > transfer->maxBodyBytes) {
        transfer->tooLarge = true;
        return 0; // ends the transfer with CURLE_WRITE_ERROR
    }
    if (body.empty()) {
        // Room for the whole body at once when the server announced its length: a 500 KB page
        // would otherwise be copied into ever larger buffers as it arrives, on the thread every
        // transfer waits for. With a Content-Encoding the announced length is the encoded one, a
        // lower bound. And room for kBodySlack bytes more, which parsers reading whole words past
        // the end (simdjson) need to read the body where it is.
        curl_off_t announced = -1;
        if (curl_easy_getinfo(transfer->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced) == CURLE_OK &&
            announced > 0)
            body.reserve(static_cast<std::size_t>(
                             std::min(static_cast<std::uint64_t>(announced), transfer->maxBodyBytes)) +
                         kBodySlack);
    }
    body.append(data, size * count);
    transfer->bytesReceived->fetch_add(size * count, std::memory_order_relaxed);
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
    const auto when = parseHttpDate(text, now);
    if (!when)
        return std::nullopt;
    return std::chrono::seconds(std::max<std::int64_t>(0, *when - now));
}

// One transfer thread owns the multi handle and every easy handle. getAll() hands its batch over
// under the mutex and waits on `changed`; the thread starts, retries, finishes and cancels
// transfers of every batch at once, so requests from several callers share the connection pool
// and the concurrency limit instead of waiting for each other's batches.
struct HttpClient::Impl
{
    explicit Impl(const HttpClientOptions& clientOptions)
        : options(clientOptions)
    {}

    const HttpClientOptions& options;
    std::mutex mutex;
    // Made by the transfer thread once libcurl is loaded; other threads read it to wake that
    // thread (curl_multi_wakeup), also while it is still being made.
    std::atomic<CURLM*> multi{nullptr};
    std::vector<CURL*> idleHandles; // the transfer thread's only
    std::string caFile;
    std::string caPath;
    std::deque<Transfer*> ready;    // waiting for a free slot
    std::vector<Transfer*> delayed; // waiting for a retry
    std::vector<Batch*> batches;    // submitted, not yet done
    std::size_t active = 0;
    bool stopping = false;
    bool wanted = false;      // a request came: the transfer thread loads libcurl
    bool initialised = false; // libcurl loaded and `multi` made (or failed: null), or never wanted
    std::condition_variable initWanted;
    std::condition_variable initDone;
    std::thread worker;

    // On the transfer thread, once a request comes (or the client is destroyed unused: then it
    // loads nothing). Loading libcurl and its libraries (some 40 of them, relocated at once) takes
    // milliseconds, which overlap the callers' other work (reading the cache, parsing pages).
    // Returns whether libcurl is to be used.
    bool initialise()
    {
        std::unique_lock lock(mutex);
        initWanted.wait(lock, [this] { return wanted || stopping; });
        CURLM* made = nullptr;
        if (wanted) {
            lock.unlock();
            std::call_once(g_curlInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
            made = curl_multi_init();
            if (made != nullptr) {
                curl_multi_setopt(made, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
                curl_multi_setopt(made, CURLMOPT_MAXCONNECTS,
                                  static_cast<long>(options.maxConcurrentTransfers * 2));
            }
            lock.lock();
        }
        multi = made;
        initialised = true;
        if (made == nullptr)
            failQueued();
        lock.unlock();
        initDone.notify_all();
        return made != nullptr;
    }

    // libcurl could not be initialised: the batches handed over before that was known fail. The
    // caller holds `mutex`.
    void failQueued()
    {
        for (Transfer* transfer : ready)
            fail(*transfer, makeError(ErrorCode::Internal, "libcurl could not be initialised"));
        ready.clear();
        wakeCallers([](const Batch&) { return true; });
    }

    // The callers of getAll() whose batches `which` selects: each waits on its batch's condition,
    // or has parked its fiber. Parked fibers are woken all at once, so that their pool picks the
    // least work first among them all. The caller holds `mutex`.
    template <typename Which>
    void wakeCallers(Which which)
    {
        std::vector<std::pair<util::Fiber*, std::uint64_t>> fibers;
        for (Batch* batch : batches) {
            if (!which(*batch))
                continue;
            batch->changed.notify_one();
            if (batch->fiber != nullptr)
                fibers.emplace_back(batch->fiber, batch->bytesReceived.load(std::memory_order_relaxed));
        }
        util::Fiber::wakeAll(fibers);
    }

    CURL* takeHandle()
    {
        if (idleHandles.empty())
            return curl_easy_init();
        CURL* handle = idleHandles.back();
        idleHandles.pop_back();
        curl_easy_reset(handle);
        return handle;
    }

    void complete(Transfer& transfer, Result<HttpResponse> result)
    {
        Batch& batch = *transfer.batch;
        batch.results[transfer.slot] = std::move(result);
        batch.completed[transfer.slot] = true;
        ++batch.done;
        batch.touched = true;
    }

    void fail(Transfer& transfer, Error error)
    {
        error.url = maskUrlCredentials(transfer.request->url);
        error.attempt = transfer.attempt;
        complete(transfer, std::unexpected(std::move(error)));
    }

    void start(Transfer& transfer);
    void release(Transfer& transfer);
    void scheduleRetry(Transfer& transfer, std::chrono::milliseconds atLeast);
    void finish(Transfer& transfer, CURLcode code);
    void cancel(Batch& batch);
    void run();
};

void HttpClient::Impl::start(Transfer& transfer)
{
    ++transfer.attempt;
    transfer.response = HttpResponse{};
    transfer.started = Clock::now();
    CURL* easy = takeHandle();
    if (easy == nullptr) {
        fail(transfer, makeError(ErrorCode::Internal, "libcurl could not create a transfer"));
        return;
    }
    transfer.easy = easy;
    const HttpRequest& request = *transfer.request;
    transfer.maxBodyBytes = request.maxBodyBytes != 0 ? request.maxBodyBytes : options.maxBodyBytes;
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
    // Over TLS, wait for a connection being set up rather than open another: it may offer HTTP/2
    // (ALPN, known after the handshake) and carry every request. Plain HTTP is never HTTP/2 here,
    // and waiting would hold every other request back until the first full response.
    curl_easy_setopt(easy, CURLOPT_PIPEWAIT, request.url.starts_with("https:") ? 1L : 0L);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT, request.timeoutSeconds);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, options.connectTimeoutSeconds);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, options.stallTimeoutSeconds);
    // A declared Content-Length over the limit fails at once (CURLE_FILESIZE_EXCEEDED).
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(std::min<std::uint64_t>(
                         transfer.maxBodyBytes, std::numeric_limits<curl_off_t>::max())));
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, options.userAgent.c_str());
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!caFile.empty())
        curl_easy_setopt(easy, CURLOPT_CAINFO, caFile.c_str());
    if (!caPath.empty())
        curl_easy_setopt(easy, CURLOPT_CAPATH, caPath.c_str());
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
}

void HttpClient::Impl::release(Transfer& transfer)
{
    curl_multi_remove_handle(multi, transfer.easy);
    // Drop the references into this batch before the handle serves another one.
    curl_easy_setopt(transfer.easy, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(transfer.easy, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(transfer.easy, CURLOPT_PRIVATE, nullptr);
    idleHandles.push_back(transfer.easy);
    transfer.easy = nullptr;
    curl_slist_free_all(transfer.headerList);
    transfer.headerList = nullptr;
    --active;
}

void HttpClient::Impl::scheduleRetry(Transfer& transfer, std::chrono::milliseconds atLeast)
{
    const auto delay = options.retryBaseDelay * (1 << std::min(transfer.attempt - 1, 10));
    transfer.notBefore = Clock::now() + std::max(std::chrono::milliseconds(delay), atLeast);
    delayed.push_back(&transfer);
}

void HttpClient::Impl::finish(Transfer& transfer, CURLcode code)
{
    CURL* easy = transfer.easy;
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    const char* contentType = nullptr;
    curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &contentType);
    const char* effective = nullptr;
    curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective);
    long version = 0;
    curl_easy_getinfo(easy, CURLINFO_HTTP_VERSION, &version);
    const std::string curlMessage = transfer.errorBuffer[0] != '\0' ? std::string(transfer.errorBuffer.data())
                                                                    : std::string(curl_easy_strerror(code));
    HttpResponse& response = transfer.response;
    response.status = status;
    if (contentType != nullptr)
        response.contentType = contentType;
    if (effective != nullptr)
        response.effectiveUrl = maskUrlCredentials(effective);
    release(transfer);
    const bool lastAttempt = transfer.attempt >= options.maxAttempts;
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
        if (const auto value = response.header("retry-after"); !value.empty()) {
            const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                std::chrono::system_clock::now().time_since_epoch());
            retryAfter = parseRetryAfter(value, now.count()).value_or(std::chrono::seconds(0));
        }
        if (retryAfter <= options.maxRetryAfter) {
            scheduleRetry(transfer, retryAfter);
            return;
        }
    }
    response.attempts = transfer.attempt;
    response.httpVersion2 = version == CURL_HTTP_VERSION_2_0;
    response.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - transfer.started);
    complete(transfer, std::move(response));
}

void HttpClient::Impl::cancel(Batch& batch)
{
    batch.cancelled = true;
    for (auto& transfer : batch.transfers) {
        if (transfer.easy != nullptr)
            release(transfer);
    }
    const auto ours = [&batch](const Transfer* transfer) { return transfer->batch == &batch; };
    std::erase_if(ready, ours);
    std::erase_if(delayed, ours);
    for (std::size_t i = 0; i < batch.results.size(); ++i) {
        if (!batch.completed[i]) {
            Error error = makeError(ErrorCode::Cancelled, "the request was cancelled");
            error.url = maskUrlCredentials(batch.requests[i].url);
            batch.results[i] = std::unexpected(std::move(error));
            batch.completed[i] = true;
            ++batch.done;
        }
    }
    batch.touched = true;
}

void HttpClient::Impl::run()
{
    std::unique_lock lock(mutex);
    while (true) {
        for (Batch* batch : batches) {
            if (!batch->cancelled && batch->done < batch->results.size() && batch->stop.stop_requested())
                cancel(*batch);
        }
        if (stopping && active == 0 && ready.empty() && delayed.empty())
            break;
        const auto now = Clock::now();
        std::erase_if(delayed, [&](Transfer* transfer) {
            if (transfer->notBefore > now)
                return false;
            ready.push_back(transfer);
            return true;
        });
        while (active < options.maxConcurrentTransfers && !ready.empty()) {
            Transfer* transfer = ready.front();
            ready.pop_front();
            start(*transfer);
        }
        lock.unlock();
        int running = 0;
        curl_multi_perform(multi, &running);
        lock.lock();
        int queued = 0;
        while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
            if (message->msg != CURLMSG_DONE)
                continue;
            Transfer* transfer = nullptr;
            curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
            if (transfer != nullptr)
                finish(*transfer, message->data.result);
        }
        // Only the callers whose batches moved are woken (and those reporting bytes as they come).
        wakeCallers(
            [this](const Batch& batch) { return batch.touched || (batch.wantsProgress && active > 0); });
        int waitMilliseconds = 1000;
        if (!ready.empty() && active < options.maxConcurrentTransfers)
            waitMilliseconds = 0;
        for (const Transfer* transfer : delayed) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(transfer->notBefore - Clock::now());
            waitMilliseconds = std::clamp(static_cast<int>(left.count()), 0, waitMilliseconds);
        }
        lock.unlock();
        curl_multi_poll(multi, nullptr, 0, waitMilliseconds, nullptr);
        lock.lock();
    }
}

HttpClient::HttpClient(HttpClientOptions options)
    : m_options(std::move(options))
    , m_impl(std::make_unique<Impl>(m_options))
{
    m_options.maxConcurrentTransfers = std::max<std::size_t>(1, m_options.maxConcurrentTransfers);
    m_options.maxAttempts = std::max(1, m_options.maxAttempts);
    if (m_options.caFile)
        m_impl->caFile = m_options.caFile->string();
    else
        m_impl->caFile = envOrEmpty("SSL_CERT_FILE");
    m_impl->caPath = envOrEmpty("SSL_CERT_DIR");
    m_impl->worker = std::thread([impl = m_impl.get()] {
        if (impl->initialise())
            impl->run();
    });
}

HttpClient::~HttpClient()
{
    {
        std::unique_lock lock(m_impl->mutex);
        m_impl->stopping = true;
        m_impl->initWanted.notify_all();
        m_impl->initDone.wait(lock, [this] { return m_impl->initialised; });
        if (m_impl->multi != nullptr)
            curl_multi_wakeup(m_impl->multi);
    }
    m_impl->worker.join();
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
    if (requests.empty())
        return {};
    // On a fiber the wait parks the fiber and frees its thread (util::FiberPool); on a thread it
    // blocks, and the thread's pool may start another meanwhile.
    util::Fiber* const fiber = util::currentFiber();
    std::optional<util::BlockingScope> waitingForTheNetwork;
    if (fiber == nullptr)
        waitingForTheNetwork.emplace();
    Batch batch;
    batch.requests = requests;
    batch.results.assign(requests.size(), std::unexpected(makeError(ErrorCode::Internal, "not run")));
    batch.completed.assign(requests.size(), false);
    batch.transfers.resize(requests.size());
    batch.stop = stop;
    batch.wantsProgress = static_cast<bool>(progress);
    batch.fiber = fiber;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        batch.transfers[i].batch = &batch;
        batch.transfers[i].request = &requests[i];
        batch.transfers[i].slot = i;
        batch.transfers[i].bytesReceived = &batch.bytesReceived;
    }

    std::unique_lock lock(m_impl->mutex);
    if (m_impl->initialised && m_impl->multi == nullptr) {
        return std::vector<Result<HttpResponse>>(
            requests.size(),
            std::unexpected(makeError(ErrorCode::Internal, "libcurl could not be initialised")));
    }
    // The batch is handed over at once, also while the transfer thread still loads libcurl: the
    // first requests leave the moment it is ready, not after their callers woke up one by one.
    if (!m_impl->wanted) {
        m_impl->wanted = true;
        m_impl->initWanted.notify_all();
    }
    m_impl->batches.push_back(&batch);
    for (auto& transfer : batch.transfers)
        m_impl->ready.push_back(&transfer);
    const auto wakeTransfers = [impl = m_impl.get()] {
        if (CURLM* made = impl->multi.load())
            curl_multi_wakeup(made);
    };
    wakeTransfers();
    std::stop_callback wakeOnStop(stop, wakeTransfers);

    HttpProgress lastProgress{.transfersTotal = requests.size()};
    // Reports what changed since the last report (the caller holds the lock, released meanwhile).
    const auto report = [&] {
        const HttpProgress current{batch.bytesReceived.load(std::memory_order_relaxed), batch.done,
                                   requests.size()};
        if (current.bytesReceived != lastProgress.bytesReceived ||
            current.transfersDone != lastProgress.transfersDone) {
            lastProgress = current;
            lock.unlock();
            progress(current);
            lock.lock();
        }
    };
    while (batch.done < requests.size()) {
        if (fiber != nullptr) {
            lock.unlock();
            fiber->park();
            lock.lock();
        } else {
            batch.changed.wait(lock);
        }
        batch.touched = false;
        if (progress)
            report();
    }
    // The last transfers may end while the caller reports an earlier state: the end is reported
    // too.
    if (progress)
        report();
    std::erase(m_impl->batches, &batch);
    lock.unlock();
    for (auto& transfer : batch.transfers)
        curl_slist_free_all(transfer.headerList);
    return std::move(batch.results);
}

} // namespace pindex::index
