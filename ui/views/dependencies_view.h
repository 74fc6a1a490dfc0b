#pragma once

// The Dependencies tab: the dependency tree (grouped by main / extra / group, transitive packages
// on demand) with an Index column whose combo box pins a package, a find box, Add / Edit / Remove,
// and a line saying why the selected transitive package is here. The view only asks; the window
// performs the edits (ui/project_editor.h) and refreshes the model.

#include <QWidget>

#include "core/project/pyproject.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedLayout;
class QTreeView;

namespace pindex::ui {

class DependencyModel;
class EmptyStateView;

class DependenciesView final : public QWidget
{
    Q_OBJECT

public:
    explicit DependenciesView(DependencyModel* model, QWidget* parent = nullptr);

    [[nodiscard]] QTreeView* tree() const { return m_tree; }
    [[nodiscard]] QLineEdit* findBox() const { return m_find; }
    [[nodiscard]] QLabel* whyLabel() const { return m_why; }
    [[nodiscard]] QSortFilterProxyModel* proxy() const { return m_proxy; }
    // The selected direct dependency, if any.
    [[nodiscard]] std::optional<project::DependencyEntry> selectedEntry() const;

    void focusFind();

Q_SIGNALS:
    void addRequested();
    void editRequested(const pindex::project::DependencyEntry& entry);
    void removeRequested(const pindex::project::DependencyEntry& entry);

private:
    void updateSelection();
    void updateEmptyState();

    DependencyModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTreeView* m_tree;
    QLineEdit* m_find;
    QCheckBox* m_showTransitive;
    QPushButton* m_add;
    QPushButton* m_edit;
    QPushButton* m_remove;
    QLabel* m_why;
    EmptyStateView* m_empty;
    QStackedLayout* m_stack;
};

} // namespace pindex::ui
