#include "ui/views/dependencies_view.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedLayout>
#include <QTreeView>
#include <QVBoxLayout>

#include "ui/models/dependency_model.h"
#include "ui/views/empty_state_view.h"
#include "ui/views/index_pin_delegate.h"

namespace pindex::ui {

DependenciesView::DependenciesView(DependencyModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_tree(new QTreeView(this))
    , m_find(new QLineEdit(this))
    , m_showTransitive(new QCheckBox(tr("Show &transitive"), this))
    , m_add(new QPushButton(tr("&Add…"), this))
    , m_edit(new QPushButton(tr("Modif&y…"), this))
    , m_remove(new QPushButton(tr("Re&move"), this))
    , m_why(new QLabel(this))
    , m_empty(new EmptyStateView(tr("This project has no dependencies yet — use Add to declare one."), this))
    , m_stack(new QStackedLayout)
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(DependencyModel::SortRole);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(DependencyModel::Name);

    m_tree->setObjectName(QStringLiteral("dependencyTree"));
    m_tree->setAccessibleName(tr("Dependencies"));
    m_tree->setModel(m_proxy);
    m_tree->setItemDelegateForColumn(DependencyModel::Index, new IndexPinDelegate(m_tree));
    m_tree->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::SelectedClicked);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(DependencyModel::Requirement, QHeaderView::Stretch);
    m_tree->setColumnWidth(DependencyModel::Name, 200);

    m_find->setObjectName(QStringLiteral("dependencyFind"));
    m_find->setAccessibleName(tr("Find a package"));
    m_find->setPlaceholderText(tr("Find a package (Ctrl+F)"));
    m_find->setClearButtonEnabled(true);
    m_showTransitive->setObjectName(QStringLiteral("showTransitive"));
    m_showTransitive->setToolTip(tr("Also list the packages the lock pulls in indirectly"));
    m_add->setObjectName(QStringLiteral("addDependency"));
    m_edit->setObjectName(QStringLiteral("editDependency"));
    m_remove->setObjectName(QStringLiteral("removeDependency"));
    m_why->setObjectName(QStringLiteral("whyLabel"));
    m_why->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_why->setWordWrap(true);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_find, 1);
    bar->addWidget(m_showTransitive);
    bar->addWidget(m_add);
    bar->addWidget(m_edit);
    bar->addWidget(m_remove);

    auto* treePage = new QWidget(this);
    auto* treeLayout = new QVBoxLayout(treePage);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    treeLayout->addWidget(m_tree, 1);
    treeLayout->addWidget(m_why);
    m_stack->addWidget(treePage);
    m_stack->addWidget(m_empty);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addLayout(m_stack, 1);

    connect(m_find, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_showTransitive, &QCheckBox::toggled, m_model, &DependencyModel::setShowTransitive);
    connect(m_add, &QPushButton::clicked, this, &DependenciesView::addRequested);
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (auto entry = selectedEntry())
            Q_EMIT editRequested(*entry);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (auto entry = selectedEntry())
            Q_EMIT removeRequested(*entry);
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &DependenciesView::updateSelection);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &DependenciesView::updateSelection);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_model, signal, this, [this] {
            m_tree->expandAll();
            updateEmptyState();
        });
    }
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_tree->expandAll();
        updateEmptyState();
    });
    updateEmptyState();
    updateSelection();
}

std::optional<project::DependencyEntry> DependenciesView::selectedEntry() const
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid() || current.data(DependencyModel::IsGroupRole).toBool() ||
        current.data(DependencyModel::IsTransitiveRole).toBool())
        return std::nullopt;
    auto entry =
        current.siblingAtColumn(0).data(DependencyModel::EntryRole).value<project::DependencyEntry>();
    if (entry.requirement.empty() && entry.includeGroup.empty())
        return std::nullopt;
    return entry;
}

void DependenciesView::focusFind()
{
    m_find->setFocus(Qt::ShortcutFocusReason);
    m_find->selectAll();
}

void DependenciesView::updateSelection()
{
    const auto entry = selectedEntry();
    const bool editable = entry && !entry->requirement.empty();
    m_edit->setEnabled(editable);
    m_remove->setEnabled(editable);
    const QModelIndex current = m_tree->currentIndex();
    const QStringList why =
        current.isValid() ? current.data(DependencyModel::WhyRole).toStringList() : QStringList();
    if (current.isValid() && current.data(DependencyModel::IsTransitiveRole).toBool() &&
        !current.data(DependencyModel::IsGroupRole).toBool()) {
        m_why->setText(why.isEmpty() ? tr("Why is this here: the lock does not record who needs it.")
                                     : tr("Why is this here: %1").arg(why.join(QStringLiteral(" → "))));
    } else {
        m_why->clear();
    }
    // Selectable by keyboard, so a Tab stop: only while it has something to say.
    m_why->setVisible(!m_why->text().isEmpty());
}

void DependenciesView::updateEmptyState()
{
    m_stack->setCurrentIndex(m_model->rowCount() == 0 ? 1 : 0);
}

} // namespace pindex::ui
