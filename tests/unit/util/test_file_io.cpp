#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "core/util/file_io.h"
#include "tests/support/temp_dir.h"

using namespace pindex;

TEST_CASE("readFile names the path when the file is missing", "[util][file_io]")
{
    test::TempDir dir;
    const auto result = readFile(dir / "missing.toml");
    REQUIRE_FALSE(result);
    CHECK(result.error().code == ErrorCode::NotFound);
    REQUIRE(result.error().location);
    CHECK(result.error().location->file == (dir / "missing.toml").string());
}

TEST_CASE("writeFileAtomic writes exact bytes and keeps the file mode", "[util][file_io]")
{
    test::TempDir dir;
    const auto file = dir / "pyproject.toml";
    const std::string content = "a = 1\r\nb = 2"; // CRLF, no final newline: bytes are bytes
    REQUIRE(writeFileAtomic(file, "old"));
    REQUIRE(::chmod(file.c_str(), 0640) == 0);
    REQUIRE(writeFileAtomic(file, content));
    CHECK(readFile(file).value() == content);
    struct stat info
    {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0640);
    // No temporary file is left behind.
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                        std::filesystem::directory_iterator{}) == 1);
}

TEST_CASE("replaceSnapshot refuses to clobber a change made on disk meanwhile", "[util][file_io]")
{
    test::TempDir dir;
    const auto file = dir / "pyproject.toml";
    REQUIRE(writeFileAtomic(file, "name = \"a\"\n"));
    const auto snapshot = readSnapshot(file);
    REQUIRE(snapshot);

    REQUIRE(writeFileAtomic(file, "name = \"edited elsewhere\"\n"));
    const auto result = replaceSnapshot(*snapshot, "name = \"ours\"\n");
    REQUIRE_FALSE(result);
    CHECK(result.error().code == ErrorCode::Conflict);
    CHECK(readFile(file).value() == "name = \"edited elsewhere\"\n");

    const auto fresh = readSnapshot(file);
    REQUIRE(fresh);
    REQUIRE(replaceSnapshot(*fresh, "name = \"ours\"\n"));
    CHECK(readFile(file).value() == "name = \"ours\"\n");
}

TEST_CASE("writeFileAtomic reports an unwritable directory with the path", "[util][file_io]")
{
    const auto result = writeFileAtomic("/nonexistent-dir-for-pindex/x.toml", "x");
    REQUIRE_FALSE(result);
    CHECK(result.error().code == ErrorCode::Io);
    CHECK(result.error().describe().find("/nonexistent-dir-for-pindex/x.toml") != std::string::npos);
}

TEST_CASE("a non-durable write is still atomic and complete", "[util][file_io]")
{
    test::TempDir dir;
    const auto file = dir / "cache-entry";
    REQUIRE(writeFileAtomic(file, "first"));
    REQUIRE(writeFileAtomic(file, std::string(100000, 'x'), {.durable = false}));
    CHECK(readFile(file).value() == std::string(100000, 'x'));
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                        std::filesystem::directory_iterator{}) == 1);
}

TEST_CASE("readFile reads whole files, large ones and ones without a size (pipes, /proc)", "[util][file_io]")
{
    const test::TempDir dir("pindex-read-file");
    std::string large;
    for (int i = 0; large.size() < (3u << 20); ++i)
        large += "line " + std::to_string(i) + " of a file larger than any one read buffer\n";
    const auto path = dir / "large.txt";
    REQUIRE(writeFileAtomic(path, large).has_value());
    const auto read = readFile(path);
    REQUIRE(read.has_value());
    CHECK(read->size() == large.size());
    CHECK(*read == large);

    const auto empty = dir / "empty.txt";
    REQUIRE(writeFileAtomic(empty, "").has_value());
    const auto none = readFile(empty);
    REQUIRE(none.has_value());
    CHECK(none->empty());

    // /proc files report a size of 0 and still have content.
    const auto status = readFile("/proc/self/status");
    REQUIRE(status.has_value());
    CHECK(status->starts_with("Name:"));
    CHECK(status->find("\nPid:") != std::string::npos);
}
