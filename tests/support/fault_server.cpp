#include "tests/support/fault_server.h"

#include <arpa/inet.h>
#include <array>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace pindex::test {
namespace {

constexpr int kNoTimeout = -1;

// Sends all of `data` unless the peer is gone; false when it is.
bool sendAll(int connection, std::string_view data)
{
    while (!data.empty()) {
        const ssize_t sent = ::send(connection, data.data(), data.size(), MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent <= 0)
            return false;
        data.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
}

std::string headers(int status, std::string_view reason, const std::vector<std::string>& fields)
{
    std::string text = "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) + "\r\n";
    for (const auto& field : fields)
        text += field + "\r\n";
    text += "Connection: close\r\n\r\n";
    return text;
}

// Reads the request head into `head`; returns the path, or an empty string when the peer sent
// nothing usable.
std::string readRequestPath(int connection, std::string& head)
{
    std::array<char, 4096> buffer{};
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < 65536) {
        const ssize_t got = ::recv(connection, buffer.data(), buffer.size(), 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return {};
        head.append(buffer.data(), static_cast<std::size_t>(got));
    }
    const auto firstSpace = head.find(' ');
    const auto secondSpace = head.find(' ', firstSpace + 1);
    if (firstSpace == std::string::npos || secondSpace == std::string::npos)
        return {};
    return head.substr(firstSpace + 1, secondSpace - firstSpace - 1);
}

// The number right after `prefix` in `path` ("/flaky/3/demo/" -> 3).
std::size_t numberAfter(const std::string& path, std::size_t prefix)
{
    std::size_t value = 0;
    for (std::size_t i = prefix; i < path.size() && path[i] >= '0' && path[i] <= '9'; ++i)
        value = value * 10 + static_cast<std::size_t>(path[i] - '0');
    return value;
}

bool matches(const std::string& path, const std::string& fault)
{
    return path == fault || path.starts_with(fault + "/");
}

void resetConnection(int connection)
{
    linger option{};
    option.l_onoff = 1;
    option.l_linger = 0;
    ::setsockopt(connection, SOL_SOCKET, SO_LINGER, &option, sizeof option);
}

} // namespace

FaultServer::FaultServer()
{
    m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_listener < 0)
        throw std::runtime_error("FaultServer: socket failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || // NOLINT
        ::listen(m_listener, 64) != 0)
        throw std::runtime_error("FaultServer: bind/listen failed");
    socklen_t length = sizeof address;
    ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length); // NOLINT
    m_port = ntohs(address.sin_port);
    std::array<int, 2> pipe{};
    if (::pipe2(pipe.data(), O_CLOEXEC) != 0)
        throw std::runtime_error("FaultServer: pipe failed");
    m_wakeRead = pipe[0];
    m_wakeWrite = pipe[1];
    m_acceptor = std::thread([this] { acceptLoop(); });
}

FaultServer::~FaultServer()
{
    m_stopping = true;
    const char byte = 'x';
    (void)!::write(m_wakeWrite, &byte, 1);
    m_acceptor.join();
    std::vector<std::thread> connections;
    {
        std::lock_guard lock(m_mutex);
        connections.swap(m_connections);
    }
    for (auto& connection : connections)
        connection.join();
    ::close(m_listener);
    ::close(m_wakeRead);
    ::close(m_wakeWrite);
}

std::string FaultServer::url(std::string_view path) const
{
    return "http://127.0.0.1:" + std::to_string(m_port) + std::string(path);
}

std::size_t FaultServer::requestCount(const std::string& path) const
{
    std::lock_guard lock(m_mutex);
    const auto found = m_requests.find(path);
    return found == m_requests.end() ? 0 : found->second;
}

std::vector<std::string> FaultServer::requestHeads() const
{
    std::lock_guard lock(m_mutex);
    return m_heads;
}

bool FaultServer::waitForRequests(std::size_t count, std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(m_mutex);
    return m_requestRead.wait_for(lock, timeout, [&] { return m_heads.size() >= count; });
}

void FaultServer::acceptLoop()
{
    while (!stopping()) {
        std::array<pollfd, 2> fds{{{m_listener, POLLIN, 0}, {m_wakeRead, POLLIN, 0}}};
        if (::poll(fds.data(), fds.size(), kNoTimeout) < 0 && errno != EINTR)
            return;
        if (fds[1].revents != 0 || stopping())
            return;
        if ((fds[0].revents & POLLIN) == 0)
            continue;
        const int connection = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (connection < 0)
            continue;
        std::lock_guard lock(m_mutex);
        m_connections.emplace_back([this, connection] {
            serve(connection);
            ::close(connection);
        });
    }
}

bool FaultServer::waitWritable(int connection, int timeoutMilliseconds) const
{
    std::array<pollfd, 2> fds{{{connection, POLLOUT, 0}, {m_wakeRead, POLLIN, 0}}};
    const int ready = ::poll(fds.data(), fds.size(), timeoutMilliseconds);
    if (stopping() || fds[1].revents != 0)
        return false;
    if ((fds[0].revents & (POLLERR | POLLHUP)) != 0)
        return false;
    return ready >= 0;
}

