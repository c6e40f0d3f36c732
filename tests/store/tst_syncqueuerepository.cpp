#include "store/database.h"
#include "store/ordersrepository.h"
#include "store/synclogrepository.h"
#include "store/syncqueuerepository.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

const QDateTime t0(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc());

SyncQueueRequest request(qint64 entityId, const QString &status = u"processing"_s)
{
    SyncQueueRequest r;
    r.order.magentoEntityId = entityId;
    r.order.incrementId = u"%1"_s.arg(entityId, 9, 10, QChar(u'0'));
    r.order.status = status;
    r.order.state = status;
    r.order.createdAt = t0.addDays(-1);
    r.order.updatedAt = t0;
    r.order.customerEmail = u"anna@example.test"_s;
    r.order.customerName = u"Anna Berg"_s;
    r.order.grandTotal = 12.5;
    r.order.currency = u"EUR"_s;
    r.intent = QJsonObject{{u"entity_id"_s, entityId}, {u"increment_id"_s, r.order.incrementId},
                           {u"status"_s, status}};
    return r;
}

} // namespace

class TestSyncQueueRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void enqueueMirrorsAndQueues();
    void enqueueReplacesQueuedEntry();
    void takeReadyMarksRunningAndCountsAttempts();
    void takeReadyWaitsForRetryTime();
    void recoverInterruptedQueuesRunningAgain();
    void recordWritesOrderQueueAndLog();
    void recordIsAllOrNothing();
    void returnAttemptsGivesTheAttemptBack();
    void requeueErrorsQueuesFailedOrders();
    void requeueForNewRulesQueuesJudgedOrders();
    void latestIntentIsTheNewestEntry();

private:
    [[nodiscard]] QVariant scalar(const QString &sql) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<Database> m_db;
};

void TestSyncQueueRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto db = Database::open(m_dir->filePath(u"orderbridge.sqlite"_s));
    QVERIFY2(db, db ? "" : qPrintable(db.error().toString()));
    m_db = *db;
}

void TestSyncQueueRepository::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

