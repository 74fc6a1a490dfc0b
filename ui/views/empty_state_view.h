#pragma once

// A centred, friendly message for a view that has nothing to show yet.

#include <QWidget>

class QLabel;

namespace pindex::ui {

class EmptyStateView final : public QWidget
{
    Q_OBJECT

public:
    explicit EmptyStateView(const QString& message, QWidget* parent = nullptr);
    void setMessage(const QString& message);

private:
    QLabel* m_label;
};

} // namespace pindex::ui
