#include "settings/connectionpage.h"

#include "credentials/credentialstore.h"
#include "store/connectionprofilerepository.h"
#include "store/database.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QMessageBox>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::ConnectionProfile;
using Secrets = QHash<QString, QString>;

namespace {

/// Secrets held in memory, answered later like the keychain.
class MemoryCredentialStore : public OrderBridge::CredentialStore
{
public:
    explicit MemoryCredentialStore(QHash<QString, QString> secrets)
        : m_secrets(std::move(secrets))
    {
    }
    [[nodiscard]] QString backendName() const override { return u"memory"_s; }

protected:
    void startRead(quint64 requestId, const OrderBridge::CredentialKey &key) override
    {
        OrderBridge::CredentialResult result;
        result.requestId = requestId;
        result.key = key;
        if (m_secrets.contains(key.storageKey()))
            result.secret = m_secrets.value(key.storageKey());
        else
            result.error = OrderBridge::Error{u"credentials.not_found"_s, u"no"_s, {}, {}};
        deliverLater(result);
    }
    void startWrite(quint64 requestId, const OrderBridge::CredentialKey &key, const QString &) override
    {
        OrderBridge::CredentialResult result{requestId, OrderBridge::CredentialResult::Operation::Write, key, {}, {}};
        deliverLater(result);
    }
    void startRemove(quint64 requestId, const OrderBridge::CredentialKey &key) override
    {
        OrderBridge::CredentialResult result{requestId, OrderBridge::CredentialResult::Operation::Remove, key, {}, {}};
        deliverLater(result);
    }

private:
    QHash<QString, QString> m_secrets;
};

const char pem[] = "-----BEGIN PRIVATE KEY-----\nMIIBVgIBADANBgkqhkiG9w0BAQEFAASCAUAwggE8AgEAAkEAq\n-----END PRIVATE KEY-----\n";

} // namespace

class TestConnectionPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void validates_data();
    void validates();
    void showsTheProblemOnTheField();
    void appliesTheProfileAndOnlyTypedSecrets_data();
    void appliesTheProfileAndOnlyTypedSecrets();
    void readsTheKeyFileForJwt();
    void showsTheStoredProfileButNeverItsSecrets();
    void emptySecretFieldsKeepTheStoredOnes();
    void changingTheAppDropsTheRefreshToken();
    void changingTheModeRemovesTheOldModesSecrets_data();
    void changingTheModeRemovesTheOldModesSecrets();
    void appliedAndFailedAnswers();
    void showsChecks();
    void testFailureIsShown();
    void saveAndTestSavesTheFormFirst();
    void preparesSalesforceAfterConfirmation();
    void everyControlIsNamed();
    void mnemonicsAreUniqueInEveryMode_data();
    void mnemonicsAreUniqueInEveryMode();

private:
    template<typename T>
    T *find(ConnectionPage &page, const QString &name)
    {
        auto *widget = qobject_cast<T *>(page.control(name));
        if (!widget)
            qWarning() << "no control" << name;
        return widget;
    }
    void fill(ConnectionPage &page, const QString &mode, const QString &flow, const QVariantMap &fields);

    QTemporaryDir m_dir;
    int m_run = 0;
    std::shared_ptr<OrderBridge::Database> m_database;
};

void TestConnectionPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QFile key(m_dir.filePath(u"key.pem"_s));
    QVERIFY(key.open(QIODevice::WriteOnly));
    key.write(pem);
    key.close();
    QVERIFY(key.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)); // a private key must be private
    QFile notKey(m_dir.filePath(u"notakey.txt"_s));
    QVERIFY(notKey.open(QIODevice::WriteOnly));
    notKey.write("hello");
    notKey.close();
    QVERIFY(notKey.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
}

void TestConnectionPage::init()
{
    m_database.reset();
    auto opened = OrderBridge::Database::open(m_dir.filePath(u"store%1.sqlite"_s.arg(++m_run)));
    QVERIFY2(opened, opened ? "" : qPrintable(opened.error().toString()));
    m_database = *opened;
}

void TestConnectionPage::fill(ConnectionPage &page, const QString &mode, const QString &flow, const QVariantMap &fields)
{
    auto *authMode = find<QComboBox>(page, u"magentoAuthMode"_s);
    authMode->setCurrentIndex(authMode->findData(mode));
    auto *flowBox = find<QComboBox>(page, u"salesforceFlow"_s);
    flowBox->setCurrentIndex(flowBox->findData(flow));
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        if (it.key() == u"salesforceLoginKind"_s) {
            auto *kind = find<QComboBox>(page, it.key());
            kind->setCurrentIndex(kind->findData(it.value().toString()));
            continue;
        }
        auto *edit = find<QLineEdit>(page, it.key());
        QVERIFY(edit);
        edit->clear();
        const QString value = it.value().toString();
        bool ascii = true;
        for (QChar c : value)
            ascii = ascii && c.unicode() < 0x80;
        if (ascii) {
            QTest::keyClicks(edit, value); // as typed, so textEdited marks the page edited
        } else {
            // QTest types ASCII only; what an input method would do:
            edit->setText(value);
            Q_EMIT edit->textEdited(value);
        }
    }
}

namespace {
QVariantMap base()
{
    return {{u"magentoBaseUrl"_s, u"https://shop.example.com"_s},
            {u"salesforceLoginKind"_s, u"https://login.salesforce.com"_s},
            {u"salesforceClientId"_s, u"3MVG9abc"_s},
            {u"salesforceUsername"_s, u"integration@example.com"_s}};
}
QVariantMap with(QVariantMap map, const QVariantMap &more)
{
    for (auto it = more.cbegin(); it != more.cend(); ++it)
        map.insert(it.key(), it.value());
    return map;
}
}

