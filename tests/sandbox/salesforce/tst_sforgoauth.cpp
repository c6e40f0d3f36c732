// Integration tests of the Salesforce org's OAuth 2.0 server over real HTTP: every grant type, their exact
// success fields and error objects, the authorize page with PKCE, session expiry and the 401 body.

#include "sandboxprocess.h"
#include "sfhttp.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

using namespace Qt::Literals::StringLiterals;

namespace {

QByteArray b64url(const QByteArray &in)
{
    return in.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

/// Signs header.claims with RS256 using a PEM private key, with OpenSSL, as a JWT client does.
QByteArray signJwt(const QJsonObject &claims, const QByteArray &privateKeyPem)
{
    const QByteArray header = b64url(QJsonDocument(QJsonObject{{u"alg"_s, u"RS256"_s}}).toJson(QJsonDocument::Compact));
    const QByteArray payload = b64url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray input = header + '.' + payload;
    BIO *bio = BIO_new_mem_buf(privateKeyPem.constData(), int(privateKeyPem.size()));
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!key)
        return {};
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    size_t len = 0;
    QByteArray sig;
    if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1
        && EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char *>(input.constData()),
                          size_t(input.size())) == 1) {
        sig.resize(qsizetype(len));
        EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(sig.data()), &len,
                       reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size()));
        sig.resize(qsizetype(len));
    }
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(key);
    return input + '.' + b64url(sig);
}

QByteArray otherKeyPem()
{
    EVP_PKEY *key = EVP_RSA_gen(2048);
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, int(n));
    BIO_free(bio);
    EVP_PKEY_free(key);
    return pem;
}

} // namespace

class TestSfOrgOAuth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void passwordFlowSuccessFields();
    void passwordFlowErrors_data();
    void passwordFlowErrors();
    void grantTypeErrors();
    void missingAndBadSession();
    void jwtBearerFlow();
    void jwtBearerErrors_data();
    void jwtBearerErrors();
    void jwtAudiences_data();
    void jwtAudiences();
    void blockedPasswordFlow();
    void authorizeWithPkce();
    void pkceErrors();
    void authorizePageRejectsWrongPassword();
    void refreshTokenFlow();
    void sessionExpires();
    void versionsNeedNoSession();
    void userInfoAndIdentity();
    void soapLogin();

private:
    QString authorizeCode(const QString &challenge, const QString &state, const QString &redirect);

    SandboxProcess m_sandbox;
    QJsonObject m_sf;
    std::unique_ptr<SfHttp> m_http;
};

void TestSfOrgOAuth::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_sandbox.start({u"--seed"_s, u"7"_s}), qPrintable(m_sandbox.errorString()));
    m_sf = m_sandbox.salesforce();
    m_http = std::make_unique<SfHttp>(m_sf.value(u"login_url"_s).toString());
    for (const auto &key : {u"login_url"_s, u"client_id"_s, u"client_secret"_s, u"username"_s, u"password"_s,
                            u"api_version"_s, u"jwt_private_key_file"_s})
        QVERIFY2(!m_sf.value(key).toString().isEmpty(), qPrintable(key));
    QCOMPARE(m_sf.value(u"api_version"_s).toString(), u"62.0"_s);
}

