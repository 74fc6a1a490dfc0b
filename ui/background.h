#pragma once

// runInBackground: runs a core job on Qt's thread pool and hands its result to `done` on the
// thread of `context` (the UI thread), unless `context` died first, in which case the result is
// dropped. The UI thread never waits.
//
// Implemented with QFutureWatcher rather than QFuture::then(context, ...): with Qt 6.4 a
// continuation attached while the job is finishing can be lost under load.

#include <type_traits>
#include <utility>

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

namespace pindex::ui {

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
    watcher->setFuture(QtConcurrent::run(std::move(job)));
}

} // namespace pindex::ui
