// DemoEnvironment against the real orderbridge-sandbox: the demo profile and its file secrets, a restart
// that keeps the store's orders, and the errors a user sees when the sandbox cannot run.

#include "demo/demoenvironment.h"

#include "asyncresult.h"
#include "credentials/credentialstore.h"
#include "magento/magentoclient.h"
#include "sandboxprocess.h"
#include "store/connectionprofilerepository.h"
#include "store/database.h"
#include "sync/workerconfigloader.h"

#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

constexpr int kStartMs = 60000;

std::shared_ptr<Database> openDatabase(const QTemporaryDir &dir)
{
    auto db = Database::open(dir.filePath(u"orderbridge.sqlite"_s));
    return db ? *db : nullptr;
}

MagentoGuestCheckout demoCheckout()
{
    MagentoAddress address;
    address.firstname = u"Ada"_s;
    address.lastname = u"Lovelace"_s;
    address.street = {u"12 St James's Square"_s};
    address.city = u"London"_s;
    address.postcode = u"SW1Y 4JH"_s;
    address.countryId = u"GB"_s;
    address.telephone = u"020 7946 0000"_s;
    MagentoGuestCheckout checkout;
    checkout.email = u"ada@example.com"_s;
    checkout.shippingAddress = address;
    checkout.billingAddress = address;
    return checkout;
}

} // namespace

class TestDemoEnvironment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void startWritesTheDemoConnection();
    void restartKeepsTheStoresOrders();
    void missingSandboxIsReported_data();
    void missingSandboxIsReported();
    void busyPortIsReported();
    void brokenSandboxIsReported_data();
    void brokenSandboxIsReported();
    void sandboxDeathAfterReadyIsReported();
    void environmentOverrideNamesTheSandbox();
};

void TestDemoEnvironment::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(QFileInfo(SandboxProcess::executable()).isExecutable());
}

void TestDemoEnvironment::startWritesTheDemoConnection()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto db = openDatabase(dir);
    QVERIFY(db);
    DemoEnvironment demo(dir.filePath(u"demo"_s), db, SandboxProcess::executable());
    QSignalSpy ready(&demo, &DemoEnvironment::ready);
    QSignalSpy failed(&demo, &DemoEnvironment::failed);
    demo.start();
    QCOMPARE(ready.count(), 0); // never from within start()
    QVERIFY2(ready.wait(kStartMs), failed.isEmpty() ? "no answer" : qPrintable(failed.first().first().value<Error>().toString()));
    QVERIFY(demo.isReady());

    // The profile: active, the sandbox's store and org, no secrets.
    const auto stored = ConnectionProfileRepository(db).active();
    QVERIFY(stored && stored->has_value());
    const ConnectionProfile profile = **stored;
    QCOMPARE(profile.name, u"demo"_s);
    QCOMPARE(profile, demo.profile());
    const QJsonObject magento = demo.readyInfo().value(u"magento"_s).toObject();
    const QJsonObject salesforce = demo.readyInfo().value(u"salesforce"_s).toObject();
    QCOMPARE(profile.magentoBaseUrl, magento.value(u"base_url"_s).toString());
    QVERIFY(profile.magentoBaseUrl.startsWith(u"http://127.0.0.1:"_s));
    QCOMPARE(magentoAuthModeName(profile.magentoAuthMode), u"oauth1"_s); // what a stock store accepts
    QCOMPARE(profile.salesforceLoginUrl, salesforce.value(u"login_url"_s).toString());
    QCOMPARE(salesforceFlowName(profile.salesforceFlow), u"username_password"_s);
    QCOMPARE(profile.salesforceClientId, salesforce.value(u"client_id"_s).toString());
    QCOMPARE(profile.salesforceUsername, salesforce.value(u"username"_s).toString());

    // The secrets: in the demo folder, owner-only, and what the worker's loader reads.
    const QFileInfo secretsFile(demo.secretsFilePath());
    QVERIFY(secretsFile.exists());
    QCOMPARE(secretsFile.absolutePath(), QFileInfo(dir.filePath(u"demo"_s)).absoluteFilePath());
    QCOMPARE(secretsFile.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
             QFileDevice::Permissions());
    auto credentials = demo.createCredentialStore();
    QVERIFY2(credentials, qPrintable(errorText(credentials)));
    WorkerConfigLoader loader(db, credentials->get());
    std::optional<Result<SyncWorkerConfig>> config;
    QString profileName;
    loader.load([&](Result<SyncWorkerConfig> c, const QString &name) {
        config = std::move(c);
        profileName = name;
    });
    QTRY_VERIFY_WITH_TIMEOUT(config.has_value(), 10000);
    QVERIFY2(config->has_value(), qPrintable(errorText(*config)));
    QCOMPARE(profileName, u"demo"_s);
    QCOMPARE((*config)->magentoSecrets.consumerKey, magento.value(u"consumer_key"_s).toString());
    QCOMPARE((*config)->magentoSecrets.consumerSecret, magento.value(u"consumer_secret"_s).toString());
    QCOMPARE((*config)->magentoSecrets.accessToken, magento.value(u"access_token"_s).toString());
    QCOMPARE((*config)->magentoSecrets.accessTokenSecret, magento.value(u"access_token_secret"_s).toString());
    QVERIFY((*config)->magentoSecrets.integrationToken.isEmpty());
    QCOMPARE((*config)->salesforce.clientSecret, salesforce.value(u"client_secret"_s).toString());
    QVERIFY((*config)->salesforce.password.startsWith(salesforce.value(u"password"_s).toString()));
    QCOMPARE((*config)->salesforce.flow, SalesforceAuthConfig::Flow::Password);

    // The connection works: the store answers with the token the demo wrote.
    QNetworkAccessManager network;
    MagentoClient client(&network, demo.magentoConnection(), demo.magentoSecrets());
    Waiter<Result<qint64>> tested;
    client.testConnection(this, tested.callback());
    QVERIFY(tested.wait());
    QVERIFY2(tested.result->has_value(), qPrintable(errorText(*tested.result)));
    QVERIFY(**tested.result > 0);

    // Stopping ends the sandbox and leaves its state file behind.
    demo.stop();
    QVERIFY(!demo.isReady());
    QVERIFY(QFile::exists(demo.stateFilePath()));
}

