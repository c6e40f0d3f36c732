#include "storeundertest.h"
#include "store/database.h"
#include "store/synclogrepository.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

Q_DECLARE_METATYPE(SyncLogQuery)

namespace {

const QDateTime t0(QDate(2026, 11, 20), QTime(10, 0), QTimeZone::utc());

SyncLogEntry entry(int minute, const QString &level, const QString &order, const QString &message,
                   const QString &code = {}, const QString &fields = {})
{
    SyncLogEntry e;
    e.loggedAt = t0.addSecs(60 * minute);
    e.level = level;
    e.incrementId = order;
    e.object = order.isEmpty() ? QString() : u"Order"_s;
    e.errorCode = code;
    e.message = message;
    e.fields = fields;
    return e;
}

QStringList messages(const QList<SyncLogEntry> &entries)
{
    QStringList out;
    for (const SyncLogEntry &e : entries)
        out << e.message;
    return out;
}

} // namespace

class TestSyncLogRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void appendsAndReadsBack();
    void appendWithoutTimeLogsNow();
    void appendIsAllOrNothing();
    void filters_data();
    void filters();
    void pagesNewestFirst();
    void forOrderIsExactAndLimited();
    void forEachStreamsErrors();
    void idsAndAppendedOnTop();

private:
    void seed();

    std::unique_ptr<QTemporaryDir> m_dir;
    StoreUnderTest m_store;
    QString m_location;
    std::shared_ptr<Database> m_db;
};

void TestSyncLogRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_location = m_store.create(*m_dir);
    QVERIFY2(!m_location.isEmpty(), qPrintable(m_store.errorString()));
    auto db = m_store.open(m_location);
    QVERIFY2(db, db ? "" : qPrintable(db.error().toString()));
    m_db = *db;
}

void TestSyncLogRepository::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void TestSyncLogRepository::seed()
{
    const auto appended = SyncLogRepository(m_db).append({
        entry(0, u"info"_s, u"100000001"_s, u"one synced"_s),
        entry(1, u"error"_s, u"100000002"_s, u"two failed"_s, u"FIELD_INTEGRITY_EXCEPTION"_s, u"Quantity,UnitPrice"_s),
        entry(2, u"warning"_s, u"100000002"_s, u"two notice"_s),
        entry(3, u"error"_s, u"200000003"_s, u"three failed"_s, u"UNABLE_TO_LOCK_ROW"_s),
        entry(4, u"info"_s, {}, u"settings changed"_s),
    });
    QVERIFY2(appended, appended ? "" : qPrintable(appended.error().toString()));
}

