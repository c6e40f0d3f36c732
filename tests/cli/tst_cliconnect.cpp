// orderbridge-cli connect checks the profile by the one profile rule (ConnectionProfileValidator):
// secrets go over https, plain http only to this machine. A refused connect exits 2, names the rule
// and stores nothing. The secrets go to a private gnome-keyring (with-keyring.sh): reconnecting replaces them,
// and a secrets file is read in either format, private, and never silently empty.

#include "clirunner.h"
#include "storedsecret.h"

#include "credentials/credentialstore.h"
#include "credentials/credentialstorefactory.h"
#include "store/connectionprofilerepository.h"
#include "store/database.h"
#include "store/datalocation.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
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

CliRun runConnectWith(const QString &dataDir, const QStringList &args, const QByteArray &input)
{
    return runCliWithInput(withDataDir(dataDir, QStringList{u"connect"_s} + args), input, 30000);
}

/// Writes `bytes` to `path` with `mode` (e.g. 0600) and returns the path.
QString writeFile(const QString &path, const QByteArray &bytes, QFileDevice::Permissions mode)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    f.close();
    f.setPermissions(mode);
    return path;
}

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

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
    void reconnectingReplacesTheSecretsOfTheOldMode();
    void secretsFileInTheProfilesFormat();
    void secretsThatGiveNothingOrTooMuchAreRefused_data();
    void secretsThatGiveNothingOrTooMuchAreRefused();
    void privateKeyFileMustBePrivate();
    void silentServerFailsWithinTheRequestTimeout();
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

void TestCliConnect::reconnectingReplacesTheSecretsOfTheOldMode()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CliRun run = runConnectWith(dir.path(), magento(u"http://127.0.0.1:9"_s), R"({"token":"old-token"})");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(storedSecret(u"magento.token"_s), u"old-token"_s);
    // Another mode: the integration token is no longer used and is removed; the new keys are stored.
    run = runConnectWith(dir.path(), {u"magento"_s, u"--url"_s, u"http://127.0.0.1:9"_s, u"--auth"_s, u"oauth1"_s},
                         R"({"consumer_key":"ck","consumer_secret":"cs","access_token":"at","access_token_secret":"as"})");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"4 secret(s)"_s), qPrintable(run.out));
    QCOMPARE(storedSecret(u"magento.token"_s), QString());
    QCOMPARE(storedSecret(u"magento.oauth.access_token"_s), u"at"_s);
    // The same mode again without secrets (another option changed): the mode's secrets stay.
    run = runConnectWith(dir.path(), {u"magento"_s, u"--url"_s, u"http://localhost:9"_s, u"--auth"_s, u"oauth1"_s}, "{}");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(storedSecret(u"magento.oauth.access_token"_s), u"at"_s);
}

void TestCliConnect::secretsFileInTheProfilesFormat()
{
    // The format the headless sync reads works for connect too.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = writeFile(dir.filePath(u"secrets.json"_s),
                                   R"({"version":1,"profiles":{"default":{"magento.token":"from-file"}}})", kOwnerOnly);
    const CliRun run = runCliWithInput(
        withDataDir(dir.path(), QStringList{u"connect"_s} + magento(u"http://127.0.0.1:9"_s) + QStringList{u"--secrets-file"_s, file}), {},
        30000);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"1 secret(s)"_s), qPrintable(run.out));
    QCOMPARE(storedSecret(u"magento.token"_s), u"from-file"_s);
}

void TestCliConnect::secretsThatGiveNothingOrTooMuchAreRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("needle");
    QTest::newRow("profiles format, Salesforce secrets only")
        << QByteArray(R"({"version":1,"profiles":{"default":{"salesforce.password":"p"}}})") << int(kOwnerOnly)
        << u"holds no secret for this connection"_s;
    QTest::newRow("profiles format, another profile")
        << QByteArray(R"({"version":1,"profiles":{"shop2":{"magento.token":"t"}}})") << int(kOwnerOnly)
        << u"holds no secret"_s;
    QTest::newRow("flat, a Salesforce name") << QByteArray(R"({"password":"p"})") << int(kOwnerOnly)
                                             << u"\"password\" is not a secret of this connection"_s;
    QTest::newRow("flat, empty object") << QByteArray("{}") << int(kOwnerOnly) << u"holds no secret"_s;
    QTest::newRow("readable by others") << QByteArray(R"({"token":"t"})")
                                        << int(kOwnerOnly | QFileDevice::ReadGroup | QFileDevice::ReadOther)
                                        << u"chmod 600"_s;
}

