#include <catch2/catch.hpp>

#include "core/auth/index_url.h"

using namespace pindex;

TEST_CASE("index URLs normalise to one key however they are spelled", "[auth][index_url]")
{
    const auto [spelling, expected] = GENERATE(table<std::string, std::string>({
        {"https://pkgs.example.com/simple/", "https://pkgs.example.com/simple/"},
        {"HTTPS://Pkgs.Example.COM:443/simple", "https://pkgs.example.com/simple/"},
        {"https://alice:secret@pkgs.example.com/simple/", "https://pkgs.example.com/simple/"},
        {"https://pkgs.example.com/simple/?x=1#top", "https://pkgs.example.com/simple/"},
        {"http://127.0.0.1:8080/simple", "http://127.0.0.1:8080/simple/"},
        {"http://host:80", "http://host/"},
        {"https://[::1]:8443/a/b", "https://[::1]:8443/a/b/"},
    }));
    const auto normalized = auth::normalizeIndexUrl(spelling);
    REQUIRE(normalized);
    CHECK(*normalized == expected);
}

TEST_CASE("a relative or empty URL is not an index URL", "[auth][index_url]")
{
    CHECK_FALSE(auth::normalizeIndexUrl("pkgs.example.com/simple"));
    CHECK_FALSE(auth::normalizeIndexUrl(""));
    const auto error = auth::normalizeIndexUrl("alice:secret@/x");
    REQUIRE_FALSE(error);
    CHECK(error.error().message.find("secret") == std::string::npos);
}

TEST_CASE("credentials in a URL are percent-decoded, a lone name is a username", "[auth][index_url]")
{
    const auto both = auth::urlCredentials("https://us%40er:he%2F%2Fo@host/simple/");
    REQUIRE(both);
    CHECK(both->username == "us@er");
    CHECK(both->password == "he//o");

    const auto token = auth::urlCredentials("https://0123abcd@host/simple/");
    REQUIRE(token);
    CHECK(token->username == "0123abcd");
    CHECK(token->password.empty());

    CHECK_FALSE(auth::urlCredentials("https://host/simple/"));
    CHECK_FALSE(auth::urlCredentials("https://host/path@with-at/"));
    CHECK(auth::percentDecode(auth::percentEncodeUserinfo("p@ss:w/rd%")) == "p@ss:w/rd%");
}

TEST_CASE("stripping credentials leaves the rest of the URL as written", "[auth][index_url]")
{
    CHECK(auth::stripUrlCredentials("https://alice:secret@Pkgs.example.com/Simple?q") ==
          "https://Pkgs.example.com/Simple?q");
    CHECK(auth::stripUrlCredentials("https://pkgs.example.com/simple") == "https://pkgs.example.com/simple");
}

TEST_CASE("origins and parent URLs walk up to the host", "[auth][index_url]")
{
    CHECK(auth::urlOrigin("https://a:b@Host:443/x/y").value() == "https://host/");
    CHECK(auth::urlHost("http://a:b@Host:8080/x") == "host");
    CHECK(auth::parentIndexUrl("https://host/a/b/").value() == "https://host/a/");
    CHECK(auth::parentIndexUrl("https://host/a/").value() == "https://host/");
    CHECK_FALSE(auth::parentIndexUrl("https://host/"));
}
