#include <arpa/inet.h>
#include <chrono>
#include <fstream>
#include <netinet/in.h>
#include <poll.h>
#include <span>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "core/index/index_client.h"
#include "core/index/index_set.h"
#include "tests/integration/index/index_test_support.h"
#include "tests/support/nginx_fixture.h"

using namespace pindex;
using namespace pindex::index;

namespace {

// The tiny scenario's index served by nginx, an empty cache and an HTTP client: where the cache
// tests start.
struct TinyIndexWithCache
{
    static test::NginxOptions served(const test::TempDir& dir)
    {
        test::generateIndex(dir / "out", {test::writeTinyScenario(dir.path())});
        return {.root = dir / "out/pypi"};
    }

    test::TempDir dir;
    test::NginxFixture server{served(dir)};
    test::TempDir cacheDir;
    HttpCache cache{cacheDir.path()};
    HttpClient http;
};

// A one-shot HTTP server on loopback: the first connection gets a response whose body is cut off
// after 10 of its 100 bytes, the second the whole response. Accepts wait on poll with a deadline.
class InterruptingServer
{
public:
    InterruptingServer()
    {
        m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        auto* generic = reinterpret_cast<sockaddr*>(&address);
        if (::bind(m_listener, generic, sizeof(address)) != 0 || ::listen(m_listener, 8) != 0 ||
            ::getsockname(m_listener, generic, &length) != 0)
            throw std::runtime_error("cannot listen on loopback");
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~InterruptingServer()
    {
        m_thread.join();
        ::close(m_listener);
    }
    InterruptingServer(const InterruptingServer&) = delete;
    InterruptingServer& operator=(const InterruptingServer&) = delete;

    [[nodiscard]] std::string url() const
    {
        return "http://127.0.0.1:" + std::to_string(m_port) + "/simple/";
    }
    [[nodiscard]] int connections() const { return m_connections; }

private:
    void serve()
    {
        const std::string body = "<html><body><a href=\"/f/demo-1.0.tar.gz#sha256=aa\">demo-1.0.tar.gz</a>";
        const std::string padded = body + std::string(100 - body.size(), ' ');
        const std::string head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n"
                                 "Connection: close\r\n\r\n";
        for (int round = 0; round < 2; ++round) {
            pollfd wait{m_listener, POLLIN, 0};
            if (::poll(&wait, 1, 10000) <= 0)
                return;
            const int connection = ::accept(m_listener, nullptr, nullptr);
            if (connection < 0)
                return;
            ++m_connections;
            std::string request;
            char buffer[4096];
            while (request.find("\r\n\r\n") == std::string::npos) {
                const auto received = ::recv(connection, buffer, sizeof(buffer), 0);
                if (received <= 0)
                    break;
                request.append(buffer, static_cast<std::size_t>(received));
            }
            const std::string response = head + (round == 0 ? padded.substr(0, 10) : padded);
            [[maybe_unused]] const auto sent =
                ::send(connection, response.data(), response.size(), MSG_NOSIGNAL);
            ::close(connection);
        }
    }

    int m_listener = -1;
    unsigned short m_port = 0;
    std::atomic<int> m_connections{0};
    std::thread m_thread;
};

} // namespace

TEST_CASE("An interrupted transfer is retried and the second attempt's answer is used",
          "[index][http][retry]")
{
    InterruptingServer server;
    HttpClient http({.maxAttempts = 3, .retryBaseDelay = std::chrono::milliseconds(10)});
    IndexClient client({.name = "flaky", .url = server.url()}, {.http = &http});
    const auto page = client.projectPage("demo");
    INFO((page ? std::string() : page.error().describe()));
    REQUIRE(page);
    REQUIRE(page->has_value());
    REQUIRE((*page)->files.size() == 1);
    CHECK((*page)->files.front().filename == "demo-1.0.tar.gz");
    CHECK(server.connections() == 2);
    CHECK(client.stats().requests == 2);
}

TEST_CASE_METHOD(TinyIndexWithCache,
                 "A second run revalidates cached pages with conditional requests answered 304",
                 "[index][cache]")
{
    const std::vector<std::string> projects = {"tinypkg", "otherpkg"};
    {
        IndexClient firstRun({.name = "pypi", .url = server.url("/simple/")},
                             {.http = &http, .cache = &cache});
        const auto pages = firstRun.projectPages(projects);
        for (const auto& page : pages) {
            REQUIRE(page);
            REQUIRE(page->has_value());
        }
    }
    CHECK(server.waitForRequestCount(2) == 2);
    IndexClient secondRun({.name = "pypi", .url = server.url("/simple/")}, {.http = &http, .cache = &cache});
    const auto pages = secondRun.projectPages(projects);
    for (const auto& page : pages) {
        REQUIRE(page);
        REQUIRE(page->has_value());
        CHECK((*page)->format == ApiFormat::Json);
    }
    CHECK(secondRun.stats().notModified == 2);
    CHECK(server.waitForRequestCount(4) == 4);
    CHECK(test::countLogged(test::logLines(server.accessLog()), "/simple/", "\" 304 ") == 2);

    // The cache never holds the index's credentials or anything but masked URLs.
    for (const auto& entry : std::filesystem::recursive_directory_iterator(cacheDir.path())) {
        if (entry.is_regular_file())
            CHECK(entry.path().filename().string().size() == 64);
    }
}

TEST_CASE_METHOD(
    TinyIndexWithCache,
    "A cache-control override makes a second run send no request at all, offline mode none either",
    "[index][cache]")
{
    const IndexConfig config{.name = "pypi", .url = server.url("/simple/"), .apiCacheControl = "max-age=600"};
    {
        IndexClient firstRun(config, {.http = &http, .cache = &cache});
        const auto page = firstRun.projectPage("tinypkg");
        REQUIRE(page);
        REQUIRE(page->has_value());
        const auto metadata = firstRun.coreMetadata((*page)->files.back());
        REQUIRE(metadata);
    }
    CHECK(server.waitForRequestCount(2) == 2);
    IndexClient secondRun(config, {.http = &http, .cache = &cache});
    const auto page = secondRun.projectPage("tinypkg");
    REQUIRE(page);
    REQUIRE(page->has_value());
    CHECK(secondRun.coreMetadata((*page)->files.back()));
    CHECK(secondRun.stats().requests == 0);
    CHECK(secondRun.stats().cacheHits == 2);

    IndexClient offline({.name = "pypi", .url = server.url("/simple/")},
                        {.http = &http, .cache = &cache, .offline = true});
    const auto cached = offline.projectPage("tinypkg");
    REQUIRE(cached);
    CHECK(cached->has_value());
    const auto uncached = offline.projectPage("otherpkg");
    REQUIRE_FALSE(uncached);
    CHECK(uncached.error().code == ErrorCode::Network);
    CHECK(uncached.error().message.find("offline") != std::string::npos);
    CHECK(server.requestCount() == 2);
}

TEST_CASE("Cancelling stops every transfer in flight with a Cancelled error", "[index][http]")
{
    test::TempDir dir;
    test::generateIndex(dir / "out", {test::writeTinyScenario(dir.path())});
    test::NginxFixture server({.root = dir / "out/pypi"});
    HttpClient http;
    std::stop_source stop;
    stop.request_stop();
    std::vector<HttpRequest> requests(5, HttpRequest{.url = server.url("/simple/tinypkg/")});
    const auto results = http.getAll(requests, stop.get_token());
    REQUIRE(results.size() == 5);
    for (const auto& result : results) {
        REQUIRE_FALSE(result);
        CHECK(result.error().code == ErrorCode::Cancelled);
    }
}

TEST_CASE("Many requests run concurrently over reused connections and report progress", "[index][http]")
{
    test::TempDir dir;
    test::generateIndex(dir / "out", {test::writeTinyScenario(dir.path())});
    test::NginxFixture server({.root = dir / "out/pypi"});
    HttpClient http({.maxConcurrentTransfers = 4});
    std::vector<HttpRequest> requests;
    for (int i = 0; i < 40; ++i)
        requests.push_back({.url = server.url(i % 2 == 0 ? "/simple/tinypkg/" : "/simple/otherpkg/")});
    std::size_t lastDone = 0;
    std::uint64_t lastBytes = 0;
    const auto results = http.getAll(requests, {}, [&](const HttpProgress& progress) {
        CHECK(progress.transfersTotal == 40);
        CHECK(progress.transfersDone >= lastDone);
        lastDone = progress.transfersDone;
        lastBytes = progress.bytesReceived;
    });
    for (const auto& result : results) {
        REQUIRE(result);
        CHECK(result->status == 200);
    }
    CHECK(lastDone == 40);
    CHECK(lastBytes > 0);
    CHECK(server.waitForRequestCount(40) == 40);
}

TEST_CASE("A large body whose length the server announces is received into one buffer of that size, "
          "with room for a parser's padding",
          "[index][http]")
{
    test::TempDir dir;
    // 600 KB arrives in dozens of reads; growing the body as they came would end in a buffer of
    // 1 MiB after copying it ten times over.
    std::string content;
    for (int line = 0; content.size() < 600'000; ++line)
        content += "line " + std::to_string(line) + " of a large project page\n";
    std::filesystem::create_directories(dir / "www");
    {
        std::ofstream file(dir / "www/large.txt", std::ios::binary);
        file << content;
    }
    test::NginxFixture server({.root = dir / "www"});
    HttpClient http;
    const auto response = http.get({.url = server.url("/large.txt")});
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(response->body == content);
    CHECK(response->body.capacity() == content.size() + kBodySlack);
}

namespace {

// The files of a page, each as its reader completes it (a summary's from the page's text).
std::vector<DistributionFile> completedFiles(const ProjectPage& page)
{
    std::vector<DistributionFile> files;
    for (std::size_t i = 0; i < page.files.size(); ++i) {
        if (!page.text) {
            files.push_back(page.files[i]);
            continue;
        }
        auto complete = page.text->complete(page.entries[i]);
        REQUIRE(complete);
        files.push_back(std::move(*complete));
    }
    return files;
}

void checkSameFiles(const std::vector<DistributionFile>& summary, const std::vector<DistributionFile>& full)
{
    REQUIRE(summary.size() == full.size());
    for (std::size_t i = 0; i < full.size(); ++i) {
        CHECK(summary[i].filename == full[i].filename);
        CHECK(summary[i].url == full[i].url);
        CHECK(summary[i].hashes == full[i].hashes);
        CHECK(summary[i].coreMetadataHashes == full[i].coreMetadataHashes);
        CHECK(summary[i].yankedReason == full[i].yankedReason);
        CHECK(summary[i].size == full[i].size);
    }
}

} // namespace

TEST_CASE_METHOD(
    TinyIndexWithCache,
    "Pages read in summary, from the network, a 304 and a fresh cache entry, complete to the same files, "
    "and the cache keeps them whole",
    "[index][cache][summary]")
{
    const std::vector<std::string> projects = {"tinypkg", "otherpkg"};
    IndexClient reference({.name = "pypi", .url = server.url("/simple/")}, {.http = &http});
    const auto full = reference.projectPages(projects);

    const auto summarize = [&](const IndexConfig& config) {
        IndexClient client(config, {.http = &http, .cache = &cache});
        auto pages = client.projectPages(projects, {}, {}, PageDetail::Summary);
        for (std::size_t k = 0; k < projects.size(); ++k) {
            REQUIRE(pages[k]);
            REQUIRE(pages[k]->has_value());
            const ProjectPage& page = **pages[k];
            CHECK(page.text != nullptr);
            checkSameFiles(completedFiles(page), (*full[k])->files);
        }
        return client.stats();
    };
    const IndexConfig config{.name = "pypi", .url = server.url("/simple/")};
    summarize(config);                         // 200: read in summary, stored whole
    CHECK(summarize(config).notModified == 2); // 304: the cached body in summary
    auto fresh = config;
    fresh.apiCacheControl = "max-age=600";
    CHECK(summarize(fresh).pagesFromCache == 2); // fresh: no request, the cached body in summary
    IndexClient fromCache(fresh, {.http = &http, .cache = &cache});
    const auto whole = fromCache.projectPages(projects); // what the cache kept reads whole again
    for (std::size_t k = 0; k < projects.size(); ++k) {
        REQUIRE(whole[k]);
        REQUIRE(whole[k]->has_value());
        CHECK((*whole[k])->text == nullptr);
        checkSameFiles((*whole[k])->files, (*full[k])->files);
    }

    // Candidates read in summary complete their files themselves, and their metadata comes through.
    IndexSet set({&reference}, IndexStrategy::FirstIndex, {});
    auto found = set.candidatesAll(projects, {}, PageDetail::Summary);
    REQUIRE(found[0]);
    REQUIRE_FALSE(found[0]->candidates.empty());
    const auto& newest = found[0]->candidates.front();
    REQUIRE(newest.page != nullptr);
    CHECK(newest.file.url.empty());
    const auto completed = newest.completeFile();
    REQUIRE(completed);
    CHECK(completed->url.starts_with(server.url("/files/")));
    const auto metadata = set.coreMetadataAll(std::span(&newest, 1));
    REQUIRE(metadata[0]);
    CHECK(metadata[0]->starts_with("Metadata-Version:"));
}
