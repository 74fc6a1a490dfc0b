// The fast lockfile TOML parser against toml++: same trees on every fixture, on generated
// lockfiles and on a catalogue of TOML constructs; both reject what TOML forbids.

#include <cstdlib>

#include <catch2/catch.hpp>

#include "core/lock/lock_reader.h"
#include "core/lock/lock_toml.h"
#include "core/util/file_io.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"

using namespace pindex;
using namespace pindex::lock;
using detail::parseLockTomlFast;
using detail::parseLockTomlReference;

namespace {

bool isTomlLock(const std::filesystem::path& path)
{
    const std::string name = path.filename().string();
    return name == "uv.lock" || name == "poetry.lock" ||
           (name.starts_with("pylock.") && name.ends_with(".toml"));
}

// Both parsers accept `content` and build the same tree.
void requireSameTree(const std::string& content, const std::string& sourceName)
{
    INFO(sourceName);
    const auto fast = parseLockTomlFast(content, sourceName);
    const auto reference = parseLockTomlReference(content, sourceName);
    INFO((reference ? std::string() : "toml++: " + reference.error().describe()));
    REQUIRE(reference.has_value());
    INFO((fast ? std::string() : "fast: " + fast.error().describe()));
    REQUIRE(fast.has_value());
    CHECK_FALSE(fast->builtByFallback());
    CHECK(detail::firstDifference(fast->root(), reference->root()) == "");
}

// Both parsers reject `content`.
void requireBothReject(const std::string& content)
{
    INFO(content);
    const auto fast = parseLockTomlFast(content, "bad.toml");
    const auto reference = parseLockTomlReference(content, "bad.toml");
    CHECK_FALSE(reference.has_value());
    CHECK_FALSE(fast.has_value());
    if (!fast) {
        REQUIRE(fast.error().location.has_value());
        CHECK(fast.error().location->line > 0);
        CHECK(fast.error().location->column > 0);
    }
}

} // namespace

TEST_CASE("The fast TOML reader builds the same tree as toml++ for every lockfile fixture", "[lock][toml]")
{
    std::size_t compared = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(test::kTestDataDir)) {
        if (!entry.is_regular_file() || !isTomlLock(entry.path()) ||
            entry.path().parent_path().filename() == "malformed")
            continue;
        const auto content = readFile(entry.path());
        REQUIRE(content.has_value());
        requireSameTree(*content, entry.path().string());
        ++compared;
    }
    CHECK(compared >= 10);
}

TEST_CASE("The fast TOML reader builds the same tree as toml++ for generated lockfiles", "[lock][toml]")
{
    const std::string format = GENERATE(as<std::string>{}, "uv", "pylock", "poetry");
    const test::TempDir scratch("pindex-lock-toml");
    const std::string command = test::kPython.string() + " " +
                                (test::kSourceDir / "tests/bench/make_lock_pair.py").string() + " " +
                                scratch.path().string() + " --packages 400 --format " + format;
    REQUIRE(std::system(command.c_str()) == 0);
    const char* name = format == "uv" ? "uv.lock" : (format == "poetry" ? "poetry.lock" : "pylock.toml");
    for (const char* side : {"old", "new"}) {
        const auto content = readFile(scratch / side / name);
        REQUIRE(content.has_value());
        requireSameTree(*content, (scratch / side / name).string());
        // The snapshot read through the fast reader equals the one read through toml++.
        const auto fastSnapshot = parseLock(*content, name);
        REQUIRE(fastSnapshot.has_value());
        CHECK(fastSnapshot->packages.size() >= 396);
    }
}

