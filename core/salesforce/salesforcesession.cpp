#include "salesforcesession.h"

#include "settings/connectionprofilevalidator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

bool SalesforceSession::verifySignature(const QString &identityUrl, const QString &issuedAt, const QString &signature,
                                        const QString &clientSecret)
{
    const QByteArray expected = QMessageAuthenticationCode::hash((identityUrl + issuedAt).toUtf8(), clientSecret.toUtf8(),
                                                                 QCryptographicHash::Sha256)
                                    .toBase64();
    const QByteArray given = signature.toLatin1();
    if (expected.size() != given.size())
        return false;
    // Constant-time comparison.
    unsigned char diff = 0;
    for (qsizetype i = 0; i < expected.size(); ++i)
        diff |= static_cast<unsigned char>(expected[i] ^ given[i]);
    return diff == 0;
}

namespace {

QString oauthHint(const QString &error, const QString &description)
{
    const QString d = description.toLower();
    using Hint = SalesforceError::SignInHint;
    if (d.contains(u"hasn't approved"_s) || d.contains(u"has not approved"_s))
        return SalesforceError::signInHint(Hint::JwtNotApproved);
    if (d.contains(u"expired access/refresh token"_s) || d.contains(u"expired"_s))
        return SalesforceError::signInHint(Hint::RefreshTokenExpired);
    if (d.contains(u"audience"_s))
        return SalesforceError::signInHint(Hint::JwtAudience);
    if (d.contains(u"invalid assertion"_s) || d.contains(u"signature"_s))
        return SalesforceError::signInHint(Hint::JwtSignature);
    if (d.contains(u"ip restricted"_s) || d.contains(u"ip_restricted"_s))
        return SalesforceError::signInHint(Hint::IpRestricted);
    if (d.contains(u"code verifier"_s) || d.contains(u"code_verifier"_s) || d.contains(u"code challenge"_s))
        return SalesforceError::signInHint(Hint::Pkce);
    return SalesforceError::hintFor(error);
}

} // namespace

SalesforceResult<SalesforceSession> SalesforceSession::fromTokenReply(int httpStatus, const QByteArray &body,
                                                                     const QString &clientSecret)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject o = doc.object();
    if (httpStatus < 200 || httpStatus >= 300) {
        if (doc.isObject() && o.contains(u"error"_s)) {
            const QString error = o.value(u"error"_s).toString();
            const QString description = o.value(u"error_description"_s).toString();
            return sfFail(error, description.isEmpty() ? error : description, httpStatus, oauthHint(error, description));
        }
        // Some proxies and the REST layer answer with the array shape.
        const QList<SalesforceError> errors = SalesforceError::parseBody(body, httpStatus);
        return std::unexpected(errors.first());
    }
    if (!doc.isObject())
        return sfFail(u"MALFORMED_RESPONSE"_s, u"The token endpoint sent a reply that is not a JSON object."_s, httpStatus);

    SalesforceSession s;
    s.accessToken = o.value(u"access_token"_s).toString();
    s.refreshToken = o.value(u"refresh_token"_s).toString();
    s.instanceUrl = QUrl(o.value(u"instance_url"_s).toString(), QUrl::StrictMode);
    s.identityUrl = o.value(u"id"_s).toString();
    s.scope = o.value(u"scope"_s).toString();
    s.tokenType = o.value(u"token_type"_s).toString(u"Bearer"_s);
    const QString issuedAt = o.value(u"issued_at"_s).toString();
    bool ok = false;
    const qint64 ms = issuedAt.toLongLong(&ok);
    s.issuedAt = ok ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime::currentDateTimeUtc();

    if (s.accessToken.isEmpty())
        return sfFail(u"MALFORMED_RESPONSE"_s, u"The token reply has no access_token."_s, httpStatus);
    if (!s.instanceUrl.isValid() || (s.instanceUrl.scheme() != u"https"_s && s.instanceUrl.scheme() != u"http"_s)
        || s.instanceUrl.host().isEmpty())
        return sfFail(u"MALFORMED_RESPONSE"_s, u"The token reply has no usable instance_url."_s, httpStatus);
    // The same rule as for the addresses the user types: the token would travel in the clear to this URL.
    if (s.instanceUrl.scheme() == u"http"_s && !ConnectionProfileValidator::isLoopbackHost(s.instanceUrl.host()))
        return sfFail(u"INSECURE_INSTANCE_URL"_s,
                      u"The token reply names %1 as the org's address, which is not https; OrderBridge does not send "
                      "the session there."_s.arg(s.instanceUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)),
                      httpStatus);

    const QString signature = o.value(u"signature"_s).toString();
    if (!clientSecret.isEmpty() && !signature.isEmpty()
        && !verifySignature(s.identityUrl, issuedAt, signature, clientSecret))
        return sfFail(u"SIGNATURE_MISMATCH"_s,
                      u"The token reply's signature does not match the identity URL: the reply was altered or the "
                      "consumer secret is wrong."_s,
                      httpStatus,
                      u"Copy the consumer secret again from the connected app; if it is right, check for a proxy "
                      "altering traffic."_s);

    // https://login.salesforce.com/id/<orgId>/<userId>
    const QStringList idParts = QUrl(s.identityUrl).path().split(u'/', Qt::SkipEmptyParts);
    if (idParts.size() >= 3 && idParts.at(idParts.size() - 3) == u"id"_s) {
        s.orgId = idParts.at(idParts.size() - 2);
        s.userId = idParts.last();
    }
    return s;
}

} // namespace OrderBridge
