#include "fakenetwork.h"
#include "salesforce/jwtassertion.h"
#include "salesforce/pkce.h"
#include "salesforce/salesforceauthenticator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

const QString Secret = u"s3cr3t"_s;

FakeResponse tokenReply(const QString &refresh = {})
{
    QJsonObject o{{u"access_token"_s, u"00D!token"_s},
                  {u"instance_url"_s, u"https://acme.my.salesforce.com"_s},
                  {u"id"_s, u"https://login.example.com/id/00D000000000001AAA/005000000000001AAA"_s},
                  {u"issued_at"_s, u"1700000000000"_s}};
    if (!refresh.isEmpty())
        o.insert(u"refresh_token"_s, refresh);
    return FakeResponse{200, QJsonDocument(o).toJson(), {}, QNetworkReply::NoError};
}

// The form as a server decodes it ('+' is a space).
QUrlQuery decodeForm(const QByteArray &body)
{
    QByteArray b = body;
    b.replace('+', "%20");
    return QUrlQuery(QString::fromLatin1(b));
}

QString formValue(const QUrlQuery &form, const QString &key)
{
    return form.queryItemValue(key, QUrl::FullyDecoded);
}

struct Capture
{
    std::optional<SalesforceResult<SalesforceSession>> result;
    SalesforceAuthenticator::Callback callback()
    {
        return [this](SalesforceResult<SalesforceSession> r) { result = std::move(r); };
    }
    bool wait(int ms = 5000) { return QTest::qWaitFor([this] { return result.has_value(); }, ms); }
};

SalesforceAuthConfig baseConfig()
{
    SalesforceAuthConfig c;
    c.loginUrl = QUrl(u"https://login.example.com/"_s);
    c.clientId = u"3MVG9client"_s;
    c.clientSecret = Secret;
    c.username = u"o'brien+sync@example.com"_s;
    c.password = u"p@ss+w&rd=1%TOKEN"_s;
    c.redirectPort = 0;
    c.flow = SalesforceAuthConfig::Flow::Password;
    return c;
}

} // namespace

class TestSalesforceAuthenticator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passwordFlowEncodesTheForm();
    void passwordFlowReportsOAuthErrors();
    void refreshFlowAndRenewal();
    void jwtFlowSignsAnAssertion();
    void renewWithoutMeansIsAnError();
    void browserFlowWithPkce();
    void browserFlowIgnoresForeignStateAndReportsDenial();
    void browserFlowTimesOut();
};

void TestSalesforceAuthenticator::passwordFlowEncodesTheForm()
{
    FakeNetwork net;
    net.handler = [](const FakeRequest &) { return tokenReply(); };
    SalesforceAuthenticator auth(&net, baseConfig());
    QSignalSpy changed(&auth, &SalesforceAuthenticator::sessionChanged);
    Capture c;
    auth.signIn(c.callback());
    QVERIFY(c.wait());
    QVERIFY2(c.result->has_value(), qPrintable(c.result->has_value() ? QString() : c.result->error().message));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(net.requests.size(), 1);
    const FakeRequest &r = net.requests.first();
    QCOMPARE(r.verb, QByteArray("POST"));
    QCOMPARE(r.url, QUrl(u"https://login.example.com/services/oauth2/token"_s));
    QCOMPARE(r.request.header(QNetworkRequest::ContentTypeHeader).toString(), u"application/x-www-form-urlencoded"_s);
    const QUrlQuery form = decodeForm(r.body);
    QCOMPARE(formValue(form, u"grant_type"_s), u"password"_s);
    QCOMPARE(formValue(form, u"username"_s), u"o'brien+sync@example.com"_s);
    QCOMPARE(formValue(form, u"password"_s), u"p@ss+w&rd=1%TOKEN"_s);
    QCOMPARE(formValue(form, u"client_secret"_s), Secret);
}

void TestSalesforceAuthenticator::passwordFlowReportsOAuthErrors()
{
    FakeNetwork net;
    net.handler = [](const FakeRequest &) {
        return FakeResponse{400, R"({"error":"invalid_grant","error_description":"authentication failure"})", {},
                            QNetworkReply::NoError};
    };
    SalesforceAuthenticator auth(&net, baseConfig());
    auth.setRetryPolicy(RetryPolicy(3, 1, 2));
    Capture c;
    auth.signIn(c.callback());
    QVERIFY(c.wait());
    QVERIFY(!c.result->has_value());
    QCOMPARE(c.result->error().errorCode, u"invalid_grant"_s);
    QVERIFY(c.result->error().hint.contains(u"security token"_s));
    QCOMPARE(net.requests.size(), 1); // OAuth errors are not retried

    net.requests.clear();
    net.handler = [](const FakeRequest &) { return FakeResponse{0, {}, {}, QNetworkReply::ConnectionRefusedError}; };
    Capture d;
    auth.signIn(d.callback());
    QVERIFY(d.wait());
    QCOMPARE(d.result->error().errorCode, u"NETWORK_ERROR"_s);
    QCOMPARE(net.requests.size(), 3);

    // A transient failure followed by success yields one session.
    net.requests.clear();
    net.handler = [&net](const FakeRequest &) {
        return net.requests.size() == 1 ? FakeResponse{503, "unavailable", {}, QNetworkReply::NoError} : tokenReply();
    };
    Capture e;
    auth.signIn(e.callback());
    QVERIFY(e.wait());
    QVERIFY(e.result->has_value());
    QCOMPARE(net.requests.size(), 2);
}

