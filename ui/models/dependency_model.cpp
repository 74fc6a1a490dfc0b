#include "ui/models/dependency_model.h"

#include "ui/qt_text.h"

namespace pindex::ui {

DependencyModel::DependencyModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void DependencyModel::setDependencies(std::vector<project::DependencyEntry> dependencies)
{
    beginResetModel();
    m_dependencies = std::move(dependencies);
    endResetModel();
}

const project::DependencyEntry& DependencyModel::entry(int row) const
{
    return m_dependencies.at(static_cast<std::size_t>(row));
}

int DependencyModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_dependencies.size());
}

int DependencyModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant DependencyModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& dependency = m_dependencies[static_cast<std::size_t>(index.row())];
    if (role == EntryRole)
        return QVariant::fromValue(dependency);
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Name:
        if (!dependency.includeGroup.empty())
            return tr("(group %1)").arg(toQString(dependency.includeGroup));
        return toQString(project::requirementName(dependency.requirement));
    case Requirement:
        if (!dependency.includeGroup.empty())
            return tr("includes the dependency group %1").arg(toQString(dependency.includeGroup));
        return toQString(dependency.requirement);
    case Group:
        switch (dependency.kind) {
        case project::DependencyEntry::Kind::Main: return tr("main");
        case project::DependencyEntry::Kind::Extra: return tr("extra: %1").arg(toQString(dependency.group));
        case project::DependencyEntry::Kind::Group: return tr("group: %1").arg(toQString(dependency.group));
        }
        break;
    default: break;
    }
    return {};
}

QVariant DependencyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Package");
    case Requirement: return tr("Requirement");
    case Group: return tr("Group");
    default: return {};
    }
}

} // namespace pindex::ui
