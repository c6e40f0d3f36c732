// Magento's timestamps: "YYYY-MM-DD HH:MM:SS" in UTC, whatever the machine's own time zone is.

#include "magento/magentotime.h"

#include <QTest>
#include <QTimeZone>

#include <ctime>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestMagentoTime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parsesAsUtc_data();
    void parsesAsUtc();
    void refusesOtherShapes_data();
    void refusesOtherShapes();
    void roundTrip();
};

void TestMagentoTime::initTestCase()
{
    // A local zone with daylight saving, so that a parse through local time would show.
    qputenv("TZ", "America/New_York");
    tzset();
}

void TestMagentoTime::parsesAsUtc_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("secsSinceEpoch");
    QTest::newRow("plain") << u"2024-05-01 10:00:00"_s << qint64(1714557600);
    QTest::newRow("end of a leap day") << u"2024-02-29 23:59:59"_s << qint64(1709251199);
    // 02:30 does not exist in New York that night; in UTC it is an ordinary time.
    QTest::newRow("in the local spring-forward gap") << u"2024-03-10 02:30:00"_s << qint64(1710037800);
    // 01:30 happens twice in New York that night; in UTC it is one time.
    QTest::newRow("in the local fall-back hour") << u"2024-11-03 01:30:00"_s << qint64(1730597400);
    QTest::newRow("epoch") << u"1970-01-01 00:00:00"_s << qint64(0);
}

void TestMagentoTime::parsesAsUtc()
{
    QFETCH(QString, text);
    QFETCH(qint64, secsSinceEpoch);
    const QDateTime time = MagentoTime::parse(text);
    QVERIFY(time.isValid());
    QCOMPARE(time.toSecsSinceEpoch(), secsSinceEpoch);
    QCOMPARE(time.offsetFromUtc(), 0);
    QCOMPARE(MagentoTime::format(time), text);
}

void TestMagentoTime::refusesOtherShapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("date only") << u"2024-05-01"_s;
    QTest::newRow("ISO T") << u"2024-05-01T10:00:00"_s;
    QTest::newRow("with zone") << u"2024-05-01 10:00:00Z"_s;
    QTest::newRow("fraction") << u"2024-05-01 10:00:00.5"_s;
    QTest::newRow("one-digit month") << u"2024-5-01 10:00:00 "_s;
    QTest::newRow("month 13") << u"2024-13-01 10:00:00"_s;
    QTest::newRow("30 February") << u"2023-02-30 10:00:00"_s;
    QTest::newRow("hour 24") << u"2024-05-01 24:00:00"_s;
    QTest::newRow("minute 60") << u"2024-05-01 10:60:00"_s;
    QTest::newRow("sign") << u"-024-05-01 10:00:00"_s;
    QTest::newRow("letters") << u"2024-05-0a 10:00:00"_s;
    QTest::newRow("Arabic-Indic digits") << u"٢٠٢٤-05-01 10:00:00"_s;
    QTest::newRow("zero date") << u"0000-00-00 00:00:00"_s;
}

void TestMagentoTime::refusesOtherShapes()
{
    QFETCH(QString, text);
    QVERIFY(!MagentoTime::parse(text).isValid());
}

void TestMagentoTime::roundTrip()
{
    const QDateTime local(QDate(2024, 7, 4), QTime(12, 0, 5), QTimeZone("Europe/Berlin"));
    QCOMPARE(MagentoTime::format(local), u"2024-07-04 10:00:05"_s);
    QCOMPARE(MagentoTime::parse(MagentoTime::format(local)), local);
}

QTEST_APPLESS_MAIN(TestMagentoTime)
#include "tst_magentotime.moc"
