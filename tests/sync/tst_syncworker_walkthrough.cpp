// The seed walkthrough, scripted against orderbridge-sandbox through the sync worker running in its
// own thread: configure, place an order through the storefront checkout, sync (Out of Sync: Create
// Order is "For paid order"), invoice, sync (the Order with products, account and contact), comment
// (a Note appears), ship (the status follows the Order Status mapping).

#include "magento/magentoclient.h"
#include "salesforce/salesforceauthenticator.h"
#include "salesforce/salesforceclient.h"
#include "asyncresult.h"
#include "sandboxprocess.h"
#include "store/database.h"
#include "store/ordersrepository.h"
#include "store/settingsrepository.h"
#include "sync/syncplanner.h"
#include "sync/syncworker.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

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
    SyncRunSummary runWorker(const char *slot, const QStringList &orders = {});
    std::optional<OrderRecord> mirrored(qint64 entityId);
    QList<QJsonObject> soql(const QString &statement);

    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;
    QThread m_thread;
    SyncWorker *m_worker = nullptr;
    QNetworkAccessManager m_network;
    std::unique_ptr<MagentoClient> m_magento;
    std::unique_ptr<SalesforceAuthenticator> m_auth;
    std::unique_ptr<SalesforceClient> m_salesforce;
};

void TestSyncWorkerWalkthrough::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_sandbox.start({u"--orders"_s, u"0"_s, u"--seed"_s, u"3"_s}), qPrintable(m_sandbox.errorString()));
    auto db = Database::open(m_dir.filePath(u"orderbridge.sqlite"_s));
    QVERIFY2(db.has_value(), qPrintable(errorText(db)));
    m_db = *db;

    // The walkthrough's Orders configuration (these are also the defaults).
    Settings settings;
    QVERIFY(settings.set(u"orders.automated_synchronization"_s, u"yes"_s).has_value());
    QVERIFY(settings.set(u"orders.zero_grand_total"_s, u"synchronize"_s).has_value());
    QVERIFY(settings.set(u"orders.synchronize_order_notes"_s, u"yes"_s).has_value());
    QVERIFY(settings.set(u"orders.default_status"_s, u"Draft"_s).has_value());
    QVERIFY(settings.set(u"orders.sync_all_orders"_s, u"yes"_s).has_value());
    QVERIFY(settings.set(u"advanced.create_order"_s, u"paid"_s).has_value());
    QVERIFY(settings.set(u"advanced.create_opportunity"_s, u"no"_s).has_value());
    QVERIFY(SettingsRepository(m_db).save(settings).has_value());

    const QJsonObject mg = m_sandbox.magento();
    SyncWorkerConfig config;
    config.database = m_db;
    config.magento.baseUrl = QUrl(mg.value(u"base_url"_s).toString());
    config.magento.authMode = MagentoAuthMode::IntegrationToken;
    config.magentoSecrets.integrationToken = mg.value(u"integration_token"_s).toString();
    const QJsonObject sf = m_sandbox.salesforce();
    config.salesforce.flow = SalesforceAuthConfig::Flow::Password;
    config.salesforce.loginUrl = QUrl(sf.value(u"login_url"_s).toString());
    config.salesforce.clientId = sf.value(u"client_id"_s).toString();
    config.salesforce.clientSecret = sf.value(u"client_secret"_s).toString();
    config.salesforce.username = sf.value(u"username"_s).toString();
    config.salesforce.password = sf.value(u"password"_s).toString();

    m_worker = new SyncWorker(config);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(u"sync-worker"_s);
    m_thread.start();

    // The test's own clients, standing for the storefront customer, the Magento admin and a look at the org.
    m_magento = std::make_unique<MagentoClient>(&m_network, config.magento, config.magentoSecrets);
    m_auth = std::make_unique<SalesforceAuthenticator>(&m_network, config.salesforce);
    m_salesforce = std::make_unique<SalesforceClient>(&m_network, m_auth.get());
    Waiter<SalesforceResult<SalesforceSession>> session;
    m_salesforce->connectToOrg(session.callback());
    QVERIFY(session.wait());
    QVERIFY(session.result->has_value());
}

