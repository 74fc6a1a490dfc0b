#include <thread>

#include <catch2/catch.hpp>

#include "core/util/blocking.h"

using namespace pindex;

namespace {

struct Counter final : util::BlockingObserver
{
    int begins = 0;
    int ends = 0;
    void blockingBegins() override { ++begins; }
    void blockingEnds() override { ++ends; }
};

} // namespace

TEST_CASE("BlockingScope tells the thread's observer once per outermost wait", "[util]")
{
    Counter counter;
    util::setBlockingObserver(&counter);
    {
        const util::BlockingScope outer;
        CHECK(counter.begins == 1);
        {
            const util::BlockingScope inner; // nested: the pool already knows
            CHECK(counter.begins == 1);
        }
        CHECK(counter.ends == 0);
    }
    CHECK(counter.begins == 1);
    CHECK(counter.ends == 1);
    {
        const util::BlockingScope again;
    }
    CHECK(counter.begins == 2);
    CHECK(counter.ends == 2);

    // Another thread has no observer of its own: its scopes tell nobody.
    std::thread([] { const util::BlockingScope elsewhere; }).join();
    CHECK(counter.begins == 2);

    util::setBlockingObserver(nullptr);
    {
        const util::BlockingScope unobserved;
    }
    CHECK(counter.begins == 2);
    CHECK(counter.ends == 2);
}
