#pragma once

// The Lockfile tab: what a lockfile change did, as a short typed list. A "compare with" chooser
// (HEAD by default, any git revision, or another lockfile), counts per kind, a filter box, the
// table of changes (grouped by kind, coloured badges, version arrows, security flags explained on
// hover) and a details pane with the before and after of the selected package.
//
// Parsing and diffing run on the thread pool (runInBackground); the UI thread never waits. A
// newer request supersedes an older one: results of a superseded request are dropped.

#include <filesystem>
#include <functional>

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

    [[nodiscard]] LockDiffModel* model() const { return m_model; }
    [[nodiscard]] QSortFilterProxyModel* proxy() const { return m_proxy; }
    [[nodiscard]] QString lockfile() const { return m_lockfile; }

Q_SIGNALS:
    void diffLoaded();
    void diffFailed(const QString& message);

private:
    void startComparison(const QString& choice);
    void run(std::function<Result<diff::LockDiff>()> job);
    void applyResult(const Result<diff::LockDiff>& result);
    void updateCounts();
    void updateDetails();

    LockDiffModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QComboBox* m_compareWith;
    QPushButton* m_compareButton;
    QLabel* m_status;
    QLabel* m_counts;
    QLineEdit* m_filter;
    QTableView* m_table;
    QTextBrowser* m_details;
    QString m_lockfile;
    quint64 m_generation = 0;
};

} // namespace pindex::ui
