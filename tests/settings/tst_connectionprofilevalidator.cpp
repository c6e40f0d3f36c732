#include "settings/connectionprofilevalidator.h"

#include <QDir>
#include <QFile>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

// The one rule for connection profiles (console, command line, worker): https everywhere, plain http
// only for this computer, every refusal naming its field.
class TestConnectionProfileValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validate_data();
    void validate();
    void halves();
    void loopbackHosts_data();
    void loopbackHosts();
    void modesFromText_data();
    void modesFromText();
    void caFiles_data();
    void caFiles();
};

namespace {

ConnectionProfile valid()
{
    ConnectionProfile p;
    p.name = u"default"_s;
    p.magentoBaseUrl = u"https://shop.example.com"_s;
    p.magentoAuthMode = MagentoAuthMode::IntegrationToken;
    p.magentoStoreCode = u"default"_s;
    p.salesforceLoginUrl = u"https://login.salesforce.com"_s;
    p.salesforceFlow = SalesforceFlow::WebServer;
    p.salesforceClientId = u"3MVG9abc"_s;
    return p;
}

// Sets one field of a profile from text; a mode name the enum lacks gives a value outside it.
void set(ConnectionProfile &p, const QString &field, const QString &value)
{
    const QHash<QString, std::function<void()>> setters{
        {u"name"_s, [&] { p.name = value; }},
        {u"magento_base_url"_s, [&] { p.magentoBaseUrl = value; }},
        {u"magento_store_code"_s, [&] { p.magentoStoreCode = value; }},
        {u"magento_auth_mode"_s,
         [&] { p.magentoAuthMode = magentoAuthModeFromName(value).value_or(static_cast<MagentoAuthMode>(42)); }},
        {u"salesforce_login_url"_s, [&] { p.salesforceLoginUrl = value; }},
        {u"salesforce_flow"_s,
         [&] { p.salesforceFlow = salesforceFlowFromName(value).value_or(static_cast<SalesforceFlow>(42)); }},
        {u"salesforce_client_id"_s, [&] { p.salesforceClientId = value; }},
        {u"salesforce_username"_s, [&] { p.salesforceUsername = value; }},
        {u"salesforce_api_version"_s, [&] { p.salesforceApiVersion = value; }},
    };
    QVERIFY2(setters.contains(field), qPrintable(field));
    setters.value(field)();
}

} // namespace

