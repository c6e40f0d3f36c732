#include "jwtassertion.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

struct BioDeleter { void operator()(BIO *b) const { BIO_free(b); } };
struct KeyDeleter { void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); } };
struct MdCtxDeleter { void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); } };
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

QByteArray b64url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// A passphrase callback that refuses: an encrypted key must not make OpenSSL prompt on a terminal.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

} // namespace

QString JwtAssertion::audienceFor(const QUrl &loginUrl)
{
    const QString production = u"https://login.salesforce.com"_s;
    const QString sandbox = u"https://test.salesforce.com"_s;
    const QString host = loginUrl.host().toLower();
    if (host == u"test.salesforce.com"_s || host.endsWith(u".sandbox.my.salesforce.com"_s)
        || host.endsWith(u".scratch.my.salesforce.com"_s)
        || (host.endsWith(u".my.salesforce.com"_s) && host.section(u'.', 0, 0).contains(u"--"_s)))
        return sandbox;
    if (host == u"salesforce.com"_s || host.endsWith(u".salesforce.com"_s))
        return production;
    // A site, a custom domain or the loopback sandbox: the URL itself, without a trailing slash.
    QString own = loginUrl.toString(QUrl::RemoveQuery | QUrl::RemoveFragment);
    while (own.endsWith(u'/'))
        own.chop(1);
    return own;
}

Result<QByteArray> JwtAssertion::build(const Claims &claims, const QByteArray &privateKeyPem)
{
    if (claims.issuer.isEmpty() || claims.subject.isEmpty() || claims.audience.isEmpty() || !claims.expiresAt.isValid())
        return fail(u"JWT_CLAIMS_INCOMPLETE"_s, u"The JWT bearer flow needs the consumer key, the username and the login URL."_s,
                    u"Fill in all three in the Salesforce connection settings."_s);
    BioPtr bio(BIO_new_mem_buf(privateKeyPem.constData(), int(privateKeyPem.size())));
    KeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr) : nullptr);
    if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA)
        return fail(u"PRIVATE_KEY_INVALID"_s, u"The private key file does not hold an unencrypted RSA private key in PEM format."_s,
                    u"Use the key whose certificate is uploaded to the connected app (openssl genrsa, or decrypt it with "
                    "openssl rsa -in key.pem -out plain.pem)."_s);

    const QByteArray header = QJsonDocument(QJsonObject{{u"alg"_s, u"RS256"_s}, {u"typ"_s, u"JWT"_s}})
                                  .toJson(QJsonDocument::Compact);
    const QJsonObject body{
        {u"iss"_s, claims.issuer},
        {u"sub"_s, claims.subject},
        {u"aud"_s, claims.audience},
        {u"exp"_s, claims.expiresAt.toSecsSinceEpoch()},
    };
    const QByteArray signingInput = b64url(header) + '.' + b64url(QJsonDocument(body).toJson(QJsonDocument::Compact));

    MdCtxPtr ctx(EVP_MD_CTX_new());
    size_t sigLen = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1
        || EVP_DigestSign(ctx.get(), nullptr, &sigLen, reinterpret_cast<const unsigned char *>(signingInput.constData()),
                          size_t(signingInput.size())) != 1)
        return fail(u"JWT_SIGNING_FAILED"_s, u"OpenSSL could not sign the JWT assertion."_s);
    QByteArray signature(qsizetype(sigLen), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &sigLen,
                       reinterpret_cast<const unsigned char *>(signingInput.constData()), size_t(signingInput.size())) != 1)
        return fail(u"JWT_SIGNING_FAILED"_s, u"OpenSSL could not sign the JWT assertion."_s);
    signature.resize(qsizetype(sigLen));
    return signingInput + '.' + b64url(signature);
}

bool JwtAssertion::verify(const QByteArray &jwt, const QByteArray &publicKeyPem)
{
    const QList<QByteArray> parts = jwt.split('.');
    if (parts.size() != 3)
        return false;
    const auto sig = QByteArray::fromBase64Encoding(parts[2], QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!sig)
        return false;
    BioPtr bio(BIO_new_mem_buf(publicKeyPem.constData(), int(publicKeyPem.size())));
    KeyPtr key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key)
        return false;
    const QByteArray signingInput = parts[0] + '.' + parts[1];
    MdCtxPtr ctx(EVP_MD_CTX_new());
    return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1
        && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(sig.decoded.constData()), size_t(sig.decoded.size()),
                            reinterpret_cast<const unsigned char *>(signingInput.constData()), size_t(signingInput.size()))
        == 1;
}

} // namespace OrderBridge