void TestConnectionPage::validates_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("flow");
    QTest::addColumn<QVariantMap>("fields");
    QTest::addColumn<QString>("invalidField"); // empty: valid

    const QVariantMap token = with(base(), {{u"magentoToken"_s, u"t0ken"_s}});
    QTest::newRow("token + browser: valid") << u"integration_bearer"_s << u"web_server"_s << token << QString();
    QTest::newRow("token missing") << u"integration_bearer"_s << u"web_server"_s << base() << u"magentoToken"_s;
    QTest::newRow("url empty") << u"integration_bearer"_s << u"web_server"_s
                               << with(token, {{u"magentoBaseUrl"_s, QString()}}) << u"magentoBaseUrl"_s;
    QTest::newRow("url not a url") << u"integration_bearer"_s << u"web_server"_s
                                   << with(token, {{u"magentoBaseUrl"_s, u"shop example"_s}}) << u"magentoBaseUrl"_s;
    QTest::newRow("url ftp") << u"integration_bearer"_s << u"web_server"_s
                             << with(token, {{u"magentoBaseUrl"_s, u"ftp://shop.example.com"_s}}) << u"magentoBaseUrl"_s;
    QTest::newRow("url plain http") << u"integration_bearer"_s << u"web_server"_s
                                    << with(token, {{u"magentoBaseUrl"_s, u"http://shop.example.com"_s}}) << u"magentoBaseUrl"_s;
    QTest::newRow("url http loopback") << u"integration_bearer"_s << u"web_server"_s
                                       << with(token, {{u"magentoBaseUrl"_s, u"http://127.0.0.1:8080"_s}}) << QString();
    QTest::newRow("url http localhost") << u"integration_bearer"_s << u"web_server"_s
                                        << with(token, {{u"magentoBaseUrl"_s, u"http://localhost:8080/"_s}}) << QString();
    QTest::newRow("store code bad") << u"integration_bearer"_s << u"web_server"_s
                                    << with(token, {{u"magentoStoreCode"_s, u"1st store"_s}}) << u"magentoStoreCode"_s;
    QTest::newRow("store code ok") << u"integration_bearer"_s << u"web_server"_s
                                   << with(token, {{u"magentoStoreCode"_s, u"de_store"_s}}) << QString();
    QTest::newRow("admin: user missing") << u"admin_token"_s << u"web_server"_s
                                         << with(base(), {{u"magentoAdminPassword"_s, u"pw"_s}}) << u"magentoAdminUsername"_s;
    QTest::newRow("admin: password missing") << u"admin_token"_s << u"web_server"_s
                                             << with(base(), {{u"magentoAdminUsername"_s, u"admin"_s}}) << u"magentoAdminPassword"_s;
    QTest::newRow("admin: valid") << u"admin_token"_s << u"web_server"_s
                                  << with(base(), {{u"magentoAdminUsername"_s, u"admin"_s}, {u"magentoAdminPassword"_s, u"pw"_s}})
                                  << QString();
    const QVariantMap oauth = with(base(), {{u"magentoConsumerKey"_s, u"ck"_s}, {u"magentoConsumerSecret"_s, u"cs"_s},
                                            {u"magentoAccessToken"_s, u"at"_s}, {u"magentoAccessTokenSecret"_s, u"ats"_s}});
    QTest::newRow("oauth1: valid") << u"oauth1"_s << u"web_server"_s << oauth << QString();
    QTest::newRow("oauth1: access token secret missing") << u"oauth1"_s << u"web_server"_s
                                                         << with(oauth, {{u"magentoAccessTokenSecret"_s, QString()}})
                                                         << u"magentoAccessTokenSecret"_s;
    QTest::newRow("oauth1: token not enough") << u"oauth1"_s << u"web_server"_s << token << u"magentoConsumerKey"_s;
    QTest::newRow("custom login url empty") << u"integration_bearer"_s << u"web_server"_s
                                            << with(token, {{u"salesforceLoginKind"_s, QString()}}) << u"salesforceLoginUrl"_s;
    QTest::newRow("custom login url http") << u"integration_bearer"_s << u"web_server"_s
                                           << with(token, {{u"salesforceLoginKind"_s, QString()},
                                                           {u"salesforceLoginUrl"_s, u"http://acme.my.salesforce.com"_s}})
                                           << u"salesforceLoginUrl"_s;
    QTest::newRow("custom login url ok") << u"integration_bearer"_s << u"web_server"_s
                                         << with(token, {{u"salesforceLoginKind"_s, QString()},
                                                         {u"salesforceLoginUrl"_s, u"https://acme.my.salesforce.com"_s}})
                                         << QString();
    QTest::newRow("client id missing") << u"integration_bearer"_s << u"web_server"_s
                                       << with(token, {{u"salesforceClientId"_s, QString()}}) << u"salesforceClientId"_s;
    QTest::newRow("api version bad") << u"integration_bearer"_s << u"web_server"_s
                                     << with(token, {{u"salesforceApiVersion"_s, u"sixty"_s}}) << u"salesforceApiVersion"_s;
    QTest::newRow("magento CA file missing") << u"integration_bearer"_s << u"web_server"_s
                                             << with(token, {{u"magentoCaFile"_s, u"/nonexistent/shop-ca.pem"_s}})
                                             << u"magentoCaFile"_s;
    // The test's own executable: a file that exists and holds no certificate.
    QTest::newRow("salesforce CA file not PEM") << u"integration_bearer"_s << u"web_server"_s
                                                << with(token, {{u"salesforceCaFile"_s, QCoreApplication::applicationFilePath()}})
                                                << u"salesforceCaFile"_s;
    QTest::newRow("api version v62.0") << u"integration_bearer"_s << u"web_server"_s
                                       << with(token, {{u"salesforceApiVersion"_s, u"v62.0"_s}}) << QString();
    QTest::newRow("browser: no username needed") << u"integration_bearer"_s << u"web_server"_s
                                                 << with(token, {{u"salesforceUsername"_s, QString()}}) << QString();
    QTest::newRow("password: username missing") << u"integration_bearer"_s << u"username_password"_s
                                                << with(token, {{u"salesforceUsername"_s, QString()},
                                                                {u"salesforceClientSecret"_s, u"s"_s},
                                                                {u"salesforcePassword"_s, u"p"_s}})
                                                << u"salesforceUsername"_s;
    QTest::newRow("password: client secret missing") << u"integration_bearer"_s << u"username_password"_s
                                                     << with(token, {{u"salesforcePassword"_s, u"p"_s}})
                                                     << u"salesforceClientSecret"_s;
    QTest::newRow("password: password missing") << u"integration_bearer"_s << u"username_password"_s
                                                << with(token, {{u"salesforceClientSecret"_s, u"s"_s}})
                                                << u"salesforcePassword"_s;
    QTest::newRow("password: token without password") << u"integration_bearer"_s << u"username_password"_s
                                                      << with(token, {{u"salesforceClientSecret"_s, u"s"_s},
                                                                      {u"salesforceSecurityToken"_s, u"tok"_s}})
                                                      << u"salesforcePassword"_s;
    QTest::newRow("password: valid") << u"integration_bearer"_s << u"username_password"_s
                                     << with(token, {{u"salesforceClientSecret"_s, u"s"_s}, {u"salesforcePassword"_s, u"p"_s}})
                                     << QString();
    QTest::newRow("jwt: key missing") << u"integration_bearer"_s << u"jwt_bearer"_s << token << u"salesforcePrivateKeyFile"_s;
    QTest::newRow("jwt: username missing") << u"integration_bearer"_s << u"jwt_bearer"_s
                                           << with(token, {{u"salesforceUsername"_s, QString()}}) << u"salesforceUsername"_s;
}

