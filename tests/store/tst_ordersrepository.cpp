#include "store/database.h"
#include "store/ordersrepository.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

Q_DECLARE_METATYPE(OrderQuery)

class TestOrdersRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void insertsAndReadsBack();
    void upsertKeepsSyncState();
    void refusesIncompleteOrder();
    void searchFollowsChanges();
    void pagesFilterAndSort_data();
    void pagesFilterAndSort();
    void offsetPagesAreStableOnTies();

private:
    [[nodiscard]] static OrderRecord order(qint64 entityId, const QString &increment, const QString &email,
                                           const QString &name, double total, const QString &status, int day);
    void seed();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<Database> m_db;
};

OrderRecord TestOrdersRepository::order(qint64 entityId, const QString &increment, const QString &email,
                                        const QString &name, double total, const QString &status, int day)
{
    OrderRecord record;
    record.magentoEntityId = entityId;
    record.incrementId = increment;
    record.customerEmail = email;
    record.customerName = name;
    record.grandTotal = total;
    record.status = status;
    record.state = status;
    record.currency = u"EUR"_s;
    record.createdAt = QDateTime(QDate(2026, 3, day), QTime(10, 0, 0, 250), Qt::UTC);
    record.updatedAt = record.createdAt.addSecs(60);
    record.contentHash = u"h%1"_s.arg(entityId);
    return record;
}

void TestOrdersRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto db = Database::open(m_dir->filePath(u"orderbridge.sqlite"_s));
    QVERIFY(db);
    m_db = *db;
}

void TestOrdersRepository::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void TestOrdersRepository::seed()
{
    const OrdersRepository repository(m_db);
    const QList<OrderRecord> orders{
        order(1, u"000000001"_s, u"anna@example.test"_s, u"Anna Berg"_s, 10.0, u"pending"_s, 1),
        order(2, u"000000002"_s, u"Bernd@Example.test"_s, u"Bernd Alt"_s, 250.5, u"processing"_s, 2),
        order(3, u"000000010"_s, u"carla@example.test"_s, u"Carla 100%"_s, 0.0, u"complete"_s, 3),
        order(4, u"DE-000004"_s, u"anton_x@example.test"_s, u"Anton Xu"_s, 99.99, u"complete"_s, 4),
    };
    for (const OrderRecord &record : orders)
        QVERIFY(repository.upsertFromMagento(record));
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(u"UPDATE orders SET sync_status = 'error' WHERE magento_entity_id IN (2, 4)"_s));
}

void TestOrdersRepository::insertsAndReadsBack()
{
    const OrdersRepository repository(m_db);
    OrderRecord record = order(42, u"000000042"_s, u"x@example.test"_s, u"X Y"_s, 12.34, u"pending"_s, 5);
    const auto id = repository.upsertFromMagento(record);
    QVERIFY2(id, qPrintable(id ? QString() : id.error().toString()));
    const auto found = repository.findByEntityId(42);
    QVERIFY(found && found->has_value());
    record.id = *id;
    QCOMPARE(found->value(), record);
    QCOMPARE(found->value().createdAt.time().msec(), 250);
    QVERIFY(repository.findByEntityId(43) && !repository.findByEntityId(43)->has_value());
}

void TestOrdersRepository::upsertKeepsSyncState()
{
    const OrdersRepository repository(m_db);
    OrderRecord record = order(7, u"000000007"_s, u"a@example.test"_s, u"A"_s, 1.0, u"pending"_s, 1);
    const auto id = repository.upsertFromMagento(record);
    QVERIFY(id);
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(u"UPDATE orders SET sync_status = 'in_sync', sf_order_id = '801000000000001AAA',"
                       u" attempts = 2 WHERE id = %1"_s.arg(*id)));
    record.status = u"complete"_s;
    record.grandTotal = 2.0;
    record.contentHash = u"changed"_s;
    const auto again = repository.upsertFromMagento(record);
    QVERIFY(again);
    QCOMPARE(*again, *id);
    const auto found = repository.findByEntityId(7);
    QVERIFY(found && found->has_value());
    QCOMPARE(found->value().status, u"complete"_s);
    QCOMPARE(found->value().grandTotal, 2.0);
    QCOMPARE(found->value().contentHash, u"changed"_s);
    QCOMPARE(found->value().syncStatus, SyncStatus::InSync);
    QCOMPARE(found->value().salesforceOrderId, u"801000000000001AAA"_s);
    QCOMPARE(found->value().attempts, 2);
}

