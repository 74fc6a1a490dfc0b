#include <fstream>
#include <map>

#include <catch2/catch.hpp>

#include <QUuid>

#include "core/auth/credential_chain.h"
#include "core/auth/memory_store.h"
#include "tests/integration/auth/authenticated_fetch.h"
#include "tests/integration/keychain/keychain_wait.h"
#include "tests/support/nginx_fixture.h"
#include "ui/keychain/keychain_store.h"

using namespace pindex;

namespace {

QString randomService()
{
    return QStringLiteral("pindex-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

std::string secretOf(const Result<std::optional<auth::Credentials>>& loaded)
{
    INFO((loaded ? std::string() : loaded.error().describe()));
    REQUIRE(loaded);
    REQUIRE(loaded->has_value());
    return (*loaded)->password;
}

} // namespace

TEST_CASE("index credentials in the keychain: store, read by URL alone, overwrite, delete",
          "[auth][keychain]")
{
    ui::KeychainStore store(randomService());
    auth::CredentialVault vault(store);
    const std::string url = "https://pkgs.example.com/simple/";
    REQUIRE(test::vaultSave(vault, url, {"alice", "first-secret"}));
    const auto loaded = test::vaultLoad(vault, "HTTPS://pkgs.example.com/simple");
    CHECK(secretOf(loaded) == "first-secret");
    CHECK((*loaded)->username == "alice");
    REQUIRE(test::vaultSave(vault, url, {"alice", "second-secret"}));
    CHECK(secretOf(test::vaultLoad(vault, url)) == "second-secret");
    REQUIRE(test::vaultRemove(vault, url));
    const auto gone = test::vaultLoad(vault, url);
    REQUIRE(gone);
    CHECK_FALSE(gone->has_value());
}

TEST_CASE("two indexes on one host keep different credentials in the keychain", "[auth][keychain]")
{
    ui::KeychainStore store(randomService());
    auth::CredentialVault vault(store);
    REQUIRE(test::vaultSave(vault, "https://host.example.com/team-a/simple/", {"alice", "a-secret"}));
    REQUIRE(test::vaultSave(vault, "https://host.example.com/team-b/simple/", {"bob", "b-secret"}));
    CHECK(secretOf(test::vaultLoad(vault, "https://host.example.com/team-a/simple/")) == "a-secret");
    CHECK(secretOf(test::vaultLoad(vault, "https://host.example.com/team-b/simple/")) == "b-secret");
    REQUIRE(test::vaultRemove(vault, "https://host.example.com/team-a/simple/"));
    REQUIRE(test::vaultRemove(vault, "https://host.example.com/team-b/simple/"));
}

TEST_CASE("the chain reaches the keychain last, after URL, environment, netrc and session",
          "[auth][keychain]")
{
    test::TempDir dir;
    ui::KeychainStore keychain(randomService());
    auth::MemoryStore session;
    std::map<std::string, std::string> environment;
    const std::string url = "https://pkgs.example.com/simple/";
    auto ask = [&](const std::string& indexUrl) {
        return test::onWorker([&, indexUrl] {
            auto chain = auth::makeCredentialChain(
                {.environment = [&](const std::string& name) -> std::optional<std::string> {
                     if (name == "NETRC")
                         return (dir / "netrc").string();
                     if (const auto it = environment.find(name); it != environment.end())
                         return it->second;
                     return std::nullopt;
                 },
                 .session = &session,
                 .keychain = &keychain});
            return chain->credentialsFor({"private", indexUrl});
        });
    };
    auto secret = [](const Result<std::optional<auth::ProvidedCredentials>>& provided) {
        INFO((provided ? std::string() : provided.error().describe()));
        REQUIRE(provided);
        REQUIRE(provided->has_value());
        return (*provided)->credentials.password;
    };

    {
        const auto nothing = ask(url);
        REQUIRE(nothing);
        CHECK_FALSE(nothing->has_value());
    }
    auth::CredentialVault keychainVault(keychain);
    REQUIRE(test::vaultSave(keychainVault, url, {"k-user", "from-keychain"}));
    CHECK(secret(ask(url)) == "from-keychain");
    CHECK((*ask(url))->source == auth::CredentialSource::Keychain);

    auth::CredentialVault(session).save(url, {"s-user", "from-session"},
                                        [](Status saved) { REQUIRE(saved); });
    CHECK(secret(ask(url)) == "from-session");

    std::ofstream(dir / "netrc") << "machine pkgs.example.com login n-user password from-netrc\n";
    CHECK(secret(ask(url)) == "from-netrc");

    environment["UV_INDEX_PRIVATE_USERNAME"] = "e-user";
    environment["UV_INDEX_PRIVATE_PASSWORD"] = "from-env";
    CHECK(secret(ask(url)) == "from-env");

    CHECK(secret(ask("https://u:from-url@pkgs.example.com/simple/")) == "from-url");
    REQUIRE(test::vaultRemove(keychainVault, url));
}

TEST_CASE("an authenticated index page fetch succeeds with credentials from the keychain", "[auth][keychain]")
{
    test::TempDir dir;
    std::ofstream(dir / "tiny.toml") << "name = \"tiny\"\n[root]\nrequires = [\"tinypkg\"]\n"
                                        "[packages.tinypkg.versions.\"1.0.0\"]\n";
    test::generateIndex(dir / "out", {dir / "tiny.toml"});
    test::NginxFixture server(
        {.root = dir / "out/pypi", .basicAuth = test::BasicAuthUser{"alice", "kc-Secret-42"}});
    ui::KeychainStore keychain(randomService());
    auth::CredentialVault vault(keychain);
    REQUIRE(test::vaultSave(vault, server.url("/simple/"), {"alice", "kc-Secret-42"}));
    const auto fetched = test::onWorker([&] {
        auto chain = auth::makeCredentialChain(
            {.environment = [](const std::string&) { return std::optional<std::string>(); },
             .keychain = &keychain});
        return test::fetchWithChain(*chain, {"private", server.url("/simple/")}, "tinypkg/");
    });
    INFO((fetched ? std::string() : fetched.error().describe()));
    REQUIRE(fetched);
    CHECK(fetched->response.status == 200);
    CHECK(fetched->source == auth::CredentialSource::Keychain);
    REQUIRE(test::vaultRemove(vault, server.url("/simple/")));
}
