#include "pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace OrderBridge {

namespace {

QByteArray randomUrlSafe(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    auto *gen = QRandomGenerator::system();
    for (int i = 0; i < bytes; ++i)
        raw[i] = char(gen->bounded(256));
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

QByteArray Pkce::generateVerifier()
{
    return randomUrlSafe(32);
}

QByteArray Pkce::challenge(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray Pkce::generateState()
{
    return randomUrlSafe(16);
}

} // namespace OrderBridge