void TestSyncWorkerWalkthrough::cleanupTestCase()
{
    m_thread.quit();
    m_thread.wait();
}

SyncRunSummary TestSyncWorkerWalkthrough::runWorker(const char *slot, const QStringList &orders)
{
    QSignalSpy finished(m_worker, &SyncWorker::finished);
    QSignalSpy failed(m_worker, &SyncWorker::failed);
    if (orders.isEmpty())
        QMetaObject::invokeMethod(m_worker, slot, Qt::QueuedConnection);
    else
        QMetaObject::invokeMethod(m_worker, slot, Qt::QueuedConnection, Q_ARG(QStringList, orders));
    if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 120000))
        qWarning("worker did not finish");
    if (!failed.isEmpty())
        qWarning("worker failed: %s", qPrintable(failed.first().first().value<Error>().toString()));
    if (finished.isEmpty()) {
        // No summary (failed or timed out) must not pass for a clean run: QCOMPARE(run.errors, 0) fails.
        SyncRunSummary none;
        none.errors = -1;
        return none;
    }
    return finished.first().first().value<SyncRunSummary>();
}

std::optional<OrderRecord> TestSyncWorkerWalkthrough::mirrored(qint64 entityId)
{
    auto r = OrdersRepository(m_db).findByEntityId(entityId);
    return r ? *r : std::nullopt;
}

QList<QJsonObject> TestSyncWorkerWalkthrough::soql(const QString &statement)
{
    Waiter<SalesforceResult<QList<QJsonObject>>> rows;
    m_salesforce->queryText(statement, rows.callback());
    if (!rows.wait() || !rows.result->has_value())
        return {};
    return **rows.result;
}

