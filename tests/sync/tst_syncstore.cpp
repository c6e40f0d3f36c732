#include "store/database.h"
#include "store/ordersrepository.h"
#include "store/syncqueuerepository.h"
#include "store/synclogrepository.h"
#include "sync/syncstore.h"
#include "salesforce/writegroup.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

const QDateTime t0(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc());

QJsonObject magentoOrder(qint64 entityId)
{
    return QJsonObject{{u"entity_id"_s, entityId},
                       {u"increment_id"_s, u"%1"_s.arg(entityId, 9, 10, QChar(u'0'))},
                       {u"status"_s, u"processing"_s},
                       {u"state"_s, u"processing"_s},
                       {u"created_at"_s, u"2026-02-28 09:30:00"_s},
                       {u"updated_at"_s, u"2026-03-01 11:00:00"_s},
                       {u"customer_email"_s, u"anna@example.test"_s},
                       {u"billing_address"_s, QJsonObject{{u"firstname"_s, u"Anna"_s}, {u"lastname"_s, u"Berg"_s}}},
                       {u"grand_total"_s, 99.5},
                       {u"order_currency_code"_s, u"EUR"_s}};
}

OrderOutcome outcome(const SyncStore::Item &item, SyncStatus status)
{
    OrderOutcome o;
    o.incrementId = item.order.value(u"increment_id"_s).toString();
    o.status = status;
    return o;
}

} // namespace

class TestSyncStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void backoff_data();
    void backoff();
    void mirrorsTheMagentoOrder();
    void queuesAndTakesWithTheTrigger();
    void recordsOutcomesAndLogs();
    void historySaysWhatWasWritten();
    void inSyncOrdersKeepOnlyWhatTheDialogLists();
    void ordersOfTwoStoreViewsWithOneNumberAreRecordedApart();
    void failedOrdersRetryUntilMaxAttempts();
    void postponeWithoutCountingKeepsTheAttempt();
    void releasedEntriesAreQueuedAsTheyWere();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<Database> m_db;
};

void TestSyncStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto db = Database::open(m_dir->filePath(u"orderbridge.sqlite"_s));
    QVERIFY2(db, db ? "" : qPrintable(db.error().toString()));
    m_db = *db;
}

void TestSyncStore::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void TestSyncStore::backoff_data()
{
    QTest::addColumn<int>("attempts");
    QTest::addColumn<int>("seconds");
    QTest::newRow("first") << 1 << 60;
    QTest::newRow("second") << 2 << 120;
    QTest::newRow("third") << 3 << 240;
    QTest::newRow("capped") << 7 << 3600;
    QTest::newRow("far beyond") << 40 << 3600;
    QTest::newRow("none yet") << 0 << 60;
}

void TestSyncStore::backoff()
{
    QFETCH(int, attempts);
    QFETCH(int, seconds);
    QCOMPARE(SyncStore::backoffSeconds(attempts), seconds);
}

void TestSyncStore::mirrorsTheMagentoOrder()
{
    const OrderRecord mirror = SyncStore::mirrorOf(magentoOrder(7));
    QCOMPARE(mirror.magentoEntityId, 7);
    QCOMPARE(mirror.incrementId, u"000000007"_s);
    QCOMPARE(mirror.customerName, u"Anna Berg"_s); // from the billing address when the order has none
    QCOMPARE(mirror.createdAt, QDateTime(QDate(2026, 2, 28), QTime(9, 30), QTimeZone::utc()));
    QCOMPARE(mirror.updatedAt, QDateTime(QDate(2026, 3, 1), QTime(11, 0), QTimeZone::utc()));
    QCOMPARE(mirror.grandTotal, 99.5);
    QCOMPARE(mirror.currency, u"EUR"_s);

    QJsonObject named = magentoOrder(8);
    named.insert(u"customer_firstname"_s, u"Bea"_s);
    named.insert(u"customer_lastname"_s, u"Roth"_s);
    QCOMPARE(SyncStore::mirrorOf(named).customerName, u"Bea Roth"_s);
}

