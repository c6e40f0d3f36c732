#include "sfoauth.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QXmlStreamReader>
#include <QUrl>
#include <QUrlQuery>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

template<typename T, void (*F)(T *)>
struct Deleter
{
    void operator()(T *p) const { F(p); }
};
using PKeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;

QByteArray bioToBytes(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(len));
}

PKeyPtr loadPrivateKey(const QByteArray &pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    return PKeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

QUrlQuery formOf(const HttpRequest &request)
{
    // application/x-www-form-urlencoded: '+' is a space. Query-string parameters count too, as in Salesforce.
    QByteArray body = request.body;
    body.replace('+', "%20");
    QUrlQuery form(QString::fromLatin1(body));
    // client_secret_basic: the client may authenticate with an HTTP Basic header instead of form fields.
    const QByteArray auth = request.header("Authorization");
    if (auth.startsWith("Basic ")) {
        const QByteArray pair = QByteArray::fromBase64(auth.mid(6).trimmed());
        const qsizetype colon = pair.indexOf(':');
        if (colon > 0) {
            if (!form.hasQueryItem(u"client_id"_s))
                form.addQueryItem(u"client_id"_s, QString::fromLatin1(pair.left(colon)));
            if (!form.hasQueryItem(u"client_secret"_s))
                form.addQueryItem(u"client_secret"_s, QString::fromLatin1(pair.mid(colon + 1)));
        }
    }
    const auto items = request.query.queryItems(QUrl::FullyEncoded);
    for (const auto &item : items) {
        if (!form.hasQueryItem(item.first)) {
            QString v = item.second;
            v.replace(u'+', u"%20"_s);
            form.addQueryItem(item.first, v);
        }
    }
    return form;
}

QString param(const QUrlQuery &form, const QString &key)
{
    return form.queryItemValue(key, QUrl::FullyDecoded);
}

QString randomText(int length)
{
    static constexpr char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString s(length, u'0');
    auto *rng = QRandomGenerator::system();
    for (int i = 0; i < length; ++i)
        s[i] = QLatin1Char(alphabet[rng->bounded(62)]);
    return s;
}

QString htmlEscape(const QString &s)
{
    return s.toHtmlEscaped();
}

} // namespace

SfOAuth::SfOAuth(Credentials credentials, int sessionTtlSeconds, Clock clock)
    : m_credentials(std::move(credentials))
    , m_ttlSeconds(sessionTtlSeconds)
    , m_clock(std::move(clock))
{
}

SfOAuth::~SfOAuth() = default;

bool SfOAuth::initKeys(const QByteArray &privateKeyPem, QString *error)
{
    PKeyPtr key;
    if (!privateKeyPem.isEmpty())
        key = loadPrivateKey(privateKeyPem);
    if (!key)
        key.reset(EVP_RSA_gen(2048));
    if (!key) {
        *error = u"cannot generate the RSA key for the JWT bearer flow"_s;
        return false;
    }
    BioPtr priv(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    m_privateKeyPem = bioToBytes(priv.get());
    BioPtr pub(BIO_new(BIO_s_mem()));
    PEM_write_bio_PUBKEY(pub.get(), key.get());
    m_publicKeyPem = bioToBytes(pub.get());

    // The connected app's "digital certificate": self-signed, as admins upload for the JWT flow.
    X509Ptr cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 365 * 5);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("orderbridge-sandbox connected app"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) {
        *error = u"cannot sign the JWT certificate"_s;
        return false;
    }
    BioPtr certBio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(certBio.get(), cert.get());
    m_certificatePem = bioToBytes(certBio.get());
    return true;
}

bool SfOAuth::verifyRs256(const QByteArray &signingInput, const QByteArray &signature) const
{
    // Verify against the public key inside the certificate, as Salesforce does with the uploaded certificate.
    BioPtr bio(BIO_new_mem_buf(m_certificatePem.constData(), int(m_certificatePem.size())));
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert)
        return false;
    PKeyPtr key(X509_get_pubkey(cert.get()));
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!key || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()), reinterpret_cast<const unsigned char *>(signingInput.constData()),
                            size_t(signingInput.size()))
        == 1;
}

