#pragma once

// The configured indexes of one configuration file (the project's pyproject.toml, or the user's
// uv.toml) in file order: name, URL (credentials masked), role (searched / explicit / default),
// format, authenticate mode, where the credentials come from, and the last connection test.
// Holds snapshots of core values; credential sources and test results arrive later from workers
// and are kept per index name across reloads.
//
// A movable model (the project's) supports drag and drop between rows: a drop moves the row at
// once (beginMoveRows) and emits moveRequested, and the owner writes the new order to the file
// (and reloads it if that fails).

#include <map>
#include <optional>
#include <vector>

#include <QAbstractTableModel>

#include "core/auth/credential_provider.h"
#include "core/index/connection_test.h"
#include "core/project/pyproject.h"

namespace pindex::ui {

class IndexModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Url, Role, Format, Authenticate, Credentials, LastTest, Count };
    enum Roles {
        SortRole = Qt::UserRole + 1,
        EntryRole,        // project::IndexEntry
        NameRole,         // QString
        PlainTextUrlRole, // bool: the URL carries a password
        TestVerdictRole,  // int (index::ConnectionReport::Verdict), invalid before a test
        TestingRole,      // bool: a test is running
    };
    static constexpr const char* kMimeType = "application/x-pindex-index-name";

    explicit IndexModel(QObject* parent = nullptr);

    // Reloads the rows; sources and test results of indexes that keep their name stay.
    void setIndexes(std::vector<project::IndexEntry> indexes);
    void setMovable(bool movable) { m_movable = movable; }

    void setCredentialSource(const QString& name, auth::CredentialSource source);
    void setTesting(const QString& name);
    void setTestResult(const QString& name, const index::ConnectionReport& report);

    [[nodiscard]] int rowOf(const QString& name) const;
    [[nodiscard]] const project::IndexEntry* entry(int row) const;
    [[nodiscard]] const std::vector<project::IndexEntry>& entries() const { return m_indexes; }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex& index) const override;
    // Editable (movable) models: the value goes out through editRequested; the rows change when
    // the owner has written the file and reloads it.
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    // Drag and drop: rows move within the model.
    [[nodiscard]] Qt::DropActions supportedDropActions() const override;
    [[nodiscard]] QStringList mimeTypes() const override;
    [[nodiscard]] QMimeData* mimeData(const QModelIndexList& indexes) const override;
    [[nodiscard]] bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                                       const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;
    bool moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
                  const QModelIndex& destinationParent, int destinationChild) override;

    // "keychain", "environment", ... in words for people (translated).
    [[nodiscard]] static QString describeSource(auth::CredentialSource source);
    [[nodiscard]] static QString describeTest(const index::ConnectionReport& report);

Q_SIGNALS:
    // `name` moved in front of `before` (empty: to the end).
    void moveRequested(const QString& name, const QString& before);
    // Name, Url, Role ("searched" / "explicit" / "default") or Authenticate ("auto" / ...).
    void editRequested(const QString& name, int column, const QVariant& value);

private:
    struct Status
    {
        std::optional<auth::CredentialSource> source;
        std::optional<index::ConnectionReport> test;
        bool testing = false;
    };
    [[nodiscard]] const Status* statusOf(int row) const;
    void emitRowChanged(const QString& name, int firstColumn, int lastColumn);

    std::vector<project::IndexEntry> m_indexes;
    std::map<QString, Status> m_status; // by index name
    bool m_movable = false;
};

} // namespace pindex::ui

Q_DECLARE_METATYPE(pindex::project::IndexEntry)
