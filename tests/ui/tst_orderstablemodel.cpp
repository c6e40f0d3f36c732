#include "orders/orderstablemodel.h"
#include "ordersfixture.h"

#include "store/database.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::SyncStatus;

namespace {
// More rows than the cache holds (16 pages of 200), so eviction is exercised.
constexpr int orderCount = 3650;
}

class TestOrdersTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void passesTheModelTester();
    void countsInSqlAndLoadsPagesOnDemand();
    void cacheStaysSmall();
    void displaysFormattedFacts();
    void formatsMoneyInTheUserLocale_data();
    void formatsMoneyInTheUserLocale();
    void grandTotalFollowsTheDefaultLocale();
    void sorts_data();
    void sorts();
    void filters_data();
    void filters();
    void filteredSortedRowsMatchTheQuery();
    void refreshRowsReReadsOnlyLoadedRowsWithRangedSignals();
    void withoutStoreIsEmpty();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<OrderBridge::Database> m_database;
};

void TestOrdersTableModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    auto opened = OrderBridge::Database::open(m_dir.filePath(u"orders.sqlite"_s));
    if (!opened)
        QFAIL(qPrintable(opened.error().toString()));
    m_database = *opened;
    const QString error = OrdersFixture::fill(*m_database, orderCount);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestOrdersTableModel::passesTheModelTester()
{
    OrdersTableModel model(m_database);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), orderCount);
    model.sort(OrdersTableModel::IdColumn, Qt::AscendingOrder);
    model.setFilters(u"alice"_s, QString(), std::nullopt);
    model.setFilters(u"alice"_s, u"pending"_s, SyncStatus::Error);
    model.setFilters(QString(), QString(), std::nullopt);
    (void)model.index(orderCount - 1, 0).data();
    QVERIFY(OrdersFixture::markInSync(*m_database, 6, u"801000000000000AAA"_s));
    model.refreshRows({6, orderCount});
    model.reload();
    QVERIFY(!QTest::currentTestFailed());
}

void TestOrdersTableModel::countsInSqlAndLoadsPagesOnDemand()
{
    OrdersTableModel model(m_database);
    QCOMPARE(model.rowCount(), orderCount);
    QCOMPARE(model.columnCount(), int(OrdersTableModel::ColumnCount));
    // Counting reads no rows.
    QCOMPARE(model.cachedPageCount(), 0);
    // Newest first by default: row 0 is the last order, row 200 starts the second page.
    QCOMPARE(model.index(0, OrdersTableModel::IdColumn).data().toString(), OrdersFixture::incrementId(orderCount));
    QCOMPARE(model.cachedPageCount(), 1);
    QCOMPARE(model.index(199, OrdersTableModel::IdColumn).data().toString(), OrdersFixture::incrementId(orderCount - 199));
    QCOMPARE(model.cachedPageCount(), 1);
    QCOMPARE(model.index(200, OrdersTableModel::IdColumn).data().toString(), OrdersFixture::incrementId(orderCount - 200));
    QCOMPARE(model.cachedPageCount(), 2);
    const int last = orderCount - 1;
    QCOMPARE(model.index(last, OrdersTableModel::IdColumn).data().toString(), OrdersFixture::incrementId(1));
    QCOMPARE(model.cachedPageCount(), 3);
    QCOMPARE(model.index(last, 0).data(OrdersTableModel::EntityIdRole).toLongLong(), 1);
}

void TestOrdersTableModel::cacheStaysSmall()
{
    OrdersTableModel model(m_database);
    for (int row = 0; row < model.rowCount(); row += OrdersTableModel::pageSize())
        QCOMPARE(model.index(row, 0).data(OrdersTableModel::IncrementIdRole).toString(),
                 OrdersFixture::incrementId(orderCount - row));
    QCOMPARE(model.cachedPageCount(), OrdersTableModel::maxCachedPages());
    // An evicted page is read again, correctly.
    QCOMPARE(model.index(1, 0).data().toString(), OrdersFixture::incrementId(orderCount - 1));
}

