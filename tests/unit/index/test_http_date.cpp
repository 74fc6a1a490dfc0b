#include <catch2/catch.hpp>

#include "core/index/http_date.h"

using namespace pindex;

namespace {

constexpr std::int64_t kNov1994 = 784111777; // Sun, 06 Nov 1994 08:49:37 GMT
constexpr std::int64_t k2026 = 1795881600;   // Sat, 28 Nov 2026 16:00:00 GMT

} // namespace

TEST_CASE("HTTP dates: the three forms RFC 9110 names give the same instant", "[index]")
{
    CHECK(index::parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT", k2026) == kNov1994);
    CHECK(index::parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT", k2026) == kNov1994);
    CHECK(index::parseHttpDate("Sun Nov  6 08:49:37 1994", k2026) == kNov1994);
    // What servers send besides: "UTC", no weekday, extra spaces.
    CHECK(index::parseHttpDate("Sun, 06 Nov 1994 08:49:37 UTC", k2026) == kNov1994);
    CHECK(index::parseHttpDate("06 Nov 1994 08:49:37 GMT", k2026) == kNov1994);
    CHECK(index::parseHttpDate("  Sun,  06 Nov 1994  08:49:37 GMT ", k2026) == kNov1994);
    CHECK(index::parseHttpDate("Thu, 01 Jan 1970 00:00:00 GMT", k2026) == 0);
    CHECK(index::parseHttpDate("Sat, 28 Nov 2026 16:00:00 GMT", k2026) == k2026);
    CHECK(index::parseHttpDate("Thu, 29 Feb 2024 23:59:59 GMT", k2026) == 1709251199);
}

TEST_CASE("HTTP dates: a two-digit year more than 50 years ahead is the last century's", "[index]")
{
    // In 2026: "76" is 2076 (50 years ahead), "77" is 1977.
    CHECK(index::parseHttpDate("Monday, 02-Nov-76 00:00:00 GMT", k2026) == 3371500800);
    CHECK(index::parseHttpDate("Wednesday, 02-Nov-77 00:00:00 GMT", k2026) == 247276800);
    CHECK(index::parseHttpDate("Saturday, 28-Nov-26 16:00:00 GMT", k2026) == k2026);
}

TEST_CASE("HTTP dates: anything else is no date", "[index]")
{
    for (const auto* text :
         {"", "0", "-1", "now", "Sun, 06 Nov 1994", "Sun, 06 Nov 1994 08:49 GMT",
          "Sun, 31 Nov 1994 08:49:37 GMT", "Sun, 29 Feb 2023 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
          "Sun, 06 Nov 1994 08:60:00 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 PST",
          "Sun, 06 Nov 19945 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT trailing",
          "Sun, 06 Nov Nov 1994 08:49:37 GMT", "Sun, 1994 08:49:37 GMT"}) {
        INFO(text);
        CHECK_FALSE(index::parseHttpDate(text, k2026).has_value());
    }
}
