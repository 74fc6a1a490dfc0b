#include <catch2/catch.hpp>

#include "core/index/url.h"

using namespace pindex;
using namespace pindex::index;

TEST_CASE("Relative links resolve against the page URL as RFC 3986 says", "[index][url]")
{
    const std::string base = "https://example.org/simple/demo/";
    CHECK(resolveUrl(base, "../../files/a.whl").value() == "https://example.org/files/a.whl");
    CHECK(resolveUrl(base, "a.whl").value() == "https://example.org/simple/demo/a.whl");
    CHECK(resolveUrl(base, "./x/../b.whl").value() == "https://example.org/simple/demo/b.whl");
    CHECK(resolveUrl(base, "/abs/c.whl?x=1").value() == "https://example.org/abs/c.whl?x=1");
    CHECK(resolveUrl(base, "//cdn.example.org/d.whl").value() == "https://cdn.example.org/d.whl");
    CHECK(resolveUrl(base, "http://other.example.org/e.whl").value() == "http://other.example.org/e.whl");
    CHECK(resolveUrl("https://example.org/simple/demo", "f.whl").value() ==
          "https://example.org/simple/f.whl");
    CHECK(resolveUrl("http://127.0.0.1:8080", "g.whl").value() == "http://127.0.0.1:8080/g.whl");
    CHECK_FALSE(resolveUrl("not a url", "x.whl"));
}

TEST_CASE("URL origins compare scheme, host and port, ignoring credentials and case", "[index][url]")
{
    CHECK(urlOrigin("https://user:pw@Example.org/simple/") == "https://example.org:443");
    CHECK(urlOrigin("http://127.0.0.1:8080/x") == "http://127.0.0.1:8080");
    CHECK(urlOrigin("http://[::1]/x") == "http://[::1]:80");
    CHECK(urlOrigin("https://example.org") != urlOrigin("https://example.org:8443"));
}

TEST_CASE("Credentials in a URL are split off and percent-decoded", "[index][url]")
{
    const auto split = splitUrlCredentials("https://al%40ice:p%3Ass@example.org/simple/");
    CHECK(split.url == "https://example.org/simple/");
    REQUIRE(split.credentials);
    CHECK(split.credentials->username == "al@ice");
    CHECK(split.credentials->password == "p:ss");

    const auto token = splitUrlCredentials("https://tok3n@example.org/simple/");
    REQUIRE(token.credentials);
    CHECK(token.credentials->username.empty());
    CHECK(token.credentials->password == "tok3n");

    const auto none = splitUrlCredentials("https://example.org/a@b");
    CHECK_FALSE(none.credentials);
    CHECK(none.url == "https://example.org/a@b");
}
