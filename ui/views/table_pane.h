#pragma once

// A table over a model that shows a friendly empty-state message instead of an empty grid, and
// switches between the two by itself as rows come and go.

#include <QWidget>

class QAbstractItemModel;
class QTableView;
class QStackedLayout;

namespace pindex::ui {

class EmptyStateView;

class TablePane final : public QWidget
{
    Q_OBJECT

public:
    // `sortRole` >= 0 puts a sort proxy (sorting on that role) between the model and the table.
    TablePane(QAbstractItemModel* model, const QString& emptyMessage, int sortRole = -1,
              QWidget* parent = nullptr);
    [[nodiscard]] QTableView* table() const { return m_table; }
    [[nodiscard]] EmptyStateView* emptyState() const { return m_empty; }

private:
    void updateEmptyState();

    QAbstractItemModel* m_model;
    QTableView* m_table;
    EmptyStateView* m_empty;
    QStackedLayout* m_stack;
};

} // namespace pindex::ui
