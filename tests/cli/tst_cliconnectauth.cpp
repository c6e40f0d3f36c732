// orderbridge-cli connect magento signs in once with the secrets given, against the stock sandbox store
// (Magento 2.4.8 defaults: two-factor authentication on, integration tokens not accepted as Bearer):
// a setup the store refuses exits 1 with the explanation and the fix, and saves nothing; OAuth 1.0a works.
#include "clirunner.h"
#include "sandboxprocess.h"

#include "store/connectionprofilerepository.h"
#include "store/database.h"
#include "store/datalocation.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

std::optional<ConnectionProfile> storedProfile(const QString &dataDir)
{
    auto db = Database::open(DataLocation::databasePath(dataDir));
    if (!db)
        return std::nullopt;
    auto found = ConnectionProfileRepository(*db).findByName(u"default"_s);
    return found ? *found : std::nullopt;
}

} // namespace

class TestCliConnectAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void refusedSetupsExplainTheFix_data();
    void refusedSetupsExplainTheFix();
    void oauth1SignsInAndIsSaved();
    void switchesOpenTheOtherModes();
    void unreachableStoreIsSavedWithANotice();

private:
    CliRun connectMagento(const QString &dataDir, const QJsonObject &mg, const QString &auth, const QJsonObject &secrets)
    {
        return runCliWithInput(withDataDir(dataDir, {u"connect"_s, u"magento"_s, u"--url"_s,
                                                     mg.value(u"base_url"_s).toString(), u"--auth"_s, auth}),
                               QJsonDocument(secrets).toJson(), 60000);
    }
    static QJsonObject secretsFor(const QString &auth, const QJsonObject &mg)
    {
        if (auth == u"admin"_s)
            return {{u"admin_username"_s, mg.value(u"admin_username"_s)}, {u"admin_password"_s, mg.value(u"admin_password"_s)}};
        if (auth == u"token"_s)
            return {{u"token"_s, mg.value(u"integration_token"_s)}};
        QJsonObject s;
        for (const char *key : {"consumer_key", "consumer_secret", "access_token", "access_token_secret"})
            s.insert(QLatin1String(key), mg.value(QLatin1String(key)));
        return s;
    }

    SandboxProcess m_sandbox; // stock defaults
};

void TestCliConnectAuth::initTestCase()
{
    QVERIFY2(m_sandbox.start({u"--orders"_s, u"5"_s, u"--seed"_s, u"4"_s}), qPrintable(m_sandbox.errorString()));
}

void TestCliConnectAuth::refusedSetupsExplainTheFix_data()
{
    QTest::addColumn<QString>("auth");
    QTest::addColumn<QStringList>("explanation");
    QTest::newRow("admin: 2FA") << u"admin"_s
                                << QStringList{u"Please use the 2fa provider-specific endpoints to obtain a token."_s,
                                               u"two-factor authentication (2FA)"_s, u"one-time code"_s,
                                               u"--auth oauth1"_s, u"System > Extensions > Integrations"_s,
                                               u"Allow OAuth Access Tokens to be used as standalone Bearer tokens"_s};
    QTest::newRow("token: Bearer off since 2.4.4")
        << u"token"_s
        << QStringList{u"The consumer isn't authorized to access Magento_Sales::actions_view."_s, u"Since Magento 2.4.4"_s,
                       u"Stores > Configuration > Services > OAuth > Consumer Settings"_s,
                       u"Allow OAuth Access Tokens to be used as standalone Bearer tokens"_s, u"OAuth 1.0a"_s,
                       u"--auth oauth1"_s};
}

