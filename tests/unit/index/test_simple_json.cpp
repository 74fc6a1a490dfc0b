#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/index/simple_json.h"
#include "core/index/url.h"

using namespace pindex;
using namespace pindex::index;

namespace {

// A page with every field the readers know, in their usual order.
const std::string kDemoPage = R"({
  "meta": {"api-version": "1.1", "_last-serial": 42},
  "name": "demo",
  "versions": ["0.9", "1.0"],
  "files": [
    {"filename": "demo-1.0-py3-none-any.whl", "url": "../../files/demo-1.0-py3-none-any.whl",
     "hashes": {"sha256": "ABCD", "md5": "ff"}, "requires-python": ">=3.8",
     "core-metadata": {"sha256": "1234"}, "dist-info-metadata": {"sha256": "9999"},
     "size": 1234, "upload-time": "2020-02-02T00:00:00.000000Z", "yanked": false},
    {"filename": "demo-0.9.tar.gz", "url": "https://cdn.example.org/demo-0.9.tar.gz#sha256=beef",
     "hashes": {}, "yanked": "security issue", "dist-info-metadata": true},
    {"filename": "demo-0.8.tar.gz", "url": "/files/demo-0.8.tar.gz", "hashes": {}, "yanked": true,
     "core-metadata": false}
  ]
})";

} // namespace

TEST_CASE("JSON project page: PEP 691, 700 and 714 fields are read", "[index][json]")
{
    const std::string& json = kDemoPage;
    const auto page = parseProjectPageJson(json, "https://example.org/simple/demo/");
    REQUIRE(page);
    CHECK(page->name == "demo");
    CHECK(page->apiVersion == "1.1");
    CHECK(page->format == ApiFormat::Json);
    CHECK(page->versions == std::vector<std::string>{"0.9", "1.0"});
    REQUIRE(page->files.size() == 3);
    const auto& wheel = page->files[0];
    CHECK(wheel.url == "https://example.org/files/demo-1.0-py3-none-any.whl");
    CHECK(wheel.hashes.at("sha256") == "abcd");
    CHECK(wheel.hashes.at("md5") == "ff");
    CHECK(wheel.requiresPython == ">=3.8");
    CHECK(wheel.hasCoreMetadata);
    CHECK(wheel.coreMetadataHashes.at("sha256") == "1234");
    CHECK(wheel.size == std::optional<std::uint64_t>(1234));
    CHECK(wheel.uploadTime == "2020-02-02T00:00:00.000000Z");
    CHECK_FALSE(wheel.yanked);

    CHECK(page->files[1].url == "https://cdn.example.org/demo-0.9.tar.gz");
    CHECK(page->files[1].hashes.at("sha256") == "beef");
    CHECK(page->files[1].yanked);
    CHECK(page->files[1].yankedReason == "security issue");
    CHECK(page->files[1].hasCoreMetadata);
    CHECK(page->files[2].yanked);
    CHECK(page->files[2].yankedReason.empty());
    CHECK_FALSE(page->files[2].hasCoreMetadata);
    CHECK(page->files[2].url == "https://example.org/files/demo-0.8.tar.gz");
}

TEST_CASE("JSON project page: malformed documents are parse errors naming the URL", "[index][json]")
{
    const auto broken = parseProjectPageJson("{\"files\": [", "https://user:secret@example.org/simple/x/");
    REQUIRE_FALSE(broken);
    CHECK(broken.error().code == ErrorCode::Parse);
    CHECK(broken.error().url.find("secret") == std::string::npos);
    CHECK(broken.error().url.find("example.org/simple/x/") != std::string::npos);

    const auto noFiles =
        parseProjectPageJson(R"({"meta": {"api-version": "1.0"}, "name": "x"})", "https://e.org/");
    REQUIRE_FALSE(noFiles);
    CHECK(noFiles.error().message.find("files") != std::string::npos);

    const auto future =
        parseProjectPageJson(R"({"meta": {"api-version": "2.0"}, "files": []})", "https://e.org/");
    REQUIRE_FALSE(future);
    CHECK(future.error().message.find("2.0") != std::string::npos);

    const auto missingUrl = parseProjectPageJson(R"({"files": [{"filename": "a.whl"}]})", "https://e.org/");
    REQUIRE_FALSE(missingUrl);
    CHECK(missingUrl.error().message.find("files[0]") != std::string::npos);
}

TEST_CASE("JSON project list: names are read in order", "[index][json]")
{
    const auto list = parseProjectListJson(
        R"({"meta": {"api-version": "1.0"}, "projects": [{"name": "Alpha"}, {"name": "beta_pkg"}]})",
        "https://e.org/simple/");
    REQUIRE(list);
    CHECK(list->apiVersion == "1.0");
    CHECK(list->names == std::vector<std::string>{"Alpha", "beta_pkg"});
}

