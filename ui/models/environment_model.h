#pragma once

// The Environment tab's table: every package the lock names or the venv holds, with the locked
// and installed versions, a status (in sync, missing, different version, not in the lock) and,
// while a sync runs, what is happening to it. Holds a snapshot of values.
//
// Invariants: rows are sorted by canonical name and unique; updates keep rows that stay
// (dataChanged) and insert / remove the others.

#include <cstdint>
#include <string>
#include <vector>

#include <QAbstractTableModel>

#include "core/install/sync_job.h"

namespace pindex::ui {

struct ProjectState;

class EnvironmentModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Locked, Installed, Status, Activity, Count };
    enum Role { SortRole = Qt::UserRole + 1, PackageRole, StatusRole };
    enum class PackageStatus : std::uint8_t { InSync, Missing, Different, Extraneous };

    explicit EnvironmentModel(QObject* parent = nullptr);

    void setState(const ProjectState& state);
    void clear();
    // Progress of a running sync for one package ("downloading 40%", "installed", ...).
    void setActivity(const QString& package, const QString& activity);
    void clearActivities();
    [[nodiscard]] int rowOf(const QString& package) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        std::string name;
        QString displayName;
        QString locked;
        QString installed;
        PackageStatus status = PackageStatus::InSync;
        QString activity;
    };
    void apply(std::vector<Row> rows);

    std::vector<Row> m_rows;
};

} // namespace pindex::ui