TEST_CASE("The fast TOML reader agrees with toml++ on every construct lockfiles use", "[lock][toml]")
{
    const std::string document = GENERATE(
        as<std::string>{},
        // Tables, arrays of tables, sub-tables of array elements, dotted keys.
        "version = 1\n[[package]]\nname = \"a\"\n[package.metadata]\nx = 1\n[[package]]\nname = \"b\"\n",
        "a.b.c = 1\na.b.d = 2\n[x]\ny.z = \"w\"\n", "[a.b]\nc = 1\n[a]\nd = 2\n",
        "[[a.b]]\nc = 1\n[[a.b]]\nc = 2\n[a.b.d]\ne = 3\n",
        // Inline tables, nested, with dotted keys; arrays over several lines with comments.
        "source = { registry = \"https://pypi.org/simple\" }\nx = { a = { b = [1, 2] }, c.d = true }\n",
        "deps = [\n    { name = \"a\" }, # first\n    # a comment line\n    { name = \"b\", marker = \"x\" "
        "},\n]\n",
        "empty = []\nnested = [[1, 2], [\"a\", 'b'], []]\nt = {}\n",
        // Strings: escapes, unicode, literal, multi-line in both kinds.
        "s = \"tab\\there \\\"quoted\\\" back\\\\slash \\u00e9 \\U0001F600 \\b\\f\\r\\n\"\n",
        "s = 'C:\\path\\no escapes'\nu = \"caf\xc3\xa9 \xe2\x9c\x93\"\n",
        "m = \"\"\"\nfirst\n  second \\\n    joined\nlast\\\"\"\"\"\n",
        "m = '''\nraw \\n text\n'''\nq = \"\"\"two quotes at the end\"\"\"\"\"\nr = '''x'''''\n",
        // Quoted keys, bare keys with digits and dashes, whitespace around dots.
        "\"quoted key\" = 1\n'literal.key' = 2\n3-b_c = 3\n a . b = 4\n\"\" = 5\n",
        // Numbers.
        "i = [0, +1, -2, 1_000, 0xdead_BEEF, 0o755, 0b1101, 9223372036854775807, -9223372036854775808]\n",
        "f = [1.0, -0.5, 3e2, 6.02E+23, 1_000.000_1, -1e-3, inf, -inf, +inf, 0.0, -0.0]\n",
        "n = nan\nb = [true, false]\n",
        // Dates and times in every form.
        "d = [1979-05-27T07:32:00Z, 1979-05-27T00:32:00.999999-07:00, 1979-05-27 07:32:00Z, "
        "1979-05-27T07:32:00, "
        "1979-05-27, 07:32:00, 00:32:00.5, 2024-02-29T12:00:00+05:30]\n",
        "upload-time = 2025-03-06T12:00:00.000Z\n",
        // Comments and blank lines everywhere, CRLF line endings, no final newline.
        "# header\n\n  a = 1 # trailing\n\n[t] # after a header\n\tb = 2\n",
        "a = 1\r\n[b]\r\nc = \"\"\"x\r\ny\"\"\"\r\n", "last = \"no newline\"");
    requireSameTree(document, "construct.toml");
}

TEST_CASE("The fast TOML reader and toml++ both reject invalid TOML, with a position", "[lock][toml]")
{
    const std::string document =
        GENERATE(as<std::string>{},
                 "a = 1\na = 2\n",                   // duplicate key
                 "[t]\nx = 1\n[t]\ny = 2\n",         // table defined twice
                 "a = { b = 1 }\n[a]\nc = 2\n",      // inline table extended by a header
                 "a = [1]\n[[a]]\n",                 // static array extended
                 "a.b = 1\n[a.b]\n",                 // value used as a table
                 "[a]\nb.c = 1\n[a.b]\n",            // dotted table redefined by a header
                 "[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n", // implicit table extended with dotted keys
                 "s = \"unterminated\n",             // string across a line
                 "s = \"bad \\q escape\"\n",         // unknown escape
                 "s = \"\\uD800\"\n",                // surrogate
                 "s = \"ctrl \x01 char\"\n",         // control character
                 "i = 01\n",                         // leading zero
                 "i = 1__0\n",                       // double underscore
                 "i = 9223372036854775808\n",        // overflow
                 "f = 1.\n",                         // no fraction digits
                 "f = .5\n",                         // no integer digits
                 "d = 2023-02-29\n",                 // not a leap year
                 "d = 1979-05-27T25:00:00Z\n",       // hour
                 "x = { a = 1, }\n",                 // trailing comma in an inline table
                 "x = { a = 1\n, b = 2 }\n",         // newline in an inline table
                 "x = [1 2]\n",                      // missing comma
                 "a = 1 b = 2\n",                    // two pairs on one line
                 "a =\n",                            // missing value
                 "= 1\n",                            // missing key
                 "[a\nb = 1\n",                      // unclosed header
                 "a = \"x\"\r\rb = 1\n",             // bare carriage return
                 "a = \"\xff\"\n");                  // invalid UTF-8
    requireBothReject(document);
}

