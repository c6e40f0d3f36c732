// The seed walkthrough, scripted against orderbridge-sandbox through the sync worker running in its
// own thread: configure, place an order through the storefront checkout, sync (Out of Sync: Create
// Order is "For paid order"), invoice, sync (the Order with products, account and contact), comment
// (a Note appears), ship (the status follows the Order Status mapping).

#include "magento/magentoclient.h"
#include "asyncresult.h"
#include "orgquery.h"
#include "sandboxconnections.h"
#include "sandboxworkerfixture.h"
#include "settingsvalues.h"
#include "store/ordersrepository.h"
#include "store/settingsrepository.h"
#include "sync/syncplanner.h"
#include "sync/syncworker.h"

#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;


class TestSyncWorkerWalkthrough : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void walkthrough();

private:
    std::optional<OrderRecord> mirrored(qint64 entityId);

    SandboxWorkerFixture m_fixture;
    std::shared_ptr<Database> m_db;
    WorkerHost *m_host = nullptr;
};

void TestSyncWorkerWalkthrough::initTestCase()
{
    QVERIFY2(m_fixture.start({u"--orders"_s, u"0"_s, u"--seed"_s, u"3"_s}), qPrintable(m_fixture.errorString()));
    m_db = m_fixture.database();

    // The walkthrough's Orders configuration (these are also the defaults).
    const Result<Settings> settings = settingsWith({{u"orders.automated_synchronization"_s, u"yes"_s},
                                                    {u"orders.zero_grand_total"_s, u"synchronize"_s},
                                                    {u"orders.synchronize_order_notes"_s, u"yes"_s},
                                                    {u"orders.default_status"_s, u"Draft"_s},
                                                    {u"orders.sync_all_orders"_s, u"yes"_s},
                                                    {u"advanced.create_order"_s, u"paid"_s},
                                                    {u"advanced.create_opportunity"_s, u"no"_s}});
    QVERIFY2(settings.has_value(), qPrintable(errorText(settings)));
    QVERIFY(SettingsRepository(m_db).save(*settings).has_value());

    m_host = m_fixture.startWorker(m_fixture.workerConfig());

    // The test's own clients, standing for the storefront customer, the Magento admin and a look at the org.
    QVERIFY2(m_fixture.signInToOrg(), qPrintable(m_fixture.errorString()));
}

void TestSyncWorkerWalkthrough::cleanupTestCase()
{
    m_fixture.stopWorker();
}

std::optional<OrderRecord> TestSyncWorkerWalkthrough::mirrored(qint64 entityId)
{
    auto r = OrdersRepository(m_db).findByEntityId(entityId);
    return r ? *r : std::nullopt;
}

