#include <catch2/catch.hpp>

#include "core/auth/plain_text_credentials.h"

using namespace pindex;

namespace {

constexpr std::string_view kPyProject = R"([project]
name = "demo"

[[tool.uv.index]]
name = "private"
url = "https://alice:pl%40in-secret@pkgs.example.com/simple/"

[[tool.uv.index]]
name = "token-only"
url = "https://__token__@other.example.com/simple/"

[[tool.uv.index]]
name = 'single'
url = 'https://bob:b-secret@third.example.com/simple/'   # keep this comment
)";

} // namespace

TEST_CASE("plain-text passwords in index URLs are found with their line and column", "[auth][plain_text]")
{
    const auto found = auth::findPlainTextCredentials(kPyProject);
    REQUIRE(found.size() == 2);
    CHECK(found[0].line == 6);
    CHECK(found[0].column == 8);
    CHECK(found[0].credentials.username == "alice");
    CHECK(found[0].credentials.password == "pl@in-secret");
    CHECK(found[0].maskedUrl == "https://alice:****@pkgs.example.com/simple/");
    CHECK(found[1].line == 14);
    CHECK(found[1].credentials.username == "bob");
}

TEST_CASE("removing a plain-text password rewrites only that URL", "[auth][plain_text]")
{
    const auto found = auth::findPlainTextCredentials(kPyProject);
    REQUIRE(found.size() == 2);
    const auto rewritten = auth::withoutPlainTextCredential(kPyProject, found[1]);
    REQUIRE(rewritten);
    std::string expected(kPyProject);
    const std::string from = "https://bob:b-secret@third.example.com/simple/";
    expected.replace(expected.find(from), from.size(), "https://third.example.com/simple/");
    CHECK(*rewritten == expected);
    CHECK(auth::findPlainTextCredentials(*rewritten).size() == 1);

    const auto stale = auth::withoutPlainTextCredential("url = \"https://x/\"", found[1]);
    REQUIRE_FALSE(stale);
    CHECK(stale.error().code == ErrorCode::Conflict);
    CHECK(stale.error().message.find("b-secret") == std::string::npos);
}
