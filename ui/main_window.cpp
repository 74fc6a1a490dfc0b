#include "ui/main_window.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QListView>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

#include "core/auth/credential_chain.h"
#include "core/auth/environment_provider.h"
#include "core/auth/memory_store.h"
#include "ui/background.h"
#include "ui/dialogs/about_dialog.h"
#include "ui/dialogs/dependency_dialog.h"
#include "ui/dialogs/settings_dialog.h"
#include "ui/icons.h"
#include "ui/keychain/credential_prompt.h"
#include "ui/keychain/keychain_store.h"
#include "ui/keychain/plain_text_banner.h"
#include "ui/models/dependency_model.h"
#include "ui/models/environment_model.h"
#include "ui/models/index_model.h"
#include "ui/models/project_list_model.h"
#include "ui/project_editor.h"
#include "ui/project_jobs.h"
#include "ui/project_state.h"
#include "ui/prompter.h"
#include "ui/qt_text.h"
#include "ui/views/confusion_view.h"
#include "ui/views/dependencies_view.h"
#include "ui/views/environment_view.h"
#include "ui/views/indexes_view.h"
#include "ui/views/lockfile_view.h"
#include "ui/views/table_pane.h"

namespace pindex::ui {
namespace {

const QString kRecentKey = QStringLiteral("recentProjects");

std::filesystem::path toPath(const QString& text)
{
    return std::filesystem::path(toStdString(text));
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
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Pindex"));
    setAcceptDrops(true);
    m_confusionView->setJobSource(m_credentialPrompt, [this] { return jobRequest(); });

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

    // Lock and Sync (ui/project_jobs.h), with their progress in the status bar.
    m_jobs = new ProjectJobs(this, m_prompter, m_credentialPrompt, m_environment, m_environmentView);
    connect(m_jobs, &ProjectJobs::busyChanged, this, [this](bool busy) {
        m_lockAction->setEnabled(!busy);
        m_syncAction->setEnabled(!busy);
        m_cancelAction->setEnabled(busy);
    });
    connect(m_jobs, &ProjectJobs::projectChanged, this, [this](const QString& directory) {
        if (directory == m_currentDirectory)
            reloadProject();
    });
    connect(m_jobs, &ProjectJobs::lockPreviewShown, this, &MainWindow::lockPreviewShown);
    connect(m_jobs, &ProjectJobs::lockWritten, this, &MainWindow::lockWritten);
    connect(m_jobs, &ProjectJobs::lockFailed, this, &MainWindow::lockFailed);
    connect(m_jobs, &ProjectJobs::syncFinished, this, &MainWindow::syncFinished);

    createActions();
    statusBar()->showMessage(tr("Open a project folder (Ctrl+O) or drop one on the window to begin."));
    resize(1100, 680);

    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(150); // editors write in bursts: one reload per burst
    connect(m_reloadTimer, &QTimer::timeout, this, &MainWindow::reloadProject);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { scheduleReload(); });
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { scheduleReload(); });

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

MainWindow::~MainWindow() = default; // ProjectJobs stops a running job

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
    if (!m_jobs->isBusy())
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
    m_jobs->cancel();
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
            dialog, [state, access] { return indexProjectNames(*state, access); },
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
    dialog->setCompletions(m_completions.value(m_currentDirectory));
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
    return m_jobs->isBusy();
}

RelockPreview* MainWindow::relockPreview() const
{
    return m_jobs->preview();
}

IndexAccess MainWindow::indexAccess() const
{
    return readIndexAccess(*m_settings, m_options.cacheDirectory, m_options.offline);
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

JobRequest MainWindow::jobRequest() const
{
    return {.directory = m_currentDirectory,
            .indexes = indexIdentities(),
            .credentials = credentialChain(),
            .access = indexAccess(),
            .lockPython = m_options.lockPython,
            .lockPlatform = m_options.lockPlatform};
}

void MainWindow::lockProject()
{
    if (!m_currentDirectory.isEmpty() && !isBusy())
        m_jobs->lock(jobRequest());
}

void MainWindow::syncProject()
{
    if (!m_currentDirectory.isEmpty() && !isBusy())
        m_jobs->sync(jobRequest());
}

void MainWindow::cancelJob()
{
    m_jobs->cancel();
}

} // namespace pindex::ui