void TestSyncWorkerWalkthrough::walkthrough()
{
    // The customer places an order through the storefront checkout.
    const MagentoGuestCheckout checkout = SandboxConnections::guestCheckout(
        {{u"MB-1001"_s, 1}, {u"MG-2001"_s, 2}},
        SandboxConnections::address(u"Inés"_s, u"O'Connor"_s, u"1 Grafton Street"_s, u"Dublin"_s, u"D02"_s, u"IE"_s,
                                    u"+353 1 555 0100"_s, u"ines.oconnor@example.ie"_s));
    const Result<qint64> placed = SandboxConnections::placeOrder(m_fixture.magento(), this, checkout);
    QVERIFY2(placed.has_value(), qPrintable(errorText(placed)));
    const qint64 orderId = *placed;

    // Sync: Out of Sync, no Salesforce Order, because Create Order is "For paid order".
    SyncRunSummary run = m_fixture.run(RunRequest::poll());
    QCOMPARE(run.errors, 0);
    auto record = mirrored(orderId);
    QVERIFY(record.has_value());
    QCOMPARE(record->syncStatus, SyncStatus::OutOfSync);
    QVERIFY(record->salesforceOrderId.isEmpty());
    QVERIFY(record->reason.contains(u"For paid order"_s));
    const QString inc = record->incrementId;
    QVERIFY(m_fixture.org().soql(u"SELECT Id FROM Order WHERE Magento_ID__c = '%1'"_s.arg(inc)).isEmpty());

    // Invoice → the Order with its products, account and contact.
    Waiter<Result<qint64>> invoiced;
    m_fixture.magento().createInvoice(orderId, MagentoInvoiceRequest{}, this, invoiced.callback());
    QVERIFY(invoiced.wait());
    QVERIFY2(invoiced.result->has_value(), qPrintable(errorText(*invoiced.result)));
    run = m_fixture.run(RunRequest::poll());
    QCOMPARE(run.errors, 0);
    record = mirrored(orderId);
    QCOMPARE(record->syncStatus, SyncStatus::InSync);
    QVERIFY(record->salesforceOrderId.startsWith(u"801"_s));
    QVERIFY(record->salesforceAccountId.startsWith(u"001"_s));
    const auto orders = m_fixture.org().soql(u"SELECT Id, Status, BillingCity, Account.Name, (SELECT Id FROM OrderItems) FROM Order "
                             u"WHERE Magento_ID__c = '%1'"_s.arg(inc));
    QCOMPARE(orders.size(), 1);
    QCOMPARE(orders.first().value(u"Id"_s).toString(), record->salesforceOrderId);
    QCOMPARE(orders.first().value(u"Status"_s).toString(), u"Draft"_s); // processing → Draft
    QCOMPARE(orders.first().value(u"BillingCity"_s).toString(), u"Dublin"_s);
    QCOMPARE(orders.first().value(u"OrderItems"_s).toObject().value(u"totalSize"_s).toInt(), 2);
    QCOMPARE(m_fixture.org().soql(u"SELECT Id FROM Contact WHERE Email = 'ines.oconnor@example.ie'"_s).size(), 1);

    // A comment → a Note on the Order.
    Waiter<Result<bool>> commented;
    m_fixture.magento().addComment(orderId, MagentoNewComment{u"Please leave it at the door."_s, {}, false, false}, this,
                          commented.callback());
    QVERIFY(commented.wait());
    QVERIFY(commented.result->has_value());
    run = m_fixture.run(RunRequest::poll());
    QCOMPARE(run.errors, 0);
    const auto notes = m_fixture.org().soql(u"SELECT Title, Body FROM Note WHERE ParentId = '%1'"_s.arg(record->salesforceOrderId));
    QStringList bodies;
    for (const QJsonObject &n : notes)
        bodies << n.value(u"Body"_s).toString();
    QVERIFY2(bodies.contains(u"Please leave it at the door."_s), qPrintable(bodies.join(u" | "_s)));
    const qsizetype noteCount = notes.size();

    // Ship → complete → Activated through the Order Status mapping.
    Waiter<Result<qint64>> shipped;
    m_fixture.magento().createShipment(orderId, MagentoShipmentRequest{}, this, shipped.callback());
    QVERIFY(shipped.wait());
    QVERIFY2(shipped.result->has_value(), qPrintable(errorText(*shipped.result)));
    run = m_fixture.run(RunRequest::poll());
    QCOMPARE(run.errors, 0);
    const auto after = m_fixture.org().soql(u"SELECT Status, StatusCode FROM Order WHERE Magento_ID__c = '%1'"_s.arg(inc));
    QCOMPARE(after.size(), 1);
    QCOMPARE(after.first().value(u"Status"_s).toString(), u"Activated"_s);
    // Every Magento comment is exactly one Note (the shipment may add its own comment).
    Waiter<Result<MagentoOrder>> current;
    m_fixture.magento().fetchOrder(orderId, this, current.callback());
    QVERIFY(current.wait());
    QVERIFY(current.result->has_value());
    const qsizetype comments = SyncPlanner::comments((*current.result)->json).size();
    QVERIFY(comments >= noteCount);
    QCOMPARE(m_fixture.org().soql(u"SELECT Id FROM Note WHERE ParentId = '%1'"_s.arg(record->salesforceOrderId)).size(), comments);

    // On demand, nothing changed: nothing new is written, nothing duplicated.
    run = m_fixture.run(RunRequest::syncOrders({inc}));
    QCOMPARE(run.errors, 0);
    QCOMPARE(run.inSync, 1);
    QCOMPARE(m_fixture.org().soql(u"SELECT Id FROM Order WHERE Magento_ID__c = '%1'"_s.arg(inc)).size(), 1);
    QCOMPARE(m_fixture.org().soql(u"SELECT Id FROM Note WHERE ParentId = '%1'"_s.arg(record->salesforceOrderId)).size(), comments);
    QCOMPARE(m_fixture.org().soql(u"SELECT Id FROM OrderItem WHERE OrderId = '%1'"_s.arg(record->salesforceOrderId)).size(), 2);
}

QTEST_GUILESS_MAIN(TestSyncWorkerWalkthrough)
#include "tst_syncworker_walkthrough.moc"
