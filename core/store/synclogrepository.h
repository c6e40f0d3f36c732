#pragma once

#include "common/error.h"
#include "store/synclogentry.h"
#include "store/synclogquery.h"

#include <QList>

#include <functional>
#include <memory>

namespace OrderBridge {

class Database;

/// The sync log (the `sync_log` table): appends entries, and reads them newest first, in pages or as
/// a stream, for the console's Log page, an order's sync history and the error export. The sync's own
/// entries are written with the queue changes they describe (SyncQueueRepository, same transaction).
/// Use from one thread at a time (it takes that thread's connection).
class SyncLogRepository
{
public:
    explicit SyncLogRepository(std::shared_ptr<Database> database);

    /// Appends the entries in one transaction.
    Result<void> append(const QList<SyncLogEntry> &entries) const;

    /// How many entries match.
    [[nodiscard]] Result<qint64> count(const SyncLogQuery &query) const;
    /// Whether every entry with an id in (oldLastId, newLastId] sorts before (is not older than)
    /// every entry up to oldLastId, so entries logged since a read appear only at the top.
    [[nodiscard]] Result<bool> appendedOnTop(qint64 oldLastId, qint64 newLastId) const;
    /// The highest entry id (0 for an empty log).
    [[nodiscard]] Result<qint64> lastId() const;
    /// The lowest entry id (0 for an empty log); it grows only when old entries are removed.
    [[nodiscard]] Result<qint64> firstId() const;
    /// Up to `limit` matching entries from `offset`, newest first.
    [[nodiscard]] Result<QList<SyncLogEntry>> page(const SyncLogQuery &query, int offset, int limit) const;
    /// The newest `limit` entries about the order with this increment ID (exact match), newest first.
    [[nodiscard]] Result<QList<SyncLogEntry>> forOrder(const QString &incrementId, int limit) const;
    /// Calls `visit` for every matching entry, newest first, reading one row at a time; with
    /// `errorsOnly` only entries of level error. Returns how many were visited.
    Result<qint64> forEach(const SyncLogQuery &query, bool errorsOnly,
                           const std::function<Result<void>(const SyncLogEntry &)> &visit) const;

private:
    std::shared_ptr<Database> m_database;
};

} // namespace OrderBridge
