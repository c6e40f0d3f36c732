#include "credentials/credentialstorefactory.h"
#include "credentials/filecredentialstore.h"
#include "credentials/keychaincredentialstore.h"
#include "credentials/secretsfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::SecretsFile;

class TestCredentialStoreFactory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void keychainByDefault();
    void secretsFileWhenNamed();
    void secretsFileBeatsEnvironment();
    void environmentWhenSet();
    void unusableSourceIsAnErrorNotAFallback_data();
    void unusableSourceIsAnErrorNotAFallback();

private:
    QString writeSecrets(const QByteArray &json, QFile::Permissions permissions);
    QTemporaryDir m_dir;
};

void TestCredentialStoreFactory::init()
{
    QVERIFY(m_dir.isValid());
    qunsetenv(SecretsFile::EnvironmentVariable);
}

void TestCredentialStoreFactory::cleanup()
{
    qunsetenv(SecretsFile::EnvironmentVariable);
}

QString TestCredentialStoreFactory::writeSecrets(const QByteArray &json, QFile::Permissions permissions)
{
    const QString path = m_dir.filePath(u"secrets.json"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(json) != json.size())
        return {};
    file.close();
    return file.setPermissions(permissions) ? path : QString();
}

void TestCredentialStoreFactory::keychainByDefault()
{
    const auto store = OrderBridge::createCredentialStore(QString());
    QVERIFY(store.has_value());
    QVERIFY(qobject_cast<OrderBridge::KeychainCredentialStore *>(store->get()));
}

void TestCredentialStoreFactory::secretsFileWhenNamed()
{
    const QString path = writeSecrets(R"({"profiles":{"p":{"magento.token":"t"}}})", QFile::ReadOwner | QFile::WriteOwner);
    QVERIFY(!path.isEmpty());
    const auto store = OrderBridge::createCredentialStore(path);
    QVERIFY(store.has_value());
    QVERIFY(qobject_cast<OrderBridge::FileCredentialStore *>(store->get()));
    QCOMPARE((*store)->backendName(), path);
}

void TestCredentialStoreFactory::secretsFileBeatsEnvironment()
{
    const QString path = writeSecrets(R"({"profiles":{}})", QFile::ReadOwner);
    qputenv(SecretsFile::EnvironmentVariable, R"({"profiles":{}})");
    const auto store = OrderBridge::createCredentialStore(path);
    QVERIFY(store.has_value());
    QCOMPARE((*store)->backendName(), path);
}

void TestCredentialStoreFactory::environmentWhenSet()
{
    qputenv(SecretsFile::EnvironmentVariable, R"({"profiles":{"p":{"magento.token":"t"}}})");
    const auto store = OrderBridge::createCredentialStore(QString());
    QVERIFY(store.has_value());
    QVERIFY(qobject_cast<OrderBridge::FileCredentialStore *>(store->get()));
    QCOMPARE((*store)->backendName(), u"the environment variable ORDERBRIDGE_SECRETS"_s);
}

void TestCredentialStoreFactory::unusableSourceIsAnErrorNotAFallback_data()
{
    QTest::addColumn<bool>("useFile");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("permissions");
    QTest::addColumn<QString>("code");
    const int owner = int(QFile::ReadOwner | QFile::WriteOwner);
    QTest::newRow("file-0644") << true << QByteArray(R"({"profiles":{}})") << int(owner | QFile::ReadGroup | QFile::ReadOther)
                               << u"secrets_file.permissions"_s;
    QTest::newRow("file-malformed") << true << QByteArray("{") << owner << u"secrets_file.malformed"_s;
    QTest::newRow("env-malformed") << false << QByteArray("{") << owner << u"secrets_file.malformed"_s;
    QTest::newRow("env-empty") << false << QByteArray() << owner << u"secrets_file.malformed"_s;
}

void TestCredentialStoreFactory::unusableSourceIsAnErrorNotAFallback()
{
    QFETCH(bool, useFile);
    QFETCH(QByteArray, json);
    QFETCH(int, permissions);
    QFETCH(QString, code);
    QString path;
    if (useFile) {
        path = writeSecrets(json, QFile::Permissions(permissions));
        QVERIFY(!path.isEmpty());
    } else {
        qputenv(SecretsFile::EnvironmentVariable, json);
    }
    const auto store = OrderBridge::createCredentialStore(path);
    QVERIFY(!store.has_value());
    QCOMPARE(store.error().code, code);
}

QTEST_GUILESS_MAIN(TestCredentialStoreFactory)
#include "tst_credentialstorefactory.moc"
