#include "ui/main_window.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "core/auth/credential_chain.h"
#include "core/auth/environment_provider.h"
#include "core/auth/memory_store.h"
#include "core/diff/lock_diff.h"
#include "core/index/http_cache.h"
#include "core/index/http_client.h"
#include "core/index/index_client.h"
#include "core/install/project_lock.h"
#include "core/install/sync_job.h"
#include "ui/background.h"
#include "ui/dialogs/about_dialog.h"
#include "ui/dialogs/dependency_dialog.h"
#include "ui/dialogs/settings_dialog.h"
#include "ui/icons.h"
#include "ui/keychain/credential_prompt.h"
#include "ui/keychain/credential_retry.h"
#include "ui/keychain/keychain_store.h"
#include "ui/keychain/plain_text_banner.h"
#include "ui/models/dependency_model.h"
#include "ui/models/environment_model.h"
#include "ui/models/index_model.h"
#include "ui/models/project_list_model.h"
#include "ui/progress_mailbox.h"
#include "ui/project_editor.h"
#include "ui/project_state.h"
#include "ui/prompter.h"
#include "ui/qt_text.h"
#include "ui/views/confusion_view.h"
#include "ui/views/dependencies_view.h"
#include "ui/views/environment_view.h"
#include "ui/views/indexes_view.h"
#include "ui/views/lockfile_view.h"
#include "ui/views/relock_preview.h"
#include "ui/views/table_pane.h"

namespace pindex::ui {
namespace {

const QString kRecentKey = QStringLiteral("recentProjects");
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

MainWindow::MainWindow(QWidget* parent)
    : MainWindow(MainWindowOptions{}, parent)
{}

MainWindow::MainWindow(MainWindowOptions options, QWidget* parent)
    : QMainWindow(parent)
    , m_options(std::move(options))
    , m_ownPrompter(m_options.prompter == nullptr ? std::make_unique<QtPrompter>() : nullptr)
    , m_prompter(m_options.prompter != nullptr ? m_options.prompter : m_ownPrompter.get())
    , m_settings(m_options.settingsFile.isEmpty()
                     ? std::make_unique<QSettings>()
                     : std::make_unique<QSettings>(m_options.settingsFile, QSettings::IniFormat))
    , m_dependencies(new DependencyModel(this))
    , m_indexes(new IndexModel(this))
    , m_projects(new ProjectListModel(this))
    , m_environment(new EnvironmentModel(this))
    , m_projectList(new QListView(this))
    , m_splitter(new QSplitter(this))
    , m_tabs(new QTabWidget(this))
    , m_dependenciesView(new DependenciesView(m_dependencies, this))
    , m_indexesPane(new TablePane(
          m_indexes, tr("No indexes yet: packages come from PyPI. Add a private index to use your own."), -1,
          this))
    , m_lockfileView(new LockfileView(this))
    , m_keychain(new KeychainStore(m_options.keychainService, this))
    , m_session(std::make_unique<auth::MemoryStore>())
    , m_credentialPrompt(new CredentialPrompt(
          {.keychain = m_options.useKeychain ? m_keychain : nullptr, .session = m_session.get()}, this, this))
    , m_plainTextBanner(new PlainTextBanner(m_keychain, this))
    , m_environmentView(new EnvironmentView(m_environment, this))
    , m_confusionView(new ConfusionView(this))
    , m_watcher(new QFileSystemWatcher(this))
    , m_reloadTimer(new QTimer(this))
    , m_progressTimer(new QTimer(this))
    , m_jobProgress(new QProgressBar(this))
    , m_jobLabel(new QLabel(this))
    , m_jobCancel(new QPushButton(tr("Cancel"), this))
    , m_mailbox(std::make_shared<ProgressMailbox>())
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Pindex"));
    setAcceptDrops(true);
    m_confusionView->setIndexAccess(indexAccess().cacheDirectory, m_options.offline);

