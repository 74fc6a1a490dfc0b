#pragma once

// The main window: the projects sidebar (recent projects persisted, open, drop, remove, status
// badges), the tabs (Dependencies, Indexes, Lockfile, Environment, Confusion check), the toolbar
// (Open, Lock, Sync, Cancel) and the status bar with the running job's progress.
//
// Everything slow runs on the thread pool: reading the project (ProjectState), edits of
// pyproject.toml, Lock and Sync (ui/project_jobs.h: progress, Cancel, the relock preview) and the
// confusion check. Lock, Sync and the Indexes tab's Test go through the credential retry loop
// (ui/keychain/credential_retry.h): an index answering 401/403 opens the credentials dialog and
// the job runs again after the save. Every job that talks to indexes reads the Settings dialog's
// cache directory and concurrency when it starts, so a change applies to the next job. A file
// watcher follows
// external edits of pyproject.toml and the lock (re-adding watches after rename-replace) and the
// views refresh in place, keeping their selection.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <QHash>
#include <QMainWindow>
#include <QStringList>

#include "core/auth/credential_provider.h"
#include "core/auth/credential_store.h"
#include "core/project/project_document.h"
#include "core/util/error.h"
#include "ui/project_jobs.h"

class QAction;
class QFileSystemWatcher;
class QListView;
class QSettings;
class QSplitter;
class QTabWidget;
class QTimer;

namespace pindex::ui {

class ConfusionView;
class DependenciesView;
class DependencyModel;
class EnvironmentModel;
class EnvironmentView;
class IndexModel;
class ProjectListModel;
class TablePane;
class LockfileView;
class CredentialPrompt;
class KeychainStore;
class PlainTextBanner;
class Prompter;
class ProjectJobs;
class RelockPreview;
struct ProjectState;

struct MainWindowOptions
{
    // Where recent projects and the layout are kept; empty: the application's QSettings.
    QString settingsFile;
    // Message boxes and pickers; null: real dialogs.
    Prompter* prompter = nullptr;
    // Lock target and index access; unset: the project's interpreter, the network, the user cache.
    std::optional<std::string> lockPython;
    std::optional<std::string> lockPlatform;
    bool offline = false;
    // The cache when the Settings dialog names none; empty: the user cache.
    std::filesystem::path cacheDirectory;
    // Use the OS keychain for index credentials (off in tests without a keyring).
    bool useKeychain = true;
    // The keychain service the credentials are stored under (tests use their own).
    QString keychainService = QStringLiteral("pindex");
};

class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    explicit MainWindow(MainWindowOptions options, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Starts loading the project in `directory` (the folder holding pyproject.toml).
    void openProject(const QString& directory);
    // Re-reads the current project (what the file watcher does).
    void reloadProject();
    // Lock and Sync as the toolbar runs them.
    void lockProject();
    void syncProject();
    void cancelJob();
    [[nodiscard]] bool isBusy() const;

    [[nodiscard]] DependencyModel* dependencyModel() const { return m_dependencies; }
    [[nodiscard]] IndexModel* indexModel() const { return m_indexes; }
    [[nodiscard]] ProjectListModel* projectListModel() const { return m_projects; }
    [[nodiscard]] EnvironmentModel* environmentModel() const { return m_environment; }
    [[nodiscard]] DependenciesView* dependenciesView() const { return m_dependenciesView; }
    [[nodiscard]] EnvironmentView* environmentView() const { return m_environmentView; }
    [[nodiscard]] ConfusionView* confusionView() const { return m_confusionView; }
    [[nodiscard]] LockfileView* lockfileView() const { return m_lockfileView; }
    [[nodiscard]] RelockPreview* relockPreview() const;
    [[nodiscard]] QTabWidget* tabs() const { return m_tabs; }
    [[nodiscard]] QString currentDirectory() const { return m_currentDirectory; }
    [[nodiscard]] const ProjectState* state() const { return m_state.get(); }
    // Opens the credentials dialog when a job meets a 401/403 (tests answer it via dialogOpened).
    [[nodiscard]] CredentialPrompt* credentialPrompt() const { return m_credentialPrompt; }
    // The cache directory and concurrency the next job will use (the Settings dialog's values).
    [[nodiscard]] IndexAccess indexAccess() const;

Q_SIGNALS:
    void projectLoaded(const QString& directory);
    void projectLoadFailed(const QString& directory, const QString& message);
    // Each reload of the current project after the first (file watcher, after an edit).
    void projectRefreshed(const QString& directory);
    void editFinished(bool ok, const QString& message);
    void lockPreviewShown();
    void lockWritten();
    // The error as described to people (naming the index, its masked URL and the HTTP status).
    void lockFailed(const QString& message);
    void syncFinished(bool ok);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    QWidget* createIndexesTab();
    void chooseProject();
    void removeSelectedProject();
    void loadState(const QString& directory, bool refresh);
    void applyState(const QString& directory, const ProjectState& state, bool refresh);
    void updateBadges(const QString& directory, const ProjectState& state);
    void watch(const QString& directory);
    void scheduleReload();
    void pin(const QString& package, const QString& index);
    void addDependency();
    void editDependency(const project::DependencyEntry& entry);
    void removeDependency(const project::DependencyEntry& entry);
    void runEdit(std::function<Status(project::ProjectDocument&)> edit, const QString& done);
    void saveRecentProjects();
    void restoreLayout();
    void saveLayout();
    [[nodiscard]] std::shared_ptr<auth::CredentialProvider> credentialChain() const;
    [[nodiscard]] std::vector<auth::IndexIdentity> indexIdentities() const;
    [[nodiscard]] JobRequest jobRequest() const;

    MainWindowOptions m_options;
    std::unique_ptr<Prompter> m_ownPrompter;
    Prompter* m_prompter;
    std::unique_ptr<QSettings> m_settings;
    DependencyModel* m_dependencies;
    IndexModel* m_indexes;
    ProjectListModel* m_projects;
    EnvironmentModel* m_environment;
    QListView* m_projectList;
    QSplitter* m_splitter;
    QTabWidget* m_tabs;
    DependenciesView* m_dependenciesView;
    TablePane* m_indexesPane;
    LockfileView* m_lockfileView;
    KeychainStore* m_keychain;
    std::unique_ptr<auth::CredentialStore> m_session; // "this session only"
    CredentialPrompt* m_credentialPrompt;
    PlainTextBanner* m_plainTextBanner;
    EnvironmentView* m_environmentView;
    ConfusionView* m_confusionView;
    QFileSystemWatcher* m_watcher;
    QTimer* m_reloadTimer;
    ProjectJobs* m_jobs = nullptr; // Lock and Sync
    QAction* m_openAction = nullptr;
    QAction* m_lockAction = nullptr;
    QAction* m_syncAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QHash<QString, QStringList> m_completions; // project directory -> its indexes' package names
    QString m_currentDirectory;
    std::shared_ptr<const ProjectState> m_state;
    quint64 m_loadGeneration = 0;
};

} // namespace pindex::ui
