#include <filesystem>

#include <catch2/catch.hpp>

#include "core/index/index_client.h"
#include "tests/integration/index/index_test_support.h"
#include "tests/support/nginx_fixture.h"
#include "tests/support/test_paths.h"

using namespace pindex;
using namespace pindex::index;

namespace {

HttpClientOptions fastRetries()
{
    return {.maxConcurrentTransfers = 8, .maxAttempts = 3, .retryBaseDelay = std::chrono::milliseconds(10)};
}

const DistributionFile* findFile(const ProjectPage& page, std::string_view filename)
{
    for (const auto& file : page.files) {
        if (file.filename == filename)
            return &file;
    }
    return nullptr;
}

void removeJsonPages(const std::filesystem::path& root)
{
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (entry.path().filename() == "index.json")
            std::filesystem::remove(entry.path());
    }
}

} // namespace

TEST_CASE("A JSON index is read through PEP 691 negotiation: hashes, requires-python, yanked, sizes",
          "[index][client][json]")
{
    test::TempDir dir;
    test::generateIndex(dir / "out", {test::writeTinyScenario(dir.path())});
    test::NginxFixture server({.root = dir / "out/pypi"});
    HttpClient http(fastRetries());
    IndexClient client({.name = "pypi", .url = server.url("/simple/")}, {.http = &http});

    const auto page = client.projectPage("TinyPkg");
    INFO((page ? std::string() : page.error().describe()));
    REQUIRE(page);
    REQUIRE(page->has_value());
    const ProjectPage& tiny = **page;
    CHECK(tiny.format == ApiFormat::Json);
    CHECK(tiny.versions == std::vector<std::string>{"0.9.0", "1.0.0", "1.1.0"});
    const auto* wheel = findFile(tiny, "tinypkg-1.1.0-py3-none-any.whl");
    REQUIRE(wheel != nullptr);
    CHECK(wheel->url == server.url("/files/tinypkg-1.1.0-py3-none-any.whl"));
    CHECK(wheel->sha256().value_or("").size() == 64);
    CHECK(wheel->requiresPython == ">=3.8");
    CHECK(wheel->hasCoreMetadata);
    CHECK(wheel->size.value_or(0) > 0);
    const auto* yanked = findFile(tiny, "tinypkg-0.9.0.tar.gz");
    REQUIRE(yanked != nullptr);
    CHECK(yanked->yanked);
    CHECK(yanked->yankedReason == "broken <build>");

    const auto missing = client.projectPage("not-there");
    REQUIRE(missing);
    CHECK_FALSE(missing->has_value()); // 404: not here, not an error

    const auto list = client.projectList();
    REQUIRE(list);
    CHECK(list->format == ApiFormat::Json);
    CHECK(list->names == std::vector<std::string>{"otherpkg", "tinypkg"});
}

TEST_CASE("An HTML-only index is read from its PEP 503 pages with the same results", "[index][client][html]")
{
    test::TempDir dir;
    test::generateIndex(dir / "out", {test::writeTinyScenario(dir.path())});
    removeJsonPages(dir / "out/pypi");
    test::NginxFixture server({.root = dir / "out/pypi"});
    HttpClient http(fastRetries());
    IndexClient client({.name = "html", .url = server.url("/simple")}, {.http = &http});

    const auto page = client.projectPage("tinypkg");
    REQUIRE(page);
    REQUIRE(page->has_value());
    CHECK((*page)->format == ApiFormat::Html);
    CHECK((*page)->apiVersion == "1.1");
    const auto* wheel = findFile(**page, "tinypkg-1.1.0-py3-none-any.whl");
    REQUIRE(wheel != nullptr);
    CHECK(wheel->requiresPython == ">=3.8"); // served as &gt;=3.8
    CHECK(wheel->url == server.url("/files/tinypkg-1.1.0-py3-none-any.whl"));
    const auto* yanked = findFile(**page, "tinypkg-0.9.0-py3-none-any.whl");
    REQUIRE(yanked != nullptr);
    CHECK(yanked->yanked);
    CHECK(yanked->yankedReason == "broken <build>");

    const auto list = client.projectList();
    REQUIRE(list);
    CHECK(list->format == ApiFormat::Html);
    CHECK(list->names.size() == 2);
}

TEST_CASE("A flat directory index lists the files of a project by their names", "[index][client][flat]")
{
    test::TempDir dir;
    test::generateIndex(dir / "out", {test::writeTinyScenario(dir.path())}, {"--flat"});
    HttpClient http(fastRetries());
    IndexClient client({.name = "local", .url = (dir / "out/pypi").string(), .format = IndexFormat::Flat},
                       {.http = &http});

    const auto page = client.projectPage("tinypkg");
    REQUIRE(page);
    REQUIRE(page->has_value());
    CHECK((*page)->format == ApiFormat::Flat);
    CHECK((*page)->files.size() == 6); // three versions, a wheel and an sdist each
    const auto* wheel = findFile(**page, "tinypkg-1.0.0-py3-none-any.whl");
    REQUIRE(wheel != nullptr);
    CHECK(wheel->url.starts_with("file://"));
    CHECK(wheel->sha256().value_or("").size() == 64);

    const auto metadata = client.coreMetadata(*wheel);
    REQUIRE(metadata);
    CHECK(metadata->find("Requires-Dist: otherpkg>=2") != std::string::npos);
    const auto bytes = client.download(*wheel);
    REQUIRE(bytes);
    CHECK(bytes->starts_with("PK"));

    const auto other = client.projectPage("OtherPkg");
    REQUIRE(other);
    REQUIRE(other->has_value());
    CHECK((*other)->files.size() == 1);
    const auto none = client.projectPage("absent");
    REQUIRE(none);
    CHECK_FALSE(none->has_value());
}