    m_projectList->setObjectName(QStringLiteral("projectList"));
    m_projectList->setAccessibleName(tr("Projects"));
    m_projectList->setModel(m_projects);
    m_projectList->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_dependenciesView->setObjectName(QStringLiteral("dependenciesPane"));
    m_lockfileView->setObjectName(QStringLiteral("lockfilePane"));
    m_lockfileView->setFileChooser([this](QWidget* owner, const QString& title, const QString& filter) {
        return m_prompter->chooseFile(owner, title, filter);
    });
    m_environmentView->setObjectName(QStringLiteral("environmentPane"));
    m_confusionView->setObjectName(QStringLiteral("confusionPane"));

    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->addTab(m_dependenciesView, tr("&Dependencies"));
    m_tabs->addTab(createIndexesTab(), tr("&Indexes"));
    m_tabs->addTab(m_lockfileView, tr("&Lockfile"));
    m_tabs->addTab(m_environmentView, tr("&Environment"));
    m_tabs->addTab(m_confusionView, tr("&Confusion check"));

    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_projectList);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({220, 880});
    setCentralWidget(m_splitter);

    m_jobProgress->setObjectName(QStringLiteral("jobProgress"));
    m_jobProgress->setAccessibleName(tr("Progress"));
    m_jobProgress->setMaximumWidth(220);
    m_jobLabel->setObjectName(QStringLiteral("jobLabel"));
    m_jobCancel->setObjectName(QStringLiteral("jobCancel"));
    m_jobCancel->setToolTip(tr("Stop the running job (Esc)"));
    statusBar()->addPermanentWidget(m_jobLabel);
    statusBar()->addPermanentWidget(m_jobProgress);
    statusBar()->addPermanentWidget(m_jobCancel);
    m_jobProgress->setVisible(false);
    m_jobLabel->setVisible(false);
    m_jobCancel->setVisible(false);

    createActions();
    statusBar()->showMessage(tr("Open a project folder (Ctrl+O) or drop one on the window to begin."));
    resize(1100, 680);

    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(150); // editors write in bursts: one reload per burst
    connect(m_reloadTimer, &QTimer::timeout, this, &MainWindow::reloadProject);
    m_progressTimer->setInterval(kProgressIntervalMs);
    connect(m_progressTimer, &QTimer::timeout, this, &MainWindow::pollProgress);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { scheduleReload(); });
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { scheduleReload(); });
    connect(m_jobCancel, &QPushButton::clicked, this, &MainWindow::cancelJob);
    connect(m_credentialPrompt, &CredentialPrompt::dialogOpened, this, [this] {
        if (isBusy())
            m_jobLabel->setText(tr("Waiting for credentials…"));
    });

    connect(m_projectList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                const QString directory = current.data(ProjectListModel::DirectoryRole).toString();
                if (!directory.isEmpty() && directory != m_currentDirectory)
                    openProject(directory);
            });
    connect(m_dependencies, &DependencyModel::pinRequested, this, &MainWindow::pin);
    connect(m_dependenciesView, &DependenciesView::addRequested, this, &MainWindow::addDependency);
    connect(m_dependenciesView, &DependenciesView::editRequested, this, &MainWindow::editDependency);
    connect(m_dependenciesView, &DependenciesView::removeRequested, this, &MainWindow::removeDependency);
    connect(m_environmentView, &EnvironmentView::syncRequested, this, &MainWindow::syncProject);
    connect(m_environmentView, &EnvironmentView::cancelRequested, this, &MainWindow::cancelJob);
    connect(m_confusionView, &ConfusionView::fixRequested, this,
            [this](const QString& package, const QString& pattern, const QString& index) {
                const std::string indexName = toStdString(index);
                if (pattern.isEmpty()) {
                    runEdit(
                        [package = toStdString(package), indexName](project::ProjectDocument& document) {
                            return document.pinPackage(package, indexName);
                        },
                        tr("Pinned %1 to %2.").arg(package, index));
                } else {
                    runEdit(
                        [pattern = toStdString(pattern), indexName](project::ProjectDocument& document) {
                            return document.addPatternPin(pattern, indexName);
                        },
                        tr("Pinned %1 to %2.").arg(pattern, index));
                }
            });

    // Recent projects, newest last as they were opened.
    for (const QString& directory : m_settings->value(kRecentKey).toStringList()) {
        if (QFileInfo(directory).isDir())
            m_projects->upsert({.directory = directory,
                                .name = QDir(directory).dirName(),
                                .version = {},
                                .badges = {},
                                .problem = {}});
    }
    for (const QString& directory : m_projects->directories()) {
        // Badges for every listed project, computed in the background.
        runInBackground(
            this, [directory] { return loadProjectState(toPath(directory)); },
            [this, directory](const Result<ProjectState>& state) {
                if (state)
                    updateBadges(directory, *state);
            });
    }
    restoreLayout();
}

