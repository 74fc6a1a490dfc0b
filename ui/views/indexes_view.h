#pragma once

// The Indexes tab: the project's indexes in search order (drag to reorder; double-click a name,
// URL, role or authenticate mode to change it), the user's uv.toml indexes in their own section,
// where each index's credentials come from, the last connection test, the index strategy with a
// plain-language explanation of its dependency-confusion risk, the pattern pins, and the warning
// about passwords written in index URLs.
//
// Every change is a core project::ProjectDocument edit written on a worker, one at a time, then the
// file is read again; a change that fails (the file changed on disk, an invalid name) is shown and
// the view reloads what the file says. Credential lookups and connection tests run on workers too.
// With a CredentialPrompt (the window's), Test asks for the credentials of an index that answers
// 401/403 and tests again after the save; without one it reports the refusal.

#include <deque>
#include <filesystem>
#include <functional>
#include <memory>

#include <QPointer>
#include <QWidget>

#include "core/project/project_document.h"
#include "core/project/uv_config.h"
#include "ui/dialogs/credentials_dialog.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTableWidget;
class QToolBar;
class QAction;

namespace pindex::ui {

class AddIndexWizard;
class CredentialPrompt;
class IndexModel;
class PlainTextBanner;
class TablePane;

class IndexesView final : public QWidget
{
    Q_OBJECT

public:
    IndexesView(IndexModel* projectModel, CredentialsDialog::Stores stores, QWidget* parent = nullptr);
    ~IndexesView() override;

    // Shows `project` (already read by the caller) at once, then reads the user's uv.toml and looks
    // up where credentials come from in the background.
    void showProject(const QString& directory, const project::PyProject& project);
    // Reads pyproject.toml again (after an edit, or when it changed on disk).
    void reload();

    void setUserDirectories(project::UserDirectories directories)
    {
        m_userDirectories = std::move(directories);
    }
    // How the view asks "Remove this index?": asynchronous, `answer` runs later on the UI thread.
    // By default an application-modal message box opened with open(); tests answer themselves.
    using ConfirmHook = std::function<void(const QString& title, const QString& text, const QString& accept,
                                           std::function<void(bool)> answer)>;
    void setConfirmHook(ConfirmHook hook) { m_confirm = std::move(hook); }
    // Where Test asks for missing credentials; null (the default): it only reports them missing.
    void setCredentialPrompt(CredentialPrompt* prompt);

    [[nodiscard]] IndexModel* projectModel() const { return m_projectModel; }
    [[nodiscard]] IndexModel* userModel() const { return m_userModel; }
    [[nodiscard]] QTableView* table() const;
    [[nodiscard]] QString directory() const { return m_directory; }

    // Actions (the toolbar's, callable from tests).
    void addIndex();
    void removeSelected();
    void moveSelected(int offset);
    void testSelected();
    void testAll();
    void setCredentialsForSelected();
    void setStrategy(const QString& strategy);
    void addPatternPin(const QString& pattern, const QString& index);
    void removePatternPin(const QString& pattern);

protected:
    // A new palette (the system switched between light and dark): the icons are drawn again.
    void changeEvent(QEvent* event) override;

Q_SIGNALS:
    // This view wrote pyproject.toml (the window refreshes what depends on it).
    void projectFileChanged();
    void relockRequested();
    void editFailed(const QString& message);
    // A reload finished and the view shows what the file says.
    void reloaded();
    void testFinished(const QString& name);
    void wizardOpened(pindex::ui::AddIndexWizard* wizard);

private:
    using Edit = std::function<Status(project::ProjectDocument&)>;
    void apply(Edit edit);
    void runNextEdit();
    void showLoaded(const project::PyProject& project);
    void showUserIndexes(const std::optional<project::ProjectConfiguration>& user, const QString& file);
    void lookUpCredentialSources(IndexModel* model);
    void explainStrategy();
    void updateActions();
    [[nodiscard]] QString selectedName() const;
    void editIndex(const QString& name, int column, const QVariant& value);

    IndexModel* m_projectModel;
    IndexModel* m_userModel;
    CredentialsDialog::Stores m_stores;
    QPointer<CredentialPrompt> m_prompt;
    std::unique_ptr<auth::CredentialStore> m_ownSession;
    ConfirmHook m_confirm;
    project::UserDirectories m_userDirectories;
    QString m_directory;
    std::string m_strategy; // as written; empty when not set
    std::vector<project::PatternPin> m_patternPins;
    std::deque<Edit> m_edits;
    bool m_editing = false;
    // Bumped by every reload and every edit: a reload that finishes after a later one, or after
    // an edit the table already shows, is stale and dropped.
    quint64 m_reloadGeneration = 0;

    PlainTextBanner* m_banner;
    QLabel* m_errorLabel;
    QToolBar* m_toolbar;
    QAction* m_addAction;
    QAction* m_removeAction;
    QAction* m_upAction;
    QAction* m_downAction;
    QAction* m_testAction;
    QAction* m_testAllAction;
    QAction* m_credentialsAction;
    TablePane* m_projectPane;
    QLabel* m_userLabel;
    TablePane* m_userPane;
    QComboBox* m_strategyCombo;
    QLabel* m_strategyExplanation;
    QTableWidget* m_patternTable;
    QLineEdit* m_patternEdit;
    QComboBox* m_patternIndexCombo;
    QPushButton* m_addPatternButton;
    QPushButton* m_removePatternButton;
};

} // namespace pindex::ui