TEST_CASE("The lock readers' parser is the fast parser, for valid and invalid input", "[lock][toml]")
{
    const std::string valid = "lock-version = \"1.0\"\n[[packages]]\nname = \"a\"\n";
    const auto parsed = detail::parseLockToml(valid, "pylock.toml");
    REQUIRE(parsed.has_value());
    CHECK_FALSE(parsed->builtByFallback());
    CHECK(parsed->root().path({"packages"})->size() == 1);

    // Rejected input gets the fast parser's own error, with the place and what was found there.
    const auto combined = detail::parseLockToml("a = 1\nb = [1,\n", "pylock.toml");
    REQUIRE_FALSE(combined.has_value());
    CHECK(combined.error().code == ErrorCode::Parse);
    REQUIRE(combined.error().location.has_value());
    CHECK(combined.error().location->file == "pylock.toml");
    CHECK(combined.error().location->line == 3);
    CHECK(combined.error().message == "expected a value, found the end of the file");
}

TEST_CASE("Non-ASCII characters outside strings are rejected by the fast parser with what was found",
          "[lock][toml]")
{
    // toml++ 3.3 reaches undefined behaviour on such input (found by fuzzing poetry.lock), so it
    // must never see it: the readers' error is the fast parser's.
    struct Case
    {
        std::string content;
        std::uint32_t line;
        std::uint32_t column;
        std::string message;
    };
    const auto c = GENERATE(
        Case{"[[packag\xcf\x9a]]\nname = \"x\"\n", 1, 9, "expected ']', found '\xcf\x9a' (U+03DA)"},
        Case{"[package]\nname = \"x\" \xc3\xa9\n", 2, 12,
             "expected the end of the line, found '\xc3\xa9' (U+00E9)"},
        Case{"version = 1\n\xe3\x80\x80"
             "a = 1\n",
             2, 1, "expected a key, found '\xe3\x80\x80' (U+3000)"},
        Case{"[[package]]\nname\x9a = \"x\"\n", 2, 5, "expected '=', found a byte that is not UTF-8 (0x9A)"});
    for (const char* name : {"poetry.lock", "uv.lock", "pylock.toml"}) {
        CAPTURE(name, c.content);
        const auto result = parseLock(c.content, name);
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().code == ErrorCode::Parse);
        CHECK(result.error().message == c.message);
        REQUIRE(result.error().location.has_value());
        CHECK(result.error().location->file == name);
        CHECK(result.error().location->line == c.line);
        CHECK(result.error().location->column == c.column);
    }
}

TEST_CASE("Malformed lockfiles report the error with file, line and column", "[lock][toml]")
{
    const auto result = readLock(test::kTestDataDir / "lock/malformed/uv.lock");
    REQUIRE_FALSE(result.has_value());
    REQUIRE(result.error().location.has_value());
    CHECK(result.error().location->line == 7);
    CHECK(result.error().location->column > 1);
}

namespace {

// Streams `key` out of `content` and checks each table against the same table of the whole tree,
// and the rest of the root against the whole tree's. Returns how many tables were streamed.
std::size_t requireStreamMatchesTree(const std::string& content, std::string_view key,
                                     const std::string& sourceName)
{
    INFO(sourceName);
    const auto whole = parseLockTomlFast(content, sourceName);
    REQUIRE(whole.has_value());
    std::vector<const detail::TomlNode*> expected;
    if (const auto* array = whole->root().get(key); array != nullptr && array->asArray() != nullptr) {
        for (const auto& item : *array)
            expected.push_back(&item);
    }
    std::size_t streamed = 0;
    const detail::TomlStream stream{key, [&](const detail::TomlNode& root, const detail::TomlNode& element) {
                                        REQUIRE(streamed < expected.size());
                                        CHECK(detail::firstDifference(element, *expected[streamed]) == "");
                                        CHECK(element.line() == expected[streamed]->line());
                                        // Root key/values come before any header: all there already.
                                        for (const auto& member : whole->root()) {
                                            if (member.asTable() == nullptr && member.asArray() == nullptr)
                                                CHECK(root.get(member.key()) != nullptr);
                                        }
                                        ++streamed;
                                        return Status{};
                                    }};
    const auto parsed = detail::parseStreamedLockToml(content, sourceName, stream);
    REQUIRE(parsed.has_value());
    for (const auto& member : whole->root()) {
        const auto* other = parsed->root().get(member.key());
        REQUIRE(other != nullptr);
        if (member.key() == key && streamed > 0)
            CHECK(other->size() == 0);
        else
            CHECK(detail::firstDifference(member, *other) == "");
    }
    return streamed;
}

} // namespace

