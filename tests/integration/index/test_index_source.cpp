// The resolver over real indexes: IndexSet's batch API and IndexSource against nginx, with
// sdist-only versions whose metadata is (or is not) known without a build, URL dependencies in
// metadata, and requests from several threads sharing the HTTP client.

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>

#include "core/index/index_set.h"
#include "core/resolver/index_source.h"
#include "core/resolver/resolver.h"
#include "tests/integration/index/index_test_support.h"
#include "tests/support/fault_server.h"
#include "tests/support/nginx_fixture.h"

using namespace pindex;

namespace {

// Sdist-only projects (pages without PEP 658 attributes, so the resolver reads PKG-INFO):
// static-sdist 1.0 (Metadata-Version 2.2, depends on leaf), old-sdist 1.0 (2.2) and 1.5 (2.1, needs
// a build), dynamic-sdist 1.0 (2.2) and 2.0 (Requires-Dist dynamic, needs a build).
std::filesystem::path writeSdistScenario(const std::filesystem::path& dir)
{
    const auto file = dir / "sdists.toml";
    std::ofstream(file) << R"(name = "sdists"
[root]
requires = ["app"]
[packages.app.versions."1.0"]
requires = ["static-sdist", "old-sdist", "dynamic-sdist"]
[packages.static-sdist.versions."1.0"]
wheel = false
requires = ["leaf>=1"]
[packages.old-sdist.versions."1.0"]
wheel = false
[packages.old-sdist.versions."1.5"]
wheel = false
sdist_metadata_version = "2.1"
[packages.dynamic-sdist.versions."1.0"]
wheel = false
[packages.dynamic-sdist.versions."2.0"]
wheel = false
dynamic = ["requires-dist"]
[packages.leaf.versions."1.0"]
[packages.urly.versions."1.0"]
requires = ["leaf", "helper @ https://files.example/helper-1.0-py3-none-any.whl", "winonly @ https://files.example/winonly-1.0.tar.gz ; sys_platform == 'win32'"]
[packages.urly.versions."0.9"]
requires = ["winonly @ https://files.example/winonly-1.0.tar.gz ; sys_platform == 'win32'"]
)";
    return file;
}

struct SdistIndex
{
    SdistIndex()
    {
        test::generateIndex(dir / "out", {writeSdistScenario(dir.path())});
        server = std::make_unique<test::NginxFixture>(test::NginxOptions{.root = dir / "out/pypi"});
        client = std::make_unique<index::IndexClient>(
            index::IndexConfig{.name = "pypi", .url = server->url("/nometa/"), .isDefault = true},
            index::IndexServices{.http = &http});
        set = std::make_unique<index::IndexSet>(std::vector<index::IndexClient*>{client.get()},
                                                index::IndexStrategy::FirstIndex, index::IndexPins{});
    }

    Result<resolver::Resolution> resolve(const std::vector<std::string>& requirements)
    {
        resolver::ResolveOptions options{
            .requirements = {}, .environment = *resolver::TargetEnvironment::make("3.12", "linux-x86_64")};
        for (const auto& text : requirements)
            options.requirements.push_back(*resolver::Dependency::parse(text));
        resolver::IndexSource source(*set);
        return resolver::resolve(source, options);
    }

    test::TempDir dir;
    std::unique_ptr<test::NginxFixture> server;
    index::HttpClient http;
    std::unique_ptr<index::IndexClient> client;
    std::unique_ptr<index::IndexSet> set;
};

std::string versionOf(const resolver::Resolution& resolution, std::string_view name)
{
    const auto* package = resolution.find(name);
    return package != nullptr ? package->version.str() : std::string("(none)");
}

} // namespace

TEST_CASE("An sdist-only version is used when its PKG-INFO is static, skipped when it needs a build",
          "[resolver][index][sdist]")
{
    SdistIndex index;
    const auto resolution = index.resolve({"app"});
    INFO((resolution ? std::string() : resolution.error().describe()));
    REQUIRE(resolution);
    CHECK(versionOf(*resolution, "app") == "1.0");
    CHECK(versionOf(*resolution, "static-sdist") == "1.0");
    // static-sdist's dependency comes from its PKG-INFO.
    CHECK(versionOf(*resolution, "leaf") == "1.0");
    // The newer versions need a build: Metadata-Version 2.1, and Requires-Dist listed as Dynamic.
    CHECK(versionOf(*resolution, "old-sdist") == "1.0");
    CHECK(versionOf(*resolution, "dynamic-sdist") == "1.0");
    const auto* chosen = resolution->find("static-sdist");
    REQUIRE(chosen != nullptr);
    CHECK_FALSE(chosen->wheel);
    REQUIRE(chosen->candidate.sdist);
    CHECK(chosen->candidate.sdist->filename == "static_sdist-1.0.tar.gz");
}

