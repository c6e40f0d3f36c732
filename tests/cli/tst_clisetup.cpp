// orderbridge-cli setup salesforce against orderbridge-sandbox --fresh-org: before the setup
// test-connection names every missing field and exits 1; the setup creates the fields and the
// permission set, the walkthrough (sync, status) then passes, and a second setup changes nothing.
// Against the default org the setup has nothing to do; without Customize Application it exits 1. The
// Order permissions (Activate Orders, Edit Activated Orders) are compared and granted the same way, and a
// refused activation names its permission.

#include "clirunner.h"
#include "orgrest.h"
#include "sandboxprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

/// The sandbox's count of calls by route.
QJsonObject routes(QNetworkAccessManager &network, const QJsonObject &sf)
{
    return orgGet(network, QJsonObject{{u"instance_url"_s, sf.value(u"base_url"_s)}}, u"/__sandbox/stats"_s)
        .value(u"by_route"_s)
        .toObject();
}

int writesOf(const QJsonObject &byRoute)
{
    int writes = 0;
    for (auto it = byRoute.begin(); it != byRoute.end(); ++it) {
        const bool signIn = it.key().contains(u"/services/"_s); // OAuth, not a change to the org
        if (!signIn && (it.key().startsWith(u"POST"_s) || it.key().startsWith(u"PATCH"_s) || it.key().startsWith(u"DELETE"_s)))
            writes += it.value().toInt();
    }
    return writes;
}

} // namespace

class TestCliSetup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freshOrgSetupThenWalkthrough();
    void defaultOrgNeedsNothing();
    void withoutCustomizeApplicationExitsOne();
    void refusedActivationNamesThePermission();

private:
    static bool connectBoth(const QStringList &data, const SandboxProcess &sandbox);
};

bool TestCliSetup::connectBoth(const QStringList &data, const SandboxProcess &sandbox)
{
    const CliRun m = connectMagentoOAuth1(data, sandbox.magento());
    const CliRun s = connectSalesforcePassword(data, sandbox.salesforce());
    if (m.exitCode != 0 || s.exitCode != 0)
        qWarning() << m.err << s.err;
    return m.exitCode == 0 && s.exitCode == 0;
}