namespace {

HttpResponse tokenReply(const QJsonObject &body)
{
    HttpResponse r = HttpResponse::json(200, QJsonDocument(body));
    r.contentType = "application/json;charset=UTF-8";
    r.headers.append({QByteArray("Cache-Control"), QByteArray("no-cache,must-revalidate,max-age=0,no-store,private")});
    return r;
}

} // namespace

HttpResponse SfOAuth::oauthError(const QString &error, const QString &description, int status)
{
    HttpResponse r = HttpResponse::json(
        status, QJsonDocument(QJsonObject{{u"error"_s, error}, {u"error_description"_s, description}}));
    r.contentType = "application/json;charset=UTF-8";
    r.headers.append({QByteArray("Cache-Control"), QByteArray("no-cache,must-revalidate,max-age=0,no-store,private")});
    return r;
}

QString SfOAuth::identityUrl() const
{
    return m_baseUrl + u"/id/"_s + m_credentials.orgId + u'/' + m_credentials.userId;
}

QString SfOAuth::newAccessToken() const
{
    // "<15-char org id>!<opaque>", as real session ids look.
    return m_credentials.orgId.left(15) + u'!' + randomText(96);
}

QJsonObject SfOAuth::issue(bool withRefresh, const QString &scope, bool jwtShape)
{
    const QString token = newAccessToken();
    const qint64 nowMs = m_clock().toMSecsSinceEpoch();
    m_sessions.insert(token, Session{m_credentials.userId, nowMs});
    QJsonObject out{{u"access_token"_s, token},
                    {u"instance_url"_s, m_baseUrl},
                    {u"id"_s, identityUrl()},
                    {u"token_type"_s, u"Bearer"_s}};
    if (!scope.isEmpty())
        out.insert(u"scope"_s, scope);
    if (jwtShape)
        return out;
    const QString issuedAt = QString::number(nowMs);
    const QByteArray mac = QMessageAuthenticationCode::hash((identityUrl() + issuedAt).toUtf8(),
                                                            m_credentials.clientSecret.toUtf8(),
                                                            QCryptographicHash::Sha256);
    out.insert(u"issued_at"_s, issuedAt);
    out.insert(u"signature"_s, QString::fromLatin1(mac.toBase64()));
    if (withRefresh) {
        const QString refresh = u"5Aep861"_s + randomText(80);
        m_refreshTokens.insert(refresh, m_credentials.userId);
        out.insert(u"refresh_token"_s, refresh);
    }
    return out;
}

std::optional<HttpResponse> SfOAuth::handle(const HttpRequest &request)
{
    const QString &p = request.path;
    if (p == u"/services/oauth2/token") {
        if (request.method != "POST")
            return oauthError(u"invalid_request"_s, u"must use HTTP POST"_s);
        return token(request);
    }
    if (p == u"/services/oauth2/authorize") {
        if (request.method == "POST")
            return authorizeSubmit(request);
        return authorizePage(request);
    }
    static const QRegularExpression soap(u"^/services/Soap/u/([0-9]+\\.[0-9])/?$"_s);
    if (const auto m = soap.match(p); m.hasMatch() && request.method == "POST")
        return soapLogin(request, m.captured(1));
    if (p == u"/services/oauth2/revoke")
        return revoke(request);
    if (p == u"/services/oauth2/userinfo")
        return userInfo(request, false);
    if (p.startsWith(u"/id/"_s))
        return userInfo(request, true);
    return std::nullopt;
}

