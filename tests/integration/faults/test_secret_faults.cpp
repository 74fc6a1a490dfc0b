// Secrets through every fault: an index client holding a distinctive password (in the index URL,
// or from UV_INDEX_* variables with authenticate = "always") meets each misbehaving server of
// tests/support/fault_server.h: 401 and 403 answers to its credentials, a redirect to another host,
// connection resets before and during the answer, 429 with a long Retry-After, and a server whose
// TLS certificate is not trusted. Each request fails (or is answered) with an error that holds
// neither the secret nor the Authorization header in any encoding, the cache holds neither, and
// the host redirected to never receives the credentials. A second test kills a client with a
// signal that dumps core, in the middle of a request carrying the secret: no core file is written
// (and, as a control, a client without the protection does leave one holding the secret).

#include <array>
#include <cctype>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <catch2/catch.hpp>

#include "core/auth/environment_provider.h"
#include "core/index/http_cache.h"
#include "core/index/http_client.h"
#include "core/index/index_client.h"
#include "core/util/file_io.h"
#include "tests/support/fault_server.h"
#include "tests/support/nginx_fixture.h"
#include "tests/support/temp_dir.h"

extern char** environ;

using namespace pindex;
using pindex::test::FaultServer;
namespace fs = std::filesystem;

namespace {

// No ':' (it ends a password in the nginx fixture's htpasswd file); characters that URL encoding
// and base64 treat differently.
const std::string kUser = "alice";
const std::string kSecret = "Fault=Canary/8d2e+Wq7";
const std::string kSecretInUrl = "Fault%3DCanary%2F8d2e%2BWq7";

std::string base64(std::string_view data)
{
    static constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        const auto n = (static_cast<unsigned>(static_cast<unsigned char>(data[i])) << 16U) |
                       (static_cast<unsigned>(static_cast<unsigned char>(data[i + 1])) << 8U) |
                       static_cast<unsigned>(static_cast<unsigned char>(data[i + 2]));
        for (const unsigned shift : {18U, 12U, 6U, 0U})
            out += kAlphabet[(n >> shift) & 63U];
    }
    if (i < data.size()) {
        unsigned n = static_cast<unsigned>(static_cast<unsigned char>(data[i])) << 16U;
        if (i + 1 < data.size())
            n |= static_cast<unsigned>(static_cast<unsigned char>(data[i + 1])) << 8U;
        out += kAlphabet[(n >> 18U) & 63U];
        out += kAlphabet[(n >> 12U) & 63U];
        out += i + 1 < data.size() ? kAlphabet[(n >> 6U) & 63U] : '=';
        out += '=';
    }
    return out;
}

// The secret in every form a leak could take.
std::vector<std::string> forbiddenForms()
{
    return {kSecret, kSecretInUrl, base64(kSecret), base64(kUser + ":" + kSecret)};
}

std::string leakIn(const std::string& text)
{
    for (const auto& form : forbiddenForms())
        if (text.find(form) != std::string::npos)
            return form;
    return {};
}

std::string everything(const Error& error)
{
    return error.describe() + "\n" + error.message + "\n" + error.hint + "\n" + error.url + "\n" +
           error.indexName;
}

// Every file under `root` that holds the secret in some form, or the word Authorization.
std::vector<std::string> leakingFiles(const fs::path& root)
{
    std::vector<std::string> leaking;
    if (!fs::exists(root))
        return leaking;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file())
            continue;
        const auto text = readFile(entry.path()).value_or("");
        if (!leakIn(text).empty() || text.find("uthorization: Basic") != std::string::npos)
            leaking.push_back(entry.path().string());
    }
    return leaking;
}

bool sentCredentials(const std::vector<std::string>& heads)
{
    const std::string header = "Authorization: Basic " + base64(kUser + ":" + kSecret);
    for (const auto& head : heads)
        if (head.find(header) != std::string::npos)
            return true;
    return false;
}

bool anyAuthorization(const std::vector<std::string>& heads)
{
    for (auto head : heads) {
        for (auto& c : head)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (head.find("\nauthorization:") != std::string::npos)
            return true;
    }
    return false;
}

index::HttpClientOptions quickOptions()
{
    index::HttpClientOptions options;
    options.retryBaseDelay = std::chrono::milliseconds(10);
    options.maxAttempts = 2;
    options.stallTimeoutSeconds = 2;
    return options;
}

enum class Carrier { Url, Environment };

// Asks `url` (an index base URL) for a project page with the secret in use; returns the error
// text, empty when the request succeeded.
std::string askWithSecret(const std::string& url, Carrier carrier, const fs::path& cacheRoot,
                          const index::HttpClientOptions& options = quickOptions())
{
    index::HttpClient http(options);
    const index::HttpCache cache(cacheRoot);
    auth::EnvironmentProvider environment([](const std::string& name) -> std::optional<std::string> {
        if (name == "UV_INDEX_FAULT_USERNAME")
            return kUser;
        if (name == "UV_INDEX_FAULT_PASSWORD")
            return kSecret;
        return std::nullopt;
    });
    index::IndexConfig config{.name = "fault", .url = url};
    if (carrier == Carrier::Url) {
        const auto scheme = config.url.find("://") + 3;
        config.url.insert(scheme, kUser + ":" + kSecretInUrl + "@");
    } else {
        config.authenticate = index::AuthenticateMode::Always;
    }
    index::IndexClient client(config, {.http = &http, .cache = &cache, .credentials = &environment});
    const auto page = client.projectPage("demo");
    return page ? std::string() : everything(page.error());
}

} // namespace