void TestSfOrgOAuth::passwordFlowSuccessFields()
{
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const auto r = m_http->form(u"/services/oauth2/token"_s,
                                {{u"grant_type"_s, u"password"_s},
                                 {u"client_id"_s, m_sf.value(u"client_id"_s).toString()},
                                 {u"client_secret"_s, m_sf.value(u"client_secret"_s).toString()},
                                 {u"username"_s, m_sf.value(u"username"_s).toString()},
                                 {u"password"_s, m_sf.value(u"password"_s).toString()}});
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.object();
    QVERIFY(o.value(u"access_token"_s).toString().contains(u'!'));
    QCOMPARE(o.value(u"instance_url"_s).toString(), m_sf.value(u"login_url"_s).toString());
    QCOMPARE(o.value(u"token_type"_s).toString(), u"Bearer"_s);
    QVERIFY(!o.contains(u"expires_in"_s));
    QVERIFY(!o.contains(u"refresh_token"_s)); // the password flow issues none
    const QString id = o.value(u"id"_s).toString();
    QVERIFY(QRegularExpression(u"/id/00D[0-9A-Za-z]{15}/005[0-9A-Za-z]{15}$"_s).match(id).hasMatch());
    // issued_at: milliseconds, as a string.
    QVERIFY(o.value(u"issued_at"_s).isString());
    const QString issuedAt = o.value(u"issued_at"_s).toString();
    QCOMPARE(issuedAt.size(), 13);
    QVERIFY(issuedAt.toLongLong() >= before - 1000 && issuedAt.toLongLong() <= QDateTime::currentMSecsSinceEpoch() + 1000);
    // signature = Base64(HMAC-SHA256(client_secret, id + issued_at))
    const QByteArray expected = QMessageAuthenticationCode::hash((id + issuedAt).toUtf8(),
                                                                 m_sf.value(u"client_secret"_s).toString().toUtf8(),
                                                                 QCryptographicHash::Sha256)
                                    .toBase64();
    QCOMPARE(o.value(u"signature"_s).toString().toLatin1(), expected);
    // The password + security token form works too.
    const auto withToken = m_http->form(u"/services/oauth2/token"_s,
                                        {{u"grant_type"_s, u"password"_s},
                                         {u"client_id"_s, m_sf.value(u"client_id"_s).toString()},
                                         {u"client_secret"_s, m_sf.value(u"client_secret"_s).toString()},
                                         {u"username"_s, m_sf.value(u"username"_s).toString()},
                                         {u"password"_s, m_sf.value(u"password"_s).toString()
                                                             + m_sf.value(u"security_token"_s).toString()}});
    QCOMPARE(withToken.status, 200);
    // Client authentication with an HTTP Basic header (client_secret_basic).
    const QByteArray basic = (m_sf.value(u"client_id"_s).toString() + u':' + m_sf.value(u"client_secret"_s).toString())
                                 .toLatin1()
                                 .toBase64();
    const QByteArray formBody = "grant_type=password&username="
        + QUrl::toPercentEncoding(m_sf.value(u"username"_s).toString()) + "&password="
        + QUrl::toPercentEncoding(m_sf.value(u"password"_s).toString());
    const auto viaBasic = m_http->send("POST", u"/services/oauth2/token"_s, formBody,
                                       {{"Content-Type", "application/x-www-form-urlencoded"},
                                        {"Authorization", "Basic " + basic}},
                                       false);
    QCOMPARE(viaBasic.status, 200);
    QVERIFY(viaBasic.header("Content-Type").startsWith("application/json"));
    // The token works against the data API.
    SfHttp api(o.value(u"instance_url"_s).toString());
    api.setToken(o.value(u"access_token"_s).toString());
    QCOMPARE(api.get(SfHttp::data(u"limits"_s)).status, 200);
}

void TestSfOrgOAuth::passwordFlowErrors_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("description");
    QTest::newRow("wrong password") << u"password"_s << u"nope"_s << u"invalid_grant"_s << u"authentication failure"_s;
    QTest::newRow("unknown user") << u"username"_s << u"someone@else.example"_s << u"invalid_grant"_s
                                  << u"authentication failure"_s;
    QTest::newRow("unknown client") << u"client_id"_s << u"3MVG9unknown"_s << u"invalid_client_id"_s
                                    << u"client identifier invalid"_s;
    QTest::newRow("wrong secret") << u"client_secret"_s << u"0000"_s << u"invalid_client"_s
                                  << u"invalid client credentials"_s;
}

