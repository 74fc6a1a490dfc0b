#include "ui/views/index_pin_delegate.h"

#include <QComboBox>

#include "ui/models/dependency_model.h"

namespace pindex::ui {

QWidget* IndexPinDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& /*option*/,
                                        const QModelIndex& index) const
{
    auto* combo = new QComboBox(parent);
    combo->setObjectName(QStringLiteral("indexPinCombo"));
    combo->setAccessibleName(tr("Index for %1").arg(index.siblingAtColumn(0).data().toString()));
    combo->addItem(tr("automatic"), QString());
    for (const QString& name : index.data(DependencyModel::IndexChoicesRole).toStringList())
        combo->addItem(name, name);
    connect(combo, &QComboBox::activated, combo, [this, combo] {
        auto* self = const_cast<IndexPinDelegate*>(this);
        Q_EMIT self->commitData(combo);
        Q_EMIT self->closeEditor(combo);
    });
    return combo;
}

void IndexPinDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    auto* combo = qobject_cast<QComboBox*>(editor);
    if (combo == nullptr)
        return;
    const int position = combo->findData(index.data(Qt::EditRole).toString());
    combo->setCurrentIndex(position < 0 ? 0 : position);
}

void IndexPinDelegate::setModelData(QWidget* editor, QAbstractItemModel* model,
                                    const QModelIndex& index) const
{
    auto* combo = qobject_cast<QComboBox*>(editor);
    if (combo == nullptr)
        return;
    (void)model->setData(index, combo->currentData(), Qt::EditRole);
}

} // namespace pindex::ui
