#include "ui/models/environment_model.h"

#include <algorithm>
#include <map>

#include <QBrush>
#include <QPalette>

#include "ui/project_state.h"
#include "ui/qt_text.h"

namespace pindex::ui {

EnvironmentModel::EnvironmentModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void EnvironmentModel::clear()
{
    apply({});
}

void EnvironmentModel::setState(const ProjectState& state)
{
    std::map<std::string, Row> rows;
    if (state.lock) {
        for (const auto& package : state.lock->packages) {
            Row& row = rows[package.canonicalName()];
            row.name = package.canonicalName();
            row.displayName = toQString(package.name);
            row.locked = toQString(package.version);
        }
    }
    for (const auto& distribution : state.installed) {
        Row& row = rows[distribution.name];
        row.name = distribution.name;
        if (row.displayName.isEmpty())
            row.displayName = toQString(distribution.name);
        row.installed = toQString(distribution.version);
    }
    std::vector<Row> list;
    for (auto& [name, row] : rows) {
        if (row.locked.isEmpty())
            row.status = PackageStatus::Extraneous;
        else if (row.installed.isEmpty())
            row.status = PackageStatus::Missing;
        else if (row.installed != row.locked)
            row.status = PackageStatus::Different;
        else
            row.status = PackageStatus::InSync;
        list.push_back(std::move(row));
    }
    apply(std::move(list));
}

void EnvironmentModel::apply(std::vector<Row> rows)
{
    // Both lists are sorted by name: a merge.
    std::size_t position = 0;
    std::size_t incoming = 0;
    while (position < m_rows.size() || incoming < rows.size()) {
        const int row = static_cast<int>(position);
        if (incoming == rows.size() ||
            (position < m_rows.size() && m_rows[position].name < rows[incoming].name)) {
            beginRemoveRows({}, row, row);
            m_rows.erase(m_rows.begin() + row);
            endRemoveRows();
        } else if (position == m_rows.size() || rows[incoming].name < m_rows[position].name) {
            beginInsertRows({}, row, row);
            m_rows.insert(m_rows.begin() + row, std::move(rows[incoming]));
            endInsertRows();
            ++position;
            ++incoming;
        } else {
            QString activity = m_rows[position].activity;
            m_rows[position] = std::move(rows[incoming]);
            m_rows[position].activity = activity;
            Q_EMIT dataChanged(index(row, 0), index(row, Count - 1));
            ++position;
            ++incoming;
        }
    }
}

void EnvironmentModel::setActivity(const QString& package, const QString& activity)
{
    int row = rowOf(package);
    if (row < 0) {
        Row added;
        added.name = toStdString(package);
        added.displayName = package;
        added.status = PackageStatus::Missing;
        const auto at = std::ranges::lower_bound(m_rows, added.name, {}, &Row::name);
        row = static_cast<int>(at - m_rows.begin());
        beginInsertRows({}, row, row);
        m_rows.insert(at, std::move(added));
        endInsertRows();
    }
    m_rows[static_cast<std::size_t>(row)].activity = activity;
    Q_EMIT dataChanged(index(row, Activity), index(row, Activity));
}

void EnvironmentModel::clearActivities()
{
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        if (!m_rows[row].activity.isEmpty()) {
            m_rows[row].activity.clear();
            Q_EMIT dataChanged(index(static_cast<int>(row), Activity),
                               index(static_cast<int>(row), Activity));
        }
    }
}

int EnvironmentModel::rowOf(const QString& package) const
{
    const std::string name = toStdString(package);
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].name == name)
            return static_cast<int>(row);
    }
    return -1;
}

int EnvironmentModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int EnvironmentModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant EnvironmentModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    if (role == PackageRole)
        return toQString(row.name);
    if (role == StatusRole)
        return static_cast<int>(row.status);
    if (role == Qt::ForegroundRole && index.column() == Status && row.status != PackageStatus::InSync)
        return QBrush(QPalette().color(QPalette::Link));
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (index.column()) {
    case Name: return row.displayName;
    case Locked: return row.locked.isEmpty() && role == Qt::DisplayRole ? QStringLiteral("—") : row.locked;
    case Installed:
        return row.installed.isEmpty() && role == Qt::DisplayRole ? QStringLiteral("—") : row.installed;
    case Status:
        if (role == SortRole)
            return static_cast<int>(row.status);
        switch (row.status) {
        case PackageStatus::InSync: return tr("in sync");
        case PackageStatus::Missing: return tr("not installed");
        case PackageStatus::Different: return tr("different version");
        case PackageStatus::Extraneous: return tr("not in the lock");
        }
        return {};
    case Activity: return row.activity;
    default: return {};
    }
}

QVariant EnvironmentModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Package");
    case Locked: return tr("Locked");
    case Installed: return tr("Installed");
    case Status: return tr("Status");
    case Activity: return tr("Sync");
    default: return {};
    }
}

} // namespace pindex::ui