void TestConnectionPage::validates()
{
    QFETCH(QString, mode);
    QFETCH(QString, flow);
    QFETCH(QVariantMap, fields);
    QFETCH(QString, invalidField);
    ConnectionPage page(m_database);
    fill(page, mode, flow, fields);
    const auto submission = page.collect();
    if (invalidField.isEmpty()) {
        QVERIFY2(submission, submission ? "" : qPrintable(submission.error().toString()));
    } else {
        QVERIFY(!submission);
        QCOMPARE(submission.error().fields, QStringList{invalidField});
        QVERIFY(!submission.error().message.isEmpty());
        QVERIFY(!submission.error().hint.isEmpty());
        // Save refuses too and sends nothing.
        QSignalSpy applied(&page, &ConnectionPage::applyRequested);
        QVERIFY(!page.save());
        QCOMPARE(applied.count(), 0);
    }
}

void TestConnectionPage::showsTheProblemOnTheField()
{
    ConnectionPage page(m_database);
    page.resize(800, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    fill(page, u"integration_bearer"_s, u"web_server"_s, with(base(), {{u"magentoBaseUrl"_s, u"http://shop.example.com"_s}}));
    QVERIFY(page.saveButton()->isEnabled());
    QVERIFY(!page.save());
    QVERIFY(page.errorLabel()->isVisible());
    QVERIFY(page.errorLabel()->text().contains(u"https"_s));
    QTRY_COMPARE(QApplication::focusWidget(), page.control(u"magentoBaseUrl"_s));
    QVERIFY(!page.control(u"magentoBaseUrl"_s)->styleSheet().isEmpty());
    // Editing the field clears the mark.
    QTest::keyClick(page.control(u"magentoBaseUrl"_s), Qt::Key_End);
    QTest::keyClick(page.control(u"magentoBaseUrl"_s), Qt::Key_Slash);
    QVERIFY(page.errorLabel()->isHidden());
    QVERIFY(page.control(u"magentoBaseUrl"_s)->styleSheet().isEmpty());
}

void TestConnectionPage::appliesTheProfileAndOnlyTypedSecrets_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("flow");
    QTest::addColumn<QVariantMap>("fields");
    QTest::addColumn<Secrets>("secrets");

    // Fields of the other modes are typed too: they are not sent.
    const QVariantMap everything = with(base(), {
        {u"magentoToken"_s, u"tok"_s}, {u"magentoAdminUsername"_s, u"admin"_s}, {u"magentoAdminPassword"_s, u"apw"_s},
        {u"magentoConsumerKey"_s, u"ck"_s}, {u"magentoConsumerSecret"_s, u"cs"_s}, {u"magentoAccessToken"_s, u"at"_s},
        {u"magentoAccessTokenSecret"_s, u"ats"_s}, {u"salesforceClientSecret"_s, u"sfsecret"_s},
        {u"salesforcePassword"_s, u"pässword"_s}, {u"salesforceSecurityToken"_s, u"SECTOK"_s}});
    QTest::newRow("token, browser") << u"integration_bearer"_s << u"web_server"_s << everything
                                    << Secrets{{u"magento.token"_s, u"tok"_s}, {u"salesforce.client_secret"_s, u"sfsecret"_s}};
    QTest::newRow("token, browser without client secret")
        << u"integration_bearer"_s << u"web_server"_s << with(base(), {{u"magentoToken"_s, u"tok"_s}})
        << Secrets{{u"magento.token"_s, u"tok"_s}};
    QTest::newRow("admin, password") << u"admin_token"_s << u"username_password"_s << everything
                                     << Secrets{{u"magento.admin_username"_s, u"admin"_s},
                                                {u"magento.admin_password"_s, u"apw"_s},
                                                {u"salesforce.client_secret"_s, u"sfsecret"_s},
                                                {u"salesforce.password"_s, u"pässwordSECTOK"_s}};
    QTest::newRow("oauth1, password without token")
        << u"oauth1"_s << u"username_password"_s << with(everything, {{u"salesforceSecurityToken"_s, QString()}})
        << Secrets{{u"magento.oauth.consumer_key"_s, u"ck"_s},
                   {u"magento.oauth.consumer_secret"_s, u"cs"_s},
                   {u"magento.oauth.access_token"_s, u"at"_s},
                   {u"magento.oauth.access_token_secret"_s, u"ats"_s},
                   {u"salesforce.client_secret"_s, u"sfsecret"_s},
                   {u"salesforce.password"_s, u"pässword"_s}};
}

