#include "log/logtablemodel.h"
#include "common/localdatetext.h"

#include "store/database.h"
#include "store/synclogrepository.h"
#include "sync/storedtext.h"

#include <limits>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::SyncLogEntry;
using OrderBridge::SyncLogQuery;

LogTableModel::LogTableModel(std::shared_ptr<OrderBridge::Database> database, QObject *parent)
    : QAbstractTableModel(parent)
    , m_database(std::move(database))
{
    if (m_database)
        m_reader = std::make_unique<OrderBridge::SyncLogRepository>(m_database);
    recount();
}

LogTableModel::~LogTableModel() = default;

int LogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int LogTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SyncLogEntry *entry = entryAt(index.row());
    if (!entry)
        return {};

    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case TimeColumn:
            // Seconds matter in a log.
            return LocalDateText::dateTimeWithSeconds(entry->loggedAt);
        case LevelColumn:
            return levelLabel(entry->level);
        case MessageColumn: {
            // One line per row; the tooltip has the whole message. Stored in English, shown in
            // the console's language.
            QString text = OrderBridge::StoredText::translated(entry->message);
            text.replace(u'\n', u' ');
            return text;
        }
        default:
            break;
        }
        [[fallthrough]]; // the other columns show the raw value
    case SortRole:
        switch (index.column()) {
        case TimeColumn:
            return entry->loggedAt;
        case LevelColumn:
            return entry->level;
        case OrderColumn:
            return entry->incrementId;
        case ObjectColumn:
            return entry->object;
        case ErrorCodeColumn:
            return entry->errorCode;
        case MessageColumn:
            return entry->message;
        case FieldsColumn:
            return entry->fields;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == MessageColumn)
            return OrderBridge::StoredText::translated(entry->message);
        if (index.column() == TimeColumn)
            return entry->loggedAt.toString(Qt::ISODateWithMs);
        return {};
    case LevelRole:
        return entry->level;
    case EntryIdRole:
        return entry->id;
    case IncrementIdRole:
        return entry->incrementId;
    default:
        return {};
    }
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LevelColumn:
        return tr("Level");
    case OrderColumn:
        return tr("Order");
    case ObjectColumn:
        return tr("Object");
    case ErrorCodeColumn:
        return tr("Error Code");
    case MessageColumn:
        return tr("Message");
    case FieldsColumn:
        return tr("Fields");
    default:
        return {};
    }
}

QString LogTableModel::levelLabel(const QString &level)
{
    if (level == u"error"_s)
        return tr("Error");
    if (level == u"warning"_s)
        return tr("Warning");
    if (level == u"info"_s)
        return tr("Info");
    if (level == u"debug"_s)
        return tr("Debug");
    return level;
}

void LogTableModel::setQuery(const SyncLogQuery &query)
{
    SyncLogQuery wanted = query;
    wanted.orderSearch = wanted.orderSearch.trimmed();
    wanted.afterId = 0;
    wanted.upToId = 0;
    if (wanted == m_query)
        return;
    beginResetModel();
    m_query = wanted;
    recount();
    endResetModel();
}

int LogTableModel::refresh()
{
    if (!m_reader)
        return 0;
    const auto last = m_reader->lastId();
    const auto first = m_reader->firstId();
    if (!last || !first) {
        reportError((!last ? last.error() : first.error()).toString());
        return 0;
    }
    // The log is append-only; the store never rewrites entries. Old ones going (or the table
    // being emptied) moves the lowest id: positions cannot be mapped then.
    const bool removed = m_snapshotId > 0 && (*first != m_firstId || *last < m_snapshotId);
    if (!removed && *last == m_snapshotId)
        return 0; // nothing new
    bool onTop = false;
    if (!removed) {
        const auto appended = m_reader->appendedOnTop(m_snapshotId, *last);
        if (!appended) {
            reportError(appended.error().toString());
            return 0;
        }
        onTop = *appended;
    }
    if (removed || !onTop) {
        beginResetModel();
        recount();
        endResetModel();
        return 0;
    }
    SyncLogQuery newer = m_query;
    newer.afterId = m_snapshotId;
    newer.upToId = *last;
    const auto added = m_reader->count(newer);
    if (!added) {
        reportError(added.error().toString());
        return 0;
    }
    if (*added == 0) {
        m_snapshotId = *last; // nothing new matches: rows and cached pages stay as they are
        m_firstId = *first;
        return 0;
    }
    if (qint64(m_rowCount) + *added > std::numeric_limits<int>::max()) {
        beginResetModel();
        recount();
        endResetModel();
        return 0;
    }
    beginInsertRows(QModelIndex(), 0, int(*added) - 1);
    m_snapshotId = *last;
    m_firstId = *first;
    m_rowCount += int(*added);
    m_pages.clear(); // pages are offsets from the top, which moved
    endInsertRows();
    return int(*added);
}

const SyncLogEntry *LogTableModel::entryAt(int row) const
{
    if (row < 0 || row >= m_rowCount || !m_reader)
        return nullptr;
    return m_pages.rowAt(row, [this](int offset, int limit) -> std::optional<QList<SyncLogEntry>> {
        auto rows = m_reader->page(snapshotQuery(), offset, limit);
        if (!rows) {
            reportError(rows.error().toString());
            return std::nullopt;
        }
        return std::move(*rows);
    });
}

SyncLogQuery LogTableModel::snapshotQuery() const
{
    SyncLogQuery query = m_query;
    query.upToId = m_snapshotId;
    return query;
}

void LogTableModel::recount()
{
    m_pages.clear();
    m_rowCount = 0;
    m_snapshotId = 0;
    m_firstId = 0;
    if (!m_reader)
        return;
    const auto last = m_reader->lastId();
    const auto first = m_reader->firstId();
    if (!last || !first) {
        reportError((!last ? last.error() : first.error()).toString());
        return;
    }
    m_snapshotId = *last;
    m_firstId = *first;
    if (m_snapshotId == 0)
        return;
    const auto count = m_reader->count(snapshotQuery());
    if (!count) {
        reportError(count.error().toString());
        return;
    }
    m_rowCount = int(std::min<qint64>(*count, std::numeric_limits<int>::max()));
}

void LogTableModel::reportError(const QString &message) const
{
    // Queued: data() must not call back into views while they are painting.
    auto *self = const_cast<LogTableModel *>(this);
    QMetaObject::invokeMethod(self, [self, message] { Q_EMIT self->errorOccurred(message); }, Qt::QueuedConnection);
}
