// Exactly once across a crash: orderbridge-cli is killed with SIGKILL in the middle of a backfill,
// started again, and Salesforce (the sandbox org, checked with SOQL) then holds exactly one Order
// per Magento order, each Order Product and each Note once.

#include "salesforce/salesforceauthenticator.h"
#include "salesforce/salesforceclient.h"
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
    QProcess p;
    p.start(QStringLiteral(ORDERBRIDGE_CLI_EXECUTABLE), args);
    if (!p.waitForStarted(10000))
        return -1;
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(240000))
        p.kill();
    if (out)
        *out = QString::fromUtf8(p.readAllStandardOutput());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
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
    QList<QJsonObject> soql(const QString &statement);

    QNetworkAccessManager m_network;
    std::unique_ptr<SalesforceAuthenticator> m_auth;
    std::unique_ptr<SalesforceClient> m_client;
};

QList<QJsonObject> TestCliCrash::soql(const QString &statement)
{
    std::optional<SalesforceResult<QList<QJsonObject>>> rows;
    m_client->queryText(statement, [&rows](SalesforceResult<QList<QJsonObject>> r) { rows = std::move(r); });
    if (!QTest::qWaitFor([&rows] { return rows.has_value(); }, 60000) || !rows->has_value())
        return {};
    return **rows;
}

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
    QCOMPARE(cli(data + QStringList{u"connect"_s, u"magento"_s, u"--url"_s, mg.value(u"base_url"_s).toString(), u"--auth"_s, u"token"_s},
                 QJsonDocument(QJsonObject{{u"token"_s, mg.value(u"integration_token"_s)}}).toJson()),
             0);
    QCOMPARE(cli(data + QStringList{u"connect"_s, u"salesforce"_s, u"--login-url"_s, sf.value(u"login_url"_s).toString(),
                                    u"--client-id"_s, sf.value(u"client_id"_s).toString(), u"--flow"_s, u"password"_s,
                                    u"--username"_s, sf.value(u"username"_s).toString()},
                 QJsonDocument(QJsonObject{{u"client_secret"_s, sf.value(u"client_secret"_s)}, {u"password"_s, sf.value(u"password"_s)}}).toJson()),
             0);
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
    SalesforceAuthConfig config;
    config.flow = SalesforceAuthConfig::Flow::Password;
    config.loginUrl = QUrl(sf.value(u"login_url"_s).toString());
    config.clientId = sf.value(u"client_id"_s).toString();
    config.clientSecret = sf.value(u"client_secret"_s).toString();
    config.username = sf.value(u"username"_s).toString();
    config.password = sf.value(u"password"_s).toString();
    m_auth = std::make_unique<SalesforceAuthenticator>(&m_network, config);
    m_client = std::make_unique<SalesforceClient>(&m_network, m_auth.get());
    std::optional<SalesforceResult<SalesforceSession>> session;
    m_client->connectToOrg([&session](SalesforceResult<SalesforceSession> s) { session = std::move(s); });
    QVERIFY(QTest::qWaitFor([&session] { return session.has_value(); }, 30000));
    QVERIFY(session->has_value());
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
    QCOMPARE(cli(data + QStringList{u"connect"_s, u"magento"_s, u"--url"_s, mg.value(u"base_url"_s).toString(), u"--auth"_s, u"token"_s},
                 QJsonDocument(QJsonObject{{u"token"_s, mg.value(u"integration_token"_s)}}).toJson()),
             0);
    QCOMPARE(cli(data + QStringList{u"connect"_s, u"salesforce"_s, u"--login-url"_s, sf.value(u"login_url"_s).toString(),
                                    u"--client-id"_s, sf.value(u"client_id"_s).toString(), u"--flow"_s, u"password"_s,
                                    u"--username"_s, sf.value(u"username"_s).toString()},
                 QJsonDocument(QJsonObject{{u"client_secret"_s, sf.value(u"client_secret"_s)}, {u"password"_s, sf.value(u"password"_s)}}).toJson()),
             0);
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
