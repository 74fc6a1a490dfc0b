#pragma once

// The project's dependencies as a two-level tree: one top-level row per group (main, each extra,
// each dependency group, and, on demand, the transitive packages of the lock), under it one row
// per package with its requirement, the locked and installed versions, a status and the index it
// is pinned to. Holds a snapshot of values taken from a ProjectState.
//
// Invariants: group rows have no data beyond their title; updates keep rows whose group and
// package stay (dataChanged), so a view's selection survives a refresh. Editing the Index column
// does not change the model: it asks for the pin (pinRequested) and the refresh shows it.

#include <cstdint>
#include <string>
#include <vector>

#include <QAbstractItemModel>
#include <QStringList>

#include "core/project/pyproject.h"

namespace pindex::ui {

struct ProjectState;

class DependencyModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { Name, Requirement, Locked, Installed, Status, Index, Count };
    enum Role {
        SortRole = Qt::UserRole + 1,
        EntryRole,        // project::DependencyEntry of a direct dependency
        PackageRole,      // canonical name (empty on group rows)
        IndexChoicesRole, // the index names a package may be pinned to
        WhyRole,          // QStringList: the chain from a root requirement (transitive rows)
        IsGroupRole,      // bool
        IsTransitiveRole, // bool
        StatusRole,       // PackageStatus as int
    };
    enum class PackageStatus : std::uint8_t {
        UpToDate,
        NotLocked,
        LockStale,
        NotInstalled,
        OutOfSync,
        OtherEnvironment
    };

    explicit DependencyModel(QObject* parent = nullptr);

    void setState(const ProjectState& state);
    void setShowTransitive(bool show);
    [[nodiscard]] bool showsTransitive() const { return m_showTransitive; }
    void clear();

    // The row of a package in a group ("main", "extra:cli", "group:dev", "transitive"), for tests.
    [[nodiscard]] QModelIndex find(const QString& groupKey, const QString& package, int column = 0) const;
    [[nodiscard]] QModelIndex groupIndex(const QString& groupKey) const;
    [[nodiscard]] int packageCount() const;

    [[nodiscard]] QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex& child) const override;
    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] bool setData(const QModelIndex& index, const QVariant& value,
                               int role = Qt::EditRole) override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex& index) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // `index` empty: "automatic" (remove the pin).
    void pinRequested(const QString& package, const QString& index);

private:
    struct Row
    {
        std::string name; // canonical
        QString displayName;
        QString requirement;
        QString locked;
        QString installed;
        PackageStatus status = PackageStatus::UpToDate;
        QString index;      // pinned index; empty: automatic
        QString sourceNote; // a path, URL or git source instead of an index
        QStringList why;
        project::DependencyEntry entry;
    };
    struct Group
    {
        QString key;
        QString title;
        bool transitive = false;
        std::vector<Row> rows;
    };

    void rebuild();
    void apply(std::vector<Group> groups);
    void updateGroup(int groupRow, std::vector<Row> rows);
    [[nodiscard]] const Row* rowAt(const QModelIndex& index) const;
    [[nodiscard]] static QString statusText(PackageStatus status);

    std::vector<Group> m_groups;
    std::vector<Group> m_directGroups;
    std::vector<Row> m_transitive;
    QStringList m_indexNames;
    bool m_showTransitive = false;
};

} // namespace pindex::ui

Q_DECLARE_METATYPE(pindex::project::DependencyEntry)
