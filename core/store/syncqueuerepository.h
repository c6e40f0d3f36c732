#pragma once

#include "common/error.h"
#include "store/syncattemptrecord.h"
#include "store/syncqueueitem.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <memory>
#include <optional>

namespace OrderBridge {

class Database;

/// The sync queue (the `sync_queue` table) and the sync state of the orders it holds.
///
/// Crash safety: an order is queued (with the Magento order it is to send, the recorded intent)
/// in the same transaction that mirrors it; an entry is marked running when it is taken; entries
/// still running at start-up were cut off by a crash and are queued again. What an attempt did is
/// written with its log entries in one transaction. The rules (when to retry, what to log) are the
/// caller's (SyncStore). Use from one thread at a time (it takes that thread's connection).
class SyncQueueRepository
{
public:
    explicit SyncQueueRepository(std::shared_ptr<Database> database);

    /// Mirrors each order (marking it pending) and queues it, replacing a queued, not yet running
    /// entry of the same order, all in one transaction. Orders without a Magento entity ID are
    /// skipped. Returns how many were queued.
    Result<int> enqueue(const QList<SyncQueueRequest> &requests, SyncQueueKind kind) const;
    /// Queues again what a crash left running. Returns how many entries it found.
    Result<int> recoverInterrupted() const;
    /// Takes up to `limit` entries due at `now` (oldest first), marks them running and counts the attempt.
    Result<QList<SyncQueueItem>> takeReady(int limit, const QDateTime &now) const;
    /// Writes what a batch of attempts did (order state, queue entries, log) in one transaction.
    Result<void> record(const QList<SyncAttemptRecord> &records, const QDateTime &now) const;
    /// Takes back the attempt takeReady() counted on these entries (a stop that was no failed attempt).
    Result<void> returnAttempts(const QList<qint64> &queueIds) const;
    /// Puts running entries that were taken but never sent back in the queue as they were (their attempt given
    /// back); an entry a newer queued one of the same order replaced meanwhile is cancelled instead.
    Result<void> release(const QList<qint64> &queueIds) const;
    /// Queues every order in Error again, due now, with a fresh count of attempts. Returns how many
    /// queue entries it queued.
    Result<int> requeueErrors(const QDateTime &now) const;
    /// Queues every Out of Sync and Skipped order again with the Magento order it was last judged
    /// on, marks them pending and logs why (the settings `changedKeys` changed), in one transaction,
    /// so the next run judges them by the new rules. Returns how many were queued.
    Result<int> requeueForNewRules(const QStringList &changedKeys) const;
    /// Entries queued or running.
    [[nodiscard]] Result<int> pendingCount() const;
    /// Sets the reason shown with every queued Pending order (why they wait); their next attempt replaces it.
    Result<int> notePendingReason(const QString &reason) const;
    /// The Magento order recorded with the order's latest queue entry (the last one fetched; of an order
    /// in sync only what the attempt kept, see SyncAttemptRecord::keptIntentJson); an empty object when the
    /// order was never queued.
    [[nodiscard]] Result<QJsonObject> latestIntent(qint64 orderRowId) const;

private:
    /// Intents this repository queued, by queue entry, so that takeReady() hands them over without reading
    /// and parsing them back. An entry's intent does not change while it waits, so a kept one is the stored one.
    /// Bounded: beyond Capacity entries the rest are read from the database as usual.
    struct HandOff
    {
        static constexpr qsizetype Capacity = 2000;
        QHash<qint64, QJsonObject> intents;

        void keep(qint64 queueId, const QJsonObject &intent);
        std::optional<QJsonObject> take(qint64 queueId);
        void forgetBelow(qint64 queueId);
    };

    std::shared_ptr<Database> m_database;
    std::shared_ptr<HandOff> m_handOff;
};

} // namespace OrderBridge