void TestSyncLogRepository::appendsAndReadsBack()
{
    seed();
    const auto all = SyncLogRepository(m_db).page({}, 0, 100);
    QVERIFY(all);
    QCOMPARE(all->size(), 5);
    SyncLogEntry expected = entry(1, u"error"_s, u"100000002"_s, u"two failed"_s, u"FIELD_INTEGRITY_EXCEPTION"_s,
                                  u"Quantity,UnitPrice"_s);
    expected.id = 2;
    QCOMPARE(all->at(3), expected);
    // Empty texts are stored as NULL and read back empty.
    QSqlQuery query(m_db->connection());
    QVERIFY(query.exec(u"SELECT count(*) FROM sync_log WHERE order_increment_id IS NULL AND object IS NULL"
                       u" AND error_code IS NULL AND fields IS NULL"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

void TestSyncLogRepository::appendWithoutTimeLogsNow()
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    SyncLogEntry e;
    e.level = u"info"_s;
    e.message = u"now"_s;
    QVERIFY(SyncLogRepository(m_db).append({e}));
    const auto read = SyncLogRepository(m_db).page({}, 0, 1);
    QCOMPARE(read->size(), 1);
    QVERIFY(read->first().loggedAt >= before);
    QVERIFY(read->first().loggedAt <= QDateTime::currentDateTimeUtc());
}

void TestSyncLogRepository::appendIsAllOrNothing()
{
    const auto appended =
        SyncLogRepository(m_db).append({entry(0, u"info"_s, {}, u"fine"_s), entry(1, u"loud"_s, {}, u"refused"_s)});
    QVERIFY(!appended);
    QCOMPARE(appended.error().code, u"store.sql"_s);
    QCOMPARE(*SyncLogRepository(m_db).count({}), 0);
}

void TestSyncLogRepository::filters_data()
{
    QTest::addColumn<SyncLogQuery>("query");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("all") << SyncLogQuery{}
                         << QStringList{u"settings changed"_s, u"three failed"_s, u"two notice"_s, u"two failed"_s,
                                        u"one synced"_s};
    SyncLogQuery errors;
    errors.level = SyncLogQuery::Level::Errors;
    QTest::newRow("errors") << errors << QStringList{u"three failed"_s, u"two failed"_s};
    SyncLogQuery warnings;
    warnings.level = SyncLogQuery::Level::Warnings;
    QTest::newRow("warnings") << warnings << QStringList{u"two notice"_s};
    SyncLogQuery prefix;
    prefix.orderSearch = u" 1000 "_s;
    QTest::newRow("order prefix, trimmed")
        << prefix << QStringList{u"two notice"_s, u"two failed"_s, u"one synced"_s};
    SyncLogQuery range;
    range.from = t0.addSecs(60);
    range.to = t0.addSecs(180);
    QTest::newRow("from inclusive, to exclusive") << range << QStringList{u"two notice"_s, u"two failed"_s};
    SyncLogQuery ids;
    ids.afterId = 1;
    ids.upToId = 3;
    QTest::newRow("between ids") << ids << QStringList{u"two notice"_s, u"two failed"_s};
    SyncLogQuery combined;
    combined.level = SyncLogQuery::Level::Errors;
    combined.orderSearch = u"2"_s;
    QTest::newRow("level and order") << combined << QStringList{u"three failed"_s};
}

void TestSyncLogRepository::filters()
{
    QFETCH(SyncLogQuery, query);
    QFETCH(QStringList, expected);
    seed();
    const SyncLogRepository log(m_db);
    QCOMPARE(messages(*log.page(query, 0, 100)), expected);
    QCOMPARE(*log.count(query), expected.size());
}

void TestSyncLogRepository::pagesNewestFirst()
{
    seed();
    const SyncLogRepository log(m_db);
    QCOMPARE(messages(*log.page({}, 0, 2)), (QStringList{u"settings changed"_s, u"three failed"_s}));
    QCOMPARE(messages(*log.page({}, 2, 2)), (QStringList{u"two notice"_s, u"two failed"_s}));
    QCOMPARE(messages(*log.page({}, 4, 2)), QStringList{u"one synced"_s});
    QVERIFY(log.page({}, 6, 2)->isEmpty());
}

void TestSyncLogRepository::forOrderIsExactAndLimited()
{
    seed();
    const SyncLogRepository log(m_db);
    QCOMPARE(messages(*log.forOrder(u"100000002"_s, 10)), (QStringList{u"two notice"_s, u"two failed"_s}));
    QCOMPARE(messages(*log.forOrder(u"100000002"_s, 1)), QStringList{u"two notice"_s});
    QVERIFY(log.forOrder(u"10000000"_s, 10)->isEmpty()); // a prefix is not the order
}

void TestSyncLogRepository::forEachStreamsErrors()
{
    seed();
    const SyncLogRepository log(m_db);
    QStringList seen;
    const auto visit = [&seen](const SyncLogEntry &e) -> Result<void> {
        seen << e.message;
        return {};
    };
    QCOMPARE(*log.forEach({}, true, visit), 2);
    QCOMPARE(seen, (QStringList{u"three failed"_s, u"two failed"_s}));

    SyncLogQuery warnings;
    warnings.level = SyncLogQuery::Level::Warnings;
    QCOMPARE(*log.forEach(warnings, true, visit), 0); // warnings only: no error can match

    const auto stopped = log.forEach({}, false, [](const SyncLogEntry &) -> Result<void> {
        return fail(u"test.stop"_s, u"stop"_s);
    });
    QVERIFY(!stopped);
    QCOMPARE(stopped.error().code, u"test.stop"_s);
}

void TestSyncLogRepository::idsAndAppendedOnTop()
{
    const SyncLogRepository log(m_db);
    QCOMPARE(*log.lastId(), 0);
    QCOMPARE(*log.firstId(), 0);
    seed();
    QCOMPARE(*log.firstId(), 1);
    QCOMPARE(*log.lastId(), 5);
    QVERIFY(log.append({entry(10, u"info"_s, {}, u"later"_s)}));
    QVERIFY(*log.appendedOnTop(5, 6));
    // An entry dated before what was read lands inside the list, not on top.
    QVERIFY(log.append({entry(-10, u"info"_s, {}, u"back-dated"_s)}));
    QVERIFY(!*log.appendedOnTop(6, 7));
}

QTEST_GUILESS_MAIN(TestSyncLogRepository)
#include "tst_synclogrepository.moc"
