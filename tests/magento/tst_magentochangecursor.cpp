#include "fakeorderstore.h"
#include "magento/magentochangecursor.h"
#include "magento/magentochangeledger.h"

#include <QTest>

#include <set>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

Q_DECLARE_METATYPE(QList<int>)

namespace {

const QDateTime base = MagentoTime::parse(u"2024-05-01 10:00:00"_s);

struct PassResult
{
    QList<MagentoOrderKey> delivered;
    int queries = 0;
    bool stalled = false;
};

// One feed pass over the store; after query number q (1-based) `mutate(q)` may change the store.
PassResult runPass(FakeOrderStore &store, MagentoChangeLedger &ledger, int pageSize,
                   const std::function<void(int)> &mutate)
{
    PassResult result;
    ledger.beginPass();
    MagentoChangeCursor cursor(ledger.windowStart(), pageSize);
    while (!cursor.isDone()) {
        const auto page = MagentoOrderPage::fromJson(store.search(cursor.nextCriteria().queryItems()));
        if (!page)
            qFatal("bad page");
        ++result.queries;
        mutate(result.queries);
        for (const MagentoOrder &order : cursor.absorb(*page)) {
            if (ledger.admit(order.key()))
                result.delivered.append(order.key());
        }
        if (result.queries > 10000)
            qFatal("cursor does not terminate");
    }
    result.stalled = cursor.isStalled();
    ledger.confirm(result.delivered);
    return result;
}

} // namespace

class TestMagentoChangeCursor : public QObject
{
    Q_OBJECT

private slots:
    void criteriaOfFirstQuery();
    void convergesUnderConcurrentChanges_data();
    void convergesUnderConcurrentChanges();
    void ignoredFiltersStallInsteadOfLooping();
};

void TestMagentoChangeCursor::criteriaOfFirstQuery()
{
    MagentoChangeCursor cursor(base, 50);
    const QByteArray q = cursor.nextCriteria().toQueryString();
    QVERIFY(q.contains("[field]=updated_at&searchCriteria[filter_groups][0][filters][0][value]=2024-05-01%2010%3A00%3A00"
                       "&searchCriteria[filter_groups][0][filters][0][condition_type]=gteq"));
    QVERIFY(q.contains("searchCriteria[sortOrders][0][field]=updated_at&searchCriteria[sortOrders][0][direction]=ASC"
                       "&searchCriteria[sortOrders][1][field]=entity_id&searchCriteria[sortOrders][1][direction]=ASC"));
    QVERIFY(q.contains("searchCriteria[pageSize]=50&searchCriteria[currentPage]=1"));
    QVERIFY(!MagentoChangeCursor(QDateTime(), 10).nextCriteria().toQueryString().contains("filter_groups"));
}

void TestMagentoChangeCursor::convergesUnderConcurrentChanges_data()
{
    QTest::addColumn<int>("orders");
    QTest::addColumn<int>("ordersPerSecond");  // how many orders share one updated_at second
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<QList<int>>("mutations"); // pairs: after query q, order id saved "now"
    QTest::addColumn<int>("sameSecondMutation"); // 1: saved in the newest second instead of a new one

    QTest::newRow("quiet store, distinct seconds") << 23 << 1 << 5 << QList<int>{} << 0;
    QTest::newRow("quiet store, 7 per second") << 40 << 7 << 5 << QList<int>{} << 0;
    QTest::newRow("everything in one second") << 30 << 30 << 4 << QList<int>{} << 0;
    QTest::newRow("page size 1") << 9 << 2 << 1 << QList<int>{} << 0;
    QTest::newRow("already-read order saved again (offset paging would skip one)")
        << 20 << 1 << 5 << QList<int>{1, 2, 2, 3} << 0;
    QTest::newRow("unread order saved again") << 20 << 1 << 5 << QList<int>{1, 15, 2, 18} << 0;
    QTest::newRow("saved in the cursor's own second, lower id") << 20 << 1 << 5 << QList<int>{4, 1, 4, 2} << 1;
    QTest::newRow("crowded seconds and churn") << 60 << 9 << 4 << QList<int>{1, 3, 2, 50, 3, 1, 5, 59, 7, 2} << 0;
    QTest::newRow("crowded seconds, churn in the same second")
        << 60 << 9 << 4 << QList<int>{1, 3, 2, 50, 3, 1, 5, 59, 7, 2} << 1;
}

