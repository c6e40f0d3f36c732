#include "orders/attempthistorymodel.h"
#include "common/localdatetext.h"

#include "store/synclogrepository.h"
#include "sync/storedtext.h"

#include <QLocale>

using namespace Qt::Literals::StringLiterals;

AttemptHistoryModel::AttemptHistoryModel(std::shared_ptr<OrderBridge::Database> database, QObject *parent)
    : QAbstractTableModel(parent)
    , m_database(std::move(database))
{
}

AttemptHistoryModel::~AttemptHistoryModel() = default;

int AttemptHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AttemptHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AttemptHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        if (index.column() == TimeColumn)
            return LocalDateText::dateTime(entry.loggedAt);
        if (index.column() == OutcomeColumn)
            return outcomeLabel(entry.level);
        if (index.column() == MessageColumn)
            return OrderBridge::StoredText::translated(entry.message); // stored in English
        [[fallthrough]]; // the other columns show the raw value
    case SortRole:
        switch (index.column()) {
        case TimeColumn:
            return entry.loggedAt;
        case OutcomeColumn:
            return entry.level;
        case ObjectColumn:
            return entry.object;
        case ErrorCodeColumn:
            return entry.errorCode;
        case MessageColumn:
            return entry.message;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == MessageColumn && !entry.fields.isEmpty())
            return tr("%1\nFields: %2").arg(OrderBridge::StoredText::translated(entry.message), entry.fields.join(u", "_s));
        if (index.column() == MessageColumn)
            return OrderBridge::StoredText::translated(entry.message);
        if (index.column() == ErrorCodeColumn && !entry.errorCode.isEmpty())
            return entry.errorCode;
        return {};
    case LevelRole:
        return entry.level;
    case FieldsRole:
        return entry.fields;
    default:
        return {};
    }
}

QVariant AttemptHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case OutcomeColumn:
        return tr("Outcome");
    case ObjectColumn:
        return tr("Object");
    case ErrorCodeColumn:
        return tr("Error Code");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

bool AttemptHistoryModel::load(const QString &incrementId)
{
    QList<Entry> entries;
    bool ok = true;
    if (m_database && !incrementId.isEmpty()) {
        const auto history = OrderBridge::SyncLogRepository(m_database).forOrder(incrementId, maxRows());
        if (history) {
            for (const OrderBridge::SyncLogEntry &logged : *history) {
                Entry entry;
                entry.loggedAt = logged.loggedAt;
                entry.level = logged.level;
                entry.object = logged.object;
                entry.errorCode = logged.errorCode;
                entry.message = logged.message;
                if (!logged.fields.isEmpty())
                    entry.fields = logged.fields.split(u',', Qt::SkipEmptyParts);
                entries.append(std::move(entry));
            }
        } else {
            ok = false;
            Q_EMIT errorOccurred(tr("The sync history of order %1 cannot be read: %2. Check that the data folder is "
                                    "readable, or restart OrderBridge.")
                                     .arg(incrementId, history.error().message));
        }
    }
    beginResetModel();
    m_incrementId = incrementId;
    m_entries = std::move(entries);
    endResetModel();
    return ok;
}

int AttemptHistoryModel::errorCount() const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
                             [](const Entry &entry) { return entry.level == u"error"_s; }));
}

QString AttemptHistoryModel::outcomeLabel(const QString &level)
{
    if (level == u"error"_s)
        return tr("Error");
    if (level == u"warning"_s)
        return tr("Warning");
    if (level == u"debug"_s)
        return tr("Debug");
    return tr("Info");
}
