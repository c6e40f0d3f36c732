#include "salesforce/retrypolicy.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decisions_data();
    void decisions();
    void backoffGrowsAndIsCapped();
    void jitterStaysInRange();
    void retryAfterRaisesTheDelayWithinTheCap();
    void stopsAfterMaxAttempts();
};

using F = RetryPolicy::Failure;

void TestRetryPolicy::decisions_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("networkError");
    QTest::addColumn<QStringList>("codes");
    QTest::addColumn<bool>("malformed");
    QTest::addColumn<bool>("idempotent");
    QTest::addColumn<bool>("retried");
    const int none = QNetworkReply::NoError;
    QTest::newRow("503") << 503 << none << QStringList() << false << true << true;
    QTest::newRow("503 create") << 503 << none << QStringList() << false << false << true;
    QTest::newRow("429") << 429 << none << QStringList() << false << true << true;
    QTest::newRow("429 create") << 429 << none << QStringList() << false << false << true;
    QTest::newRow("lock row") << 400 << none << QStringList{u"UNABLE_TO_LOCK_ROW"_s} << false << true << true;
    QTest::newRow("lock row create") << 400 << none << QStringList{u"UNABLE_TO_LOCK_ROW"_s} << false << false << true;
    QTest::newRow("dropped") << 0 << int(QNetworkReply::RemoteHostClosedError) << QStringList() << false << true << true;
    QTest::newRow("dropped create") << 0 << int(QNetworkReply::RemoteHostClosedError) << QStringList() << false << false << false;
    QTest::newRow("timeout") << 0 << int(QNetworkReply::OperationCanceledError) << QStringList() << false << true << true;
    QTest::newRow("timeout create") << 0 << int(QNetworkReply::OperationCanceledError) << QStringList() << false << false << false;
    QTest::newRow("refused create") << 0 << int(QNetworkReply::ConnectionRefusedError) << QStringList() << false << false << true;
    QTest::newRow("host not found") << 0 << int(QNetworkReply::HostNotFoundError) << QStringList() << false << true << false;
    QTest::newRow("ssl") << 0 << int(QNetworkReply::SslHandshakeFailedError) << QStringList() << false << true << false;
    QTest::newRow("500 get") << 500 << none << QStringList() << false << true << true;
    QTest::newRow("500 create") << 500 << none << QStringList() << false << false << false;
    QTest::newRow("truncated 200") << 200 << none << QStringList() << true << true << true;
    QTest::newRow("truncated create") << 201 << none << QStringList() << true << false << false;
    QTest::newRow("required field") << 400 << none << QStringList{u"REQUIRED_FIELD_MISSING"_s} << false << true << false;
    QTest::newRow("picklist") << 400 << none << QStringList{u"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"_s} << false << true << false;
    QTest::newRow("limit") << 403 << none << QStringList{u"REQUEST_LIMIT_EXCEEDED"_s} << false << true << false;
    QTest::newRow("not found") << 404 << none << QStringList{u"NOT_FOUND"_s} << false << true << false;
}

void TestRetryPolicy::decisions()
{
    QFETCH(int, status);
    QFETCH(int, networkError);
    QFETCH(QStringList, codes);
    QFETCH(bool, malformed);
    QFETCH(bool, idempotent);
    QFETCH(bool, retried);
    const RetryPolicy policy(5, 100, 1000, [] { return 0.5; });
    F f;
    f.httpStatus = status;
    f.networkError = QNetworkReply::NetworkError(networkError);
    f.errorCodes = codes;
    f.malformedReply = malformed;
    f.idempotent = idempotent;
    QCOMPARE(policy.delayBeforeRetry(1, f).has_value(), retried);
}

void TestRetryPolicy::backoffGrowsAndIsCapped()
{
    const RetryPolicy policy(10, 100, 1000, [] { return 1.0; });
    F f;
    f.httpStatus = 503;
    QCOMPARE(*policy.delayBeforeRetry(1, f), 100);
    QCOMPARE(*policy.delayBeforeRetry(2, f), 200);
    QCOMPARE(*policy.delayBeforeRetry(3, f), 400);
    QCOMPARE(*policy.delayBeforeRetry(4, f), 800);
    QCOMPARE(*policy.delayBeforeRetry(5, f), 1000);
    QCOMPARE(*policy.delayBeforeRetry(9, f), 1000);
}

void TestRetryPolicy::jitterStaysInRange()
{
    F f;
    f.httpStatus = 503;
    QCOMPARE(*RetryPolicy(5, 400, 10000, [] { return 0.0; }).delayBeforeRetry(2, f), 400);
    QCOMPARE(*RetryPolicy(5, 400, 10000, [] { return 0.999999; }).delayBeforeRetry(2, f), 799);
    const RetryPolicy real(5, 400, 10000);
    for (int i = 0; i < 200; ++i) {
        const int d = *real.delayBeforeRetry(2, f);
        QVERIFY2(d >= 400 && d <= 800, qPrintable(QString::number(d)));
    }
}

void TestRetryPolicy::retryAfterRaisesTheDelayWithinTheCap()
{
    const RetryPolicy policy(5, 100, 30000, [] { return 1.0; });
    F f;
    f.httpStatus = 429;
    QCOMPARE(*policy.delayBeforeRetry(1, f), 100);
    f.retryAfterMs = 7000;
    QCOMPARE(*policy.delayBeforeRetry(1, f), 7000);
    f.retryAfterMs = 50;          // shorter than the backoff: the backoff stands
    QCOMPARE(*policy.delayBeforeRetry(2, f), 200);
    f.retryAfterMs = 3600 * 1000; // an hour: capped
    QCOMPARE(*policy.delayBeforeRetry(1, f), 30000);
}

void TestRetryPolicy::stopsAfterMaxAttempts()
{
    F f;
    f.httpStatus = 503;
    const RetryPolicy policy(3, 10, 100, [] { return 0.0; });
    QVERIFY(policy.delayBeforeRetry(2, f).has_value());
    QVERIFY(!policy.delayBeforeRetry(3, f).has_value());
    QVERIFY(!RetryPolicy::noRetries().delayBeforeRetry(1, f).has_value());
}

QTEST_APPLESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