TEST_CASE("Requiring only sdist versions that need a build explains why", "[resolver][index][sdist]")
{
    SdistIndex index;
    const auto old = index.resolve({"old-sdist==1.5"});
    REQUIRE_FALSE(old);
    CHECK(old.error().code == ErrorCode::Unsatisfiable);
    INFO(old.error().message);
    CHECK(old.error().message.find("old_sdist-1.5.tar.gz needs a build") != std::string::npos);
    CHECK(old.error().message.find("Metadata-Version 2.1") != std::string::npos);

    const auto dynamic = index.resolve({"dynamic-sdist>=2"});
    REQUIRE_FALSE(dynamic);
    INFO(dynamic.error().message);
    CHECK(dynamic.error().message.find("Requires-Dist as Dynamic") != std::string::npos);
}

TEST_CASE("A URL dependency in an index package's metadata is refused, naming the package, version and "
          "requirement",
          "[resolver][index][url]")
{
    SdistIndex index;
    const auto refused = index.resolve({"urly"});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::Unsupported);
    INFO(refused.error().describe());
    CHECK(refused.error().message.find("urly 1.0 (index 'pypi')") != std::string::npos);
    const auto& message = refused.error().message;
    CHECK(message.find("'helper @ https://files.example/helper-1.0-py3-none-any.whl'") != std::string::npos);
    CHECK(refused.error().hint.find("Require helper by name") != std::string::npos);

    // A URL dependency whose marker does not hold for the target is no obstacle.
    const auto windowsOnly = index.resolve({"urly<1"});
    INFO((windowsOnly ? std::string() : windowsOnly.error().describe()));
    REQUIRE(windowsOnly);
    CHECK(versionOf(*windowsOnly, "urly") == "0.9");
    CHECK(windowsOnly->find("winonly") == nullptr);
}

TEST_CASE("IndexSet looks many packages up at once, and first-index asks a later index only after a 404",
          "[index][set][batch]")
{
    test::TempDir dir;
    std::ofstream(dir / "two.toml") << R"(name = "two"
[[indexes]]
name = "private"
[[indexes]]
name = "pypi"
default = true
[root]
requires = ["acme-internal", "public"]
[packages.acme-internal.versions."1.0"]
indexes = ["private"]
[packages.public.versions."2.0"]
indexes = ["pypi"]
[packages.public.versions."1.0"]
indexes = ["pypi", "private"]
[packages.shared.versions."3.0"]
indexes = ["pypi"]
[packages.shared.versions."1.0"]
indexes = ["private"]
)";
    test::generateIndex(dir / "out", {dir / "two.toml"});
    test::NginxFixture privateServer({.root = dir / "out/private"});
    test::NginxFixture pypiServer({.root = dir / "out/pypi"});
    index::HttpClient http;
    index::IndexClient privateIndex({.name = "private", .url = privateServer.url("/simple/")},
                                    {.http = &http});
    index::IndexClient pypi({.name = "pypi", .url = pypiServer.url("/simple/"), .isDefault = true},
                            {.http = &http});

    const std::vector<std::string> names{"acme-internal", "public", "shared", "missing"};
    SECTION("first-index")
    {
        index::IndexSet set({&pypi, &privateIndex}, index::IndexStrategy::FirstIndex, {});
        auto results = set.candidatesAll(names);
        REQUIRE(results.size() == 4);
        REQUIRE(results[0]);
        CHECK(results[0]->served == std::vector<std::string>{"private"});
        CHECK(results[0]->consulted == std::vector<std::string>{"private"});
        REQUIRE(results[2]);
        // shared 1.0 (a wheel and an sdist) from private; pypi, which has 3.0, is not asked.
        for (const auto& candidate : results[2]->candidates) {
            CHECK(candidate.indexName == "private");
            CHECK(candidate.version.str() == "1.0");
        }
        CHECK(results[2]->candidates.size() == 2);
        REQUIRE(results[3]);
        CHECK(results[3]->candidates.empty());
        CHECK(results[3]->consulted == std::vector<std::string>{"private", "pypi"});
        // The private package's name never reached the public index.
        const auto lines = test::logLines(pypiServer.accessLog());
        CHECK(test::countLogged(lines, "acme-internal", "") == 0);
        CHECK(test::countLogged(lines, "/shared/", "") == 0);
    }
    SECTION("unsafe-first-match keeps every index, ranked")
    {
        index::IndexSet set({&pypi, &privateIndex}, index::IndexStrategy::UnsafeFirstMatch, {});
        const std::string shared[] = {"shared"};
        auto results = set.candidatesAll(shared);
        REQUIRE(results.front());
        const auto& candidates = results.front()->candidates;
        REQUIRE(candidates.size() == 4); // a wheel and an sdist of each version
        CHECK(candidates.front().version.str() == "3.0");
        CHECK(candidates.front().rank == 1); // pypi, the default, comes last
        CHECK(candidates.back().version.str() == "1.0");
        CHECK(candidates.back().rank == 0);
        // The single-package call with a requirement keeps choosing one index.
        const auto atLeastTwo = *standards::SpecifierSet::parse(">=2");
        auto one = set.candidates("shared", &atLeastTwo);
        REQUIRE(one);
        CHECK(one->served == std::vector<std::string>{"pypi"});
    }
    SECTION("metadata of candidates of two indexes in one call")
    {
        index::IndexSet set({&pypi, &privateIndex}, index::IndexStrategy::UnsafeBestMatch, {});
        const std::string shared[] = {"shared"};
        auto results = set.candidatesAll(shared);
        REQUIRE(results.front());
        std::vector<index::Candidate> wheels;
        for (const auto& candidate : results.front()->candidates) {
            if (candidate.file.isWheel())
                wheels.push_back(candidate);
        }
        REQUIRE(wheels.size() == 2);
        const auto texts = set.coreMetadataAll(wheels);
        REQUIRE(texts.size() == 2);
        REQUIRE(texts[0]);
        REQUIRE(texts[1]);
        CHECK(texts[0]->find("Version: 3.0") != std::string::npos);
        CHECK(texts[1]->find("Version: 1.0") != std::string::npos);
    }
}