MainWindow::~MainWindow()
{
    if (m_stop)
        m_stop->request_stop();
}

QWidget* MainWindow::createIndexesTab()
{
    // The Indexes tab is its own widget (ui/views/indexes_view.h) with its own table and plain-text
    // password warning; it writes pyproject.toml itself and asks the window to reload or re-lock.
    delete m_indexesPane;
    m_indexesPane = nullptr;
    delete m_plainTextBanner;
    m_plainTextBanner = nullptr;
    auto* view = new IndexesView(
        m_indexes, {.keychain = m_options.useKeychain ? m_keychain : nullptr, .session = m_session.get()},
        this);
    view->setCredentialPrompt(m_credentialPrompt);
    connect(view, &IndexesView::projectFileChanged, this, &MainWindow::reloadProject);
    connect(view, &IndexesView::relockRequested, this, &MainWindow::lockProject);
    return view;
}

void MainWindow::createActions()
{
    addHelpMenu(this); // Help > About Pindex
    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_openAction = new QAction(tr("&Open Project…"), this);
    m_openAction->setObjectName(QStringLiteral("openProjectAction"));
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setToolTip(tr("Open a folder holding pyproject.toml (Ctrl+O)"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseProject);
    toolbar->addAction(m_openAction);

    m_lockAction = new QAction(tr("&Lock"), this);
    m_lockAction->setObjectName(QStringLiteral("lockAction"));
    m_lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_lockAction->setToolTip(
        tr("Resolve again and review the changes before pylock.toml is written (Ctrl+L)"));
    connect(m_lockAction, &QAction::triggered, this, &MainWindow::lockProject);
    toolbar->addAction(m_lockAction);

    m_syncAction = new QAction(tr("&Sync"), this);
    m_syncAction->setObjectName(QStringLiteral("syncAction"));
    m_syncAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_syncAction->setToolTip(tr("Make the project's .venv match the lock exactly (Ctrl+Shift+S)"));
    connect(m_syncAction, &QAction::triggered, this, &MainWindow::syncProject);
    toolbar->addAction(m_syncAction);

    m_cancelAction = new QAction(tr("&Cancel"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelAction"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setEnabled(false);
    connect(m_cancelAction, &QAction::triggered, this, &MainWindow::cancelJob);
    toolbar->addAction(m_cancelAction);

    auto* find = new QAction(tr("&Find Package"), this);
    find->setObjectName(QStringLiteral("findAction"));
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_dependenciesView);
        m_dependenciesView->focusFind();
    });
    addAction(find);

    auto* reload = new QAction(tr("&Reload"), this);
    reload->setObjectName(QStringLiteral("reloadAction"));
    reload->setShortcut(QKeySequence::Refresh);
    connect(reload, &QAction::triggered, this, &MainWindow::reloadProject);
    addAction(reload);

    auto* remove = new QAction(tr("&Remove from List"), this);
    remove->setObjectName(QStringLiteral("removeProjectAction"));
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    connect(remove, &QAction::triggered, this, &MainWindow::removeSelectedProject);
    m_projectList->addAction(remove);

    auto* projects = new QAction(tr("Go to &Projects"), this);
    projects->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(projects, &QAction::triggered, m_projectList,
            [this] { m_projectList->setFocus(Qt::ShortcutFocusReason); });
    addAction(projects);

    // Icons that follow the palette (ui/icons.h), and the Settings dialog.
    m_openAction->setIcon(actionIcon(QStringLiteral("open"), palette()));
    m_lockAction->setIcon(actionIcon(QStringLiteral("lock"), palette()));
    m_syncAction->setIcon(actionIcon(QStringLiteral("sync"), palette()));
    m_cancelAction->setIcon(actionIcon(QStringLiteral("cancel"), palette()));
    auto* settings = new QAction(actionIcon(QStringLiteral("settings"), palette()), tr("&Settings…"), this);
    settings->setObjectName(QStringLiteral("settingsAction"));
    // The platform's Preferences keys, and Ctrl+, where the platform defines none (most do not).
    QList<QKeySequence> settingsKeys = QKeySequence::keyBindings(QKeySequence::Preferences);
    if (!settingsKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Comma)))
        settingsKeys << QKeySequence(Qt::CTRL | Qt::Key_Comma);
    settings->setShortcuts(settingsKeys);
    settings->setToolTip(tr("Cache, parallel downloads, default index strategy, language"));
    connect(settings, &QAction::triggered, this, [this] {
        auto* dialog = new SettingsDialog(m_settings.get(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this,
                [this] { m_confusionView->setIndexAccess(indexAccess().cacheDirectory, m_options.offline); });
        dialog->open();
    });
    toolbar->addSeparator();
    toolbar->addAction(settings);
}

