#pragma once

#include "store/syncqueueitem.h"
#include "store/synclogentry.h"
#include "store/syncstatus.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace OrderBridge {

/// What one attempt at an order changes in the store: the order's sync state, its queue entry and
/// the log entries that say what happened. The sync decides these; SyncQueueRepository::record()
/// writes a batch of them in one transaction.
struct SyncAttemptRecord
{
    qint64 queueId = 0;
    qint64 orderRowId = 0;

    SyncStatus status = SyncStatus::Pending;
    QString reason;        ///< empty: none
    QString errorCode;     ///< empty: none
    QString errorMessage;  ///< empty: none
    int failedAttempts = 0; ///< the order's count of failed attempts (0 unless it failed)
    QDateTime retryAt;      ///< when the queue entry is due again; invalid unless queueState is Queued
    bool synced = false;    ///< Salesforce holds the order now: its last-synced time becomes the record's time
    QString salesforceOrderId;       ///< empty: keep the stored ID
    QString salesforceAccountId;     ///< empty: keep the stored ID
    QString salesforceContactId;     ///< empty: keep the stored ID
    QString salesforceOpportunityId; ///< empty: keep the stored ID

    SyncQueueState queueState = SyncQueueState::Done;
    QByteArray keptIntentJson; ///< not empty: replaces the entry's recorded intent (compact JSON); empty: kept whole
    QList<SyncLogEntry> log; ///< appended in order
};

} // namespace OrderBridge
