#include "ui/models/confusion_model.h"

#include "ui/qt_text.h"

namespace pindex::ui {

ConfusionModel::ConfusionModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void ConfusionModel::setFindings(std::vector<resolver::ConfusionFinding> findings)
{
    // Each check gives a new list: drop the old rows, then append the new ones.
    if (!m_findings.empty()) {
        beginRemoveRows({}, 0, static_cast<int>(m_findings.size()) - 1);
        m_findings.clear();
        endRemoveRows();
    }
    if (!findings.empty()) {
        beginInsertRows({}, 0, static_cast<int>(findings.size()) - 1);
        m_findings = std::move(findings);
        endInsertRows();
    }
}

const resolver::ConfusionFinding& ConfusionModel::finding(int row) const
{
    return m_findings.at(static_cast<std::size_t>(row));
}

int ConfusionModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_findings.size());
}

int ConfusionModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant ConfusionModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& finding = m_findings[static_cast<std::size_t>(index.row())];
    switch (role) {
    case PatternRole: return toQString(finding.suggestedPattern);
    case IntendedRole: return toQString(finding.intendedIndex);
    case PackageRole: return toQString(finding.package);
    case Qt::ToolTipRole: return toQString(finding.explanation);
    case Qt::DisplayRole:
    case SortRole: break;
    default: return {};
    }
    switch (index.column()) {
    case Package: return toQString(finding.package);
    case Intended: return toQString(finding.intendedIndex);
    case Other: return toQString(finding.otherIndex);
    case Risk:
        if (role == SortRole)
            return static_cast<int>(finding.risk);
        return finding.risk == resolver::ConfusionRisk::Shadowed
                   ? tr("can be taken from the other index")
                   : tr("fallback if the intended index drops it");
    default: return {};
    }
}

QVariant ConfusionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Package: return tr("Package");
    case Intended: return tr("Meant to come from");
    case Other: return tr("Also listed on");
    case Risk: return tr("What could happen");
    default: return {};
    }
}

} // namespace pindex::ui