void TestSalesforceAuthenticator::refreshFlowAndRenewal()
{
    FakeNetwork net;
    net.handler = [](const FakeRequest &r) {
        const QUrlQuery form = decodeForm(r.body);
        if (formValue(form, u"grant_type"_s) == u"refresh_token"_s && formValue(form, u"refresh_token"_s) == u"R1"_s)
            return tokenReply();
        return FakeResponse{400, R"({"error":"invalid_grant","error_description":"expired access/refresh token"})", {},
                            QNetworkReply::NoError};
    };
    SalesforceAuthConfig config = baseConfig();
    config.flow = SalesforceAuthConfig::Flow::RefreshToken;
    config.refreshToken = u"R1"_s;
    SalesforceAuthenticator auth(&net, config);
    QVERIFY(auth.canRenew());
    Capture c;
    auth.renew(c.callback());
    QVERIFY(c.wait());
    QVERIFY(c.result->has_value());

    config.refreshToken = u"stale"_s;
    SalesforceAuthenticator stale(&net, config);
    QSignalSpy refused(&stale, &SalesforceAuthenticator::refreshTokenRefused);
    Capture d;
    stale.signIn(d.callback());
    QVERIFY(d.wait());
    QCOMPARE(d.result->error().errorCode, u"invalid_grant"_s);
    QVERIFY(d.result->error().hint.contains(u"connect to Salesforce again"_s));
    // The refused token is forgotten, and whoever stored it is told to drop it.
    QCOMPARE(refused.size(), 1);
    QVERIFY(!stale.canRenew());
    QCOMPARE(auth.canRenew(), true);
}

void TestSalesforceAuthenticator::jwtFlowSignsAnAssertion()
{
    EVP_PKEY *key = EVP_RSA_gen(2048);
    QVERIFY(key);
    BIO *priv = BIO_new(BIO_s_mem());
    BIO *pub = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(priv, key, nullptr, nullptr, 0, nullptr, nullptr);
    PEM_write_bio_PUBKEY(pub, key);
    char *data = nullptr;
    long len = BIO_get_mem_data(priv, &data);
    const QByteArray privatePem(data, len);
    len = BIO_get_mem_data(pub, &data);
    const QByteArray publicPem(data, len);
    BIO_free(priv);
    BIO_free(pub);
    EVP_PKEY_free(key);

    FakeNetwork net;
    net.handler = [](const FakeRequest &) { return tokenReply(); };
    SalesforceAuthConfig config = baseConfig();
    config.flow = SalesforceAuthConfig::Flow::Jwt;
    config.privateKeyPem = privatePem;
    SalesforceAuthenticator auth(&net, config);
    Capture c;
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    auth.signIn(c.callback());
    QVERIFY(c.wait());
    QVERIFY(c.result->has_value());
    const QUrlQuery form = decodeForm(net.requests.first().body);
    QCOMPARE(formValue(form, u"grant_type"_s), u"urn:ietf:params:oauth:grant-type:jwt-bearer"_s);
    const QByteArray assertion = formValue(form, u"assertion"_s).toLatin1();
    QVERIFY(JwtAssertion::verify(assertion, publicPem));
    const QJsonObject claims =
        QJsonDocument::fromJson(QByteArray::fromBase64(assertion.split('.').at(1), QByteArray::Base64UrlEncoding)).object();
    QCOMPARE(claims.value(u"iss"_s).toString(), u"3MVG9client"_s);
    QCOMPARE(claims.value(u"sub"_s).toString(), u"o'brien+sync@example.com"_s);
    QCOMPARE(claims.value(u"aud"_s).toString(), u"https://login.example.com"_s);
    const qint64 exp = claims.value(u"exp"_s).toInteger();
    QVERIFY(exp >= before + 60 && exp <= before + 600);
    QVERIFY(auth.canRenew());
}

void TestSalesforceAuthenticator::renewWithoutMeansIsAnError()
{
    FakeNetwork net;
    SalesforceAuthConfig config = baseConfig();
    config.flow = SalesforceAuthConfig::Flow::Browser;
    SalesforceAuthenticator auth(&net, config);
    QVERIFY(!auth.canRenew());
    Capture c;
    auth.renew(c.callback());
    QVERIFY(c.wait());
    QCOMPARE(c.result->error().errorCode, u"INVALID_SESSION_ID"_s);
    QVERIFY(net.requests.isEmpty());
}