void TestConnectionProfileValidator::validate_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("refused"); // the field the refusal names; empty: accepted
    QTest::addColumn<QString>("hintHas"); // a part of the hint, when refused

    const QString url = u"magento_base_url"_s;
    const QString login = u"salesforce_login_url"_s;
    QTest::newRow("valid") << QString() << QString() << QString() << QString();
    QTest::newRow("https with path") << url << u"https://shop.example.com/magento/"_s << QString() << QString();
    QTest::newRow("http://localhost") << url << u"http://localhost:8080"_s << QString() << QString();
    QTest::newRow("http://LOCALHOST") << url << u"HTTP://LOCALHOST/"_s << QString() << QString();
    QTest::newRow("http://127.0.0.1") << url << u"http://127.0.0.1:8081"_s << QString() << QString();
    QTest::newRow("http://127.0.0.2") << url << u"http://127.0.0.2"_s << QString() << QString();
    QTest::newRow("http://127.255.255.254") << url << u"http://127.255.255.254"_s << QString() << QString();
    QTest::newRow("http://[::1]") << url << u"http://[::1]:8080"_s << QString() << QString();
    QTest::newRow("http remote") << url << u"http://shop.example.com"_s << url << u"https://shop.example.com"_s;
    QTest::newRow("http private network") << url << u"http://192.168.1.20"_s << url << u"https://"_s;
    QTest::newRow("http 128.0.0.1") << url << u"http://128.0.0.1"_s << url << u"https://"_s;
    QTest::newRow("http localhost.example.com") << url << u"http://localhost.example.com"_s << url << u"https://"_s;
    QTest::newRow("http 127.0.0.1.nip.io") << url << u"http://127.0.0.1.nip.io"_s << url << u"https://"_s;
    QTest::newRow("no scheme") << url << u"shop.example.com"_s << url << u"https://shop.example.com"_s;
    QTest::newRow("no scheme, port") << url << u"localhost:8080"_s << url << u"https://localhost:8080"_s;
    QTest::newRow("empty") << url << QString() << url << u"https://shop.example.com"_s;
    QTest::newRow("blank") << url << u"   "_s << url << QString();
    QTest::newRow("not an address") << url << u"shop example"_s << url << QString();
    QTest::newRow("ftp") << url << u"ftp://shop.example.com"_s << url << QString();
    QTest::newRow("query") << url << u"https://shop.example.com/?store=de"_s << url << QString();
    QTest::newRow("fragment") << url << u"https://shop.example.com/#x"_s << url << QString();
    QTest::newRow("no host") << url << u"https://"_s << url << QString();

    QTest::newRow("store code") << u"magento_store_code"_s << u"de_store"_s << QString() << QString();
    QTest::newRow("store code empty (default view)") << u"magento_store_code"_s << QString() << QString() << QString();
    QTest::newRow("store code bad") << u"magento_store_code"_s << u"1st store"_s << u"magento_store_code"_s << QString();
    QTest::newRow("auth mode admin") << u"magento_auth_mode"_s << u"admin_token"_s << QString() << QString();
    QTest::newRow("auth mode bad") << u"magento_auth_mode"_s << u"password"_s << u"magento_auth_mode"_s << QString();

    QTest::newRow("login https sandbox") << login << u"https://test.salesforce.com"_s << QString() << QString();
    QTest::newRow("login loopback") << login << u"http://127.0.0.1:9000"_s << QString() << QString();
    QTest::newRow("login http remote") << login << u"http://acme.my.salesforce.com"_s << login
                                       << u"https://acme.my.salesforce.com"_s;
    QTest::newRow("login no scheme") << login << u"acme.my.salesforce.com"_s << login
                                     << u"https://acme.my.salesforce.com"_s;
    QTest::newRow("login empty") << login << QString() << login << QString();
    QTest::newRow("flow bad") << u"salesforce_flow"_s << u"device"_s << u"salesforce_flow"_s << QString();
    QTest::newRow("client id empty") << u"salesforce_client_id"_s << u" "_s << u"salesforce_client_id"_s << QString();
    QTest::newRow("client id with space") << u"salesforce_client_id"_s << u"3MVG 9abc"_s << u"salesforce_client_id"_s
                                          << QString();
    QTest::newRow("api version") << u"salesforce_api_version"_s << u"62.0"_s << QString() << QString();
    QTest::newRow("api version bad") << u"salesforce_api_version"_s << u"sixty"_s << u"salesforce_api_version"_s
                                     << u"62.0"_s;
    QTest::newRow("name empty") << u"name"_s << u"  "_s << u"name"_s << QString();
}

void TestConnectionProfileValidator::validate()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, refused);
    QFETCH(QString, hintHas);
    ConnectionProfile profile = valid();
    if (!field.isEmpty())
        set(profile, field, value);
    const std::optional<Error> problem = ConnectionProfileValidator::validate(profile);
    if (refused.isEmpty()) {
        QVERIFY2(!problem, problem ? qPrintable(problem->toString()) : "");
        return;
    }
    QVERIFY(problem);
    QCOMPARE(problem->code, u"connection.invalid"_s);
    QCOMPARE(problem->fields, QStringList{refused});
    QVERIFY(!problem->message.isEmpty());
    QVERIFY(!problem->hint.isEmpty());
    QVERIFY2(problem->hint.contains(hintHas), qPrintable(problem->hint));
}

