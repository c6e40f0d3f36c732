#include "credentials/secretsfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::CredentialKey;
using OrderBridge::SecretsFile;

namespace {

const QByteArray validJson = R"({
  "version": 1,
  "profiles": {
    "shop-prod": {
      "magento.token": "mg-tok-123",
      "salesforce.client_secret": "sf-Schlüssel-秘密"
    },
    "staging": { "magento.token": "staging-token" }
  }
})";

CredentialKey key(const QString &profile, const QString &name)
{
    return CredentialKey{profile, name};
}

} // namespace

class TestSecretsFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void readsProfilesAndSecrets();
    void readsDatabasePassword();
    void fileMode_data();
    void fileMode();
    void missingFile();
    void malformedJsonGivesLineAndColumn_data();
    void malformedJsonGivesLineAndColumn();
    void wrongShapeIsRefused_data();
    void wrongShapeIsRefused();
    void environmentVariable();
    void environmentVariableUnsetOrMalformed();

private:
    QString writeFile(const QByteArray &content, QFile::Permissions permissions);

    QTemporaryDir m_dir;
    int m_fileCount = 0;
};

void TestSecretsFile::init()
{
    QVERIFY(m_dir.isValid());
    qunsetenv(SecretsFile::EnvironmentVariable);
}

QString TestSecretsFile::writeFile(const QByteArray &content, QFile::Permissions permissions)
{
    const QString path = m_dir.filePath(u"secrets-%1.json"_s.arg(++m_fileCount));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    file.close();
    if (!file.setPermissions(permissions))
        return {};
    return path;
}

void TestSecretsFile::readsProfilesAndSecrets()
{
    const QString path = writeFile(validJson, QFile::ReadOwner | QFile::WriteOwner);
    QVERIFY(!path.isEmpty());
    const OrderBridge::Result<SecretsFile> secrets = SecretsFile::load(path);
    QVERIFY2(secrets.has_value(), qPrintable(secrets ? QString() : secrets.error().toString()));
    QCOMPARE(secrets->origin(), path);
    QCOMPARE(secrets->profiles(), (QStringList{u"shop-prod"_s, u"staging"_s}));
    QCOMPARE(secrets->secret(key(u"shop-prod"_s, u"magento.token"_s)), std::optional<QString>(u"mg-tok-123"_s));
    QCOMPARE(secrets->secret(key(u"shop-prod"_s, u"salesforce.client_secret"_s)),
             std::optional<QString>(u"sf-Schlüssel-秘密"_s));
    QCOMPARE(secrets->secret(key(u"staging"_s, u"magento.token"_s)), std::optional<QString>(u"staging-token"_s));
    // Profiles are separate namespaces.
    QVERIFY(!secrets->secret(key(u"staging"_s, u"salesforce.client_secret"_s)).has_value());
    QVERIFY(!secrets->secret(key(u"other"_s, u"magento.token"_s)).has_value());
    QVERIFY(!secrets->databasePassword().has_value());
}

void TestSecretsFile::readsDatabasePassword()
{
    // Team mode: the shared database's password belongs to no connection profile.
    const auto secrets = SecretsFile::parse(R"({"version": 1, "profiles": {}, "database": {"password": "pg-Pässwort"}})",
                                            u"test.json"_s);
    QVERIFY2(secrets, qPrintable(secrets ? QString() : secrets.error().toString()));
    QCOMPARE(secrets->databasePassword(), std::optional<QString>(u"pg-Pässwort"_s));
    QVERIFY(secrets->profiles().isEmpty());
}

void TestSecretsFile::fileMode_data()
{
    QTest::addColumn<int>("permissions");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("modeText");
    const int owner = int(QFile::ReadOwner | QFile::WriteOwner);
    QTest::newRow("0600") << owner << true << QString();
    QTest::newRow("0400") << int(QFile::ReadOwner) << true << QString();
    QTest::newRow("0644") << int(owner | QFile::ReadGroup | QFile::ReadOther) << false << u"0644"_s;
    QTest::newRow("0640") << int(owner | QFile::ReadGroup) << false << u"0640"_s;
    QTest::newRow("0602") << int(owner | QFile::WriteOther) << false << u"0602"_s;
    QTest::newRow("0666") << int(owner | QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther)
                          << false << u"0666"_s;
}

void TestSecretsFile::fileMode()
{
    QFETCH(int, permissions);
    QFETCH(bool, accepted);
    QFETCH(QString, modeText);
    const QString path = writeFile(validJson, QFile::Permissions(permissions));
    QVERIFY(!path.isEmpty());
    const OrderBridge::Result<SecretsFile> secrets = SecretsFile::load(path);
    QCOMPARE(secrets.has_value(), accepted);
    if (accepted)
        return;
    QCOMPARE(secrets.error().code, u"secrets_file.permissions"_s);
    QVERIFY2(secrets.error().message.contains(path), qPrintable(secrets.error().message));
    QVERIFY2(secrets.error().message.contains(u"mode "_s + modeText), qPrintable(secrets.error().message));
    QVERIFY2(secrets.error().hint.contains(u"chmod 600 "_s + path), qPrintable(secrets.error().hint));
}

void TestSecretsFile::missingFile()
{
    const OrderBridge::Result<SecretsFile> secrets = SecretsFile::load(m_dir.filePath(u"nope.json"_s));
    QVERIFY(!secrets);
    QCOMPARE(secrets.error().code, u"secrets_file.missing"_s);
    QVERIFY(secrets.error().hint.contains(u"--secrets-file"_s));
}

