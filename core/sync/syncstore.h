#pragma once

#include "common/error.h"
#include "magento/magentotypes.h"
#include "store/syncqueuerepository.h"
#include "sync/orderplan.h"
#include "sync/syncengine.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

#include <memory>

namespace OrderBridge {

class Database;

/// The persistent side of syncing: what the worker's queue and outcomes mean for the store. It
/// turns Magento orders into queue entries and batch outcomes into order states, retries and log
/// entries, and writes them through SyncQueueRepository (which holds the SQL).
///
/// Crash safety: an order is queued (with the Magento order it is to send, the recorded intent)
/// in the same transaction that mirrors it; a batch is marked running before its writes go out;
/// rows still running at start-up were cut off by a crash and are queued again. Replaying them is
/// safe because every write is an upsert by external ID and notes are checked before creation.
/// Use from one thread at a time (it takes that thread's connection).
class SyncStore
{
public:
    explicit SyncStore(std::shared_ptr<Database> database);

    struct Item
    {
        qint64 queueId = 0;
        qint64 orderRowId = 0;
        QJsonObject order;
        int attempts = 0;
        SyncTrigger trigger = SyncTrigger::Automatic;
    };

    /// Mirrors the orders and queues each one (replacing a queued, not yet running entry of the
    /// same order), all in one transaction.
    Result<int> enqueue(const QList<QJsonObject> &orders, SyncTrigger trigger) const;
    /// The same for orders as Magento sent them: their parsed times and compact JSON are used as they are.
    Result<int> enqueue(const QList<MagentoOrder> &orders, SyncTrigger trigger) const;
    /// Queues again what a crash left running. Returns how many rows it found.
    Result<int> recoverInterrupted() const;
    /// Takes up to `limit` ready entries (oldest first), marks them running and counts the attempt.
    Result<QList<Item>> takeReady(int limit, const QDateTime &now) const;
    /// Records a batch's outcomes: order state, Salesforce IDs, queue rows done or due again, log.
    Result<void> record(const QList<Item> &items, const BatchOutcome &outcome, int maxAttempts,
                        const QDateTime &now) const;
    /// The whole batch could not run (Salesforce unreachable, limit reached): back to the queue.
    Result<void> postpone(const QList<Item> &items, const Error &error, int maxAttempts, const QDateTime &now,
                          bool countAttempt = true) const;
    /// Entries taken for a batch that was never sent (the run stopped first): back in the queue, no attempt counted.
    Result<void> release(const QList<Item> &items) const;
    /// Queues every order in Error again, now (`orderbridge-cli retry --errors`).
    Result<int> requeueErrors(const QDateTime &now) const;
    /// Queued entries (ready or not).
    [[nodiscard]] Result<int> pendingCount() const;
    /// Why the queued orders wait (shown with them until their next attempt).
    Result<int> notePendingReason(const QString &reason) const;

    /// Delay before attempt n+1 after n failed attempts: 1, 2, 4 … minutes, at most an hour.
    [[nodiscard]] static int backoffSeconds(int attempts);
    /// The mirror row of a Magento order (REST order JSON): its summary columns.
    [[nodiscard]] static OrderRecord mirrorOf(const QJsonObject &order);

private:
    [[nodiscard]] static OrderRecord mirrorOf(const QJsonObject &order, bool withTimes);

    SyncQueueRepository m_queue;
};

} // namespace OrderBridge
