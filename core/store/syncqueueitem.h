#pragma once

#include "store/orderrecord.h"

#include <QJsonObject>

namespace OrderBridge {

/// Why an order is in the sync queue: the change feed found it, or someone asked for it.
enum class SyncQueueKind { Automatic, OnDemand };

/// Where a queue entry stands; the database form is the lower-case name.
enum class SyncQueueState { Queued, Running, Done, Failed, Cancelled };

/// An order to queue: its mirror row (the Magento side; sync state and Salesforce IDs are left
/// alone) and the Magento order the sync is to send, recorded as the entry's intent.
struct SyncQueueRequest
{
    OrderRecord order;
    QJsonObject intent;
    QByteArray intentJson; ///< `intent` as compact JSON when the caller has it already; empty: serialised here
};

/// A queue entry as the worker takes it.
struct SyncQueueItem
{
    qint64 queueId = 0;
    qint64 orderRowId = 0;
    QJsonObject intent; ///< the Magento order recorded when it was queued
    int attempts = 0;   ///< attempts so far, including the one this take counts
    SyncQueueKind kind = SyncQueueKind::Automatic;

    friend bool operator==(const SyncQueueItem &, const SyncQueueItem &) = default;
};

} // namespace OrderBridge
