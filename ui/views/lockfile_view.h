#pragma once

// The Lockfile tab: what a lockfile change did, as a short typed list. A "compare with" chooser
// (the work tree against HEAD by default; any revision typed or picked from the repository's
// branches and tags, a range "A..B" or "A...B", or any lockfile through the file picker), counts
// per kind, a filter box, the table of changes (grouped by kind, coloured badges, version arrows,
// security flags explained on hover) and a details pane with the before and after of the selected
// package.
//
// Reading, parsing and diffing (and listing the branches) run on the thread pool
// (runInBackground); the UI thread never waits, and a large diff's rows arrive in batches. A newer
// request supersedes an older one: results of a superseded request are dropped.

#include <filesystem>
#include <functional>
#include <memory>

#include <QWidget>

#include "core/diff/lock_diff.h"
#include "core/util/error.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTextBrowser;

namespace pindex::ui {

class LockDiffModel;

class LockfileView final : public QWidget
{
    Q_OBJECT

public:
    explicit LockfileView(QWidget* parent = nullptr);

    // Shows the project's lockfile against the chooser's choice (HEAD unless changed).
    void setProject(const QString& directory);
    // The lockfile in the work tree against its content at `revision`.
    void compareWithRevision(const QString& revision);
    // Two lockfiles, any formats.
    void compareFiles(const QString& oldFile, const QString& newFile);
    // A diff computed elsewhere, e.g. the lock on disk against a fresh resolution.
    void showDiff(diff::LockDiff diff);

    // The file picker behind "Choose file…": returns the chosen path, or "" when cancelled. The
    // window passes its Prompter's; tests script it. Without one the button is hidden.
    using FileChooser = std::function<QString(QWidget* parent, const QString& title, const QString& filter)>;
    void setFileChooser(FileChooser chooser);
    // Options every comparison uses (e.g. the index layer's yanked lookup). Called off the UI thread.
    void setDiffOptions(diff::DiffOptions options);

    [[nodiscard]] LockDiffModel* model() const { return m_model; }
    [[nodiscard]] QSortFilterProxyModel* proxy() const { return m_proxy; }
    [[nodiscard]] QString lockfile() const { return m_lockfile; }

Q_SIGNALS:
    // Every row of the new diff is in the model.
    void diffLoaded();
    void diffFailed(const QString& message);
    // The chooser's list of revisions was refreshed from the repository.
    void revisionsListed();

private:
    void startComparison(const QString& choice);
    void chooseFile();
    void listRevisions();
    void run(std::function<Result<diff::LockDiff>()> job);
    void applyResult(const Result<diff::LockDiff>& result);
    void updateCounts();
    void updateDetails();

    LockDiffModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QComboBox* m_compareWith;
    QPushButton* m_compareButton;
    QPushButton* m_chooseFileButton;
    QLabel* m_status;
    QLabel* m_counts;
    QLineEdit* m_filter;
    QTableView* m_table;
    QTextBrowser* m_details;
    QString m_lockfile;
    quint64 m_generation = 0;
    bool m_loading = false; // a diff is being put into the model
    FileChooser m_fileChooser;
    std::shared_ptr<const diff::DiffOptions> m_options = std::make_shared<diff::DiffOptions>();
};

} // namespace pindex::ui