HttpResponse SfOAuth::token(const HttpRequest &request)
{
    const QUrlQuery form = formOf(request);
    const QString grant = param(form, u"grant_type"_s);
    if (grant.isEmpty())
        return oauthError(u"invalid_request"_s, u"grant type is missing"_s);
    if (grant == u"password")
        return grantPassword(form);
    if (grant == u"refresh_token")
        return grantRefresh(form);
    if (grant == u"urn:ietf:params:oauth:grant-type:jwt-bearer")
        return grantJwt(form);
    if (grant == u"authorization_code")
        return grantCode(form);
    return oauthError(u"unsupported_grant_type"_s, u"grant type not supported"_s);
}

HttpResponse SfOAuth::grantPassword(const QUrlQuery &form)
{
    if (param(form, u"client_id"_s) != m_credentials.clientId)
        return oauthError(u"invalid_client_id"_s, u"client identifier invalid"_s);
    if (param(form, u"client_secret"_s) != m_credentials.clientSecret)
        return oauthError(u"invalid_client"_s, u"invalid client credentials"_s);
    // Salesforce says nothing more for a blocked flow than for a wrong password; only the user's
    // Login History names the reason ("Username-Password Flow Disabled").
    if (m_passwordFlowBlocked)
        return oauthError(u"invalid_grant"_s, u"authentication failure"_s);
    const QString password = param(form, u"password"_s);
    // Loopback is a trusted IP range of the org: the password alone works, and so does password + security token.
    const bool passwordOk = password == m_credentials.password
        || password == m_credentials.password + m_credentials.securityToken;
    if (param(form, u"username"_s).compare(m_credentials.username, Qt::CaseInsensitive) != 0 || !passwordOk)
        return oauthError(u"invalid_grant"_s, u"authentication failure"_s);
    return tokenReply((issue(false, {}, false)));
}

HttpResponse SfOAuth::grantRefresh(const QUrlQuery &form)
{
    if (param(form, u"client_id"_s) != m_credentials.clientId)
        return oauthError(u"invalid_client_id"_s, u"client identifier invalid"_s);
    if (form.hasQueryItem(u"client_secret"_s) && param(form, u"client_secret"_s) != m_credentials.clientSecret)
        return oauthError(u"invalid_client"_s, u"invalid client credentials"_s);
    if (!m_refreshTokens.contains(param(form, u"refresh_token"_s)))
        return oauthError(u"invalid_grant"_s, u"expired access/refresh token"_s);
    return tokenReply((issue(false, u"refresh_token api"_s, false)));
}

HttpResponse SfOAuth::grantJwt(const QUrlQuery &form)
{
    const QByteArray assertion = param(form, u"assertion"_s).toLatin1();
    const QList<QByteArray> parts = assertion.split('.');
    if (parts.size() != 3)
        return oauthError(u"invalid_grant"_s, u"invalid assertion"_s);
    const auto opts = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
    const QJsonObject header = QJsonDocument::fromJson(QByteArray::fromBase64(parts[0], opts)).object();
    const QJsonObject claims = QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], opts)).object();
    const QByteArray signature = QByteArray::fromBase64(parts[2], opts);
    if (header.value(u"alg"_s).toString() != u"RS256" || claims.isEmpty())
        return oauthError(u"invalid_grant"_s, u"invalid assertion"_s);
    if (!verifyRs256(parts[0] + '.' + parts[1], signature))
        return oauthError(u"invalid_grant"_s, u"invalid assertion"_s);
    if (claims.value(u"iss"_s).toString() != m_credentials.clientId)
        return oauthError(u"invalid_client_id"_s, u"client identifier invalid"_s);
    const QString aud = claims.value(u"aud"_s).toString();
    // The audience names the authorization server of the org's kind: this is a production org, so
    // https://login.salesforce.com, for which this loopback server stands in under its own URL.
    // test.salesforce.com is a sandbox org's, and a My Domain URL is no audience at all.
    const QStringList audiences{m_baseUrl, u"https://login.salesforce.com"_s};
    if (!audiences.contains(aud))
        return oauthError(u"invalid_grant"_s, u"audience is invalid"_s);
    const qint64 exp = claims.value(u"exp"_s).toInteger();
    if (exp <= m_clock().toSecsSinceEpoch())
        return oauthError(u"invalid_grant"_s, u"expired authorization code"_s);
    if (claims.value(u"sub"_s).toString().compare(m_credentials.username, Qt::CaseInsensitive) != 0)
        return oauthError(u"invalid_grant"_s, u"user hasn't approved this consumer"_s);
    return tokenReply((issue(false, u"api"_s, true)));
}