void TestOrdersRepository::refusesIncompleteOrder()
{
    const OrdersRepository repository(m_db);
    OrderRecord record = order(8, QString(), u"a@example.test"_s, u"A"_s, 1.0, u"pending"_s, 1);
    const auto id = repository.upsertFromMagento(record);
    QVERIFY(!id);
    QCOMPARE(id.error().code, u"store.orders_invalid"_s);
}

void TestOrdersRepository::searchFollowsChanges()
{
    seed();
    const OrdersRepository repository(m_db);
    OrderQuery query;
    query.search = u"Åström"_s;
    QCOMPARE(*repository.count(query), 0);
    // The customer's name changes in Magento: the new name is found (accents ignored), the old one no more.
    OrderRecord renamed = order(1, u"000000001"_s, u"anna@example.test"_s, u"Anna Åström"_s, 10.0, u"pending"_s, 1);
    QVERIFY(repository.upsertFromMagento(renamed));
    query.search = u"astrom"_s;
    QCOMPARE(*repository.count(query), 1);
    query.search = u"berg"_s;
    QCOMPARE(*repository.count(query), 0);
    QSqlQuery remove(m_db->connection());
    QVERIFY(remove.exec(u"DELETE FROM orders WHERE magento_entity_id = 1"_s));
    query.search = u"astrom"_s;
    QCOMPARE(*repository.count(query), 0);
}

void TestOrdersRepository::pagesFilterAndSort_data()
{
    QTest::addColumn<OrderQuery>("query");
    QTest::addColumn<QList<qint64>>("expectedEntityIds");
    OrderQuery query;
    QTest::newRow("default: newest first") << query << QList<qint64>{4, 3, 2, 1};
    query.descending = false;
    query.sortBy = OrderQuery::SortColumn::GrandTotal;
    QTest::newRow("total ascending") << query << QList<qint64>{3, 1, 4, 2};
    query = {};
    query.sortBy = OrderQuery::SortColumn::CustomerName;
    query.descending = false;
    QTest::newRow("name ascending") << query << QList<qint64>{1, 4, 2, 3};
    query = {};
    query.syncStatus = SyncStatus::Error;
    QTest::newRow("sync status error") << query << QList<qint64>{4, 2};
    query = {};
    query.magentoStatus = u"complete"_s;
    QTest::newRow("magento status") << query << QList<qint64>{4, 3};
    query = {};
    query.search = u"bernd@EX"_s;
    QTest::newRow("email prefix, any case") << query << QList<qint64>{2};
    query.search = u"an"_s;
    QTest::newRow("email or name prefix") << query << QList<qint64>{4, 1};
    query.search = u"00000001"_s;
    QTest::newRow("increment prefix, or the number it spells") << query << QList<qint64>{3, 1};
    query.search = u"10"_s;
    QTest::newRow("number without leading zeros: exact") << query << QList<qint64>{3};
    query.search = u"2"_s;
    QTest::newRow("a short number is no prefix of longer ones") << query << QList<qint64>{2};
    query.search = u"1"_s;
    QTest::newRow("a number is also the start of a word in a name") << query << QList<qint64>{3, 1};
    query.search = u"berg"_s;
    QTest::newRow("last name") << query << QList<qint64>{1};
    query.search = u"BERG anna"_s;
    QTest::newRow("every word, in any order") << query << QList<qint64>{1};
    query.search = u"berg bernd"_s;
    QTest::newRow("every word must match") << query << QList<qint64>{};
    query.search = u"de-000004"_s;
    QTest::newRow("increment ID with a prefix") << query << QList<qint64>{4};
    query.search = u"anton_"_s;
    QTest::newRow("punctuation is no syntax") << query << QList<qint64>{4};
    query.search = u"\"an*\" OR NOT x"_s;
    QTest::newRow("FTS5 syntax is taken as words") << query << QList<qint64>{};
    query.search = u"Carla 100%"_s;
    QTest::newRow("percent is literal") << query << QList<qint64>{3};
    query.search = u"%"_s;
    QTest::newRow("percent alone") << query << QList<qint64>{};
    query = {};
    query.syncStatus = SyncStatus::Error;
    query.search = u"anton"_s;
    QTest::newRow("filters combine") << query << QList<qint64>{4};
    query = {};
    // Orders were placed at 10:00:00.250 UTC on March 1-4: both ends of a range are included.
    query.createdFrom = QDateTime(QDate(2026, 3, 2), QTime(10, 0, 0, 250), Qt::UTC);
    QTest::newRow("purchased from") << query << QList<qint64>{4, 3, 2};
    query.createdTo = QDateTime(QDate(2026, 3, 3), QTime(10, 0, 0, 250), Qt::UTC);
    QTest::newRow("purchased between, ends included") << query << QList<qint64>{3, 2};
    // 08:00 UTC on the 2nd to 09:00 UTC on the 3rd: read as local times without conversion it would be {3}.
    query.createdFrom = QDateTime(QDate(2026, 3, 2), QTime(13, 0), QTimeZone(5 * 3600));
    query.createdTo = QDateTime(QDate(2026, 3, 3), QTime(11, 0), QTimeZone(2 * 3600));
    QTest::newRow("range in other time zones") << query << QList<qint64>{2};
    query = {};
    query.createdTo = QDateTime(QDate(2026, 3, 1), QTime(10, 0, 0, 249), Qt::UTC);
    QTest::newRow("purchased before the first") << query << QList<qint64>{};
    query = {};
    query.minGrandTotal = 10.0;
    QTest::newRow("grand total from, end included") << query << QList<qint64>{4, 2, 1};
    query.maxGrandTotal = 99.99;
    QTest::newRow("grand total between") << query << QList<qint64>{4, 1};
    query.minGrandTotal.reset();
    query.maxGrandTotal = 0.0;
    QTest::newRow("grand total up to zero") << query << QList<qint64>{3};
    query = {};
    query.maxGrandTotal = 100.0;
    query.search = u"an"_s;
    query.createdFrom = QDateTime(QDate(2026, 3, 2), QTime(0, 0), Qt::UTC);
    QTest::newRow("ranges combine with the search") << query << QList<qint64>{4};
    query = {};
    query.limit = 2;
    query.offset = 1;
    QTest::newRow("limit and offset") << query << QList<qint64>{3, 2};
}