void TestOrdersTableModel::displaysFormattedFacts()
{
    OrdersTableModel model(m_database);
    model.sort(OrdersTableModel::IdColumn, Qt::AscendingOrder);
    // Order 1 is Bob Jones (1 % 4), processing (1 % 3), pending sync (1 % 5); order 2 is out of sync.
    QCOMPARE(model.index(0, OrdersTableModel::BillToNameColumn).data().toString(), u"Bob Jones"_s);
    QCOMPARE(model.index(0, OrdersTableModel::StatusColumn).data().toString(), u"Processing"_s);
    QCOMPARE(model.index(0, OrdersTableModel::StatusColumn).data(OrdersTableModel::SortRole).toString(), u"processing"_s);
    QCOMPARE(model.index(0, OrdersTableModel::SyncStatusColumn).data().toString(), u"Pending"_s);
    QCOMPARE(model.index(0, 0).data(OrdersTableModel::SyncStatusRole).toInt(), int(SyncStatus::Pending));
    const QString total = model.index(0, OrdersTableModel::GrandTotalColumn).data().toString();
    QVERIFY2(total.contains(u'$') && total.contains(u"17"_s), qPrintable(total));
    QCOMPARE(model.index(0, OrdersTableModel::GrandTotalColumn).data(OrdersTableModel::SortRole).toDouble(),
             OrdersFixture::grandTotal(1));
    QVERIFY(!model.index(0, OrdersTableModel::PurchaseDateColumn).data().toString().isEmpty());
    QCOMPARE(model.index(0, OrdersTableModel::PurchaseDateColumn).data(OrdersTableModel::SortRole).toDateTime(),
             QDateTime(QDate(2026, 1, 1), QTime(8, 1), Qt::UTC));
    QCOMPARE(model.index(1, 0).data(OrdersTableModel::SyncStatusRole).toInt(), int(SyncStatus::OutOfSync));
    QCOMPARE(model.index(1, OrdersTableModel::SyncStatusColumn).data(OrdersTableModel::ReasonRole).toString(),
             u"Created only for paid orders."_s);
    QCOMPARE(model.index(1, 0).data(OrdersTableModel::SalesforceIdRole).toString(), QString());
    // Order 5 (5 % 5 == 0) is in sync and linked.
    QCOMPARE(model.index(4, OrdersTableModel::SalesforceIdColumn).data().toString(), u"801000000000000005"_s);
    QCOMPARE(model.headerData(OrdersTableModel::SalesforceIdColumn, Qt::Horizontal).toString(), u"Salesforce Order ID"_s);
    QCOMPARE(model.headerData(OrdersTableModel::SyncStatusColumn, Qt::Horizontal).toString(), u"Salesforce Sync Status"_s);
}

void TestOrdersTableModel::formatsMoneyInTheUserLocale_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<double>("amount");
    QTest::addColumn<QString>("expected");
    const QLocale us(QLocale::English, QLocale::UnitedStates);
    const QLocale de(QLocale::German, QLocale::Germany);
    const QChar nbsp(0x00A0);
    QTest::newRow("USD en_US") << us << u"USD"_s << 90.19 << u"$90.19"_s;
    QTest::newRow("EUR en_US") << us << u"EUR"_s << 90.19 << u"€90.19"_s;
    QTest::newRow("USD de_DE") << de << u"USD"_s << 90.19 << (u"90,19"_s + nbsp + u"$"_s);
    QTest::newRow("EUR de_DE") << de << u"EUR"_s << 90.19 << (u"90,19"_s + nbsp + u"€"_s);
    QTest::newRow("EUR de_DE thousands") << de << u"EUR"_s << 1234.5 << (u"1.234,50"_s + nbsp + u"€"_s);
    QTest::newRow("USD en_US thousands") << us << u"USD"_s << 1234.5 << u"$1,234.50"_s;
    // The complaint: the C locale wrote "90.19$".
    QTest::newRow("USD C") << QLocale::c() << u"USD"_s << 90.19 << u"$90.19"_s;
    QTest::newRow("lower-case code") << us << u"eur"_s << 5.0 << u"€5.00"_s;
    QTest::newRow("CAD en_US") << us << u"CAD"_s << 5.0 << u"CA$5.00"_s;
    QTest::newRow("CAD en_CA") << QLocale(QLocale::English, QLocale::Canada) << u"CAD"_s << 5.0 << u"$5.00"_s;
    QTest::newRow("CHF en_US") << us << u"CHF"_s << 5.0 << (u"CHF"_s + nbsp + u"5.00"_s);
    QTest::newRow("JPY en_US") << us << u"JPY"_s << 1500.0 << u"¥1,500"_s;
    QTest::newRow("unknown code") << us << u"XTS"_s << 5.0 << (u"XTS"_s + nbsp + u"5.00"_s);
    QTest::newRow("unknown code de_DE") << de << u"XTS"_s << 5.0 << (u"5,00"_s + nbsp + u"XTS"_s);
}

