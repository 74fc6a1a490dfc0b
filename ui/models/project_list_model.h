#pragma once

// The projects shown in the sidebar: one row per opened (or recently opened) project with its name,
// version, folder and status badges (lock stale, venv out of sync, an index without credentials).
// Rows keep the order they were added in; a folder appears at most once.

#include <vector>

#include <QAbstractListModel>
#include <QString>
#include <QStringList>

namespace pindex::ui {

struct ProjectListEntry
{
    QString directory;
    QString name;
    QString version;
    QStringList badges; // short words, e.g. "lock stale"; computed in the background
    QString problem;    // why the project could not be read, if it could not
};

class ProjectListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Roles { DirectoryRole = Qt::UserRole + 1, SortRole, BadgesRole };

    explicit ProjectListModel(QObject* parent = nullptr);

    // Adds the project, or updates its row when the folder is already listed; returns the row.
    int upsert(const ProjectListEntry& entry);
    [[nodiscard]] int rowOf(const QString& directory) const;
    void remove(int row);
    [[nodiscard]] QStringList directories() const;
    [[nodiscard]] const ProjectListEntry& entry(int row) const
    {
        return m_projects.at(static_cast<std::size_t>(row));
    }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    std::vector<ProjectListEntry> m_projects;
};

} // namespace pindex::ui