QVariant TestSyncQueueRepository::scalar(const QString &sql) const
{
    QSqlQuery query(m_db->connection());
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

void TestSyncQueueRepository::enqueueMirrorsAndQueues()
{
    const SyncQueueRepository queue(m_db);
    SyncQueueRequest noEntity = request(0);
    const auto queued = queue.enqueue({request(7), noEntity}, SyncQueueKind::OnDemand);
    QVERIFY2(queued, queued ? "" : qPrintable(queued.error().toString()));
    QCOMPARE(*queued, 1); // without a Magento entity ID there is nothing to mirror
    QCOMPARE(*queue.pendingCount(), 1);

    const auto mirrored = OrdersRepository(m_db).findByEntityId(7);
    QVERIFY(mirrored && mirrored->has_value());
    const OrderRecord &order = **mirrored;
    QCOMPARE(order.incrementId, u"000000007"_s);
    QCOMPARE(order.syncStatus, SyncStatus::Pending);
    QCOMPARE(order.createdAt, t0.addDays(-1));
    QCOMPARE(order.updatedAt, t0);
    QCOMPARE(order.customerName, u"Anna Berg"_s);
    QCOMPARE(order.grandTotal, 12.5);
    QCOMPARE(scalar(u"SELECT kind FROM sync_queue"_s).toString(), u"on_demand"_s);
    QCOMPARE(*queue.latestIntent(order.id), request(7).intent);
}

void TestSyncQueueRepository::enqueueReplacesQueuedEntry()
{
    const SyncQueueRepository queue(m_db);
    QVERIFY(queue.enqueue({request(7)}, SyncQueueKind::Automatic));
    QVERIFY(queue.enqueue({request(7, u"complete"_s)}, SyncQueueKind::Automatic));
    QCOMPARE(*queue.pendingCount(), 1);
    QCOMPARE(scalar(u"SELECT status FROM orders"_s).toString(), u"complete"_s);

    // A running entry is not replaced: the new version queues behind it.
    QCOMPARE(queue.takeReady(10, t0)->size(), 1);
    QVERIFY(queue.enqueue({request(7)}, SyncQueueKind::Automatic));
    QCOMPARE(*queue.pendingCount(), 2);
}

void TestSyncQueueRepository::takeReadyMarksRunningAndCountsAttempts()
{
    const SyncQueueRepository queue(m_db);
    QVERIFY(queue.enqueue({request(1), request(2), request(3)}, SyncQueueKind::Automatic));
    const auto first = queue.takeReady(2, t0);
    QVERIFY(first);
    QCOMPARE(first->size(), 2);
    QCOMPARE(first->at(0).intent.value(u"entity_id"_s).toInteger(), 1);
    QCOMPARE(first->at(1).intent.value(u"entity_id"_s).toInteger(), 2);
    QCOMPARE(first->at(0).attempts, 1);
    QCOMPARE(first->at(0).kind, SyncQueueKind::Automatic);
    QCOMPARE(scalar(u"SELECT count(*) FROM sync_queue WHERE state = 'running'"_s).toInt(), 2);
    const auto rest = queue.takeReady(10, t0);
    QCOMPARE(rest->size(), 1);
    QVERIFY(queue.takeReady(10, t0)->isEmpty());
}

void TestSyncQueueRepository::takeReadyWaitsForRetryTime()
{
    const SyncQueueRepository queue(m_db);
    QVERIFY(queue.enqueue({request(1)}, SyncQueueKind::Automatic));
    const SyncQueueItem item = queue.takeReady(1, t0)->first();
    SyncAttemptRecord failed;
    failed.queueId = item.queueId;
    failed.orderRowId = item.orderRowId;
    failed.status = SyncStatus::Error;
    failed.errorCode = u"sync.timeout"_s;
    failed.failedAttempts = 1;
    failed.retryAt = t0.addSecs(60);
    failed.queueState = SyncQueueState::Queued;
    QVERIFY(queue.record({failed}, t0));
    QVERIFY(queue.takeReady(1, t0.addSecs(59))->isEmpty());
    const auto due = queue.takeReady(1, t0.addSecs(60));
    QCOMPARE(due->size(), 1);
    QCOMPARE(due->first().attempts, 2);
}

void TestSyncQueueRepository::recoverInterruptedQueuesRunningAgain()
{
    const SyncQueueRepository queue(m_db);
    QVERIFY(queue.enqueue({request(1), request(2)}, SyncQueueKind::Automatic));
    QCOMPARE(queue.takeReady(10, t0)->size(), 2);
    QCOMPARE(*queue.recoverInterrupted(), 2);
    QCOMPARE(*queue.recoverInterrupted(), 0);
    const auto again = queue.takeReady(10, t0);
    QCOMPARE(again->size(), 2);
    QCOMPARE(again->first().attempts, 2); // the cut-off attempt counts
}

void TestSyncQueueRepository::recordWritesOrderQueueAndLog()
{
    const SyncQueueRepository queue(m_db);
    QVERIFY(queue.enqueue({request(1)}, SyncQueueKind::Automatic));
    const SyncQueueItem item = queue.takeReady(1, t0)->first();
    SyncAttemptRecord synced;
    synced.queueId = item.queueId;
    synced.orderRowId = item.orderRowId;
    synced.status = SyncStatus::InSync;
    synced.synced = true;
    synced.salesforceOrderId = u"801000000000001AAA"_s;
    synced.salesforceAccountId = u"001000000000001AAA"_s;
    synced.queueState = SyncQueueState::Done;
    SyncLogEntry entry;
    entry.level = u"info"_s;
    entry.incrementId = u"000000001"_s;
    entry.object = u"Order"_s;
    entry.message = u"Synced."_s;
    SyncLogEntry notice = entry;
    notice.level = u"warning"_s;
    notice.message = u"A notice."_s;
    synced.log = {entry, notice};
    QVERIFY(queue.record({synced}, t0));

    const OrderRecord order = **OrdersRepository(m_db).findByEntityId(1);
    QCOMPARE(order.syncStatus, SyncStatus::InSync);
    QCOMPARE(order.salesforceOrderId, synced.salesforceOrderId);
    QCOMPARE(order.salesforceAccountId, synced.salesforceAccountId);
    QCOMPARE(order.lastSyncedAt, t0);
    QCOMPARE(order.attempts, 0);
    QVERIFY(!order.nextRetryAt.isValid());
    QCOMPARE(scalar(u"SELECT state FROM sync_queue"_s).toString(), u"done"_s);
    QCOMPARE(*queue.pendingCount(), 0);

    const auto logged = SyncLogRepository(m_db).forOrder(u"000000001"_s, 10);
    QVERIFY(logged);
    QCOMPARE(logged->size(), 2);
    QCOMPARE(logged->last().message, u"Synced."_s); // newest first; the notice came second

    // A later attempt without IDs keeps the stored ones.
    synced.salesforceOrderId.clear();
    synced.synced = false;
    QVERIFY(queue.record({synced}, t0.addDays(1)));
    const OrderRecord again = **OrdersRepository(m_db).findByEntityId(1);
    QCOMPARE(again.salesforceOrderId, u"801000000000001AAA"_s);
    QCOMPARE(again.lastSyncedAt, t0);
}

void TestSyncQueueRepository::recordIsAllOrNothing()
{
    const SyncQueueRepository queue(m_db);
    QVERIFY(queue.enqueue({request(1)}, SyncQueueKind::Automatic));
    const SyncQueueItem item = queue.takeReady(1, t0)->first();
    SyncAttemptRecord record;
    record.queueId = item.queueId;
    record.orderRowId = item.orderRowId;
    record.status = SyncStatus::InSync;
    SyncLogEntry bad;
    bad.level = u"loud"_s; // not a level the log accepts
    bad.message = u"x"_s;
    record.log = {bad};
    const auto written = queue.record({record}, t0);
    QVERIFY(!written);
    QCOMPARE(written.error().code, u"store.sql"_s);
    QCOMPARE(scalar(u"SELECT sync_status FROM orders"_s).toString(), u"pending"_s);
    QCOMPARE(scalar(u"SELECT state FROM sync_queue"_s).toString(), u"running"_s);
}

void TestSyncQueueRepository::returnAttemptsGivesTheAttemptBack()
{
    const SyncQueueRepository queue(m_db);
    QVERIFY(queue.enqueue({request(1)}, SyncQueueKind::Automatic));
    const SyncQueueItem item = queue.takeReady(1, t0)->first();
    QCOMPARE(scalar(u"SELECT attempts FROM sync_queue"_s).toInt(), 1);
    QVERIFY(queue.returnAttempts({item.queueId}));
    QCOMPARE(scalar(u"SELECT attempts FROM sync_queue"_s).toInt(), 0);
    QVERIFY(queue.returnAttempts({item.queueId})); // never below zero
    QCOMPARE(scalar(u"SELECT attempts FROM sync_queue"_s).toInt(), 0);
}

void TestSyncQueueRepository::requeueErrorsQueuesFailedOrders()
{
    const SyncQueueRepository queue(m_db);
    QVERIFY(queue.enqueue({request(1), request(2)}, SyncQueueKind::Automatic));
    const auto items = *queue.takeReady(2, t0);
    SyncAttemptRecord failed;
    failed.queueId = items.at(0).queueId;
    failed.orderRowId = items.at(0).orderRowId;
    failed.status = SyncStatus::Error;
    failed.errorCode = u"FIELD_INTEGRITY_EXCEPTION"_s;
    failed.failedAttempts = 5;
    failed.queueState = SyncQueueState::Failed;
    SyncAttemptRecord done;
    done.queueId = items.at(1).queueId;
    done.orderRowId = items.at(1).orderRowId;
    done.status = SyncStatus::InSync;
    QVERIFY(queue.record({failed, done}, t0));
    QCOMPARE(*queue.pendingCount(), 0);

    QCOMPARE(*queue.requeueErrors(t0), 1);
    QCOMPARE(*queue.pendingCount(), 1);
    QCOMPARE(scalar(u"SELECT count(*) FROM orders WHERE sync_status = 'pending'"_s).toInt(), 1);
    const auto again = queue.takeReady(10, t0);
    QCOMPARE(again->size(), 1);
    QCOMPARE(again->first().orderRowId, items.at(0).orderRowId);
    QCOMPARE(again->first().attempts, 1); // a fresh count
}

void TestSyncQueueRepository::requeueForNewRulesQueuesJudgedOrders()
{
    const SyncQueueRepository queue(m_db);
    QVERIFY(queue.enqueue({request(1), request(2), request(3)}, SyncQueueKind::Automatic));
    const auto items = *queue.takeReady(3, t0);
    const QList<SyncStatus> outcomes{SyncStatus::OutOfSync, SyncStatus::Skipped, SyncStatus::InSync};
    QList<SyncAttemptRecord> records;
    for (qsizetype i = 0; i < items.size(); ++i) {
        SyncAttemptRecord r;
        r.queueId = items.at(i).queueId;
        r.orderRowId = items.at(i).orderRowId;
        r.status = outcomes.at(i);
        records << r;
    }
    QVERIFY(queue.record(records, t0));

    const auto requeued = queue.requeueForNewRules({u"orders.sync_all_orders"_s, u"orders.order_statuses"_s});
    QVERIFY2(requeued, requeued ? "" : qPrintable(requeued.error().toString()));
    QCOMPARE(*requeued, 2);
    QCOMPARE(scalar(u"SELECT count(*) FROM orders WHERE sync_status = 'pending'"_s).toInt(), 2);
    const auto again = *queue.takeReady(10, t0);
    QCOMPARE(again.size(), 2);
    QCOMPARE(again.at(0).intent, items.at(0).intent); // judged again on the order it was last judged on
    QCOMPARE(again.at(1).intent, items.at(1).intent);

    const auto log = SyncLogRepository(m_db).page({}, 0, 10);
    QCOMPARE(log->size(), 1);
    QCOMPARE(log->first().level, u"info"_s);
    QCOMPARE(log->first().fields, u"orders.sync_all_orders,orders.order_statuses"_s);
    QVERIFY2(log->first().message.contains(u"2 Out of Sync or Skipped orders queued again"_s),
             qPrintable(log->first().message));

    // Nothing left to judge again: none queued, still logged.
    QCOMPARE(*queue.requeueForNewRules({u"orders.zero_grand_total"_s}), 0);
}

void TestSyncQueueRepository::latestIntentIsTheNewestEntry()
{
    const SyncQueueRepository queue(m_db);
    QCOMPARE(*queue.latestIntent(1), QJsonObject());
    QVERIFY(queue.enqueue({request(1)}, SyncQueueKind::Automatic));
    QVERIFY(queue.takeReady(1, t0));
    QVERIFY(queue.enqueue({request(1, u"complete"_s)}, SyncQueueKind::Automatic));
    const qint64 row = (*OrdersRepository(m_db).findByEntityId(1))->id;
    QCOMPARE(queue.latestIntent(row)->value(u"status"_s).toString(), u"complete"_s);
}

QTEST_GUILESS_MAIN(TestSyncQueueRepository)
#include "tst_syncqueuerepository.moc"