void TestOrdersTableModel::formatsMoneyInTheUserLocale()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, currency);
    QFETCH(double, amount);
    QFETCH(QString, expected);
    QCOMPARE(OrdersTableModel::formatMoney(amount, currency, locale), expected);
}

void TestOrdersTableModel::grandTotalFollowsTheDefaultLocale()
{
    // The grid formats with the user's locale at paint time (the fixture's orders are in USD).
    const QLocale before;
    OrdersTableModel model(m_database);
    model.sort(OrdersTableModel::IdColumn, Qt::AscendingOrder);
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const QString german = model.index(0, OrdersTableModel::GrandTotalColumn).data().toString();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const QString american = model.index(0, OrdersTableModel::GrandTotalColumn).data().toString();
    QLocale::setDefault(QLocale::c());
    const QString plain = model.index(0, OrdersTableModel::GrandTotalColumn).data().toString();
    QLocale::setDefault(before);
    QCOMPARE(german, u"17,25"_s + QChar(0x00A0) + u"$"_s);
    QCOMPARE(american, u"$17.25"_s);
    QCOMPARE(plain, u"$17.25"_s);
}

void TestOrdersTableModel::sorts_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QString>("firstIncrementId");
    QTest::newRow("id ascending") << int(OrdersTableModel::IdColumn) << Qt::AscendingOrder << OrdersFixture::incrementId(1);
    QTest::newRow("id descending") << int(OrdersTableModel::IdColumn) << Qt::DescendingOrder
                                   << OrdersFixture::incrementId(orderCount);
    QTest::newRow("date ascending") << int(OrdersTableModel::PurchaseDateColumn) << Qt::AscendingOrder
                                    << OrdersFixture::incrementId(1);
    // Name, case-insensitive: "Alice" (i % 4 == 0), lowest id first as the tie-breaker.
    QTest::newRow("name ascending") << int(OrdersTableModel::BillToNameColumn) << Qt::AscendingOrder
                                    << OrdersFixture::incrementId(4);
    // "dave Brown" sorts last without regard to case; ties by id descending.
    QTest::newRow("name descending") << int(OrdersTableModel::BillToNameColumn) << Qt::DescendingOrder
                                     << OrdersFixture::incrementId(3647);
    // grand total 10.25 + (i*7 % 1000): the smallest is i = 1000 (7000 % 1000 == 0).
    QTest::newRow("total ascending") << int(OrdersTableModel::GrandTotalColumn) << Qt::AscendingOrder
                                     << OrdersFixture::incrementId(1000);
    QTest::newRow("status ascending") << int(OrdersTableModel::StatusColumn) << Qt::AscendingOrder
                                      << OrdersFixture::incrementId(2); // "complete" first, i % 3 == 2
    QTest::newRow("sync ascending") << int(OrdersTableModel::SyncStatusColumn) << Qt::AscendingOrder
                                    << OrdersFixture::incrementId(3); // "error" sorts first: i % 5 == 3
}

