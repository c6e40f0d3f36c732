#include "common/localdatetext.h"
#include "log/logtablemodel.h"
#include "logfixture.h"

#include "store/database.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::SyncLogQuery;

namespace {
// More entries than the cache holds (16 pages of 200), so eviction is exercised.
constexpr int entryCount = 3650;

int expectedCount(const std::function<bool(int)> &match)
{
    int n = 0;
    for (int i = 1; i <= entryCount; ++i)
        n += match(i) ? 1 : 0;
    return n;
}
}

class TestLogTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void passesTheModelTester();
    void newestFirstReadInPages();
    void cacheStaysSmall();
    void showsTheEntry();
    void filtersByLevel_data();
    void filtersByLevel();
    void filtersByOrderNumber_data();
    void filtersByOrderNumber();
    void filtersByTimeRange();
    void newEntriesWaitForRefresh();
    void refreshInsertsMatchingEntriesAtTheTop();
    void refreshResetsWhenEntriesVanish();
    void startsEmptyAndFills();
    void withoutStoreIsEmpty();

private:
    QTemporaryDir m_dir;
    int m_run = 0;
    std::shared_ptr<OrderBridge::Database> m_database;
};

void TestLogTableModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestLogTableModel::init()
{
    // A fresh store per test: some tests add and remove entries.
    m_database.reset();
    auto opened = OrderBridge::Database::open(m_dir.filePath(u"log%1.sqlite"_s.arg(++m_run)));
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().toString()));
    m_database = *opened;
    const QString error = LogFixture::fill(*m_database, 1, entryCount);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestLogTableModel::passesTheModelTester()
{
    LogTableModel model(m_database);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), entryCount);
    SyncLogQuery query;
    query.level = SyncLogQuery::Level::Errors;
    model.setQuery(query);
    query.orderSearch = u"1000001"_s;
    model.setQuery(query);
    model.setQuery(SyncLogQuery{});
    (void)model.index(entryCount - 1, 0).data();
    QVERIFY(LogFixture::log(*m_database, u"error"_s, u"200000001"_s, u"X"_s, u"new"_s).isEmpty());
    QCOMPARE(model.refresh(), 1);
    QSqlQuery remove(m_database->connection());
    QVERIFY(remove.exec(u"DELETE FROM sync_log WHERE id < 10"_s));
    QVERIFY(LogFixture::log(*m_database, u"info"_s, u"200000002"_s, {}, u"newer"_s).isEmpty());
    QCOMPARE(model.refresh(), 0); // a reset
    QVERIFY(!QTest::currentTestFailed());
}

void TestLogTableModel::newestFirstReadInPages()
{
    LogTableModel model(m_database);
    QCOMPARE(model.rowCount(), entryCount);
    QCOMPARE(model.columnCount(), int(LogTableModel::ColumnCount));
    QCOMPARE(model.cachedPageCount(), 0); // counting reads no rows
    QCOMPARE(model.index(0, LogTableModel::MessageColumn).data().toString(), LogFixture::message(entryCount));
    QCOMPARE(model.cachedPageCount(), 1);
    QCOMPARE(model.index(LogTableModel::pageSize(), LogTableModel::MessageColumn).data().toString(),
             LogFixture::message(entryCount - LogTableModel::pageSize()));
    QCOMPARE(model.cachedPageCount(), 2);
    QCOMPARE(model.index(entryCount - 1, LogTableModel::MessageColumn).data().toString(), LogFixture::message(1));
    // Strictly newest first over the whole log.
    QDateTime previous = model.index(0, 0).data(LogTableModel::SortRole).toDateTime();
    for (int row = 1; row < entryCount; row += 37) {
        const QDateTime t = model.index(row, 0).data(LogTableModel::SortRole).toDateTime();
        QVERIFY(t < previous);
        previous = t;
    }
}

void TestLogTableModel::cacheStaysSmall()
{
    LogTableModel model(m_database);
    for (int row = 0; row < entryCount; row += LogTableModel::pageSize())
        (void)model.index(row, 0).data();
    QCOMPARE(model.cachedPageCount(), LogTableModel::maxCachedPages());
    // An evicted page is read again, correctly.
    QCOMPARE(model.index(0, LogTableModel::MessageColumn).data().toString(), LogFixture::message(entryCount));
}

