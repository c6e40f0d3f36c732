#pragma once

#include <QDateTime>
#include <QString>

namespace OrderBridge {

/// One row of the sync log (the `sync_log` table) as the console's Log page and the CSV export read it, and
/// as the sync appends it (then id is assigned by the store, and an invalid loggedAt means now).
struct SyncLogEntry
{
    qint64 id = 0;
    QDateTime loggedAt;  ///< UTC
    QString level;       ///< debug | info | warning | error
    QString incrementId; ///< the Magento order number, empty for entries about no order
    QString object;      ///< Salesforce object the entry is about (Order, OrderItem, …)
    QString errorCode;
    QString message;
    QString fields;      ///< comma-separated field API names the error names

    friend bool operator==(const SyncLogEntry &, const SyncLogEntry &) = default;
};

} // namespace OrderBridge
