// SyncStart: the first Magento connection of a data folder sets orders.sync_since, and only the first;
// a backfill moves it back, never forward; the backfill's query and its API call estimate.

#include "magento/magentochangeledger.h"
#include "magento/magentosearchcriteria.h"
#include "store/database.h"
#include "store/feedpositionrepository.h"
#include "store/settingsrepository.h"
#include "sync/syncstart.h"

#include <QTemporaryDir>
#include <QTest>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestSyncStart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void firstMagentoConnectSetsTheStart();
    void laterConnectsLeaveItAlone_data();
    void laterConnectsLeaveItAlone();
    void backfillMovesTheStartBackOnly();
    void backfillQueryIsByCreationDate();
    void estimatedApiCalls_data();
    void estimatedApiCalls();

private:
    [[nodiscard]] QDateTime storedStart() const { return SettingsRepository(m_db).load()->syncSince(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<Database> m_db;
};

void TestSyncStart::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto db = Database::open(m_dir->filePath(u"orderbridge.sqlite"_s));
    QVERIFY2(db.has_value(), qPrintable(db ? QString() : db.error().toString()));
    m_db = *db;
}

void TestSyncStart::firstMagentoConnectSetsTheStart()
{
    const QDateTime now(QDate(2026, 12, 7), QTime(15, 4, 5, 678), Qt::UTC);
    const auto set = SyncStart::onMagentoConnect(m_db, false, now);
    QVERIFY2(set.has_value(), qPrintable(set ? QString() : set.error().toString()));
    // Whole seconds, rounded down: an order placed in the same second as the connection is kept.
    const QDateTime expected(QDate(2026, 12, 7), QTime(15, 4, 5), Qt::UTC);
    QCOMPARE(set->value_or(QDateTime()), expected);
    QCOMPARE(storedStart(), expected);
    const QString notice = SyncStart::notice(expected);
    QVERIFY2(notice.contains(u"2026-12-07T15:04:05Z"_s) && notice.contains(u"sync --since"_s), qPrintable(notice));
}

void TestSyncStart::laterConnectsLeaveItAlone_data()
{
    QTest::addColumn<bool>("hadMagento");
    QTest::addColumn<bool>("feedTookOrders");
    QTest::newRow("profile had a store") << true << false;
    QTest::newRow("data folder synced before") << false << true;
}

void TestSyncStart::laterConnectsLeaveItAlone()
{
    QFETCH(bool, hadMagento);
    QFETCH(bool, feedTookOrders);
    if (feedTookOrders) {
        MagentoChangeFeedState state;
        state.highWater = QDateTime(QDate(2026, 1, 2), QTime(3, 4), Qt::UTC);
        QVERIFY(FeedPositionRepository(m_db).save(state.toJson()).has_value());
    }
    const auto set = SyncStart::onMagentoConnect(m_db, hadMagento, QDateTime::currentDateTimeUtc());
    QVERIFY(set.has_value());
    QVERIFY(!set->has_value());
    QVERIFY(!storedStart().isValid()); // all history, as before
}

void TestSyncStart::backfillMovesTheStartBackOnly()
{
    const QDateTime start(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC);
    QVERIFY(SyncStart::onMagentoConnect(m_db, false, start).has_value());
    const QDateTime later(QDate(2026, 7, 1), QTime(0, 0), Qt::UTC);
    QVERIFY(SyncStart::extendTo(m_db, later).has_value());
    QCOMPARE(storedStart(), start);
    const QDateTime earlier(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
    QVERIFY(SyncStart::extendTo(m_db, earlier).has_value());
    QCOMPARE(storedStart(), earlier);
}

void TestSyncStart::backfillQueryIsByCreationDate()
{
    const MagentoSearchCriteria page = SyncStart::backfillPage(QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC), 3);
    const auto items = page.queryItems();
    const auto has = [&items](const QString &key, const QString &value) {
        return items.contains(qMakePair(key, value));
    };
    QVERIFY(has(u"searchCriteria[filter_groups][0][filters][0][field]"_s, u"created_at"_s));
    QVERIFY(has(u"searchCriteria[filter_groups][0][filters][0][value]"_s, u"2000-01-01 00:00:00"_s));
    QVERIFY(has(u"searchCriteria[filter_groups][0][filters][0][condition_type]"_s, u"gteq"_s));
    QVERIFY(has(u"searchCriteria[pageSize]"_s, u"300"_s));
    QVERIFY(has(u"searchCriteria[currentPage]"_s, u"3"_s));
}

void TestSyncStart::estimatedApiCalls_data()
{
    QTest::addColumn<qint64>("orders");
    QTest::addColumn<int>("batchSize");
    QTest::addColumn<int>("calls");
    QTest::newRow("none") << qint64(0) << 200 << 0;
    QTest::newRow("one") << qint64(1) << 200 << 2;
    QTest::newRow("one full batch: lookup + 3 payloads") << qint64(200) << 200 << 4;
    // The benchmark's figure: 10,000 orders, 200 calls (README › Benchmarks).
    QTest::newRow("10,000") << qint64(10000) << 200 << 200;
    QTest::newRow("small batches") << qint64(25) << 10 << 6;
}

void TestSyncStart::estimatedApiCalls()
{
    QFETCH(qint64, orders);
    QFETCH(int, batchSize);
    QFETCH(int, calls);
    QCOMPARE(SyncStart::estimatedApiCalls(orders, batchSize), calls);
}

QTEST_GUILESS_MAIN(TestSyncStart)
#include "tst_syncstart.moc"