void MainWindow::chooseProject()
{
    const QString directory = m_prompter->chooseDirectory(this, tr("Open a Python project"));
    if (!directory.isEmpty())
        openProject(directory);
}

void MainWindow::removeSelectedProject()
{
    const QModelIndex current = m_projectList->currentIndex();
    if (!current.isValid())
        return;
    const QString directory = current.data(ProjectListModel::DirectoryRole).toString();
    m_projects->remove(current.row());
    saveRecentProjects();
    if (directory == m_currentDirectory) {
        ++m_loadGeneration; // a load still on its way must not bring the project back
        m_currentDirectory.clear();
        m_state.reset();
        m_dependencies->clear();
        m_indexes->setIndexes({});
        m_environmentView->clear();
        m_confusionView->clear();
        const QStringList watched = m_watcher->files() + m_watcher->directories();
        if (!watched.isEmpty())
            m_watcher->removePaths(watched);
        setWindowTitle(tr("Pindex"));
        statusBar()->showMessage(tr("Removed %1 from the list; its files are untouched.")
                                     .arg(QDir::toNativeSeparators(directory)));
    }
}

void MainWindow::openProject(const QString& directory)
{
    QString absolute = QDir(directory).absolutePath();
    if (QFileInfo(absolute).isFile())
        absolute = QFileInfo(absolute).absolutePath(); // a pyproject.toml was given
    m_currentDirectory = absolute;
    m_lockfileView->setProject(absolute);
    m_confusionView->clear();
    statusBar()->showMessage(tr("Loading %1…").arg(QDir::toNativeSeparators(absolute)));
    loadState(absolute, false);
}

void MainWindow::reloadProject()
{
    if (!m_currentDirectory.isEmpty())
        loadState(m_currentDirectory, true);
}

void MainWindow::scheduleReload()
{
    m_reloadTimer->start();
}

void MainWindow::loadState(const QString& directory, bool refresh)
{
    const quint64 generation = ++m_loadGeneration;
    runInBackground(
        this, [directory] { return loadProjectState(toPath(directory)); },
        [this, directory, refresh, generation](const Result<ProjectState>& loaded) {
            if (directory != m_currentDirectory || generation != m_loadGeneration)
                return; // the user moved on, or a newer load is on its way
            watch(directory);
            if (!loaded) {
                const QString message = toQString(loaded.error().describe());
                if (!refresh) {
                    m_dependencies->clear();
                    m_indexes->setIndexes({});
                    m_environmentView->clear();
                }
                statusBar()->showMessage(message);
                Q_EMIT projectLoadFailed(directory, message);
                return;
            }
            applyState(directory, *loaded, refresh);
        });
}

