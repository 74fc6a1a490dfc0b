#pragma once

// ProgressMailbox: where a core job's observer (on a worker thread) leaves its latest progress and
// the UI thread picks it up on a timer. The job never touches a QObject, so a window closing while
// a job runs is safe, and the UI sees at most one update per timer tick (throttling for free).

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <QString>

namespace pindex::ui {

class ProgressMailbox
{
public:
    struct Snapshot
    {
        bool hasOverall = false;
        QString text;
        long long done = 0;
        long long total = 0;                                 // 0: unknown (a busy indicator)
        std::vector<std::pair<QString, QString>> activities; // package, what is happening
    };

    void setOverall(QString text, long long done, long long total)
    {
        const std::lock_guard lock(m_mutex);
        m_pending.hasOverall = true;
        m_pending.text = std::move(text);
        m_pending.done = done;
        m_pending.total = total;
    }

    void setActivity(const std::string& package, QString activity)
    {
        const std::lock_guard lock(m_mutex);
        m_activities[package] = std::move(activity);
    }

    // What arrived since the last call.
    [[nodiscard]] Snapshot take()
    {
        const std::lock_guard lock(m_mutex);
        return takeLocked();
    }

    // Like take(), but nothing when a worker holds the mailbox right now: the UI thread's timer
    // never waits for a worker (one preempted inside setActivity would stall the event loop for
    // as long as the scheduler leaves it waiting); the next tick picks the update up.
    [[nodiscard]] std::optional<Snapshot> tryTake()
    {
        const std::unique_lock lock(m_mutex, std::try_to_lock);
        if (!lock.owns_lock())
            return std::nullopt;
        return takeLocked();
    }

private:
    Snapshot takeLocked()
    {
        Snapshot snapshot = std::move(m_pending);
        m_pending = {};
        for (auto& [package, activity] : m_activities)
            snapshot.activities.emplace_back(QString::fromStdString(package), std::move(activity));
        m_activities.clear();
        return snapshot;
    }

    std::mutex m_mutex;
    Snapshot m_pending;
    std::map<std::string, QString> m_activities;
};

} // namespace pindex::ui
