#include <map>

#include <catch2/catch.hpp>

#include "core/auth/environment_provider.h"

using namespace pindex;

namespace {

auth::EnvironmentLookup fakeEnvironment(std::map<std::string, std::string> variables)
{
    return [variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
        if (const auto it = variables.find(name); it != variables.end())
            return it->second;
        return std::nullopt;
    };
}

} // namespace

TEST_CASE("uv's variable names upper-case the index name and replace other characters", "[auth][environment]")
{
    const auto [name, username, password] = GENERATE(table<std::string, std::string, std::string>({
        {"internal", "UV_INDEX_INTERNAL_USERNAME", "UV_INDEX_INTERNAL_PASSWORD"},
        {"acme-internal", "UV_INDEX_ACME_INTERNAL_USERNAME", "UV_INDEX_ACME_INTERNAL_PASSWORD"},
        {"My.Index 2", "UV_INDEX_MY_INDEX_2_USERNAME", "UV_INDEX_MY_INDEX_2_PASSWORD"},
    }));
    const auto names = auth::environmentVariableNames(name);
    CHECK(names.username == username);
    CHECK(names.password == password);
    CHECK(auth::environmentVariableNames("").username.empty());
}

TEST_CASE("the environment provider reads the index's variables only", "[auth][environment]")
{
    auth::EnvironmentProvider provider(fakeEnvironment({{"UV_INDEX_ACME_INTERNAL_USERNAME", "ci"},
                                                        {"UV_INDEX_ACME_INTERNAL_PASSWORD", "env-secret"},
                                                        {"UV_INDEX_OTHER_PASSWORD", "other"}}));
    const auto found = provider.credentialsFor({"acme-internal", "https://pkgs.example.com/simple/"});
    REQUIRE(found);
    REQUIRE(found->has_value());
    CHECK((*found)->credentials.username == "ci");
    CHECK((*found)->credentials.password == "env-secret");
    CHECK((*found)->source == auth::CredentialSource::Environment);

    const auto token = provider.credentialsFor({"other", "https://x.example.com/simple/"});
    REQUIRE(token);
    REQUIRE(token->has_value());
    CHECK((*token)->credentials.username.empty());
    CHECK((*token)->credentials.password == "other");

    CHECK_FALSE(provider.credentialsFor({"missing", "https://x.example.com/"}).value().has_value());
    CHECK_FALSE(provider.credentialsFor({"", "https://x.example.com/"}).value().has_value());
}