HttpResponse SfOAuth::grantCode(const QUrlQuery &form)
{
    const QString codeText = param(form, u"code"_s);
    const auto it = m_codes.constFind(codeText);
    if (param(form, u"client_id"_s) != m_credentials.clientId)
        return oauthError(u"invalid_client_id"_s, u"client identifier invalid"_s);
    if (it == m_codes.cend() || it->expiresMs < m_clock().toMSecsSinceEpoch())
        return oauthError(u"invalid_grant"_s, u"invalid authorization code"_s);
    const AuthCode code = *it;
    if (param(form, u"redirect_uri"_s) != code.redirectUri)
        return oauthError(u"invalid_grant"_s, u"redirect_uri must match configuration"_s);
    // The secret is optional for a PKCE client; when sent it must be right.
    if (form.hasQueryItem(u"client_secret"_s) && param(form, u"client_secret"_s) != m_credentials.clientSecret)
        return oauthError(u"invalid_client"_s, u"invalid client credentials"_s);
    if (code.challenge.isEmpty() && !form.hasQueryItem(u"client_secret"_s))
        return oauthError(u"invalid_client"_s, u"invalid client credentials"_s);
    const QString verifier = param(form, u"code_verifier"_s);
    if (!code.challenge.isEmpty()) {
        if (verifier.isEmpty())
            return oauthError(u"invalid_grant"_s, u"invalid code verifier"_s);
        const QByteArray digest = QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256);
        const QString expected = QString::fromLatin1(
            digest.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        if (expected != code.challenge)
            return oauthError(u"invalid_request"_s, u"invalid code verifier"_s);
    } else if (!verifier.isEmpty()) {
        return oauthError(u"invalid_request"_s, u"invalid code verifier"_s);
    }
    m_codes.remove(codeText); // single use
    const QStringList scopes = code.scope.split(u' ', Qt::SkipEmptyParts);
    const bool refresh = scopes.isEmpty() || scopes.contains(u"refresh_token"_s) || scopes.contains(u"offline_access"_s)
        || scopes.contains(u"full"_s);
    const QString granted = scopes.isEmpty() ? u"refresh_token api web"_s : code.scope;
    return tokenReply((issue(refresh, granted, false)));
}

bool SfOAuth::redirectAllowed(const QString &uri)
{
    // The connected app's callback URLs: loopback http(s) redirects of native apps and a custom scheme.
    const QUrl url(uri);
    if (!url.isValid() || url.scheme().isEmpty())
        return false;
    if (url.scheme() == u"http" || url.scheme() == u"https") {
        const QString host = url.host();
        return host == u"localhost" || host == u"127.0.0.1" || host == u"::1";
    }
    return url.scheme() == u"orderbridge" || url.scheme() == u"sfdc";
}

QString SfOAuth::loginForm(const QUrlQuery &params, const QString &message) const
{
    QString hidden;
    for (const auto &key : {u"response_type"_s, u"client_id"_s, u"redirect_uri"_s, u"code_challenge"_s,
                            u"code_challenge_method"_s, u"state"_s, u"scope"_s}) {
        if (params.hasQueryItem(key)) {
            hidden += u"<input type=\"hidden\" name=\""_s + key + u"\" value=\""_s
                + htmlEscape(params.queryItemValue(key, QUrl::FullyDecoded)) + u"\">\n"_s;
        }
    }
    const QString error = message.isEmpty() ? QString()
                                            : u"<p id=\"error\" class=\"error\">"_s + htmlEscape(message) + u"</p>"_s;
    return u"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Login | Salesforce (sandbox)</title>"
           "<style>body{font-family:sans-serif;background:#f3f3f3}form{background:#fff;width:320px;margin:80px auto;"
           "padding:24px;border-radius:4px}input{display:block;width:100%;margin:8px 0;padding:6px}"
           ".error{color:#c23934}</style></head><body>\n"
           "<form method=\"POST\" action=\"/services/oauth2/authorize\" id=\"login_form\">\n"
           "<h2>Log in to the OrderBridge sandbox org</h2>"_s
        + error + u"\n<label>Username<input type=\"email\" name=\"username\" id=\"username\" value=\""_s
        + htmlEscape(m_credentials.username)
        + u"\"></label>\n<label>Password<input type=\"password\" name=\"pw\" id=\"password\"></label>\n"_s + hidden
        + u"<input type=\"submit\" id=\"Login\" value=\"Log In\">\n</form></body></html>\n"_s;
}

