#include "ui/models/dependency_model.h"

#include <algorithm>
#include <set>

#include <QFont>

#include "core/diff/dependency_paths.h"
#include "core/standards/name.h"
#include "core/standards/requirement.h"
#include "ui/project_state.h"
#include "ui/qt_text.h"

namespace pindex::ui {
namespace {

constexpr quintptr kGroupId = 0;

QString groupKey(const project::DependencyEntry& entry)
{
    switch (entry.kind) {
    case project::DependencyEntry::Kind::Main: return QStringLiteral("main");
    case project::DependencyEntry::Kind::Extra: return QStringLiteral("extra:") + toQString(entry.group);
    case project::DependencyEntry::Kind::Group: return QStringLiteral("group:") + toQString(entry.group);
    }
    return {};
}

DependencyModel::PackageStatus statusOf(const ProjectState& state, const std::string& name,
                                        const std::string& requirementText)
{
    using Status = DependencyModel::PackageStatus;
    if (!state.lock)
        return Status::NotLocked;
    const auto* locked = state.locked(name);
    if (locked == nullptr) {
        if (!requirementText.empty()) {
            if (auto requirement = standards::parseRequirement(requirementText);
                requirement && requirement->marker)
                return Status::OtherEnvironment;
        }
        return Status::LockStale;
    }
    if (!requirementText.empty()) {
        auto requirement = standards::parseRequirement(requirementText);
        if (requirement && !requirement->url && !requirement->specifier.contains(locked->version))
            return Status::LockStale;
    }
    const auto* installed = state.installedPackage(name);
    if (installed == nullptr)
        return Status::NotInstalled;
    if (installed->version != locked->version)
        return Status::OutOfSync;
    return Status::UpToDate;
}

} // namespace

DependencyModel::DependencyModel(QObject* parent)
    : QAbstractItemModel(parent)
{}

void DependencyModel::clear()
{
    m_directGroups.clear();
    m_transitive.clear();
    m_indexNames.clear();
    rebuild();
}

void DependencyModel::setState(const ProjectState& state)
{
    m_indexNames.clear();
    for (const auto& index : state.indexes) {
        const QString name = toQString(index.name);
        if (!name.isEmpty() && !m_indexNames.contains(name))
            m_indexNames << name;
    }

    const auto fillCommon = [&](Row& row) {
        if (const auto* locked = state.locked(row.name))
            row.locked = toQString(locked->version);
        if (const auto* installed = state.installedPackage(row.name))
            row.installed = toQString(installed->version);
        row.index = toQString(state.pinnedIndex(row.name));
        for (const auto& source : state.project.sources) {
            if (source.kind != project::SourceEntry::Kind::Index &&
                standards::canonicalizeName(source.package) == row.name)
                row.sourceNote = toQString(source.target);
        }
    };

    std::vector<Group> groups;
    std::set<std::string> direct;
    for (const auto& entry : state.project.dependencies) {
        const QString key = groupKey(entry);
        auto group = std::ranges::find(groups, key, &Group::key);
        if (group == groups.end()) {
            QString title;
            switch (entry.kind) {
            case project::DependencyEntry::Kind::Main: title = tr("Main dependencies"); break;
            case project::DependencyEntry::Kind::Extra:
                title = tr("Extra: %1").arg(toQString(entry.group));
                break;
            case project::DependencyEntry::Kind::Group:
                title = tr("Group: %1").arg(toQString(entry.group));
                break;
            }
            groups.push_back({.key = key, .title = title, .transitive = false, .rows = {}});
            group = std::prev(groups.end());
        }
        Row row;
        row.entry = entry;
        if (!entry.includeGroup.empty()) {
            row.name = "@" + entry.includeGroup;
            row.displayName = tr("(group %1)").arg(toQString(entry.includeGroup));
            row.requirement = tr("includes the dependency group %1").arg(toQString(entry.includeGroup));
            group->rows.push_back(std::move(row));
            continue;
        }
        row.name = project::requirementName(entry.requirement);
        std::string display = entry.requirement.substr(0, entry.requirement.find_first_of("[<>=!~;@ ("));
        row.displayName = toQString(display.empty() ? row.name : display);
        row.requirement = toQString(entry.requirement);
        row.status = statusOf(state, row.name, entry.requirement);
        fillCommon(row);
        direct.insert(row.name);
        group->rows.push_back(std::move(row));
    }
    m_directGroups = std::move(groups);

    m_transitive.clear();
    if (state.lock) {
        lock::LockSnapshot rooted = *state.lock;
        if (rooted.rootRequirements.empty())
            rooted.rootRequirements.assign(direct.begin(), direct.end());
        const diff::DependencyPaths paths(rooted);
        std::set<std::string> seen;
        for (const auto& package : state.lock->packages) {
            const std::string name = package.canonicalName();
            if (direct.contains(name) || !seen.insert(name).second)
                continue;
            Row row;
            row.name = name;
            row.displayName = toQString(package.name);
            row.status = statusOf(state, name, {});
            fillCommon(row);
            for (const auto& step : paths.pathTo(name))
                row.why << toQString(step);
            m_transitive.push_back(std::move(row));
        }
        std::ranges::sort(m_transitive, {}, &Row::name);
    }
    rebuild();
}

void DependencyModel::setShowTransitive(bool show)
{
    if (show == m_showTransitive)
        return;
    m_showTransitive = show;
    rebuild();
}

void DependencyModel::rebuild()
{
    std::vector<Group> groups = m_directGroups;
    if (m_showTransitive && !m_transitive.empty())
        groups.push_back({.key = QStringLiteral("transitive"),
                          .title = tr("Transitive packages (from the lock)"),
                          .transitive = true,
                          .rows = m_transitive});
    apply(std::move(groups));
}

// Keeps the groups that stay (updating their rows in place), removes the ones that went and
// inserts the new ones, so views keep their selection and expansion.
void DependencyModel::apply(std::vector<Group> groups)
{
    for (int row = static_cast<int>(m_groups.size()) - 1; row >= 0; --row) {
        const QString& key = m_groups[static_cast<std::size_t>(row)].key;
        if (std::ranges::find(groups, key, &Group::key) == groups.end()) {
            beginRemoveRows({}, row, row);
            m_groups.erase(m_groups.begin() + row);
            endRemoveRows();
        }
    }
    // The surviving groups must be in the new relative order; otherwise start over.
    std::vector<QString> surviving;
    for (const auto& group : groups) {
        if (std::ranges::find(m_groups, group.key, &Group::key) != m_groups.end())
            surviving.push_back(group.key);
    }
    bool sameOrder = surviving.size() == m_groups.size();
    for (std::size_t i = 0; sameOrder && i < surviving.size(); ++i)
        sameOrder = surviving[i] == m_groups[i].key;
    if (!sameOrder && !m_groups.empty()) {
        beginRemoveRows({}, 0, static_cast<int>(m_groups.size()) - 1);
        m_groups.clear();
        endRemoveRows();
    }
    for (std::size_t position = 0; position < groups.size(); ++position) {
        Group& group = groups[position];
        const int row = static_cast<int>(position);
        if (position < m_groups.size() && m_groups[position].key == group.key) {
            m_groups[position].title = group.title;
            updateGroup(row, std::move(group.rows));
            Q_EMIT dataChanged(index(row, 0), index(row, Count - 1)); // the title counts the rows
            continue;
        }
        beginInsertRows({}, row, row);
        m_groups.insert(m_groups.begin() + row, std::move(group));
        endInsertRows();
    }
}

void DependencyModel::updateGroup(int groupRow, std::vector<Row> rows)
{
    Group& group = m_groups[static_cast<std::size_t>(groupRow)];
    const QModelIndex parentIndex = index(groupRow, 0);
    const auto names = [](const std::vector<Row>& list) {
        std::vector<std::string> result;
        for (const auto& row : list)
            result.push_back(row.name);
        return result;
    };
    if (names(group.rows) == names(rows)) {
        group.rows = std::move(rows);
        if (!group.rows.empty())
            Q_EMIT dataChanged(index(0, 0, parentIndex),
                               index(static_cast<int>(group.rows.size()) - 1, Count - 1, parentIndex));
        return;
    }
    // Remove the rows that went, then insert or update in the new order.
    for (int row = static_cast<int>(group.rows.size()) - 1; row >= 0; --row) {
        const std::string& name = group.rows[static_cast<std::size_t>(row)].name;
        if (std::ranges::find(rows, name, &Row::name) == rows.end()) {
            beginRemoveRows(parentIndex, row, row);
            group.rows.erase(group.rows.begin() + row);
            endRemoveRows();
        }
    }
    for (std::size_t position = 0; position < rows.size(); ++position) {
        const int row = static_cast<int>(position);
        if (position < group.rows.size() && group.rows[position].name == rows[position].name) {
            group.rows[position] = std::move(rows[position]);
            Q_EMIT dataChanged(index(row, 0, parentIndex), index(row, Count - 1, parentIndex));
            continue;
        }
        const auto existing =
            std::find_if(group.rows.begin() + row, group.rows.end(),
                         [&](const Row& candidate) { return candidate.name == rows[position].name; });
        if (existing != group.rows.end()) {
            const int from = static_cast<int>(existing - group.rows.begin());
            beginMoveRows(parentIndex, from, from, parentIndex, row);
            Row moved = std::move(*existing);
            group.rows.erase(existing);
            group.rows.insert(group.rows.begin() + row, std::move(moved));
            endMoveRows();
            group.rows[position] = std::move(rows[position]);
            Q_EMIT dataChanged(index(row, 0, parentIndex), index(row, Count - 1, parentIndex));
            continue;
        }
        beginInsertRows(parentIndex, row, row);
        group.rows.insert(group.rows.begin() + row, std::move(rows[position]));
        endInsertRows();
    }
}

QModelIndex DependencyModel::groupIndex(const QString& groupKey) const
{
    for (std::size_t row = 0; row < m_groups.size(); ++row) {
        if (m_groups[row].key == groupKey)
            return index(static_cast<int>(row), 0);
    }
    return {};
}

QModelIndex DependencyModel::find(const QString& groupKey, const QString& package, int column) const
{
    const QModelIndex group = groupIndex(groupKey);
    if (!group.isValid())
        return {};
    const auto& rows = m_groups[static_cast<std::size_t>(group.row())].rows;
    const std::string name = standards::canonicalizeName(toStdString(package));
    for (std::size_t row = 0; row < rows.size(); ++row) {
        if (rows[row].name == name)
            return index(static_cast<int>(row), column, group);
    }
    return {};
}

int DependencyModel::packageCount() const
{
    int count = 0;
    for (const auto& group : m_groups)
        count += static_cast<int>(group.rows.size());
    return count;
}

QModelIndex DependencyModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= Count)
        return {};
    if (!parent.isValid())
        return row < static_cast<int>(m_groups.size()) ? createIndex(row, column, kGroupId) : QModelIndex();
    if (parent.internalId() != kGroupId || parent.column() != 0)
        return {};
    const auto& rows = m_groups[static_cast<std::size_t>(parent.row())].rows;
    if (row >= static_cast<int>(rows.size()))
        return {};
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex DependencyModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kGroupId)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kGroupId);
}

int DependencyModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_groups.size());
    if (parent.internalId() != kGroupId || parent.column() != 0)
        return 0;
    return static_cast<int>(m_groups[static_cast<std::size_t>(parent.row())].rows.size());
}

int DependencyModel::columnCount(const QModelIndex& /*parent*/) const
{
    return Count;
}

const DependencyModel::Row* DependencyModel::rowAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.internalId() == kGroupId)
        return nullptr;
    const auto& group = m_groups[static_cast<std::size_t>(index.internalId() - 1)];
    return &group.rows[static_cast<std::size_t>(index.row())];
}

QString DependencyModel::statusText(PackageStatus status)
{
    switch (status) {
    case PackageStatus::UpToDate: return tr("up to date");
    case PackageStatus::NotLocked: return tr("not locked");
    case PackageStatus::LockStale: return tr("lock is stale");
    case PackageStatus::NotInstalled: return tr("not installed");
    case PackageStatus::OutOfSync: return tr("venv out of sync");
    case PackageStatus::OtherEnvironment: return tr("not for this environment");
    }
    return {};
}

QVariant DependencyModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kGroupId) {
        const auto& group = m_groups[static_cast<std::size_t>(index.row())];
        switch (role) {
        case Qt::DisplayRole:
            return index.column() == Name ? tr("%1 (%2)").arg(group.title).arg(group.rows.size())
                                          : QVariant();
        case Qt::AccessibleTextRole: return index.column() == Name ? group.title : QVariant();
        case SortRole: return index.row();
        case IsGroupRole: return true;
        case IsTransitiveRole: return group.transitive;
        case Qt::FontRole: {
            QFont font;
            font.setBold(true);
            return font;
        }
        default: return {};
        }
    }
    const Row& row = *rowAt(index);
    const auto& group = m_groups[static_cast<std::size_t>(index.internalId() - 1)];
    switch (role) {
    case EntryRole: return QVariant::fromValue(row.entry);
    case PackageRole: return toQString(row.name);
    case IndexChoicesRole: return m_indexNames;
    case WhyRole: return row.why;
    case IsGroupRole: return false;
    case IsTransitiveRole: return group.transitive;
    case StatusRole: return static_cast<int>(row.status);
    default: break;
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Index && !row.sourceNote.isEmpty())
            return tr("From %1 ([tool.uv.sources]); not an index").arg(row.sourceNote);
        if (index.column() == Index)
            return tr("Choose the index this package must come from, or automatic");
        if (group.transitive && !row.why.isEmpty())
            return tr("Why is this here: %1").arg(row.why.join(QStringLiteral(" → ")));
        return {};
    }
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case Name: return row.displayName;
    case Requirement:
        if (group.transitive)
            return row.why.size() > 1
                       ? tr("via %1").arg(row.why.mid(0, row.why.size() - 1).join(QStringLiteral(" → ")))
                       : QString();
        return row.requirement;
    case Locked: return row.locked.isEmpty() && role == Qt::DisplayRole ? QStringLiteral("—") : row.locked;
    case Installed:
        return row.installed.isEmpty() && role == Qt::DisplayRole ? QStringLiteral("—") : row.installed;
    case Status:
        if (row.name.starts_with('@'))
            return {};
        return role == SortRole ? QVariant(static_cast<int>(row.status)) : QVariant(statusText(row.status));
    case Index:
        if (row.name.starts_with('@'))
            return {};
        if (!row.sourceNote.isEmpty())
            return role == Qt::DisplayRole ? tr("source: %1").arg(row.sourceNote) : QString();
        if (role == Qt::EditRole)
            return row.index;
        return row.index.isEmpty() ? tr("automatic") : row.index;
    default: return {};
    }
}

bool DependencyModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    const Row* row = rowAt(index);
    if (row == nullptr || role != Qt::EditRole || index.column() != Index || !row->sourceNote.isEmpty() ||
        row->name.starts_with('@'))
        return false;
    const QString choice = value.toString();
    if (choice == row->index)
        return false;
    if (!choice.isEmpty() && !m_indexNames.contains(choice))
        return false;
    Q_EMIT pinRequested(toQString(row->name), choice);
    return true;
}

Qt::ItemFlags DependencyModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const Row* row = rowAt(index);
    if (row != nullptr && index.column() == Index && row->sourceNote.isEmpty() && !row->name.starts_with('@'))
        result |= Qt::ItemIsEditable;
    if (row != nullptr)
        result |= Qt::ItemNeverHasChildren;
    return result;
}

QVariant DependencyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Package");
    case Requirement: return tr("Requirement");
    case Locked: return tr("Locked");
    case Installed: return tr("Installed");
    case Status: return tr("Status");
    case Index: return tr("Index");
    default: return {};
    }
}

} // namespace pindex::ui
