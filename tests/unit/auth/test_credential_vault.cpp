#include <catch2/catch.hpp>

#include "core/auth/credential_vault.h"
#include "core/auth/memory_store.h"
#include "core/auth/store_provider.h"

using namespace pindex;

namespace {

// The memory store answers at once, so these helpers need no waiting.
Status save(auth::CredentialVault& vault, const std::string& url, const auth::Credentials& credentials)
{
    std::optional<Status> result;
    vault.save(url, credentials, [&](Status status) { result = std::move(status); });
    REQUIRE(result.has_value());
    return *result;
}

std::optional<auth::Credentials> load(auth::CredentialVault& vault, const std::string& url,
                                      const std::optional<std::string>& username = std::nullopt)
{
    std::optional<Result<std::optional<auth::Credentials>>> result;
    vault.load(url, username,
               [&](Result<std::optional<auth::Credentials>> loaded) { result = std::move(loaded); });
    REQUIRE(result.has_value());
    REQUIRE(*result);
    return **result;
}

std::optional<auth::Credentials> lookup(auth::CredentialVault& vault, const std::string& urlOrHost,
                                        const std::optional<std::string>& username = std::nullopt)
{
    std::optional<Result<std::optional<auth::Credentials>>> result;
    vault.lookup(urlOrHost, username,
                 [&](Result<std::optional<auth::Credentials>> loaded) { result = std::move(loaded); });
    REQUIRE(result.has_value());
    REQUIRE(*result);
    return **result;
}

Status remove(auth::CredentialVault& vault, const std::string& url,
              const std::optional<std::string>& username = std::nullopt)
{
    std::optional<Status> result;
    vault.remove(url, username, [&](Status status) { result = std::move(status); });
    REQUIRE(result.has_value());
    return *result;
}

} // namespace

TEST_CASE("the vault finds saved credentials by URL alone, under any spelling of it", "[auth][vault]")
{
    auth::MemoryStore store;
    auth::CredentialVault vault(store);
    REQUIRE(save(vault, "https://pkgs.example.com/simple", {"alice", "a-secret"}));

    const auto byUrl = load(vault, "HTTPS://PKGS.example.com:443/simple/");
    REQUIRE(byUrl);
    CHECK(byUrl->username == "alice");
    CHECK(byUrl->password == "a-secret");
    CHECK(load(vault, "https://pkgs.example.com/simple/", "alice")->password == "a-secret");
    CHECK_FALSE(load(vault, "https://pkgs.example.com/simple/", "bob"));
    CHECK_FALSE(load(vault, "https://pkgs.example.com/other/"));
}

TEST_CASE("overwriting replaces the secret and the account, removing forgets both", "[auth][vault]")
{
    auth::MemoryStore store;
    auth::CredentialVault vault(store);
    REQUIRE(save(vault, "https://pkgs.example.com/simple/", {"alice", "first"}));
    REQUIRE(save(vault, "https://pkgs.example.com/simple/", {"alice", "second"}));
    CHECK(load(vault, "https://pkgs.example.com/simple/")->password == "second");
    REQUIRE(save(vault, "https://pkgs.example.com/simple/", {"__token__", "pypi-token"}));
    CHECK(load(vault, "https://pkgs.example.com/simple/")->username == "__token__");

    REQUIRE(remove(vault, "https://pkgs.example.com/simple/"));
    CHECK_FALSE(load(vault, "https://pkgs.example.com/simple/"));
    CHECK_FALSE(lookup(vault, "pkgs.example.com", "__token__"));
    // alice's entry is still there, by name.
    CHECK(load(vault, "https://pkgs.example.com/simple/", "alice")->password == "second");
}

TEST_CASE("two indexes on one host keep their own credentials", "[auth][vault]")
{
    auth::MemoryStore store;
    auth::CredentialVault vault(store);
    REQUIRE(save(vault, "https://host.example.com/team-a/simple/", {"alice", "a-secret"}));
    REQUIRE(save(vault, "https://host.example.com/team-b/simple/", {"bob", "b-secret"}));
    CHECK(load(vault, "https://host.example.com/team-a/simple/")->password == "a-secret");
    CHECK(load(vault, "https://host.example.com/team-b/simple/")->password == "b-secret");
    // Removing one index's credentials leaves the other's host entry alone.
    REQUIRE(remove(vault, "https://host.example.com/team-a/simple/"));
    CHECK(lookup(vault, "host.example.com", "bob")->password == "b-secret");
    CHECK(load(vault, "https://host.example.com/team-b/simple/")->password == "b-secret");
}

TEST_CASE("a lookup walks from a file URL up to its index, or starts from a bare host", "[auth][vault]")
{
    auth::MemoryStore store;
    auth::CredentialVault vault(store);
    REQUIRE(save(vault, "https://pkgs.example.com/simple/", {"", "bare-token"}));
    const auto page = lookup(vault, "https://pkgs.example.com/simple/tinypkg/");
    REQUIRE(page);
    CHECK(page->username.empty());
    CHECK(page->password == "bare-token");
    CHECK(lookup(vault, "pkgs.example.com")->password == "bare-token");
    CHECK_FALSE(lookup(vault, "other.example.com"));
}

TEST_CASE("the store provider answers from the vault and names its source", "[auth][vault]")
{
    auth::MemoryStore store;
    auth::CredentialVault vault(store);
    REQUIRE(save(vault, "https://pkgs.example.com/simple/", {"alice", "a-secret"}));
    auth::StoreProvider provider(vault, auth::CredentialSource::Session);
    const auto found = provider.credentialsFor({"private", "https://pkgs.example.com/simple"});
    REQUIRE(found);
    REQUIRE(found->has_value());
    CHECK((*found)->credentials.password == "a-secret");
    CHECK((*found)->source == auth::CredentialSource::Session);
    CHECK_FALSE(
        provider.credentialsFor({"private", "https://bob@pkgs.example.com/simple"}).value().has_value());
}

namespace {

// A store that never answers: the provider must give up at its deadline.
class SilentStore final : public auth::CredentialStore
{
public:
    void load(const auth::CredentialKey&, LoadCallback done) override
    {
        m_pending.push_back(std::move(done));
    }
    void save(const auth::CredentialKey&, const auth::Credentials&, DoneCallback) override {}
    void remove(const auth::CredentialKey&, DoneCallback) override {}
    std::vector<LoadCallback> m_pending;
};

} // namespace

TEST_CASE("a store that does not answer makes the provider fail at its deadline", "[auth][vault]")
{
    SilentStore store;
    auth::StoreProvider provider(auth::CredentialVault(store), auth::CredentialSource::Keychain,
                                 std::chrono::milliseconds(50));
    const auto found = provider.credentialsFor({"private", "https://pkgs.example.com/simple/"});
    REQUIRE_FALSE(found);
    CHECK(found.error().indexName == "private");
    REQUIRE(store.m_pending.size() == 1);
    store.m_pending.front()(std::optional<auth::Credentials>{}); // a late answer is harmless
}
