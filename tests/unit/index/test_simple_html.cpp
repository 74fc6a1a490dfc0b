#include <string>

#include <catch2/catch.hpp>

#include "core/index/simple_html.h"

using namespace pindex;
using namespace pindex::index;

TEST_CASE("HTML project page: hashes, requires-python, yanked and metadata attributes are read",
          "[index][html]")
{
    const std::string html = R"(<!DOCTYPE html>
<html><head><meta name="pypi:repository-version" content="1.1"><title>Links for demo</title></head>
<body><h1>Links for demo</h1>
<a href="../../files/demo-1.0-py3-none-any.whl#sha256=ABCDEF" data-requires-python="&gt;=3.8,&lt;4"
   data-core-metadata="sha256=0123" data-dist-info-metadata="sha256=9999">demo-1.0-py3-none-any.whl</a><br/>
<a href="../../files/demo-0.9.tar.gz#sha256=feed" data-yanked="broken &quot;build&quot;">demo-0.9.tar.gz</a><br/>
<a href="../../files/demo-0.8.tar.gz" data-yanked>demo-0.8.tar.gz</a>
</body></html>)";
    const auto page = parseProjectPageHtml(html, "https://example.org/simple/demo/");
    REQUIRE(page);
    CHECK(page->apiVersion == "1.1");
    CHECK(page->format == ApiFormat::Html);
    REQUIRE(page->files.size() == 3);

    const auto& wheel = page->files[0];
    CHECK(wheel.filename == "demo-1.0-py3-none-any.whl");
    CHECK(wheel.url == "https://example.org/files/demo-1.0-py3-none-any.whl");
    CHECK(wheel.sha256() == std::optional<std::string>("abcdef"));
    CHECK(wheel.requiresPython == ">=3.8,<4");
    CHECK_FALSE(wheel.yanked);
    CHECK(wheel.hasCoreMetadata);
    CHECK(wheel.coreMetadataHashes.at("sha256") == "0123"); // data-core-metadata wins over the legacy name
    CHECK(wheel.metadataUrl() == "https://example.org/files/demo-1.0-py3-none-any.whl.metadata");
    CHECK(wheel.isWheel());

    CHECK(page->files[1].yanked);
    CHECK(page->files[1].yankedReason == "broken \"build\"");
    CHECK_FALSE(page->files[1].hasCoreMetadata);
    CHECK(page->files[2].yanked);
    CHECK(page->files[2].yankedReason.empty());
    CHECK(page->files[2].hashes.empty());
}

TEST_CASE("HTML project page: upper-case tags, any attribute order and quoting, comments and base href",
          "[index][html]")
{
    const std::string html =
        "<HTML><BODY>\n"
        "<!-- <a href=\"/not/a/link.whl\">hidden</a> -->\n"
        "<BASE HREF='https://files.example.org/packages/'>\n"
        "<A DATA-REQUIRES-PYTHON='&gt;=3.6' HREF=pkg-2.0.tar.gz#SHA256=AA>pkg-2.0.tar.gz</A>\n"
        "<a\n  data-dist-info-metadata=true\n  href = \"/abs/pkg-1.0-py3-none-any.whl\"\n>"
        "  pkg-1.0-py3-none-any.whl  </a>\n"
        "<a href='//cdn.example.org/x/pkg-0.1.zip' data-core-metadata>pkg-0.1.zip</a>\n"
        "<a href=\"https://elsewhere.example.org/pkg%2Bx-0.2.tar.gz\"></a>\n"
        "<a name=\"anchor-without-href\">nothing</a>\n"
        "</BODY></HTML>";
    const auto page = parseProjectPageHtml(html, "https://example.org/simple/pkg/");
    REQUIRE(page);
    REQUIRE(page->files.size() == 4);
    CHECK(page->files[0].url == "https://files.example.org/packages/pkg-2.0.tar.gz");
    CHECK(page->files[0].hashes.at("sha256") == "aa");
    CHECK(page->files[0].requiresPython == ">=3.6");
    CHECK(page->files[1].url == "https://files.example.org/abs/pkg-1.0-py3-none-any.whl");
    CHECK(page->files[1].filename == "pkg-1.0-py3-none-any.whl");
    CHECK(page->files[1].hasCoreMetadata);
    CHECK(page->files[1].coreMetadataHashes.empty());
    CHECK(page->files[2].url == "https://cdn.example.org/x/pkg-0.1.zip");
    CHECK(page->files[2].hasCoreMetadata);
    CHECK(page->files[3].filename == "pkg+x-0.2.tar.gz"); // from the URL when the text is empty
}

TEST_CASE("HTML entities decode: named, decimal, hexadecimal, and unknown ones stay as written",
          "[index][html]")
{
    CHECK(decodeHtmlEntities("&gt;=3.8, &lt;4 &amp; &quot;x&quot; &#39;y&#x27;") == ">=3.8, <4 & \"x\" 'y'");
    CHECK(decodeHtmlEntities("&#x2264;") == "\xE2\x89\xA4");
    CHECK(decodeHtmlEntities("a &unknown; b & c") == "a &unknown; b & c");
    CHECK(decodeHtmlEntities("no entities") == "no entities");
}

TEST_CASE("HTML project list: names in order, meta version read", "[index][html]")
{
    const std::string html = R"(<html><head><meta content="1.0" name="pypi:repository-version"></head><body>
<a href="/simple/alpha/">Alpha</a>
<a href='/simple/beta-pkg/'>beta_pkg</a>
<A HREF=/simple/gamma/>gamma</A>
</body></html>)";
    const auto list = parseProjectListHtml(html);
    REQUIRE(list);
    CHECK(list->apiVersion == "1.0");
    CHECK(list->names == std::vector<std::string>{"Alpha", "beta_pkg", "gamma"});
}

TEST_CASE("HTML project page with 5000 files parses completely", "[index][html][large]")
{
    std::string html = "<!DOCTYPE html><html><body><h1>Links for big</h1>\n";
    constexpr int kFiles = 5000;
    for (int i = 0; i < kFiles; ++i) {
        const std::string version = std::to_string(i / 100) + "." + std::to_string(i % 100);
        const std::string name =
            "big-" + version + (i % 2 == 0 ? "-cp311-cp311-manylinux_2_17_x86_64.whl" : ".tar.gz");
        html += "<a href=\"https://files.example.org/ab/cd/" + name +
                "#sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\""
                " data-requires-python=\"&gt;=3.7\"" +
                (i % 7 == 0 ? std::string(" data-yanked=\"\"") : std::string()) + ">" + name + "</a><br/>\n";
    }
    html += "</body></html>\n";
    const auto page = parseProjectPageHtml(html, "https://example.org/simple/big/");
    REQUIRE(page);
    REQUIRE(page->files.size() == kFiles);
    CHECK(page->files.back().filename == "big-49.99.tar.gz");
    CHECK(page->files[7].yanked);
    CHECK(page->files[4999].requiresPython == ">=3.7");
}