void TestCliConnectAuth::refusedSetupsExplainTheFix()
{
    QFETCH(QString, auth);
    QFETCH(QStringList, explanation);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QJsonObject mg = m_sandbox.magento();
    const CliRun run = connectMagento(dir.path(), mg, auth, secretsFor(auth, mg));
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 1);
    for (const QString &part : std::as_const(explanation))
        QVERIFY2(run.err.contains(part), qPrintable(part + u"\n---\n"_s + run.err));
    QVERIFY2(run.err.contains(u"not saved"_s), qPrintable(run.err));
    // Nothing saved: neither the profile nor (so) the secrets; and no secret in the output.
    QVERIFY(!storedProfile(dir.path()).has_value());
    QVERIFY(!run.err.contains(mg.value(u"admin_password"_s).toString()));
    QVERIFY(!run.err.contains(mg.value(u"integration_token"_s).toString()));
}

void TestCliConnectAuth::oauth1SignsInAndIsSaved()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QJsonObject mg = m_sandbox.magento();
    CliRun run = connectMagento(dir.path(), mg, u"oauth1"_s, secretsFor(u"oauth1"_s, mg));
    QVERIFY(run.finished);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"Signed in to Magento; 5 order(s) visible."_s), qPrintable(run.out));
    std::optional<ConnectionProfile> profile = storedProfile(dir.path());
    QVERIFY(profile.has_value());
    QCOMPARE(profile->magentoAuthMode, MagentoAuthMode::OAuth1);

    // OAuth 1.0a is the default mode.
    QTemporaryDir other;
    run = runCliWithInput(withDataDir(other.path(), {u"connect"_s, u"magento"_s, u"--url"_s, mg.value(u"base_url"_s).toString()}),
                          QJsonDocument(secretsFor(u"oauth1"_s, mg)).toJson(), 60000);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    profile = storedProfile(other.path());
    QVERIFY(profile.has_value());
    QCOMPARE(profile->magentoAuthMode, MagentoAuthMode::OAuth1);

    // Wrong OAuth credentials are refused too, with the OAuth checks to make.
    QTemporaryDir wrong;
    QJsonObject bad = secretsFor(u"oauth1"_s, mg);
    bad.insert(u"access_token_secret"_s, u"not-the-secret"_s);
    run = connectMagento(wrong.path(), mg, u"oauth1"_s, bad);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"The signature is invalid."_s) && run.err.contains(u"clock"_s), qPrintable(run.err));
    QVERIFY(!storedProfile(wrong.path()).has_value());
}

void TestCliConnectAuth::switchesOpenTheOtherModes()
{
    // A store whose admin turned 2FA off and allowed Bearer tokens: both modes connect.
    SandboxProcess open;
    QVERIFY2(open.start({u"--orders"_s, u"3"_s, u"--magento-2fa"_s, u"off"_s, u"--magento-bearer"_s, u"on"_s}),
             qPrintable(open.errorString()));
    for (const QString &auth : {u"admin"_s, u"token"_s}) {
        QTemporaryDir dir;
        const CliRun run = connectMagento(dir.path(), open.magento(), auth, secretsFor(auth, open.magento()));
        QVERIFY2(run.exitCode == 0, qPrintable(auth + u": "_s + run.err));
        QVERIFY2(run.out.contains(u"Signed in to Magento; 3 order(s) visible."_s), qPrintable(run.out));
        QVERIFY(storedProfile(dir.path()).has_value());
    }
}

void TestCliConnectAuth::unreachableStoreIsSavedWithANotice()
{
    // Nothing listens there: the setup may well be right, so it is kept, and the output says it was not checked.
    QTemporaryDir dir;
    const QJsonObject nowhere{{u"base_url"_s, u"http://127.0.0.1:9"_s}};
    const CliRun run = connectMagento(dir.path(), nowhere, u"oauth1"_s, secretsFor(u"oauth1"_s, m_sandbox.magento()));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.err.contains(u"could not check the Magento sign-in"_s) && run.err.contains(u"test-connection"_s),
             qPrintable(run.err));
    QVERIFY(storedProfile(dir.path()).has_value());
}

QTEST_GUILESS_MAIN(TestCliConnectAuth)
#include "tst_cliconnectauth.moc"
