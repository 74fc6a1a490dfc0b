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

void ProjectListModel::remove(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    beginRemoveRows({}, row, row);
    m_projects.erase(m_projects.begin() + row);
    endRemoveRows();
}

QStringList ProjectListModel::directories() const
{
    QStringList result;
    for (const auto& project : m_projects)
        result << project.directory;
    return result;
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
    case Qt::DisplayRole: {
        QString text = project.name.isEmpty() ? QDir(project.directory).dirName() : project.name;
        if (!project.version.isEmpty())
            text = tr("%1 %2").arg(text, project.version);
        if (!project.badges.isEmpty())
            text += QStringLiteral("\n") + project.badges.join(QStringLiteral(" · "));
        return text;
    }
    case Qt::ToolTipRole: {
        QString tip = QDir::toNativeSeparators(project.directory);
        if (!project.problem.isEmpty())
            tip += QStringLiteral("\n") + project.problem;
        return tip;
    }
    case Qt::AccessibleTextRole:
        return project.badges.isEmpty()
                   ? project.name
                   : tr("%1, %2").arg(project.name, project.badges.join(QStringLiteral(", ")));
    case BadgesRole: return project.badges;
    case DirectoryRole: return project.directory;
    case SortRole: return project.name;
    default: return {};
    }
}

} // namespace pindex::ui
