#include "magento/magentoretrypolicy.h"

#include <QTest>

using namespace OrderBridge;
using K = MagentoFailureKind;

class TestMagentoRetryPolicy : public QObject
{
    Q_OBJECT

private slots:
    void shouldRetry_data();
    void shouldRetry();
    void delay_data();
    void delay();
    void jitterSpreadsDelays();
};

void TestMagentoRetryPolicy::shouldRetry_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("retrySafe");
    QTest::addColumn<int>("attemptsMade");
    QTest::addColumn<bool>("expected");
    // maxAttempts = 3 below
    QTest::newRow("GET 503 first") << int(K::Unavailable) << true << 1 << true;
    QTest::newRow("GET 500 second") << int(K::ServerError) << true << 2 << true;
    QTest::newRow("GET 500 budget spent") << int(K::ServerError) << true << 3 << false;
    QTest::newRow("GET dropped") << int(K::Dropped) << true << 1 << true;
    QTest::newRow("GET timeout") << int(K::Timeout) << true << 1 << true;
    QTest::newRow("GET truncated") << int(K::MalformedReply) << true << 1 << true;
    QTest::newRow("GET 404 never") << int(K::ClientError) << true << 1 << false;
    QTest::newRow("GET 401 never") << int(K::Unauthorized) << true << 1 << false;
    QTest::newRow("POST 503 not safe") << int(K::Unavailable) << false << 1 << false;
    QTest::newRow("POST dropped not safe") << int(K::Dropped) << false << 1 << false;
    QTest::newRow("POST timeout not safe") << int(K::Timeout) << false << 1 << false;
    QTest::newRow("POST 503 declared safe") << int(K::Unavailable) << true << 1 << true;
    QTest::newRow("success") << int(K::None) << true << 1 << false;
}

void TestMagentoRetryPolicy::shouldRetry()
{
    QFETCH(int, kind);
    QFETCH(bool, retrySafe);
    QFETCH(int, attemptsMade);
    QFETCH(bool, expected);
    MagentoRetryPolicy policy;
    policy.maxAttempts = 3;
    QCOMPARE(policy.shouldRetry(K(kind), retrySafe, attemptsMade), expected);
}

void TestMagentoRetryPolicy::delay_data()
{
    QTest::addColumn<int>("attemptsMade");
    QTest::addColumn<double>("unit");
    QTest::addColumn<int>("retryAfterMs");
    QTest::addColumn<int>("expected");
    // base 100 ms, cap 1000 ms, jitter 0.5: delay in [d/2, d]
    QTest::newRow("1st low") << 1 << 0.0 << -1 << 50;
    QTest::newRow("1st high") << 1 << 1.0 << -1 << 100;
    QTest::newRow("2nd mid") << 2 << 0.5 << -1 << 150;
    QTest::newRow("3rd high") << 3 << 1.0 << -1 << 400;
    QTest::newRow("4th high") << 4 << 1.0 << -1 << 800;
    QTest::newRow("5th capped") << 5 << 1.0 << -1 << 1000;
    QTest::newRow("30th capped, no overflow") << 30 << 1.0 << -1 << 1000;
    QTest::newRow("retry-after raises") << 1 << 0.0 << 700 << 700;
    QTest::newRow("retry-after capped") << 1 << 0.0 << 60000 << 1000;
}

void TestMagentoRetryPolicy::delay()
{
    QFETCH(int, attemptsMade);
    QFETCH(double, unit);
    QFETCH(int, retryAfterMs);
    QFETCH(int, expected);
    MagentoRetryPolicy policy;
    policy.baseDelayMs = 100;
    policy.maxDelayMs = 1000;
    policy.jitter = 0.5;
    QCOMPARE(policy.delayMs(attemptsMade, unit, retryAfterMs), expected);
}

void TestMagentoRetryPolicy::jitterSpreadsDelays()
{
    MagentoRetryPolicy policy;
    policy.baseDelayMs = 1000;
    policy.jitter = 1.0;
    QVERIFY(policy.delayMs(1, 0.1) != policy.delayMs(1, 0.9));
    policy.jitter = 0.0;
    QCOMPARE(policy.delayMs(1, 0.1), policy.delayMs(1, 0.9));
}

QTEST_APPLESS_MAIN(TestMagentoRetryPolicy)
#include "tst_magentoretrypolicy.moc"
