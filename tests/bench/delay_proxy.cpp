// pindex-delay-proxy: a loopback TCP proxy that delays every request by a fixed time, to emulate a
// remote index in the resolver benchmark (the same contract as delay_proxy.py, with a precise
// timer and one event loop, so the proxy adds microseconds, not the milliseconds a Python event
// loop adds under load, nor the thread start-ups a thread per connection costs when a client opens
// fifty connections at once).
//
// Usage: pindex-delay-proxy UPSTREAM_PORT DELAY_MS
//
// Listens on a free port of 127.0.0.1 and prints "listening PORT" once it accepts connections.
// Every client connection gets its own upstream connection to 127.0.0.1:UPSTREAM_PORT. Bytes from
// the client reach the upstream DELAY_MS after they arrived (a delay line, order kept); answers
// flow back at once. Stops on SIGTERM or SIGINT.
//
// One thread: epoll over the listener, a timerfd armed for the next due chunk, and every socket
// (non-blocking). The delay is the same for every chunk and chunks are stamped in the order they
// are read, so one FIFO of due chunks is sorted by due time.

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <fcntl.h>
#include <map>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// A byte queue waiting for a socket to accept it.
struct Outgoing
{
    std::string data;
    std::size_t sent = 0;
    bool shutdownAfter = false; // shut the socket's writing side once the data is out
    bool shutDown = false;

    [[nodiscard]] bool empty() const { return sent == data.size(); }
};

struct Connection
{
    int client = -1;
    int upstream = -1;
    Outgoing toUpstream;       // due chunks not yet written
    Outgoing toClient;         // answers not yet written
    bool clientDone = false;   // the client sent its end of input (or failed)
    bool upstreamDone = false; // the upstream sent its end of input (or failed)
    std::size_t inDelay = 0;   // chunks of this connection in the delay line
    bool clientWatched = false;
    bool upstreamWatched = false;

    ~Connection()
    {
        close(client);
        close(upstream);
    }
};

struct Due
{
    Clock::time_point at;
    int client;       // the connection's key
    std::string data; // empty: the client's end of input
};

int g_epoll = -1;
int g_timer = -1;
std::map<int, std::unique_ptr<Connection>> g_connections; // by client descriptor
std::map<int, int> g_upstreamOwner;                       // upstream descriptor -> client descriptor
std::deque<Due> g_delayLine;

void noDelay(int fd)
{
    const int on = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

void nonBlocking(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

void watch(int fd, std::uint32_t events, int operation)
{
    epoll_event event{};
    event.events = events;
    event.data.fd = fd;
    epoll_ctl(g_epoll, operation, fd, &event);
}

// Sets the interest in `fd`; none removes it from the set, since epoll reports a hung-up socket
// whatever its interest, and a closed client waiting for its delayed end of input would spin.
void interest(int fd, bool& watched, std::uint32_t events)
{
    if (events == 0) {
        if (watched)
            epoll_ctl(g_epoll, EPOLL_CTL_DEL, fd, nullptr);
        watched = false;
        return;
    }
    watch(fd, events, watched ? EPOLL_CTL_MOD : EPOLL_CTL_ADD);
    watched = true;
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
    nonBlocking(fd);
    return fd;
}

void armTimer()
{
    itimerspec spec{};
    if (!g_delayLine.empty()) {
        const auto since = g_delayLine.front().at.time_since_epoch();
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since);
        spec.it_value.tv_sec = static_cast<time_t>(seconds.count());
        spec.it_value.tv_nsec =
            static_cast<long>(std::chrono::duration_cast<std::chrono::nanoseconds>(since - seconds).count());
        if (spec.it_value.tv_sec == 0 && spec.it_value.tv_nsec == 0)
            spec.it_value.tv_nsec = 1; // zero would disarm it
    }
    // steady_clock is CLOCK_MONOTONIC on Linux: the same time base as the timer.
    timerfd_settime(g_timer, TFD_TIMER_ABSTIME, &spec, nullptr);
}

// Writes what it can of `out` to `fd`; false when the peer is gone.
bool flush(int fd, Outgoing& out)
{
    while (!out.empty()) {
        const auto written = send(fd, out.data.data() + out.sent, out.data.size() - out.sent, MSG_NOSIGNAL);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return errno == EAGAIN || errno == EWOULDBLOCK;
        }
        out.sent += static_cast<std::size_t>(written);
    }
    out.data.clear();
    out.sent = 0;
    if (out.shutdownAfter && !out.shutDown) {
        shutdown(fd, SHUT_WR);
        out.shutDown = true;
    }
    return true;
}

void drop(int client)
{
    const auto found = g_connections.find(client);
    if (found == g_connections.end())
        return;
    interest(found->second->client, found->second->clientWatched, 0);
    interest(found->second->upstream, found->second->upstreamWatched, 0);
    g_upstreamOwner.erase(found->second->upstream);
    g_connections.erase(found); // closes both sockets; chunks still in the delay line are skipped
}

