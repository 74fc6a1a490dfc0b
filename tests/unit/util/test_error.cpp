#include <catch2/catch.hpp>

#include "core/util/error.h"

using pindex::maskUrlCredentials;

TEST_CASE("maskUrlCredentials hides the secret but keeps the rest of the URL", "[util][error]")
{
    using Row = std::pair<std::string, std::string>;
    const auto [input, expected] = GENERATE(
        Row{"https://alice:s3cret@pkgs.example.com/simple/", "https://alice:****@pkgs.example.com/simple/"},
        Row{"https://tok3n@pkgs.example.com/simple/", "https://****@pkgs.example.com/simple/"},
        Row{"https://pkgs.example.com/simple/", "https://pkgs.example.com/simple/"},
        Row{"https://pkgs.example.com/a@b/", "https://pkgs.example.com/a@b/"},
        Row{"https://u:p%40ss@h:8080/x?y=1", "https://u:****@h:8080/x?y=1"}, Row{"not a url", "not a url"});
    CHECK(maskUrlCredentials(input) == expected);
}

TEST_CASE("Error::describe names file, line and column, the index and the hint", "[util][error]")
{
    auto error = pindex::makeFileError(pindex::ErrorCode::Parse, "expected a value", "pyproject.toml", 12, 7);
    error.hint = "close the string";
    CHECK(error.describe() == "pyproject.toml:12:7: expected a value\n  hint: close the string");

    auto http = pindex::makeError(pindex::ErrorCode::Http, "the index refused the request");
    http.indexName = "private";
    http.url = "https://u:****@h/simple/";
    http.httpStatus = 403;
    CHECK(http.describe() ==
          "the index refused the request [index private, https://u:****@h/simple/, HTTP 403]");
}
