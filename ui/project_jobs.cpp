#include "ui/project_jobs.h"

#include <QDir>
#include <QLabel>
#include <QMainWindow>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QStringList>
#include <QTimer>

#include "core/auth/credential_chain.h"
#include "core/auth/environment_provider.h"
#include "core/diff/lock_diff.h"
#include "core/index/http_cache.h"
#include "core/index/http_client.h"
#include "core/index/index_client.h"
#include "core/install/project_lock.h"
#include "core/install/sync_job.h"
#include "ui/background.h"
#include "ui/dialogs/settings_dialog.h"
#include "ui/keychain/credential_prompt.h"
#include "ui/keychain/credential_retry.h"
#include "ui/models/environment_model.h"
#include "ui/progress_mailbox.h"
#include "ui/project_state.h"
#include "ui/prompter.h"
#include "ui/qt_text.h"
#include "ui/views/environment_view.h"
#include "ui/views/relock_preview.h"

namespace pindex::ui {
namespace {

constexpr int kProgressIntervalMs = 50; // at most 20 progress updates a second

std::filesystem::path toPath(const QString& text)
{
    return std::filesystem::path(toStdString(text));
}

// The lock job's stages, left in the mailbox.
class LockStageObserver final : public install::ProjectLockObserver
{
public:
    explicit LockStageObserver(std::shared_ptr<ProgressMailbox> mailbox)
        : m_mailbox(std::move(mailbox))
    {}
    void stageStarted(Stage stage) override
    {
        QString text = toQString(install::describe(stage));
        text[0] = text[0].toUpper();
        m_mailbox->setOverall(text + QStringLiteral("…"), 0, 0);
    }

private:
    std::shared_ptr<ProgressMailbox> m_mailbox;
};

QString describeState(install::PackageState state)
{
    switch (state) {
    case install::PackageState::Queued: return QObject::tr("queued");
    case install::PackageState::Downloading: return QObject::tr("downloading");
    case install::PackageState::Downloaded: return QObject::tr("downloaded");
    case install::PackageState::Installing: return QObject::tr("installing");
    case install::PackageState::Done: return QObject::tr("done");
    case install::PackageState::Failed: return QObject::tr("failed");
    }
    return {};
}

// The sync job's progress, left in the mailbox.
class SyncMailboxObserver final : public install::SyncProgressObserver
{
public:
    explicit SyncMailboxObserver(std::shared_ptr<ProgressMailbox> mailbox)
        : m_mailbox(std::move(mailbox))
    {}
    void overall(const install::SyncProgress& progress) override
    {
        switch (progress.phase) {
        case install::SyncPhase::Preparing: m_mailbox->setOverall(QObject::tr("Preparing"), 0, 0); break;
        case install::SyncPhase::Downloading:
            m_mailbox->setOverall(QObject::tr("Downloading"), static_cast<long long>(progress.bytesDone),
                                  static_cast<long long>(progress.bytesTotal));
            break;
        case install::SyncPhase::Installing:
        case install::SyncPhase::Finished:
            m_mailbox->setOverall(
                QObject::tr("Installing %1 of %2").arg(progress.packagesDone).arg(progress.packagesTotal),
                static_cast<long long>(progress.packagesDone),
                static_cast<long long>(progress.packagesTotal));
            break;
        }
    }
    void package(const install::PackageProgress& progress) override
    {
        QString text = describeState(progress.state);
        if (progress.state == install::PackageState::Downloading && progress.bytesTotal > 0)
            text += QStringLiteral(" %1%").arg(progress.bytesDone * 100 / progress.bytesTotal);
        m_mailbox->setActivity(progress.name, text);
    }
    void finished(const install::PackageResult& result) override
    {
        QString text = toQString(install::toString(result.outcome));
        if (!result.newVersion.empty() && result.outcome != install::PackageOutcome::Unchanged)
            text += QStringLiteral(" ") + toQString(result.newVersion);
        if (result.error)
            text += QStringLiteral(": ") + toQString(result.error->message);
        m_mailbox->setActivity(result.name, text);
    }

private:
    std::shared_ptr<ProgressMailbox> m_mailbox;
};

// The sentence after a sync: what changed, and for failures what to do next.
QString syncSummaryText(const install::SyncSummary& summary)
{
    using install::PackageOutcome;
    QStringList parts;
    const auto add = [&](PackageOutcome outcome, const QString& text) {
        if (const auto count = summary.count(outcome); count > 0)
            parts << text.arg(count);
    };
    add(PackageOutcome::Installed, QObject::tr("%1 installed"));
    add(PackageOutcome::Upgraded, QObject::tr("%1 upgraded"));
    add(PackageOutcome::Downgraded, QObject::tr("%1 downgraded"));
    add(PackageOutcome::Reinstalled, QObject::tr("%1 reinstalled"));
    add(PackageOutcome::Removed, QObject::tr("%1 removed"));
    add(PackageOutcome::Unchanged, QObject::tr("%1 already in sync"));
    add(PackageOutcome::Failed, QObject::tr("%1 failed"));
    add(PackageOutcome::NotStarted, QObject::tr("%1 not started"));
    QString text = parts.isEmpty() ? QObject::tr("Nothing to do.")
                                   : parts.join(QStringLiteral(", ")) + QStringLiteral(".");
    if (summary.venvCreated)
        text = QObject::tr("Created %1. ").arg(QDir::toNativeSeparators(toQString(summary.venv.string()))) +
               text;
    text += QObject::tr(" (%1 ms)").arg(summary.elapsed.count());
    if (summary.cancelled)
        text +=
            QObject::tr(" Cancelled: every package is in its old or its new state; Sync again to finish.");
    for (const auto& problem : summary.unsupported)
        text += QStringLiteral("\n") + toQString(problem.describe());
    for (const auto& package : summary.packages) {
        if (package.outcome == PackageOutcome::Failed && package.error)
            text += QStringLiteral("\n") + toQString(package.name) + QStringLiteral(": ") +
                    toQString(package.error->describe());
    }
    return text;
}

QString nextStep(const Error& error)
{
    QString text = toQString(error.describe());
    if (error.hint.empty()) {
        switch (error.code) {
        case ErrorCode::Unauthorized:
            text += QObject::tr("\nNext: set the index's credentials in the Indexes tab, then try again.");
            break;
        case ErrorCode::Network:
            text +=
                QObject::tr("\nNext: check the network or the index URL in the Indexes tab, then try again.");
            break;
        case ErrorCode::NotFound: text += QObject::tr("\nNext: Lock the project first (Ctrl+L)."); break;
        default: break;
        }
    }
    return text;
}

} // namespace

IndexAccess readIndexAccess(const QSettings& settings, const std::filesystem::path& defaultCache,
                            bool offline)
{
    IndexAccess access{.cacheDirectory = defaultCache,
                       .concurrency = static_cast<std::size_t>(kDefaultConcurrency),
                       .offline = offline};
    const QString cache = settings.value(QLatin1String(kCacheDirectorySetting)).toString();
    if (!cache.isEmpty())
        access.cacheDirectory = toPath(cache);
    bool valid = false;
    const int concurrency = settings.value(QLatin1String(kConcurrencySetting)).toInt(&valid);
    if (valid && concurrency > 0)
        access.concurrency = static_cast<std::size_t>(concurrency);
    return access;
}

QStringList indexProjectNames(const ProjectState& state, const IndexAccess& access)
{
    QStringList found;
    index::HttpClient http({.maxConcurrentTransfers = access.concurrency});
    const index::HttpCache cache(access.cacheDirectory.empty() ? index::HttpCache::defaultDirectory()
                                                               : access.cacheDirectory);
    auto credentials = auth::makeCredentialChain({.environment = auth::processEnvironment()});
    const index::IndexServices services{
        .http = &http, .cache = &cache, .credentials = credentials.get(), .offline = access.offline};
    for (const auto& entry : state.indexes) {
        if (entry.format == "flat" || entry.url.contains("pypi.org"))
            continue;
        index::IndexClient client(install::indexConfigFor(entry, state.directory), services);
        if (auto list = client.projectList()) {
            for (const auto& name : list->names)
                found << toQString(name);
        }
    }
    return found;
}

ProjectJobs::ProjectJobs(QMainWindow* window, Prompter* prompter, CredentialPrompt* prompt,
                         EnvironmentModel* environment, EnvironmentView* environmentView)
    : QObject(window)
    , m_window(window)
    , m_prompter(prompter)
    , m_prompt(prompt)
    , m_environment(environment)
    , m_environmentView(environmentView)
    , m_progressTimer(new QTimer(this))
    , m_progress(new QProgressBar(window))
    , m_label(new QLabel(window))
    , m_cancel(new QPushButton(tr("Cancel"), window))
    , m_mailbox(std::make_shared<ProgressMailbox>())
{
    m_progress->setObjectName(QStringLiteral("jobProgress"));
    m_progress->setAccessibleName(tr("Progress"));
    m_progress->setMaximumWidth(220);
    m_label->setObjectName(QStringLiteral("jobLabel"));
    m_cancel->setObjectName(QStringLiteral("jobCancel"));
    m_cancel->setToolTip(tr("Stop the running job (Esc)"));
    window->statusBar()->addPermanentWidget(m_label);
    window->statusBar()->addPermanentWidget(m_progress);
    window->statusBar()->addPermanentWidget(m_cancel);
    m_progress->setVisible(false);
    m_label->setVisible(false);
    m_cancel->setVisible(false);

    m_progressTimer->setInterval(kProgressIntervalMs);
    connect(m_progressTimer, &QTimer::timeout, this, &ProjectJobs::pollProgress);
    connect(m_cancel, &QPushButton::clicked, this, &ProjectJobs::cancel);
    connect(m_prompt, &CredentialPrompt::dialogOpened, this, [this] {
        if (isBusy())
            m_label->setText(tr("Waiting for credentials…"));
    });
}

ProjectJobs::~ProjectJobs()
{
    if (m_stop)
        m_stop->request_stop();
}

void ProjectJobs::showStatus(const QString& message)
{
    m_window->statusBar()->showMessage(message);
}

// --- the job's life: begin, progress, cancel, end -------------------------------------------

void ProjectJobs::begin(const QString& job, const QString& text)
{
    m_job = job;
    m_stop.emplace();
    (void)m_mailbox->take();
    m_label->setText(text);
    m_progress->setRange(0, 0);
    m_label->setVisible(true);
    m_progress->setVisible(true);
    m_cancel->setVisible(true);
    m_cancel->setEnabled(true);
    m_progressTimer->start();
    Q_EMIT busyChanged(true);
}

void ProjectJobs::end(const QString& message)
{
    showProgress(m_mailbox->take()); // the job finished: nobody holds the mailbox for long

    m_progressTimer->stop();
    m_job.clear();
    m_stop.reset();
    m_label->setVisible(false);
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    Q_EMIT busyChanged(false);
    showStatus(message);
}

void ProjectJobs::pollProgress()
{
    if (auto snapshot = m_mailbox->tryTake())
        showProgress(std::move(*snapshot));
}

void ProjectJobs::showProgress(ProgressMailbox::Snapshot snapshot)
{
    if (snapshot.hasOverall) {
        m_label->setText(snapshot.text);
        if (snapshot.total > 0) {
            const long long scale = snapshot.total > 1'000'000'000 ? 1024 : 1;
            m_progress->setRange(0, static_cast<int>(snapshot.total / scale));
            m_progress->setValue(static_cast<int>(snapshot.done / scale));
        } else {
            m_progress->setRange(0, 0);
        }
        if (m_job == QStringLiteral("sync"))
            m_environmentView->syncProgress(snapshot.text, snapshot.done, snapshot.total);
    }
    for (const auto& [package, activity] : snapshot.activities)
        m_environment->setActivity(package, activity);
}

void ProjectJobs::cancel()
{
    if (!m_stop)
        return;
    m_stop->request_stop();
    m_cancel->setEnabled(false);
    m_label->setText(tr("Cancelling…"));
}

void ProjectJobs::lock(const JobRequest& job)
{
    if (job.directory.isEmpty() || isBusy())
        return;
    begin(QStringLiteral("lock"), tr("Locking…"));
    // The preview's widgets are built on a turn of the event loop while the resolver runs, so the
    // turn that shows the result only fills them in.
    delete m_preview;
    m_preview = nullptr;
    QTimer::singleShot(0, this, [this] {
        if (m_job == QStringLiteral("lock") && m_preview == nullptr)
            m_preview = new RelockPreview(m_window);
    });
    const QString directory = job.directory;
    const IndexAccess& access = job.access;
    const install::ProjectLockRequest request{.directory = toPath(directory),
                                              .python = job.lockPython,
                                              .platform = job.lockPlatform,
                                              .offline = access.offline,
                                              .cacheDirectory = access.cacheDirectory};
    struct Outcome
    {
        std::shared_ptr<const install::ProjectLockResult> result;
        diff::LockDiff changes;
    };
    auto mailbox = m_mailbox;
    const std::stop_token stop = m_stop->get_token();
    // Each run builds its clients from the provider it is given: after a 401 the dialog opens, and
    // the next run answers with what the user saved.
    runWithCredentialRetry<Outcome>(
        this, m_prompt, job.credentials, job.indexes,
        [request, concurrency = access.concurrency, mailbox,
         stop](auth::CredentialProvider& credentials) -> Result<Outcome> {
            index::HttpClient http({.maxConcurrentTransfers = concurrency});
            auto run = request;
            run.credentials = &credentials;
            run.http = &http;
            LockStageObserver observer(mailbox);
            auto locked = install::lockProject(run, &observer, stop);
            if (!locked)
                return std::unexpected(locked.error());
            auto changes =
                diff::diffSnapshots(locked->existing.value_or(lock::LockSnapshot{}), locked->snapshot);
            return Outcome{std::make_shared<const install::ProjectLockResult>(std::move(*locked)),
                           std::move(changes)};
        },
        [this, directory](const Result<Outcome>& outcome) {
            // Cancelled also when the job was done before the request reached it, but its result
            // not shown yet: the user asked for it to go away, and a lock is only a preview.
            if ((m_stop && m_stop->stop_requested()) ||
                (!outcome && outcome.error().code == ErrorCode::Cancelled)) {
                end(tr("Locking was cancelled; nothing was written."));
                Q_EMIT lockFailed(tr("cancelled"));
                return;
            }
            if (!outcome) {
                const Error& error = outcome.error();
                end(tr("Locking failed."));
                if (m_preview == nullptr)
                    m_preview = new RelockPreview(m_window);
                if (error.code == ErrorCode::Unsatisfiable)
                    m_preview->showExplanation(
                        tr("There is no set of versions that satisfies the project's requirements:"),
                        toQString(error.message));
                else
                    m_preview->showExplanation(tr("Locking failed."), nextStep(error));
                m_preview->open();
                Q_EMIT lockPreviewShown();
                Q_EMIT lockFailed(toQString(error.describe()));
                return;
            }
            end(tr("Resolved %n package(s): review the changes.", nullptr,
                   static_cast<int>(outcome->result->packageCount)));
            if (m_preview == nullptr)
                m_preview = new RelockPreview(m_window);
            const auto result = outcome->result;
            m_preview->showChanges(outcome->changes, result->packageCount, !result->existing,
                                   result->unchanged());
            connect(m_preview, &QDialog::accepted, this, [this, result, directory] {
                runInBackground(
                    this, [result] { return install::writeProjectLock(*result); },
                    [this, directory](const Status& written) {
                        if (!written) {
                            const QString message = toQString(written.error().describe());
                            showStatus(message);
                            m_prompter->warn(m_window, tr("pylock.toml was not written"), message);
                            Q_EMIT lockFailed(message);
                            return;
                        }
                        showStatus(tr("Wrote pylock.toml."));
                        Q_EMIT projectChanged(directory);
                        Q_EMIT lockWritten();
                    });
            });
            connect(m_preview, &QDialog::rejected, this,
                    [this] { showStatus(tr("The new lock was discarded; pylock.toml is unchanged.")); });
            m_preview->open();
            Q_EMIT lockPreviewShown();
        });
}

void ProjectJobs::sync(const JobRequest& job)
{
    if (job.directory.isEmpty() || isBusy())
        return;
    begin(QStringLiteral("sync"), tr("Syncing…"));
    m_environmentView->syncStarted();
    const QString directory = job.directory;
    const IndexAccess& access = job.access;
    install::SyncJobOptions options{.projectDirectory = toPath(directory), .offline = access.offline};
    if (!access.cacheDirectory.empty())
        options.cacheDirectory = access.cacheDirectory;
    auto mailbox = m_mailbox;
    const std::stop_token stop = m_stop->get_token();
    runWithCredentialRetry<install::SyncSummary>(
        this, m_prompt, job.credentials, job.indexes,
        [options, concurrency = access.concurrency, mailbox,
         stop](auth::CredentialProvider& credentials) -> Result<install::SyncSummary> {
            index::HttpClient http({.maxConcurrentTransfers = concurrency});
            SyncMailboxObserver observer(mailbox);
            auto summary =
                install::syncProject(options, &observer, stop, {.http = &http, .credentials = &credentials});
            // A download refused for want of credentials changed nothing: reported as the error, so
            // the retry loop asks for them and syncs again.
            if (summary && !summary->cancelled) {
                for (const auto& package : summary->packages) {
                    if (package.error && package.error->code == ErrorCode::Unauthorized)
                        return std::unexpected(*package.error);
                }
            }
            return summary;
        },
        [this, directory](const Result<install::SyncSummary>& summary) {
            if (!summary) {
                const QString message = nextStep(summary.error());
                end(tr("Sync failed; the venv was not changed."));
                m_environmentView->syncFinished(false, message);
                Q_EMIT syncFinished(false);
                return;
            }
            const bool ok = summary->succeeded() && !summary->cancelled;
            const QString text = syncSummaryText(*summary);
            end(ok ? tr("Synced: %1").arg(text.section(QLatin1Char('\n'), 0, 0))
                   : tr("Sync did not finish."));
            m_environmentView->syncFinished(ok, text);
            Q_EMIT projectChanged(directory);
            Q_EMIT syncFinished(ok);
        });
}

} // namespace pindex::ui
