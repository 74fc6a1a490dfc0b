#include "ui/views/relock_preview.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "ui/models/lock_diff_model.h"

namespace pindex::ui {

RelockPreview::RelockPreview(QWidget* parent)
    : QDialog(parent)
    , m_model(new LockDiffModel(this))
    , m_summary(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_accept(new QPushButton(tr("&Write pylock.toml"), this))
    , m_discard(new QPushButton(tr("&Discard"), this))
{
    setObjectName(QStringLiteral("relockPreview"));
    setWindowTitle(tr("Re-lock: review the changes"));
    m_summary->setObjectName(QStringLiteral("relockSummary"));
    m_summary->setWordWrap(true);
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(LockDiffModel::SortRole);
    m_table->setObjectName(QStringLiteral("relockChanges"));
    m_table->setAccessibleName(tr("Changes the new lock makes"));
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LockDiffModel::Kind, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; the arrow keys move inside it
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_pages->addWidget(m_table);
    m_accept->setObjectName(QStringLiteral("relockAccept"));
    m_discard->setObjectName(QStringLiteral("relockDiscard"));

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_accept, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_discard, QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_pages, 1);
    layout->addWidget(buttons);
    resize(760, 460);
}

void RelockPreview::showChanges(diff::LockDiff changes, std::size_t packageCount, bool created,
                                bool unchanged)
{
    const auto count = static_cast<int>(packageCount);
    const auto& summary = changes.summary;
    if (unchanged) {
        m_summary->setText(
            tr("The lock is up to date: resolving again gives the same %n package(s).", nullptr, count));
        m_accept->setEnabled(false);
        m_discard->setText(tr("&Close"));
    } else if (created) {
        m_summary->setText(
            tr("There is no lock yet. The new pylock.toml holds %n package(s).", nullptr, count));
    } else if (changes.empty()) {
        m_summary->setText(
            tr("Same packages and versions; only the file's text changes (%n package(s)).", nullptr, count));
    } else {
        m_summary->setText(
            tr("%1 added, %2 removed, %3 upgraded, %4 downgraded, %5 changed. Review them, then "
               "write the new pylock.toml or discard it.")
                .arg(summary.added)
                .arg(summary.removed)
                .arg(summary.upgraded)
                .arg(summary.downgraded)
                .arg(summary.changed));
    }
    m_model->setDiff(std::move(changes));
    m_pages->setCurrentWidget(m_table);
    m_table->resizeColumnsToContents();
}

void RelockPreview::showExplanation(const QString& title, const QString& explanation)
{
    setWindowTitle(tr("Re-lock: no solution"));
    m_summary->setText(title);
    if (m_explanation == nullptr) {
        m_explanation = new QTextBrowser(this);
        m_explanation->setObjectName(QStringLiteral("relockExplanation"));
        m_explanation->setAccessibleName(tr("Why there is no solution"));
        m_pages->addWidget(m_explanation);
    }
    m_explanation->setPlainText(explanation);
    m_pages->setCurrentWidget(m_explanation);
    m_accept->setVisible(false);
    m_discard->setText(tr("&Close"));
}

} // namespace pindex::ui
