#pragma once

// A real nginx serving a directory on 127.0.0.1 for one test, optionally behind HTTP basic auth.
//
// The fixture binds a free loopback port itself and hands the listening socket to nginx (nginx's
// inherited-socket mechanism), so there is no port race and no readiness polling: connections
// queue on the socket until nginx accepts them. nginx runs in the foreground as a child process;
// the destructor stops it and removes its working directory, also when the test failed. The child
// also dies with the test process (PR_SET_PDEATHSIG).
//
// Requests to a directory negotiate PEP 691: `Accept: application/vnd.pypi.simple.v1+json`
// serves index.json, anything else index.html.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

#include "tests/support/temp_dir.h"

namespace pindex::test {

struct BasicAuthUser
{
    std::string username;
    std::string password;
};

struct NginxOptions
{
    std::filesystem::path root;             // directory served at "/"
    std::optional<BasicAuthUser> basicAuth; // protect every location
    std::string extraServerConfig;          // appended inside the server block
    // Serve HTTPS with a fresh self-signed certificate for 127.0.0.1 (certificate() names it, for a
    // client that should trust it).
    bool tls = false;
};

class NginxFixture
{
public:
    explicit NginxFixture(NginxOptions options);
    ~NginxFixture();
    NginxFixture(const NginxFixture&) = delete;
    NginxFixture& operator=(const NginxFixture&) = delete;

    [[nodiscard]] unsigned short port() const { return m_port; }
    // The self-signed certificate of a TLS fixture (PEM).
    [[nodiscard]] std::filesystem::path certificate() const { return m_work / "cert.pem"; }
    // "http://127.0.0.1:PORT" or "https://..." (no trailing slash).
    [[nodiscard]] std::string baseUrl() const;
    [[nodiscard]] std::string url(std::string_view path) const;
    [[nodiscard]] std::filesystem::path accessLog() const;
    // Number of requests logged so far. nginx logs a request just after sending its response, so a
    // client may see the response first: use waitForRequestCount to count what a test just did.
    [[nodiscard]] std::size_t requestCount() const;
    // Waits (on inotify, not by sleeping) until at least `count` requests are logged or the
    // timeout passes; returns the number logged then.
    [[nodiscard]] std::size_t waitForRequestCount(std::size_t count, int timeoutMilliseconds = 5000) const;
    [[nodiscard]] std::string errorLogText() const;

private:
    TempDir m_work{"pindex-nginx"};
    unsigned short m_port = 0;
    pid_t m_pid = -1;
    bool m_tls = false;
};

// Runs tests/tools/make_index.py over `inputs` into `out` (throws with its output on failure).
void generateIndex(const std::filesystem::path& out, const std::vector<std::filesystem::path>& inputs,
                   const std::vector<std::string>& extraArguments = {});

} // namespace pindex::test
