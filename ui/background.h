#pragma once

// runInBackground: runs a core job on the application's job pool and hands its result to `done` on
// the thread of `context` (the UI thread), unless `context` died first, in which case the result is
// dropped. The UI thread never waits.
//
// Implemented with QFutureWatcher rather than QFuture::then(context, ...): with Qt 6.4 a
// continuation attached while the job is finishing can be lost under load.
//
// The jobs never run on QThreadPool::globalInstance(): Qt 6.4's raster paint engine splits a large
// fill into segments, runs them on the global pool and blocks the painting (UI) thread until they
// are done (qdrawhelper.cpp, QT_THREAD_PARALLEL_FILLS; Qt 6.5 gave painting a pool of its own). A
// lock or a sync holding a global pool thread for seconds left every such repaint queued behind it:
// the event loop stalled 50-400 ms under load while a job ran.

#include <algorithm>
#include <type_traits>
#include <utility>

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QObject>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace pindex::ui {

// The pool background jobs run on: a child of the application object (it lives and dies with the
// application), created on the first call, which must come from the UI thread. Without an
// application object (nothing paints then), Qt's global pool.
inline QThreadPool* backgroundPool()
{
    QCoreApplication* application = QCoreApplication::instance();
    if (application == nullptr)
        return QThreadPool::globalInstance();
    static constexpr auto kName = "pindexJobPool";
    auto* pool = application->findChild<QThreadPool*>(QLatin1String(kName), Qt::FindDirectChildrenOnly);
    if (pool == nullptr) {
        pool = new QThreadPool(application);
        pool->setObjectName(QLatin1String(kName));
        // Jobs mostly wait on the network or the disk: a lock, a sync and a connection test at
        // once do not queue behind each other on a two-core machine.
        pool->setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
    }
    return pool;
}

template <typename Job, typename Done>
void runInBackground(QObject* context, Job job, Done done)
{
    using ResultType = std::invoke_result_t<Job>;
    auto* watcher = new QFutureWatcher<ResultType>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::move(done)]() mutable {
                         done(watcher->future().result());
                         watcher->deleteLater();
                     });
    watcher->setFuture(QtConcurrent::run(backgroundPool(), std::move(job)));
}

} // namespace pindex::ui