void TestSalesforceAuthenticator::browserFlowWithPkce()
{
    FakeNetwork net;
    QString receivedCode;
    QString receivedVerifier;
    QString receivedRedirect;
    net.handler = [&](const FakeRequest &r) {
        const QUrlQuery form = decodeForm(r.body);
        receivedCode = formValue(form, u"code"_s);
        receivedVerifier = formValue(form, u"code_verifier"_s);
        receivedRedirect = formValue(form, u"redirect_uri"_s);
        return tokenReply(u"R-new"_s);
    };
    SalesforceAuthConfig config = baseConfig();
    config.flow = SalesforceAuthConfig::Flow::Browser;
    SalesforceAuthenticator auth(&net, config);
    QSignalSpy urlSpy(&auth, &SalesforceAuthenticator::authorizeUrlReady);
    Capture c;
    auth.signIn(c.callback());
    QCOMPARE(urlSpy.size(), 1);
    const QUrl authorize = urlSpy.first().first().toUrl();
    QCOMPARE(authorize.path(), u"/services/oauth2/authorize"_s);
    const QUrlQuery q(authorize);
    QCOMPARE(q.queryItemValue(u"response_type"_s), u"code"_s);
    QCOMPARE(q.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
    const QString challenge = q.queryItemValue(u"code_challenge"_s, QUrl::FullyDecoded);
    const QString state = q.queryItemValue(u"state"_s, QUrl::FullyDecoded);
    const QString redirect = q.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded);
    QVERIFY(redirect.startsWith(u"http://127.0.0.1:"_s));
    QCOMPARE(redirect, auth.redirectUri());

    // The browser comes back to the loopback listener with a code that needs decoding.
    QNetworkAccessManager browser;
    QUrl back(redirect);
    back.setQuery(u"code=aPrx%2Fabc%2B1%3D%3D&state="_s + QString::fromLatin1(QUrl::toPercentEncoding(state)));
    QNetworkReply *page = browser.get(QNetworkRequest(back));
    QVERIFY(c.wait());
    QVERIFY2(c.result->has_value(), qPrintable(c.result->has_value() ? QString() : c.result->error().message));
    QCOMPARE((*c.result)->refreshToken, u"R-new"_s);
    QCOMPARE(receivedCode, u"aPrx/abc+1=="_s);
    QCOMPARE(receivedRedirect, redirect);
    QCOMPARE(QString::fromLatin1(Pkce::challenge(receivedVerifier.toLatin1())), challenge);
    QTRY_VERIFY(page->isFinished());
    QVERIFY(page->readAll().contains("connected to Salesforce"));
    delete page;
    QVERIFY(auth.canRenew()); // the refresh token is kept for renewals
}

void TestSalesforceAuthenticator::browserFlowIgnoresForeignStateAndReportsDenial()
{
    FakeNetwork net;
    SalesforceAuthConfig config = baseConfig();
    config.flow = SalesforceAuthConfig::Flow::Browser;
    SalesforceAuthenticator auth(&net, config);
    QSignalSpy urlSpy(&auth, &SalesforceAuthenticator::authorizeUrlReady);
    Capture c;
    auth.signIn(c.callback());
    const QString state = QUrlQuery(urlSpy.first().first().toUrl()).queryItemValue(u"state"_s, QUrl::FullyDecoded);
    QNetworkAccessManager browser;
    QUrl forged(auth.redirectUri());
    forged.setQuery(u"code=evil&state=other"_s);
    std::unique_ptr<QNetworkReply> r1(browser.get(QNetworkRequest(forged)));
    QTRY_VERIFY(r1->isFinished());
    const QByteArray forgedPage = r1->readAll();
    QVERIFY2(forgedPage.contains("not started by OrderBridge"), forgedPage.constData());
    QVERIFY(!forgedPage.contains("connected to Salesforce"));
    QVERIFY(!c.result.has_value());
    QVERIFY(net.requests.isEmpty());

    QUrl denied(auth.redirectUri());
    denied.setQuery(u"error=access_denied&error_description=end-user%20denied%20authorization&state="_s
                    + QString::fromLatin1(QUrl::toPercentEncoding(state)));
    std::unique_ptr<QNetworkReply> r2(browser.get(QNetworkRequest(denied)));
    QVERIFY(c.wait());
    QCOMPARE(c.result->error().errorCode, u"access_denied"_s);
    QCOMPARE(c.result->error().message, u"end-user denied authorization"_s);
    QVERIFY(net.requests.isEmpty());
    QTRY_VERIFY(r2->isFinished());
    const QByteArray deniedPage = r2->readAll();
    QVERIFY2(deniedPage.contains("did not sign OrderBridge in: end-user denied authorization"), deniedPage.constData());
}

void TestSalesforceAuthenticator::browserFlowTimesOut()
{
    FakeNetwork net;
    SalesforceAuthConfig config = baseConfig();
    config.flow = SalesforceAuthConfig::Flow::Browser;
    config.browserTimeoutSeconds = 1;
    SalesforceAuthenticator auth(&net, config);
    Capture c;
    auth.signIn(c.callback());
    QVERIFY(c.wait(5000));
    QCOMPARE(c.result->error().errorCode, u"BROWSER_TIMEOUT"_s);
    QVERIFY(auth.redirectUri().isEmpty());
}

QTEST_GUILESS_MAIN(TestSalesforceAuthenticator)
#include "tst_salesforceauthenticator.moc"
