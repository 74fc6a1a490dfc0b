#pragma once

// The re-lock preview: what a fresh resolution would change in pylock.toml, shown as the Lockfile
// tab's typed diff (LockDiffModel: kinds, version arrows, security flags) before anything is
// written. Accept writes the lock (the window does it, atomically, refusing when the lock changed
// on disk meanwhile); Discard drops the result. An unsatisfiable project shows the resolver's
// explanation instead, and only Close.

#include <QDialog>

#include "core/diff/lock_diff.h"

class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTextBrowser;

namespace pindex::ui {

class LockDiffModel;

class RelockPreview final : public QDialog
{
    Q_OBJECT

public:
    explicit RelockPreview(QWidget* parent = nullptr);

    // `created`: there was no lock before. `unchanged`: the text would stay the same.
    void showChanges(diff::LockDiff changes, std::size_t packageCount, bool created, bool unchanged);
    void showExplanation(const QString& title, const QString& explanation);

    [[nodiscard]] LockDiffModel* model() const { return m_model; }
    [[nodiscard]] QPushButton* acceptButton() const { return m_accept; }
    [[nodiscard]] QPushButton* discardButton() const { return m_discard; }
    [[nodiscard]] QLabel* summaryLabel() const { return m_summary; }
    // Created by showExplanation (null before: most previews never need it).
    [[nodiscard]] QTextBrowser* explanation() const { return m_explanation; }

private:
    LockDiffModel* m_model;
    QLabel* m_summary;
    QStackedWidget* m_pages;
    QTableView* m_table;
    QTextBrowser* m_explanation = nullptr;
    QPushButton* m_accept;
    QPushButton* m_discard;
};

} // namespace pindex::ui