void TestSyncStore::queuesAndTakesWithTheTrigger()
{
    const SyncStore store(m_db);
    QCOMPARE(*store.enqueue({magentoOrder(1)}, SyncTrigger::OnDemand), 1);
    QCOMPARE(*store.pendingCount(), 1);
    const auto items = store.takeReady(10, t0);
    QVERIFY(items);
    QCOMPARE(items->size(), 1);
    QCOMPARE(items->first().order, magentoOrder(1));
    QCOMPARE(items->first().trigger, SyncTrigger::OnDemand);
    QCOMPARE(items->first().attempts, 1);
    QCOMPARE((*OrdersRepository(m_db).findByEntityId(1))->customerName, u"Anna Berg"_s);
}

void TestSyncStore::ordersOfTwoStoreViewsWithOneNumberAreRecordedApart()
{
    // Magento numbers orders per store view: entity 1 (view 1) and entity 2 (view 2) are both 000000001.
    QJsonObject second = magentoOrder(2);
    second.insert(u"increment_id"_s, u"000000001"_s);
    second.insert(u"store_id"_s, 2);
    const SyncStore store(m_db);
    QVERIFY(store.enqueue({magentoOrder(1), second}, SyncTrigger::Automatic));
    const QList<SyncStore::Item> items = *store.takeReady(10, t0);
    QCOMPARE(items.size(), 2);
    BatchOutcome batch;
    for (const SyncStore::Item &item : items) {
        OrderOutcome o = outcome(item, item.order.value(u"entity_id"_s).toInteger() == 1 ? SyncStatus::InSync
                                                                                         : SyncStatus::Skipped);
        o.entityId = item.order.value(u"entity_id"_s).toInteger();
        batch.orders << o;
    }
    QVERIFY(store.record(items, batch, 5, t0));
    const OrdersRepository orders(m_db);
    QCOMPARE((*orders.findByEntityId(1))->syncStatus, SyncStatus::InSync);
    QCOMPARE((*orders.findByEntityId(2))->syncStatus, SyncStatus::Skipped);
}

void TestSyncStore::recordsOutcomesAndLogs()
{
    const SyncStore store(m_db);
    QVERIFY(store.enqueue({magentoOrder(1), magentoOrder(2), magentoOrder(3)}, SyncTrigger::Automatic));
    const QList<SyncStore::Item> items = *store.takeReady(10, t0);
    BatchOutcome batch;
    OrderOutcome synced = outcome(items.at(0), SyncStatus::InSync);
    synced.wrote = true;
    synced.orderId = u"801000000000001AAA"_s;
    synced.notices = {u"The Pricebook entry was created."_s};
    OrderOutcome skipped = outcome(items.at(1), SyncStatus::Skipped);
    skipped.reason = u"Status canceled is not synced."_s;
    OrderOutcome pending = outcome(items.at(2), SyncStatus::Pending);
    pending.reason = u"Waiting for the product."_s;
    batch.orders = {synced, skipped, pending};
    QVERIFY(store.record(items, batch, 5, t0));

    const OrdersRepository orders(m_db);
    QCOMPARE((*orders.findByEntityId(1))->syncStatus, SyncStatus::InSync);
    QCOMPARE((*orders.findByEntityId(1))->salesforceOrderId, synced.orderId);
    QCOMPARE((*orders.findByEntityId(1))->lastSyncedAt, t0);
    QCOMPARE((*orders.findByEntityId(2))->reason, skipped.reason);
    QCOMPARE(*store.pendingCount(), 0);

    const SyncLogRepository log(m_db);
    const auto first = *log.forOrder(u"000000001"_s, 10);
    QCOMPARE(first.size(), 2);
    QCOMPARE(first.last().message, u"Synced to Salesforce Order 801000000000001AAA."_s);
    QCOMPARE(first.last().level, u"info"_s);
    QCOMPARE(first.first().level, u"warning"_s);
    QCOMPARE(first.first().message, synced.notices.first());
    QCOMPARE(log.forOrder(u"000000002"_s, 10)->first().level, u"info"_s);
    QCOMPARE(log.forOrder(u"000000003"_s, 10)->first().level, u"warning"_s);
}

