#pragma once

#include "common/error.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrl>

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
        QString audience;  // audienceFor(login URL)
        QDateTime expiresAt;
    };

    /// header.claims.signature, each part base64url without padding. Fails when the PEM holds no
    /// RSA private key (encrypted keys are not supported: the key file must be unencrypted).
    [[nodiscard]] static Result<QByteArray> build(const Claims &claims, const QByteArray &privateKeyPem);
    /// The `aud` Salesforce accepts for a login URL: the authorization server of the org's kind, never a
    /// My Domain URL. https://test.salesforce.com for test.salesforce.com and sandbox or scratch-org
    /// My Domains (`*.sandbox.my.salesforce.com`, `*.scratch.my.salesforce.com`, legacy
    /// `name--sandbox.my.salesforce.com`); https://login.salesforce.com for login.salesforce.com and
    /// every other `*.salesforce.com` host; an Experience Cloud site (`*.my.site.com`, `*.force.com`)
    /// or any other host (a custom domain, the loopback sandbox) is its own audience, path included.
    [[nodiscard]] static QString audienceFor(const QUrl &loginUrl);
    /// Checks an RS256 JWT's signature with a public key (PEM); used by the tests and by diagnostics.
    [[nodiscard]] static bool verify(const QByteArray &jwt, const QByteArray &publicKeyPem);
};

} // namespace OrderBridge
