#include "ui/models/lock_diff_model.h"

#include <algorithm>

#include <QColor>
#include <QFont>
#include <QTimer>

#include "core/diff/diff_report.h"
#include "ui/qt_text.h"

namespace pindex::ui {
namespace {

QStringList flagNames(const diff::PackageChange& change)
{
    QStringList names;
    // Security flags first: they are what a reviewer must not miss.
    for (const bool security : {true, false}) {
        for (const auto flag : diff::kAllChangeFlags) {
            if (change.has(flag) && diff::isSecurityFlag(flag) == security)
                names << toQString(diff::toString(flag));
        }
    }
    return names;
}

bool hasSecurityFlag(const diff::PackageChange& change)
{
    return std::any_of(diff::kAllChangeFlags.begin(), diff::kAllChangeFlags.end(),
                       [&](diff::ChangeFlag flag) { return change.has(flag) && diff::isSecurityFlag(flag); });
}

QString flagTooltip(const diff::PackageChange& change)
{
    QStringList lines;
    for (const auto flag : diff::kAllChangeFlags) {
        if (change.has(flag))
            lines << QStringLiteral("%1: %2").arg(toQString(diff::toString(flag)),
                                                  toQString(diff::explanation(flag)));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

LockDiffModel::LockDiffModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

QColor LockDiffModel::kindColor(diff::ChangeKind kind)
{
    switch (kind) {
    case diff::ChangeKind::Added: return QColor(0x2e, 0x7d, 0x32);
    case diff::ChangeKind::Removed: return QColor(0xc6, 0x28, 0x28);
    case diff::ChangeKind::Upgraded: return QColor(0x15, 0x65, 0xc0);
    case diff::ChangeKind::Downgraded: return QColor(0xef, 0x6c, 0x00);
    case diff::ChangeKind::Changed: return QColor(0x6a, 0x1b, 0x9a);
    }
    return QColor(Qt::gray);
}

QString LockDiffModel::kindLabel(diff::ChangeKind kind)
{
    switch (kind) {
    case diff::ChangeKind::Added: return tr("added");
    case diff::ChangeKind::Removed: return tr("removed");
    case diff::ChangeKind::Upgraded: return tr("upgraded");
    case diff::ChangeKind::Downgraded: return tr("downgraded");
    case diff::ChangeKind::Changed: return tr("changed");
    }
    return {};
}

namespace {

bool rowBefore(const diff::PackageChange& a, const diff::PackageChange& b)
{
    if (a.kind != b.kind)
        return a.kind < b.kind;
    return a.name < b.name;
}

bool sameRow(const diff::PackageChange& a, const diff::PackageChange& b)
{
    return a.kind == b.kind && a.name == b.name;
}

bool sameContent(const diff::PackageChange& a, const diff::PackageChange& b)
{
    return a.displayName == b.displayName && a.oldVersions == b.oldVersions &&
           a.newVersions == b.newVersions && a.oldIndex == b.oldIndex && a.newIndex == b.newIndex &&
           a.flags == b.flags && a.introducedBy == b.introducedBy && a.before.size() == b.before.size() &&
           a.after.size() == b.after.size();
}

} // namespace

void LockDiffModel::setDiff(diff::LockDiff diff)
{
    ++m_generation;
    m_pending.clear();
    m_pendingPositions.clear();
    m_nextPending = 0;
    std::vector<diff::PackageChange> target = std::move(diff.changes);
    std::sort(target.begin(), target.end(), rowBefore);

    // 1. Remove the rows that are not in the new diff, in contiguous runs from the bottom.
    auto& rows = m_diff.changes;
    const auto inTarget = [&](const diff::PackageChange& row) {
        const auto found = std::lower_bound(target.begin(), target.end(), row, rowBefore);
        return found != target.end() && sameRow(*found, row);
    };
    for (int last = static_cast<int>(rows.size()) - 1; last >= 0;) {
        if (inTarget(rows[static_cast<std::size_t>(last)])) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !inTarget(rows[static_cast<std::size_t>(first - 1)]))
            --first;
        beginRemoveRows({}, first, last);
        rows.erase(rows.begin() + first, rows.begin() + last + 1);
        endRemoveRows();
        last = first - 1;
    }

    // 2. The remaining rows are a subsequence of the target: update them in place, and queue the
    //    others for insertion at their final positions.
    std::size_t existing = 0;
    for (std::size_t i = 0; i < target.size(); ++i) {
        if (existing < rows.size() && sameRow(rows[existing], target[i])) {
            if (!sameContent(rows[existing], target[i])) {
                rows[existing] = std::move(target[i]);
                const int row = static_cast<int>(existing);
                Q_EMIT dataChanged(index(row, 0), index(row, Count - 1));
            } else {
                rows[existing] = std::move(target[i]); // same text; keep the newest entries
            }
            ++existing;
        } else {
            m_pending.push_back(std::move(target[i]));
            m_pendingPositions.push_back(i);
        }
    }
    diff.changes.clear();
    m_diff.oldSource = std::move(diff.oldSource);
    m_diff.newSource = std::move(diff.newSource);
    m_diff.summary = diff.summary;
    insertPendingBatch(m_generation);
}

// Inserts up to kBatchSize queued rows, contiguous runs at a time; schedules the next batch.
// Positions stay right because rows are inserted in ascending target order: every row before a
// queued one is already in the model.
void LockDiffModel::insertPendingBatch(quint64 generation)
{
    if (generation != m_generation)
        return; // a newer diff replaced the queue
    const std::size_t end = std::min(m_pending.size(), m_nextPending + kBatchSize);
    auto& rows = m_diff.changes;
    while (m_nextPending < end) {
        std::size_t runEnd = m_nextPending + 1;
        while (runEnd < end && m_pendingPositions[runEnd] == m_pendingPositions[runEnd - 1] + 1)
            ++runEnd;
        const auto first = static_cast<int>(m_pendingPositions[m_nextPending]);
        const auto count = static_cast<int>(runEnd - m_nextPending);
        beginInsertRows({}, first, first + count - 1);
        rows.insert(rows.begin() + first,
                    std::make_move_iterator(m_pending.begin() + static_cast<std::ptrdiff_t>(m_nextPending)),
                    std::make_move_iterator(m_pending.begin() + static_cast<std::ptrdiff_t>(runEnd)));
        endInsertRows();
        m_nextPending = runEnd;
    }
    if (m_nextPending < m_pending.size()) {
        QTimer::singleShot(0, this, [this, generation] { insertPendingBatch(generation); });
        return;
    }
    m_pending.clear();
    m_pendingPositions.clear();
    m_nextPending = 0;
    Q_EMIT populated();
}

void LockDiffModel::clear()
{
    setDiff({});
}

const diff::PackageChange* LockDiffModel::changeAt(int row) const
{
    if (row < 0 || static_cast<std::size_t>(row) >= m_diff.changes.size())
        return nullptr;
    return &m_diff.changes[static_cast<std::size_t>(row)];
}

int LockDiffModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_diff.changes.size());
}

int LockDiffModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant LockDiffModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& change = m_diff.changes[static_cast<std::size_t>(index.row())];
    switch (role) {
    case ChangeRole: return QVariant::fromValue(change);
    case KindRole: return static_cast<int>(change.kind);
    case FilterRole:
        return QStringList{toQString(change.displayName), kindLabel(change.kind),
                           flagNames(change).join(QLatin1Char(' ')), toQString(change.oldIndex),
                           toQString(change.newIndex)}
            .join(QLatin1Char(' '));
    case SortRole:
        switch (index.column()) {
        case Kind: return static_cast<int>(change.kind);
        case Flags: return static_cast<int>(change.flags);
        default: break;
        }
        return data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == Flags || index.column() == Package)
            return flagTooltip(change);
        if (index.column() == Index && change.has(diff::ChangeFlag::IndexChanged))
            return toQString(diff::explanation(diff::ChangeFlag::IndexChanged));
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Kind)
            return QColor(Qt::white);
        if (index.column() == Flags && hasSecurityFlag(change))
            return QColor(0xb7, 0x1c, 0x1c);
        return {};
    case Qt::BackgroundRole:
        if (index.column() == Kind)
            return kindColor(change.kind);
        return {};
    case Qt::FontRole:
        if ((index.column() == Flags || index.column() == Package) && hasSecurityFlag(change)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Kind)
            return static_cast<int>(Qt::AlignCenter);
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case Package:
            return hasSecurityFlag(change) ? QStringLiteral("\u26a0 ") + toQString(change.displayName)
                                           : toQString(change.displayName);
        case Kind: return kindLabel(change.kind);
        case Versions:
            return toQString(diff::versionArrow(change))
                .replace(QStringLiteral("->"), QStringLiteral("\u2192"));
        case Index:
            if (change.has(diff::ChangeFlag::IndexChanged))
                return toQString(change.oldIndex) + QStringLiteral(" \u2192 ") + toQString(change.newIndex);
            return toQString(change.newIndex.empty() ? change.oldIndex : change.newIndex);
        case Flags: return flagNames(change).join(QStringLiteral(", "));
        default: return {};
        }
    default: return {};
    }
}

QVariant LockDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Package: return tr("Package");
    case Kind: return tr("Change");
    case Versions: return tr("Versions");
    case Index: return tr("Index");
    case Flags: return tr("Flags");
    default: return {};
    }
}

} // namespace pindex::ui
