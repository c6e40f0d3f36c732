#pragma once

#include "salesforceerror.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrl>

namespace OrderBridge {

/// An authenticated Salesforce session as the token endpoint returns it. The access token and
/// refresh token are secrets: never log them.
struct SalesforceSession
{
    QString accessToken;
    QString refreshToken;  // only from the browser flow (and refresh-token rotation)
    QUrl instanceUrl;
    QString identityUrl;   // https://login.salesforce.com/id/<orgId>/<userId>
    QString orgId;
    QString userId;
    QDateTime issuedAt;
    QString scope;
    QString tokenType;

    [[nodiscard]] bool isValid() const { return !accessToken.isEmpty() && instanceUrl.isValid(); }

    /// Parses a token endpoint reply. A non-2xx reply becomes the OAuth error it carries
    /// ({error, error_description}) with a hint; a 2xx reply without access_token/instance_url, or
    /// whose signature does not match when a client secret is known, is an error too.
    [[nodiscard]] static SalesforceResult<SalesforceSession> fromTokenReply(int httpStatus, const QByteArray &body,
                                                                           const QString &clientSecret);
    /// base64(HMAC-SHA256(clientSecret, id + issued_at)) == signature.
    [[nodiscard]] static bool verifySignature(const QString &identityUrl, const QString &issuedAt,
                                              const QString &signature, const QString &clientSecret);
};

} // namespace OrderBridge
