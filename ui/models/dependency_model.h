#pragma once

// The project's direct dependencies as a table: one row per requirement, in file order, with the
// group it belongs to (main, an extra, a dependency group). Holds a snapshot of core values.

#include <vector>

#include <QAbstractTableModel>

#include "core/project/pyproject.h"

namespace pindex::ui {

class DependencyModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Requirement, Group, Count };
    enum Role { SortRole = Qt::UserRole + 1, EntryRole };

    explicit DependencyModel(QObject* parent = nullptr);

    void setDependencies(std::vector<project::DependencyEntry> dependencies);
    [[nodiscard]] const project::DependencyEntry& entry(int row) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    std::vector<project::DependencyEntry> m_dependencies;
};

} // namespace pindex::ui

Q_DECLARE_METATYPE(pindex::project::DependencyEntry)
