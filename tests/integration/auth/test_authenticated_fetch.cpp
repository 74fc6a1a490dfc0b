#include <fstream>
#include <map>

#include <catch2/catch.hpp>

#include "core/auth/credential_chain.h"
#include "core/auth/credential_vault.h"
#include "core/auth/memory_store.h"
#include "tests/integration/auth/authenticated_fetch.h"
#include "tests/support/nginx_fixture.h"

using namespace pindex;

namespace {

constexpr std::string_view kUser = "alice";
constexpr std::string_view kSecret = "Wonder-land-7f3e";

// A generated index behind basic auth, and a chain whose providers each test switches on.
struct ProtectedIndex
{
    test::TempDir dir;
    std::map<std::string, std::string> environment;
    auth::MemoryStore session;
    std::unique_ptr<test::NginxFixture> server;

    ProtectedIndex()
    {
        std::ofstream(dir / "tiny.toml") << "name = \"tiny\"\n[root]\nrequires = [\"tinypkg\"]\n"
                                            "[packages.tinypkg.versions.\"1.0.0\"]\n";
        test::generateIndex(dir / "out", {dir / "tiny.toml"});
        server = std::make_unique<test::NginxFixture>(
            test::NginxOptions{.root = dir / "out/pypi",
                               .basicAuth = test::BasicAuthUser{std::string(kUser), std::string(kSecret)}});
    }

    std::string indexUrl() const { return server->url("/simple/"); }

    std::shared_ptr<auth::CredentialChain> chain()
    {
        return auth::makeCredentialChain(
            {.environment = [this](const std::string& name) -> std::optional<std::string> {
                 if (name == "NETRC")
                     return (dir / "netrc").string();
                 if (const auto it = environment.find(name); it != environment.end())
                     return it->second;
                 return std::nullopt;
             },
             .session = &session});
    }
};

void requirePage(const Result<test::FetchOutcome>& fetched, auth::CredentialSource source)
{
    INFO((fetched ? std::string() : fetched.error().describe()));
    REQUIRE(fetched);
    CHECK(fetched->response.status == 200);
    CHECK(fetched->response.body.find("tinypkg-1.0.0") != std::string::npos);
    CHECK(fetched->source == source);
}

} // namespace

TEST_CASE("an authenticated index page fetch succeeds with credentials from each provider", "[auth][nginx]")
{
    ProtectedIndex index;
    SECTION("URL")
    {
        const std::string url = "http://" + std::string(kUser) + ":" + std::string(kSecret) +
                                "@127.0.0.1:" + std::to_string(index.server->port()) + "/simple/";
        requirePage(test::fetchWithChain(*index.chain(), {"private", url}, "tinypkg/"),
                    auth::CredentialSource::Url);
    }
    SECTION("environment")
    {
        index.environment["UV_INDEX_PRIVATE_USERNAME"] = kUser;
        index.environment["UV_INDEX_PRIVATE_PASSWORD"] = kSecret;
        requirePage(test::fetchWithChain(*index.chain(), {"private", index.indexUrl()}, "tinypkg/"),
                    auth::CredentialSource::Environment);
    }
    SECTION("netrc")
    {
        std::ofstream(index.dir / "netrc")
            << "machine 127.0.0.1 login " << kUser << " password " << kSecret << '\n';
        requirePage(test::fetchWithChain(*index.chain(), {"private", index.indexUrl()}, "tinypkg/"),
                    auth::CredentialSource::Netrc);
    }
    SECTION("session store")
    {
        auth::CredentialVault(index.session)
            .save(index.indexUrl(), {std::string(kUser), std::string(kSecret)},
                  [](Status saved) { REQUIRE(saved); });
        requirePage(test::fetchWithChain(*index.chain(), {"private", index.indexUrl()}, "tinypkg/"),
                    auth::CredentialSource::Session);
    }
}

TEST_CASE("wrong credentials fail with a message naming the index and not the secret", "[auth][nginx]")
{
    ProtectedIndex index;
    const std::string wrongSecret = "Not-The-Password-91c2";
    index.environment["UV_INDEX_PRIVATE_USERNAME"] = kUser;
    index.environment["UV_INDEX_PRIVATE_PASSWORD"] = wrongSecret;
    const auto fetched = test::fetchWithChain(*index.chain(), {"private", index.indexUrl()}, "tinypkg/");
    REQUIRE_FALSE(fetched);
    const Error& error = fetched.error();
    CHECK(error.code == ErrorCode::Unauthorized);
    CHECK(error.httpStatus == 401);
    CHECK(error.indexName == "private");
    const std::string text = error.describe() + error.hint + error.url;
    CHECK(text.find("index 'private'") != std::string::npos);
    CHECK(text.find("environment") != std::string::npos);
    CHECK(text.find(wrongSecret) == std::string::npos);
    CHECK(text.find(kSecret) == std::string::npos);

    // No credentials at all: the same error says none were found.
    index.environment.clear();
    const auto anonymous = test::fetchWithChain(*index.chain(), {"private", index.indexUrl()}, "tinypkg/");
    REQUIRE_FALSE(anonymous);
    CHECK(anonymous.error().message.find("none were found") != std::string::npos);
}