void TestSyncStore::historySaysWhatWasWritten()
{
    const SyncStore store(m_db);
    QVERIFY(store.enqueue({magentoOrder(1), magentoOrder(2)}, SyncTrigger::Automatic));
    const QList<SyncStore::Item> items = *store.takeReady(10, t0);
    // Order 1 existed as Draft: its status moves on, a field changes, a product line and a note are added.
    OrderOutcome changed = outcome(items.at(0), SyncStatus::InSync);
    changed.wrote = true;
    changed.orderId = u"801000000000001AAA"_s;
    changed.orderExisted = true;
    changed.previousStatus = u"Draft"_s;
    QList<RecordWrite> &changes = changed.plannedWrites.writes;
    changes.append(RecordWrite::upsert(u"Order"_s, u"Magento_ID__c"_s, u"000000001"_s,
                                       {{u"Status"_s, u"Activated"_s}, {u"Grand_Total__c"_s, 90.5}}, u"order"_s));
    changes.append(RecordWrite::create(u"OrderItem"_s, {{u"Quantity"_s, 1}}, u"item1"_s));
    changes.append(RecordWrite::create(u"Note"_s, {{u"Title"_s, u"Comment"_s}}, u"note1"_s));
    // Order 2 is new: created with its status, two products, and the customer's Account and Contact.
    OrderOutcome created = outcome(items.at(1), SyncStatus::InSync);
    created.wrote = true;
    created.orderId = u"801000000000002AAA"_s;
    QList<RecordWrite> &creates = created.plannedWrites.writes;
    creates.append(RecordWrite::create(u"Account"_s, {{u"Name"_s, u"Jane Doe"_s}}, u"account"_s));
    creates.append(RecordWrite::create(u"Contact"_s, {{u"LastName"_s, u"Doe"_s}}, u"contact"_s));
    creates.append(RecordWrite::upsert(u"Order"_s, u"Magento_ID__c"_s, u"000000002"_s, {{u"Status"_s, u"Draft"_s}},
                                       u"order"_s));
    creates.append(RecordWrite::upsert(u"OrderItem"_s, u"Magento_Item_ID__c"_s, u"1"_s, {{u"Quantity"_s, 1}}, u"item1"_s));
    creates.append(RecordWrite::upsert(u"OrderItem"_s, u"Magento_Item_ID__c"_s, u"2"_s, {{u"Quantity"_s, 2}}, u"item2"_s));
    QVERIFY(store.record(items, BatchOutcome{{changed, created}, 0}, 5, t0));

    const SyncLogRepository log(m_db);
    const auto messages = [&log](const QString &order) {
        QStringList lines;
        const auto entries = log.forOrder(order, 20);
        for (const SyncLogEntry &entry : *entries)
            lines.prepend(QString(entry.object + u": "_s + entry.message)); // oldest first
        return lines;
    };
    QCOMPARE(messages(u"000000001"_s),
             (QStringList{u"Order: Synced to Salesforce Order 801000000000001AAA."_s,
                          u"Order: Order updated: Grand_Total__c."_s, u"Order: Status Draft → Activated."_s,
                          u"OrderItem: Order products added: 1."_s, u"Note: Notes added: 1."_s}));
    QCOMPARE(messages(u"000000002"_s),
             (QStringList{u"Order: Synced to Salesforce Order 801000000000002AAA."_s, u"Order: Order created."_s,
                          u"Order: Status Draft."_s, u"OrderItem: Order products added: 2."_s,
                          u"Account: Account created."_s, u"Contact: Contact created."_s}));
}

