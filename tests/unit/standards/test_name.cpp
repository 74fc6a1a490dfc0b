#include <catch2/catch.hpp>

#include "core/standards/name.h"

using namespace pindex::standards;

TEST_CASE("canonicalizeName lowers and collapses separator runs", "[standards][name]")
{
    CHECK(canonicalizeName("Foo.Bar__baz--Qux") == "foo-bar-baz-qux");
    CHECK(canonicalizeName("zope.interface") == "zope-interface");
    CHECK(canonicalizeName("") == "");
    CHECK(canonicalizeName("-a-") == "-a-");
    CHECK(canonicalizeName("Caf\xc3\x89_\xce\xa9\xd0\x96") == "caf\xc3\xa9-\xcf\x89\xd0\xb6");
}

TEST_CASE("isValidName accepts ASCII names with inner separators only", "[standards][name]")
{
    CHECK(isValidName("a"));
    CHECK(isValidName("Foo_bar.baz-2"));
    CHECK_FALSE(isValidName(""));
    CHECK_FALSE(isValidName("-foo"));
    CHECK_FALSE(isValidName("foo."));
    CHECK_FALSE(isValidName("foo bar"));
    CHECK_FALSE(isValidName("f\xc3\xa9"));
}

TEST_CASE("isNormalizedName requires the canonical spelling", "[standards][name]")
{
    CHECK(isNormalizedName("foo-bar"));
    CHECK_FALSE(isNormalizedName("foo_bar"));
    CHECK_FALSE(isNormalizedName("Foo"));
}

TEST_CASE("normalizeExtra gives the PEP 685 form", "[standards][name]")
{
    CHECK(normalizeExtra("Test_Extra..Two") == "test-extra-two");
}