void TestOrdersRepository::pagesFilterAndSort()
{
    QFETCH(OrderQuery, query);
    QFETCH(QList<qint64>, expectedEntityIds);
    seed();
    const OrdersRepository repository(m_db);
    const auto page = repository.page(query);
    QVERIFY2(page, qPrintable(page ? QString() : page.error().toString()));
    QList<qint64> ids;
    for (const OrderRecord &record : *page)
        ids << record.magentoEntityId;
    QCOMPARE(ids, expectedEntityIds);
    const auto count = repository.count(query);
    QVERIFY(count);
    if (query.limit >= 4)
        QCOMPARE(*count, qint64(expectedEntityIds.size()));
    else
        QCOMPARE(*count, 4);
}

void TestOrdersRepository::offsetPagesAreStableOnTies()
{
    const OrdersRepository repository(m_db);
    for (qint64 i = 1; i <= 25; ++i)
        QVERIFY(repository.upsertFromMagento(order(i, u"%1"_s.arg(i, 9, 10, QChar(u'0')), u"same@example.test"_s,
                                                   u"Same"_s, 5.0, u"pending"_s, 1)));
    OrderQuery query;
    query.sortBy = OrderQuery::SortColumn::GrandTotal;
    query.limit = 10;
    QList<qint64> seen;
    for (query.offset = 0; query.offset < 30; query.offset += 10) {
        const auto page = repository.page(query);
        QVERIFY(page);
        for (const OrderRecord &record : *page)
            seen << record.magentoEntityId;
    }
    QCOMPARE(seen.size(), 25);
    QList<qint64> sorted = seen;
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    QCOMPARE(seen, sorted);
}

QTEST_GUILESS_MAIN(TestOrdersRepository)
#include "tst_ordersrepository.moc"