void TestSyncStore::inSyncOrdersKeepOnlyWhatTheDialogLists()
{
    const QJsonObject line{{u"item_id"_s, 11},          {u"sku"_s, u"MB01"_s},      {u"name"_s, u"Bag"_s},
                           {u"product_type"_s, u"simple"_s}, {u"qty_ordered"_s, 2}, {u"price"_s, 49.75},
                           {u"row_total"_s, 99.5},      {u"tax_amount"_s, 0},       {u"weight"_s, 1.5}};
    QJsonObject child = line;
    child.insert(u"item_id"_s, 12);
    child.insert(u"parent_item_id"_s, 11);
    const auto withLines = [&](qint64 entityId) {
        QJsonObject order = magentoOrder(entityId);
        order.insert(u"items"_s, QJsonArray{line, child});
        order.insert(u"payment"_s, QJsonObject{{u"method"_s, u"checkmo"_s}});
        return order;
    };
    const SyncStore store(m_db);
    QVERIFY(store.enqueue({withLines(1), withLines(2), withLines(3)}, SyncTrigger::Automatic));
    const QList<SyncStore::Item> items = *store.takeReady(10, t0);
    QCOMPARE(items.size(), 3);
    BatchOutcome batch;
    OrderOutcome failed = outcome(items.at(2), SyncStatus::Error);
    failed.error.code = u"SF_DOWN"_s;
    failed.error.message = u"Salesforce did not answer."_s;
    batch.orders = {outcome(items.at(0), SyncStatus::InSync), outcome(items.at(1), SyncStatus::OutOfSync), failed};
    QVERIFY(store.record(items, batch, 5, t0));

    const SyncQueueRepository queue(m_db);
    const OrdersRepository orders(m_db);
    const QJsonObject kept = *queue.latestIntent((*orders.findByEntityId(1))->id);
    QCOMPARE(kept.value(u"increment_id"_s).toString(), u"000000001"_s);
    QCOMPARE(kept.value(u"order_currency_code"_s).toString(), u"EUR"_s);
    // What the order dialog's blocks show stays; what only planning needed goes.
    QCOMPARE(kept.value(u"payment"_s).toObject(), (QJsonObject{{u"method"_s, u"checkmo"_s}}));
    QVERIFY(!kept.contains(u"customer_email"_s));
    const QJsonArray keptLines = kept.value(u"items"_s).toArray();
    QCOMPARE(keptLines.size(), 2);
    for (const QString &key : {u"sku"_s, u"name"_s, u"qty_ordered"_s, u"price"_s, u"row_total"_s})
        QCOMPARE(keptLines.at(0).toObject().value(key), line.value(key));
    QVERIFY(!keptLines.at(0).toObject().contains(u"weight"_s));
    QCOMPARE(keptLines.at(1).toObject().value(u"parent_item_id"_s).toInt(), 11);

    // What requeueing by new rules and retrying errors send again stays whole.
    QCOMPARE(*queue.latestIntent((*orders.findByEntityId(2))->id), withLines(2));
    QCOMPARE(*queue.latestIntent((*orders.findByEntityId(3))->id), withLines(3));
    QCOMPARE(*store.requeueErrors(t0), 1);
    const QList<SyncStore::Item> again = *store.takeReady(10, t0.addSecs(3600));
    QCOMPARE(again.size(), 1);
    QCOMPARE(again.first().order, withLines(3));
}

