// BatchOverlap: which lookups may run beside another batch's graphs.

#include "salesforce/writegroup.h"
#include "sync/batchoverlap.h"
#include "sync/syncengine.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

QJsonObject order(const QString &incrementId, const QString &email, const QString &sku, int customerId = 0)
{
    QJsonObject o{{u"entity_id"_s, incrementId.toInt()},
                  {u"increment_id"_s, incrementId},
                  {u"customer_email"_s, email},
                  {u"items"_s, QJsonArray{QJsonObject{{u"item_id"_s, 1}, {u"sku"_s, sku}, {u"qty_ordered"_s, 1},
                                                      {u"product_type"_s, u"simple"_s}, {u"price"_s, 10}}}}};
    if (customerId > 0)
        o.insert(u"customer_id"_s, customerId);
    else
        o.insert(u"customer_is_guest"_s, true);
    return o;
}

OrderOutcome writing(const QStringList &objects)
{
    OrderOutcome o;
    for (const QString &object : objects) {
        RecordWrite w;
        w.object = object;
        o.plannedWrites.writes << w;
    }
    return o;
}

} // namespace

class TestBatchOverlap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rule_data();
    void rule();
};

void TestBatchOverlap::rule_data()
{
    QTest::addColumn<QJsonObject>("inFlight");
    QTest::addColumn<QStringList>("writes");
    QTest::addColumn<QJsonObject>("next");
    QTest::addColumn<bool>("invalidates");

    const QJsonObject a = order(u"100"_s, u"a@example.com"_s, u"SKU-1"_s);
    QTest::newRow("nothing shared") << a << QStringList{u"Account"_s, u"Contact"_s, u"Order"_s, u"Product2"_s}
                                    << order(u"200"_s, u"b@example.com"_s, u"SKU-2"_s) << false;
    QTest::newRow("same order") << a << QStringList{u"Order"_s} << order(u"100"_s, u"b@example.com"_s, u"SKU-2"_s)
                                << true;
    QTest::newRow("same order, nothing written") << a << QStringList{}
                                                 << order(u"100"_s, u"b@example.com"_s, u"SKU-2"_s) << true;
    QTest::newRow("customer created") << a << QStringList{u"Account"_s, u"Contact"_s, u"Order"_s}
                                      << order(u"201"_s, u"A@Example.com "_s, u"SKU-2"_s) << true;
    QTest::newRow("customer only read") << a << QStringList{u"Order"_s}
                                        << order(u"202"_s, u"a@example.com"_s, u"SKU-2"_s) << false;
    QTest::newRow("registered customer by key")
        << order(u"110"_s, u"old@example.com"_s, u"SKU-1"_s, 7) << QStringList{u"Contact"_s}
        << order(u"203"_s, u"new@example.com"_s, u"SKU-2"_s, 7) << true;
    QTest::newRow("product created") << a << QStringList{u"Order"_s, u"Product2"_s, u"PricebookEntry"_s}
                                     << order(u"204"_s, u"b@example.com"_s, u"sku-1"_s) << true;
    QTest::newRow("price book entry created") << a << QStringList{u"Order"_s, u"PricebookEntry"_s}
                                              << order(u"205"_s, u"b@example.com"_s, u"SKU-1"_s) << true;
    QTest::newRow("product only read") << a << QStringList{u"Order"_s, u"OrderItem"_s}
                                       << order(u"206"_s, u"b@example.com"_s, u"SKU-1"_s) << false;
}

void TestBatchOverlap::rule()
{
    QFETCH(QJsonObject, inFlight);
    QFETCH(QStringList, writes);
    QFETCH(QJsonObject, next);
    QFETCH(bool, invalidates);
    const StoreViews stores;
    const BundleSkus bundles;
    const BatchOverlap written = BatchOverlap::writtenBy({inFlight}, {writing(writes)}, stores, bundles);
    const BatchOverlap read = BatchOverlap::readBy({next}, stores, bundles);
    QCOMPARE(written.invalidates(read), invalidates);
}

QTEST_APPLESS_MAIN(TestBatchOverlap)
#include "tst_batchoverlap.moc"
