#pragma once

// A deliberately misbehaving HTTP/1.1 server on 127.0.0.1, for fault-injection tests of the index
// client. The listening socket is bound in the constructor (connections queue until accepted, so
// there is no readiness race); each connection is served on its own thread, one request each
// (`Connection: close`). The destructor wakes every thread and joins them.
//
// The request path picks the fault:
//   /ok/N             200 with a body of N bytes
//   /slow             200, Content-Length 16, one byte every 100 ms
//   /stall            200, Content-Length 1000, 10 bytes, then nothing until the client gives up
//   /reset            200, Content-Length 100000, 1000 bytes, then a TCP reset
//   /truncated        200, Content-Length 100000, 1000 bytes, then a clean close
//   /short-length     200, Content-Length 10, then 1000 bytes
//   /endless          200 without a length, bytes until the client hangs up
//   /huge             200, Content-Length 8 GiB, bytes until the client hangs up
//   /invalid-utf8     200 text/html: a Simple API page whose text is not valid UTF-8
//   /redirect-loop    302 to itself
//   /retry-after/N    429 with Retry-After: N on the first request, then 200 "ok"
//   /flaky/N          a reset before any response for the first N requests, then 200 "ok"
//   /status/N         status N (401 with a Basic challenge), body "denied"
//   /redirect-to/PORT/REST  302 to http://localhost:PORT/REST (another host name, another port)
//   anything else     404
// The paths with an argument, and /reset and /stall, also match with anything after them
// (`/reset/demo/`), so an index URL can point at a fault.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace pindex::test {

class FaultServer
{
public:
    FaultServer();
    ~FaultServer();
    FaultServer(const FaultServer&) = delete;
    FaultServer& operator=(const FaultServer&) = delete;

    [[nodiscard]] unsigned short port() const { return m_port; }
    // "http://127.0.0.1:PORT" + path.
    [[nodiscard]] std::string url(std::string_view path) const;
    // How many requests for `path` the server has read so far.
    [[nodiscard]] std::size_t requestCount(const std::string& path) const;
    // Every request head read so far (request line and header fields), in arrival order.
    [[nodiscard]] std::vector<std::string> requestHeads() const;
    // Waits until `count` requests have been read (all paths together); false after `timeout`.
    [[nodiscard]] bool waitForRequests(std::size_t count, std::chrono::milliseconds timeout) const;

private:
    void acceptLoop();
    void serve(int connection);
    // Waits until `connection` can take more bytes, the peer hangs up or the server stops; false
    // when sending should end.
    [[nodiscard]] bool waitWritable(int connection, int timeoutMilliseconds) const;
    [[nodiscard]] bool stopping() const { return m_stopping.load(); }

    int m_listener = -1;
    int m_wakeRead = -1;
    int m_wakeWrite = -1;
    unsigned short m_port = 0;
    std::atomic<bool> m_stopping{false};
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_requestRead;
    std::map<std::string, std::size_t> m_requests;
    std::vector<std::string> m_heads;
    std::vector<std::thread> m_connections;
    std::thread m_acceptor;
};

} // namespace pindex::test
