#include "magentooauth1signer.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QByteArray MagentoOAuth1Signer::percentEncode(const QString &value)
{
    // QByteArray::toPercentEncoding leaves exactly the RFC 3986 unreserved set unencoded and uses upper-case hex.
    return value.toUtf8().toPercentEncoding();
}

QByteArray MagentoOAuth1Signer::baseStringUri(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    QString text = scheme + u"://"_s + url.host(QUrl::FullyEncoded).toLower();
    const int port = url.port();
    const bool defaultPort = port == -1 || (scheme == "http"_L1 && port == 80) || (scheme == "https"_L1 && port == 443);
    if (!defaultPort)
        text += u':' + QString::number(port);
    QString path = url.path(QUrl::FullyEncoded);
    if (path.isEmpty())
        path = u"/"_s;
    text += path;
    return text.toUtf8();
}

QByteArray MagentoOAuth1Signer::normalizedParameters(const Params &params)
{
    QList<QPair<QByteArray, QByteArray>> encoded;
    encoded.reserve(params.size());
    for (const auto &p : params)
        encoded.append({percentEncode(p.first), percentEncode(p.second)});
    std::sort(encoded.begin(), encoded.end());
    QByteArray out;
    for (const auto &p : std::as_const(encoded)) {
        if (!out.isEmpty())
            out += '&';
        out += p.first + '=' + p.second;
    }
    return out;
}

QByteArray MagentoOAuth1Signer::baseString(const QByteArray &method, const QUrl &url, const Params &params)
{
    Params all = params;
    const QUrlQuery query(url);
    for (const auto &item : query.queryItems(QUrl::FullyDecoded))
        all.append(item);
    return method.toUpper() + '&' + baseStringUri(url).toPercentEncoding() + '&'
           + normalizedParameters(all).toPercentEncoding();
}

QByteArray MagentoOAuth1Signer::signature(const QByteArray &baseString, const QString &consumerSecret,
                                          const QString &tokenSecret, MagentoSignatureMethod method)
{
    const QByteArray key = percentEncode(consumerSecret) + '&' + percentEncode(tokenSecret);
    const auto algorithm = method == MagentoSignatureMethod::HmacSha1 ? QCryptographicHash::Sha1
                                                                      : QCryptographicHash::Sha256;
    return QMessageAuthenticationCode::hash(baseString, key, algorithm).toBase64();
}

QString MagentoOAuth1Signer::methodName(MagentoSignatureMethod method)
{
    return method == MagentoSignatureMethod::HmacSha1 ? u"HMAC-SHA1"_s : u"HMAC-SHA256"_s;
}

QByteArray MagentoOAuth1Signer::authorizationHeader(const QByteArray &method, const QUrl &url,
                                                    const Credentials &credentials,
                                                    MagentoSignatureMethod signatureMethod, const QString &nonce,
                                                    qint64 timestamp, const Params &bodyParams)
{
    Params oauth{
        {u"oauth_consumer_key"_s, credentials.consumerKey},
        {u"oauth_nonce"_s, nonce},
        {u"oauth_signature_method"_s, methodName(signatureMethod)},
        {u"oauth_timestamp"_s, QString::number(timestamp)},
    };
    if (!credentials.token.isEmpty())
        oauth.append({u"oauth_token"_s, credentials.token});
    oauth.append({u"oauth_version"_s, u"1.0"_s});

    const QByteArray base = baseString(method, url, oauth + bodyParams);
    const QByteArray sig = signature(base, credentials.consumerSecret, credentials.tokenSecret, signatureMethod);

    QByteArray header = "OAuth ";
    for (const auto &p : std::as_const(oauth))
        header += percentEncode(p.first) + "=\"" + percentEncode(p.second) + "\",";
    header += "oauth_signature=\"" + sig.toPercentEncoding() + '"';
    return header;
}

QString MagentoOAuth1Signer::makeNonce()
{
    static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QString nonce;
    nonce.reserve(32);
    for (int i = 0; i < 32; ++i)
        nonce += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]);
    return nonce;
}

} // namespace OrderBridge