void FaultServer::serve(int connection)
{
    std::string head;
    const std::string path = readRequestPath(connection, head);
    if (path.empty())
        return;
    std::size_t seen = 0;
    {
        std::lock_guard lock(m_mutex);
        seen = ++m_requests[path];
        m_heads.push_back(head.substr(0, head.find("\r\n\r\n")));
    }
    m_requestRead.notify_all();
    const std::string block(16384, 'a');

    if (path.starts_with("/ok/")) {
        const std::size_t size = std::stoul(path.substr(4));
        (void)sendAll(connection, headers(200, "OK", {"Content-Length: " + std::to_string(size)}) +
                                      std::string(size, 'a'));
    } else if (path == "/slow") {
        if (!sendAll(connection, headers(200, "OK", {"Content-Length: 16"})))
            return;
        for (int i = 0; i < 16; ++i) {
            // Pacing the bytes is the fault under test, not a synchronisation.
            std::array<pollfd, 1> wake{{{m_wakeRead, POLLIN, 0}}};
            if (::poll(wake.data(), wake.size(), 100) != 0 || !sendAll(connection, "a"))
                return;
        }
    } else if (matches(path, "/stall")) {
        if (!sendAll(connection, headers(200, "OK", {"Content-Length: 1000"}) + std::string(10, 'a')))
            return;
        // Nothing more until the client hangs up or the server stops.
        std::array<pollfd, 2> fds{{{connection, POLLIN, 0}, {m_wakeRead, POLLIN, 0}}};
        (void)::poll(fds.data(), fds.size(), kNoTimeout);
    } else if (matches(path, "/reset")) {
        (void)sendAll(connection, headers(200, "OK", {"Content-Length: 100000"}) + std::string(1000, 'a'));
        resetConnection(connection);
    } else if (path == "/truncated") {
        (void)sendAll(connection, headers(200, "OK", {"Content-Length: 100000"}) + std::string(1000, 'a'));
    } else if (path == "/short-length") {
        (void)sendAll(connection, headers(200, "OK", {"Content-Length: 10"}) + std::string(1000, 'a'));
    } else if (path == "/endless" || path == "/huge") {
        const std::vector<std::string> fields = path == "/huge"
                                                    ? std::vector<std::string>{"Content-Length: 8589934592"}
                                                    : std::vector<std::string>{};
        if (!sendAll(connection, headers(200, "OK", fields)))
            return;
        while (waitWritable(connection, kNoTimeout) && sendAll(connection, block)) {
        }
    } else if (path == "/invalid-utf8") {
        const std::string page = "<html><body><a href=\"pkg-1.0-py3-none-any.whl#sha256=00\" "
                                 "data-requires-python=\"&gt;=3.8\xff\xfe\">pkg-1.0\xc3\x28.whl</a>"
                                 "<a href=\"pkg-\xe2\x82-2.0.tar.gz\">x</a></body></html>";
        (void)sendAll(connection,
                      headers(200, "OK",
                              {"Content-Type: text/html", "Content-Length: " + std::to_string(page.size())}) +
                          page);
    } else if (path == "/redirect-loop") {
        (void)sendAll(connection, headers(302, "Found", {"Location: /redirect-loop", "Content-Length: 0"}));
    } else if (path.starts_with("/retry-after/")) {
        if (seen == 1)
            (void)sendAll(connection, headers(429, "Too Many Requests",
                                              {"Retry-After: " + std::to_string(numberAfter(path, 13)),
                                               "Content-Length: 0"}));
        else
            (void)sendAll(connection, headers(200, "OK", {"Content-Length: 2"}) + "ok");
    } else if (path.starts_with("/flaky/")) {
        if (seen <= numberAfter(path, 7))
            resetConnection(connection);
        else
            (void)sendAll(connection, headers(200, "OK", {"Content-Length: 2"}) + "ok");
    } else if (path.starts_with("/status/")) {
        const auto status = static_cast<int>(numberAfter(path, 8));
        std::vector<std::string> fields{"Content-Type: text/plain", "Content-Length: 6"};
        if (status == 401)
            fields.emplace_back("WWW-Authenticate: Basic realm=\"fault\"");
        (void)sendAll(connection, headers(status, "Fault", fields) + "denied");
    } else if (path.starts_with("/redirect-to/")) {
        const auto port = numberAfter(path, 13);
        const auto rest = path.find('/', 13);
        (void)sendAll(connection, headers(302, "Found",
                                          {"Location: http://localhost:" + std::to_string(port) +
                                               (rest == std::string::npos ? "/" : path.substr(rest)),
                                           "Content-Length: 0"}));
    } else {
        (void)sendAll(connection, headers(404, "Not Found", {"Content-Length: 0"}));
    }
}

} // namespace pindex::test
