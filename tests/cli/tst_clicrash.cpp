// Exactly once across a crash: orderbridge-cli is killed with SIGKILL in the middle of a backfill,
// started again, and Salesforce (the sandbox org, checked with SOQL) then holds exactly one Order
// per Magento order, each Order Product and each Note once.

#include "clirunner.h"
#include "orgquery.h"
#include "sandboxconnections.h"
#include "sandboxprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

int cli(const QStringList &args, const QByteArray &input = {}, QString *out = nullptr)
{
    const CliRun run = runCliWithInput(args, input, 240000);
    if (out)
        *out = run.out;
    return run.exitCode;
}

} // namespace

class TestCliCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedBackfillConvergesExactlyOnce();
    void tenPercentFaultsConvergeExactlyOnce();

private:
    void signIn(const QJsonObject &sf);
    void checkExactlyOnce(int expectedOrders);
    QList<QJsonObject> soql(const QString &statement) { return m_org->soql(statement); }

    std::unique_ptr<OrgQuery> m_org;
};

void TestCliCrash::killedBackfillConvergesExactlyOnce()
{
    constexpr int kOrders = 400;
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--orders"_s, QString::number(kOrders), u"--seed"_s, u"13"_s, u"--latency-ms"_s, u"20"_s}),
             qPrintable(sandbox.errorString()));
    QTemporaryDir dir;
    const QStringList data{u"--data-dir"_s, dir.path()};
    const QJsonObject mg = sandbox.magento();
    const QJsonObject sf = sandbox.salesforce();
    QCOMPARE(connectMagentoOAuth1(data, mg, 240000).exitCode, 0);
    QCOMPARE(connectSalesforcePassword(data, sf, 240000).exitCode, 0);
    // The backfill is of the store's whole history, not only what comes after connecting.
    QCOMPARE(cli(data + QStringList{u"config"_s, u"set"_s, u"orders.sync_since"_s, QString()}), 0);
    // Every order is eligible, and small batches make the backfill take several rounds.
    QCOMPARE(cli(data + QStringList{u"config"_s, u"set"_s, u"advanced.create_order"_s, u"every"_s}), 0);
    QCOMPARE(cli(data + QStringList{u"config"_s, u"set"_s, u"engine.batch_size"_s, u"25"_s}), 0);

    // Start the backfill and kill it hard once some batches have gone out.
    QProcess run;
    run.start(QStringLiteral(ORDERBRIDGE_CLI_EXECUTABLE), data + QStringList{u"sync"_s, u"--once"_s, u"--json"_s});
    QVERIFY(run.waitForStarted());
    int lines = 0;
    QVERIFY(QTest::qWaitFor([&] {
        while (run.canReadLine()) {
            run.readLine();
            ++lines;
        }
        return lines >= 60 || run.state() == QProcess::NotRunning;
    }, 180000));
    QVERIFY2(run.state() == QProcess::Running, "the backfill ended before it could be killed");
    run.kill(); // SIGKILL: no clean-up of any kind
    QVERIFY(run.waitForFinished());

    // Started again, it finishes the job.
    QString out;
    QCOMPARE(cli(data + QStringList{u"sync"_s, u"--once"_s, u"--json"_s}, {}, &out), 0);
    QCOMPARE(cli(data + QStringList{u"status"_s, u"--json"_s}, {}, &out), 0);
    const QJsonArray status = QJsonDocument::fromJson(out.toUtf8()).array();
    QCOMPARE(status.size(), kOrders);
    int inSync = 0;
    for (const QJsonValue &v : status)
        inSync += v.toObject().value(u"sync_status"_s).toString() == u"in_sync"_s ? 1 : 0;

    // Exactly once, checked in the org.
    signIn(sf);
    checkExactlyOnce(inSync);
}

void TestCliCrash::signIn(const QJsonObject &sf)
{
    m_org = std::make_unique<OrgQuery>(SandboxConnections::salesforce(sf));
    QVERIFY2(m_org->connect(30000), qPrintable(m_org->errorString()));
}

void TestCliCrash::checkExactlyOnce(int expectedOrders)
{
    QHash<QString, int> perOrder;
    for (const QJsonObject &o : soql(u"SELECT Id, Magento_ID__c FROM Order"_s))
        ++perOrder[o.value(u"Magento_ID__c"_s).toString()];
    QCOMPARE(int(perOrder.size()), expectedOrders);
    for (auto it = perOrder.cbegin(); it != perOrder.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(it.key()));

    QHash<QString, int> perItem;
    for (const QJsonObject &i : soql(u"SELECT Id, Magento_Item_ID__c FROM OrderItem"_s))
        ++perItem[i.value(u"Magento_Item_ID__c"_s).toVariant().toString()];
    QVERIFY(!perItem.isEmpty());
    for (auto it = perItem.cbegin(); it != perItem.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(it.key()));

    QHash<QString, int> perNote;
    for (const QJsonObject &n : soql(u"SELECT Id, ParentId, Body FROM Note"_s))
        ++perNote[n.value(u"ParentId"_s).toString() + u'|' + n.value(u"Body"_s).toString()];
    for (auto it = perNote.cbegin(); it != perNote.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(it.key()));
}

void TestCliCrash::tenPercentFaultsConvergeExactlyOnce()
{
    constexpr int kOrders = 150;
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--orders"_s, QString::number(kOrders), u"--seed"_s, u"21"_s, u"--fault-rate"_s, u"0.1"_s}),
             qPrintable(sandbox.errorString()));
    QTemporaryDir dir;
    const QStringList data{u"--data-dir"_s, dir.path()};
    const QJsonObject mg = sandbox.magento();
    const QJsonObject sf = sandbox.salesforce();
    QCOMPARE(connectMagentoOAuth1(data, mg, 240000).exitCode, 0);
    QCOMPARE(connectSalesforcePassword(data, sf, 240000).exitCode, 0);
    QCOMPARE(cli(data + QStringList{u"config"_s, u"set"_s, u"orders.sync_since"_s, QString()}), 0); // the history
    QCOMPARE(cli(data + QStringList{u"config"_s, u"set"_s, u"advanced.create_order"_s, u"every"_s}), 0);
    QCOMPARE(cli(data + QStringList{u"config"_s, u"set"_s, u"engine.batch_size"_s, u"20"_s}), 0);

    // A run, then retries of what failed, until every order is in sync (as an operator would).
    cli(data + QStringList{u"sync"_s, u"--once"_s});
    int inSync = 0;
    for (int round = 0; round < 12 && inSync < kOrders; ++round) {
        QString out;
        cli(data + QStringList{u"retry"_s, u"--errors"_s}, {}, &out);
        QCOMPARE(cli(data + QStringList{u"status"_s, u"--json"_s}, {}, &out), 0);
        inSync = 0;
        for (const QJsonValue &v : QJsonDocument::fromJson(out.toUtf8()).array())
            inSync += v.toObject().value(u"sync_status"_s).toString() == u"in_sync"_s ? 1 : 0;
    }
    QCOMPARE(inSync, kOrders);
    signIn(sf);
    checkExactlyOnce(kOrders);
}

QTEST_GUILESS_MAIN(TestCliCrash)
#include "tst_clicrash.moc"