HttpResponse SfOAuth::authorizePage(const HttpRequest &request)
{
    const QUrlQuery params = formOf(request);
    if (param(params, u"client_id"_s) != m_credentials.clientId) {
        return HttpResponse::raw(400,
                                 "<!DOCTYPE html><html><body><h1>error=invalid_client_id</h1>"
                                 "<p>error_description=client identifier invalid</p></body></html>",
                                 "text/html;charset=UTF-8");
    }
    const QString redirect = param(params, u"redirect_uri"_s);
    if (!redirectAllowed(redirect)) {
        return HttpResponse::raw(400,
                                 "<!DOCTYPE html><html><body><h1>error=redirect_uri_mismatch</h1>"
                                 "<p>error_description=redirect_uri must match configuration</p></body></html>",
                                 "text/html;charset=UTF-8");
    }
    if (param(params, u"response_type"_s) != u"code") {
        QUrl target(redirect);
        QUrlQuery q(target);
        q.addQueryItem(u"error"_s, u"unsupported_response_type"_s);
        q.addQueryItem(u"error_description"_s, u"response type not supported"_s.replace(u' ', u"%20"_s));
        if (params.hasQueryItem(u"state"_s))
            q.addQueryItem(u"state"_s, params.queryItemValue(u"state"_s, QUrl::FullyEncoded));
        target.setQuery(q);
        HttpResponse r = HttpResponse::raw(302, {}, "text/html");
        r.headers.append({QByteArray("Location"), target.toEncoded()});
        return r;
    }
    return HttpResponse::raw(200, loginForm(params, {}).toUtf8(), "text/html;charset=UTF-8");
}

HttpResponse SfOAuth::authorizeSubmit(const HttpRequest &request)
{
    const QUrlQuery form = formOf(request);
    const QString redirect = param(form, u"redirect_uri"_s);
    if (param(form, u"client_id"_s) != m_credentials.clientId || !redirectAllowed(redirect)
        || param(form, u"response_type"_s) != u"code")
        return authorizePage(request);
    const QString pw = param(form, u"pw"_s);
    if (param(form, u"username"_s).compare(m_credentials.username, Qt::CaseInsensitive) != 0
        || (pw != m_credentials.password && pw != m_credentials.password + m_credentials.securityToken)) {
        return HttpResponse::raw(
            200,
            loginForm(form, u"Please check your username and password. If you still can't log in, contact your "
                            "Salesforce administrator."_s)
                .toUtf8(),
            "text/html;charset=UTF-8");
    }
    const QString code = u"aPrx"_s + randomText(60) + u"=="_s;
    m_codes.insert(code, AuthCode{m_credentials.clientId, redirect, param(form, u"code_challenge"_s),
                                  param(form, u"scope"_s), m_clock().toMSecsSinceEpoch() + 15 * 60 * 1000});
    QUrl target(redirect);
    QUrlQuery q(target);
    q.addQueryItem(u"code"_s, QString::fromLatin1(QUrl::toPercentEncoding(code)));
    if (form.hasQueryItem(u"state"_s))
        q.addQueryItem(u"state"_s, QString::fromLatin1(QUrl::toPercentEncoding(param(form, u"state"_s))));
    target.setQuery(q);
    HttpResponse r = HttpResponse::raw(302, {}, "text/html");
    r.headers.append({QByteArray("Location"), target.toEncoded()});
    return r;
}