void TestSfOrgOAuth::passwordFlowErrors()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, error);
    QFETCH(QString, description);
    QList<QPair<QString, QString>> fields{{u"grant_type"_s, u"password"_s}};
    for (const auto &key : {u"client_id"_s, u"client_secret"_s, u"username"_s, u"password"_s})
        fields.append({key, key == field ? value : m_sf.value(key).toString()});
    const auto r = m_http->form(u"/services/oauth2/token"_s, fields);
    QCOMPARE(r.status, 400);
    QVERIFY(r.json.isObject()); // OAuth errors are objects, not arrays
    QCOMPARE(r.object().value(u"error"_s).toString(), error);
    QCOMPARE(r.object().value(u"error_description"_s).toString(), description);
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
}

void TestSfOrgOAuth::grantTypeErrors()
{
    auto r = m_http->form(u"/services/oauth2/token"_s, {{u"grant_type"_s, u"client_magic"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.object().value(u"error"_s).toString(), u"unsupported_grant_type"_s);
    QCOMPARE(r.object().value(u"error_description"_s).toString(), u"grant type not supported"_s);
    r = m_http->form(u"/services/oauth2/token"_s, {{u"username"_s, u"x"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.object().value(u"error"_s).toString(), u"invalid_request"_s);
}

void TestSfOrgOAuth::missingAndBadSession()
{
    SfHttp anon(m_http->baseUrl());
    auto r = anon.get(SfHttp::data(u"sobjects"_s));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json, QJsonValue(QJsonArray{QJsonObject{{u"message"_s, u"Session expired or invalid"_s},
                                                       {u"errorCode"_s, u"INVALID_SESSION_ID"_s}}}));
    anon.setToken(u"00Dxx!forged"_s);
    r = anon.get(SfHttp::data(u"sobjects"_s));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), u"INVALID_SESSION_ID"_s);
    SfHttp basic(m_http->baseUrl());
    r = basic.send("GET", SfHttp::data(u"sobjects"_s), {}, {{"Authorization", "Basic Zm9vOmJhcg=="}});
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), u"INVALID_AUTH_HEADER"_s);
}

void TestSfOrgOAuth::jwtBearerFlow()
{
    QFile keyFile(m_sf.value(u"jwt_private_key_file"_s).toString());
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QByteArray pem = keyFile.readAll();
    QVERIFY(pem.contains("PRIVATE KEY"));
    QFile certFile(m_sf.value(u"jwt_certificate_file"_s).toString());
    QVERIFY(certFile.open(QIODevice::ReadOnly));
    QVERIFY(certFile.readAll().contains("BEGIN CERTIFICATE"));

    const QByteArray assertion = signJwt(QJsonObject{{u"iss"_s, m_sf.value(u"client_id"_s)},
                                                     {u"sub"_s, m_sf.value(u"username"_s)},
                                                     {u"aud"_s, u"https://login.salesforce.com"_s},
                                                     {u"exp"_s, double(QDateTime::currentSecsSinceEpoch() + 180)}},
                                         pem);
    QVERIFY(!assertion.isEmpty());
    const auto r = m_http->form(u"/services/oauth2/token"_s,
                                {{u"grant_type"_s, u"urn:ietf:params:oauth:grant-type:jwt-bearer"_s},
                                 {u"assertion"_s, QString::fromLatin1(assertion)}});
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.object();
    QCOMPARE(o.value(u"token_type"_s).toString(), u"Bearer"_s);
    QCOMPARE(o.value(u"instance_url"_s).toString(), m_sf.value(u"login_url"_s).toString());
    QVERIFY(o.contains(u"scope"_s));
    QVERIFY(o.contains(u"id"_s));
    QVERIFY(!o.contains(u"refresh_token"_s));
    SfHttp api(o.value(u"instance_url"_s).toString());
    api.setToken(o.value(u"access_token"_s).toString());
    QCOMPARE(api.get(SfHttp::data(u"sobjects"_s)).status, 200);
}