void TestLogTableModel::showsTheEntry()
{
    LogTableModel model(m_database);
    // Row r is entry entryCount - r; pick an error entry with an order.
    const int i = 3645; // 3645 % 4 == 1: error; order 100001823
    const int row = entryCount - i;
    // The console's one date format, with seconds and a four-digit year.
    const QDateTime loggedAt = LogFixture::loggedAt(i).toLocalTime();
    const QString time = model.index(row, LogTableModel::TimeColumn).data().toString();
    QCOMPARE(time, LocalDateText::dateTimeWithSeconds(loggedAt));
    QVERIFY2(time.contains(QString::number(loggedAt.date().year())), qPrintable(time));
    QVERIFY2(time.contains(loggedAt.toString(u"ss"_s)), qPrintable(time));
    QCOMPARE(model.index(row, LogTableModel::LevelColumn).data().toString(), u"Error"_s);
    QCOMPARE(model.index(row, LogTableModel::LevelColumn).data(LogTableModel::LevelRole).toString(), u"error"_s);
    QCOMPARE(model.index(row, LogTableModel::OrderColumn).data().toString(), LogFixture::order(i));
    QCOMPARE(model.index(row, LogTableModel::ObjectColumn).data().toString(), u"Order"_s);
    QCOMPARE(model.index(row, LogTableModel::ErrorCodeColumn).data().toString(), u"CODE_3645"_s);
    QCOMPARE(model.index(row, LogTableModel::MessageColumn).data().toString(), u"Message 3645"_s);
    QCOMPARE(model.index(row, LogTableModel::FieldsColumn).data().toString(), u"Field3645__c,Status"_s);
    QCOMPARE(model.index(row, 0).data(LogTableModel::IncrementIdRole).toString(), LogFixture::order(i));
    QCOMPARE(model.headerData(LogTableModel::ErrorCodeColumn, Qt::Horizontal).toString(), u"Error Code"_s);
    // Multi-line messages are one line in the cell and whole in the tooltip.
    QVERIFY(LogFixture::log(*m_database, u"error"_s, u"1"_s, u"C"_s, u"first\nsecond"_s).isEmpty());
    QCOMPARE(model.refresh(), 1);
    QCOMPARE(model.index(0, LogTableModel::MessageColumn).data().toString(), u"first second"_s);
    QCOMPARE(model.index(0, LogTableModel::MessageColumn).data(Qt::ToolTipRole).toString(), u"first\nsecond"_s);
}

void TestLogTableModel::filtersByLevel_data()
{
    QTest::addColumn<int>("level");
    QTest::addColumn<QString>("name");
    QTest::newRow("errors") << int(SyncLogQuery::Level::Errors) << u"error"_s;
    QTest::newRow("warnings") << int(SyncLogQuery::Level::Warnings) << u"warning"_s;
    QTest::newRow("info") << int(SyncLogQuery::Level::Info) << u"info"_s;
    QTest::newRow("all") << int(SyncLogQuery::Level::All) << QString();
}

void TestLogTableModel::filtersByLevel()
{
    QFETCH(int, level);
    QFETCH(QString, name);
    LogTableModel model(m_database);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    SyncLogQuery query;
    query.level = SyncLogQuery::Level(level);
    model.setQuery(query);
    const int expected = expectedCount([&](int i) { return name.isEmpty() || LogFixture::level(i) == name; });
    QCOMPARE(model.rowCount(), expected);
    QCOMPARE(resets.count(), name.isEmpty() ? 0 : 1); // an unchanged filter does not reset
    for (int row = 0; row < model.rowCount(); row += 13) {
        if (!name.isEmpty())
            QCOMPARE(model.index(row, 0).data(LogTableModel::LevelRole).toString(), name);
    }
    // Still newest first within the level.
    if (!name.isEmpty()) {
        int newest = entryCount;
        while (LogFixture::level(newest) != name)
            --newest;
        QCOMPARE(model.index(0, LogTableModel::MessageColumn).data().toString(), LogFixture::message(newest));
    }
}

void TestLogTableModel::filtersByOrderNumber_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<int>("level");
    QTest::newRow("one order") << u"100000005"_s << int(SyncLogQuery::Level::All);
    QTest::newRow("prefix") << u"10000012"_s << int(SyncLogQuery::Level::All);
    QTest::newRow("prefix, trimmed") << u"  1000001 "_s << int(SyncLogQuery::Level::All);
    QTest::newRow("prefix and errors") << u"1000001"_s << int(SyncLogQuery::Level::Errors);
    QTest::newRow("nothing") << u"999"_s << int(SyncLogQuery::Level::All);
}

void TestLogTableModel::filtersByOrderNumber()
{
    QFETCH(QString, search);
    QFETCH(int, level);
    LogTableModel model(m_database);
    SyncLogQuery query;
    query.orderSearch = search;
    query.level = SyncLogQuery::Level(level);
    model.setQuery(query);
    const QString prefix = search.trimmed();
    const int expected = expectedCount([&](int i) {
        return !LogFixture::order(i).isEmpty() && LogFixture::order(i).startsWith(prefix)
               && (level == int(SyncLogQuery::Level::All) || LogFixture::level(i) == u"error"_s);
    });
    QCOMPARE(model.rowCount(), expected);
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(model.index(row, LogTableModel::OrderColumn).data().toString().startsWith(prefix));
    QCOMPARE(model.query().orderSearch, prefix);
}