void TestOrdersTableModel::sorts()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QString, firstIncrementId);
    OrdersTableModel model(m_database);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.sort(column, order);
    QCOMPARE(model.sortColumn(), column);
    QCOMPARE(model.sortOrder(), order);
    QCOMPARE(model.rowCount(), orderCount);
    QCOMPARE(model.index(0, 0).data().toString(), firstIncrementId);
    // The sort role agrees with the SQL order over a whole page.
    const int role = OrdersTableModel::SortRole;
    for (int row = 1; row < OrdersTableModel::pageSize() + 5; ++row) {
        const QVariant previous = model.index(row - 1, column).data(role);
        const QVariant current = model.index(row, column).data(role);
        const int cmp = column == OrdersTableModel::BillToNameColumn
            ? previous.toString().compare(current.toString(), Qt::CaseInsensitive)
            : QVariant::compare(previous, current) == QPartialOrdering::Less      ? -1
            : QVariant::compare(previous, current) == QPartialOrdering::Greater ? 1
                                                                                : 0;
        QVERIFY2(order == Qt::AscendingOrder ? cmp <= 0 : cmp >= 0, qPrintable(u"row %1"_s.arg(row)));
    }
}

void TestOrdersTableModel::filters_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("sync"); // -1: any
    QTest::addColumn<int>("expected");

    auto expected = [](auto predicate) {
        int n = 0;
        for (int i = 1; i <= orderCount; ++i)
            n += predicate(i) ? 1 : 0;
        return n;
    };
    QTest::newRow("none") << QString() << QString() << -1 << orderCount;
    QTest::newRow("order number prefix") << u"10000012"_s << QString() << -1
                                         << expected([](int i) { return OrdersFixture::incrementId(i).startsWith(u"10000012"_s); });
    QTest::newRow("exact order number") << OrdersFixture::incrementId(77) << QString() << -1 << 1;
    QTest::newRow("email prefix any case") << u"CAROL1"_s << QString() << -1
                                           << expected([](int i) { return OrdersFixture::email(i).startsWith(u"carol1"_s); });
    QTest::newRow("name prefix") << u"dave b"_s << QString() << -1 << expected([](int i) { return i % 4 == 3; });
    QTest::newRow("no match") << u"zz"_s << QString() << -1 << 0;
    QTest::newRow("percent is literal") << u"%"_s << QString() << -1 << 0;
    QTest::newRow("status") << QString() << u"complete"_s << -1 << expected([](int i) { return i % 3 == 2; });
    QTest::newRow("sync status") << QString() << QString() << int(SyncStatus::Error)
                                 << expected([](int i) { return OrdersFixture::syncStatus(i) == SyncStatus::Error; });
    QTest::newRow("all three") << u"alice"_s << u"pending"_s << int(SyncStatus::InSync)
                               << expected([](int i) { return i % 4 == 0 && i % 3 == 0 && i % 5 == 0; });
}

void TestOrdersTableModel::filters()
{
    QFETCH(QString, search);
    QFETCH(QString, status);
    QFETCH(int, sync);
    QFETCH(int, expected);
    OrdersTableModel model(m_database);
    const std::optional<SyncStatus> syncStatus = sync < 0 ? std::nullopt : std::optional(SyncStatus(sync));
    model.setFilters(search, status, syncStatus);
    QCOMPARE(model.rowCount(), expected);
    QCOMPARE(model.search(), search.trimmed());
    for (int row = 0; row < qMin(expected, 50); ++row) {
        const QModelIndex index = model.index(row, 0);
        if (!status.isEmpty())
            QCOMPARE(model.index(row, OrdersTableModel::StatusColumn).data(OrdersTableModel::SortRole).toString(), status);
        if (syncStatus)
            QCOMPARE(index.data(OrdersTableModel::SyncStatusRole).toInt(), sync);
    }
}