void TestDemoEnvironment::restartKeepsTheStoresOrders()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto db = openDatabase(dir);
    QVERIFY(db);
    qint64 entityId = 0;
    QString incrementId;
    QString firstBaseUrl;
    {
        DemoEnvironment demo(dir.path(), db, SandboxProcess::executable());
        QSignalSpy ready(&demo, &DemoEnvironment::ready);
        demo.start();
        QVERIFY(ready.wait(kStartMs));
        firstBaseUrl = demo.profile().magentoBaseUrl;
        QNetworkAccessManager network;
        MagentoClient client(&network, demo.magentoConnection(), demo.magentoSecrets());
        MagentoGuestCheckout checkout = demoCheckout();
        checkout.lines = {{u"MB-1001"_s, 1}};
        Waiter<Result<qint64>> placed;
        client.placeGuestOrder(checkout, this, placed.callback());
        QVERIFY(placed.wait());
        QVERIFY2(placed.result->has_value(), qPrintable(errorText(*placed.result)));
        entityId = **placed.result;
        Waiter<Result<MagentoOrder>> order;
        client.fetchOrder(entityId, this, order.callback());
        QVERIFY(order.wait());
        QVERIFY(order.result->has_value());
        incrementId = (*order.result)->incrementId;
        // The destructor stops the sandbox, which saves its state.
    }
    DemoEnvironment again(dir.path(), db, SandboxProcess::executable());
    QSignalSpy ready(&again, &DemoEnvironment::ready);
    again.start();
    QVERIFY(ready.wait(kStartMs));
    // Still one demo profile, updated in place with the new run's addresses.
    const auto profiles = ConnectionProfileRepository(db).list();
    QVERIFY(profiles);
    QCOMPARE(profiles->size(), 1);
    QCOMPARE(profiles->first().magentoBaseUrl, again.profile().magentoBaseUrl);

    QNetworkAccessManager network;
    MagentoClient client(&network, again.magentoConnection(), again.magentoSecrets());
    Waiter<Result<MagentoOrder>> order;
    client.fetchOrder(entityId, this, order.callback());
    QVERIFY(order.wait());
    QVERIFY2(order.result->has_value(), qPrintable(errorText(*order.result)));
    QCOMPARE((*order.result)->incrementId, incrementId);
    QCOMPARE((*order.result)->json.value(u"customer_email"_s).toString(), u"ada@example.com"_s);
    Q_UNUSED(firstBaseUrl)
}

void TestDemoEnvironment::missingSandboxIsReported_data()
{
    QTest::addColumn<QString>("executable");
    QTest::addColumn<QString>("mentioned");
    QTest::newRow("not there") << u"/nonexistent/orderbridge-sandbox"_s << u"/nonexistent/orderbridge-sandbox"_s;
    QTest::newRow("not found at all") << QString() << u"PATH"_s;
    QTest::newRow("not executable") << u"NOTEXEC"_s << u"not-executable"_s;
}

void TestDemoEnvironment::missingSandboxIsReported()
{
    QFETCH(QString, executable);
    QFETCH(QString, mentioned);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    if (executable == u"NOTEXEC"_s) {
        executable = dir.filePath(u"not-executable"_s);
        QFile file(executable);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\n");
    }
    auto db = openDatabase(dir);
    DemoEnvironment demo(dir.filePath(u"demo"_s), db, executable);
    QSignalSpy ready(&demo, &DemoEnvironment::ready);
    QSignalSpy failed(&demo, &DemoEnvironment::failed);
    demo.start();
    QCOMPARE(failed.count(), 0);
    QVERIFY(failed.wait(5000));
    QCOMPARE(ready.count(), 0);
    const Error error = failed.first().first().value<Error>();
    QCOMPARE(error.code, u"demo.sandbox_missing"_s);
    QVERIFY2(error.message.contains(mentioned), qPrintable(error.message));
    QVERIFY2(error.hint.contains(u"ORDERBRIDGE_SANDBOX"_s), qPrintable(error.hint));
    QVERIFY2(error.hint.contains(u"--target orderbridge-sandbox"_s), qPrintable(error.hint));
    QVERIFY(!ConnectionProfileRepository(db).active()->has_value());
}