void TestCliConnect::secretsThatGiveNothingOrTooMuchAreRefused()
{
    QFETCH(QByteArray, content);
    QFETCH(int, mode);
    QFETCH(QString, needle);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString tokenBefore = storedSecret(u"magento.token"_s); // the keyring lives as long as this test program
    const QString file = writeFile(dir.filePath(u"secrets.json"_s), content, QFileDevice::Permissions(mode));
    const CliRun run = runCliWithInput(
        withDataDir(dir.path(), QStringList{u"connect"_s} + magento(u"http://127.0.0.1:9"_s) + QStringList{u"--secrets-file"_s, file}), {},
        30000);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(needle), qPrintable(run.err));
    QVERIFY(!storedProfile(dir.path()).has_value());
    QCOMPARE(storedSecret(u"magento.token"_s), tokenBefore);
}

void TestCliConnect::privateKeyFileMustBePrivate()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray pem = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n";
    const QString key = writeFile(dir.filePath(u"server.key"_s), pem,
                                  kOwnerOnly | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    const QStringList jwt{u"salesforce"_s, u"--login-url"_s, u"https://login.salesforce.com"_s, u"--client-id"_s, u"app"_s,
                          u"--flow"_s, u"jwt"_s, u"--username"_s, u"sync@example.com"_s};
    const QByteArray input = QJsonDocument(QJsonObject{{u"private_key_file"_s, key}}).toJson();
    CliRun run = runConnectWith(dir.path(), jwt, input);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"chmod 600"_s) && run.err.contains(key), qPrintable(run.err));
    QVERIFY(!storedProfile(dir.path()).has_value());
    QVERIFY(QFile::setPermissions(key, kOwnerOnly));
    run = runConnectWith(dir.path(), jwt, input);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(storedSecret(u"salesforce.private_key"_s), QString::fromLatin1(pem));
}

void TestCliConnect::silentServerFailsWithinTheRequestTimeout()
{
    // A server that accepts connections and never answers: test-connection fails within the request timeout
    // (both sides are asked at once) and names the host and the step.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    const quint16 port = silent.serverPort();
    const QString url = u"http://127.0.0.1:%1"_s.arg(port);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // connect magento signs in once: with nothing listening yet it saves with a notice at once.
    silent.close();
    CliRun run = runConnectWith(dir.path(), magento(url), R"({"token":"t"})");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(silent.listen(QHostAddress::LocalHost, port));
    run = runConnectWith(dir.path(), salesforce(url), R"({"client_secret":"s","password":"p"})");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = runCliWithInput(withDataDir(dir.path(), {u"config"_s, u"set"_s, u"engine.request_timeout_seconds"_s, u"6"_s}), {}, 30000);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    QElapsedTimer clock;
    clock.start();
    run = runCliWithInput(withDataDir(dir.path(), {u"test-connection"_s}), {}, 90000);
    const qint64 elapsed = clock.elapsed();
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 1);
    const QString all = run.out + run.err;
    QVERIFY2(all.contains(u"No reply from 127.0.0.1 within 6 s (GET "_s), qPrintable(all));
    QVERIFY2(all.contains(u"No reply from the Salesforce login server %1 within 6 s (sign-in)"_s.arg(url)), qPrintable(all));
    // Twice the budget is far from the 5 attempts of 30 s each that a silent server used to cost.
    QVERIFY2(elapsed < 30000, qPrintable(QString::number(elapsed)));
}

QTEST_GUILESS_MAIN(TestCliConnect)
#include "tst_cliconnect.moc"
