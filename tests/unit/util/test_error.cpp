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
        Row{"https://u:p%40ss@h:8080/x?y=1", "https://u:****@h:8080/x?y=1"}, Row{"not a url", "not a url"},
        // Unescaped '/' in the password: still masked, never shown.
        Row{"http://alice:Wrong=Can/55b1+Kz%@127.0.0.1:8080/simple/",
            "http://alice:****@127.0.0.1:8080/simple/"},
        Row{"https://h:8080/a@b/", "https://h:8080/a@b/"});
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