HttpResponse SfOAuth::soapLogin(const HttpRequest &request, const QString &version)
{
    // The partner API's login() call, which simple-salesforce and jsforce use by default.
    QString username;
    QString password;
    QXmlStreamReader xml(request.body);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == u"username")
            username = xml.readElementText();
        else if (xml.name() == u"password")
            password = xml.readElementText();
    }
    auto envelope = [](const QString &body) {
        return QString(u"<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope "
                       "xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns=\"urn:partner.soap.sforce.com\" "
                       "xmlns:sf=\"urn:fault.partner.soap.sforce.com\" "
                       "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>"_s
                       + body + u"</soapenv:Body></soapenv:Envelope>"_s)
            .toUtf8();
    };
    if (xml.hasError() || username.compare(m_credentials.username, Qt::CaseInsensitive) != 0
        || (password != m_credentials.password && password != m_credentials.password + m_credentials.securityToken)) {
        const QString message = u"Invalid username, password, security token; or user locked out."_s;
        return HttpResponse::raw(
            500,
            envelope(u"<soapenv:Fault><faultcode>sf:INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: "_s + message
                     + u"</faultstring><detail><sf:LoginFault xsi:type=\"sf:LoginFault\"><sf:exceptionCode>"
                       "INVALID_LOGIN</sf:exceptionCode><sf:exceptionMessage>"_s
                     + message + u"</sf:exceptionMessage></sf:LoginFault></detail></soapenv:Fault>"_s),
            "text/xml;charset=UTF-8");
    }
    const QString token = newAccessToken();
    m_sessions.insert(token, Session{m_credentials.userId, m_clock().toMSecsSinceEpoch()});
    const QString &c = m_credentials.orgId;
    const QString body =
        u"<loginResponse><result><metadataServerUrl>"_s + m_baseUrl + u"/services/Soap/m/"_s + version + u'/' + c
        + u"</metadataServerUrl><passwordExpired>false</passwordExpired><sandbox>false</sandbox><serverUrl>"_s
        + m_baseUrl + u"/services/Soap/u/"_s + version + u'/' + c + u"</serverUrl><sessionId>"_s + token
        + u"</sessionId><userId>"_s + m_credentials.userId
        + u"</userId><userInfo><accessibilityMode>false</accessibilityMode><currencySymbol>$</currencySymbol>"
          "<orgAttachmentFileSizeLimit>5242880</orgAttachmentFileSizeLimit><orgDefaultCurrencyIsoCode>USD"
          "</orgDefaultCurrencyIsoCode><orgDisallowHtmlAttachments>false</orgDisallowHtmlAttachments>"
          "<orgHasPersonAccounts>false</orgHasPersonAccounts><organizationId>"_s
        + c + u"</organizationId><organizationMultiCurrency>false</organizationMultiCurrency><organizationName>"
              "OrderBridge Sandbox</organizationName><profileId>00e5e000000000AAAA</profileId><roleId xsi:nil=\"true\"/>"
              "<sessionSecondsValid>"_s
        + QString::number(m_ttlSeconds) + u"</sessionSecondsValid><userDefaultCurrencyIsoCode xsi:nil=\"true\"/><userEmail>"_s
        + htmlEscape(m_credentials.email) + u"</userEmail><userFullName>"_s + htmlEscape(m_credentials.displayName)
        + u"</userFullName><userId>"_s + m_credentials.userId + u"</userId><userLanguage>en_US</userLanguage>"
                                                                 "<userLocale>en_US</userLocale><userName>"_s
        + htmlEscape(m_credentials.username)
        + u"</userName><userTimeZone>GMT</userTimeZone><userType>Standard</userType><userUiSkin>Theme3</userUiSkin>"
          "</userInfo></result></loginResponse>"_s;
    return HttpResponse::raw(200, envelope(body), "text/xml;charset=UTF-8");
}