void MainWindow::applyState(const QString& directory, const ProjectState& state, bool refresh)
{
    m_state = std::make_shared<const ProjectState>(state);
    m_dependencies->setState(state);
    if (auto* indexesView = findChild<IndexesView*>())
        indexesView->showProject(directory, state.project);
    m_environmentView->setState(state);
    m_confusionView->setProject(directory, m_state);
    if (refresh)
        m_lockfileView->setProject(directory);
    updateBadges(directory, state);
    m_projectList->setCurrentIndex(m_projects->index(m_projects->rowOf(directory)));
    saveRecentProjects();
    const QString name = toQString(state.project.name);
    setWindowTitle(tr("%1 — Pindex").arg(name.isEmpty() ? QDir(directory).dirName() : name));
    const auto dependencyCount = state.project.dependencies.size();
    const auto indexCount = state.project.indexes.size();
    if (m_job.isEmpty())
        statusBar()->showMessage(
            (dependencyCount == 1 ? tr("1 dependency") : tr("%1 dependencies").arg(dependencyCount)) +
            QStringLiteral(", ") + (indexCount == 1 ? tr("1 index") : tr("%1 indexes").arg(indexCount)));
    if (refresh)
        Q_EMIT projectRefreshed(directory);
    else
        Q_EMIT projectLoaded(directory);
}

void MainWindow::updateBadges(const QString& directory, const ProjectState& state)
{
    QStringList badges;
    if (state.lockMissing)
        badges << tr("not locked");
    else if (state.lockStale)
        badges << tr("lock stale");
    if (state.lock && state.venvOutOfSync)
        badges << tr("venv out of sync");
    for (const auto& index : state.indexesWithoutCredentials)
        badges << tr("no credentials for %1").arg(toQString(index));
    const int row = m_projects->rowOf(directory);
    ProjectListEntry entry{.directory = directory,
                           .name = toQString(state.project.name),
                           .version = toQString(state.project.version),
                           .badges = badges,
                           .problem = {}};
    if (row >= 0 || directory == m_currentDirectory)
        m_projects->upsert(entry);
}

// Watches pyproject.toml, the lock and the folder (which tells when a lock appears, and when an
// editor replaces a file by renaming a new one over it: the file's watch is gone then, re-add it).
void MainWindow::watch(const QString& directory)
{
    QStringList wanted{directory};
    for (const QString& name : {QStringLiteral("pyproject.toml"), QStringLiteral("pylock.toml"),
                                QStringLiteral("uv.lock"), QStringLiteral("uv.toml")}) {
        const QString file = QDir(directory).filePath(name);
        if (QFileInfo::exists(file))
            wanted << file;
    }
    QStringList stale;
    for (const QString& path : m_watcher->files() + m_watcher->directories()) {
        if (!wanted.contains(path))
            stale << path;
    }
    if (!stale.isEmpty())
        m_watcher->removePaths(stale);
    QStringList missing;
    const QStringList watched = m_watcher->files() + m_watcher->directories();
    for (const QString& path : wanted) {
        if (!watched.contains(path))
            missing << path;
    }
    if (!missing.isEmpty())
        m_watcher->addPaths(missing);
}

void MainWindow::saveRecentProjects()
{
    if (m_settings->value(kRecentKey).toStringList() == m_projects->directories())
        return;
    m_settings->setValue(kRecentKey, m_projects->directories());
    m_settings->sync();
}

void MainWindow::restoreLayout()
{
    restoreGeometry(m_settings->value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(m_settings->value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(m_settings->value(QStringLiteral("window/splitter")).toByteArray());
    m_tabs->setCurrentIndex(m_settings->value(QStringLiteral("window/tab"), 0).toInt());
}

void MainWindow::saveLayout()
{
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("window/state"), saveState());
    m_settings->setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    m_settings->setValue(QStringLiteral("window/tab"), m_tabs->currentIndex());
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    if (m_stop)
        m_stop->request_stop();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!event->mimeData()->hasUrls())
        return;
    for (const QUrl& url : event->mimeData()->urls()) {
        const QFileInfo info(url.toLocalFile());
        if (info.isDir() || info.fileName() == QStringLiteral("pyproject.toml")) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls()) {
        const QFileInfo info(url.toLocalFile());
        if (info.isDir() || info.fileName() == QStringLiteral("pyproject.toml")) {
            openProject(info.isDir() ? info.absoluteFilePath() : info.absolutePath());
            event->acceptProposedAction();
            return;
        }
    }
}

// --- edits of pyproject.toml ------------------------------------------------------------------

