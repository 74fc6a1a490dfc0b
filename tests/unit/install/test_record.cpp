#include <catch2/catch.hpp>

#include "core/install/record.h"

using namespace pindex;
using namespace pindex::install;

TEST_CASE("RECORD hashes are urlsafe base64 SHA-256 without padding", "[install]")
{
    CHECK(recordHash("") == "sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
    CHECK(recordHashToHex(recordHash("")) ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(recordHashToHex("md5=abc").empty());
}

TEST_CASE("RECORD parses quoted fields and entries without hash", "[install]")
{
    const auto record = parseRecord(
        "pkg/__init__.py,sha256=abc,12\n\"odd,name.py\",,\r\npkg-1.dist-info/RECORD,,\n", "RECORD");
    REQUIRE(record);
    REQUIRE(record->size() == 3);
    CHECK((*record)[0].path == "pkg/__init__.py");
    CHECK((*record)[0].hash == "sha256=abc");
    CHECK((*record)[0].size == 12U);
    CHECK((*record)[1].path == "odd,name.py");
    CHECK_FALSE((*record)[1].size);
    CHECK(formatRecord(*record) ==
          "pkg/__init__.py,sha256=abc,12\n\"odd,name.py\",,\npkg-1.dist-info/RECORD,,\n");
}

TEST_CASE("RECORD lines with the wrong number of fields are errors naming the line", "[install]")
{
    const auto record = parseRecord("a.py,sha256=x,1\nb.py,sha256=y\n", "pkg.dist-info/RECORD");
    REQUIRE_FALSE(record);
    CHECK(record.error().code == ErrorCode::Parse);
    REQUIRE(record.error().location);
    CHECK(record.error().location->line == 2U);
}
