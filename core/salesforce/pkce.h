#pragma once

#include <QByteArray>

namespace OrderBridge {

/// Proof Key for Code Exchange (RFC 7636) with the S256 method.
class Pkce
{
public:
    /// A fresh code verifier: 32 random bytes from the system generator, base64url (43 chars).
    [[nodiscard]] static QByteArray generateVerifier();
    /// BASE64URL(SHA256(verifier)) without padding.
    [[nodiscard]] static QByteArray challenge(const QByteArray &verifier);
    /// A random opaque `state` value for the authorize request.
    [[nodiscard]] static QByteArray generateState();
};

} // namespace OrderBridge
