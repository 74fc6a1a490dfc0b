#pragma once

// The Environment tab: the project's interpreter, venv and lock, the installed-vs-locked table
// with a status per package, and while a sync runs its overall progress, the per-package activity
// and Cancel; afterwards a summary and, on errors, the next step to take. The window owns the sync
// job and feeds this view.

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace pindex::ui {

class EnvironmentModel;
struct ProjectState;

class EnvironmentView final : public QWidget
{
    Q_OBJECT

public:
    explicit EnvironmentView(EnvironmentModel* model, QWidget* parent = nullptr);

    void setState(const ProjectState& state);
    void clear();
    void syncStarted();
    // `total` 0: a busy indicator.
    void syncProgress(const QString& text, long long done, long long total);
    // `ok` false: `message` says what went wrong and what to do next.
    void syncFinished(bool ok, const QString& message);

    [[nodiscard]] QTableView* table() const { return m_table; }
    [[nodiscard]] QLabel* summaryLabel() const { return m_summary; }
    [[nodiscard]] QPushButton* syncButton() const { return m_sync; }
    [[nodiscard]] QPushButton* cancelButton() const { return m_cancel; }

Q_SIGNALS:
    void syncRequested();
    void cancelRequested();

private:
    EnvironmentModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLabel* m_interpreter;
    QLabel* m_venv;
    QLabel* m_lock;
    QLabel* m_counts;
    QTableView* m_table;
    QProgressBar* m_progress;
    QLabel* m_summary;
    QPushButton* m_sync;
    QPushButton* m_cancel;
};

} // namespace pindex::ui
