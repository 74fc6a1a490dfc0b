#include "ui/models/index_model.h"

#include <algorithm>

#include <QMimeData>

#include "ui/qt_text.h"

namespace pindex::ui {
namespace {

bool hasPlainTextPassword(const std::string& url)
{
    return maskUrlCredentials(url) != url;
}

} // namespace

IndexModel::IndexModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void IndexModel::setIndexes(std::vector<project::IndexEntry> indexes)
{
    // Same names in the same order: only the values change. Otherwise rows go and come back.
    const bool sameRows = indexes.size() == m_indexes.size() &&
                          std::equal(indexes.begin(), indexes.end(), m_indexes.begin(),
                                     [](const auto& a, const auto& b) { return a.name == b.name; });
    if (sameRows) {
        m_indexes = std::move(indexes);
        if (!m_indexes.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, Count - 1));
        return;
    }
    if (!m_indexes.empty()) {
        beginRemoveRows({}, 0, rowCount() - 1);
        m_indexes.clear();
        endRemoveRows();
    }
    if (!indexes.empty()) {
        beginInsertRows({}, 0, static_cast<int>(indexes.size()) - 1);
        m_indexes = std::move(indexes);
        endInsertRows();
    }
}

void IndexModel::setCredentialSource(const QString& name, auth::CredentialSource source)
{
    m_status[name].source = source;
    emitRowChanged(name, Credentials, Credentials);
}

void IndexModel::setTesting(const QString& name)
{
    m_status[name].testing = true;
    emitRowChanged(name, LastTest, LastTest);
}

void IndexModel::setTestResult(const QString& name, const index::ConnectionReport& report)
{
    auto& status = m_status[name];
    status.testing = false;
    status.test = report;
    // The test also learnt where the credentials come from.
    if (report.credentialSource != auth::CredentialSource::None)
        status.source = report.credentialSource;
    emitRowChanged(name, Credentials, LastTest);
}

void IndexModel::emitRowChanged(const QString& name, int firstColumn, int lastColumn)
{
    const int row = rowOf(name);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, firstColumn), index(row, lastColumn));
}

int IndexModel::rowOf(const QString& name) const
{
    for (std::size_t row = 0; row < m_indexes.size(); ++row) {
        if (toQString(m_indexes[row].name) == name)
            return static_cast<int>(row);
    }
    return -1;
}

const project::IndexEntry* IndexModel::entry(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &m_indexes[static_cast<std::size_t>(row)];
}

const IndexModel::Status* IndexModel::statusOf(int row) const
{
    const auto found = m_status.find(toQString(m_indexes[static_cast<std::size_t>(row)].name));
    return found == m_status.end() ? nullptr : &found->second;
}

int IndexModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_indexes.size());
}

int IndexModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : Count;
}

QString IndexModel::describeSource(auth::CredentialSource source)
{
    switch (source) {
    case auth::CredentialSource::None: return tr("none");
    case auth::CredentialSource::Url: return tr("plain text in the URL");
    case auth::CredentialSource::Environment: return tr("environment");
    case auth::CredentialSource::Netrc: return tr("netrc");
    case auth::CredentialSource::Keychain: return tr("keychain");
    case auth::CredentialSource::Session: return tr("this session");
    }
    return {};
}

QString IndexModel::describeTest(const index::ConnectionReport& report)
{
    using Verdict = index::ConnectionReport::Verdict;
    switch (report.verdict) {
    case Verdict::Usable: {
        if (report.isLocalDirectory)
            return report.localFileCount == 1
                       ? tr("OK · flat directory · 1 file")
                       : tr("OK · flat directory · %1 files").arg(report.localFileCount);
        const bool viaCredentials = report.anonymousStatus != 200;
        const auto latency = viaCredentials ? report.credentialLatency : report.latency;
        return tr("OK · %1 · %2 ms").arg(toQString(report.flavour)).arg(latency.count());
    }
    case Verdict::Unreachable: return tr("Unreachable: %1").arg(toQString(report.problem));
    case Verdict::AuthenticationRequired:
        return tr("Needs credentials (HTTP %1)").arg(report.anonymousStatus);
    case Verdict::CredentialsRejected:
        return tr("Credentials rejected (HTTP %1)").arg(report.credentialStatus);
    case Verdict::Failed: return tr("Failed: %1").arg(toQString(report.problem));
    }
    return {};
}