void MainWindow::runEdit(std::function<Status(project::ProjectDocument&)> edit, const QString& done)
{
    if (!m_state) {
        Q_EMIT editFinished(false, tr("No project is open."));
        return;
    }
    const QString directory = m_currentDirectory;
    editProject(this, m_state->project.file, m_state->pyprojectText, std::move(edit),
                [this, directory, done](const Status& status) {
                    if (!status) {
                        const QString message = toQString(status.error().describe());
                        statusBar()->showMessage(message);
                        m_prompter->warn(this, tr("pyproject.toml was not changed"), message);
                        if (status.error().code == ErrorCode::Conflict)
                            reloadProject();
                        Q_EMIT editFinished(false, message);
                        return;
                    }
                    statusBar()->showMessage(done);
                    if (directory == m_currentDirectory)
                        reloadProject();
                    Q_EMIT editFinished(true, done);
                });
}

void MainWindow::pin(const QString& package, const QString& index)
{
    const std::string name = toStdString(package);
    if (index.isEmpty()) {
        runEdit([name](project::ProjectDocument& document) { return document.unpinPackage(name); },
                tr("%1 now comes from any index (automatic).").arg(package));
        return;
    }
    runEdit([name, target = toStdString(index)](
                project::ProjectDocument& document) { return document.pinPackage(name, target); },
            tr("Pinned %1 to %2.").arg(package, index));
}

void MainWindow::addDependency()
{
    if (!m_state)
        return;
    QStringList extras;
    QStringList groups;
    QStringList names;
    for (const auto& entry : m_state->project.dependencies) {
        const QString group = toQString(entry.group);
        if (entry.kind == project::DependencyEntry::Kind::Extra && !extras.contains(group))
            extras << group;
        if (entry.kind == project::DependencyEntry::Kind::Group && !groups.contains(group))
            groups << group;
    }
    if (m_state->lock) {
        for (const auto& package : m_state->lock->packages)
            names << toQString(package.name);
    }
    auto* dialog = new DependencyDialog(extras, groups, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setCompletions(names + m_completions.value(m_currentDirectory));
    if (!m_completions.contains(m_currentDirectory)) {
        // The indexes' project lists (PyPI's is large, so only the project's own indexes), fetched
        // once per project and session; the dialog gets them when they arrive.
        const QString directory = m_currentDirectory;
        const auto state = m_state;
        const IndexAccess access = indexAccess();
        runInBackground(
            dialog,
            [state, access] {
                QStringList found;
                index::HttpClient http({.maxConcurrentTransfers = access.concurrency});
                const index::HttpCache cache(access.cacheDirectory.empty()
                                                 ? index::HttpCache::defaultDirectory()
                                                 : access.cacheDirectory);
                auto credentials = auth::makeCredentialChain({.environment = auth::processEnvironment()});
                const index::IndexServices services{.http = &http,
                                                    .cache = &cache,
                                                    .credentials = credentials.get(),
                                                    .offline = access.offline};
                for (const auto& entry : state->indexes) {
                    if (entry.format == "flat" || entry.url.contains("pypi.org"))
                        continue;
                    index::IndexClient client(install::indexConfigFor(entry, state->directory), services);
                    if (auto list = client.projectList()) {
                        for (const auto& name : list->names)
                            found << toQString(name);
                    }
                }
                return found;
            },
            [this, dialog, directory, names](const QStringList& found) {
                m_completions.insert(directory, found);
                dialog->setCompletions(names + found);
            });
    }
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto kind = dialog->kind();
        const std::string group = toStdString(dialog->group());
        const std::string requirement = toStdString(dialog->requirement());
        runEdit(
            [kind, group, requirement](project::ProjectDocument& document) {
                return document.addDependency(kind, group, requirement);
            },
            tr("Added %1.").arg(dialog->requirement()));
    });
    dialog->open();
}

