#include <fstream>
#include <map>

#include <catch2/catch.hpp>

#include "core/auth/auth_error.h"
#include "core/auth/credential_chain.h"
#include "core/auth/credential_vault.h"
#include "core/auth/memory_store.h"
#include "tests/support/temp_dir.h"

using namespace pindex;

namespace {

// One of each provider, each with its own distinguishable secret, switched on one by one.
struct ChainSetup
{
    test::TempDir dir;
    std::map<std::string, std::string> environment;
    auth::MemoryStore session;
    auth::MemoryStore keychain;

    void setNetrc()
    {
        std::ofstream(dir / "netrc") << "machine pkgs.example.com login n-user password from-netrc\n";
    }
    void setEnvironment()
    {
        environment["UV_INDEX_PRIVATE_USERNAME"] = "e-user";
        environment["UV_INDEX_PRIVATE_PASSWORD"] = "from-env";
    }
    void setStore(auth::MemoryStore& store, const std::string& secret)
    {
        auth::CredentialVault(store).save("https://pkgs.example.com/simple/", {"s-user", secret},
                                          [](Status saved) { REQUIRE(saved); });
    }

    Result<std::optional<auth::ProvidedCredentials>>
    ask(const std::string& url = "https://pkgs.example.com/simple/")
    {
        auto chain = auth::makeCredentialChain(
            {.environment = [this](const std::string& name) -> std::optional<std::string> {
                 if (name == "NETRC")
                     return (dir / "netrc").string();
                 if (const auto it = environment.find(name); it != environment.end())
                     return it->second;
                 return std::nullopt;
             },
             .session = &session,
             .keychain = &keychain});
        return chain->credentialsFor({"private", url});
    }
};

std::string secretOf(const Result<std::optional<auth::ProvidedCredentials>>& provided)
{
    REQUIRE(provided);
    REQUIRE(provided->has_value());
    return (*provided)->credentials.password;
}

} // namespace

TEST_CASE("the chain finds nothing when no provider knows the index", "[auth][chain]")
{
    ChainSetup setup;
    const auto provided = setup.ask();
    REQUIRE(provided);
    CHECK_FALSE(provided->has_value());
}

TEST_CASE("the chain answers from each provider alone", "[auth][chain]")
{
    ChainSetup setup;
    SECTION("URL")
    {
        CHECK(secretOf(setup.ask("https://u:from-url@pkgs.example.com/simple/")) == "from-url");
    }
    SECTION("environment")
    {
        setup.setEnvironment();
        CHECK(secretOf(setup.ask()) == "from-env");
        CHECK((*setup.ask())->source == auth::CredentialSource::Environment);
    }
    SECTION("netrc")
    {
        setup.setNetrc();
        CHECK(secretOf(setup.ask()) == "from-netrc");
    }
    SECTION("session store")
    {
        setup.setStore(setup.session, "from-session");
        CHECK((*setup.ask())->source == auth::CredentialSource::Session);
        CHECK(secretOf(setup.ask()) == "from-session");
    }
    SECTION("keychain")
    {
        setup.setStore(setup.keychain, "from-keychain");
        CHECK((*setup.ask())->source == auth::CredentialSource::Keychain);
        CHECK(secretOf(setup.ask()) == "from-keychain");
    }
}

TEST_CASE("the chain order is URL, environment, netrc, session, keychain", "[auth][chain]")
{
    ChainSetup setup;
    setup.setStore(setup.keychain, "from-keychain");
    CHECK(secretOf(setup.ask()) == "from-keychain");
    setup.setStore(setup.session, "from-session");
    CHECK(secretOf(setup.ask()) == "from-session");
    setup.setNetrc();
    CHECK(secretOf(setup.ask()) == "from-netrc");
    setup.setEnvironment();
    CHECK(secretOf(setup.ask()) == "from-env");
    CHECK(secretOf(setup.ask("https://u:from-url@pkgs.example.com/simple/")) == "from-url");
}

TEST_CASE("a username in the URL narrows the store lookup and stands alone as a token", "[auth][chain]")
{
    ChainSetup setup;
    setup.setStore(setup.keychain, "from-keychain");
    CHECK(secretOf(setup.ask("https://s-user@pkgs.example.com/simple/")) == "from-keychain");
    const auto token = setup.ask("https://tok123@pkgs.example.com/simple/");
    REQUIRE(token);
    REQUIRE(token->has_value());
    CHECK((*token)->credentials.username == "tok123");
    CHECK((*token)->credentials.password.empty());
    CHECK((*token)->source == auth::CredentialSource::Url);
}

TEST_CASE("a broken netrc does not hide the keychain, and is reported when nothing else answers",
          "[auth][chain]")
{
    ChainSetup setup;
    std::ofstream(setup.dir / "netrc") << "machine pkgs.example.com login\n";
    const auto failed = setup.ask();
    REQUIRE_FALSE(failed);
    CHECK(failed.error().code == ErrorCode::Parse);
    setup.setStore(setup.keychain, "from-keychain");
    CHECK(secretOf(setup.ask()) == "from-keychain");
}

TEST_CASE("the unauthorized error names the index and its variables, never the secret", "[auth][chain]")
{
    const auto error =
        auth::unauthorizedError({"acme-internal", "https://alice:s3cr3t-value@pkgs.example.com/simple/"}, 401,
                                auth::CredentialSource::Url);
    const std::string text = error.describe() + error.url + error.hint;
    CHECK(error.code == ErrorCode::Unauthorized);
    CHECK(error.indexName == "acme-internal");
    CHECK(error.httpStatus == 401);
    CHECK(error.message.find("index 'acme-internal'") != std::string::npos);
    CHECK(error.message.find("HTTP 401") != std::string::npos);
    CHECK(error.hint.find("UV_INDEX_ACME_INTERNAL_USERNAME") != std::string::npos);
    CHECK(text.find("s3cr3t-value") == std::string::npos);
}
