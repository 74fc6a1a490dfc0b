#include "ui/models/project_list_model.h"

#include <QDir>

namespace pindex::ui {

ProjectListModel::ProjectListModel(QObject* parent)
    : QAbstractListModel(parent)
{}

int ProjectListModel::upsert(const ProjectListEntry& entry)
{
    const int existing = rowOf(entry.directory);
    if (existing >= 0) {
        m_projects[static_cast<std::size_t>(existing)] = entry;
        const QModelIndex changed = index(existing);
        Q_EMIT dataChanged(changed, changed);
        return existing;
    }
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_projects.push_back(entry);
    endInsertRows();
    return row;
}

int ProjectListModel::rowOf(const QString& directory) const
{
    for (std::size_t row = 0; row < m_projects.size(); ++row) {
        if (m_projects[row].directory == directory)
            return static_cast<int>(row);
    }
    return -1;
}

int ProjectListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_projects.size());
}

QVariant ProjectListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& project = m_projects[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return project.version.isEmpty() ? project.name : tr("%1 %2").arg(project.name, project.version);
    case Qt::ToolTipRole: return QDir::toNativeSeparators(project.directory);
    case DirectoryRole: return project.directory;
    case SortRole: return project.name;
    default: return {};
    }
}

} // namespace pindex::ui
