#pragma once

#include "magentoconnection.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace OrderBridge {

/// OAuth 1.0a request signing per RFC 5849 section 3: signature base string, HMAC-SHA1/HMAC-SHA256
/// signature and the Authorization header. Pure functions; nonce and timestamp come from the caller.
class MagentoOAuth1Signer
{
public:
    using Params = QList<QPair<QString, QString>>;

    struct Credentials
    {
        QString consumerKey;
        QString consumerSecret;
        QString token;
        QString tokenSecret;
    };

    /// RFC 5849 3.6: UTF-8, every byte but ALPHA / DIGIT / "-" / "." / "_" / "~" as %XX (upper-case hex).
    [[nodiscard]] static QByteArray percentEncode(const QString &value);
    /// RFC 5849 3.4.1.2: lower-case scheme and host, default port dropped, path kept, query and fragment dropped.
    [[nodiscard]] static QByteArray baseStringUri(const QUrl &url);
    /// RFC 5849 3.4.1.3.2: encodes every (decoded) name and value, sorts by name then value, joins with & and =.
    [[nodiscard]] static QByteArray normalizedParameters(const Params &params);
    /// RFC 5849 3.4.1: METHOD&encoded-URI&encoded-parameters; `params` holds the query, the form body (if any)
    /// and the oauth_* protocol parameters except oauth_signature, all decoded.
    [[nodiscard]] static QByteArray baseString(const QByteArray &method, const QUrl &url, const Params &params);
    /// Base64 HMAC of the base string keyed with encode(consumerSecret)&encode(tokenSecret).
    [[nodiscard]] static QByteArray signature(const QByteArray &baseString, const QString &consumerSecret,
                                              const QString &tokenSecret, MagentoSignatureMethod method);
    /// "HMAC-SHA256" or "HMAC-SHA1".
    [[nodiscard]] static QString methodName(MagentoSignatureMethod method);

    /// The full Authorization header value for a request to `url` (its query parameters are signed too)
    /// with the given form-encoded body parameters (none for JSON bodies).
    [[nodiscard]] static QByteArray authorizationHeader(const QByteArray &method, const QUrl &url,
                                                        const Credentials &credentials,
                                                        MagentoSignatureMethod signatureMethod,
                                                        const QString &nonce, qint64 timestamp,
                                                        const Params &bodyParams = {});

    /// A fresh random nonce (32 alphanumeric characters).
    [[nodiscard]] static QString makeNonce();
};

} // namespace OrderBridge
