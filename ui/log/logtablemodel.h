#pragma once

#include "store/synclogentry.h"
#include "store/synclogquery.h"

#include "common/pagecache.h"

#include <QAbstractTableModel>

#include <memory>

namespace OrderBridge {
class Database;
class SyncLogRepository;
}

/// The sync log as a table for the Log page, newest first.
///
/// Like OrdersTableModel it reads lazily: rowCount() is an SQL count, rows come in pages of
/// pageSize() when the view asks and a few pages stay cached; filtering is SQL. The model reads a
/// snapshot (entries up to the last id it counted), so entries the worker logs meanwhile do not
/// shift its rows; refresh() takes them in as rows inserted at the top.
class LogTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogTableModel)

public:
    enum Column { TimeColumn, LevelColumn, OrderColumn, ObjectColumn, ErrorCodeColumn, MessageColumn, FieldsColumn,
                  ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, ///< the raw value (UTC time, level name, …)
        LevelRole,               ///< debug | info | warning | error
        EntryIdRole,             ///< the sync_log id (qint64)
        IncrementIdRole,         ///< the order number, empty for entries about no order
    };

    explicit LogTableModel(std::shared_ptr<OrderBridge::Database> database, QObject *parent = nullptr);
    ~LogTableModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Level, order number prefix and time range; one reset when the filter changes.
    void setQuery(const OrderBridge::SyncLogQuery &query);
    [[nodiscard]] OrderBridge::SyncLogQuery query() const { return m_query; }

    /// Takes in what was logged since the last count: the new matching entries become rows
    /// inserted at the top (one beginInsertRows), so selections and the rows in view stay.
    /// Cheap enough for every batch (a few index lookups, no full count). Falls back to a reset
    /// when entries were removed or logged out of time order. Returns how many rows were inserted.
    int refresh();

    /// The row's entry, loading its page if needed; nullptr when out of range or unreadable.
    [[nodiscard]] const OrderBridge::SyncLogEntry *entryAt(int row) const;
    [[nodiscard]] static constexpr int pageSize() { return Pages::pageSize(); }
    [[nodiscard]] static constexpr int maxCachedPages() { return Pages::maxPages(); }
    [[nodiscard]] int cachedPageCount() const { return m_pages.pageCount(); }
    /// The last sync_log id the rows include (the snapshot).
    [[nodiscard]] qint64 snapshotId() const { return m_snapshotId; }

    [[nodiscard]] static QString levelLabel(const QString &level);

Q_SIGNALS:
    /// Reading the store failed; the message names the problem and the fix.
    void errorOccurred(const QString &message);

private:
    using Pages = PageCache<OrderBridge::SyncLogEntry, 200, 16>;

    void recount();
    [[nodiscard]] OrderBridge::SyncLogQuery snapshotQuery() const;
    void reportError(const QString &message) const;

    std::shared_ptr<OrderBridge::Database> m_database;
    std::unique_ptr<OrderBridge::SyncLogRepository> m_reader;
    OrderBridge::SyncLogQuery m_query;
    qint64 m_snapshotId = 0;
    qint64 m_firstId = 0; ///< the lowest id when counted: a change means entries were removed
    int m_rowCount = 0;
    mutable Pages m_pages;
};