void TestSyncStore::failedOrdersRetryUntilMaxAttempts()
{
    const SyncStore store(m_db);
    QVERIFY(store.enqueue({magentoOrder(1)}, SyncTrigger::Automatic));
    const Error error{u"FIELD_INTEGRITY_EXCEPTION"_s, u"Quantity is invalid."_s, u"Fix the mapping."_s,
                      {u"Quantity"_s}};
    QDateTime now = t0;
    for (int attempt = 1; attempt <= 2; ++attempt) {
        const QList<SyncStore::Item> items = *store.takeReady(10, now);
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().attempts, attempt);
        OrderOutcome failed = outcome(items.first(), SyncStatus::Error);
        failed.error = error;
        QVERIFY(store.record(items, BatchOutcome{{failed}, 0}, 2, now));
        const OrderRecord order = **OrdersRepository(m_db).findByEntityId(1);
        QCOMPARE(order.syncStatus, SyncStatus::Error);
        QCOMPARE(order.lastErrorCode, error.code);
        QCOMPARE(order.reason, error.hint);
        QCOMPARE(order.attempts, attempt);
        if (attempt == 1) {
            QCOMPARE(order.nextRetryAt, now.addSecs(60));
            QVERIFY(store.takeReady(10, now)->isEmpty()); // not before the retry time
            now = order.nextRetryAt;
        } else {
            QVERIFY(!order.nextRetryAt.isValid()); // out of attempts: failed, not queued
            QCOMPARE(*store.pendingCount(), 0);
        }
    }
    const auto logged = *SyncLogRepository(m_db).forOrder(u"000000001"_s, 10);
    QCOMPARE(logged.size(), 2);
    QCOMPARE(logged.first().level, u"error"_s);
    QCOMPARE(logged.first().errorCode, error.code);
    QCOMPARE(logged.first().fields, u"Quantity"_s);
    QCOMPARE(logged.first().message, error.toString());

    QCOMPARE(*store.requeueErrors(now), 1);
    QCOMPARE(store.takeReady(10, now)->first().attempts, 1);
}

void TestSyncStore::postponeWithoutCountingKeepsTheAttempt()
{
    const SyncStore store(m_db);
    QVERIFY(store.enqueue({magentoOrder(1)}, SyncTrigger::Automatic));
    const Error limit{u"REQUEST_LIMIT_EXCEEDED"_s, u"The API limit is reached."_s, u"Wait."_s, {}};
    for (int round = 0; round < 3; ++round) {
        const QList<SyncStore::Item> items = *store.takeReady(10, t0.addDays(round));
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().attempts, 1); // the stop was given back each time
        QVERIFY(store.postpone(items, limit, 1, t0.addDays(round), false));
        QCOMPARE(*store.pendingCount(), 1); // stays queued even past the maximum
    }
    const auto counted = *store.takeReady(10, t0.addDays(7));
    QVERIFY(store.postpone(counted, limit, 1, t0.addDays(7)));
    QCOMPARE(*store.pendingCount(), 0); // a counted stop at the maximum fails the entry
}

// A batch taken beside another one's writes and never sent (the run stopped): back in the queue with its attempt
// given back and its log untouched; an entry a newer version of its order replaced meanwhile is not queued twice.
void TestSyncStore::releasedEntriesAreQueuedAsTheyWere()
{
    const SyncStore store(m_db);
    QVERIFY(store.enqueue({magentoOrder(1), magentoOrder(2)}, SyncTrigger::Automatic));
    const QList<SyncStore::Item> taken = *store.takeReady(10, t0);
    QCOMPARE(taken.size(), 2);
    QJsonObject newer = magentoOrder(2);
    newer.insert(u"updated_at"_s, u"2026-03-02 08:00:00"_s);
    QVERIFY(store.enqueue({newer}, SyncTrigger::Automatic)); // queued beside the running entry
    QVERIFY(store.release(taken));
    QCOMPARE(*store.pendingCount(), 2); // order 1 again, order 2's newer version (its older entry cancelled)
    const QList<SyncStore::Item> again = *store.takeReady(10, t0);
    QCOMPARE(again.size(), 2);
    QCOMPARE(again.at(0).order, magentoOrder(1));
    QCOMPARE(again.at(0).attempts, 1); // the release gave the attempt back
    QCOMPARE(again.at(1).order, newer);
    QCOMPARE((*OrdersRepository(m_db).findByEntityId(1))->syncStatus, SyncStatus::Pending);
}

QTEST_GUILESS_MAIN(TestSyncStore)
#include "tst_syncstore.moc"
