#include <fstream>

#include <catch2/catch.hpp>

#include "core/auth/netrc.h"
#include "core/auth/netrc_provider.h"
#include "tests/support/temp_dir.h"

using namespace pindex;

TEST_CASE("netrc entries are found by host, then by login, then the default", "[auth][netrc]")
{
    const auto netrc = auth::Netrc::parse("# a comment line\n"
                                          "machine pkgs.example.com login alice password a-secret\n"
                                          "machine pkgs.example.com\n  login bob\n  password \"b secret\"\n"
                                          "macdef init\ncd /pub\nmachine evil login x password y\n\n"
                                          "default login anonymous password guest\n");
    REQUIRE(netrc);
    CHECK(netrc->entries().size() == 3);
    CHECK(netrc->find("PKGS.example.com")->password == "a-secret");
    CHECK(netrc->find("pkgs.example.com", "bob")->password == "b secret");
    CHECK(netrc->find("elsewhere.example.com")->username == "anonymous");
    CHECK(netrc->find("evil")->username == "anonymous"); // inside macdef: not an entry
}

TEST_CASE("a malformed netrc names the line and column and never the secret", "[auth][netrc]")
{
    const auto netrc =
        auth::Netrc::parse("machine host login alice\nsecret-without-keyword\n", "/home/a/.netrc");
    REQUIRE_FALSE(netrc);
    CHECK(netrc.error().code == ErrorCode::Parse);
    REQUIRE(netrc.error().location);
    CHECK(netrc.error().location->line == 2);
    CHECK(netrc.error().location->column == 1);
    CHECK(netrc.error().describe().find("secret-without-keyword") == std::string::npos);

    const auto dangling = auth::Netrc::parse("machine host login alice password");
    REQUIRE_FALSE(dangling);
    CHECK(dangling.error().location->line == 1);
}

TEST_CASE("the netrc provider uses NETRC, else HOME, and a missing file means nothing found", "[auth][netrc]")
{
    test::TempDir dir;
    std::ofstream(dir / "netrc") << "machine 127.0.0.1 login alice password from-netrc\n";
    const auto environment = [&](const std::string& name) -> std::optional<std::string> {
        if (name == "NETRC")
            return (dir / "netrc").string();
        return std::nullopt;
    };
    CHECK(auth::defaultNetrcPath(environment) == dir / "netrc");
    CHECK(auth::defaultNetrcPath([](const std::string& name) -> std::optional<std::string> {
              return name == "HOME" ? std::optional<std::string>("/home/u") : std::nullopt;
          }) == "/home/u/.netrc");

    auth::NetrcProvider provider(auth::defaultNetrcPath(environment));
    const auto found = provider.credentialsFor({"local", "http://127.0.0.1:8080/simple/"});
    REQUIRE(found);
    REQUIRE(found->has_value());
    CHECK((*found)->credentials.username == "alice");
    CHECK((*found)->credentials.password == "from-netrc");
    CHECK((*found)->source == auth::CredentialSource::Netrc);
    // A username in the URL that the file does not know: no match.
    CHECK_FALSE(provider.credentialsFor({"local", "http://bob@127.0.0.1/simple/"}).value().has_value());

    auth::NetrcProvider missing(dir / "absent");
    CHECK_FALSE(missing.credentialsFor({"local", "http://127.0.0.1/"}).value().has_value());
}