void TestSfOrgOAuth::jwtBearerErrors_data()
{
    QTest::addColumn<QString>("claim");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<bool>("foreignKey");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("description");
    QTest::newRow("signed by another key") << QString() << QJsonValue() << true << u"invalid_grant"_s
                                           << u"invalid assertion"_s;
    QTest::newRow("wrong audience") << u"aud"_s << QJsonValue(u"https://evil.example"_s) << false
                                    << u"invalid_grant"_s << u"audience is invalid"_s;
    QTest::newRow("unknown consumer") << u"iss"_s << QJsonValue(u"3MVG9nobody"_s) << false
                                      << u"invalid_client_id"_s << u"client identifier invalid"_s;
    QTest::newRow("unknown user") << u"sub"_s << QJsonValue(u"ghost@example.com"_s) << false << u"invalid_grant"_s
                                  << u"user hasn't approved this consumer"_s;
    QTest::newRow("expired") << u"exp"_s << QJsonValue(double(QDateTime::currentSecsSinceEpoch() - 60)) << false
                             << u"invalid_grant"_s << u"expired authorization code"_s;
}

void TestSfOrgOAuth::jwtBearerErrors()
{
    QFETCH(QString, claim);
    QFETCH(QJsonValue, value);
    QFETCH(bool, foreignKey);
    QFETCH(QString, error);
    QFETCH(QString, description);
    QFile keyFile(m_sf.value(u"jwt_private_key_file"_s).toString());
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    QJsonObject claims{{u"iss"_s, m_sf.value(u"client_id"_s)},
                       {u"sub"_s, m_sf.value(u"username"_s)},
                       {u"aud"_s, m_sf.value(u"login_url"_s)},
                       {u"exp"_s, double(QDateTime::currentSecsSinceEpoch() + 180)}};
    if (!claim.isEmpty())
        claims.insert(claim, value);
    const QByteArray assertion = signJwt(claims, foreignKey ? otherKeyPem() : keyFile.readAll());
    const auto r = m_http->form(u"/services/oauth2/token"_s,
                                {{u"grant_type"_s, u"urn:ietf:params:oauth:grant-type:jwt-bearer"_s},
                                 {u"assertion"_s, QString::fromLatin1(assertion)}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.object().value(u"error"_s).toString(), error);
    QCOMPARE(r.object().value(u"error_description"_s).toString(), description);
}

void TestSfOrgOAuth::jwtAudiences_data()
{
    // The audience is the authorization server of the org's kind; the sandbox's org is a production
    // org, served on loopback in place of login.salesforce.com.
    QTest::addColumn<QString>("audience");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("loopback login URL") << QString() << true;
    QTest::newRow("login.salesforce.com") << u"https://login.salesforce.com"_s << true;
    QTest::newRow("test.salesforce.com (sandbox orgs)") << u"https://test.salesforce.com"_s << false;
    QTest::newRow("My Domain") << u"https://acme.my.salesforce.com"_s << false;
    QTest::newRow("trailing slash") << u"https://login.salesforce.com/"_s << false;
}

void TestSfOrgOAuth::jwtAudiences()
{
    QFETCH(QString, audience);
    QFETCH(bool, accepted);
    QFile keyFile(m_sf.value(u"jwt_private_key_file"_s).toString());
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QJsonObject claims{{u"iss"_s, m_sf.value(u"client_id"_s)},
                             {u"sub"_s, m_sf.value(u"username"_s)},
                             {u"aud"_s, audience.isEmpty() ? m_sf.value(u"login_url"_s).toString() : audience},
                             {u"exp"_s, double(QDateTime::currentSecsSinceEpoch() + 180)}};
    const auto r = m_http->form(u"/services/oauth2/token"_s,
                                {{u"grant_type"_s, u"urn:ietf:params:oauth:grant-type:jwt-bearer"_s},
                                 {u"assertion"_s, QString::fromLatin1(signJwt(claims, keyFile.readAll()))}});
    if (accepted) {
        QCOMPARE(r.status, 200);
        QVERIFY(!r.object().value(u"access_token"_s).toString().isEmpty());
    } else {
        QCOMPARE(r.status, 400);
        QCOMPARE(r.object().value(u"error"_s).toString(), u"invalid_grant"_s);
        QCOMPARE(r.object().value(u"error_description"_s).toString(), u"audience is invalid"_s);
    }
}

void TestSfOrgOAuth::blockedPasswordFlow()
{
    // Without the switch the password grant works (passwordFlowSuccessFields); with it, the right
    // credentials get the reply of a wrong password, while the other ways in still work.
    SandboxProcess blocked;
    QVERIFY2(blocked.start({u"--block-password-flow"_s}), qPrintable(blocked.errorString()));
    const QJsonObject sf = blocked.salesforce();
    SfHttp http(blocked.salesforceLoginUrl());
    const auto r = http.form(u"/services/oauth2/token"_s,
                             {{u"grant_type"_s, u"password"_s},
                              {u"client_id"_s, sf.value(u"client_id"_s).toString()},
                              {u"client_secret"_s, sf.value(u"client_secret"_s).toString()},
                              {u"username"_s, sf.value(u"username"_s).toString()},
                              {u"password"_s, sf.value(u"password"_s).toString() + sf.value(u"security_token"_s).toString()}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.object().value(u"error"_s).toString(), u"invalid_grant"_s);
    QCOMPARE(r.object().value(u"error_description"_s).toString(), u"authentication failure"_s);
    // The JWT bearer flow is not affected.
    QFile keyFile(sf.value(u"jwt_private_key_file"_s).toString());
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QJsonObject claims{{u"iss"_s, sf.value(u"client_id"_s)},
                             {u"sub"_s, sf.value(u"username"_s)},
                             {u"aud"_s, sf.value(u"login_url"_s)},
                             {u"exp"_s, double(QDateTime::currentSecsSinceEpoch() + 180)}};
    const auto jwt = http.form(u"/services/oauth2/token"_s,
                               {{u"grant_type"_s, u"urn:ietf:params:oauth:grant-type:jwt-bearer"_s},
                                {u"assertion"_s, QString::fromLatin1(signJwt(claims, keyFile.readAll()))}});
    QCOMPARE(jwt.status, 200);
}

QString TestSfOrgOAuth::authorizeCode(const QString &challenge, const QString &state, const QString &redirect)
{
    auto enc = [](const QString &v) { return QString::fromLatin1(QUrl::toPercentEncoding(v)); };
    QString query = u"response_type=code&client_id="_s + enc(m_sf.value(u"client_id"_s).toString())
        + u"&redirect_uri="_s + enc(redirect) + u"&state="_s + enc(state);
    if (!challenge.isEmpty())
        query += u"&code_challenge="_s + enc(challenge);
    const auto page = m_http->get(u"/services/oauth2/authorize?"_s + query);
    if (page.status != 200 || !page.body.contains("<form") || !page.body.contains("name=\"pw\""))
        return {};
    QList<QPair<QString, QString>> form{{u"username"_s, m_sf.value(u"username"_s).toString()},
                                        {u"pw"_s, m_sf.value(u"password"_s).toString()},
                                        {u"response_type"_s, u"code"_s},
                                        {u"client_id"_s, m_sf.value(u"client_id"_s).toString()},
                                        {u"redirect_uri"_s, redirect},
                                        {u"state"_s, state}};
    if (!challenge.isEmpty())
        form.append({u"code_challenge"_s, challenge});
    // The hidden fields of the page carry the same parameters.
    if (!page.body.contains("name=\"redirect_uri\"") || !page.body.contains("name=\"state\""))
        return {};
    const auto submitted = m_http->form(u"/services/oauth2/authorize"_s, form);
    if (submitted.status != 302)
        return {};
    const QUrl location(QString::fromUtf8(submitted.header("Location")));
    if (!QString::fromUtf8(submitted.header("Location")).startsWith(redirect))
        return {};
    const QUrlQuery back(location);
    if (back.queryItemValue(u"state"_s, QUrl::FullyDecoded) != state)
        return {};
    return back.queryItemValue(u"code"_s, QUrl::FullyDecoded);
}

void TestSfOrgOAuth::authorizeWithPkce()
{
    const QByteArray verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-verifier-0123456789";
    const QString challenge = QString::fromLatin1(b64url(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)));
    const QString redirect = u"http://127.0.0.1:53682/callback"_s;
    const QString code = authorizeCode(challenge, u"st&ate 1"_s, redirect);
    QVERIFY(!code.isEmpty());
    const auto r = m_http->form(u"/services/oauth2/token"_s,
                                {{u"grant_type"_s, u"authorization_code"_s},
                                 {u"code"_s, code},
                                 {u"client_id"_s, m_sf.value(u"client_id"_s).toString()},
                                 {u"redirect_uri"_s, redirect},
                                 {u"code_verifier"_s, QString::fromLatin1(verifier)}});
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.object();
    QVERIFY(!o.value(u"access_token"_s).toString().isEmpty());
    QVERIFY(!o.value(u"refresh_token"_s).toString().isEmpty());
    QVERIFY(o.value(u"issued_at"_s).isString());
    QVERIFY(!o.value(u"signature"_s).toString().isEmpty());
    // A code is single use.
    const auto again = m_http->form(u"/services/oauth2/token"_s,
                                    {{u"grant_type"_s, u"authorization_code"_s},
                                     {u"code"_s, code},
                                     {u"client_id"_s, m_sf.value(u"client_id"_s).toString()},
                                     {u"redirect_uri"_s, redirect},
                                     {u"code_verifier"_s, QString::fromLatin1(verifier)}});
    QCOMPARE(again.status, 400);
    QCOMPARE(again.object().value(u"error"_s).toString(), u"invalid_grant"_s);
}

void TestSfOrgOAuth::pkceErrors()
{
    const QByteArray verifier = "another-verifier-that-is-long-enough-0123456789-abcdefghijkl";
    const QString challenge = QString::fromLatin1(b64url(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)));
    const QString redirect = u"http://localhost:8765/cb"_s;
    auto exchange = [&](const QString &code, const QString &sentVerifier) {
        QList<QPair<QString, QString>> f{{u"grant_type"_s, u"authorization_code"_s},
                                         {u"code"_s, code},
                                         {u"client_id"_s, m_sf.value(u"client_id"_s).toString()},
                                         {u"redirect_uri"_s, redirect}};
        if (!sentVerifier.isNull())
            f.append({u"code_verifier"_s, sentVerifier});
        return m_http->form(u"/services/oauth2/token"_s, f);
    };
    // challenge sent, verifier missing -> invalid_grant; verifier wrong -> invalid_request
    QString code = authorizeCode(challenge, u"s1"_s, redirect);
    QVERIFY(!code.isEmpty());
    auto r = exchange(code, QString());
    QCOMPARE(r.status, 400);
    QCOMPARE(r.object().value(u"error"_s).toString(), u"invalid_grant"_s);
    code = authorizeCode(challenge, u"s2"_s, redirect);
    r = exchange(code, u"wrong-verifier-wrong-verifier-wrong-verifier-000000"_s);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.object().value(u"error"_s).toString(), u"invalid_request"_s);
    // A redirect_uri different from the authorize request's.
    code = authorizeCode(challenge, u"s3"_s, redirect);
    auto f = QList<QPair<QString, QString>>{{u"grant_type"_s, u"authorization_code"_s}, {u"code"_s, code},
                                           {u"client_id"_s, m_sf.value(u"client_id"_s).toString()},
                                           {u"redirect_uri"_s, u"http://localhost:1/other"_s},
                                           {u"code_verifier"_s, QString::fromLatin1(verifier)}};
    r = m_http->form(u"/services/oauth2/token"_s, f);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.object().value(u"error"_s).toString(), u"invalid_grant"_s);
    // A callback that is not configured never gets a code.
    const auto page = m_http->get(u"/services/oauth2/authorize?response_type=code&client_id="_s
                                  + m_sf.value(u"client_id"_s).toString()
                                  + u"&redirect_uri=https%3A%2F%2Fevil.example%2Fcb"_s);
    QCOMPARE(page.status, 400);
    QVERIFY(page.body.contains("redirect_uri_mismatch"));
}