TEST_CASE("JSON project page with 5000 files parses completely", "[index][json][large]")
{
    std::string json = R"({"meta": {"api-version": "1.1"}, "name": "big", "versions": [], "files": [)";
    constexpr int kFiles = 5000;
    for (int i = 0; i < kFiles; ++i) {
        if (i > 0)
            json += ',';
        json += R"({"filename": "big-)" + std::to_string(i) +
                R"(.tar.gz", "url": "https://f.example.org/big-)" + std::to_string(i) +
                R"(.tar.gz", "hashes": {"sha256": "00ff"}, "size": )" + std::to_string(i) + "}";
    }
    json += "]}";
    const auto page = parseProjectPageJson(json, "https://example.org/simple/big/");
    REQUIRE(page);
    REQUIRE(page->files.size() == kFiles);
    CHECK(page->files.back().filename == "big-4999.tar.gz");
    CHECK(page->files.back().size == std::optional<std::uint64_t>(4999));
}

TEST_CASE("LinkResolver resolves every link as resolveUrl does, a directory at a time", "[index][json][url]")
{
    const std::vector<std::string> links = {
        "../../files/demo-1.0-py3-none-any.whl",
        "../../files/demo-1.0.tar.gz",
        "../../other/demo-0.9.tar.gz",
        "../../files/demo-1.1.tar.gz",
        "demo-1.0.tar.gz",
        "./demo-1.0.tar.gz",
        "sub/./demo-1.0.tar.gz",
        "sub/../demo-1.0.tar.gz",
        "../../../../../x/demo.whl",
        "/files/demo-0.8.tar.gz",
        "//cdn.example.org/files/demo.whl",
        "https://cdn.example.org/a/b/demo.whl",
        "HTTPS://cdn.example.org/a/b/demo.whl",
        "git+https://example.org/demo.git",
        "dir/a:b.whl",
        "a//b/demo.whl",
        "files/",
        "files/.",
        "files/..",
        "files/demo.whl?x=1",
        "?download",
        "",
    };
    for (const std::string base :
         {"https://example.org/simple/demo/", "https://user:secret@example.org:8443/simple/demo/?page=1",
          "http://127.0.0.1:8080/simple/demo"}) {
        LinkResolver resolver(base);
        for (int round = 0; round < 2; ++round) {
            for (const auto& link : links) {
                INFO(base << " + " << link);
                const auto expected = resolveUrl(base, link);
                const auto resolved = resolver.resolve(link);
                REQUIRE(resolved.has_value() == expected.has_value());
                if (expected)
                    CHECK(*resolved == *expected);
            }
        }
    }
    LinkResolver withoutScheme("no-scheme/simple/");
    CHECK_FALSE(withoutScheme.resolve("../files/demo.whl"));
    CHECK(withoutScheme.resolve("https://example.org/demo.whl").value() == "https://example.org/demo.whl");
}

TEST_CASE("JSON project page: fields in any order, the hashes dictionary winning over a fragment",
          "[index][json]")
{
    const std::string json = R"({"files": [
    {"hashes": {"SHA256": "New", "md5": "AB"}, "yanked": "", "size": -1,
     "url": "../../files/demo-1.0.tar.gz#sha256=OLD", "dist-info-metadata": {"sha256": "22"},
     "core-metadata": false, "filename": "demo-1.0.tar.gz", "filename": "ignored.tar.gz"}
  ]})";
    const auto page = parseProjectPageJson(json, "https://example.org/simple/demo/");
    REQUIRE(page);
    REQUIRE(page->files.size() == 1);
    const auto& file = page->files[0];
    CHECK(file.filename == "demo-1.0.tar.gz");
    CHECK(file.url == "https://example.org/files/demo-1.0.tar.gz");
    CHECK(file.hashes == std::map<std::string, std::string>{{"md5", "ab"}, {"sha256", "new"}});
    CHECK(file.yanked);
    CHECK(file.yankedReason.empty());
    CHECK_FALSE(file.size);
    CHECK_FALSE(file.hasCoreMetadata); // core-metadata wins over dist-info-metadata
    CHECK(file.coreMetadataHashes.empty());
}

namespace {

void checkSameFile(const DistributionFile& complete, const DistributionFile& full)
{
    CHECK(complete.filename == full.filename);
    CHECK(complete.url == full.url);
    CHECK(complete.hashes == full.hashes);
    CHECK(complete.requiresPython == full.requiresPython);
    CHECK(complete.yanked == full.yanked);
    CHECK(complete.yankedReason == full.yankedReason);
    CHECK(complete.hasCoreMetadata == full.hasCoreMetadata);
    CHECK(complete.coreMetadataHashes == full.coreMetadataHashes);
    CHECK(complete.size == full.size);
    CHECK(complete.uploadTime == full.uploadTime);
}

} // namespace