void TestLogTableModel::filtersByTimeRange()
{
    LogTableModel model(m_database);
    SyncLogQuery query;
    query.from = LogFixture::loggedAt(100);
    query.to = LogFixture::loggedAt(200);
    model.setQuery(query);
    QCOMPARE(model.rowCount(), 100); // [100, 200)
    QCOMPARE(model.index(0, LogTableModel::MessageColumn).data().toString(), LogFixture::message(199));
    QCOMPARE(model.index(99, LogTableModel::MessageColumn).data().toString(), LogFixture::message(100));
}

void TestLogTableModel::newEntriesWaitForRefresh()
{
    LogTableModel model(m_database);
    (void)model.index(0, 0).data();
    QVERIFY(LogFixture::log(*m_database, u"error"_s, u"200000001"_s, u"X"_s, u"new"_s).isEmpty());
    // The model reads its snapshot: pages read now do not shift under the view.
    QCOMPARE(model.rowCount(), entryCount);
    (void)model.index(LogTableModel::pageSize() * 3, 0).data();
    QCOMPARE(model.index(LogTableModel::pageSize() * 3, LogTableModel::MessageColumn).data().toString(),
             LogFixture::message(entryCount - LogTableModel::pageSize() * 3));
    QCOMPARE(model.index(0, LogTableModel::MessageColumn).data().toString(), LogFixture::message(entryCount));
}

void TestLogTableModel::refreshInsertsMatchingEntriesAtTheTop()
{
    LogTableModel model(m_database);
    SyncLogQuery errors;
    errors.level = SyncLogQuery::Level::Errors;
    model.setQuery(errors);
    const int before = model.rowCount();
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QCOMPARE(model.refresh(), 0); // nothing new
    QVERIFY(LogFixture::log(*m_database, u"error"_s, u"200000001"_s, u"A"_s, u"first"_s).isEmpty());
    QVERIFY(LogFixture::log(*m_database, u"info"_s, u"200000001"_s, {}, u"not an error"_s).isEmpty());
    QVERIFY(LogFixture::log(*m_database, u"error"_s, u"200000002"_s, u"B"_s, u"second"_s).isEmpty());
    QCOMPARE(model.refresh(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(model.rowCount(), before + 2);
    QCOMPARE(model.index(0, LogTableModel::MessageColumn).data().toString(), u"second"_s);
    QCOMPARE(model.index(1, LogTableModel::MessageColumn).data().toString(), u"first"_s);
    QCOMPARE(model.index(2, LogTableModel::MessageColumn).data().toString(), LogFixture::message(3649)); // the newest fixture error
    // Only non-matching news: no rows, nothing reset.
    QVERIFY(LogFixture::log(*m_database, u"warning"_s, u"200000003"_s, {}, u"w"_s).isEmpty());
    QCOMPARE(model.refresh(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(model.rowCount(), before + 2);
}

void TestLogTableModel::refreshResetsWhenEntriesVanish()
{
    LogTableModel model(m_database);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSqlQuery remove(m_database->connection());
    QVERIFY(remove.exec(u"DELETE FROM sync_log WHERE id <= 50"_s));
    QVERIFY(LogFixture::log(*m_database, u"info"_s, u"1"_s, {}, u"n"_s).isEmpty());
    QCOMPARE(model.refresh(), 0);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), entryCount - 50 + 1);
}

void TestLogTableModel::startsEmptyAndFills()
{
    auto opened = OrderBridge::Database::open(m_dir.filePath(u"empty%1.sqlite"_s.arg(m_run)));
    QVERIFY(opened);
    LogTableModel model(*opened);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.refresh(), 0);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QVERIFY(LogFixture::log(**opened, u"error"_s, u"1"_s, u"A"_s, u"a"_s).isEmpty());
    QVERIFY(LogFixture::log(**opened, u"info"_s, u"1"_s, {}, u"b"_s).isEmpty());
    QCOMPARE(model.refresh(), 2);
    QCOMPARE(inserted.count(), 1);
    QVERIFY(LogFixture::log(**opened, u"info"_s, u"2"_s, {}, u"c"_s).isEmpty());
    QCOMPARE(model.refresh(), 1);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(model.index(0, LogTableModel::MessageColumn).data().toString(), u"c"_s);
    QCOMPARE(model.index(2, LogTableModel::MessageColumn).data().toString(), u"a"_s);
}

void TestLogTableModel::withoutStoreIsEmpty()
{
    LogTableModel model(nullptr);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.refresh(), 0);
    model.setQuery(SyncLogQuery{SyncLogQuery::Level::Errors, u"1"_s, {}, {}, 0, 0});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestLogTableModel)
#include "tst_logtablemodel.moc"
