#include <catch2/catch.hpp>
#include <curl/curl.h>

#include "core/index/sha256.h"
#include "core/util/file_io.h"

using namespace pindex;

namespace {

bool mapped(std::string_view soname)
{
    const auto maps = readFile("/proc/self/maps");
    return maps && maps->find(soname) != std::string::npos;
}

} // namespace

// Each test case runs in a process of its own (catch_discover_tests), which starts with none of
// them loaded although this binary calls into all of them.
TEST_CASE("libcurl libarchive and libcrypto load on their first call not at start-up", "[index]")
{
    CHECK_FALSE(mapped("libcurl.so"));
    CHECK_FALSE(mapped("libarchive.so"));
    CHECK_FALSE(mapped("libcrypto.so"));

    CHECK(index::sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(mapped("libcrypto.so"));
    CHECK_FALSE(mapped("libcurl.so"));

    const auto* version = curl_version_info(CURLVERSION_NOW);
    REQUIRE(version != nullptr);
    CHECK(version->version_num >= 0x074400U); // 7.68, the oldest Pindex builds with
    CHECK(mapped("libcurl.so"));
}
