// The checks made before toml++ reads a document (core/project/toml_text.h): UTF-8, and no non-ASCII
// character where toml++ 3.3 would reach undefined behaviour. Under the sanitizer preset these
// documents also prove toml++ is never handed them.

#include <catch2/catch.hpp>

#include "core/project/project_document.h"
#include "core/project/pyproject.h"
#include "core/project/toml_text.h"

using namespace pindex;
using namespace pindex::project;

TEST_CASE("checkTomlText accepts UTF-8 in strings, comments and quoted keys", "[project][toml-text]")
{
    const std::string document =
        GENERATE(as<std::string>{}, "name = \"caf\xc3\xa9\" # caf\xc3\xa9\n",
                 "'cl\xc3\xa9' = 'litt\xc3\xa9ral'\n\"\xe2\x9c\x93\" = 1\n",
                 "a = \"\"\"\nJos\xc3\xa9\n  \xc2\xa7\"\"\"\nb = '''\n\xc2\xa7\n'''\n",
                 "a = \"\"\"line \\\n    next \xc2\xa7\"\"\"\n", // the backslash's whitespace ends at ASCII
                 "a = \"\"\"x\"\"\"\"\"\nb = \"\xc2\xa7\"\n",    // two quotes of content before the end
                 "a = \"\\\\\" # \xc2\xa7\n",
                 "\xef\xbb\xbf"
                 "a = 1\n",
                 "");
    CAPTURE(document);
    CHECK(checkTomlText(document, "pyproject.toml").has_value());
    CHECK(parseTomlText(document, "pyproject.toml").has_value());
}

TEST_CASE("checkTomlText refuses what toml++ must not see, naming file, line and column",
          "[project][toml-text]")
{
    struct Case
    {
        std::string text;
        std::uint32_t line;
        std::uint32_t column;
        std::string message;
    };
    const auto c = GENERATE(
        // Invalid UTF-8 anywhere: in a string, a comment, outside.
        Case{"a = 1\nb = \"x\xed\"\n", 2, 7, "invalid UTF-8: the byte 0xED"},
        Case{"# caf\xc3\xa9 \xff\n", 1, 8, "invalid UTF-8: the byte 0xFF"},
        Case{"[pro\x9a]\n", 1, 5, "invalid UTF-8: the byte 0x9A"},
        Case{"s = '''\n\xc3'''\n", 2, 1, "invalid UTF-8: the byte 0xC3"},
        // Non-ASCII characters outside strings and comments (invalid TOML).
        Case{"[proj\xc3\xa9]\n", 1, 6, "the character '\xc3\xa9' (U+00E9) outside a string or comment"},
        Case{"a = 1 \xcf\x9a\n", 1, 7, "the character '\xcf\x9a' (U+03DA) outside a string or comment"},
        Case{"\xe3\x80\x80"
             "a = 1\n",
             1, 1, "the character '\xe3\x80\x80' (U+3000) outside"},
        Case{"a = \"x\" \"\n\xc2\xa7 = 1\n", 2, 1, "(U+00A7) outside a string"},     // unterminated string
        Case{"a = \"\"\"x\"\"\"\"\xc2\xa7\"\n", 1, 13, "(U+00A7) outside a string"}, // 4 quotes end it
        // A backslash before a non-ASCII character (no TOML escape).
        Case{"a = \"\"\"\\\xc2\xa7\"\"\"\n", 1, 9, "the escape sequence '\\\xc2\xa7' is not a TOML escape"},
        Case{"a = \"\\\xc2\xa7\"\n", 1, 7, "is not a TOML escape"},
        // Valid TOML that toml++ 3.3 cannot read (upstream issue #190).
        Case{"s = \"\"\"\\\n\xc2\xa7\"\"\"\n", 2, 1, "right after a line-ending backslash cannot be read"},
        Case{"s = \"\"\"a \\  \n\n   \xc3\xa9\"\"\"\n", 3, 4,
             "'\xc3\xa9' (U+00E9) right after a line-ending"});
    CAPTURE(c.text);
    const auto checked = checkTomlText(c.text, "pyproject.toml");
    REQUIRE_FALSE(checked.has_value());
    CHECK(checked.error().code == ErrorCode::Parse);
    CHECK_THAT(checked.error().message, Catch::Contains(c.message));
    REQUIRE(checked.error().location.has_value());
    CHECK(checked.error().location->file == "pyproject.toml");
    CHECK(checked.error().location->line == c.line);
    CHECK(checked.error().location->column == c.column);
    // Every reader of pyproject.toml goes through the check.
    const auto model = parsePyProject(c.text, "pyproject.toml");
    REQUIRE_FALSE(model.has_value());
    CHECK(model.error().message == checked.error().message);
    const auto document = ProjectDocument::fromText(c.text, "pyproject.toml");
    REQUIRE_FALSE(document.has_value());
    CHECK(document.error().describe() == checked.error().describe());
}

TEST_CASE("An edit whose new text is not UTF-8 is refused up front and changes nothing",
          "[project][toml-text]")
{
    // Found by fuzzing: the bytes came from the index URL and the refusal was an internal error.
    auto document = ProjectDocument::fromText("# This project is not configured yet.\n\n", "pyproject.toml");
    REQUIRE(document);
    const std::string before = document->text();
    const auto added =
        document->addIndex({.name = "first", .url = "https://first.example/simp[pr\xedoject]"});
    REQUIRE_FALSE(added.has_value());
    CHECK(added.error().code == ErrorCode::Invalid);
    CHECK_THAT(added.error().message, Catch::Contains("pyproject.toml") &&
                                          Catch::Contains("not valid UTF-8") &&
                                          Catch::Contains("https://first.example/simp[pr\\xEDoject]"));
    CHECK(document->text() == before);

    const auto dependency =
        document->addDependency(DependencyEntry::Kind::Main, {}, "requests ; os_name == '\xc3'");
    REQUIRE_FALSE(dependency.has_value());
    CHECK(dependency.error().code != ErrorCode::Internal);
    CHECK(document->text() == before);

    // Valid UTF-8 goes in as it is.
    REQUIRE(document->addDependency(DependencyEntry::Kind::Main, {}, "requests ; os_name == 'caf\xc3\xa9'"));
    CHECK(document->text().find("caf\xc3\xa9") != std::string::npos);
}

TEST_CASE("utf8SequenceLength rejects overlong forms, surrogates and values past U+10FFFF",
          "[project][toml-text]")
{
    CHECK(utf8SequenceLength("a") == 1);
    CHECK(utf8SequenceLength("\xc3\xa9") == 2);
    CHECK(utf8SequenceLength("\xe2\x9c\x93") == 3);
    CHECK(utf8SequenceLength("\xf0\x9f\x98\x80") == 4);
    CHECK(utf8SequenceLength("\xc0\xaf") == 0);         // overlong '/'
    CHECK(utf8SequenceLength("\xe0\x80\xaf") == 0);     // overlong '/'
    CHECK(utf8SequenceLength("\xed\xa0\x80") == 0);     // U+D800
    CHECK(utf8SequenceLength("\xf4\x90\x80\x80") == 0); // U+110000
    CHECK(utf8SequenceLength("\xc3") == 0);             // truncated
    CHECK(utf8SequenceLength("\x80") == 0);             // a continuation byte
    CHECK(firstInvalidUtf8("ok \xc3\xa9 \xff") == 6);
    CHECK(firstInvalidUtf8("ok \xc3\xa9") == std::string_view::npos);
}