HttpResponse SfOAuth::revoke(const HttpRequest &request)
{
    const QString token = param(formOf(request), u"token"_s);
    if (m_sessions.remove(token) == 0 && m_refreshTokens.remove(token) == 0)
        return oauthError(u"unsupported_token_type"_s, u"this token type is not supported"_s);
    return HttpResponse::raw(200, {}, "application/json;charset=UTF-8");
}

HttpResponse SfOAuth::userInfo(const HttpRequest &request, bool identity)
{
    QString userId;
    if (checkSession(request, &userId) != SessionCheck::Valid) {
        HttpResponse r = HttpResponse::raw(403, "Bad_OAuth_Token", "text/plain;charset=UTF-8");
        return r;
    }
    const QString &c = m_credentials.orgId;
    QJsonObject info{{u"sub"_s, identityUrl()},
                     {u"user_id"_s, m_credentials.userId},
                     {u"organization_id"_s, c},
                     {u"preferred_username"_s, m_credentials.username},
                     {u"name"_s, m_credentials.displayName},
                     {u"email"_s, m_credentials.email},
                     {u"email_verified"_s, true},
                     {u"zoneinfo"_s, u"GMT"_s},
                     {u"locale"_s, u"en_US"_s},
                     {u"active"_s, true},
                     {u"user_type"_s, u"STANDARD"_s},
                     {u"urls"_s, QJsonObject{{u"rest"_s, QString(m_baseUrl + u"/services/data/v{version}/"_s)},
                                             {u"sobjects"_s, QString(m_baseUrl + u"/services/data/v{version}/sobjects/"_s)},
                                             {u"query"_s, QString(m_baseUrl + u"/services/data/v{version}/query/"_s)}}}};
    if (identity) {
        info.insert(u"id"_s, identityUrl());
        info.insert(u"username"_s, m_credentials.username);
        info.insert(u"display_name"_s, m_credentials.displayName);
    }
    return HttpResponse::json(200, QJsonDocument(info));
}

SfOAuth::SessionCheck SfOAuth::checkSession(const HttpRequest &request, QString *userId)
{
    const QByteArray header = request.header("Authorization");
    if (header.isEmpty())
        return SessionCheck::Missing;
    QByteArray token;
    if (header.startsWith("Bearer "))
        token = header.mid(7).trimmed();
    else if (header.startsWith("OAuth "))
        token = header.mid(6).trimmed();
    else
        return SessionCheck::BadHeader;
    auto it = m_sessions.find(QString::fromLatin1(token));
    if (it == m_sessions.end())
        return SessionCheck::Invalid;
    const qint64 nowMs = m_clock().toMSecsSinceEpoch();
    if (nowMs - it->lastUsedMs > qint64(m_ttlSeconds) * 1000) {
        m_sessions.erase(it);
        return SessionCheck::Invalid;
    }
    it->lastUsedMs = nowMs;
    if (userId)
        *userId = it->userId;
    return SessionCheck::Valid;
}

QJsonObject SfOAuth::toJson() const
{
    QJsonArray refresh;
    for (auto it = m_refreshTokens.cbegin(); it != m_refreshTokens.cend(); ++it)
        refresh.append(QJsonObject{{u"token"_s, it.key()}, {u"userId"_s, it.value()}});
    return QJsonObject{{u"refreshTokens"_s, refresh}, {u"privateKeyPem"_s, QString::fromLatin1(m_privateKeyPem)}};
}

void SfOAuth::fromJson(const QJsonObject &json)
{
    const QJsonArray refresh = json.value(u"refreshTokens"_s).toArray();
    for (const auto &v : refresh) {
        const QJsonObject o = v.toObject();
        m_refreshTokens.insert(o.value(u"token"_s).toString(), o.value(u"userId"_s).toString());
    }
}

} // namespace Sandbox