void TestCliSetup::freshOrgSetupThenWalkthrough()
{
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--orders"_s, u"15"_s, u"--seed"_s, u"6"_s, u"--fresh-org"_s}), qPrintable(sandbox.errorString()));
    QTemporaryDir dir;
    const QStringList data{u"--data-dir"_s, dir.path()};
    QVERIFY(connectBoth(data, sandbox));

    // Before the setup: every missing field named with its fix, exit 1.
    CliRun r = runCliWithInput(data + QStringList{u"test-connection"_s});
    QCOMPARE(r.exitCode, 1);
    for (const QString &field : {u"Order.Magento_ID__c"_s, u"OrderItem.Magento_Item_ID__c"_s, u"Account.Magento_ID__c"_s,
                                 u"Contact.Magento_ID__c"_s, u"Order.Magento_Website__c"_s, u"Order.Subtotal__c"_s,
                                 u"Order.Shipping_Amount__c"_s, u"Order.Tax_Amount__c"_s, u"Order.Discount_Amount__c"_s,
                                 u"Order.Grand_Total__c"_s})
        QVERIFY2(r.out.contains(u"FAIL  "_s + field + u": missing"_s), qPrintable(field + u"\n"_s + r.out));
    QVERIFY2(r.out.contains(u"orderbridge-cli setup salesforce"_s), qPrintable(r.out));
    QVERIFY(r.out.contains(u"ok    Salesforce"_s));
    QVERIFY(r.out.contains(u"ok    Price book"_s));
    QVERIFY(r.out.contains(u"ok    Order.Status Draft"_s));
    for (const QString &permission : {u"Activate Orders"_s, u"Edit Activated Orders"_s}) {
        QVERIFY2(r.out.contains(u"FAIL  Permission "_s + permission + u": the integration user lacks it"_s),
                 qPrintable(permission + u"\n"_s + r.out));
    }

    // A dry run lists the same and changes nothing.
    QNetworkAccessManager network;
    const int writesBefore = writesOf(routes(network, sandbox.salesforce()));
    r = runCliWithInput(data + QStringList{u"setup"_s, u"salesforce"_s, u"--dry-run"_s, u"--json"_s});
    QCOMPARE(r.exitCode, 1);
    QJsonObject report = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(report.value(u"ready"_s).toBool(), false);
    QCOMPARE(report.value(u"steps"_s).toArray().size(), 0);
    QCOMPARE(writesOf(routes(network, sandbox.salesforce())), writesBefore);

    // The setup: ten fields, the permission set, ten grants, the assignment; then ready.
    r = runCliWithInput(data + QStringList{u"setup"_s, u"salesforce"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY(r.out.contains(u"done  Create Order.Magento_ID__c: created as Text(255), External ID, Unique."_s));
    QVERIFY(r.out.contains(u"done  Create permission set OrderBridge Integration"_s));
    QVERIFY(r.out.contains(u"done  Grant Order.Grand_Total__c"_s));
    QVERIFY(r.out.contains(u"done  Assign OrderBridge Integration"_s));
    QVERIFY(r.out.contains(u"done  Grant Activate Orders: turned on in the permission set."_s));
    QVERIFY(r.out.contains(u"done  Grant Edit Activated Orders: turned on in the permission set."_s));
    QVERIFY(r.out.contains(u"ok    Permission Activate Orders: the integration user has it."_s));
    QVERIFY(!r.out.contains(u"FAIL"_s));
    QJsonObject byRoute = routes(network, sandbox.salesforce());
    QCOMPARE(byRoute.value(u"POST tooling/sobjects/CustomField"_s).toInt(), 10);
    QCOMPARE(byRoute.value(u"POST sobjects/FieldPermissions"_s).toInt(), 10);
    QCOMPARE(byRoute.value(u"POST sobjects/PermissionSetAssignment"_s).toInt(), 1);

    r = runCliWithInput(data + QStringList{u"test-connection"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));

    // The walkthrough: a backfill lands every eligible order; a second run writes nothing.
    r = runCliWithInput(data + QStringList{u"sync"_s, u"--since"_s, u"2000-01-01"_s, u"--json"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QList<QJsonObject> lines = jsonLines(r.out);
    QCOMPARE(lines.last().value(u"summary"_s).toObject().value(u"errors"_s).toInt(), 0);
    int inSync = 0;
    for (const QJsonObject &line : lines)
        inSync += line.value(u"sync_status"_s).toString() == u"in_sync"_s ? 1 : 0;
    QVERIFY(inSync > 0);
    const QJsonObject session = orgSession(network, sandbox.salesforce());
    QUrlQuery query;
    query.addQueryItem(u"q"_s, u"SELECT Id, Magento_ID__c, Grand_Total__c FROM Order"_s);
    const QJsonObject orders = orgGet(network, session, u"/services/data/v62.0/query"_s, query);
    QCOMPARE(orders.value(u"totalSize"_s).toInt(), inSync);
    QVERIFY(!orders.value(u"records"_s).toArray().at(0).toObject().value(u"Magento_ID__c"_s).toString().isEmpty());
    r = runCliWithInput(data + QStringList{u"sync"_s, u"--once"_s, u"--json"_s});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(jsonLines(r.out).last().value(u"summary"_s).toObject().value(u"api_calls"_s).toInt(), 0);

    // Twice: nothing to change, no write at all.
    const int writesBeforeSecond = writesOf(routes(network, sandbox.salesforce()));
    r = runCliWithInput(data + QStringList{u"setup"_s, u"salesforce"_s, u"--json"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    report = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(report.value(u"ready"_s).toBool(), true);
    QCOMPARE(report.value(u"steps"_s).toArray().size(), 0);
    QCOMPARE(writesOf(routes(network, sandbox.salesforce())), writesBeforeSecond);
}

void TestCliSetup::defaultOrgNeedsNothing()
{
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--orders"_s, u"3"_s}), qPrintable(sandbox.errorString()));
    QTemporaryDir dir;
    const QStringList data{u"--data-dir"_s, dir.path()};
    QVERIFY(connectBoth(data, sandbox));
    CliRun r = runCliWithInput(data + QStringList{u"setup"_s, u"salesforce"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY(r.out.contains(u"Changes: none needed."_s));
    QVERIFY(r.out.contains(u"ok    Contact.Magento_ID__c: present and writable."_s));
    QVERIFY(r.out.contains(u"ok    Permission Activate Orders: the integration user has it."_s));
    QVERIFY(r.out.contains(u"ok    Permission Edit Activated Orders: the integration user has it."_s));
    QNetworkAccessManager network;
    QCOMPARE(routes(network, sandbox.salesforce()).value(u"POST sobjects/PermissionSet"_s).toInt(), 0);
    r = runCliWithInput(data + QStringList{u"setup"_s, u"magento"_s});
    QCOMPARE(r.exitCode, 2);
}

void TestCliSetup::withoutCustomizeApplicationExitsOne()
{
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--orders"_s, u"3"_s, u"--fresh-org"_s, u"--no-customize-application"_s}),
             qPrintable(sandbox.errorString()));
    QTemporaryDir dir;
    const QStringList data{u"--data-dir"_s, dir.path()};
    QVERIFY(connectBoth(data, sandbox));
    const CliRun r = runCliWithInput(data + QStringList{u"setup"_s, u"salesforce"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains(u"FAIL  Permissions: the integration user may not customise the application"_s), qPrintable(r.out));
    QVERIFY(r.out.contains(u"FAIL  Order.Magento_ID__c: missing"_s));
    QNetworkAccessManager network;
    QCOMPARE(routes(network, sandbox.salesforce()).value(u"POST tooling/sobjects/CustomField"_s).toInt(), 0);
}

// An administrator turns Activate Orders off in the permission set: test-connection names it, the sync's
// activations fail naming the permission and the setup; the setup turns it on again (an update of the set,
// nothing else) and the orders then land.
void TestCliSetup::refusedActivationNamesThePermission()
{
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--orders"_s, u"15"_s, u"--seed"_s, u"6"_s, u"--fresh-org"_s}), qPrintable(sandbox.errorString()));
    QTemporaryDir dir;
    const QStringList data{u"--data-dir"_s, dir.path()};
    QVERIFY(connectBoth(data, sandbox));
    CliRun r = runCliWithInput(data + QStringList{u"setup"_s, u"salesforce"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));

    QNetworkAccessManager network;
    const QJsonObject session = orgSession(network, sandbox.salesforce());
    QUrlQuery query;
    query.addQueryItem(u"q"_s, u"SELECT Id FROM PermissionSet WHERE Name = 'OrderBridge_Integration'"_s);
    const QString set = orgGet(network, session, u"/services/data/v62.0/query"_s, query)
                            .value(u"records"_s).toArray().at(0).toObject().value(u"Id"_s).toString();
    QVERIFY(!set.isEmpty());
    QCOMPARE(orgPatch(network, session, u"/services/data/v62.0/sobjects/PermissionSet/"_s + set,
                      QJsonObject{{u"PermissionsActivateOrder"_s, false}}),
             204);

    r = runCliWithInput(data + QStringList{u"test-connection"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains(u"FAIL  Permission Activate Orders: the integration user lacks it"_s), qPrintable(r.out));
    QVERIFY(r.out.contains(u"ok    Permission Edit Activated Orders: the integration user has it."_s));

    r = runCliWithInput(data + QStringList{u"sync"_s, u"--since"_s, u"2000-01-01"_s, u"--json"_s});
    QList<QJsonObject> lines = jsonLines(r.out);
    QVERIFY2(lines.last().value(u"summary"_s).toObject().value(u"errors"_s).toInt() > 0, qPrintable(r.out));
    QVERIFY2(r.out.contains(u"Activate Orders"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"orderbridge-cli setup salesforce"_s), qPrintable(r.out));

    const int patchesBefore = routes(network, sandbox.salesforce()).value(u"PATCH sobjects/PermissionSet/{id}"_s).toInt();
    r = runCliWithInput(data + QStringList{u"setup"_s, u"salesforce"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(u"done  Grant Activate Orders: turned on in the permission set."_s), qPrintable(r.out));
    QVERIFY(!r.out.contains(u"Grant Edit Activated Orders"_s));
    QVERIFY(!r.out.contains(u"Create permission set"_s));
    QVERIFY(!r.out.contains(u"Assign OrderBridge Integration"_s));
    const QJsonObject byRoute = routes(network, sandbox.salesforce());
    qInfo() << "routes after the second setup:" << byRoute;
    QCOMPARE(byRoute.value(u"PATCH sobjects/PermissionSet/{id}"_s).toInt(), patchesBefore + 1);

    r = runCliWithInput(data + QStringList{u"retry"_s, u"--json"_s});
    lines = jsonLines(r.out);
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(lines.last().value(u"summary"_s).toObject().value(u"errors"_s).toInt(), 0);
}

QTEST_GUILESS_MAIN(TestCliSetup)
#include "tst_clisetup.moc"
