#pragma once

// The rows of a lock diff: one per changed package, grouped by kind (added, removed, upgraded,
// downgraded, changed) and sorted by name inside each group. Holds a snapshot of core values
// (diff::PackageChange), never pointers into live objects.
//
// Columns: package, kind (a coloured badge), versions (old -> new), index, flags (security flags
// first, each explained in the tooltip). Roles: SortRole (raw values for a sort proxy),
// ChangeRole (the core value), FilterRole (the text the filter box matches).
//
// A new diff never resets the model: rows that left are removed, rows that stayed get dataChanged
// when their change differs, new rows are inserted in place. Insertions beyond the first batch
// (kBatchSize rows) are appended over later turns of the event loop, so a diff of thousands of
// packages never blocks the window; `populated` is emitted when every row is in.

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

    static constexpr int kBatchSize = 256;

    explicit LockDiffModel(QObject* parent = nullptr);

    void setDiff(diff::LockDiff diff);
    void clear();
    // True while rows of the last diff are still being inserted.
    [[nodiscard]] bool isPopulating() const { return !m_pending.empty(); }

    // The rows shown so far (sources and summary of the last diff; changes ordered by kind, then name).
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

Q_SIGNALS:
    void populated();

private:
    void insertPendingBatch(quint64 generation);

    diff::LockDiff m_diff;                       // changes ordered by kind, then name
    std::vector<diff::PackageChange> m_pending;  // rows still to insert, in target order
    std::vector<std::size_t> m_pendingPositions; // their final rows
    std::size_t m_nextPending = 0;
    quint64 m_generation = 0;
};

} // namespace pindex::ui

Q_DECLARE_METATYPE(pindex::diff::PackageChange)