void TestConnectionProfileValidator::halves()
{
    // `connect magento` fills the Magento half of a new profile, `connect salesforce` the other.
    ConnectionProfile magentoOnly;
    magentoOnly.name = u"default"_s;
    magentoOnly.magentoBaseUrl = u"https://shop.example.com"_s;
    QVERIFY(!ConnectionProfileValidator::validateMagento(magentoOnly));
    const auto whole = ConnectionProfileValidator::validate(magentoOnly);
    QVERIFY(whole);
    QCOMPARE(whole->fields, QStringList{u"salesforce_client_id"_s});
    QCOMPARE(ConnectionProfileValidator::validateSalesforce(magentoOnly)->fields, QStringList{u"salesforce_client_id"_s});

    ConnectionProfile salesforceOnly;
    salesforceOnly.name = u"default"_s;
    salesforceOnly.salesforceClientId = u"3MVG9abc"_s;
    salesforceOnly.salesforceFlow = SalesforceFlow::JwtBearer;
    salesforceOnly.salesforceUsername = u"integration@example.com"_s;
    QVERIFY(!ConnectionProfileValidator::validateSalesforce(salesforceOnly));
    QCOMPARE(ConnectionProfileValidator::validateMagento(salesforceOnly)->fields, QStringList{u"magento_base_url"_s});

    // Only the browser flow signs in without a username.
    salesforceOnly.salesforceUsername.clear();
    QCOMPARE(ConnectionProfileValidator::validateSalesforce(salesforceOnly)->fields, QStringList{u"salesforce_username"_s});
    salesforceOnly.salesforceFlow = SalesforceFlow::UsernamePassword;
    QCOMPARE(ConnectionProfileValidator::validateSalesforce(salesforceOnly)->fields, QStringList{u"salesforce_username"_s});
    salesforceOnly.salesforceFlow = SalesforceFlow::WebServer;
    QVERIFY(!ConnectionProfileValidator::validateSalesforce(salesforceOnly));
}

void TestConnectionProfileValidator::loopbackHosts_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("localhost") << u"localhost"_s << true;
    QTest::newRow("LocalHost") << u"LocalHost"_s << true;
    QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << true;
    QTest::newRow("127.1.2.3") << u"127.1.2.3"_s << true;
    QTest::newRow("::1") << u"::1"_s << true;
    QTest::newRow("0.0.0.0") << u"0.0.0.0"_s << false;
    QTest::newRow("10.0.0.1") << u"10.0.0.1"_s << false;
    QTest::newRow("::") << u"::"_s << false;
    QTest::newRow("example.com") << u"example.com"_s << false;
    QTest::newRow("localhost.example.com") << u"localhost.example.com"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestConnectionProfileValidator::loopbackHosts()
{
    QFETCH(QString, host);
    QTEST(ConnectionProfileValidator::isLoopbackHost(host), "loopback");
}

void TestConnectionProfileValidator::modesFromText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("magento"); // -1: refused
    QTest::addColumn<int>("salesforce");
    QTest::newRow("integration_bearer") << u"integration_bearer"_s << int(MagentoAuthMode::IntegrationToken) << -1;
    QTest::newRow("token (former CLI)") << u"token"_s << int(MagentoAuthMode::IntegrationToken) << -1;
    QTest::newRow("admin (former CLI)") << u"admin"_s << int(MagentoAuthMode::AdminUser) << -1;
    QTest::newRow("oauth1") << u" oauth1 "_s << int(MagentoAuthMode::OAuth1) << -1;
    QTest::newRow("web_server") << u"web_server"_s << -1 << int(SalesforceFlow::WebServer);
    QTest::newRow("password (former CLI)") << u"password"_s << -1 << int(SalesforceFlow::UsernamePassword);
    QTest::newRow("jwt (former CLI)") << u"jwt"_s << -1 << int(SalesforceFlow::JwtBearer);
    QTest::newRow("basic") << u"basic"_s << -1 << -1;
    QTest::newRow("empty") << QString() << -1 << -1;
    QTest::newRow("case matters") << u"OAuth1"_s << -1 << -1;
}

