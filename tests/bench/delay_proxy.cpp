// pindex-delay-proxy: a loopback TCP proxy that delays every request by a fixed time, to emulate a
// remote index in the resolver benchmark (the same contract as delay_proxy.py, with a precise
// timer: a thread per direction sleeps until each chunk is due, so the proxy adds microseconds, not
// the milliseconds a Python event loop adds under load).
//
// Usage: pindex-delay-proxy UPSTREAM_PORT DELAY_MS
//
// Listens on a free port of 127.0.0.1 and prints "listening PORT" once it accepts connections.
// Every client connection gets its own upstream connection to 127.0.0.1:UPSTREAM_PORT. Bytes from
// the client reach the upstream DELAY_MS after they arrived (a delay line, order kept); answers
// flow back at once. Stops on SIGTERM or SIGINT.

#include <arpa/inet.h>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include <mutex>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Connection
{
    int client = -1;
    int upstream = -1;
    std::mutex mutex;
    std::condition_variable ready;
    std::deque<std::pair<Clock::time_point, std::string>> queue; // an empty chunk: end of input
    ~Connection()
    {
        close(client);
        close(upstream);
    }
};

bool writeAll(int fd, const char* data, std::size_t size)
{
    while (size > 0) {
        const auto written = send(fd, data, size, MSG_NOSIGNAL);
        if (written <= 0)
            return false;
        data += written;
        size -= static_cast<std::size_t>(written);
    }
    return true;
}

void noDelay(int fd)
{
    const int on = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

// Client to upstream: each chunk is stamped when it arrives...
void receive(const std::shared_ptr<Connection>& connection, Clock::duration delay)
{
    std::vector<char> buffer(65536);
    while (true) {
        const auto got = recv(connection->client, buffer.data(), buffer.size(), 0);
        {
            std::lock_guard lock(connection->mutex);
            connection->queue.emplace_back(Clock::now() + delay,
                                           got > 0 ? std::string(buffer.data(), static_cast<std::size_t>(got))
                                                   : std::string());
        }
        connection->ready.notify_one();
        if (got <= 0)
            return;
    }
}

// ...and forwarded when it is due.
void forwardDelayed(const std::shared_ptr<Connection>& connection)
{
    while (true) {
        std::pair<Clock::time_point, std::string> chunk;
        {
            std::unique_lock lock(connection->mutex);
            connection->ready.wait(lock, [&] { return !connection->queue.empty(); });
            chunk = std::move(connection->queue.front());
            connection->queue.pop_front();
        }
        std::this_thread::sleep_until(chunk.first);
        if (chunk.second.empty() ||
            !writeAll(connection->upstream, chunk.second.data(), chunk.second.size())) {
            shutdown(connection->upstream, SHUT_WR);
            return;
        }
    }
}

// Upstream to client, at once.
void forwardBack(const std::shared_ptr<Connection>& connection)
{
    std::vector<char> buffer(65536);
    while (true) {
        const auto got = recv(connection->upstream, buffer.data(), buffer.size(), 0);
        if (got <= 0 || !writeAll(connection->client, buffer.data(), static_cast<std::size_t>(got))) {
            shutdown(connection->client, SHUT_RDWR);
            return;
        }
    }
}

int connectUpstream(unsigned short port)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    noDelay(fd);
    return fd;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: pindex-delay-proxy UPSTREAM_PORT DELAY_MS\n");
        return 2;
    }
    const auto upstreamPort = static_cast<unsigned short>(std::strtoul(argv[1], nullptr, 10));
    const auto delay = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double, std::milli>(std::strtod(argv[2], nullptr)));
    prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL); // wake up within a microsecond of the due time
    std::signal(SIGTERM, [](int) { std::_Exit(0); });
    std::signal(SIGINT, [](int) { std::_Exit(0); });

    const int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener < 0 || bind(listener, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        listen(listener, 1024) != 0 ||
        getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        std::perror("pindex-delay-proxy: listen");
        return 1;
    }
    std::printf("listening %u\n", static_cast<unsigned>(ntohs(address.sin_port)));
    std::fflush(stdout);
    while (true) {
        const int client = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0)
            continue;
        noDelay(client);
        auto connection = std::make_shared<Connection>();
        connection->client = client;
        connection->upstream = connectUpstream(upstreamPort);
        if (connection->upstream < 0)
            continue; // the destructor closes the client
        std::thread(receive, connection, delay).detach();
        std::thread(forwardDelayed, connection).detach();
        std::thread(forwardBack, connection).detach();
    }
}
