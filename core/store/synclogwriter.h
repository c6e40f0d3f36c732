#pragma once

#include "common/error.h"
#include "store/synclogentry.h"

#include <QSqlQuery>

namespace OrderBridge {

/// Appends entries to the `sync_log` table on the caller's connection, inside the caller's
/// transaction: the one place that writes the log, shared by SyncLogRepository and
/// SyncQueueRepository (whose writes log what they did in the same transaction).
/// For the store's own sources (it includes Qt Sql).
class SyncLogWriter
{
public:
    explicit SyncLogWriter(const QSqlDatabase &db);

    /// Inserts one entry; empty texts are stored as NULL.
    Result<void> append(const SyncLogEntry &entry);

private:
    QSqlQuery m_insert;
};

} // namespace OrderBridge