TEST_CASE("Requests from several threads share the HTTP client: a fast one is not held behind a slow one",
          "[index][http][concurrency]")
{
    test::FaultServer server;
    index::HttpClient http;
    std::mutex mutex;
    std::condition_variable started;
    bool slowStarted = false;
    std::atomic<bool> slowDone{false};
    std::thread slow([&] {
        const index::HttpRequest request{.url = server.url("/slow")};
        auto results = http.getAll(std::span<const index::HttpRequest>(&request, 1), {},
                                   [&](const index::HttpProgress& progress) {
                                       if (progress.bytesReceived > 0) {
                                           std::lock_guard lock(mutex);
                                           slowStarted = true;
                                           started.notify_all();
                                       }
                                   });
        CHECK(results.front());
        slowDone = true;
    });
    {
        std::unique_lock lock(mutex);
        started.wait(lock, [&] { return slowStarted; });
    }
    // The slow transfer sends one byte per 100 ms (1.6 s); this one must not wait for it.
    const auto fast = http.get({.url = server.url("/ok/10")});
    CHECK_FALSE(slowDone.load());
    REQUIRE(fast);
    CHECK(fast->status == 200);
    slow.join();
    CHECK(slowDone.load());
}

TEST_CASE("Listings stuck in the network park their fibers, and quiesce() cancels them, keeps the "
          "threads and answers every later question with Cancelled",
          "[resolver][index][concurrency]")
{
    test::FaultServer server;
    index::HttpClient http;
    // Every page of this index stalls after its first bytes until the client gives up.
    index::IndexClient client(
        index::IndexConfig{.name = "stalling", .url = server.url("/stall/"), .isDefault = true},
        index::IndexServices{.http = &http});
    index::IndexSet set({&client}, index::IndexStrategy::FirstIndex, index::IndexPins{});
    resolver::IndexSource source(set);

    std::vector<std::string> names;
    for (int i = 0; i < 20; ++i)
        names.push_back("project-" + std::to_string(i));
    source.requestCandidates(names);
    REQUIRE(server.waitForRequests(names.size(), std::chrono::seconds(30)));
    // Twenty questions wait for the network at once, on no more threads than there are cores.
    const auto workers = source.workersStarted();
    CHECK(workers >= 1);
    CHECK(workers <= std::max(2U, std::thread::hardware_concurrency()));

    source.quiesce();
    CHECK(source.workersStarted() == workers); // parked, not ended

    // The streamed questions are answered, with Cancelled.
    const auto completions = source.takeCompleted();
    REQUIRE(completions.size() == names.size());
    for (const auto& completion : completions)
        CHECK(completion.kind == resolver::Completion::Kind::Candidates);
    auto first = source.listCandidates(names.front());
    REQUIRE_FALSE(first);
    CHECK(first.error().code == ErrorCode::Cancelled);

    // A question first asked now is answered at once, and sends nothing.
    auto gamma = source.listCandidates("gamma");
    REQUIRE_FALSE(gamma);
    CHECK(gamma.error().code == ErrorCode::Cancelled);
    CHECK(server.requestCount("/stall/gamma/") == 0);
    CHECK(source.workersStarted() == workers);
}
