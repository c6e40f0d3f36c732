// Fault injection of the Salesforce org: Salesforce-style bodies for server errors, UNABLE_TO_LOCK_ROW, and
// 503 replies that come in bursts.

#include "sandboxprocess.h"
#include "sfhttp.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestSfOrgFaults : public QObject
{
    Q_OBJECT

private slots:
    void faultBodiesAndBursts();
    void noFaultsByDefault();
};

void TestSfOrgFaults::faultBodiesAndBursts()
{
    QStandardPaths::setTestModeEnabled(true);
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--fault-rate"_s, u"0.35"_s, u"--seed"_s, u"4"_s}), qPrintable(sandbox.errorString()));
    SfHttp api(sandbox.salesforceLoginUrl());
    api.setTimeoutMs(1500); // stalled replies are abandoned quickly
    // Sign in, retrying through faults like a real client.
    for (int i = 0; i < 30 && api.token().isEmpty(); ++i)
        api.login(sandbox.salesforce());
    QVERIFY(!api.token().isEmpty());
    int serverErrors = 0;
    int lockErrors = 0;
    int unavailable = 0;
    int longestBurst = 0;
    int burst = 0;
    int ok = 0;
    for (int i = 0; i < 120; ++i) {
        const auto r = api.patch(SfHttp::data(u"sobjects/User/"_s + sandbox.salesforce().value(u"user_id"_s).toString()),
                                 QJsonObject{{u"FirstName"_s, u"Integration"_s}});
        if (r.status == 503) {
            ++unavailable;
            longestBurst = std::max(longestBurst, ++burst);
            QCOMPARE(r.errorCode(), u"SERVER_UNAVAILABLE"_s);
            continue;
        }
        burst = 0;
        if (r.status == 500) {
            ++serverErrors;
            QCOMPARE(r.errorCode(), u"UNKNOWN_EXCEPTION"_s);
        } else if (r.status == 400) {
            ++lockErrors;
            QCOMPARE(r.errorCode(), u"UNABLE_TO_LOCK_ROW"_s);
            QVERIFY(r.errorMessage().startsWith(u"unable to obtain exclusive access to this record"_s));
        } else if (r.status == 204) {
            ++ok;
        }
    }
    QVERIFY(ok > 0);
    QVERIFY(serverErrors > 0);
    QVERIFY(lockErrors > 0);
    QVERIFY(unavailable > 0);
    QVERIFY2(longestBurst >= 3, qPrintable(QString::number(longestBurst))); // a 503 drags its successors along
    // Control paths are never faulted.
    for (int i = 0; i < 10; ++i)
        QCOMPARE(api.get(u"/__sandbox/stats"_s).status, 200);
}

void TestSfOrgFaults::noFaultsByDefault()
{
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start(), qPrintable(sandbox.errorString()));
    SfHttp api(sandbox.salesforceLoginUrl());
    QCOMPARE(api.login(sandbox.salesforce()), QString());
    for (int i = 0; i < 50; ++i)
        QCOMPARE(api.get(SfHttp::data(u"limits"_s)).status, 200);
}

QTEST_GUILESS_MAIN(TestSfOrgFaults)
#include "tst_sforgfaults.moc"
