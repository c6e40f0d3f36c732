#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace OrderBridge {

/// How OrderBridge signs in to a Salesforce org. Secrets (password, client secret, private key,
/// refresh token) come from the credential store, never from settings or logs.
struct SalesforceAuthConfig
{
    enum class Flow {
        Browser,      // authorization code + PKCE through the system browser and a loopback redirect
        Password,     // username-password (password with the security token appended)
        Jwt,          // JWT bearer with the user's private key; the app must be pre-authorized
        RefreshToken, // a refresh token stored from an earlier browser sign-in
    };

    Flow flow = Flow::Browser;
    QUrl loginUrl{QStringLiteral("https://login.salesforce.com")};
    QString clientId;
    QString clientSecret;   // optional for the browser/refresh flows when the app does not require it
    QString username;
    QString password;       // password + security token
    QByteArray privateKeyPem;
    QString refreshToken;
    QString scope = QStringLiteral("api refresh_token");
    quint16 redirectPort = 1717;      // the loopback callback http://127.0.0.1:<port>/<path>; 0 picks a free port
    QString redirectPath = QStringLiteral("OauthRedirect");
    int browserTimeoutSeconds = 300;  // how long the browser sign-in may take
    int jwtLifetimeSeconds = 180;     // exp of the JWT assertion
    int requestTimeoutMs = 60000;
    /// The REST API version the user chose (e.g. "61.0"); empty: the newest the org offers up to
    /// ApiVersions::NewestTested. Not a sign-in detail, but it travels with the org's connection.
    QString apiVersion;
    /// PEM file of certificate authorities trusted besides the system's, for the login server and the instance
    /// (CaCertificates); empty: the system's only.
    QString caFile;
};

} // namespace OrderBridge
