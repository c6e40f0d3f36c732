// The seed walkthrough by CLI against an org with Person Accounts (orderbridge-sandbox --person-accounts): with
// the default advanced.person_accounts (auto) a backfill lands every eligible order, new customers become Person
// Accounts (no Contact of OrderBridge's own), and a second run writes nothing; with "no" (Account + Contact) the
// orders of new customers fail, each alone, with the error Salesforce gives for an Account written by name.

#include "clirunner.h"
#include "orgrest.h"
#include "sandboxprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

class TestCliPersonAccounts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void walkthroughMakesPersonAccounts();
    void accountAndContactFailInSuchAnOrg();

private:
    static bool connectBoth(const QStringList &data, const SandboxProcess &sandbox);
    static QJsonArray records(QNetworkAccessManager &network, const QJsonObject &sf, const QString &soql);
};

bool TestCliPersonAccounts::connectBoth(const QStringList &data, const SandboxProcess &sandbox)
{
    const CliRun m = connectMagentoOAuth1(data, sandbox.magento());
    const CliRun s = connectSalesforcePassword(data, sandbox.salesforce());
    // The walkthrough syncs the sandbox's orders: all history, not only what comes after the first connect.
    const CliRun h = runCliWithInput(data + QStringList{u"config"_s, u"set"_s, u"orders.sync_since"_s, QString()}, {});
    if (m.exitCode != 0 || s.exitCode != 0 || h.exitCode != 0)
        qWarning() << m.err << s.err << h.err;
    return m.exitCode == 0 && s.exitCode == 0 && h.exitCode == 0;
}

QJsonArray TestCliPersonAccounts::records(QNetworkAccessManager &network, const QJsonObject &sf, const QString &soql)
{
    QUrlQuery query;
    query.addQueryItem(u"q"_s, soql);
    return orgGet(network, orgSession(network, sf), u"/services/data/v62.0/query"_s, query).value(u"records"_s).toArray();
}

void TestCliPersonAccounts::walkthroughMakesPersonAccounts()
{
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--orders"_s, u"15"_s, u"--seed"_s, u"6"_s, u"--person-accounts"_s}),
             qPrintable(sandbox.errorString()));
    QTemporaryDir dir;
    const QStringList data{u"--data-dir"_s, dir.path()};
    QVERIFY(connectBoth(data, sandbox));
    CliRun r = runCliWithInput(data + QStringList{u"test-connection"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));

    r = runCliWithInput(data + QStringList{u"sync"_s, u"--once"_s, u"--json"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QList<QJsonObject> lines = jsonLines(r.out);
    QCOMPARE(lines.last().value(u"summary"_s).toObject().value(u"errors"_s).toInt(), 0);
    int inSync = 0;
    for (const QJsonObject &line : lines)
        inSync += line.value(u"sync_status"_s).toString() == u"in_sync"_s ? 1 : 0;
    QVERIFY(inSync > 0);

    QNetworkAccessManager network;
    const QJsonObject sf = sandbox.salesforce();
    QCOMPARE(records(network, sf, u"SELECT Id FROM Order"_s).size(), inSync);
    // Every customer OrderBridge made is a person account; it wrote no Contact itself.
    const QJsonArray made = records(network, sf, u"SELECT Id, IsPersonAccount, PersonContactId FROM Account "
                                                 "WHERE Magento_ID__c != null"_s);
    QVERIFY(!made.isEmpty());
    for (const QJsonValue &a : made) {
        QCOMPARE(a.toObject().value(u"IsPersonAccount"_s).toBool(), true);
        QVERIFY(!a.toObject().value(u"PersonContactId"_s).toString().isEmpty());
    }
    QCOMPARE(records(network, sf, u"SELECT Id FROM Contact WHERE Magento_ID__c != null"_s).size(), 0);

    r = runCliWithInput(data + QStringList{u"sync"_s, u"--once"_s, u"--json"_s});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(jsonLines(r.out).last().value(u"summary"_s).toObject().value(u"api_calls"_s).toInt(), 0);
}

void TestCliPersonAccounts::accountAndContactFailInSuchAnOrg()
{
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--orders"_s, u"15"_s, u"--seed"_s, u"6"_s, u"--person-accounts"_s}),
             qPrintable(sandbox.errorString()));
    QTemporaryDir dir;
    const QStringList data{u"--data-dir"_s, dir.path()};
    QVERIFY(connectBoth(data, sandbox));
    QCOMPARE(runCli(data + QStringList{u"config"_s, u"set"_s, u"advanced.person_accounts"_s, u"no"_s}).exitCode, 0);
    const CliRun r = runCliWithInput(data + QStringList{u"sync"_s, u"--once"_s, u"--json"_s});
    const QList<QJsonObject> lines = jsonLines(r.out);
    QVERIFY2(!lines.isEmpty(), qPrintable(r.err));
    QVERIFY(lines.last().value(u"summary"_s).toObject().value(u"errors"_s).toInt() > 0);
    bool nameRefused = false;
    for (const QJsonObject &line : lines)
        nameRefused = nameRefused || line.value(u"error_code"_s).toString() == u"INVALID_FIELD_FOR_INSERT_UPDATE"_s;
    QVERIFY2(nameRefused, qPrintable(r.out));
}

QTEST_GUILESS_MAIN(TestCliPersonAccounts)
#include "tst_clipersonaccounts.moc"
