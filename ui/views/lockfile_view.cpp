#include "ui/views/lockfile_view.h"

#include <utility>

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "core/diff/diff_report.h"
#include "core/diff/git_revision.h"
#include "core/diff/lock_comparison.h"
#include "ui/background.h"
#include "ui/models/lock_diff_model.h"
#include "ui/qt_text.h"

namespace pindex::ui {
namespace {

QString escaped(std::string_view text)
{
    return toQString(text).toHtmlEscaped();
}

QString describeEntries(const std::vector<lock::LockedPackage>& entries)
{
    if (entries.empty())
        return LockfileView::tr("<i>not in the lock</i>");
    QString html;
    for (const auto& entry : entries) {
        html += QStringLiteral("<p><b>%1</b>")
                    .arg(escaped(entry.version.empty() ? "(no version)" : entry.version));
        if (!entry.marker.empty())
            html += QStringLiteral(" <small>; %1</small>").arg(escaped(entry.marker));
        html += QStringLiteral("<br>%1: %2")
                    .arg(LockfileView::tr("source"), escaped(maskUrlCredentials(entry.sourceDescription())));
        for (const auto* file : entry.files()) {
            for (const auto& [algorithm, digest] : file->hashes) {
                html += QStringLiteral("<br><small><code>%1 %2:%3</code></small>")
                            .arg(escaped(file->name.empty() ? "-" : file->name), escaped(algorithm),
                                 escaped(digest));
            }
        }
        if (!entry.dependencies.empty()) {
            QStringList names;
            for (const auto& dependency : entry.dependencies)
                names << escaped(dependency.name);
            html += QStringLiteral("<br>%1: %2")
                        .arg(LockfileView::tr("depends on"), names.join(QStringLiteral(", ")));
        }
        html += QStringLiteral("</p>");
    }
    return html;
}

} // namespace

LockfileView::LockfileView(QWidget* parent)
    : QWidget(parent)
    , m_model(new LockDiffModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_compareWith(new QComboBox(this))
    , m_compareButton(new QPushButton(tr("Com&pare"), this))
    , m_chooseFileButton(new QPushButton(tr("Choose &file…"), this))
    , m_status(new QLabel(this))
    , m_counts(new QLabel(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_details(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("lockfileView"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(LockDiffModel::FilterRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(LockDiffModel::SortRole);

    m_compareWith->setObjectName(QStringLiteral("compareWith"));
    m_compareWith->setEditable(true);
    m_compareWith->addItems({QStringLiteral("HEAD"), QStringLiteral("HEAD~1")});
    m_compareWith->setInsertPolicy(QComboBox::NoInsert);
    m_compareWith->setToolTip(tr("A git revision (HEAD, a branch, a tag, a commit, HEAD~3), two revisions "
                                 "(main..HEAD, or main...HEAD from where they diverged), or the path of "
                                 "another lockfile"));
    m_compareWith->setAccessibleName(tr("Compare with"));
    m_compareButton->setObjectName(QStringLiteral("compareButton"));
    m_chooseFileButton->setObjectName(QStringLiteral("chooseFileButton"));
    m_chooseFileButton->setToolTip(tr("Compare the project's lockfile with any lockfile on disk"));
    m_chooseFileButton->setVisible(false);
    m_status->setObjectName(QStringLiteral("lockStatus"));
    m_counts->setObjectName(QStringLiteral("kindCounts"));
    m_counts->setTextFormat(Qt::RichText);
    m_filter->setObjectName(QStringLiteral("lockFilter"));
    m_filter->setPlaceholderText(tr("Filter by package, kind, flag or index"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter the changes"));
    m_table->setObjectName(QStringLiteral("lockDiffTable"));
    m_table->setAccessibleName(tr("Lockfile changes"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; the arrow keys move inside it
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_details->setObjectName(QStringLiteral("lockDetails"));
    m_details->setAccessibleName(tr("Change details"));

    auto* chooser = new QHBoxLayout;
    chooser->addWidget(new QLabel(tr("Compare with:"), this));
    chooser->addWidget(m_compareWith, 1);
    chooser->addWidget(m_compareButton);
    chooser->addWidget(m_chooseFileButton);
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_counts, 1);
    filterRow->addWidget(m_filter, 1);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(chooser);
    layout->addWidget(m_status);
    layout->addLayout(filterRow);
    layout->addWidget(splitter, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterFixedString(text);
        updateCounts();
    });
    connect(m_compareButton, &QPushButton::clicked, this,
            [this] { startComparison(m_compareWith->currentText()); });
    connect(m_compareWith->lineEdit(), &QLineEdit::returnPressed, this,
            [this] { startComparison(m_compareWith->currentText()); });
    connect(m_chooseFileButton, &QPushButton::clicked, this, [this] { chooseFile(); });
    connect(m_model, &LockDiffModel::populated, this, [this] {
        m_table->resizeColumnsToContents();
        updateCounts();
        if (std::exchange(m_loading, false))
            Q_EMIT diffLoaded();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] { updateCounts(); });
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, [this] { updateDetails(); });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, [this] { updateDetails(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { updateDetails(); });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] { updateDetails(); });
    m_status->setText(tr("Open a project to see what its lockfile changed."));
    updateCounts();
}

void LockfileView::setProject(const QString& directory)
{
    const auto found = diff::findLockfile(std::filesystem::path(directory.toStdString()));
    if (!found) {
        m_lockfile.clear();
        m_model->clear();
        m_status->setText(tr("No lockfile yet. Lock the project to see what it resolves to."));
        updateCounts();
        return;
    }
    m_lockfile = QString::fromStdString(found->string());
    listRevisions();
    startComparison(m_compareWith->currentText());
}

void LockfileView::setFileChooser(FileChooser chooser)
{
    m_fileChooser = std::move(chooser);
    m_chooseFileButton->setVisible(static_cast<bool>(m_fileChooser));
}

void LockfileView::setDiffOptions(diff::DiffOptions options)
{
    m_options = std::make_shared<const diff::DiffOptions>(std::move(options));
}

void LockfileView::chooseFile()
{
    if (!m_fileChooser)
        return;
    const QString chosen =
        m_fileChooser(this, tr("Compare with a lockfile"),
                      tr("Lockfiles (pylock.toml pylock.*.toml uv.lock poetry.lock *.txt);;All files (*)"));
    if (chosen.isEmpty())
        return;
    if (m_compareWith->findText(chosen) < 0)
        m_compareWith->addItem(chosen);
    m_compareWith->setCurrentText(chosen);
    if (m_lockfile.isEmpty()) {
        Q_EMIT diffFailed(tr("No lockfile to compare."));
        return;
    }
    compareFiles(chosen, m_lockfile);
}

// Branches, remote branches and tags of the project's repository, after HEAD and HEAD~1.
void LockfileView::listRevisions()
{
    const std::string directory = QFileInfo(m_lockfile).absolutePath().toStdString();
    runInBackground(
        this, [directory] { return diff::listRevisionNames(directory); },
        [this](const Result<diff::RevisionNames>& names) {
            const QString typed = m_compareWith->currentText();
            while (m_compareWith->count() > 2)
                m_compareWith->removeItem(m_compareWith->count() - 1);
            if (names) {
                for (const auto* list : {&names->branches, &names->remoteBranches, &names->tags}) {
                    for (const auto& name : *list)
                        m_compareWith->addItem(toQString(name));
                }
            }
            m_compareWith->setCurrentText(typed);
            Q_EMIT revisionsListed();
        });
}

void LockfileView::startComparison(const QString& choice)
{
    const QString trimmed = choice.trimmed();
    if (trimmed.isEmpty())
        return;
    if (QFileInfo(trimmed).isFile() && !m_lockfile.isEmpty()) {
        compareFiles(trimmed, m_lockfile);
        return;
    }
    if (const auto range = diff::parseRevisionRange(trimmed.toStdString())) {
        if (m_lockfile.isEmpty()) {
            Q_EMIT diffFailed(tr("No lockfile to compare."));
            return;
        }
        m_status->setText(tr("Comparing %1 between %2…").arg(QFileInfo(m_lockfile).fileName(), trimmed));
        run([file = m_lockfile.toStdString(), range = *range, options = m_options] {
            return diff::diffRevisionRange(file, range, *options);
        });
        return;
    }
    compareWithRevision(trimmed);
}

void LockfileView::compareWithRevision(const QString& revision)
{
    if (m_lockfile.isEmpty()) {
        Q_EMIT diffFailed(tr("No lockfile to compare."));
        return;
    }
    m_status->setText(tr("Comparing %1 with %2…").arg(QFileInfo(m_lockfile).fileName(), revision));
    run([file = m_lockfile.toStdString(), rev = revision.toStdString(), options = m_options] {
        return diff::diffAgainstRevision(file, rev, *options);
    });
}

void LockfileView::compareFiles(const QString& oldFile, const QString& newFile)
{
    m_status->setText(tr("Comparing %1 with %2…").arg(newFile, oldFile));
    run([oldPath = oldFile.toStdString(), newPath = newFile.toStdString(), options = m_options] {
        return diff::diffFiles(oldPath, newPath, *options);
    });
}

void LockfileView::showDiff(diff::LockDiff diff)
{
    ++m_generation; // anything still running is superseded
    applyResult(Result<diff::LockDiff>(std::move(diff)));
}

void LockfileView::run(std::function<Result<diff::LockDiff>()> job)
{
    const quint64 generation = ++m_generation;
    m_compareButton->setEnabled(false);
    runInBackground(this, std::move(job), [this, generation](const Result<diff::LockDiff>& result) {
        if (generation != m_generation)
            return;
        applyResult(result);
    });
}

void LockfileView::applyResult(const Result<diff::LockDiff>& result)
{
    m_compareButton->setEnabled(true);
    m_loading = false;
    if (!result) {
        const QString message = toQString(result.error().describe());
        m_status->setText(message);
        m_model->clear();
        updateCounts();
        Q_EMIT diffFailed(message);
        return;
    }
    m_status->setText(result->empty()
                          ? tr("No changes between %1 and %2.")
                                .arg(toQString(result->oldSource), toQString(result->newSource))
                          : tr("%1 → %2").arg(toQString(result->oldSource), toQString(result->newSource)));
    // Rows arrive in batches for large diffs; `populated` then announces diffLoaded.
    m_loading = true;
    m_model->setDiff(*result);
}

void LockfileView::updateCounts()
{
    QStringList parts;
    for (const auto kind : diff::kAllChangeKinds) {
        int shown = 0;
        for (int row = 0; row < m_proxy->rowCount(); ++row) {
            if (m_proxy->index(row, 0).data(LockDiffModel::KindRole).toInt() == static_cast<int>(kind))
                ++shown;
        }
        parts << QStringLiteral("<span style=\"color:%1\"><b>%2</b> %3</span>")
                     .arg(LockDiffModel::kindColor(kind).name())
                     .arg(shown)
                     .arg(LockDiffModel::kindLabel(kind));
    }
    m_counts->setText(parts.join(QStringLiteral(" · ")));
}

void LockfileView::updateDetails()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_details->setHtml(tr("<p>Select a change to see its details.</p>"));
        return;
    }
    const auto change = current.data(LockDiffModel::ChangeRole).value<diff::PackageChange>();
    QString html = QStringLiteral("<h3>%1 <small>%2</small></h3>")
                       .arg(escaped(change.displayName), LockDiffModel::kindLabel(change.kind));
    html += QStringLiteral("<p>%1</p>").arg(escaped(diff::versionArrow(change)));
    for (const auto flag : diff::kAllChangeFlags) {
        if (change.has(flag)) {
            html +=
                QStringLiteral("<p style=\"color:%1\"><b>%2</b>: %3</p>")
                    .arg(diff::isSecurityFlag(flag) ? QStringLiteral("#b71c1c") : QStringLiteral("#555555"),
                         escaped(diff::toString(flag)), escaped(diff::explanation(flag)));
        }
    }
    if (!change.introducedBy.empty()) {
        QStringList chain;
        for (const auto& name : change.introducedBy)
            chain << escaped(name);
        html += QStringLiteral("<p>%1 %2</p>").arg(tr("Why it is here:"), chain.join(QStringLiteral(" → ")));
    }
    html +=
        QStringLiteral("<table width=\"100%\"><tr><th align=\"left\">%1</th><th align=\"left\">%2</th></tr>"
                       "<tr><td valign=\"top\">%3</td><td valign=\"top\">%4</td></tr></table>")
            .arg(tr("Before"), tr("After"), describeEntries(change.before), describeEntries(change.after));
    m_details->setHtml(html);
}

} // namespace pindex::ui
