#include "ui/models/lock_diff_model.h"

#include <algorithm>

#include <QColor>
#include <QFont>

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

void LockDiffModel::setDiff(diff::LockDiff diff)
{
    std::stable_sort(diff.changes.begin(), diff.changes.end(),
                     [](const diff::PackageChange& a, const diff::PackageChange& b) {
                         if (a.kind != b.kind)
                             return a.kind < b.kind;
                         return a.name < b.name;
                     });
    beginResetModel();
    m_diff = std::move(diff);
    endResetModel();
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