void TestSfOrgOAuth::authorizePageRejectsWrongPassword()
{
    const auto r = m_http->form(u"/services/oauth2/authorize"_s,
                                {{u"username"_s, m_sf.value(u"username"_s).toString()},
                                 {u"pw"_s, u"wrong"_s},
                                 {u"response_type"_s, u"code"_s},
                                 {u"client_id"_s, m_sf.value(u"client_id"_s).toString()},
                                 {u"redirect_uri"_s, u"http://localhost:9/cb"_s}});
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Location").isEmpty());
    QVERIFY(r.body.contains("Please check your username and password"));
}

void TestSfOrgOAuth::refreshTokenFlow()
{
    const QByteArray verifier = "refresh-flow-verifier-0123456789-0123456789-0123456789";
    const QString challenge = QString::fromLatin1(b64url(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)));
    const QString redirect = u"http://127.0.0.1:40000/cb"_s;
    const QString code = authorizeCode(challenge, u"r"_s, redirect);
    QVERIFY(!code.isEmpty());
    const auto tokens = m_http->form(u"/services/oauth2/token"_s,
                                     {{u"grant_type"_s, u"authorization_code"_s}, {u"code"_s, code},
                                      {u"client_id"_s, m_sf.value(u"client_id"_s).toString()},
                                      {u"client_secret"_s, m_sf.value(u"client_secret"_s).toString()},
                                      {u"redirect_uri"_s, redirect},
                                      {u"code_verifier"_s, QString::fromLatin1(verifier)}});
    QCOMPARE(tokens.status, 200);
    const QString refresh = tokens.object().value(u"refresh_token"_s).toString();
    QVERIFY(!refresh.isEmpty());
    auto r = m_http->form(u"/services/oauth2/token"_s,
                          {{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, refresh},
                           {u"client_id"_s, m_sf.value(u"client_id"_s).toString()},
                           {u"client_secret"_s, m_sf.value(u"client_secret"_s).toString()}});
    QCOMPARE(r.status, 200);
    QVERIFY(!r.object().value(u"access_token"_s).toString().isEmpty());
    QVERIFY(r.object().value(u"access_token"_s) != tokens.object().value(u"access_token"_s));
    QVERIFY(r.object().value(u"issued_at"_s).isString());
    QVERIFY(!r.object().contains(u"refresh_token"_s)); // no rotation
    r = m_http->form(u"/services/oauth2/token"_s,
                     {{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, u"5Aep861bogus"_s},
                      {u"client_id"_s, m_sf.value(u"client_id"_s).toString()}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.object().value(u"error"_s).toString(), u"invalid_grant"_s);
    QCOMPARE(r.object().value(u"error_description"_s).toString(), u"expired access/refresh token"_s);
}