void TestConnectionProfileValidator::modesFromText()
{
    QFETCH(QString, text);
    QFETCH(int, magento);
    QFETCH(int, salesforce);
    const Result<MagentoAuthMode> mode = ConnectionProfileValidator::magentoAuthMode(text);
    QCOMPARE(mode.has_value(), magento >= 0);
    if (mode)
        QCOMPARE(int(*mode), magento);
    else
        QCOMPARE(mode.error().fields, QStringList{u"magento_auth_mode"_s});
    const Result<SalesforceFlow> flow = ConnectionProfileValidator::salesforceFlow(text);
    QCOMPARE(flow.has_value(), salesforce >= 0);
    if (flow)
        QCOMPARE(int(*flow), salesforce);
    else
        QCOMPARE(flow.error().fields, QStringList{u"salesforce_flow"_s});
}


void TestConnectionProfileValidator::caFiles_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("file"); // in a temporary folder: pem, der, text, empty, a folder, or missing
    QTest::addColumn<QString>("messageHas"); // empty: accepted
    for (const QString &field : {u"magento_ca_file"_s, u"salesforce_ca_file"_s}) {
        QTest::newRow(qPrintable(field + u" empty: system only"_s)) << field << QString() << QString();
        QTest::newRow(qPrintable(field + u" pem"_s)) << field << u"ca.pem"_s << QString();
        QTest::newRow(qPrintable(field + u" der"_s)) << field << u"ca.der"_s << u"is a DER (binary) certificate"_s;
        QTest::newRow(qPrintable(field + u" text"_s)) << field << u"notes.txt"_s << u"holds no PEM certificate"_s;
        QTest::newRow(qPrintable(field + u" empty file"_s)) << field << u"empty.pem"_s << u"holds no PEM certificate"_s;
        QTest::newRow(qPrintable(field + u" folder"_s)) << field << u"folder"_s << u"is not a file"_s;
        QTest::newRow(qPrintable(field + u" missing"_s)) << field << u"missing.pem"_s << u"does not exist"_s;
    }
}

// The CA file is checked where the profile is: each side names its own field and says how to fix it.
void TestConnectionProfileValidator::caFiles()
{
    QFETCH(QString, field);
    QFETCH(QString, file);
    QFETCH(QString, messageHas);
    const QList<QSslCertificate> system = QSslConfiguration::systemCaCertificates();
    QVERIFY2(!system.isEmpty(), "the system's CA store is empty (Debian package ca-certificates)");
    QTemporaryDir dir;
    const auto write = [&](const QString &name, const QByteArray &bytes) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    };
    write(u"ca.pem"_s, system.constFirst().toPem());
    write(u"ca.der"_s, system.constFirst().toDer());
    write(u"notes.txt"_s, "not a certificate\n");
    write(u"empty.pem"_s, {});
    QVERIFY(QDir(dir.path()).mkdir(u"folder"_s));

    ConnectionProfile profile = valid();
    const QString path = file.isEmpty() ? QString() : dir.filePath(file);
    (field == u"magento_ca_file"_s ? profile.magentoCaFile : profile.salesforceCaFile) = path;
    const std::optional<Error> problem = ConnectionProfileValidator::validate(profile);
    if (messageHas.isEmpty()) {
        QVERIFY2(!problem, problem ? qPrintable(problem->toString()) : "");
        return;
    }
    QVERIFY(problem);
    QCOMPARE(problem->code, u"connection.invalid"_s);
    QCOMPARE(problem->kind, ErrorKind::Invalid);
    QCOMPARE(problem->fields, QStringList{field});
    QVERIFY2(problem->message.contains(messageHas), qPrintable(problem->message));
    QVERIFY2(problem->message.contains(field.startsWith(u"magento"_s) ? u"Magento CA certificate file"_s
                                                                      : u"Salesforce CA certificate file"_s),
             qPrintable(problem->message));
    QVERIFY2(problem->hint.contains(u"--ca-file"_s), qPrintable(problem->hint));
}

QTEST_APPLESS_MAIN(TestConnectionProfileValidator)
#include "tst_connectionprofilevalidator.moc"
