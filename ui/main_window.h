#pragma once

// The main window: a projects sidebar, the central tabs (Dependencies, Indexes, Lockfile,
// Environment) and a status bar. Loading a project runs on the thread pool; the window stays
// responsive and shows the result when it arrives.

#include <QMainWindow>

class QListView;
class QTabWidget;

namespace pindex::ui {

class DependencyModel;
class IndexModel;
class ProjectListModel;
class TablePane;
class EmptyStateView;
class LockfileView;
class KeychainStore;
class PlainTextBanner;

class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Starts loading the project in `directory` (the folder holding pyproject.toml).
    void openProject(const QString& directory);

    [[nodiscard]] DependencyModel* dependencyModel() const { return m_dependencies; }
    [[nodiscard]] IndexModel* indexModel() const { return m_indexes; }
    [[nodiscard]] ProjectListModel* projectListModel() const { return m_projects; }
    [[nodiscard]] QTabWidget* tabs() const { return m_tabs; }

Q_SIGNALS:
    void projectLoaded(const QString& directory);
    void projectLoadFailed(const QString& directory, const QString& message);

private:
    void createActions();
    void chooseProject();

    DependencyModel* m_dependencies;
    IndexModel* m_indexes;
    ProjectListModel* m_projects;
    QListView* m_projectList;
    QTabWidget* m_tabs;
    TablePane* m_dependenciesPane;
    TablePane* m_indexesPane;
    LockfileView* m_lockfileView;
    KeychainStore* m_keychain;
    PlainTextBanner* m_plainTextBanner;
    EmptyStateView* m_environmentView;
    QString m_currentDirectory;
};

} // namespace pindex::ui
