#include <catch2/catch.hpp>

#include "core/project/project_document.h"

using namespace pindex;
using namespace pindex::project;

TEST_CASE("the index strategy is set, changed and removed in place", "[project][document]")
{
    const std::string before =
        "[project]\nname = \"app\"\n\n[tool.uv]\n# resolver settings\nnative-tls = true\n";
    auto document = ProjectDocument::fromText(before, "pyproject.toml");
    REQUIRE(document);
    REQUIRE(document->setIndexStrategy(std::string("unsafe-best-match")));
    CHECK(document->text() == before + "index-strategy = \"unsafe-best-match\"\n");
    CHECK(document->model()->indexStrategy == "unsafe-best-match");
    REQUIRE(document->setIndexStrategy(std::string("first-index")));
    CHECK(document->text() == before + "index-strategy = \"first-index\"\n");
    REQUIRE(document->setIndexStrategy(std::nullopt));
    CHECK(document->text() == before);

    const auto refused = document->setIndexStrategy(std::string("fastest"));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::Invalid);
    CHECK(document->text() == before);
}

TEST_CASE("a uv.toml keeps its index strategy at the top level", "[project][document]")
{
    auto document = ProjectDocument::fromText("native-tls = true\n", "uv.toml");
    REQUIRE(document);
    REQUIRE(document->setIndexStrategy(std::string("unsafe-first-match")));
    CHECK(document->text() == "native-tls = true\nindex-strategy = \"unsafe-first-match\"\n");
}