void TestMagentoChangeCursor::convergesUnderConcurrentChanges()
{
    QFETCH(int, orders);
    QFETCH(int, ordersPerSecond);
    QFETCH(int, pageSize);
    QFETCH(QList<int>, mutations);
    QFETCH(int, sameSecondMutation);

    FakeOrderStore store;
    for (int i = 1; i <= orders; ++i)
        store.put(i, base.addSecs((i - 1) / ordersPerSecond));
    QDateTime clock = base.addSecs((orders - 1) / ordersPerSecond);

    std::set<std::pair<qint64, qint64>> mutatedDuringPass;
    auto mutate = [&](int query) {
        for (qsizetype i = 0; i + 1 < mutations.size(); i += 2) {
            if (mutations.at(i) == query) {
                if (!sameSecondMutation)
                    clock = clock.addSecs(1);
                store.put(mutations.at(i + 1), clock);
                mutatedDuringPass.insert({mutations.at(i + 1), clock.toSecsSinceEpoch()});
            }
        }
    };

    MagentoChangeLedger ledger(5);
    std::set<std::pair<qint64, qint64>> seen;
    auto record = [&](const PassResult &pass) {
        for (const MagentoOrderKey &k : pass.delivered) {
            const auto entry = std::make_pair(k.entityId, k.updatedAt.toSecsSinceEpoch());
            QVERIFY2(seen.insert(entry).second, qPrintable(u"version handed over twice: %1"_s.arg(k.entityId)));
        }
    };

    const PassResult first = runPass(store, ledger, pageSize, mutate);
    record(first);
    QVERIFY(!first.stalled);
    // Nothing missed in the first pass: every order not saved during it was handed over at its version.
    for (qint64 id : store.ids()) {
        bool touched = false;
        for (qsizetype i = 0; i + 1 < mutations.size(); i += 2)
            touched = touched || mutations.at(i + 1) == id;
        if (!touched)
            QVERIFY2(seen.count({id, store.updatedAt(id).toSecsSinceEpoch()}), qPrintable(QString::number(id)));
    }
    // Keyset paging reads each page once: about orders / pageSize queries, plus one per crowded second.
    QVERIFY2(first.queries <= 2 * (orders / pageSize + 2) + orders / std::max(1, ordersPerSecond) + 2,
             qPrintable(QString::number(first.queries)));

    const PassResult second = runPass(store, ledger, pageSize, [](int) {});
    record(second);
    // Converged: every order's current version has been handed over exactly once.
    for (qint64 id : store.ids())
        QVERIFY2(seen.count({id, store.updatedAt(id).toSecsSinceEpoch()}), qPrintable(QString::number(id)));
    // A third pass on a quiet store hands over nothing.
    const PassResult third = runPass(store, ledger, pageSize, [](int) {});
    QCOMPARE(third.delivered.size(), 0);
    QCOMPARE(ledger.highWater(), clock);
}

void TestMagentoChangeCursor::ignoredFiltersStallInsteadOfLooping()
{
    FakeOrderStore store;
    for (int i = 1; i <= 10; ++i)
        store.put(i, base);
    store.setIgnoreFilters(true);
    MagentoChangeLedger ledger(5);
    const PassResult pass = runPass(store, ledger, 3, [](int) {});
    QVERIFY(pass.stalled);
    QVERIFY(pass.queries < 10);
}

QTEST_APPLESS_MAIN(TestMagentoChangeCursor)
#include "tst_magentochangecursor.moc"