void TestConnectionPage::appliesTheProfileAndOnlyTypedSecrets()
{
    QFETCH(QString, mode);
    QFETCH(QString, flow);
    QFETCH(QVariantMap, fields);
    QFETCH(Secrets, secrets);
    ConnectionPage page(m_database);
    fill(page, mode, flow, fields);
    find<QLineEdit>(page, u"magentoStoreCode"_s)->setText(u"de"_s);
    find<QLineEdit>(page, u"salesforceApiVersion"_s)->setText(u"v61.0"_s);
    // A CA file the system trusts anyway, written out as PEM: accepted and kept as typed.
    QTemporaryDir caDir;
    QFile ca(caDir.filePath(u"ca.pem"_s));
    QVERIFY(!QSslConfiguration::systemCaCertificates().isEmpty());
    QVERIFY(ca.open(QIODevice::WriteOnly));
    ca.write(QSslConfiguration::systemCaCertificates().constFirst().toPem());
    ca.close();
    find<QLineEdit>(page, u"magentoCaFile"_s)->setText(ca.fileName());
    QSignalSpy applied(&page, &ConnectionPage::applyRequested);
    QSignalSpy status(&page, &ConnectionPage::statusMessage);
    QTest::mouseClick(page.saveButton(), Qt::LeftButton);
    QCOMPARE(applied.count(), 1);
    const auto profile = applied.at(0).at(0).value<ConnectionProfile>();
    QCOMPARE(profile.id, 0);
    QCOMPARE(profile.name, u"default"_s);
    QVERIFY(profile.active);
    QCOMPARE(profile.magentoBaseUrl, u"https://shop.example.com"_s);
    QCOMPARE(profile.magentoStoreCode, u"de"_s);
    QCOMPARE(magentoAuthModeName(profile.magentoAuthMode), mode);
    QCOMPARE(profile.salesforceLoginUrl, u"https://login.salesforce.com"_s);
    QCOMPARE(profile.salesforceClientId, u"3MVG9abc"_s);
    QCOMPARE(salesforceFlowName(profile.salesforceFlow), flow);
    QCOMPARE(profile.salesforceUsername, u"integration@example.com"_s);
    QCOMPARE(profile.salesforceApiVersion, u"61.0"_s);
    QCOMPARE(profile.magentoCaFile, ca.fileName());
    QCOMPARE(profile.salesforceCaFile, QString());
    QCOMPARE(applied.at(0).at(1).value<Secrets>(), secrets);
    QVERIFY(page.isApplying());
    QVERIFY(!page.saveButton()->isEnabled());
    QVERIFY(!status.isEmpty());
}

