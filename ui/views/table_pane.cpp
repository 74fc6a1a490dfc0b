#include "ui/views/table_pane.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QStackedLayout>
#include <QTableView>

#include "ui/views/empty_state_view.h"

namespace pindex::ui {

TablePane::TablePane(QAbstractItemModel* model, const QString& emptyMessage, int sortRole, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_table(new QTableView(this))
    , m_empty(new EmptyStateView(emptyMessage, this))
    , m_stack(new QStackedLayout(this))
{
    if (sortRole >= 0) {
        auto* proxy = new QSortFilterProxyModel(this);
        proxy->setSourceModel(model);
        proxy->setSortRole(sortRole);
        m_table->setModel(proxy);
        m_table->setSortingEnabled(true);
        m_table->sortByColumn(-1, Qt::AscendingOrder); // model order until the user sorts
    } else {
        m_table->setModel(model);
    }
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; the arrow keys move inside it
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_empty);
    connect(model, &QAbstractItemModel::modelReset, this, &TablePane::updateEmptyState);
    connect(model, &QAbstractItemModel::rowsInserted, this, &TablePane::updateEmptyState);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &TablePane::updateEmptyState);
    updateEmptyState();
}

void TablePane::updateEmptyState()
{
    m_stack->setCurrentWidget(m_model->rowCount() > 0 ? static_cast<QWidget*>(m_table) : m_empty);
    m_table->resizeColumnsToContents();
}

} // namespace pindex::ui
