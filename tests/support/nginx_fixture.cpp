#include "tests/support/nginx_fixture.h"

#include <arpa/inet.h>
#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "tests/support/test_paths.h"

namespace pindex::test {
namespace {

std::string slurp(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// fork + exec with stdout/stderr to `logFile`; returns the child's pid.
pid_t spawn(const std::vector<std::string>& argv, const std::filesystem::path& logFile, int inheritFd)
{
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const auto& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    std::string inherit = "NGINX=" + std::to_string(inheritFd) + ";";

    // The test framework's signal handlers must not run in a child that is stopped before it
    // reaches exec (a fixture destroyed right after construction): signals stay blocked across the
    // fork, the child restores the default actions, then unblocks.
    sigset_t blocked;
    sigset_t previous;
    ::sigfillset(&blocked);
    ::pthread_sigmask(SIG_SETMASK, &blocked, &previous);
    const pid_t pid = ::fork();
    if (pid != 0)
        ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (pid < 0)
        throw std::runtime_error("fork failed");
    if (pid == 0) {
        for (const int signal : {SIGINT, SIGILL, SIGFPE, SIGSEGV, SIGTERM, SIGABRT, SIGBUS, SIGPIPE})
            ::signal(signal, SIG_DFL);
        ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        const int log = ::open(logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (log >= 0) {
            ::dup2(log, STDOUT_FILENO);
            ::dup2(log, STDERR_FILENO);
        }
        if (inheritFd >= 0) {
            ::fcntl(inheritFd, F_SETFD, 0);
            ::putenv(inherit.data());
        }
        ::execv(args[0], args.data());
        std::_Exit(127);
    }
    return pid;
}

int waitFor(pid_t pid)
{
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

NginxFixture::NginxFixture(NginxOptions options)
{
    namespace fs = std::filesystem;
    const fs::path work = m_work.path();
    fs::create_directories(work / "temp");

    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener < 0)
        throw std::runtime_error("cannot create a socket");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    if (::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::listen(listener, 511) != 0 ||
        ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(listener);
        throw std::runtime_error("cannot listen on a loopback port");
    }
    m_port = ntohs(address.sin_port);

    std::string auth;
    if (options.basicAuth) {
        std::ofstream(work / "htpasswd")
            << options.basicAuth->username << ":{PLAIN}" << options.basicAuth->password << "\n";
        auth = "auth_basic \"pindex test index\";\n        auth_basic_user_file " +
               (work / "htpasswd").string() + ";\n";
    }
    std::string tls;
    m_tls = options.tls;
    if (m_tls) {
        const std::vector<std::string> request = {"/usr/bin/openssl",
                                                  "req",
                                                  "-x509",
                                                  "-newkey",
                                                  "rsa:2048",
                                                  "-nodes",
                                                  "-days",
                                                  "2",
                                                  "-subj",
                                                  "/CN=127.0.0.1",
                                                  "-addext",
                                                  "subjectAltName=IP:127.0.0.1",
                                                  "-keyout",
                                                  (work / "key.pem").string(),
                                                  "-out",
                                                  certificate().string()};
        if (waitFor(spawn(request, work / "openssl.log", -1)) != 0) {
            ::close(listener);
            throw std::runtime_error("openssl could not make a certificate:\n" + slurp(work / "openssl.log"));
        }
        tls = " ssl;\n        ssl_certificate " + certificate().string() + ";\n        ssl_certificate_key " +
              (work / "key.pem").string();
    }
    const std::string temp = (work / "temp").string();
    std::ofstream(work / "nginx.conf")
        // A master process is needed: nginx 1.22 crashes serving inherited sockets without one.
        << "daemon off;\nmaster_process on;\nworker_processes 1;\n"
        << (::geteuid() == 0 ? "user root;\n" : "") << "pid " << (work / "nginx.pid").string() << ";\n"
        << "error_log " << (work / "error.log").string() << " info;\n"
        << "events { worker_connections 512; }\n"
        << "http {\n"
        << "    access_log " << accessLog().string() << ";\n"
        << "    client_body_temp_path " << temp << "/body;\n"
        << "    proxy_temp_path " << temp << "/proxy;\n"
        << "    fastcgi_temp_path " << temp << "/fastcgi;\n"
        << "    uwsgi_temp_path " << temp << "/uwsgi;\n"
        << "    scgi_temp_path " << temp << "/scgi;\n"
        << "    types {\n"
        << "        text/html html;\n"
        << "        application/vnd.pypi.simple.v1+json json;\n"
        << "        application/octet-stream whl gz zip metadata;\n"
        << "    }\n"
        << "    default_type application/octet-stream;\n"
        << "    map $http_accept $pindex_simple_flavour {\n"
        << "        default html;\n"
        << "        \"~application/vnd\\.pypi\\.simple\\.v1\\+json\" json;\n"
        << "    }\n"
        << "    server {\n"
        << "        listen 127.0.0.1:" << m_port << tls << ";\n"
        << "        root " << fs::absolute(options.root).string() << ";\n"
        << "        " << auth << "        location / {\n"
        << "            add_header Vary Accept;\n"
        << "            try_files $uri $uri/index.$pindex_simple_flavour $uri/index.html =404;\n"
        << "        }\n"
        << options.extraServerConfig << "\n"
        << "    }\n"
        << "}\n";

    const std::string nginx = kNginx.string();
    const std::vector<std::string> base = {nginx,
                                           "-p",
                                           work.string(),
                                           "-c",
                                           (work / "nginx.conf").string(),
                                           "-e",
                                           (work / "error.log").string()};
    std::vector<std::string> check = base;
    check.emplace_back("-t");
    check.emplace_back("-q");
    if (waitFor(spawn(check, work / "stdout.log", -1)) != 0) {
        ::close(listener);
        throw std::runtime_error("nginx rejected its configuration:\n" + slurp(work / "stdout.log") +
                                 slurp(work / "error.log"));
    }
    m_pid = spawn(base, work / "stdout.log", listener);
    ::close(listener); // nginx holds the socket now; pending connections wait in its backlog
}

NginxFixture::~NginxFixture()
{
    if (m_pid <= 0)
        return;
    // nginx's master catches a SIGTERM that comes before it enters its signal loop and then waits
    // for the next signal: a fixture destroyed right after start-up (a test that fails fast, under
    // load) would wait for ever. The request is repeated each second until the master has exited.
    const int exited = static_cast<int>(::syscall(SYS_pidfd_open, m_pid, 0));
    while (true) {
        ::kill(m_pid, SIGTERM);
        if (exited < 0)
            break; // no pidfd: one request, as before
        pollfd event{.fd = exited, .events = POLLIN, .revents = 0};
        const int ready = ::poll(&event, 1, 1000);
        if (ready > 0 || (ready < 0 && errno != EINTR))
            break;
    }
    if (exited >= 0)
        ::close(exited);
    waitFor(m_pid);
}

std::string NginxFixture::baseUrl() const
{
    return (m_tls ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(m_port);
}

std::string NginxFixture::url(std::string_view path) const
{
    std::string result = baseUrl();
    if (!path.starts_with('/'))
        result += '/';
    result += path;
    return result;
}

std::filesystem::path NginxFixture::accessLog() const
{
    return m_work.path() / "access.log";
}

std::size_t NginxFixture::requestCount() const
{
    std::ifstream in(accessLog());
    std::size_t count = 0;
    for (std::string line; std::getline(in, line);)
        ++count;
    return count;
}

std::size_t NginxFixture::waitForRequestCount(std::size_t count, int timeoutMilliseconds) const
{
    const int watcher = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (watcher < 0)
        return requestCount();
    ::inotify_add_watch(watcher, m_work.path().c_str(), IN_MODIFY | IN_CREATE);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMilliseconds);
    std::size_t seen = requestCount();
    while (seen < count) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            break;
        pollfd wait{watcher, POLLIN, 0};
        if (::poll(&wait, 1, static_cast<int>(left.count())) > 0) {
            std::array<char, 4096> events{};
            while (::read(watcher, events.data(), events.size()) > 0) {
            }
        }
        seen = requestCount();
    }
    ::close(watcher);
    return seen;
}

std::string NginxFixture::errorLogText() const
{
    return slurp(m_work.path() / "error.log");
}

void generateIndex(const std::filesystem::path& out, const std::vector<std::filesystem::path>& inputs,
                   const std::vector<std::string>& extraArguments)
{
    std::vector<std::string> argv = {kPython.string(), (kToolsDir / "make_index.py").string(), "--out",
                                     out.string()};
    argv.insert(argv.end(), extraArguments.begin(), extraArguments.end());
    for (const auto& input : inputs)
        argv.push_back(input.string());
    std::filesystem::create_directories(out);
    const auto log = out.parent_path() / (out.filename().string() + ".log");
    if (waitFor(spawn(argv, log, -1)) != 0)
        throw std::runtime_error("make_index.py failed:\n" + slurp(log));
}

} // namespace pindex::test