// The interest of both sockets of a connection, from what they have to do.
void update(Connection& connection)
{
    std::uint32_t client = 0;
    if (!connection.clientDone)
        client |= EPOLLIN;
    if (!connection.toClient.empty())
        client |= EPOLLOUT;
    interest(connection.client, connection.clientWatched, client);
    std::uint32_t upstream = 0;
    // Answers are read only as fast as the client takes them.
    if (!connection.upstreamDone && connection.toClient.empty())
        upstream |= EPOLLIN;
    if (!connection.toUpstream.empty())
        upstream |= EPOLLOUT;
    interest(connection.upstream, connection.upstreamWatched, upstream);
}

// Closes the connection when both directions are over and everything is delivered.
bool finishedWith(const Connection& connection)
{
    return connection.clientDone && connection.upstreamDone && connection.inDelay == 0 &&
           connection.toClient.empty() && connection.toUpstream.empty();
}

void onClientReadable(Connection& connection, Clock::duration delay)
{
    std::vector<char> buffer(65536);
    while (true) {
        const auto got = recv(connection.client, buffer.data(), buffer.size(), 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        const bool wasEmpty = g_delayLine.empty();
        g_delayLine.push_back(
            {.at = Clock::now() + delay,
             .client = connection.client,
             .data = got > 0 ? std::string(buffer.data(), static_cast<std::size_t>(got)) : std::string()});
        ++connection.inDelay;
        if (wasEmpty)
            armTimer();
        if (got <= 0) {
            connection.clientDone = true;
            break;
        }
    }
}

void onUpstreamReadable(Connection& connection)
{
    std::vector<char> buffer(65536);
    while (connection.toClient.data.size() < (4u << 20)) {
        const auto got = recv(connection.upstream, buffer.data(), buffer.size(), 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (got <= 0) {
            connection.upstreamDone = true;
            connection.toClient.shutdownAfter = true;
            break;
        }
        connection.toClient.data.append(buffer.data(), static_cast<std::size_t>(got));
    }
}

void releaseDue()
{
    std::uint64_t expirations = 0;
    (void)!read(g_timer, &expirations, sizeof expirations);
    const auto now = Clock::now();
    while (!g_delayLine.empty() && g_delayLine.front().at <= now) {
        Due due = std::move(g_delayLine.front());
        g_delayLine.pop_front();
        const auto found = g_connections.find(due.client);
        if (found == g_connections.end())
            continue;
        auto& connection = *found->second;
        --connection.inDelay;
        if (due.data.empty())
            connection.toUpstream.shutdownAfter = true;
        else
            connection.toUpstream.data += due.data;
        if (!flush(connection.upstream, connection.toUpstream)) {
            drop(due.client);
            continue;
        }
        if (finishedWith(connection))
            drop(due.client);
        else
            update(connection);
    }
    armTimer();
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
    std::signal(SIGTERM, [](int) { std::_Exit(0); });
    std::signal(SIGINT, [](int) { std::_Exit(0); });
    std::signal(SIGPIPE, SIG_IGN);

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
    nonBlocking(listener);
    g_epoll = epoll_create1(EPOLL_CLOEXEC);
    g_timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (g_epoll < 0 || g_timer < 0) {
        std::perror("pindex-delay-proxy: epoll");
        return 1;
    }
    watch(listener, EPOLLIN, EPOLL_CTL_ADD);
    watch(g_timer, EPOLLIN, EPOLL_CTL_ADD);
    std::printf("listening %u\n", static_cast<unsigned>(ntohs(address.sin_port)));
    std::fflush(stdout);

    std::vector<epoll_event> events(256);
    while (true) {
        const int ready = epoll_wait(g_epoll, events.data(), static_cast<int>(events.size()), -1);
        for (int i = 0; i < ready; ++i) {
            const int fd = events[static_cast<std::size_t>(i)].data.fd;
            const auto what = events[static_cast<std::size_t>(i)].events;
            if (fd == listener) {
                while (true) {
                    const int client = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
                    if (client < 0)
                        break;
                    noDelay(client);
                    auto connection = std::make_unique<Connection>();
                    connection->client = client;
                    connection->upstream = connectUpstream(upstreamPort);
                    if (connection->upstream < 0)
                        continue; // the destructor closes the client
                    interest(client, connection->clientWatched, EPOLLIN);
                    interest(connection->upstream, connection->upstreamWatched, EPOLLIN);
                    g_upstreamOwner[connection->upstream] = client;
                    g_connections[client] = std::move(connection);
                }
                continue;
            }
            if (fd == g_timer) {
                releaseDue();
                continue;
            }
            const bool isUpstream = g_upstreamOwner.contains(fd);
            const int key = isUpstream ? g_upstreamOwner[fd] : fd;
            const auto found = g_connections.find(key);
            if (found == g_connections.end())
                continue;
            auto& connection = *found->second;
            bool alive = true;
            if (isUpstream) {
                if ((what & EPOLLOUT) != 0)
                    alive = flush(connection.upstream, connection.toUpstream);
                if (alive && (what & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0 && !connection.upstreamDone)
                    onUpstreamReadable(connection);
                if (alive)
                    alive = flush(connection.client, connection.toClient);
            } else {
                if ((what & EPOLLOUT) != 0)
                    alive = flush(connection.client, connection.toClient);
                if (alive && (what & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0 && !connection.clientDone)
                    onClientReadable(connection, delay);
            }
            if (!alive || finishedWith(connection))
                drop(key);
            else
                update(connection);
        }
    }
}
