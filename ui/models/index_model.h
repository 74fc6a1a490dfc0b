#pragma once

// The project's configured indexes in priority order: name, URL (credentials masked), role
// (searched / explicit / default), format and authenticate mode. Holds a snapshot of core values.

#include <vector>

#include <QAbstractTableModel>

#include "core/project/pyproject.h"

namespace pindex::ui {

class IndexModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Url, Role, Format, Authenticate, Count };
    enum Roles { SortRole = Qt::UserRole + 1, EntryRole };

    explicit IndexModel(QObject* parent = nullptr);

    void setIndexes(std::vector<project::IndexEntry> indexes);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    std::vector<project::IndexEntry> m_indexes;
};

} // namespace pindex::ui

Q_DECLARE_METATYPE(pindex::project::IndexEntry)
