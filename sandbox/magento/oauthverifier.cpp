#include "oauthverifier.h"

#include "searchcriteria.h"

#include <QJsonArray>
#include <QMessageAuthenticationCode>
#include <QUrl>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Sandbox {

namespace {

QByteArray rfc3986(const QString &s)
{
    return s.toUtf8().toPercentEncoding();
}

QString valueOf(const QList<QPair<QString, QString>> &params, const QString &name)
{
    for (const auto &p : params) {
        if (p.first == name)
            return p.second;
    }
    return {};
}

bool has(const QList<QPair<QString, QString>> &params, const QString &name)
{
    return std::any_of(params.begin(), params.end(), [&](const auto &p) { return p.first == name; });
}

void addFormParams(const QByteArray &encoded, QList<QPair<QString, QString>> *out)
{
    for (const QByteArray &pair : encoded.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QString name = decodeQueryComponent(QString::fromUtf8(eq < 0 ? pair : pair.left(eq)));
        const QString value = eq < 0 ? QString() : decodeQueryComponent(QString::fromUtf8(pair.mid(eq + 1)));
        out->append({name, value});
    }
}

} // namespace

OAuthVerifier::OAuthVerifier(Credentials credentials, QByteArray scheme)
    : m_credentials(std::move(credentials))
    , m_scheme(std::move(scheme))
{
}

bool OAuthVerifier::isOAuthRequest(const HttpRequest &request)
{
    return request.header("Authorization").trimmed().startsWith("OAuth ");
}

void OAuthVerifier::clearNonces()
{
    m_nonces.clear();
}

QList<QPair<QString, QString>> OAuthVerifier::parseHeader(const QByteArray &header)
{
    QList<QPair<QString, QString>> out;
    QByteArray rest = header.trimmed();
    if (rest.startsWith("OAuth "))
        rest = rest.mid(6);
    for (const QByteArray &part : rest.split(',')) {
        const QByteArray p = part.trimmed();
        const qsizetype eq = p.indexOf('=');
        if (eq <= 0)
            continue;
        const QByteArray name = p.left(eq).trimmed();
        QByteArray value = p.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        if (name == "realm")
            continue;
        out.append({QUrl::fromPercentEncoding(name), QUrl::fromPercentEncoding(value)});
    }
    return out;
}

QByteArray OAuthVerifier::baseString(const HttpRequest &request, const QList<QPair<QString, QString>> &oauthParams,
                                     const QByteArray &scheme)
{
    QList<QPair<QByteArray, QByteArray>> params;
    for (const auto &p : oauthParams) {
        if (p.first != u"oauth_signature"_s)
            params.append({rfc3986(p.first), rfc3986(p.second)});
    }
    QList<QPair<QString, QString>> plain;
    const qsizetype q = request.rawPathAndQuery.indexOf('?');
    if (q >= 0)
        addFormParams(request.rawPathAndQuery.mid(q + 1), &plain);
    if (request.header("Content-Type").startsWith("application/x-www-form-urlencoded"))
        addFormParams(request.body, &plain);
    for (const auto &p : plain)
        params.append({rfc3986(p.first), rfc3986(p.second)});
    std::sort(params.begin(), params.end());

    QByteArray normalized;
    for (const auto &p : params) {
        if (!normalized.isEmpty())
            normalized += '&';
        normalized += p.first + '=' + p.second;
    }
    QByteArray host = request.header("Host").trimmed().toLower();
    // RFC 5849 section 3.4.1.2: the scheme's default port is left out of the base string URI.
    if (scheme == "http" && host.endsWith(":80"))
        host.chop(3);
    else if (scheme == "https" && host.endsWith(":443"))
        host.chop(4);
    const QByteArray path = q >= 0 ? request.rawPathAndQuery.left(q) : request.rawPathAndQuery;
    const QByteArray baseUri = scheme + "://" + host + path;
    return request.method.toUpper() + '&' + baseUri.toPercentEncoding() + '&' + normalized.toPercentEncoding();
}

MagentoResult<void> OAuthVerifier::verify(const HttpRequest &request, qint64 nowSecs)
{
    const auto params = parseHeader(request.header("Authorization"));
    if (has(params, u"oauth_version"_s) && valueOf(params, u"oauth_version"_s) != u"1.0"_s)
        return magentoError(400, u"OAuth version %1 is not supported"_s,
                            QJsonArray{valueOf(params, u"oauth_version"_s)});
    static const QString required[] = {u"oauth_consumer_key"_s, u"oauth_signature"_s, u"oauth_signature_method"_s,
                                       u"oauth_nonce"_s,        u"oauth_timestamp"_s, u"oauth_token"_s};
    for (const QString &name : required) {
        if (valueOf(params, name).isEmpty())
            return magentoError(400, u"\"%fieldName\" is required. Enter and try again."_s,
                                QJsonObject{{u"fieldName"_s, name}});
    }
    // Magento\Framework\Oauth\Oauth::getSupportedSignatureMethods() lists HMAC-SHA256 alone (HMAC-SHA1 was dropped).
    const QString method = valueOf(params, u"oauth_signature_method"_s);
    if (method != u"HMAC-SHA256"_s)
        return magentoError(400, u"Signature method %1 is not supported"_s, QJsonArray{method});

    const QString consumerKey = valueOf(params, u"oauth_consumer_key"_s);
    if (consumerKey != m_credentials.consumerKey)
        return magentoError(401, u"A consumer with \"%1\" key doesn't exist. Verify the key and try again."_s,
                            QJsonArray{consumerKey});
    if (valueOf(params, u"oauth_token"_s) != m_credentials.accessToken)
        return magentoError(401, u"A token with the \"%1\" ID doesn't exist. Verify the token and try again."_s,
                            QJsonArray{valueOf(params, u"oauth_token"_s)});

    bool ok = false;
    const qint64 timestamp = valueOf(params, u"oauth_timestamp"_s).toLongLong(&ok);
    static constexpr qint64 timeDeviation = 600;
    if (!ok || timestamp <= 0 || timestamp > nowSecs + timeDeviation)
        return magentoError(401, u"Incorrect timestamp value in the oauth_timestamp parameter"_s);
    const QString nonce = valueOf(params, u"oauth_nonce"_s);
    if (m_nonces.contains(nonce))
        return magentoError(401, u"The nonce is already being used by the consumer with ID %1"_s,
                            QJsonArray{QString::number(m_credentials.consumerId)});
    m_nonces.insert(nonce);

    const QByteArray key = rfc3986(m_credentials.consumerSecret) + '&' + rfc3986(m_credentials.accessTokenSecret);
    const QByteArray expected =
        QMessageAuthenticationCode::hash(baseString(request, params, m_scheme), key, QCryptographicHash::Sha256).toBase64();
    if (expected != valueOf(params, u"oauth_signature"_s).toUtf8())
        return magentoError(401, u"The signature is invalid. Verify and try again."_s);
    return {};
}

} // namespace Sandbox
