#pragma once

#include "httpexchange.h"
#include "magentoerror.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPair>
#include <QSet>
#include <QString>

#include <functional>

namespace Sandbox {

/// Verifies OAuth 1.0a signed requests (RFC 5849, HMAC-SHA256 only, as current Magento) the way Magento's
/// integrations check them: protocol parameters, consumer and token, timestamp, nonce (each nonce
/// once per consumer, recorded before the signature is checked), then the signature over the
/// method, the base URI and all query, header and form parameters.
class OAuthVerifier
{
public:
    struct Credentials
    {
        QString consumerKey;
        QString consumerSecret;
        QString accessToken;
        QString accessTokenSecret;
        int consumerId = 1;
    };

    /// `scheme`: the scheme the store is served with ("http" or "https"), part of the signed base string URI.
    explicit OAuthVerifier(Credentials credentials, QByteArray scheme = QByteArrayLiteral("http"));

    /// True when the request carries an "Authorization: OAuth ..." header.
    static bool isOAuthRequest(const HttpRequest &request);
    /// Checks the request; an error with Magento's message when it is not validly signed.
    MagentoResult<void> verify(const HttpRequest &request, qint64 nowSecs);
    /// Forgets the nonces seen (the store was reset).
    void clearNonces();

    /// The RFC 5849 signature base string of a request with the given protocol parameters.
    static QByteArray baseString(const HttpRequest &request, const QList<QPair<QString, QString>> &oauthParams,
                                 const QByteArray &scheme = QByteArrayLiteral("http"));
    /// The parameters of an "OAuth k="v", ..." header, percent-decoded (realm dropped).
    static QList<QPair<QString, QString>> parseHeader(const QByteArray &header);

private:
    Credentials m_credentials;
    QByteArray m_scheme;
    QSet<QString> m_nonces;
};

} // namespace Sandbox