void TestOrdersTableModel::filteredSortedRowsMatchTheQuery()
{
    OrdersTableModel model(m_database);
    model.setFilters(u"bob"_s, QString(), SyncStatus::Pending);
    model.sort(OrdersTableModel::GrandTotalColumn, Qt::DescendingOrder);
    QList<int> expected;
    for (int i = 1; i <= orderCount; ++i) {
        if (i % 4 == 1 && OrdersFixture::syncStatus(i) == SyncStatus::Pending)
            expected << i;
    }
    std::stable_sort(expected.begin(), expected.end(), [](int a, int b) {
        const double ta = OrdersFixture::grandTotal(a), tb = OrdersFixture::grandTotal(b);
        return ta != tb ? ta > tb : a > b;
    });
    QCOMPARE(model.rowCount(), int(expected.size()));
    for (int row = 0; row < expected.size(); ++row)
        QCOMPARE(model.index(row, 0).data(OrdersTableModel::EntityIdRole).toLongLong(), qint64(expected.at(row)));
}

void TestOrdersTableModel::refreshRowsReReadsOnlyLoadedRowsWithRangedSignals()
{
    OrdersTableModel model(m_database);
    model.sort(OrdersTableModel::IdColumn, Qt::AscendingOrder);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Load the first page only: rows 0..199 are entity ids 1..200.
    QCOMPARE(model.index(0, 0).data(OrdersTableModel::EntityIdRole).toLongLong(), 1);
    QVERIFY(OrdersFixture::markInSync(*m_database, 11, u"801000000000011XYZ"_s));
    QVERIFY(OrdersFixture::markInSync(*m_database, 12, u"801000000000012XYZ"_s));
    QVERIFY(OrdersFixture::markError(*m_database, 40, u"salesforce.FIELD_CUSTOM_VALIDATION_EXCEPTION"_s,
                                     u"Order: Status is not valid."_s, u"Pick a Draft status."_s));
    QVERIFY(OrdersFixture::markInSync(*m_database, 3000, u"801000000003000XYZ"_s)); // not loaded

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QCOMPARE(model.refreshRows({40, 12, 11, 3000}), 3);
    QCOMPARE(reset.count(), 0);
    // Two runs of adjacent rows: 10..11 and 39, each over every column.
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(10, 0));
    QCOMPARE(changed.at(0).at(1).toModelIndex(), model.index(11, OrdersTableModel::ColumnCount - 1));
    QCOMPARE(changed.at(1).at(0).toModelIndex(), model.index(39, 0));
    QCOMPARE(changed.at(1).at(1).toModelIndex(), model.index(39, OrdersTableModel::ColumnCount - 1));
    QCOMPARE(model.index(10, OrdersTableModel::SalesforceIdColumn).data().toString(), u"801000000000011XYZ"_s);
    QCOMPARE(model.index(11, 0).data(OrdersTableModel::SyncStatusRole).toInt(), int(SyncStatus::InSync));
    QCOMPARE(model.index(39, 0).data(OrdersTableModel::ErrorCodeRole).toString(),
             u"salesforce.FIELD_CUSTOM_VALIDATION_EXCEPTION"_s);
    QCOMPARE(model.index(39, 0).data(OrdersTableModel::ReasonRole).toString(), u"Pick a Draft status."_s);
    // An unchanged row is no news.
    changed.clear();
    QCOMPARE(model.refreshRows({11}), 0);
    QCOMPARE(changed.count(), 0);
    // The row that was not loaded shows its new state when it is read.
    QCOMPARE(model.index(2999, OrdersTableModel::SalesforceIdColumn).data().toString(), u"801000000003000XYZ"_s);
}

void TestOrdersTableModel::withoutStoreIsEmpty()
{
    OrdersTableModel model(nullptr);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setFilters(u"x"_s, QString(), SyncStatus::Error);
    QCOMPARE(model.refreshRows({1}), 0);
}

QTEST_MAIN(TestOrdersTableModel)
#include "tst_orderstablemodel.moc"