TEST_CASE("no fault case leaks the secret into an error, the cache or another host", "[faults][leak]")
{
    const auto carrier = GENERATE(Carrier::Url, Carrier::Environment);
    const std::string path = GENERATE(as<std::string>{}, "/status/401/", "/status/403/", "/redirect-to/",
                                      "/reset/", "/flaky/100/", "/retry-after/3600/");
    INFO((carrier == Carrier::Url ? "credentials in the URL, " : "credentials from the environment, ")
         << path);
    FaultServer server;
    FaultServer elsewhere; // the other host a redirect points to
    pindex::test::TempDir cache("pindex-secret-faults");
    const std::string url = path == "/redirect-to/"
                                ? server.url(path + std::to_string(elsewhere.port()) + "/simple/")
                                : server.url(path);

    const std::string error = askWithSecret(url, carrier, cache.path());
    INFO(error);
    if (path != "/redirect-to/")
        CHECK_FALSE(error.empty()); // every fault but the redirect (to a 404: "not here") fails
    CHECK(leakIn(error).empty());
    CHECK(error.find("uthorization") == std::string::npos);
    CHECK(leakingFiles(cache.path()).empty());
    // The secret was really in use, and went nowhere else.
    CHECK(sentCredentials(server.requestHeads()));
    CHECK_FALSE(anyAuthorization(elsewhere.requestHeads()));
    if (path == "/redirect-to/")
        CHECK_FALSE(elsewhere.requestHeads().empty());
}

TEST_CASE("a TLS failure with credentials in use leaks no secret", "[faults][leak]")
{
    const auto carrier = GENERATE(Carrier::Url, Carrier::Environment);
    pindex::test::TempDir root("pindex-secret-tls");
    fs::create_directories(root / "simple" / "demo");
    std::ofstream(root / "simple" / "demo" / "index.html") << "<html><body></body></html>\n";
    pindex::test::NginxFixture nginx(
        {.root = root.path(), .basicAuth = pindex::test::BasicAuthUser{kUser, kSecret}, .tls = true});
    pindex::test::TempDir cache("pindex-secret-tls-cache");
    const std::string error = askWithSecret(nginx.url("/simple/"), carrier, cache.path());
    INFO(error);
    CHECK_FALSE(error.empty());
    CHECK(leakIn(error).empty());
    CHECK(leakingFiles(cache.path()).empty());
}

namespace {

struct Crash
{
    bool dumped = false;      // the kernel reports a core dump (WCOREDUMP)
    std::string coreContents; // the core file left in the working directory, if any
};

// Runs the secret client against a stalling server with core dumps allowed (RLIMIT_CORE raised for
// the child), waits until its request (carrying the secret) has arrived, then crashes it with
// SIGSEGV.
Crash crashMidRequest(const fs::path& workingDirectory, bool protectedClient)
{
    FaultServer server;
    std::string url = server.url("/stall/");
    url.insert(url.find("://") + 3, kUser + ":" + kSecretInUrl + "@");

    rlimit previous{};
    REQUIRE(::getrlimit(RLIMIT_CORE, &previous) == 0);
    const rlimit unlimited{previous.rlim_max, previous.rlim_max};
    REQUIRE(::setrlimit(RLIMIT_CORE, &unlimited) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addchdir_np(&actions, workingDirectory.c_str());
    const std::string program = PINDEX_SECRET_CLIENT;
    std::string unprotected = "--unprotected";
    std::vector<char*> argv{const_cast<char*>(program.c_str()), url.data()};
    if (!protectedClient)
        argv.push_back(unprotected.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int spawned = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(::setrlimit(RLIMIT_CORE, &previous) == 0);
    REQUIRE(spawned == 0);

    const bool arrived = server.waitForRequests(1, std::chrono::seconds(60));
    ::kill(pid, SIGSEGV);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(arrived);
    REQUIRE(sentCredentials(server.requestHeads())); // the secret was in use when it crashed
    REQUIRE(WIFSIGNALED(status));
    Crash crash;
    crash.dumped = WCOREDUMP(status);
    for (const auto& entry : fs::directory_iterator(workingDirectory))
        if (entry.path().filename().string().starts_with("core"))
            crash.coreContents += readFile(entry.path()).value_or("");
    return crash;
}

std::string corePattern()
{
    auto pattern = readFile("/proc/sys/kernel/core_pattern").value_or("");
    while (!pattern.empty() && pattern.back() == '\n')
        pattern.pop_back();
    return pattern;
}

} // namespace

TEST_CASE("a client crashing mid-request with the secret in use leaves no core dump", "[faults][leak]")
{
    pindex::test::TempDir dir("pindex-secret-crash");
    fs::create_directories(dir / "protected");
    fs::create_directories(dir / "control");

    const auto crash = crashMidRequest(dir / "protected", true);
    CHECK_FALSE(crash.dumped);
    CHECK(crash.coreContents.empty());

    // The control: the same client without the protection. Where the system writes core files
    // into the working directory, it leaves one, and the secret is in it: what the protection
    // prevents is real.
    const auto control = crashMidRequest(dir / "control", false);
    const auto pattern = corePattern();
    rlimit limit{};
    REQUIRE(::getrlimit(RLIMIT_CORE, &limit) == 0);
    if (limit.rlim_max == 0 || pattern.empty() || pattern.front() == '|' ||
        pattern.find('/') != std::string::npos) {
        WARN("core_pattern is `" << pattern << "`: the control's core file is not looked for");
        return;
    }
    CHECK(control.dumped);
    REQUIRE_FALSE(control.coreContents.empty());
    CHECK_FALSE(leakIn(control.coreContents).empty());
}
