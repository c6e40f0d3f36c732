// Bundle lines synced as their catalog products, through the sync worker against orderbridge-sandbox: the store's
// bundle 24-WG099-MB-1001-YG-3001 has a fixed SKU that ends in its options' SKUs, so cutting the option lines' SKUs
// off the ordered SKU (the way to a dynamic-SKU bundle's own SKU) would give 24-WG099. The worker reads the SKU by
// the line's product_id instead, with one products search, and not again for the rest of the session.

#include "asyncresult.h"
#include "sandboxworkerfixture.h"
#include "settingsvalues.h"
#include "store/settingsrepository.h"
#include "sync/bundleskuresolver.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

const QString kKit = u"24-WG099-MB-1001-YG-3001"_s;

} // namespace

class TestBundleSkusSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void productsSearchReadsIdsAsMagentoDoes();
    void bundleLineSyncsItsCatalogProduct();

private:
    /// Places a guest order of `lines` and gives its increment_id and the product_id of its bundle line.
    QString placeOrder(const QList<MagentoGuestCheckout::Line> &lines, qint64 *bundleProductId = nullptr);
    QJsonObject search(const MagentoClient::QueryItems &query);

    SandboxWorkerFixture m_fixture;
};

void TestBundleSkusSandbox::initTestCase()
{
    QVERIFY2(m_fixture.start({u"--orders"_s, u"6"_s, u"--seed"_s, u"5"_s}), qPrintable(m_fixture.errorString()));
    const Result<Settings> settings = settingsWith({{u"orders.automated_synchronization"_s, u"yes"_s},
                                                    {u"orders.sync_all_orders"_s, u"yes"_s},
                                                    {u"advanced.create_order"_s, u"every"_s},
                                                    {u"advanced.create_opportunity"_s, u"no"_s},
                                                    {u"advanced.create_missing_products"_s, u"no"_s}});
    QVERIFY2(settings && SettingsRepository(m_fixture.database()).save(*settings), qPrintable(errorText(settings)));
    m_fixture.startWorker(m_fixture.workerConfig());
    QVERIFY2(m_fixture.signInToOrg(), qPrintable(m_fixture.errorString()));
}

QString TestBundleSkusSandbox::placeOrder(const QList<MagentoGuestCheckout::Line> &lines, qint64 *bundleProductId)
{
    const MagentoAddress buyer = SandboxConnections::address(u"Kit"_s, u"Buyer"_s, u"9 Kit Lane"_s, u"Austin"_s,
                                                             u"73301"_s, u"US"_s, u"512-555-3333"_s,
                                                             u"kit.buyer@example.com"_s);
    const qint64 id = m_fixture.placeOrder(this, SandboxConnections::guestCheckout(lines, buyer));
    if (id <= 0)
        return {};
    Waiter<Result<MagentoOrder>> fetched;
    m_fixture.magento().fetchOrder(id, this, fetched.callback());
    if (!fetched.wait() || !fetched.result->has_value())
        return {};
    const MagentoOrder &order = **fetched.result;
    for (const QJsonValue &v : order.json.value(u"items"_s).toArray()) {
        if (bundleProductId && v.toObject().value(u"product_type"_s).toString() == u"bundle"_s)
            *bundleProductId = v.toObject().value(u"product_id"_s).toInteger();
    }
    return order.incrementId;
}

QJsonObject TestBundleSkusSandbox::search(const MagentoClient::QueryItems &query)
{
    Waiter<Result<QJsonValue>> reply;
    m_fixture.magento().request("GET", u"products"_s, query, QJsonValue::Undefined, MagentoClient::RetrySafety::Safe,
                                this, reply.callback());
    if (!reply.wait() || !reply.result->has_value()) {
        qWarning("products search failed: %s", reply.result ? qPrintable(errorText(*reply.result)) : "no answer");
        return {};
    }
    return (*reply.result)->toObject();
}

void TestBundleSkusSandbox::productsSearchReadsIdsAsMagentoDoes()
{
    qint64 kitId = 0;
    QVERIFY(!placeOrder({{kKit, 1}}, &kitId).isEmpty());
    QVERIFY(kitId > 0);
    // The order item's product_id is the bundle product's id: the catalog gives its own SKU for it.
    const qint64 gone = 999999;
    const QJsonObject reply = search(BundleSkuResolver::query({kitId, gone}));
    QCOMPARE(reply.keys(), (QStringList{u"items"_s, u"total_count"_s}));
    QCOMPARE(reply.value(u"total_count"_s).toInt(), 1);
    const QJsonArray items = reply.value(u"items"_s).toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).toObject(), (QJsonObject{{u"id"_s, kitId}, {u"sku"_s, kKit}}));
    BundleSkuResolver resolver;
    QVERIFY(resolver.absorb({kitId, gone}, reply).has_value());
    QCOMPARE(resolver.skus().skuByProductId.value(kitId), kKit);
    QVERIFY(resolver.skus().deleted.contains(gone));

    // Pages over an `in` list as every search does: total_count is all matches, a page holds pageSize of them.
    MagentoSearchCriteria paged;
    paged.whereIn(u"entity_id"_s, {u"1"_s, u"7"_s, QString::number(kitId)}).orderBy(u"entity_id"_s).setPageSize(2).setCurrentPage(2);
    MagentoClient::QueryItems query = paged.queryItems();
    query.append({u"fields"_s, u"items[id,sku],total_count"_s});
    const QJsonObject second = search(query);
    QCOMPARE(second.value(u"total_count"_s).toInt(), 3);
    QCOMPARE(second.value(u"items"_s).toArray().size(), 1);
    QCOMPARE(second.value(u"items"_s).toArray().at(0).toObject().value(u"sku"_s).toString(), kKit);
}

void TestBundleSkusSandbox::bundleLineSyncsItsCatalogProduct()
{
    const QString first = placeOrder({{kKit, 1}});
    QVERIFY(!first.isEmpty());
    const SyncRunSummary run = m_fixture.run(RunRequest::syncOrders({first}));
    QCOMPARE(run.errors, 0);
    QCOMPARE(run.inSync, 1);
    QCOMPARE(run.bundleSkuReads, 1); // one products search for the batch

    const QList<QJsonObject> orders = m_fixture.org().soql(u"SELECT Id FROM Order WHERE Magento_ID__c = '%1'"_s.arg(first));
    QCOMPARE(orders.size(), 1);
    const QList<QJsonObject> lines = m_fixture.org().soql(
        u"SELECT PricebookEntry.Product2.ProductCode FROM OrderItem WHERE OrderId = '%1'"_s.arg(orders.first().value(u"Id"_s).toString()));
    QStringList codes;
    for (const QJsonObject &line : lines)
        codes << line.value(u"PricebookEntry"_s).toObject().value(u"Product2"_s).toObject().value(u"ProductCode"_s).toString();
    QCOMPARE(codes, QStringList{kKit});

    // Another order of the same bundle: its SKU is known this session, so Magento is not asked again.
    const QString second = placeOrder({{kKit, 2}});
    QVERIFY(!second.isEmpty());
    const SyncRunSummary again = m_fixture.run(RunRequest::syncOrders({second}));
    QCOMPARE(again.errors, 0);
    QCOMPARE(again.inSync, 1);
    QCOMPARE(again.bundleSkuReads, 0);
}

QTEST_GUILESS_MAIN(TestBundleSkusSandbox)
#include "tst_bundleskus_sandbox.moc"