void TestSyncWorkerWalkthrough::walkthrough()
{
    // The customer places an order through the storefront checkout.
    MagentoGuestCheckout checkout;
    checkout.lines = {{u"MB-1001"_s, 1}, {u"MG-2001"_s, 2}};
    checkout.email = u"ines.oconnor@example.ie"_s;
    MagentoAddress address;
    address.firstname = u"Inés"_s;
    address.lastname = u"O'Connor"_s;
    address.street = {u"1 Grafton Street"_s};
    address.city = u"Dublin"_s;
    address.postcode = u"D02"_s;
    address.countryId = u"IE"_s;
    address.telephone = u"+353 1 555 0100"_s;
    address.email = checkout.email;
    checkout.shippingAddress = address;
    checkout.billingAddress = address;
    Waiter<Result<qint64>> placed;
    m_magento->placeGuestOrder(checkout, this, placed.callback());
    QVERIFY(placed.wait());
    QVERIFY2(placed.result->has_value(), qPrintable(errorText(*placed.result)));
    const qint64 orderId = **placed.result;

    // Sync: Out of Sync, no Salesforce Order, because Create Order is "For paid order".
    SyncRunSummary run = runWorker("pollOnce");
    QCOMPARE(run.errors, 0);
    auto record = mirrored(orderId);
    QVERIFY(record.has_value());
    QCOMPARE(record->syncStatus, SyncStatus::OutOfSync);
    QVERIFY(record->salesforceOrderId.isEmpty());
    QVERIFY(record->reason.contains(u"For paid order"_s));
    const QString inc = record->incrementId;
    QVERIFY(soql(u"SELECT Id FROM Order WHERE Magento_ID__c = '%1'"_s.arg(inc)).isEmpty());

    // Invoice → the Order with its products, account and contact.
    Waiter<Result<qint64>> invoiced;
    m_magento->createInvoice(orderId, MagentoInvoiceRequest{}, this, invoiced.callback());
    QVERIFY(invoiced.wait());
    QVERIFY2(invoiced.result->has_value(), qPrintable(errorText(*invoiced.result)));
    run = runWorker("pollOnce");
    QCOMPARE(run.errors, 0);
    record = mirrored(orderId);
    QCOMPARE(record->syncStatus, SyncStatus::InSync);
    QVERIFY(record->salesforceOrderId.startsWith(u"801"_s));
    QVERIFY(record->salesforceAccountId.startsWith(u"001"_s));
    const auto orders = soql(u"SELECT Id, Status, BillingCity, Account.Name, (SELECT Id FROM OrderItems) FROM Order "
                             u"WHERE Magento_ID__c = '%1'"_s.arg(inc));
    QCOMPARE(orders.size(), 1);
    QCOMPARE(orders.first().value(u"Id"_s).toString(), record->salesforceOrderId);
    QCOMPARE(orders.first().value(u"Status"_s).toString(), u"Draft"_s); // processing → Draft
    QCOMPARE(orders.first().value(u"BillingCity"_s).toString(), u"Dublin"_s);
    QCOMPARE(orders.first().value(u"OrderItems"_s).toObject().value(u"totalSize"_s).toInt(), 2);
    QCOMPARE(soql(u"SELECT Id FROM Contact WHERE Email = 'ines.oconnor@example.ie'"_s).size(), 1);

    // A comment → a Note on the Order.
    Waiter<Result<bool>> commented;
    m_magento->addComment(orderId, MagentoNewComment{u"Please leave it at the door."_s, {}, false, false}, this,
                          commented.callback());
    QVERIFY(commented.wait());
    QVERIFY(commented.result->has_value());
    run = runWorker("pollOnce");
    QCOMPARE(run.errors, 0);
    const auto notes = soql(u"SELECT Title, Body FROM Note WHERE ParentId = '%1'"_s.arg(record->salesforceOrderId));
    QStringList bodies;
    for (const QJsonObject &n : notes)
        bodies << n.value(u"Body"_s).toString();
    QVERIFY2(bodies.contains(u"Please leave it at the door."_s), qPrintable(bodies.join(u" | "_s)));
    const qsizetype noteCount = notes.size();

    // Ship → complete → Activated through the Order Status mapping.
    Waiter<Result<qint64>> shipped;
    m_magento->createShipment(orderId, MagentoShipmentRequest{}, this, shipped.callback());
    QVERIFY(shipped.wait());
    QVERIFY2(shipped.result->has_value(), qPrintable(errorText(*shipped.result)));
    run = runWorker("pollOnce");
    QCOMPARE(run.errors, 0);
    const auto after = soql(u"SELECT Status, StatusCode FROM Order WHERE Magento_ID__c = '%1'"_s.arg(inc));
    QCOMPARE(after.size(), 1);
    QCOMPARE(after.first().value(u"Status"_s).toString(), u"Activated"_s);
    // Every Magento comment is exactly one Note (the shipment may add its own comment).
    Waiter<Result<MagentoOrder>> current;
    m_magento->fetchOrder(orderId, this, current.callback());
    QVERIFY(current.wait());
    QVERIFY(current.result->has_value());
    const qsizetype comments = SyncPlanner::comments((*current.result)->json).size();
    QVERIFY(comments >= noteCount);
    QCOMPARE(soql(u"SELECT Id FROM Note WHERE ParentId = '%1'"_s.arg(record->salesforceOrderId)).size(), comments);

    // On demand, nothing changed: nothing new is written, nothing duplicated.
    run = runWorker("syncOrders", {inc});
    QCOMPARE(run.errors, 0);
    QCOMPARE(run.inSync, 1);
    QCOMPARE(soql(u"SELECT Id FROM Order WHERE Magento_ID__c = '%1'"_s.arg(inc)).size(), 1);
    QCOMPARE(soql(u"SELECT Id FROM Note WHERE ParentId = '%1'"_s.arg(record->salesforceOrderId)).size(), comments);
    QCOMPARE(soql(u"SELECT Id FROM OrderItem WHERE OrderId = '%1'"_s.arg(record->salesforceOrderId)).size(), 2);
}

QTEST_GUILESS_MAIN(TestSyncWorkerWalkthrough)
#include "tst_syncworker_walkthrough.moc"
