// The dependency-confusion check against index answers given in memory.

#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "core/resolver/confusion_check.h"

using namespace pindex;
using namespace pindex::resolver;

namespace {

// index position -> names it lists.
HasPackage lists(std::map<std::size_t, std::set<std::string>> names, std::size_t* questions = nullptr)
{
    return
        [names = std::move(names), questions](std::size_t index, const std::string& package) -> Result<bool> {
            if (questions != nullptr)
                ++*questions;
            const auto found = names.find(index);
            return found != names.end() && found->second.contains(package);
        };
}

} // namespace

TEST_CASE("an index searched before the private one shadows an unpinned package", "[confusion]")
{
    const ConfusionQuery query{.indexes = {{"public-mirror", false}, {"private", false}, {"pypi", false}},
                               .strategy = IndexStrategy::FirstIndex,
                               .pins = {},
                               .packages = {{"acme-core", "private"}}};
    auto findings = checkConfusion(query, lists({{0, {"acme-core"}}, {1, {"acme-core"}}, {2, {"requests"}}}));
    REQUIRE(findings);
    REQUIRE(findings->size() == 1);
    CHECK(findings->front().package == "acme-core");
    CHECK(findings->front().otherIndex == "public-mirror");
    CHECK(findings->front().risk == ConfusionRisk::Shadowed);
    CHECK(findings->front().explanation.find("searched before 'private'") != std::string::npos);
}

TEST_CASE("a later index only exposes a package with first-index, and shadows it with best-match",
          "[confusion]")
{
    ConfusionQuery query{.indexes = {{"private", false}, {"pypi", false}},
                         .strategy = IndexStrategy::FirstIndex,
                         .pins = {},
                         .packages = {{"acme-core", "private"}}};
    const auto answers = lists({{0, {"acme-core"}}, {1, {"acme-core"}}});
    auto findings = checkConfusion(query, answers);
    REQUIRE(findings);
    REQUIRE(findings->size() == 1);
    CHECK(findings->front().risk == ConfusionRisk::Exposed);

    query.strategy = IndexStrategy::UnsafeBestMatch;
    findings = checkConfusion(query, answers);
    REQUIRE(findings);
    REQUIRE(findings->size() == 1);
    CHECK(findings->front().risk == ConfusionRisk::Shadowed);
    CHECK(findings->front().explanation.find("unsafe-best-match") != std::string::npos);
}

TEST_CASE("pinned packages and explicit indexes are never findings", "[confusion]")
{
    std::size_t questions = 0;
    ConfusionQuery query{
        .indexes = {{"other", true}, {"private", false}, {"pypi", false}},
        .strategy = IndexStrategy::UnsafeBestMatch,
        .pins = {.sources = {{"acme-core", "private"}}, .patterns = {{"acme-*", "private"}}},
        .packages = {{"acme-core", "private"}, {"acme-web", "private"}, {"lone", "private"}}};
    auto findings = checkConfusion(
        query, lists({{0, {"lone"}}, {1, {"acme-core", "acme-web", "lone"}}, {2, {"acme-core", "acme-web"}}},
                     &questions));
    REQUIRE(findings);
    // acme-core (source pin) and acme-web (pattern pin) are safe; "lone" exists on the explicit
    // index "other" only, which serves pinned packages alone.
    CHECK(findings->empty());
    CHECK(questions == 1); // only "lone" on pypi was asked about
}

TEST_CASE("several findings sharing a prefix suggest a pattern pin", "[confusion]")
{
    const ConfusionQuery query{
        .indexes = {{"private", false}, {"pypi", false}},
        .strategy = IndexStrategy::FirstIndex,
        .pins = {},
        .packages = {{"acme-core", "private"}, {"acme-web", "private"}, {"solo", "private"}}};
    auto findings = checkConfusion(query, lists({{1, {"acme-core", "acme-web", "solo"}}}));
    REQUIRE(findings);
    REQUIRE(findings->size() == 3);
    CHECK((*findings)[0].suggestedPattern == "acme-*");
    CHECK((*findings)[1].suggestedPattern == "acme-*");
    CHECK((*findings)[2].package == "solo");
    CHECK((*findings)[2].suggestedPattern.empty());
}

TEST_CASE("an index error stops the check and a stop request cancels it", "[confusion]")
{
    const ConfusionQuery query{.indexes = {{"private", false}, {"pypi", false}},
                               .strategy = IndexStrategy::FirstIndex,
                               .pins = {},
                               .packages = {{"acme-core", "private"}}};
    auto failed = checkConfusion(query, [](std::size_t, const std::string&) -> Result<bool> {
        return std::unexpected(makeError(ErrorCode::Network, "connection refused"));
    });
    REQUIRE_FALSE(failed);
    CHECK(failed.error().code == ErrorCode::Network);

    std::stop_source stop;
    stop.request_stop();
    auto cancelled = checkConfusion(query, lists({}), stop.get_token());
    REQUIRE_FALSE(cancelled);
    CHECK(cancelled.error().code == ErrorCode::Cancelled);
}
