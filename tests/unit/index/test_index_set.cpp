#include <fstream>
#include <memory>

#include <catch2/catch.hpp>

#include "core/index/index_set.h"
#include "tests/support/temp_dir.h"

using namespace pindex;
using namespace pindex::index;

namespace {

// Flat directory indexes written on the spot: each index holds wheels named after the versions.
class Indexes
{
public:
    void add(IndexConfig config, const std::vector<std::string>& filenames)
    {
        const auto directory = m_dir / config.name;
        std::filesystem::create_directories(directory);
        for (const auto& filename : filenames)
            std::ofstream(directory / filename) << filename;
        config.url = directory.string();
        config.format = IndexFormat::Flat;
        m_clients.push_back(std::make_unique<IndexClient>(std::move(config), IndexServices{.http = &m_http}));
    }

    IndexSet set(IndexStrategy strategy = IndexStrategy::FirstIndex, IndexPins pins = {})
    {
        std::vector<IndexClient*> clients;
        for (auto& client : m_clients)
            clients.push_back(client.get());
        return IndexSet(clients, strategy, std::move(pins));
    }

private:
    test::TempDir m_dir;
    HttpClient m_http;
    std::vector<std::unique_ptr<IndexClient>> m_clients;
};

std::vector<std::string> versions(const CandidateSet& set)
{
    std::vector<std::string> result;
    for (const auto& candidate : set.candidates)
        result.push_back(candidate.version.str() + "@" + candidate.indexName);
    return result;
}

} // namespace

TEST_CASE("first-index takes the package from the first index that has it, the default index last",
          "[index][set]")
{
    Indexes indexes;
    indexes.add({.name = "pypi", .isDefault = true},
                {"acme_utils-99.0.0-py3-none-any.whl", "other-1.0-py3-none-any.whl"});
    indexes.add({.name = "private"}, {"acme_utils-1.2.0-py3-none-any.whl", "acme_utils-1.1.0.tar.gz"});
    auto set = indexes.set();
    REQUIRE(set.searchOrder().size() == 2);
    CHECK(set.searchOrder().front()->config().name == "private");

    const auto acme = set.candidates("Acme.Utils");
    REQUIRE(acme);
    CHECK(acme->package == "acme-utils");
    CHECK(versions(*acme) == std::vector<std::string>{"1.2.0@private", "1.1.0@private"});
    CHECK(acme->consulted == std::vector<std::string>{"private"});

    const auto other = set.candidates("other");
    REQUIRE(other);
    CHECK(versions(*other) == std::vector<std::string>{"1.0@pypi"});
    CHECK(other->consulted == std::vector<std::string>{"private", "pypi"});

    const auto nowhere = set.candidates("nowhere");
    REQUIRE(nowhere);
    CHECK(nowhere->candidates.empty());
}

TEST_CASE("unsafe-best-match merges every index, unsafe-first-match takes the first that satisfies",
          "[index][set]")
{
    Indexes indexes;
    indexes.add({.name = "private"}, {"pkg-1.0-py3-none-any.whl"});
    indexes.add({.name = "mirror"}, {"pkg-2.0-py3-none-any.whl", "pkg-1.5-py3-none-any.whl"});
    indexes.add({.name = "pypi", .isDefault = true}, {"pkg-3.0-py3-none-any.whl"});

    auto best = indexes.set(IndexStrategy::UnsafeBestMatch);
    const auto merged = best.candidates("pkg");
    REQUIRE(merged);
    CHECK(versions(*merged) ==
          std::vector<std::string>{"3.0@pypi", "2.0@mirror", "1.5@mirror", "1.0@private"});

    auto first = indexes.set(IndexStrategy::UnsafeFirstMatch);
    const auto requirement = standards::SpecifierSet::parse(">=1.5");
    REQUIRE(requirement);
    const auto match = first.candidates("pkg", &*requirement);
    REQUIRE(match);
    CHECK(versions(*match) == std::vector<std::string>{"2.0@mirror", "1.5@mirror"});
    CHECK(match->consulted == std::vector<std::string>{"private", "mirror"});
}

TEST_CASE("Explicit indexes are used only through pins, pins hold even without a satisfying version",
          "[index][set]")
{
    Indexes indexes;
    indexes.add({.name = "internal", .isExplicit = true},
                {"acme_core-0.5-py3-none-any.whl", "widget-9.0-py3-none-any.whl"});
    indexes.add({.name = "pypi", .isDefault = true},
                {"acme_core-5.0-py3-none-any.whl", "widget-1.0-py3-none-any.whl"});

    auto unpinned = indexes.set();
    const auto widget = unpinned.candidates("widget");
    REQUIRE(widget);
    CHECK(versions(*widget) == std::vector<std::string>{"1.0@pypi"}); // the explicit index is skipped

    auto pinned = indexes.set(IndexStrategy::UnsafeBestMatch,
                              {.packages = {{"Widget", "internal"}}, .patterns = {{"acme-*", "internal"}}});
    const auto direct = pinned.candidates("widget");
    REQUIRE(direct);
    CHECK(versions(*direct) == std::vector<std::string>{"9.0@internal"});
    CHECK(direct->pinnedTo == std::optional<std::string>("internal"));
    const auto pattern = pinned.candidates("acme_core");
    REQUIRE(pattern);
    CHECK(versions(*pattern) == std::vector<std::string>{"0.5@internal"});
    CHECK(pattern->pinRule == "acme-*");
}

TEST_CASE("A pin to an index that is not configured is an error naming the pin", "[index][set]")
{
    Indexes indexes;
    indexes.add({.name = "pypi", .isDefault = true}, {"pkg-1.0-py3-none-any.whl"});
    auto set = indexes.set(IndexStrategy::FirstIndex, {.packages = {{"pkg", "missing"}}});
    const auto result = set.candidates("pkg");
    REQUIRE_FALSE(result);
    CHECK(result.error().code == ErrorCode::Invalid);
    CHECK(result.error().message.find("missing") != std::string::npos);
}

TEST_CASE("Without a default index the implicit pypi is added last", "[index][set]")
{
    const auto configs = withImplicitDefault({{.name = "private", .url = "https://p.example.org/simple/"}});
    REQUIRE(configs.size() == 2);
    CHECK(configs.back().name == "pypi");
    CHECK(configs.back().isDefault);
    CHECK(withImplicitDefault({{.name = "mine", .isDefault = true}}).size() == 1);
}
