#pragma once

#include "common/error.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace OrderBridge {

/// The signed JWT of Salesforce's JWT bearer flow: header {"alg":"RS256"}, claims iss (consumer
/// key), sub (username), aud (login URL), exp; signed RS256 with the user's private key.
class JwtAssertion
{
public:
    struct Claims
    {
        QString issuer;    // connected app consumer key
        QString subject;   // Salesforce username
        QString audience;  // https://login.salesforce.com, https://test.salesforce.com or the My Domain URL
        QDateTime expiresAt;
    };

    /// header.claims.signature, each part base64url without padding. Fails when the PEM holds no
    /// RSA private key (encrypted keys are not supported: the key file must be unencrypted).
    [[nodiscard]] static Result<QByteArray> build(const Claims &claims, const QByteArray &privateKeyPem);
    /// Checks an RS256 JWT's signature with a public key (PEM); used by the tests and by diagnostics.
    [[nodiscard]] static bool verify(const QByteArray &jwt, const QByteArray &publicKeyPem);
};

} // namespace OrderBridge
