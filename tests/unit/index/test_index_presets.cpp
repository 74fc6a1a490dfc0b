#include <algorithm>

#include <catch2/catch.hpp>

#include "core/index/index_presets.h"

using namespace pindex;
using namespace pindex::index;

namespace {

// uv's index name rule (project::isValidIndexName; the index area does not link project).
bool isValidIndexName(std::string_view name)
{
    return !name.empty() && std::ranges::all_of(name, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
               c == '_' || c == '.';
    });
}

} // namespace

TEST_CASE("every provider preset fills its template into an https URL ending with a slash",
          "[index][presets]")
{
    REQUIRE(indexPresets().size() >= 8);
    for (const auto& preset : indexPresets()) {
        INFO(preset.id);
        std::map<std::string, std::string> values;
        for (const auto& field : preset.fields)
            values[field.key] = field.example;
        const auto url = fillPreset(preset, values);
        REQUIRE(url);
        CHECK_FALSE(url->contains('{'));
        CHECK(url->ends_with('/'));
        CHECK((url->starts_with("https://") || url->starts_with("http://")));
        CHECK(findIndexPreset(preset.id) == &preset);
    }
}

TEST_CASE("preset URLs match the providers' documented layouts", "[index][presets]")
{
    const auto fill = [](std::string_view id, std::map<std::string, std::string> values) {
        const auto* preset = findIndexPreset(id);
        REQUIRE(preset != nullptr);
        auto url = fillPreset(*preset, values);
        REQUIRE(url);
        return *url;
    };
    CHECK(fill("artifactory", {{"host", "https://acme.jfrog.io/"}, {"repository", "pypi-local"}}) ==
          "https://acme.jfrog.io/artifactory/api/pypi/pypi-local/simple/");
    CHECK(fill("nexus", {{"host", "nexus.example.com:8443"}, {"repository", "pypi-all"}}) ==
          "https://nexus.example.com:8443/repository/pypi-all/simple/");
    CHECK(fill("azure-project", {{"organization", "contoso"}, {"project", "web"}, {"feed", "py"}}) ==
          "https://pkgs.dev.azure.com/contoso/web/_packaging/py/pypi/simple/");
    CHECK(fill("codeartifact", {{"domain", "acme"},
                                {"account", "123456789012"},
                                {"region", "eu-west-1"},
                                {"repository", "py"}}) ==
          "https://acme-123456789012.d.codeartifact.eu-west-1.amazonaws.com/pypi/py/simple/");
    CHECK(fill("gitlab", {{"host", "gitlab.com"}, {"project", "4242"}}) ==
          "https://gitlab.com/api/v4/projects/4242/packages/pypi/simple/");
    CHECK(fill("google", {{"location", "us"}, {"project", "p"}, {"repository", "r"}}) ==
          "https://us-python.pkg.dev/p/r/simple/");
    CHECK(fill("devpi", {{"server", "http://127.0.0.1:3141/"}, {"user", "root"}, {"index", "pypi"}}) ==
          "http://127.0.0.1:3141/root/pypi/+simple/");
    CHECK(fill("pypiserver", {{"server", "http://pypi.internal:8080"}}) ==
          "http://pypi.internal:8080/simple/");
}

TEST_CASE("preset blanks reject values that would change the URL's shape", "[index][presets]")
{
    const PresetField host{"host", "Server", "x", PresetField::Kind::Host};
    const PresetField segment{"repository", "Repository", "x", PresetField::Kind::Segment};
    const PresetField label{"region", "Region", "x", PresetField::Kind::DnsLabel};
    const PresetField digits{"account", "Account", "1", PresetField::Kind::Digits};
    const PresetField base{"server", "Server URL", "x", PresetField::Kind::BaseUrl};
    CHECK(checkPresetField(host, "  ").problem == FieldProblem::Empty);
    CHECK(checkPresetField(host, "https://alice:secret@pkgs.example.com").problem ==
          FieldProblem::HasCredentials);
    CHECK(checkPresetField(host, "pkgs.example.com/extra").problem == FieldProblem::HasSlash);
    CHECK(checkPresetField(host, "bad host.com").problem == FieldProblem::NotAHost);
    CHECK(checkPresetField(host, "-bad.example.com").problem == FieldProblem::NotAHost);
    CHECK(checkPresetField(host, "pkgs.example.com:99999999").problem == FieldProblem::NotAHost);
    CHECK(checkPresetField(host, " pkgs.example.com ").value == "pkgs.example.com");
    CHECK(checkPresetField(segment, "a/b").problem == FieldProblem::HasSlash);
    CHECK(checkPresetField(segment, "a b").problem == FieldProblem::BadCharacter);
    CHECK(checkPresetField(segment, "group%2Fproject").problem == FieldProblem::None);
    CHECK(checkPresetField(label, "EU-west-1").problem == FieldProblem::NotLowerCase);
    CHECK(checkPresetField(label, "eu_west").problem == FieldProblem::BadCharacter);
    CHECK(checkPresetField(digits, "12a").problem == FieldProblem::NotDigits);
    CHECK(checkPresetField(base, "devpi.example.com").problem == FieldProblem::NotAUrl);
    CHECK(checkPresetField(base, "https://u:p@devpi.example.com").problem == FieldProblem::HasCredentials);
    CHECK(checkPresetField(base, "https://devpi.example.com/sub/").value == "https://devpi.example.com/sub");

    const auto* artifactory = findIndexPreset("artifactory");
    REQUIRE(artifactory != nullptr);
    const auto missing = fillPreset(*artifactory, {{"host", "acme.jfrog.io"}});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::Invalid);
    CHECK(missing.error().message.find("Repository key") != std::string::npos);
}

TEST_CASE("suggested index names come from the host, follow uv's rules and are unique", "[index][presets]")
{
    const auto [url, expected] = GENERATE(table<std::string, std::string>({
        {"https://acme.jfrog.io/artifactory/api/pypi/pypi-local/simple/", "acme"},
        {"https://pkgs.example.com/simple/", "example"},
        {"https://alice:secret@nexus.corp.example.com:8443/repository/py/simple/", "corp"},
        {"https://pkgs.dev.azure.com/contoso/_packaging/python-feed/pypi/simple/", "python-feed"},
        {"https://acme-123456789012.d.codeartifact.eu-west-1.amazonaws.com/pypi/py/simple/", "acme"},
        {"https://europe-west1-python.pkg.dev/proj/team-repo/simple/", "team-repo"},
        {"http://127.0.0.1:8080/simple/", "private"},
        {"http://127.0.0.1:3141/team/prod/+simple/", "prod"},
        {"not a url at all", "not-a-url-at-all"},
    }));
    INFO(url);
    const std::string name = suggestIndexName(url, {});
    CHECK(name == expected);
    CHECK(isValidIndexName(name));
}

TEST_CASE("a suggested name avoids the names already taken", "[index][presets]")
{
    CHECK(suggestIndexName("https://pkgs.example.com/simple/", {"example"}) == "example-2");
    CHECK(suggestIndexName("https://pkgs.example.com/simple/", {"example", "example-2"}) == "example-3");
}
