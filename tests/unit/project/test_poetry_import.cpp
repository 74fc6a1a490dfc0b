#include <algorithm>

#include <catch2/catch.hpp>

#include "core/project/poetry_import.h"

using namespace pindex;
using namespace pindex::project;

namespace {

bool mentions(const std::vector<std::string>& warnings, const std::string& text)
{
    return std::any_of(warnings.begin(), warnings.end(), [&text](const std::string& warning) {
        return warning.find(text) != std::string::npos;
    });
}

} // namespace

TEST_CASE("Poetry sources become uv indexes in uv's order, with pins for source dependencies",
          "[project][poetry]")
{
    auto document = ProjectDocument::fromText(R"([tool.poetry]
name = "legacy"

[tool.poetry.dependencies]
python = "^3.10"
acme-sdk = { version = "^1.4", source = "acme" }
torch = [
    { version = "^2.3", source = "torch cpu", markers = "sys_platform != 'linux'" },
]

[tool.poetry.group.dev.dependencies]
acme-lint = { version = "*", source = "acme" }

[[tool.poetry.source]]
name = "fallback"
url = "https://fallback.example/simple/"
priority = "supplemental"

[[tool.poetry.source]]
name = "acme"
url = "https://acme.example/simple/"
priority = "explicit"

[[tool.poetry.source]]
name = "mirror"
url = "https://mirror.example/simple/"

[[tool.poetry.source]]
name = "torch cpu"
url = "https://download.pytorch.org/whl/cpu"
priority = "explicit"
)",
                                              "pyproject.toml");
    REQUIRE(document);
    const auto report = importPoetry(*document);
    REQUIRE(report);
    CHECK(report->addedIndexes == std::vector<std::string>{"acme", "mirror", "torch-cpu", "fallback"});
    CHECK(mentions(report->warnings, "supplemental"));
    CHECK(mentions(report->warnings, "'torch-cpu'"));
    CHECK(mentions(report->warnings, "'mirror', becomes uv's default index"));
    REQUIRE(report->pins.size() == 3);

    const auto model = document->model();
    REQUIRE(model);
    REQUIRE(model->indexes.size() == 4);
    // The default (the last primary) stays last in the file.
    CHECK(model->indexes[0].name == "acme");
    CHECK(model->indexes[0].isExplicit);
    CHECK(model->indexes[2].name == "fallback");
    CHECK(model->indexes[3].name == "mirror");
    CHECK(model->indexes[3].isDefault);
    REQUIRE(model->sources.size() == 3);
    CHECK(model->sources[1].package == "torch");
    CHECK(model->sources[1].target == "torch-cpu");
    CHECK(model->sources[1].marker == "sys_platform != 'linux'");
    CHECK(model->problems.empty());
    // The Poetry tables are untouched.
    CHECK(document->text().find("[[tool.poetry.source]]\nname = \"fallback\"") != std::string::npos);
}

TEST_CASE("Poetry's deprecated default and secondary priorities import with warnings", "[project][poetry]")
{
    auto document = ProjectDocument::fromText(R"([tool.poetry]
name = "old"

[[tool.poetry.source]]
name = "company"
url = "https://company.example/simple/"
default = true

[[tool.poetry.source]]
name = "second"
url = "https://second.example/simple/"
secondary = true

[[tool.poetry.source]]
name = "PyPI"
priority = "primary"
)",
                                              "pyproject.toml");
    REQUIRE(document);
    const auto report = importPoetry(*document);
    REQUIRE(report);
    CHECK(report->addedIndexes == std::vector<std::string>{"second", "company"});
    CHECK(mentions(report->warnings, "deprecated priority \"default\""));
    CHECK(mentions(report->warnings, "deprecated priority \"secondary\""));
    CHECK(mentions(report->warnings, "PyPI is a primary Poetry source"));
    const auto model = document->model();
    REQUIRE(model);
    CHECK(model->indexes[1].isDefault);
}

TEST_CASE("Poetry import refuses a project without tool.poetry", "[project][poetry]")
{
    auto document = ProjectDocument::fromText("[project]\nname = \"x\"\n", "pyproject.toml");
    REQUIRE(document);
    const auto report = importPoetry(*document);
    REQUIRE_FALSE(report);
    CHECK(report.error().code == ErrorCode::NotFound);
}