void MainWindow::editDependency(const project::DependencyEntry& entry)
{
    auto* dialog = new DependencyDialog({}, {}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setExisting(entry);
    connect(dialog, &QDialog::accepted, this, [this, dialog, entry] {
        const std::string requirement = toStdString(dialog->requirement());
        const std::string package = project::requirementName(entry.requirement);
        runEdit(
            [entry, package, requirement](project::ProjectDocument& document) {
                return document.changeDependency(entry.kind, entry.group, package, requirement);
            },
            tr("Changed %1.").arg(dialog->requirement()));
    });
    dialog->open();
}

void MainWindow::removeDependency(const project::DependencyEntry& entry)
{
    const QString requirement = toQString(entry.requirement);
    if (!m_prompter->confirm(
            this, tr("Remove a dependency"),
            tr("Remove %1 from pyproject.toml? The lock changes at the next Lock.").arg(requirement)))
        return;
    const std::string package = project::requirementName(entry.requirement);
    runEdit(
        [entry, package](project::ProjectDocument& document) {
            return document.removeDependency(entry.kind, entry.group, package);
        },
        tr("Removed %1.").arg(requirement));
}

// --- jobs -------------------------------------------------------------------------------------

bool MainWindow::isBusy() const
{
    return !m_job.isEmpty();
}

void MainWindow::beginJob(const QString& text)
{
    m_stop.emplace();
    (void)m_mailbox->take();
    m_lockAction->setEnabled(false);
    m_syncAction->setEnabled(false);
    m_cancelAction->setEnabled(true);
    m_jobLabel->setText(text);
    m_jobProgress->setRange(0, 0);
    m_jobLabel->setVisible(true);
    m_jobProgress->setVisible(true);
    m_jobCancel->setVisible(true);
    m_jobCancel->setEnabled(true);
    m_progressTimer->start();
}

void MainWindow::endJob(const QString& message)
{
    pollProgress();
    m_progressTimer->stop();
    m_job.clear();
    m_stop.reset();
    m_lockAction->setEnabled(true);
    m_syncAction->setEnabled(true);
    m_cancelAction->setEnabled(false);
    m_jobLabel->setVisible(false);
    m_jobProgress->setVisible(false);
    m_jobCancel->setVisible(false);
    statusBar()->showMessage(message);
}

void MainWindow::pollProgress()
{
    auto snapshot = m_mailbox->take();
    if (snapshot.hasOverall) {
        m_jobLabel->setText(snapshot.text);
        if (snapshot.total > 0) {
            const long long scale = snapshot.total > 1'000'000'000 ? 1024 : 1;
            m_jobProgress->setRange(0, static_cast<int>(snapshot.total / scale));
            m_jobProgress->setValue(static_cast<int>(snapshot.done / scale));
        } else {
            m_jobProgress->setRange(0, 0);
        }
        if (m_job == QStringLiteral("sync"))
            m_environmentView->syncProgress(snapshot.text, snapshot.done, snapshot.total);
    }
    for (const auto& [package, activity] : snapshot.activities)
        m_environment->setActivity(package, activity);
}

void MainWindow::cancelJob()
{
    if (!m_stop)
        return;
    m_stop->request_stop();
    m_jobCancel->setEnabled(false);
    m_jobLabel->setText(tr("Cancelling…"));
}

IndexAccess MainWindow::indexAccess() const
{
    IndexAccess access{.cacheDirectory = m_options.cacheDirectory,
                       .concurrency = static_cast<std::size_t>(kDefaultConcurrency),
                       .offline = m_options.offline};
    const QString cache = m_settings->value(QLatin1String(kCacheDirectorySetting)).toString();
    if (!cache.isEmpty())
        access.cacheDirectory = toPath(cache);
    bool valid = false;
    const int concurrency = m_settings->value(QLatin1String(kConcurrencySetting)).toInt(&valid);
    if (valid && concurrency > 0)
        access.concurrency = static_cast<std::size_t>(concurrency);
    return access;
}

std::shared_ptr<auth::CredentialProvider> MainWindow::credentialChain() const
{
    return auth::makeCredentialChain({.environment = auth::processEnvironment(),
                                      .session = m_session.get(),
                                      .keychain = m_options.useKeychain ? m_keychain : nullptr});
}

std::vector<auth::IndexIdentity> MainWindow::indexIdentities() const
{
    std::vector<auth::IndexIdentity> identities;
    if (m_state) {
        for (const auto& entry : m_state->indexes)
            identities.push_back({entry.name, entry.url});
    }
    return identities;
}

void MainWindow::lockProject()
{
    if (m_currentDirectory.isEmpty() || isBusy())
        return;
    m_job = QStringLiteral("lock");
    beginJob(tr("Locking…"));
    const QString directory = m_currentDirectory;
    const IndexAccess access = indexAccess();
    const install::ProjectLockRequest request{.directory = toPath(directory),
                                              .python = m_options.lockPython,
                                              .platform = m_options.lockPlatform,
                                              .offline = access.offline,
                                              .cacheDirectory = access.cacheDirectory};
    struct Outcome
    {
        install::ProjectLockResult result;
        diff::LockDiff changes;
    };
    auto mailbox = m_mailbox;
    const std::stop_token stop = m_stop->get_token();
    // Each run builds its clients from the provider it is given: after a 401 the dialog opens, and
    // the next run answers with what the user saved.
    runWithCredentialRetry<Outcome>(
        this, m_credentialPrompt, credentialChain(), indexIdentities(),
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
            return Outcome{std::move(*locked), std::move(changes)};
        },
        [this, directory](const Result<Outcome>& outcome) {
            if (!outcome) {
                const Error& error = outcome.error();
                endJob(error.code == ErrorCode::Cancelled ? tr("Locking was cancelled; nothing was written.")
                                                          : tr("Locking failed."));
                if (error.code == ErrorCode::Cancelled) {
                    Q_EMIT lockFailed(tr("cancelled"));
                    return;
                }
                delete m_preview;
                m_preview = new RelockPreview(this);
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
            endJob(tr("Resolved %n package(s): review the changes.", nullptr,
                      static_cast<int>(outcome->result.packageCount)));
            delete m_preview;
            m_preview = new RelockPreview(this);
            auto result = std::make_shared<install::ProjectLockResult>(outcome->result);
            m_preview->showChanges(outcome->changes, result->packageCount, !result->existing,
                                   result->unchanged());
            connect(m_preview, &QDialog::accepted, this, [this, result, directory] {
                runInBackground(
                    this, [result] { return install::writeProjectLock(*result); },
                    [this, directory](const Status& written) {
                        if (!written) {
                            const QString message = toQString(written.error().describe());
                            statusBar()->showMessage(message);
                            m_prompter->warn(this, tr("pylock.toml was not written"), message);
                            Q_EMIT lockFailed(message);
                            return;
                        }
                        statusBar()->showMessage(tr("Wrote pylock.toml."));
                        if (directory == m_currentDirectory)
                            reloadProject();
                        Q_EMIT lockWritten();
                    });
            });
            connect(m_preview, &QDialog::rejected, this, [this] {
                statusBar()->showMessage(tr("The new lock was discarded; pylock.toml is unchanged."));
            });
            m_preview->open();
            Q_EMIT lockPreviewShown();
        });
}

void MainWindow::syncProject()
{
    if (m_currentDirectory.isEmpty() || isBusy())
        return;
    m_job = QStringLiteral("sync");
    beginJob(tr("Syncing…"));
    m_environmentView->syncStarted();
    const QString directory = m_currentDirectory;
    const IndexAccess access = indexAccess();
    install::SyncJobOptions options{.projectDirectory = toPath(directory), .offline = access.offline};
    if (!access.cacheDirectory.empty())
        options.cacheDirectory = access.cacheDirectory;
    auto mailbox = m_mailbox;
    const std::stop_token stop = m_stop->get_token();
    runWithCredentialRetry<install::SyncSummary>(
        this, m_credentialPrompt, credentialChain(), indexIdentities(),
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
                endJob(tr("Sync failed; the venv was not changed."));
                m_environmentView->syncFinished(false, message);
                Q_EMIT syncFinished(false);
                return;
            }
            const bool ok = summary->succeeded() && !summary->cancelled;
            const QString text = syncSummaryText(*summary);
            endJob(ok ? tr("Synced: %1").arg(text.section(QLatin1Char('\n'), 0, 0))
                      : tr("Sync did not finish."));
            m_environmentView->syncFinished(ok, text);
            if (directory == m_currentDirectory)
                reloadProject();
            Q_EMIT syncFinished(ok);
        });
}

} // namespace pindex::ui