TEST_CASE("JSON project page in summary: the fields a resolver needs at once, every file completed as the "
          "full reader reads it",
          "[index][json][summary]")
{
    const std::string json =
        GENERATE(std::string(kDemoPage),
                 // Fields in any order and repeated (the first counts), escapes in names and links, the files
                 // list before the API version.
                 std::string(R"({"files": [
    {"hashes": {"SHA256": "New", "md5": "AB"}, "yanked": "", "size": -1,
     "url": "..\/..\/files\/demo-1.0.tar.gz#sha256=OLD", "dist-info-metadata": {"sha256": "22"},
     "core-metadata": false, "filename": "demo-1.0.tar.gz", "filename": "ignored.tar.gz",
     "requires-python": ">=3.7, !=3.8.*", "requires-python": "ignored"},
    {"filename": "demo-2.0-py3-none-any.whl", "url": "../../files/demo-2.0-py3-none-any.whl", "yanked": 7,
     "core-metadata": "odd", "extra": {"nested": [1, 2, {"x": null}]}},
    {"filename": "demo-0.8.tar.gz", "url": "/files/demo-0.8.tar.gz", "yanked": "security \"issue\" \u00e9",
     "core-metadata": false, "dist-info-metadata": true}
  ], "meta": {"_last-serial": 1, "api-version": "1.0"}, "name": "Demo"})"),
                 std::string(R"({"meta": {"api-version": "1.0"}, "name": "empty", "files": []})"));
    const std::string pageUrl = "https://example.org/simple/demo/";
    const auto full = parseProjectPageJson(json, pageUrl);
    INFO((full ? std::string() : full.error().describe()));
    REQUIRE(full);
    auto text = json;
    text.shrink_to_fit(); // no spare capacity: the summary makes room for its parser's padding
    const auto summary = summarizeProjectPageJson(std::move(text), pageUrl);
    INFO((summary ? std::string() : summary.error().describe()));
    REQUIRE(summary);
    CHECK(summary->name == full->name);
    CHECK(summary->apiVersion == full->apiVersion);
    CHECK(summary->format == ApiFormat::Json);
    CHECK(summary->versions == full->versions);
    REQUIRE(summary->text != nullptr);
    CHECK(summary->text->text() == json);
    CHECK(summary->text->url() == pageUrl);
    REQUIRE(summary->files.size() == full->files.size());
    REQUIRE(summary->entries.size() == full->files.size());
    for (std::size_t i = 0; i < full->files.size(); ++i) {
        const auto& summarized = summary->files[i];
        const auto& whole = full->files[i];
        CHECK(summarized.filename == whole.filename);
        CHECK(summarized.requiresPython == whole.requiresPython);
        CHECK(summarized.yanked == whole.yanked);
        CHECK(summarized.yankedReason == whole.yankedReason);
        CHECK(summarized.hasCoreMetadata == whole.hasCoreMetadata);
        CHECK(summarized.url.empty()); // the rest waits for completion
        CHECK(summarized.hashes.empty());
        CHECK(summary->entries[i].position == i);
        const auto completed = summary->text->complete(summary->entries[i]);
        REQUIRE(completed);
        checkSameFile(*completed, whole);
    }
}

TEST_CASE("JSON project page in summary: what the full reader refuses is refused, with the same error",
          "[index][json][summary]")
{
    const std::string json =
        GENERATE(std::string("{\"files\": ["), std::string("[1, 2]"),
                 std::string(R"({"meta": {"api-version": "1.0"}, "name": "x"})"),
                 std::string(R"({"files": {"a": 1}})"),
                 std::string(R"({"meta": {"api-version": "2.0"}, "files": []})"),
                 std::string(R"({"files": [{"filename": "a.whl"}], "meta": {"api-version": "2.0"}})"),
                 std::string(R"({"files": [{"filename": "a.whl"}]})"),
                 std::string(R"({"files": [{"filename": "", "url": "a.whl"}]})"),
                 std::string(R"({"files": [{"filename": "a.whl", "url": 5}]})"),
                 std::string(R"({"files": [{"filename": "a.whl", "url": "a.whl"}, 7]})"),
                 std::string(R"({"files": []} trailing)"));
    const std::string pageUrl = "https://user:secret@example.org/simple/x/";
    const auto full = parseProjectPageJson(json, pageUrl);
    const auto summary = summarizeProjectPageJson(json, pageUrl);
    INFO(json);
    REQUIRE_FALSE(full);
    REQUIRE_FALSE(summary);
    CHECK(summary.error().code == full.error().code);
    CHECK(summary.error().url == full.error().url);
    CHECK(summary.error().url.find("secret") == std::string::npos);
    // Shape errors say the same; syntax errors come from simdjson, whose two readers word them apart.
    if (full.error().message.find("files") != std::string::npos ||
        full.error().message.find("API version") != std::string::npos ||
        full.error().message.find("top level") != std::string::npos)
        CHECK(summary.error().message == full.error().message);
}

TEST_CASE("A summarized file whose entry lies outside its page cannot be completed", "[index][json][summary]")
{
    const PageText text(R"({"files": []})", "https://example.org/simple/x/");
    const auto outside = text.complete({.offset = 5, .length = 100, .position = 3});
    REQUIRE_FALSE(outside);
    CHECK(outside.error().code == ErrorCode::Parse);
    CHECK(outside.error().message.find("files[3]") != std::string::npos);
}
