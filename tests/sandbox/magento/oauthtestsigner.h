#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>

/// An OAuth 1.0a (RFC 5849) signer written independently of the sandbox's verifier (OpenSSL HMAC,
/// its own normalization), so that tests check the verifier against a second implementation.
namespace OAuthTestSigner {

inline QByteArray enc(const QByteArray &s)
{
    return s.toPercentEncoding();
}

inline QByteArray hmac(const QByteArray &key, const QByteArray &data, bool sha1)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(sha1 ? EVP_sha1() : EVP_sha256(), key.constData(), int(key.size()),
         reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()), out, &len);
    return QByteArray(reinterpret_cast<const char *>(out), int(len)).toBase64();
}

/// Signs `method url` (the URL may carry a query) and returns the Authorization header value.
/// `baseString` receives the signature base string when not null.
inline QByteArray authorization(const QByteArray &method, const QUrl &url, const QByteArray &consumerKey,
                                const QByteArray &consumerSecret, const QByteArray &token,
                                const QByteArray &tokenSecret, const QByteArray &nonce, qint64 timestamp,
                                bool sha1, QByteArray *baseString = nullptr)
{
    QList<QPair<QByteArray, QByteArray>> oauth{
        {"oauth_consumer_key", consumerKey},
        {"oauth_nonce", nonce},
        {"oauth_signature_method", sha1 ? QByteArray("HMAC-SHA1") : QByteArray("HMAC-SHA256")},
        {"oauth_timestamp", QByteArray::number(timestamp)},
        {"oauth_token", token},
        {"oauth_version", "1.0"},
    };
    QList<QPair<QByteArray, QByteArray>> all;
    for (const auto &p : oauth)
        all.append({enc(p.first), enc(p.second)});
    const QByteArray query = url.query(QUrl::FullyEncoded).toUtf8();
    for (const QByteArray &pair : query.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray name = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        all.append({enc(QByteArray::fromPercentEncoding(name)), enc(QByteArray::fromPercentEncoding(value))});
    }
    std::sort(all.begin(), all.end());
    QByteArray params;
    for (const auto &p : all)
        params += (params.isEmpty() ? "" : "&") + p.first + '=' + p.second;
    QByteArray base = url.scheme().toLatin1() + "://" + url.host().toLower().toLatin1();
    if (url.port() != -1 && url.port() != 80)
        base += ':' + QByteArray::number(url.port());
    base += url.path(QUrl::FullyEncoded).toLatin1();
    const QByteArray text = method + '&' + enc(base) + '&' + enc(params);
    if (baseString)
        *baseString = text;
    const QByteArray signature = hmac(enc(consumerSecret) + '&' + enc(tokenSecret), text, sha1);
    QByteArray header = "OAuth ";
    for (const auto &p : oauth)
        header += p.first + "=\"" + enc(p.second) + "\",";
    header += "oauth_signature=\"" + enc(signature) + '"';
    return header;
}

} // namespace OAuthTestSigner