TEST_CASE("Streaming a lockfile's packages hands over each table as the whole tree holds it", "[lock][toml]")
{
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(test::kTestDataDir)) {
        if (!entry.is_regular_file() || !isTomlLock(entry.path()) ||
            entry.path().parent_path().filename() == "malformed")
            continue;
        const auto content = readFile(entry.path());
        REQUIRE(content.has_value());
        for (const std::string_view key : {"packages", "package", "distribution"})
            requireStreamMatchesTree(*content, key, entry.path().string());
        ++files;
    }
    CHECK(files >= 10);

    const test::TempDir scratch("pindex-lock-stream");
    const std::string command = test::kPython.string() + " " +
                                (test::kSourceDir / "tests/bench/make_lock_pair.py").string() + " " +
                                scratch.path().string() + " --packages 300 --format uv";
    REQUIRE(std::system(command.c_str()) == 0);
    const auto generated = readFile(scratch / "new" / "uv.lock");
    REQUIRE(generated.has_value());
    CHECK(requireStreamMatchesTree(*generated, "package", "uv.lock") >= 300);
}

TEST_CASE("Streamed tables: tables between them survive, big tables keep their index, errors stop the parse",
          "[lock][toml]")
{
    // Tables with more than eight keys get a hash index, which must not outlive their nodes; a
    // [metadata] table between two packages keeps its nodes; sub-tables join the open package.
    std::string content = "version = 1\n";
    for (int i = 0; i < 50; ++i) {
        content += "[[package]]\nname = \"p" + std::to_string(i) + "\"\n";
        for (const char* key : {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"})
            content += std::string(key) + " = " + std::to_string(i) + "\n";
        content += "[package.sdist]\nurl = \"u" + std::to_string(i) + "\"\n";
        content += "[[package.wheels]]\nurl = \"w" + std::to_string(i) + "\"\n";
        if (i == 20)
            content += "[metadata]\nlock-version = \"2.0\"\n[metadata.files]\nx = []\n";
    }
    CHECK(requireStreamMatchesTree(content, "package", "poetry.lock") == 50);

    // A duplicate key in a later package (its nodes reuse those of earlier ones) is still found.
    const std::string duplicate = content + "[[package]]\nname = \"last\"\na = 1\nb = 2\nc = 3\nd = 4\n"
                                            "e = 5\nf = 6\ng = 7\nh = 8\ni = 9\nname = \"again\"\n";
    const detail::TomlStream counting{
        "package", [](const detail::TomlNode&, const detail::TomlNode&) { return Status{}; }};
    const auto rejected = detail::parseStreamedLockToml(duplicate, "poetry.lock", counting);
    REQUIRE_FALSE(rejected.has_value());
    CHECK(rejected.error().describe().find("'name' is defined twice") != std::string::npos);
    REQUIRE(rejected.error().location.has_value());
    CHECK(rejected.error().location->line ==
          static_cast<std::uint32_t>(std::count(duplicate.begin(), duplicate.end(), '\n')));

    // An error from the callback ends the parse with that error.
    int calls = 0;
    const detail::TomlStream failing{
        "package", [&](const detail::TomlNode&, const detail::TomlNode& element) {
            ++calls;
            return element.get("name")->text() == "p3"
                       ? Status(std::unexpected(makeError(ErrorCode::Parse, "p3")))
                       : Status{};
        }};
    const auto stopped = detail::parseStreamedLockToml(content, "poetry.lock", failing);
    REQUIRE_FALSE(stopped.has_value());
    CHECK(stopped.error().message == "p3");
    CHECK(calls == 4);
}