void TestConnectionPage::readsTheKeyFileForJwt()
{
    ConnectionPage page(m_database);
    fill(page, u"integration_bearer"_s, u"jwt_bearer"_s,
         with(base(), {{u"magentoToken"_s, u"tok"_s}, {u"salesforceClientSecret"_s, u"ignored"_s},
                       {u"salesforcePrivateKeyFile"_s, m_dir.filePath(u"notakey.txt"_s)}}));
    auto refused = page.collect();
    QVERIFY(!refused);
    QCOMPARE(refused.error().fields, QStringList{u"salesforcePrivateKeyFile"_s});
    find<QLineEdit>(page, u"salesforcePrivateKeyFile"_s)->setText(m_dir.filePath(u"missing.pem"_s));
    QVERIFY(!page.collect());
    // Readable by others: refused with the fix, like the secrets file.
    const QString shared = m_dir.filePath(u"shared.pem"_s);
    QVERIFY(QFile::copy(m_dir.filePath(u"key.pem"_s), shared));
    QVERIFY(QFile::setPermissions(shared, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    find<QLineEdit>(page, u"salesforcePrivateKeyFile"_s)->setText(shared);
    const auto open = page.collect();
    QVERIFY(!open);
    QVERIFY2(open.error().hint.contains(u"chmod 600"_s), qPrintable(open.error().hint));
    find<QLineEdit>(page, u"salesforcePrivateKeyFile"_s)->setText(m_dir.filePath(u"key.pem"_s));
    QSignalSpy applied(&page, &ConnectionPage::applyRequested);
    QVERIFY(page.save());
    // The keychain holds the key itself, as `connect salesforce` stores it; the client secret is not used by JWT.
    QCOMPARE(applied.at(0).at(1).value<Secrets>(),
             (Secrets{{u"magento.token"_s, u"tok"_s}, {u"salesforce.private_key"_s, QString::fromLatin1(pem)}}));
    QCOMPARE(applied.at(0).at(0).value<ConnectionProfile>().salesforceFlow, OrderBridge::SalesforceFlow::JwtBearer);
}

namespace {
ConnectionProfile storedProfile()
{
    ConnectionProfile p;
    p.name = u"default"_s;
    p.magentoBaseUrl = u"http://127.0.0.1:8081"_s;
    p.magentoAuthMode = OrderBridge::MagentoAuthMode::AdminUser;
    p.magentoStoreCode = u"default"_s;
    p.salesforceLoginUrl = u"https://acme.my.salesforce.com"_s;
    p.salesforceFlow = OrderBridge::SalesforceFlow::WebServer;
    p.salesforceClientId = u"3MVGstored"_s;
    p.salesforceUsername = u"ops@example.com"_s;
    p.salesforceApiVersion = u"62.0"_s;
    p.active = true;
    return p;
}
const QHash<QString, QString> kStoredSecrets{
    {u"default/magento.admin_username"_s, u"stored-admin-user"_s},
    {u"default/magento.admin_password"_s, u"stored-admin-SECRET"_s},
    {u"default/salesforce.client_secret"_s, u"stored-client-SECRET"_s},
    {u"default/salesforce.refresh_token"_s, u"stored-refresh-SECRET"_s},
};
}

void TestConnectionPage::showsTheStoredProfileButNeverItsSecrets()
{
    ConnectionProfile stored = storedProfile();
    stored.salesforceCaFile = u"/srv/pki/proxy-ca.pem"_s; // shown as stored; checked again on save
    auto saved = OrderBridge::ConnectionProfileRepository(m_database).save(stored);
    QVERIFY(saved);
    MemoryCredentialStore store(kStoredSecrets);
    ConnectionPage page(m_database);
    page.setCredentialStore(&store);
    QCOMPARE(find<QLineEdit>(page, u"magentoBaseUrl"_s)->text(), u"http://127.0.0.1:8081"_s);
    QCOMPARE(find<QComboBox>(page, u"magentoAuthMode"_s)->currentData().toString(), u"admin_token"_s);
    QCOMPARE(find<QComboBox>(page, u"salesforceLoginKind"_s)->currentData().toString(), QString()); // custom
    QCOMPARE(find<QLineEdit>(page, u"salesforceLoginUrl"_s)->text(), u"https://acme.my.salesforce.com"_s);
    QCOMPARE(find<QLineEdit>(page, u"salesforceClientId"_s)->text(), u"3MVGstored"_s);
    QCOMPARE(find<QLineEdit>(page, u"salesforceUsername"_s)->text(), u"ops@example.com"_s);
    QCOMPARE(find<QLineEdit>(page, u"salesforceApiVersion"_s)->text(), u"62.0"_s);
    QCOMPARE(find<QLineEdit>(page, u"magentoCaFile"_s)->text(), QString());
    QCOMPARE(find<QLineEdit>(page, u"salesforceCaFile"_s)->text(), u"/srv/pki/proxy-ca.pem"_s);
    QVERIFY(!page.saveButton()->isEnabled()); // nothing edited yet
    // A preset fills in its address read-only; back to custom brings the custom address back.
    auto *kind = find<QComboBox>(page, u"salesforceLoginKind"_s);
    kind->setCurrentIndex(kind->findData(u"https://test.salesforce.com"_s));
    QCOMPARE(find<QLineEdit>(page, u"salesforceLoginUrl"_s)->text(), u"https://test.salesforce.com"_s);
    QVERIFY(find<QLineEdit>(page, u"salesforceLoginUrl"_s)->isReadOnly());
    kind->setCurrentIndex(kind->findData(QString()));
    QCOMPARE(find<QLineEdit>(page, u"salesforceLoginUrl"_s)->text(), u"https://acme.my.salesforce.com"_s);
    QVERIFY(!find<QLineEdit>(page, u"salesforceLoginUrl"_s)->isReadOnly());

    QVERIFY(!page.isStoredStateKnown()); // the store answers later, never within the call
    QTRY_VERIFY(page.isStoredStateKnown());
    QVERIFY(page.isSecretStored(u"magento.admin_password"_s));
    QVERIFY(page.isSecretStored(u"salesforce.client_secret"_s));
    QVERIFY(!page.isSecretStored(u"magento.token"_s));
    QVERIFY(find<QLineEdit>(page, u"magentoAdminPassword"_s)->placeholderText().contains(u"keychain"_s));
    QCOMPARE(find<QLineEdit>(page, u"magentoToken"_s)->placeholderText(), u"Not stored"_s);
    QCOMPARE(find<QLineEdit>(page, u"magentoAdminPassword"_s)->echoMode(), QLineEdit::Password);
    QCOMPARE(find<QLineEdit>(page, u"salesforceClientSecret"_s)->echoMode(), QLineEdit::Password);

    // No stored value appears anywhere on the page.
    const QList<QWidget *> widgets = page.findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        QStringList texts{widget->toolTip(), widget->accessibleName(), widget->accessibleDescription(), widget->whatsThis()};
        if (auto *edit = qobject_cast<QLineEdit *>(widget))
            texts << edit->text() << edit->placeholderText();
        if (auto *label = qobject_cast<QLabel *>(widget))
            texts << label->text();
        for (const QString &text : std::as_const(texts)) {
            for (const QString &secret : kStoredSecrets)
                QVERIFY2(!text.contains(secret), qPrintable(widget->objectName()));
        }
    }
}

void TestConnectionPage::emptySecretFieldsKeepTheStoredOnes()
{
    QVERIFY(OrderBridge::ConnectionProfileRepository(m_database).save(storedProfile()));
    MemoryCredentialStore store(kStoredSecrets);
    ConnectionPage page(m_database);
    page.setCredentialStore(&store);
    QTRY_VERIFY(page.isStoredStateKnown());
    QTest::keyClicks(find<QLineEdit>(page, u"magentoStoreCode"_s), u"x"_s);
    QSignalSpy applied(&page, &ConnectionPage::applyRequested);
    QVERIFY(page.save());
    const auto profile = applied.at(0).at(0).value<ConnectionProfile>();
    QVERIFY(profile.id > 0); // the stored profile is updated, not a new one
    QCOMPARE(profile.magentoStoreCode, u"defaultx"_s);
    QCOMPARE(applied.at(0).at(1).value<Secrets>(), Secrets{}); // nothing typed: every stored secret stays

    // Switching to a mode whose secrets are not stored needs them typed.
    auto *mode = find<QComboBox>(page, u"magentoAuthMode"_s);
    mode->setCurrentIndex(mode->findData(u"integration_bearer"_s));
    const auto refused = page.collect();
    QVERIFY(!refused);
    QCOMPARE(refused.error().fields, QStringList{u"magentoToken"_s});
}

void TestConnectionPage::changingTheAppDropsTheRefreshToken()
{
    QVERIFY(OrderBridge::ConnectionProfileRepository(m_database).save(storedProfile()));
    MemoryCredentialStore store(kStoredSecrets);
    ConnectionPage page(m_database);
    page.setCredentialStore(&store);
    QTRY_VERIFY(page.isStoredStateKnown());
    QVERIFY(page.isSecretStored(u"salesforce.refresh_token"_s));
    auto *clientId = find<QLineEdit>(page, u"salesforceClientId"_s);
    clientId->clear();
    QTest::keyClicks(clientId, u"3MVGother"_s);
    const auto submission = page.collect();
    QVERIFY(submission);
    // An empty value removes the stored refresh token of the old app.
    QCOMPARE(submission->secrets, (Secrets{{u"salesforce.refresh_token"_s, QString()}}));
}

void TestConnectionPage::changingTheModeRemovesTheOldModesSecrets_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("flow");
    QTest::addColumn<QVariantMap>("fields");
    QTest::addColumn<Secrets>("secrets");

    // Stored: admin user (Magento) and browser sign-in (Salesforce), see storedProfile() and kStoredSecrets.
    QTest::newRow("magento admin -> oauth1")
        << u"oauth1"_s << u"web_server"_s
        << QVariantMap{{u"magentoConsumerKey"_s, u"ck"_s}, {u"magentoConsumerSecret"_s, u"cs"_s},
                       {u"magentoAccessToken"_s, u"at"_s}, {u"magentoAccessTokenSecret"_s, u"ats"_s}}
        << Secrets{{u"magento.oauth.consumer_key"_s, u"ck"_s}, {u"magento.oauth.consumer_secret"_s, u"cs"_s},
                   {u"magento.oauth.access_token"_s, u"at"_s}, {u"magento.oauth.access_token_secret"_s, u"ats"_s},
                   {u"magento.admin_username"_s, QString()}, {u"magento.admin_password"_s, QString()}};
    // The client secret serves both flows: it stays. The refresh token is the browser sign-in's alone.
    QTest::newRow("salesforce browser -> password")
        << u"admin_token"_s << u"username_password"_s << QVariantMap{{u"salesforcePassword"_s, u"pw"_s}}
        << Secrets{{u"salesforce.password"_s, u"pw"_s}, {u"salesforce.refresh_token"_s, QString()}};
    QTest::newRow("salesforce browser -> jwt")
        << u"admin_token"_s << u"jwt_bearer"_s << QVariantMap{{u"salesforcePrivateKeyFile"_s, u"key.pem"_s}}
        << Secrets{{u"salesforce.private_key"_s, QString::fromLatin1(pem)}, {u"salesforce.client_secret"_s, QString()},
                   {u"salesforce.refresh_token"_s, QString()}};
    QTest::newRow("same modes: nothing removed")
        << u"admin_token"_s << u"web_server"_s << QVariantMap{{u"magentoStoreCode"_s, u"de"_s}} << Secrets{};
}

