#include <catch2/catch.hpp>

#include "core/install/subprocess.h"

using namespace pindex;

TEST_CASE("A program's output, errors and exit code come back separately, with no input",
          "[install][subprocess]")
{
    const auto run = install::runProgram(
        {"/bin/sh", "-c", "printf 'out %s' \"$1\"; printf 'err' >&2; cat; exit 3", "sh", "two words"});
    REQUIRE(run.has_value());
    CHECK(run->out == "out two words"); // arguments pass through unsplit, without a shell of ours
    CHECK(run->err == "err");           // and standard input is /dev/null: cat ends at once
    CHECK(run->exitCode == 3);
}

TEST_CASE("A program killed by a signal reports 128 plus the signal", "[install][subprocess]")
{
    const auto run = install::runProgram({"/bin/sh", "-c", "kill -9 $$"});
    REQUIRE(run.has_value());
    CHECK(run->exitCode == 128 + 9);
}

TEST_CASE("A program that does not exist is an error naming it", "[install][subprocess]")
{
    const auto run = install::runProgram({"/nonexistent/python3.99", "-c", "pass"});
    REQUIRE_FALSE(run.has_value());
    CHECK(run.error().message.find("/nonexistent/python3.99") != std::string::npos);
    CHECK_FALSE(install::runProgram({}).has_value());
}