void TestDemoEnvironment::busyPortIsReported()
{
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto db = openDatabase(dir);
    DemoEnvironment demo(dir.path(), db, SandboxProcess::executable());
    demo.setPorts(occupant.serverPort(), 0);
    QSignalSpy failed(&demo, &DemoEnvironment::failed);
    demo.start();
    QVERIFY(failed.wait(kStartMs));
    const Error error = failed.first().first().value<Error>();
    QCOMPARE(error.code, u"demo.port_busy"_s);
    QVERIFY2(error.message.contains(QString::number(occupant.serverPort())), qPrintable(error.message));
    QVERIFY(!error.hint.isEmpty());
    QVERIFY(!demo.isReady());
    QVERIFY(!ConnectionProfileRepository(db).active()->has_value());
}

void TestDemoEnvironment::brokenSandboxIsReported_data()
{
    // Stand-ins for a sandbox that goes wrong before it is ready.
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentioned");
    QTest::newRow("dies") << QByteArray("echo 'orderbridge-sandbox: out of memory' >&2\nexit 3\n")
                          << u"demo.sandbox_died"_s << u"out of memory"_s;
    QTest::newRow("bad state file")
        << QByteArray("echo 'orderbridge-sandbox: the state file x is not usable (garbage); delete it' >&2\nexit 1\n")
        << u"demo.state_file"_s << u"sandbox-state.json"_s;
    QTest::newRow("wrong program") << QByteArray("echo 'Usage: something else'\nexec sleep 30\n")
                                   << u"demo.sandbox_output"_s << u"ready line"_s;
    QTest::newRow("never ready") << QByteArray("exec sleep 30\n") << u"demo.sandbox_timeout"_s << u"1 seconds"_s;
}

void TestDemoEnvironment::brokenSandboxIsReported()
{
    QFETCH(QByteArray, script);
    QFETCH(QString, code);
    QFETCH(QString, mentioned);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fake = dir.filePath(u"fake-sandbox"_s);
    QFile file(fake);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("#!/bin/sh\n" + script);
    file.close();
    QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    auto db = openDatabase(dir);
    DemoEnvironment demo(dir.filePath(u"demo"_s), db, fake);
    demo.setStartTimeout(1500);
    QSignalSpy ready(&demo, &DemoEnvironment::ready);
    QSignalSpy failed(&demo, &DemoEnvironment::failed);
    demo.start();
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(ready.count(), 0);
    const Error error = failed.first().first().value<Error>();
    QCOMPARE(error.code, code);
    QVERIFY2(error.toString().contains(mentioned), qPrintable(error.toString()));
    QVERIFY(!error.hint.isEmpty());
    QVERIFY(!demo.isReady());
    QCOMPARE(demo.sandboxProcessId(), 0); // nothing left running
    QVERIFY(!ConnectionProfileRepository(db).active()->has_value());
}

void TestDemoEnvironment::sandboxDeathAfterReadyIsReported()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto db = openDatabase(dir);
    DemoEnvironment demo(dir.path(), db, SandboxProcess::executable());
    QSignalSpy ready(&demo, &DemoEnvironment::ready);
    QSignalSpy exited(&demo, &DemoEnvironment::sandboxExited);
    QSignalSpy failed(&demo, &DemoEnvironment::failed);
    demo.start();
    QVERIFY(ready.wait(kStartMs));
    QVERIFY(demo.sandboxProcessId() > 0);
    QCOMPARE(::kill(pid_t(demo.sandboxProcessId()), SIGKILL), 0);
    QVERIFY(exited.wait(10000));
    QCOMPARE(exited.first().first().value<Error>().code, u"demo.sandbox_died"_s);
    QVERIFY(!demo.isReady());
    QCOMPARE(failed.count(), 0);
}

void TestDemoEnvironment::environmentOverrideNamesTheSandbox()
{
    const QByteArray saved = qgetenv(DemoEnvironment::SandboxEnvironmentVariable);
    qputenv(DemoEnvironment::SandboxEnvironmentVariable, SandboxProcess::executable().toLocal8Bit());
    QCOMPARE(DemoEnvironment::locateSandbox(), SandboxProcess::executable());
    qputenv(DemoEnvironment::SandboxEnvironmentVariable, "/elsewhere/orderbridge-sandbox");
    QCOMPARE(DemoEnvironment::locateSandbox(), u"/elsewhere/orderbridge-sandbox"_s);
    if (saved.isNull())
        qunsetenv(DemoEnvironment::SandboxEnvironmentVariable);
    else
        qputenv(DemoEnvironment::SandboxEnvironmentVariable, saved);
    QVERIFY(DemoEnvironment::defaultDataDir().endsWith(u"/demo"_s));
}

QTEST_GUILESS_MAIN(TestDemoEnvironment)
#include "tst_demoenvironment.moc"
