#pragma once

// The projects shown in the sidebar: one row per opened project with its name, version and folder.

#include <vector>

#include <QAbstractListModel>
#include <QString>

namespace pindex::ui {

struct ProjectListEntry
{
    QString directory;
    QString name;
    QString version;
};

class ProjectListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Roles { DirectoryRole = Qt::UserRole + 1, SortRole };

    explicit ProjectListModel(QObject* parent = nullptr);

    // Adds the project, or updates its row when the folder is already listed; returns the row.
    int upsert(const ProjectListEntry& entry);
    [[nodiscard]] int rowOf(const QString& directory) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    std::vector<ProjectListEntry> m_projects;
};

} // namespace pindex::ui
