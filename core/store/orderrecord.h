#pragma once

#include "store/syncstatus.h"

#include <QDateTime>
#include <QString>

namespace OrderBridge {

/// One row of the orders mirror: the Magento order summary, the Salesforce IDs it maps to, and its sync state.
/// Timestamps are UTC.
struct OrderRecord
{
    qint64 id = 0; ///< local row id, 0 until stored
    qint64 magentoEntityId = 0;
    QString incrementId;
    QString status;
    QString state;
    QDateTime createdAt;
    QDateTime updatedAt;
    QString customerEmail;
    QString customerName;
    double grandTotal = 0;
    QString currency;

    QString salesforceOrderId;
    QString salesforceAccountId;
    QString salesforceContactId;
    QString salesforceOpportunityId;

    SyncStatus syncStatus = SyncStatus::Pending;
    QString reason;
    QString lastErrorCode;
    QString lastErrorMessage;
    int attempts = 0;
    QDateTime nextRetryAt;
    QDateTime lastSyncedAt;
    QString contentHash;

    friend bool operator==(const OrderRecord &, const OrderRecord &) = default;
};

} // namespace OrderBridge
