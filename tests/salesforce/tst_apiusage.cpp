#include "salesforce/apiusage.h"

#include <QTest>

using namespace OrderBridge;

class TestApiUsage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void share();
};

void TestApiUsage::parse_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("used");
    QTest::addColumn<qint64>("max");
    QTest::newRow("plain") << QByteArray("api-usage=18/5000") << qint64(18) << qint64(5000);
    QTest::newRow("bursts") << QByteArray("api-usage=25/15000; api-bursts=1/750") << qint64(25) << qint64(15000);
    QTest::newRow("per app first") << QByteArray("per-app-api-usage=17/250(appName=x); api-usage=30/100000") << qint64(30) << qint64(100000);
    QTest::newRow("spaces") << QByteArray("  api-usage= 7 / 10 ") << qint64(7) << qint64(10);
    QTest::newRow("over") << QByteArray("api-usage=101/100") << qint64(101) << qint64(100);
    QTest::newRow("missing") << QByteArray() << qint64(-1) << qint64(-1);
    QTest::newRow("garbage") << QByteArray("api-usage=abc/def") << qint64(-1) << qint64(-1);
    QTest::newRow("zero max") << QByteArray("api-usage=1/0") << qint64(-1) << qint64(-1);
    QTest::newRow("no slash") << QByteArray("api-usage=12") << qint64(-1) << qint64(-1);
}

void TestApiUsage::parse()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, used);
    QFETCH(qint64, max);
    const ApiUsage u = ApiUsage::fromHeader(header);
    QCOMPARE(u.used, used);
    QCOMPARE(u.max, max);
    QCOMPARE(u.isValid(), used >= 0);
}

void TestApiUsage::share()
{
    QCOMPARE(ApiUsage::fromHeader("api-usage=50/200").share(), 0.25);
    QCOMPARE(ApiUsage::fromHeader("api-usage=50/200").remaining(), qint64(150));
    QCOMPARE(ApiUsage::fromHeader("api-usage=300/200").share(), 1.0);
    QCOMPARE(ApiUsage::fromHeader("api-usage=300/200").remaining(), qint64(0));
}

QTEST_APPLESS_MAIN(TestApiUsage)
#include "tst_apiusage.moc"
