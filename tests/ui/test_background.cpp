// runInBackground's pool: jobs never take a thread of Qt's global pool, which Qt 6.4's raster
// engine uses for large fills while the painting thread waits (ui/background.h).

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <semaphore>
#include <utility>

#include <catch2/catch.hpp>

#include <QImage>
#include <QObject>
#include <QPainter>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include "ui/background.h"

using namespace pindex;

namespace {

// Thick antialiased diagonal stripes over a large image, like a busy progress bar's: span batches
// large enough for the raster engine to split them across the global pool.
bool paintStripes()
{
    QImage image(1200, 800, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(40, 90, 200, 180), 9));
    for (int x = -image.height(); x < image.width(); x += 22)
        painter.drawLine(x, image.height(), x + image.height(), 0);
    painter.end();
    return image.pixel(600, 400) != 0;
}

} // namespace

TEST_CASE("background jobs never occupy the global thread pool that painting waits for", "[ui][background]")
{
    QObject context;
    QThreadPool* pool = ui::backgroundPool();
    REQUIRE(pool != QThreadPool::globalInstance());
    CHECK(pool == ui::backgroundPool()); // one per application
    CHECK(pool->maxThreadCount() >= 4);

    // Every thread of the job pool busy until the paint below is done. The jobs share their state
    // (it outlives the test if one fails) and are released however the test ends: the pool waits
    // for its jobs when the application quits.
    const int jobs = pool->maxThreadCount();
    struct Shared
    {
        std::counting_semaphore<> release{0};
        std::atomic<int> started{0};
        std::atomic<int> onGlobalPool{0};
    };
    auto shared = std::make_shared<Shared>();
    struct Release
    {
        std::shared_ptr<Shared> shared;
        int count;
        ~Release() { shared->release.release(count); }
    } releaseAtEnd{shared, jobs};
    int finished = 0;
    for (int job = 0; job < jobs; ++job) {
        ui::runInBackground(
            &context,
            [shared] {
                if (QThreadPool::globalInstance()->contains(QThread::currentThread()))
                    ++shared->onGlobalPool;
                ++shared->started;
                shared->release.acquire();
                return true;
            },
            [&finished](bool) { ++finished; });
    }
    REQUIRE(QTest::qWaitFor([&] { return shared->started == jobs; }, 60000));
    CHECK(QThreadPool::globalInstance()->activeThreadCount() == 0);

    // The fills the raster engine hands to the global pool still run. Painted from a plain thread
    // (not one of the global pool's, so the engine splits the fills as it does for the UI thread),
    // so a regression fails here instead of hanging the test.
    auto painted = std::async(std::launch::async, paintStripes);
    const bool done = painted.wait_for(std::chrono::seconds(60)) == std::future_status::ready;
    CHECK(done);
    shared->release.release(std::exchange(releaseAtEnd.count, 0));
    CHECK(painted.get());

    REQUIRE(QTest::qWaitFor([&] { return finished == jobs; }, 60000));
    CHECK(shared->onGlobalPool == 0);
}
