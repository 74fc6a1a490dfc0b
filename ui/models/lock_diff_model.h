#pragma once

// The rows of a lock diff: one per changed package, grouped by kind (added, removed, upgraded,
// downgraded, changed) and sorted by name inside each group. Holds a snapshot of core values
// (diff::PackageChange), never pointers into live objects.
//
// Columns: package, kind (a coloured badge), versions (old -> new), index, flags (security flags
// first, each explained in the tooltip). Roles: SortRole (raw values for a sort proxy),
// ChangeRole (the core value), FilterRole (the text the filter box matches).

#include <vector>

#include <QAbstractTableModel>

#include "core/diff/lock_diff.h"

namespace pindex::ui {

class LockDiffModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Package, Kind, Versions, Index, Flags, Count };
    enum Roles { SortRole = Qt::UserRole + 1, ChangeRole, FilterRole, KindRole };

    explicit LockDiffModel(QObject* parent = nullptr);

    void setDiff(diff::LockDiff diff);
    void clear();

    [[nodiscard]] const diff::LockDiff& lockDiff() const { return m_diff; }
    [[nodiscard]] const diff::PackageChange* changeAt(int row) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    // Badge colours, shared with the view's legend.
    [[nodiscard]] static QColor kindColor(diff::ChangeKind kind);
    [[nodiscard]] static QString kindLabel(diff::ChangeKind kind);

private:
    diff::LockDiff m_diff; // changes ordered by kind, then name
};

} // namespace pindex::ui

Q_DECLARE_METATYPE(pindex::diff::PackageChange)
