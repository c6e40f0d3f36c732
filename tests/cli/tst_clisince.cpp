// Where synchronization starts (orders.sync_since) and the late-commit re-scan: orderbridge-cli as a real
// process against orderbridge-sandbox (default flags), secrets in a private gnome-keyring (with-keyring.sh).
// The tests share one data folder and run in order: a fresh folder's first sync writes nothing historical,
// a backfill brings the history in, then a late commit is caught by the re-scan.

#include "clirunner.h"
#include "orgrest.h"
#include "sandboxprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int kHistoricalOrders = 8;

} // namespace

class TestCliSince : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstSyncLeavesTheHistoryAlone();
    void backfillPreviewWritesNothing();
    void backfillBringsTheHistoryIn();
    void lateCommitIsCaughtByTheRescan();
    void badSinceIsAUsageError();

private:
    QStringList data(const QStringList &args) const { return QStringList{u"--data-dir"_s, m_dir.path()} + args; }
    /// Orders the data folder's store holds.
    QJsonArray stored();
    int salesforceOrders();

    SandboxProcess m_sandbox;
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    QJsonObject m_session;
    QString m_connectOutput;
};

void TestCliSince::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_sandbox.start({u"--orders"_s, QString::number(kHistoricalOrders), u"--seed"_s, u"31"_s}),
             qPrintable(m_sandbox.errorString()));
    const CliRun m = connectMagentoOAuth1(data({}), m_sandbox.magento());
    QVERIFY2(m.exitCode == 0, qPrintable(m.err));
    m_connectOutput = m.out;
    const CliRun s = connectSalesforcePassword(data({}), m_sandbox.salesforce());
    QVERIFY2(s.exitCode == 0, qPrintable(s.err));
    // Every historical order is eligible, so a backfill that misses one shows.
    QCOMPARE(runCliWithInput(data({u"config"_s, u"set"_s, u"advanced.create_order"_s, u"every"_s})).exitCode, 0);
    m_session = orgSession(m_network, m_sandbox.salesforce());
    QVERIFY(!m_session.value(u"access_token"_s).toString().isEmpty());
}

QJsonArray TestCliSince::stored()
{
    const CliRun r = runCliWithInput(data({u"status"_s, u"--json"_s}));
    return QJsonDocument::fromJson(r.out.toUtf8()).array();
}

int TestCliSince::salesforceOrders()
{
    QUrlQuery q;
    q.addQueryItem(u"q"_s, QString::fromLatin1(QUrl::toPercentEncoding(u"SELECT Id FROM Order"_s)));
    return orgGet(m_network, m_session, u"/services/data/v62.0/query"_s, q).value(u"totalSize"_s).toInt();
}