void TestSfOrgOAuth::sessionExpires()
{
    SandboxProcess shortLived;
    QVERIFY2(shortLived.start({u"--session-ttl"_s, u"1"_s}), qPrintable(shortLived.errorString()));
    SfHttp api(shortLived.salesforceLoginUrl());
    QCOMPARE(api.login(shortLived.salesforce()), QString());
    QCOMPARE(api.get(SfHttp::data(u"limits"_s)).status, 200);
    // Polling would keep the session alive (the timeout counts inactivity), so wait it out once.
    QTest::qWait(2200);
    const auto r = api.get(SfHttp::data(u"limits"_s));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json, QJsonValue(QJsonArray{QJsonObject{{u"message"_s, u"Session expired or invalid"_s},
                                                       {u"errorCode"_s, u"INVALID_SESSION_ID"_s}}}));
    // A new login works again.
    QCOMPARE(api.login(shortLived.salesforce()), QString());
    QCOMPARE(api.get(SfHttp::data(u"limits"_s)).status, 200);
}

void TestSfOrgOAuth::versionsNeedNoSession()
{
    SfHttp anon(m_http->baseUrl());
    const auto r = anon.get(u"/services/data/"_s);
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Sforce-Limit-Info").isEmpty());
    bool has62 = false;
    for (const auto &v : r.array()) {
        const QJsonObject o = v.toObject();
        if (o.value(u"version"_s).toString() == u"62.0") {
            has62 = true;
            QCOMPARE(o.value(u"url"_s).toString(), u"/services/data/v62.0"_s);
            QCOMPARE(o.value(u"label"_s).toString(), u"Winter '25"_s);
        }
        if (o.value(u"version"_s).toString() == u"21.0")
            QFAIL("retired versions are not listed");
        if (o.value(u"version"_s).toString() == u"68.0")
            QCOMPARE(o.value(u"label"_s).toString(), u"Winter '27"_s);
    }
    QVERIFY(has62);
}