void TestConnectionPage::changingTheModeRemovesTheOldModesSecrets()
{
    // As `orderbridge-cli connect` does: a sign-in mode no longer used leaves no secret behind in the keychain.
    QFETCH(QString, mode);
    QFETCH(QString, flow);
    QFETCH(QVariantMap, fields);
    QFETCH(Secrets, secrets);
    QVERIFY(OrderBridge::ConnectionProfileRepository(m_database).save(storedProfile()));
    MemoryCredentialStore store(kStoredSecrets);
    ConnectionPage page(m_database);
    page.setCredentialStore(&store);
    QTRY_VERIFY(page.isStoredStateKnown());
    if (fields.contains(u"salesforcePrivateKeyFile"_s))
        fields.insert(u"salesforcePrivateKeyFile"_s, m_dir.filePath(fields.value(u"salesforcePrivateKeyFile"_s).toString()));
    fill(page, mode, flow, fields);
    QSignalSpy applied(&page, &ConnectionPage::applyRequested);
    QVERIFY(page.save());
    QCOMPARE(applied.count(), 1);
    // An empty value removes the secret (WorkerHost::applyConnection).
    QCOMPARE(applied.at(0).at(1).value<Secrets>(), secrets);
}

void TestConnectionPage::appliedAndFailedAnswers()
{
    ConnectionPage page(m_database);
    fill(page, u"integration_bearer"_s, u"web_server"_s, with(base(), {{u"magentoToken"_s, u"typed-SECRET"_s}}));
    QSignalSpy status(&page, &ConnectionPage::statusMessage);
    QVERIFY(page.save());
    page.handleApplyFailed(OrderBridge::Error{u"credentials.locked"_s, u"The keychain is locked."_s, u"Unlock it."_s, {}});
    QVERIFY(!page.isApplying());
    QVERIFY(page.errorLabel()->text().contains(u"The keychain is locked."_s));
    QVERIFY(page.saveButton()->isEnabled());
    QCOMPARE(find<QLineEdit>(page, u"magentoToken"_s)->text(), u"typed-SECRET"_s); // kept for another try

    QVERIFY(page.save());
    // What the worker would have stored.
    ConnectionProfile written = page.collect()->profile;
    QVERIFY(OrderBridge::ConnectionProfileRepository(m_database).save(written));
    page.handleApplied();
    QVERIFY(!page.isApplying());
    QVERIFY(page.errorLabel()->isHidden());
    QVERIFY(!page.saveButton()->isEnabled());
    QCOMPARE(find<QLineEdit>(page, u"magentoToken"_s)->text(), QString()); // never shown back
    QVERIFY(page.isSecretStored(u"magento.token"_s));
    QVERIFY(!page.isSecretStored(u"salesforce.client_secret"_s));
    QVERIFY(find<QLineEdit>(page, u"magentoToken"_s)->placeholderText().contains(u"keychain"_s));
    QCOMPARE(find<QLineEdit>(page, u"magentoBaseUrl"_s)->text(), u"https://shop.example.com"_s);
    QVERIFY(status.last().at(0).toString().contains(u"saved"_s));
}