TEST_CASE("Metadata comes from the PEP 658 file when the index offers one, hash-verified",
          "[index][client][metadata]")
{
    test::TempDir dir;
    test::generateIndex(dir / "out", {test::writeTinyScenario(dir.path())});
    test::NginxFixture server({.root = dir / "out/pypi"});
    HttpClient http(fastRetries());
    IndexClient client({.name = "pypi", .url = server.url("/simple/")}, {.http = &http});

    const auto page = client.projectPage("tinypkg");
    REQUIRE(page);
    REQUIRE(page->has_value());
    std::vector<DistributionFile> wheels;
    for (const auto& file : (*page)->files) {
        if (file.isWheel())
            wheels.push_back(file);
    }
    REQUIRE(wheels.size() == 3);
    const auto metadata = client.coreMetadataAll(wheels);
    for (const auto& result : metadata) {
        INFO((result ? std::string() : result.error().describe()));
        REQUIRE(result);
        CHECK(result->starts_with("Metadata-Version:"));
    }
    CHECK(server.waitForRequestCount(4) == 4); // the page and three metadata files
    const auto lines = test::logLines(server.accessLog());
    CHECK(test::countLogged(lines, ".whl.metadata HTTP", "\" 200 ") == 3);
    CHECK(client.stats().rangeRequests == 0);

    auto tampered = wheels.front();
    tampered.coreMetadataHashes["sha256"] = std::string(64, '0');
    const auto rejected = client.coreMetadata(tampered);
    REQUIRE_FALSE(rejected);
    CHECK(rejected.error().code == ErrorCode::Invalid);
    CHECK(rejected.error().indexName == "pypi");
}

TEST_CASE("Without metadata files the wheel's METADATA is read with range requests",
          "[index][client][metadata]")
{
    test::TempDir dir;
    test::generateIndex(dir / "out", {test::writeTinyScenario(dir.path())});
    test::NginxFixture server({.root = dir / "out/pypi"});
    HttpClient http(fastRetries());
    IndexClient client({.name = "nometa", .url = server.url("/nometa/")}, {.http = &http});

    const auto page = client.projectPage("tinypkg");
    REQUIRE(page);
    REQUIRE(page->has_value());
    const auto* wheel = findFile(**page, "tinypkg-1.1.0-py3-none-any.whl");
    REQUIRE(wheel != nullptr);
    CHECK_FALSE(wheel->hasCoreMetadata);
    const auto metadata = client.coreMetadata(*wheel);
    INFO((metadata ? std::string() : metadata.error().describe()));
    REQUIRE(metadata);
    CHECK(metadata->find("Requires-Python: >=3.8") != std::string::npos);
    CHECK(client.stats().rangeRequests >= 1);
    CHECK(client.stats().fullDownloads == 0);
    CHECK(server.waitForRequestCount(2) == 2);
    const auto lines = test::logLines(server.accessLog());
    CHECK(test::countLogged(lines, "tinypkg-1.1.0-py3-none-any.whl HTTP", "\" 206 ") >= 1);
    CHECK(test::countLogged(lines, ".metadata", "") == 0);
}

TEST_CASE("A server that ignores ranges still yields the metadata through a full download",
          "[index][client][metadata]")
{
    test::TempDir dir;
    test::generateIndex(dir / "out", {test::writeTinyScenario(dir.path())});
    test::NginxFixture server({.root = dir / "out/pypi", .extraServerConfig = "        max_ranges 0;\n"});
    test::TempDir cacheDir;
    HttpCache cache(cacheDir.path());
    HttpClient http(fastRetries());
    IndexClient client({.name = "noranges", .url = server.url("/nometa/")}, {.http = &http, .cache = &cache});

    const auto page = client.projectPage("tinypkg");
    REQUIRE(page);
    REQUIRE(page->has_value());
    const auto* wheel = findFile(**page, "tinypkg-1.0.0-py3-none-any.whl");
    REQUIRE(wheel != nullptr);
    const auto metadata = client.coreMetadata(*wheel);
    INFO((metadata ? std::string() : metadata.error().describe()));
    REQUIRE(metadata);
    CHECK(metadata->find("Requires-Dist: otherpkg>=2") != std::string::npos);
    CHECK(client.stats().fullDownloads == 1);
    CHECK(server.waitForRequestCount(2) == 2);
    CHECK(test::countLogged(test::logLines(server.accessLog()), "tinypkg-1.0.0-py3-none-any.whl HTTP",
                            "\" 200 ") == 1);
    // The downloaded wheel went into the content-addressed cache: downloading it costs nothing now.
    const auto bytes = client.download(*wheel);
    REQUIRE(bytes);
    CHECK(std::filesystem::exists(cache.artifactPath(*wheel->sha256())));
    CHECK(server.requestCount() == 2);
}
