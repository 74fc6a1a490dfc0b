#include "ui/models/index_model.h"

#include "ui/qt_text.h"

namespace pindex::ui {

IndexModel::IndexModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void IndexModel::setIndexes(std::vector<project::IndexEntry> indexes)
{
    beginResetModel();
    m_indexes = std::move(indexes);
    endResetModel();
}

int IndexModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_indexes.size());
}

int IndexModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant IndexModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& entry = m_indexes[static_cast<std::size_t>(index.row())];
    if (role == EntryRole)
        return QVariant::fromValue(entry);
    if (role == SortRole && index.column() == Name)
        return index.row(); // priority order
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (index.column()) {
    case Name: return toQString(entry.name);
    case Url: return toQString(maskUrlCredentials(entry.url));
    case Role:
        if (entry.isDefault)
            return tr("default");
        return entry.isExplicit ? tr("explicit") : tr("searched");
    case Format: return toQString(entry.format);
    case Authenticate: return toQString(entry.authenticate);
    default: return {};
    }
}

QVariant IndexModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Url: return tr("URL");
    case Role: return tr("Role");
    case Format: return tr("Format");
    case Authenticate: return tr("Authenticate");
    default: return {};
    }
}

} // namespace pindex::ui