void TestSfOrgOAuth::userInfoAndIdentity()
{
    SfHttp api(m_http->baseUrl());
    QCOMPARE(api.login(m_sf), QString());
    const auto r = api.get(u"/services/oauth2/userinfo"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"preferred_username"_s).toString(), m_sf.value(u"username"_s).toString());
    QCOMPARE(r.object().value(u"user_id"_s).toString(), m_sf.value(u"user_id"_s).toString());
    // Revoking the token ends the session.
    const auto revoked = api.form(u"/services/oauth2/revoke"_s, {{u"token"_s, api.token()}});
    QCOMPARE(revoked.status, 200);
    QCOMPARE(api.get(SfHttp::data(u"limits"_s)).status, 401);
}

void TestSfOrgOAuth::soapLogin()
{
    auto envelope = [](const QString &user, const QString &password) {
        return QString(u"<?xml version=\"1.0\" encoding=\"utf-8\" ?><env:Envelope "
                       "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                       "xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:urn=\"urn:partner.soap.sforce.com\">"
                       "<env:Header/><env:Body><n1:login xmlns:n1=\"urn:partner.soap.sforce.com\"><n1:username>"_s
                       + user.toHtmlEscaped() + u"</n1:username><n1:password>"_s + password.toHtmlEscaped()
                       + u"</n1:password></n1:login></env:Body></env:Envelope>"_s)
            .toUtf8();
    };
    const QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", "text/xml"}, {"SOAPAction", "login"}};
    auto r = m_http->send("POST", u"/services/Soap/u/62.0"_s,
                          envelope(m_sf.value(u"username"_s).toString(),
                                   m_sf.value(u"password"_s).toString() + m_sf.value(u"security_token"_s).toString()),
                          headers, false);
    QCOMPARE(r.status, 200);
    const QRegularExpression session(u"<sessionId>([^<]+)</sessionId>"_s);
    const QRegularExpression server(u"<serverUrl>([^<]+)</serverUrl>"_s);
    const auto sm = session.match(QString::fromUtf8(r.body));
    const auto um = server.match(QString::fromUtf8(r.body));
    QVERIFY(sm.hasMatch() && um.hasMatch());
    QVERIFY(um.captured(1).startsWith(m_sf.value(u"login_url"_s).toString() + u"/services/Soap/u/62.0/00D"_s));
    QVERIFY(r.body.contains(QByteArray("<organizationId>" + m_sf.value(u"org_id"_s).toString().toLatin1())));
    SfHttp api(m_http->baseUrl());
    api.setToken(sm.captured(1));
    const auto org = api.get(SfHttp::data(u"query?q=SELECT+Id,Name,IsSandbox+FROM+Organization"_s));
    QCOMPARE(org.status, 200);
    QCOMPARE(org.object().value(u"records"_s).toArray().at(0).toObject().value(u"Id"_s).toString(),
             m_sf.value(u"org_id"_s).toString());
    r = m_http->send("POST", u"/services/Soap/u/62.0"_s, envelope(m_sf.value(u"username"_s).toString(), u"bad"_s),
                     headers, false);
    QCOMPARE(r.status, 500);
    QVERIFY(r.body.contains("<faultcode>sf:INVALID_LOGIN</faultcode>"));
    QVERIFY(r.body.contains("<sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode>"));
}

QTEST_GUILESS_MAIN(TestSfOrgOAuth)
#include "tst_sforgoauth.moc"
