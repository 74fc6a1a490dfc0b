#include "ui/views/empty_state_view.h"

#include <QLabel>
#include <QVBoxLayout>

namespace pindex::ui {

EmptyStateView::EmptyStateView(const QString& message, QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(message, this))
{
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setWordWrap(true);
    m_label->setObjectName(QStringLiteral("emptyStateLabel"));
    auto* layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(m_label);
    layout->addStretch();
}

void EmptyStateView::setMessage(const QString& message)
{
    m_label->setText(message);
}

} // namespace pindex::ui
