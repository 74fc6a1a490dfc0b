#include "ui/views/environment_view.h"

#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/models/environment_model.h"
#include "ui/project_state.h"
#include "ui/qt_text.h"

namespace pindex::ui {

EnvironmentView::EnvironmentView(EnvironmentModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_interpreter(new QLabel(this))
    , m_venv(new QLabel(this))
    , m_lock(new QLabel(this))
    , m_counts(new QLabel(this))
    , m_table(new QTableView(this))
    , m_progress(new QProgressBar(this))
    , m_summary(new QLabel(this))
    , m_sync(new QPushButton(tr("S&ync"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(EnvironmentModel::SortRole);
    m_table->setObjectName(QStringLiteral("environmentTable"));
    m_table->setAccessibleName(tr("Installed and locked packages"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(EnvironmentModel::Name, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; the arrow keys move inside it
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(EnvironmentModel::Activity, QHeaderView::Stretch);
    m_interpreter->setObjectName(QStringLiteral("interpreterLabel"));
    m_venv->setObjectName(QStringLiteral("venvLabel"));
    m_lock->setObjectName(QStringLiteral("environmentLockLabel"));
    m_counts->setObjectName(QStringLiteral("environmentCounts"));
    for (QLabel* label : {m_interpreter, m_venv, m_lock, m_counts})
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->setAccessibleName(tr("Sync progress"));
    m_progress->setVisible(false);
    m_summary->setObjectName(QStringLiteral("syncSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_sync->setObjectName(QStringLiteral("environmentSync"));
    m_sync->setToolTip(tr("Make the venv match the lock exactly (Ctrl+Shift+S)"));
    m_cancel->setObjectName(QStringLiteral("environmentCancel"));
    m_cancel->setEnabled(false);

    auto* form = new QFormLayout;
    form->addRow(tr("Interpreter:"), m_interpreter);
    form->addRow(tr("Virtual environment:"), m_venv);
    form->addRow(tr("Lock:"), m_lock);
    form->addRow(tr("Packages:"), m_counts);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_sync);
    buttons->addWidget(m_cancel);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_summary);

    connect(m_sync, &QPushButton::clicked, this, &EnvironmentView::syncRequested);
    connect(m_cancel, &QPushButton::clicked, this, &EnvironmentView::cancelRequested);
    clear();
}

void EnvironmentView::clear()
{
    m_interpreter->setText(tr("—"));
    m_venv->setText(tr("No project open."));
    m_lock->setText(tr("—"));
    m_counts->clear();
    m_summary->clear();
    m_model->clear();
}

void EnvironmentView::setState(const ProjectState& state)
{
    m_model->setState(state);
    const QString venv = QDir::toNativeSeparators(toQString(state.venvPath.string()));
    if (state.venvExists) {
        m_venv->setText(venv);
        m_interpreter->setText(
            tr("Python %1 (%2)")
                .arg(toQString(state.venvPython),
                     QDir::toNativeSeparators(toQString((state.venvPath / "bin" / "python").string()))));
    } else {
        m_venv->setText(tr("%1 does not exist yet: Sync creates it.").arg(venv));
        m_interpreter->setText(tr("chosen when the venv is created (.python-version, then python3 on PATH)"));
    }
    m_lock->setText(state.lockPath ? QDir::toNativeSeparators(toQString(state.lockPath->string()))
                                   : tr("No lockfile yet: Lock creates pylock.toml."));
    int inSync = 0;
    int other = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const auto status = static_cast<EnvironmentModel::PackageStatus>(
            m_model->index(row, 0).data(EnvironmentModel::StatusRole).toInt());
        (status == EnvironmentModel::PackageStatus::InSync ? inSync : other) += 1;
    }
    m_counts->setText(other == 0 && inSync > 0
                          ? tr("%n package(s), all in sync with the lock", nullptr, inSync)
                      : m_model->rowCount() == 0 ? tr("nothing locked or installed yet")
                                                 : tr("%1 in sync, %2 to change").arg(inSync).arg(other));
    m_sync->setEnabled(state.lock.has_value() && !m_cancel->isEnabled());
}

void EnvironmentView::syncStarted()
{
    m_model->clearActivities();
    m_summary->clear();
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    m_sync->setEnabled(false);
    m_cancel->setEnabled(true);
}

void EnvironmentView::syncProgress(const QString& text, long long done, long long total)
{
    if (total > 0) {
        // QProgressBar takes ints: scale large byte counts down.
        const long long scale = total > 1'000'000'000 ? 1024 : 1;
        m_progress->setRange(0, static_cast<int>(total / scale));
        m_progress->setValue(static_cast<int>(done / scale));
    } else {
        m_progress->setRange(0, 0);
    }
    m_progress->setFormat(text.isEmpty() ? QStringLiteral("%p%") : text + QStringLiteral(" — %p%"));
}

void EnvironmentView::syncFinished(bool ok, const QString& message)
{
    m_progress->setVisible(false);
    m_cancel->setEnabled(false);
    m_sync->setEnabled(true);
    m_summary->setText(ok ? message : tr("<b>Sync did not finish.</b> %1").arg(message.toHtmlEscaped()));
}

} // namespace pindex::ui