void TestCliSince::firstSyncLeavesTheHistoryAlone()
{
    // The first connection set the start and said how to backfill.
    QVERIFY2(m_connectOutput.contains(u"orders.sync_since"_s), qPrintable(m_connectOutput));
    QVERIFY2(m_connectOutput.contains(u"sync --since"_s), qPrintable(m_connectOutput));
    CliRun r = runCliWithInput(data({u"config"_s, u"show"_s, u"--json"_s}));
    const QString since = QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"orders"_s).toObject()
                              .value(u"sync_since"_s).toString();
    QVERIFY2(!since.isEmpty(), qPrintable(r.out));

    r = runCliWithInput(data({u"sync"_s, u"--once"_s, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QJsonObject summary = summaryOf(r.out);
    QCOMPARE(summary.value(u"in_sync"_s).toInt(), 0);
    QCOMPARE(summary.value(u"api_calls"_s).toInt(), 0);
    QCOMPARE(summary.value(u"before_sync_since"_s).toObject().value(u"sync_since"_s).toString(), since);
    QCOMPARE(stored().size(), 0);
    QCOMPARE(salesforceOrders(), 0);

    // The plain output says how to bring the history in.
    r = runCliWithInput(data({u"sync"_s, u"--once"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(stored().size(), 0);
}

void TestCliSince::backfillPreviewWritesNothing()
{
    const CliRun r = runCliWithInput(data({u"sync"_s, u"--since"_s, u"2000-01-01"_s, u"--dry-run"_s, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QJsonObject preview = summaryOf(r.out).value(u"backfill_preview"_s).toObject();
    QCOMPARE(preview.value(u"orders"_s).toInt(), kHistoricalOrders);
    // One batch: one lookup and one graph payload.
    QCOMPARE(preview.value(u"api_calls"_s).toInt(), 2);
    QCOMPARE(stored().size(), 0);
    QCOMPARE(salesforceOrders(), 0);
}

void TestCliSince::backfillBringsTheHistoryIn()
{
    CliRun r = runCliWithInput(data({u"sync"_s, u"--since"_s, u"2000-01-01"_s, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QJsonObject summary = summaryOf(r.out);
    QCOMPARE(summary.value(u"errors"_s).toInt(), 0);
    QCOMPARE(summary.value(u"in_sync"_s).toInt(), kHistoricalOrders);
    QCOMPARE(stored().size(), kHistoricalOrders);
    QCOMPARE(salesforceOrders(), kHistoricalOrders);
    // The start moved back to the backfill's date, so those orders' later changes are followed.
    r = runCliWithInput(data({u"config"_s, u"show"_s, u"--json"_s}));
    QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"orders"_s).toObject().value(u"sync_since"_s).toString(),
             u"2000-01-01T00:00:00Z"_s);
    // The feed does not bring them all again.
    r = runCliWithInput(data({u"sync"_s, u"--once"_s, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(summaryOf(r.out).value(u"api_calls"_s).toInt(), 0);
}

void TestCliSince::lateCommitIsCaughtByTheRescan()
{
    // An order the feed takes moves its high-water mark to now.
    const QString first = m_sandbox.placeInvoicedOrder();
    QVERIFY(!first.isEmpty());
    CliRun r = runCliWithInput(data({u"sync"_s, u"--once"_s, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(summaryOf(r.out).value(u"in_sync"_s).toInt(), 1);

    // A row committed late: its updated_at lies two minutes behind what the feed has seen.
    const QString late = m_sandbox.placeInvoicedOrder(120);
    QVERIFY(!late.isEmpty());
    QCOMPARE(runCliWithInput(data({u"config"_s, u"set"_s, u"orders.rescan_window_minutes"_s, u"0"_s})).exitCode, 0);
    r = runCliWithInput(data({u"sync"_s, u"--once"_s, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(summaryOf(r.out).value(u"in_sync"_s).toInt(), 0);
    QCOMPARE(stored().size(), kHistoricalOrders + 1); // the feed alone passed it

    QCOMPARE(runCliWithInput(data({u"config"_s, u"set"_s, u"orders.rescan_window_minutes"_s, u"10"_s})).exitCode, 0);
    r = runCliWithInput(data({u"sync"_s, u"--once"_s, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(summaryOf(r.out).value(u"rescanned"_s).toInt(), 1);
    QCOMPARE(summaryOf(r.out).value(u"in_sync"_s).toInt(), 1);
    r = runCliWithInput(data({u"status"_s, u"--order"_s, late, u"--json"_s}));
    QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().first().toObject().value(u"sync_status"_s).toString(),
             u"in_sync"_s);

    // Re-scanning orders already in sync costs no Salesforce call.
    r = runCliWithInput(data({u"sync"_s, u"--once"_s, u"--json"_s}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(summaryOf(r.out).value(u"api_calls"_s).toInt(), 0);
    QCOMPARE(summaryOf(r.out).value(u"rescanned"_s).toInt(), 0);
}

void TestCliSince::badSinceIsAUsageError()
{
    const CliRun r = runCliWithInput(data({u"sync"_s, u"--since"_s, u"last tuesday"_s}));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"--since"_s) && r.err.contains(u"2026-01-31"_s), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestCliSince)
#include "tst_clisince.moc"