QVariant IndexModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& entry = m_indexes[static_cast<std::size_t>(index.row())];
    const Status* status = statusOf(index.row());
    switch (role) {
    case EntryRole: return QVariant::fromValue(entry);
    case NameRole: return toQString(entry.name);
    case PlainTextUrlRole: return hasPlainTextPassword(entry.url);
    case TestingRole: return status != nullptr && status->testing;
    case TestVerdictRole:
        if (status == nullptr || !status->test)
            return {};
        return static_cast<int>(status->test->verdict);
    case SortRole:
        if (index.column() == Name)
            return index.row(); // priority order
        break;
    case Qt::ToolTipRole:
        if (index.column() == Role) {
            if (entry.isDefault)
                return tr("Searched last, instead of PyPI.");
            return entry.isExplicit ? tr("Used only for the packages pinned to it.")
                                    : tr("Searched in this order, before the default index.");
        }
        if (index.column() == Credentials && hasPlainTextPassword(entry.url))
            return tr("The password is written in pyproject.toml: move it to the keychain.");
        if (index.column() == LastTest && status != nullptr && status->test)
            return describeTest(*status->test);
        return {};
    case Qt::DisplayRole: break;
    default: return {};
    }
    switch (index.column()) {
    case Name: return toQString(entry.name);
    case Url: return toQString(maskUrlCredentials(entry.url));
    case Role:
        if (entry.isDefault)
            return tr("default");
        return entry.isExplicit ? tr("explicit") : tr("searched");
    case Format: return toQString(entry.format);
    case Authenticate: return toQString(entry.authenticate);
    case Credentials:
        if (hasPlainTextPassword(entry.url))
            return tr("⚠ plain text in the URL");
        if (status != nullptr && status->source)
            return describeSource(*status->source);
        return tr("…");
    case LastTest:
        if (status != nullptr && status->testing)
            return tr("Testing…");
        if (status != nullptr && status->test)
            return describeTest(*status->test);
        return tr("not tested");
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
    case Credentials: return tr("Credentials");
    case LastTest: return tr("Last test");
    default: return {};
    }
}

Qt::ItemFlags IndexModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (!m_movable)
        return flags;
    if (index.isValid()) {
        const bool editable = index.column() == Name || index.column() == Url || index.column() == Role ||
                              index.column() == Authenticate;
        return flags | Qt::ItemIsDragEnabled | (editable ? Qt::ItemIsEditable : Qt::NoItemFlags);
    }
    return flags | Qt::ItemIsDropEnabled; // drops land between rows
}

bool IndexModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!m_movable || role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    if (!(flags(index) & Qt::ItemIsEditable))
        return false;
    Q_EMIT editRequested(toQString(m_indexes[static_cast<std::size_t>(index.row())].name), index.column(),
                         value);
    return true;
}

Qt::DropActions IndexModel::supportedDropActions() const
{
    return m_movable ? Qt::MoveAction : Qt::IgnoreAction;
}

QStringList IndexModel::mimeTypes() const
{
    return {QString::fromLatin1(kMimeType)};
}

QMimeData* IndexModel::mimeData(const QModelIndexList& indexes) const
{
    if (indexes.isEmpty() || !indexes.front().isValid())
        return nullptr;
    auto* data = new QMimeData;
    const auto& name = m_indexes[static_cast<std::size_t>(indexes.front().row())].name;
    data->setData(QString::fromLatin1(kMimeType), toQString(name).toUtf8());
    return data;
}

bool IndexModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                                 const QModelIndex& parent) const
{
    Q_UNUSED(row)
    Q_UNUSED(column)
    Q_UNUSED(parent)
    return m_movable && action == Qt::MoveAction && data != nullptr &&
           data->hasFormat(QString::fromLatin1(kMimeType)) &&
           rowOf(QString::fromUtf8(data->data(QString::fromLatin1(kMimeType)))) >= 0;
}

bool IndexModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                              const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const int from = rowOf(QString::fromUtf8(data->data(QString::fromLatin1(kMimeType))));
    // Dropped on a row: in front of it; between rows: at `row`; below the last row: at the end.
    int to = row >= 0 ? row : (parent.isValid() ? parent.row() : rowCount());
    to = std::clamp(to, 0, rowCount());
    // The view does not remove the source rows afterwards: removeRows is not implemented.
    return moveRows({}, from, 1, {}, to);
}

bool IndexModel::moveRows(const QModelIndex& sourceParent, int sourceRow, int count,
                          const QModelIndex& destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count != 1 || sourceRow < 0 ||
        sourceRow >= rowCount() || destinationChild < 0 || destinationChild > rowCount())
        return false;
    if (destinationChild == sourceRow || destinationChild == sourceRow + 1)
        return false; // already there
    if (!beginMoveRows({}, sourceRow, sourceRow, {}, destinationChild))
        return false;
    const auto from = static_cast<std::size_t>(sourceRow);
    project::IndexEntry moved = std::move(m_indexes[from]);
    m_indexes.erase(m_indexes.begin() + sourceRow);
    const int insertAt = destinationChild > sourceRow ? destinationChild - 1 : destinationChild;
    m_indexes.insert(m_indexes.begin() + insertAt, std::move(moved));
    endMoveRows();
    const auto next = static_cast<std::size_t>(insertAt) + 1;
    Q_EMIT moveRequested(toQString(m_indexes[static_cast<std::size_t>(insertAt)].name),
                         next < m_indexes.size() ? toQString(m_indexes[next].name) : QString());
    return true;
}

} // namespace pindex::ui
