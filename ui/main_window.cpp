#include "ui/main_window.h"

#include <filesystem>

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QListView>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include "core/project/pyproject.h"
#include "ui/background.h"
#include "ui/dialogs/about_dialog.h"
#include "ui/keychain/keychain_store.h"
#include "ui/keychain/plain_text_banner.h"
#include "ui/models/dependency_model.h"
#include "ui/models/index_model.h"
#include "ui/models/project_list_model.h"
#include "ui/qt_text.h"
#include "ui/views/empty_state_view.h"
#include "ui/views/lockfile_view.h"
#include "ui/views/table_pane.h"

namespace pindex::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_dependencies(new DependencyModel(this))
    , m_indexes(new IndexModel(this))
    , m_projects(new ProjectListModel(this))
    , m_projectList(new QListView(this))
    , m_tabs(new QTabWidget(this))
    , m_dependenciesPane(new TablePane(m_dependencies, tr("This project has no dependencies yet."),
                                       DependencyModel::SortRole, this))
    , m_indexesPane(new TablePane(
          m_indexes, tr("No indexes yet: packages come from PyPI. Add a private index to use your own."), -1,
          this))
    , m_lockfileView(new LockfileView(this))
    , m_keychain(new KeychainStore(QStringLiteral("pindex"), this))
    , m_plainTextBanner(new PlainTextBanner(m_keychain, this))
    , m_environmentView(new EmptyStateView(tr("No environment yet. Sync creates the project's .venv."), this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Pindex"));

    m_projectList->setObjectName(QStringLiteral("projectList"));
    m_projectList->setAccessibleName(tr("Projects"));
    m_projectList->setModel(m_projects);

    m_dependenciesPane->setObjectName(QStringLiteral("dependenciesPane"));
    m_dependenciesPane->table()->setObjectName(QStringLiteral("dependencyTable"));
    m_dependenciesPane->table()->setAccessibleName(tr("Dependencies"));
    m_indexesPane->setObjectName(QStringLiteral("indexesTablePane"));
    m_lockfileView->setObjectName(QStringLiteral("lockfilePane"));
    m_environmentView->setObjectName(QStringLiteral("environmentPane"));
    m_indexesPane->table()->setObjectName(QStringLiteral("indexTable"));
    m_indexesPane->table()->setAccessibleName(tr("Indexes"));

    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->addTab(m_dependenciesPane, tr("&Dependencies"));
    // The Indexes tab: a warning for passwords written in plain text in index URLs, over the table.
    auto* indexesTab = new QWidget(this);
    indexesTab->setObjectName(QStringLiteral("indexesPane"));
    auto* indexesLayout = new QVBoxLayout(indexesTab);
    indexesLayout->setContentsMargins(0, 0, 0, 0);
    m_plainTextBanner->setObjectName(QStringLiteral("plainTextBanner"));
    indexesLayout->addWidget(m_plainTextBanner);
    indexesLayout->addWidget(m_indexesPane, 1);
    m_tabs->addTab(indexesTab, tr("&Indexes"));
    m_tabs->addTab(m_lockfileView, tr("&Lockfile"));
    m_tabs->addTab(m_environmentView, tr("&Environment"));

    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_projectList);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({220, 780});
    setCentralWidget(splitter);

    createActions();
    statusBar()->showMessage(tr("Open a project folder to begin."));
    resize(1100, 680);

    connect(m_projectList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                const QString directory = current.data(ProjectListModel::DirectoryRole).toString();
                if (!directory.isEmpty() && directory != m_currentDirectory)
                    openProject(directory);
            });
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    addHelpMenu(this); // Help > About Pindex
    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    auto* open = new QAction(tr("&Open Project…"), this);
    open->setObjectName(QStringLiteral("openProjectAction"));
    open->setShortcut(QKeySequence::Open);
    connect(open, &QAction::triggered, this, &MainWindow::chooseProject);
    toolbar->addAction(open);
}

void MainWindow::chooseProject()
{
    const QString directory = QFileDialog::getExistingDirectory(this, tr("Open a Python project"));
    if (!directory.isEmpty())
        openProject(directory);
}

void MainWindow::openProject(const QString& directory)
{
    const QString absolute = QDir(directory).absolutePath();
    m_currentDirectory = absolute;
    m_lockfileView->setProject(absolute);
    statusBar()->showMessage(tr("Loading %1…").arg(QDir::toNativeSeparators(absolute)));
    const std::filesystem::path file = std::filesystem::path(toStdString(absolute)) / "pyproject.toml";

    runInBackground(
        this, [file] { return project::loadPyProject(file); },
        [this, absolute, file](const Result<project::PyProject>& loaded) {
            if (absolute != m_currentDirectory)
                return; // the user moved on to another project meanwhile
            if (!loaded) {
                const QString message = toQString(loaded.error().describe());
                m_dependencies->setDependencies({});
                m_indexes->setIndexes({});
                statusBar()->showMessage(message);
                Q_EMIT projectLoadFailed(absolute, message);
                return;
            }
            m_dependencies->setDependencies(loaded->dependencies);
            m_indexes->setIndexes(loaded->indexes);
            m_plainTextBanner->setProjectFile(file);
            const QString name = toQString(loaded->name);
            const int row = m_projects->upsert({absolute, name, toQString(loaded->version)});
            m_projectList->setCurrentIndex(m_projects->index(row));
            setWindowTitle(tr("%1 — Pindex").arg(name));
            const auto dependencyCount = loaded->dependencies.size();
            const auto indexCount = loaded->indexes.size();
            statusBar()->showMessage(
                (dependencyCount == 1 ? tr("1 dependency") : tr("%1 dependencies").arg(dependencyCount)) +
                QStringLiteral(", ") + (indexCount == 1 ? tr("1 index") : tr("%1 indexes").arg(indexCount)));
            Q_EMIT projectLoaded(absolute);
        });
}

} // namespace pindex::ui
