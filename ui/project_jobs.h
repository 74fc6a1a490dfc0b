#pragma once

// Lock and Sync of the main window's project, one job at a time. Each runs on the thread pool
// through the credential retry loop (ui/keychain/credential_retry.h): an index answering 401/403
// without working credentials opens the credentials dialog, and the job runs again after the save.
// Progress reaches the UI thread through a ProgressMailbox polled every 50 ms (never waiting for a
// worker that holds it) and shows in the status-bar widgets this object adds to the window (label,
// progress bar, Cancel); Cancel requests the job's stop token. A new lock is shown in a RelockPreview and
// written only when accepted; a sync reports per package to the Environment tab.
//
// Invariants: at most one job runs (lock() and sync() do nothing while one does); busyChanged(true)
// and busyChanged(false) come once per job, the latter just before its result is shown.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include <QObject>
#include <QString>
#include <QStringList>

#include "core/auth/credential_provider.h"
#include "ui/progress_mailbox.h"

class QLabel;
class QMainWindow;
class QProgressBar;
class QPushButton;
class QSettings;
class QTimer;

namespace pindex::ui {

class CredentialPrompt;
class EnvironmentModel;
class EnvironmentView;
class Prompter;
class RelockPreview;
struct ProjectState;

// What the jobs that talk to indexes use, read from the settings when a job starts.
struct IndexAccess
{
    std::filesystem::path cacheDirectory; // empty: the user cache
    std::size_t concurrency = 16;         // parallel transfers
    bool offline = false;
};

// The Settings dialog's cache directory and concurrency (ui/dialogs/settings_dialog.h); `defaultCache`
// when no cache directory is set.
[[nodiscard]] IndexAccess readIndexAccess(const QSettings& settings,
                                          const std::filesystem::path& defaultCache, bool offline);

// The names the project's own indexes list (PyPI's list is large and skipped; flat indexes have
// none), for completing package names. Synchronous: run it on a worker.
[[nodiscard]] QStringList indexProjectNames(const ProjectState& state, const IndexAccess& access);

struct JobRequest
{
    QString directory;                        // the project's folder
    std::vector<auth::IndexIdentity> indexes; // whose 401/403 opens the credentials dialog
    std::shared_ptr<auth::CredentialProvider> credentials;
    IndexAccess access;
    std::optional<std::string> lockPython;   // unset: the project's interpreter
    std::optional<std::string> lockPlatform; // unset: the interpreter's
};

class ProjectJobs final : public QObject
{
    Q_OBJECT

public:
    // `window` receives the status-bar widgets and parents the previews; every pointer must
    // outlive this object.
    ProjectJobs(QMainWindow* window, Prompter* prompter, CredentialPrompt* prompt,
                EnvironmentModel* environment, EnvironmentView* environmentView);
    ~ProjectJobs() override;

    void lock(const JobRequest& request);
    void sync(const JobRequest& request);
    void cancel();
    [[nodiscard]] bool isBusy() const { return !m_job.isEmpty(); }
    [[nodiscard]] RelockPreview* preview() const { return m_preview; }

Q_SIGNALS:
    void busyChanged(bool busy);
    // The job changed files of the project in `directory` (a lock written, a venv synced).
    void projectChanged(const QString& directory);
    void lockPreviewShown();
    void lockWritten();
    void lockFailed(const QString& message);
    void syncFinished(bool ok);

private:
    void begin(const QString& job, const QString& text);
    void end(const QString& message);
    void pollProgress();
    void showProgress(ProgressMailbox::Snapshot snapshot);
    void showStatus(const QString& message);

    QMainWindow* m_window;
    Prompter* m_prompter;
    CredentialPrompt* m_prompt;
    EnvironmentModel* m_environment;
    EnvironmentView* m_environmentView;
    QTimer* m_progressTimer;
    QProgressBar* m_progress;
    QLabel* m_label;
    QPushButton* m_cancel;
    RelockPreview* m_preview = nullptr;
    std::shared_ptr<ProgressMailbox> m_mailbox;
    std::optional<std::stop_source> m_stop;
    QString m_job; // "lock", "sync" or empty
};

} // namespace pindex::ui