void TestConnectionPage::showsChecks()
{
    ConnectionPage page(m_database);
    page.resize(800, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy requested(&page, &ConnectionPage::testRequested);
    QVERIFY(page.busyIndicator()->isHidden());
    QTest::mouseClick(page.testButton(), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QVERIFY(page.isTesting());
    QVERIFY(page.busyIndicator()->isVisible());
    QVERIFY(!page.testButton()->isEnabled());
    page.testConnection(); // no second request while one runs
    QCOMPARE(requested.count(), 1);

    QSignalSpy status(&page, &ConnectionPage::statusMessage);
    page.showChecks({{u"Magento"_s, true, u"Signed in; 12 orders visible."_s},
                     {u"Salesforce"_s, true, u"Signed in to https://acme.my.salesforce.com."_s},
                     {u"Order.Magento_ID__c"_s, false, u"The field is missing. Create it in Setup › Object Manager."_s},
                     {u"Price book"_s, false, u"No active standard price book. Activate it."_s}});
    QVERIFY(page.busyIndicator()->isHidden());
    QVERIFY(page.testButton()->isEnabled());
    QTreeWidget *checks = page.checksView();
    QCOMPARE(checks->topLevelItemCount(), 4);
    const QList<bool> ok{true, true, false, false};
    for (int i = 0; i < 4; ++i) {
        QTreeWidgetItem *item = checks->topLevelItem(i);
        QCOMPARE(item->data(0, Qt::UserRole).toBool(), ok.at(i));
        QCOMPARE(item->text(1), ok.at(i) ? u"OK"_s : u"Failed"_s);
        QVERIFY(!item->icon(0).isNull());
        QVERIFY(!item->icon(0).pixmap(16, 16).isNull());
    }
    QCOMPARE(checks->topLevelItem(2)->text(0), u"Order.Magento_ID__c"_s);
    QCOMPARE(checks->topLevelItem(2)->text(2), u"The field is missing. Create it in Setup › Object Manager."_s);
    // Tick and cross are different icons.
    QVERIFY(checks->topLevelItem(0)->icon(0).pixmap(16, 16).toImage()
            != checks->topLevelItem(2)->icon(0).pixmap(16, 16).toImage());
    QVERIFY(status.last().at(0).toString().contains(u"2"_s));
}

void TestConnectionPage::saveAndTestSavesTheFormFirst()
{
    ConnectionPage page(m_database);
    QCOMPARE(page.testButton()->text(), u"&Test Connection"_s);
    fill(page, u"integration_bearer"_s, u"web_server"_s, with(base(), {{u"magentoToken"_s, u"typed-SECRET"_s}}));
    // Unsaved edits: the button saves them and then tests what was saved, never the old connection.
    QVERIFY(page.isDirty());
    QCOMPARE(page.testButton()->text(), u"Save and &Test"_s);
    QSignalSpy applied(&page, &ConnectionPage::applyRequested);
    QSignalSpy tested(&page, &ConnectionPage::testRequested);
    page.testButton()->click();
    QCOMPARE(applied.count(), 1);
    QCOMPARE(tested.count(), 0);
    QVERIFY(OrderBridge::ConnectionProfileRepository(m_database).save(page.collect()->profile));
    page.handleApplied();
    QCOMPARE(tested.count(), 1);
    QVERIFY(!page.isDirty());
    QCOMPARE(page.testButton()->text(), u"&Test Connection"_s);
    page.showChecks({});

    // A refused save tests nothing.
    auto *url = find<QLineEdit>(page, u"magentoBaseUrl"_s);
    url->clear();
    QTest::keyClicks(url, u"http://shop.example.com"_s);
    page.testButton()->click();
    QCOMPARE(applied.count(), 1);
    QVERIFY(!page.errorLabel()->isHidden());
    // A save the worker refuses tests nothing either.
    url->clear();
    QTest::keyClicks(url, u"https://other.example.com"_s);
    page.testButton()->click();
    QCOMPARE(applied.count(), 2);
    page.handleApplyFailed(OrderBridge::Error{u"credentials.locked"_s, u"The keychain is locked."_s, u"Unlock it."_s, {}});
    QCOMPARE(tested.count(), 1);
}

void TestConnectionPage::testFailureIsShown()
{
    ConnectionPage page(m_database);
    page.handleFailed(OrderBridge::Error{u"x"_s, u"Unrelated failure."_s, {}, {}});
    QCOMPARE(page.checksView()->topLevelItemCount(), 0); // not testing: not ours
    page.testConnection();
    page.handleFailed(OrderBridge::Error{u"sync.not_connected"_s, u"No connection is set up."_s, u"Save one first."_s, {}});
    QVERIFY(!page.isTesting());
    QCOMPARE(page.checksView()->topLevelItemCount(), 1);
    QCOMPARE(page.checksView()->topLevelItem(0)->text(1), u"Failed"_s);
    QVERIFY(page.checksView()->topLevelItem(0)->text(2).contains(u"Save one first."_s));
}

void TestConnectionPage::preparesSalesforceAfterConfirmation()
{
    ConnectionPage page(m_database);
    page.resize(800, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy requested(&page, &ConnectionPage::prepareRequested);
    QTest::mouseClick(page.prepareButton(), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.last().at(0).toBool(), true); // first only the comparison
    QVERIFY(page.isTesting());
    QVERIFY(!page.prepareButton()->isEnabled());
    QVERIFY(!page.testButton()->isEnabled());

    // Something is missing: the list is shown and a box asks before anything is created.
    OrderBridge::OrgSetupReport compared;
    compared.checks = {{u"Order.Magento_ID__c"_s, false, u"missing: run setup."_s}, {u"Price book"_s, true, u"ok"_s}};
    page.showSetupReport(compared);
    QCOMPARE(page.checksView()->topLevelItemCount(), 2);
    QVERIFY(page.prepareButton()->isEnabled());
    auto *box = page.findChild<QMessageBox *>(u"prepareSalesforceConfirm"_s);
    QVERIFY(box);
    QVERIFY(box->detailedText().contains(u"Order.Magento_ID__c"_s));
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QCOMPARE(requested.count(), 1); // cancelled: nothing asked
    QTRY_VERIFY(!page.findChild<QMessageBox *>(u"prepareSalesforceConfirm"_s));

    page.showSetupReport(compared);
    box = page.findChild<QMessageBox *>(u"prepareSalesforceConfirm"_s);
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QCOMPARE(requested.count(), 2);
    QCOMPARE(requested.last().at(0).toBool(), false);
    QVERIFY(page.isTesting());

    // The setup's answer: each change and the comparison after it; no further question.
    OrderBridge::OrgSetupReport done;
    done.dryRun = false;
    done.ready = true;
    done.steps = {{u"Create Order.Magento_ID__c"_s, true, u"created."_s}};
    done.checks = {{u"Order.Magento_ID__c"_s, true, u"present and writable."_s}};
    QSignalSpy status(&page, &ConnectionPage::statusMessage);
    page.showSetupReport(done);
    QCOMPARE(page.checksView()->topLevelItemCount(), 2);
    QCOMPARE(page.checksView()->topLevelItem(0)->text(0), u"Create Order.Magento_ID__c"_s);
    QTRY_VERIFY(!page.findChild<QMessageBox *>(u"prepareSalesforceConfirm"_s));
    QVERIFY(status.last().at(0).toString().contains(u"ready"_s));
    QVERIFY(!page.isTesting());
}

void TestConnectionPage::everyControlIsNamed()
{
    ConnectionPage page(m_database);
    const QList<QWidget *> widgets = page.findChildren<QWidget *>();
    int focusable = 0;
    for (QWidget *widget : widgets) {
        if (widget->focusPolicy() == Qt::NoFocus || qobject_cast<QLabel *>(widget) || widget->objectName().startsWith(u"qt_"_s))
            continue;
        if (widget->parentWidget() && qobject_cast<QComboBox *>(widget->parentWidget()))
            continue; // the combo's own line edit or view
        ++focusable;
        QVERIFY2(!widget->accessibleName().isEmpty(),
                 qPrintable(u"%1 (%2) has no accessible name"_s.arg(widget->objectName(),
                                                                    QString::fromLatin1(widget->metaObject()->className()))));
    }
    QVERIFY(focusable >= 20);
}

void TestConnectionPage::mnemonicsAreUniqueInEveryMode_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("flow");
    for (const QString &mode : {u"integration_bearer"_s, u"admin_token"_s, u"oauth1"_s}) {
        for (const QString &flow : {u"web_server"_s, u"username_password"_s, u"jwt_bearer"_s})
            QTest::newRow(qPrintable(mode + u", "_s + flow)) << mode << flow;
    }
}

void TestConnectionPage::mnemonicsAreUniqueInEveryMode()
{
    QFETCH(QString, mode);
    QFETCH(QString, flow);
    ConnectionPage page(m_database);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    fill(page, mode, flow, {});
    QHash<QChar, QString> seen;
    auto check = [&](const QString &text, QWidget *target) {
        const qsizetype at = text.indexOf(u'&');
        if (at < 0 || at + 1 >= text.size())
            return;
        const QChar key = text.at(at + 1).toLower();
        QVERIFY2(!seen.contains(key), qPrintable(u"Alt+%1: %2 and %3"_s.arg(key).arg(seen.value(key), text)));
        seen.insert(key, text);
        QVERIFY(target);
    };
    const QList<QLabel *> labels = page.findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->isVisibleTo(&page) && label->buddy())
            check(label->text(), label->buddy());
    }
    const QList<QPushButton *> buttons = page.findChildren<QPushButton *>();
    for (QPushButton *button : buttons) {
        if (button->isVisibleTo(&page))
            check(button->text(), button);
    }
    QVERIFY(seen.size() >= 12);
}

QTEST_MAIN(TestConnectionPage)
#include "tst_connectionpage.moc"
