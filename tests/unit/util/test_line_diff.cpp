#include <catch2/catch.hpp>

#include "core/util/line_diff.h"

using namespace pindex;

TEST_CASE("unifiedDiff shows added lines with their context", "[util][diff]")
{
    const std::string before = "a\nb\nc\nd\ne\nf\ng\nh\n";
    const std::string after = "a\nb\nc\nd\nX\ne\nf\ng\nh\n";
    CHECK(unifiedDiff(before, after) == "@@ -2,6 +2,7 @@\n b\n c\n d\n+X\n e\n f\n g\n");
}

TEST_CASE("unifiedDiff shows removed and changed lines, and two distant changes as two hunks", "[util][diff]")
{
    const std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
    const std::string after = "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n12\n";
    CHECK(unifiedDiff(before, after, 1) ==
          "@@ -1,3 +1,3 @@\n 1\n-2\n+TWO\n 3\n@@ -10,3 +10,2 @@\n 10\n-11\n 12\n");
}

TEST_CASE("unifiedDiff of equal texts is empty, of an empty text is all additions", "[util][diff]")
{
    CHECK(unifiedDiff("same\n", "same\n").empty());
    CHECK(unifiedDiff("", "x\ny\n") == "@@ -0,0 +1,2 @@\n+x\n+y\n");
    CHECK(unifiedDiff("x", "x\n") == "@@ -1,1 +1,1 @@\n-x\n\\ No newline at end of file\n+x\n");
}
