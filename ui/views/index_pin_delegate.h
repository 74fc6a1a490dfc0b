#pragma once

// The Index column's editor: a combo box with "automatic" and every configured index. Choosing an
// entry commits at once (the model turns it into a pin request).

#include <QStyledItemDelegate>

namespace pindex::ui {

class IndexPinDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    [[nodiscard]] QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                        const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
};

} // namespace pindex::ui