void TestSecretsFile::malformedJsonGivesLineAndColumn_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("position");
    QTest::newRow("trailing-comma") << QByteArray("{\n  \"profiles\": {\n    \"p\": {\"magento.token\": \"x\",}\n  }\n}\n")
                                    << u"line 3"_s;
    QTest::newRow("missing-colon") << QByteArray("{\n\"profiles\"\n{}}") << u"line 3"_s;
    QTest::newRow("unterminated") << QByteArray("{\"profiles\": {\"p\": {\"magento.token\": \"abc") << u"line 1"_s;
    QTest::newRow("garbage-line-5") << QByteArray("{\n\n\n\n  oops\n}") << u"line 5"_s;
}

void TestSecretsFile::malformedJsonGivesLineAndColumn()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, position);
    const QString path = writeFile(json, QFile::ReadOwner | QFile::WriteOwner);
    const OrderBridge::Result<SecretsFile> secrets = SecretsFile::load(path);
    QVERIFY(!secrets);
    QCOMPARE(secrets.error().code, u"secrets_file.malformed"_s);
    QVERIFY2(secrets.error().message.contains(path), qPrintable(secrets.error().message));
    QVERIFY2(secrets.error().message.contains(position + u", column "_s), qPrintable(secrets.error().message));
}

void TestSecretsFile::wrongShapeIsRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("array") << QByteArray("[]") << u"secrets_file.malformed"_s << u"not a JSON object"_s;
    QTest::newRow("no-profiles") << QByteArray("{\"version\":1}") << u"secrets_file.malformed"_s << u"\"profiles\""_s;
    QTest::newRow("unknown-member") << QByteArray("{\"profiles\":{},\"tokens\":{}}") << u"secrets_file.malformed"_s
                                    << u"\"tokens\""_s;
    QTest::newRow("version-2") << QByteArray("{\"version\":2,\"profiles\":{}}") << u"secrets_file.version"_s
                               << u"version"_s;
    QTest::newRow("profile-not-object") << QByteArray("{\"profiles\":{\"p\":\"tok\"}}") << u"secrets_file.malformed"_s
                                        << u"profiles.p"_s;
    QTest::newRow("secret-not-string") << QByteArray("{\"profiles\":{\"p\":{\"magento.token\":987654}}}")
                                       << u"secrets_file.malformed"_s << u"profiles.p.magento.token"_s;
    QTest::newRow("bad-profile-name") << QByteArray("{\"profiles\":{\"a/b\":{\"magento.token\":\"x\"}}}")
                                      << u"secrets_file.malformed"_s << u"a/b"_s;
    QTest::newRow("bad-secret-name") << QByteArray("{\"profiles\":{\"p\":{\"Magento Token\":\"x\"}}}")
                                     << u"secrets_file.malformed"_s << u"Magento Token"_s;
    QTest::newRow("database-not-object") << QByteArray("{\"profiles\":{},\"database\":\"987654\"}")
                                         << u"secrets_file.malformed"_s << u"\"database\""_s;
    QTest::newRow("database-other-member") << QByteArray("{\"profiles\":{},\"database\":{\"user\":\"987654\"}}")
                                           << u"secrets_file.malformed"_s << u"\"database\""_s;
    QTest::newRow("database-password-number") << QByteArray("{\"profiles\":{},\"database\":{\"password\":987654}}")
                                              << u"secrets_file.malformed"_s << u"database.password"_s;
}

void TestSecretsFile::wrongShapeIsRefused()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    const OrderBridge::Result<SecretsFile> secrets = SecretsFile::parse(json, u"test.json"_s);
    QVERIFY(!secrets);
    QCOMPARE(secrets.error().code, code);
    QVERIFY2(secrets.error().message.contains(mentions), qPrintable(secrets.error().message));
    QVERIFY(!secrets.error().hint.isEmpty());
    // Values are never quoted back: they may be secrets.
    QVERIFY(!secrets.error().toString().contains(u"987654"_s));
}

void TestSecretsFile::environmentVariable()
{
    qputenv(SecretsFile::EnvironmentVariable, validJson);
    const OrderBridge::Result<SecretsFile> secrets = SecretsFile::fromEnvironment();
    qunsetenv(SecretsFile::EnvironmentVariable);
    QVERIFY(secrets.has_value());
    QCOMPARE(secrets->origin(), u"the environment variable ORDERBRIDGE_SECRETS"_s);
    QCOMPARE(secrets->secret(key(u"staging"_s, u"magento.token"_s)), std::optional<QString>(u"staging-token"_s));
}

void TestSecretsFile::environmentVariableUnsetOrMalformed()
{
    OrderBridge::Result<SecretsFile> secrets = SecretsFile::fromEnvironment();
    QVERIFY(!secrets);
    QCOMPARE(secrets.error().code, u"secrets_env.unset"_s);
    QVERIFY(secrets.error().message.contains(u"ORDERBRIDGE_SECRETS"_s));

    qputenv(SecretsFile::EnvironmentVariable, "{\"profiles\":\n {oops}}");
    secrets = SecretsFile::fromEnvironment();
    qunsetenv(SecretsFile::EnvironmentVariable);
    QVERIFY(!secrets);
    QCOMPARE(secrets.error().code, u"secrets_file.malformed"_s);
    QVERIFY2(secrets.error().message.contains(u"ORDERBRIDGE_SECRETS"_s), qPrintable(secrets.error().message));
    QVERIFY2(secrets.error().message.contains(u"line 2"_s), qPrintable(secrets.error().message));
}

QTEST_APPLESS_MAIN(TestSecretsFile)
#include "tst_secretsfile.moc"
