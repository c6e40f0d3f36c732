// orderbridge-cli connect checks the profile by the one profile rule (ConnectionProfileValidator):
// secrets go over https, plain http only to this machine. A refused connect exits 2, names the rule
// and stores nothing. No secrets are given here, so no keychain is needed.

#include "clirunner.h"

#include "store/connectionprofilerepository.h"
#include "store/database.h"
#include "store/datalocation.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

CliRun runConnect(const QString &dataDir, const QStringList &args)
{
    return runCliWithInput(withDataDir(dataDir, QStringList{u"connect"_s} + args), "{}", 30000);
}

QStringList magento(const QString &url)
{
    return {u"magento"_s, u"--url"_s, url, u"--auth"_s, u"token"_s};
}

QStringList salesforce(const QString &loginUrl)
{
    return {u"salesforce"_s, u"--login-url"_s, loginUrl, u"--client-id"_s, u"app"_s,
            u"--flow"_s, u"password"_s, u"--username"_s, u"sync@example.com"_s};
}

/// The stored profile "default", read behind the CLI's back; nullopt when there is none.
std::optional<ConnectionProfile> storedProfile(const QString &dataDir)
{
    auto db = Database::open(DataLocation::databasePath(dataDir));
    if (!db)
        return std::nullopt;
    auto found = ConnectionProfileRepository(*db).findByName(u"default"_s);
    return found ? *found : std::nullopt;
}

} // namespace

class TestCliConnect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainHttpToAnotherHostIsRefused_data();
    void plainHttpToAnotherHostIsRefused();
    void loopbackHttpAndHttpsAreAccepted_data();
    void loopbackHttpAndHttpsAreAccepted();
    void refusedConnectKeepsTheStoredProfile();
    void apiVersionIsStored();
};

void TestCliConnect::plainHttpToAnotherHostIsRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("url");
    QTest::newRow("magento") << magento(u"http://shop.example.com"_s) << u"http://shop.example.com"_s;
    QTest::newRow("salesforce") << salesforce(u"http://login.example.com"_s) << u"http://login.example.com"_s;
    QTest::newRow("magento, another scheme") << magento(u"ftp://shop.example.com"_s) << u"ftp://shop.example.com"_s;
}

void TestCliConnect::plainHttpToAnotherHostIsRefused()
{
    QFETCH(QStringList, args);
    QFETCH(QString, url);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const CliRun run = runConnect(dir.path(), args);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 2);
    // The message names the address and the rule.
    QVERIFY2(run.err.contains(url), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"https"_s), qPrintable(run.err));
    QVERIFY(!storedProfile(dir.path()).has_value());
}

void TestCliConnect::loopbackHttpAndHttpsAreAccepted_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("magento on 127.0.0.1") << magento(u"http://127.0.0.1:9"_s);
    QTest::newRow("magento on localhost") << magento(u"http://localhost:8080/"_s);
    QTest::newRow("magento over https") << magento(u"https://shop.example.com"_s);
    QTest::newRow("salesforce on 127.0.0.1") << salesforce(u"http://127.0.0.1:9"_s);
    QTest::newRow("salesforce over https") << salesforce(u"https://login.example.com"_s);
}

void TestCliConnect::loopbackHttpAndHttpsAreAccepted()
{
    QFETCH(QStringList, args);
    // Either side may be connected first: the other one is not set up yet.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const CliRun run = runConnect(dir.path(), args);
    QVERIFY(run.finished);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(storedProfile(dir.path()).has_value());
}

void TestCliConnect::refusedConnectKeepsTheStoredProfile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(runConnect(dir.path(), magento(u"http://127.0.0.1:9"_s)).exitCode, 0);
    QCOMPARE(runConnect(dir.path(), salesforce(u"https://login.example.com"_s)).exitCode, 0);
    QCOMPARE(runConnect(dir.path(), magento(u"http://shop.example.com"_s)).exitCode, 2);
    QCOMPARE(runConnect(dir.path(), salesforce(u"http://login.example.com"_s)).exitCode, 2);
    const std::optional<ConnectionProfile> profile = storedProfile(dir.path());
    QVERIFY(profile.has_value());
    QCOMPARE(profile->magentoBaseUrl, u"http://127.0.0.1:9"_s);
    QCOMPARE(profile->salesforceLoginUrl, u"https://login.example.com"_s);
}

void TestCliConnect::apiVersionIsStored()
{
    // --api-version picks the REST API version (a leading v is dropped); an empty one goes back to
    // the newest the org offers; a version that is no version is refused and nothing is stored.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CliRun run = runConnect(dir.path(), salesforce(u"https://login.salesforce.com"_s) + QStringList{u"--api-version"_s, u"v61.0"_s});
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(storedProfile(dir.path())->salesforceApiVersion, u"61.0"_s);
    // Connecting again without the option keeps it.
    run = runConnect(dir.path(), salesforce(u"https://login.salesforce.com"_s));
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(storedProfile(dir.path())->salesforceApiVersion, u"61.0"_s);
    run = runConnect(dir.path(), salesforce(u"https://login.salesforce.com"_s) + QStringList{u"--api-version"_s, u"sixty"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"sixty"_s), qPrintable(run.err));
    QCOMPARE(storedProfile(dir.path())->salesforceApiVersion, u"61.0"_s);
    run = runConnect(dir.path(), salesforce(u"https://login.salesforce.com"_s) + QStringList{u"--api-version"_s, QString()});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(storedProfile(dir.path())->salesforceApiVersion, QString());
}

QTEST_GUILESS_MAIN(TestCliConnect)
#include "tst_cliconnect.moc"
