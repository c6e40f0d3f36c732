#pragma once

#include "httpexchange.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <optional>

namespace Sandbox {

/// The org's OAuth 2.0 server: the token endpoint (password, refresh_token, JWT bearer, authorization_code
/// with PKCE), the authorize page that signs the configured user in, revoke, userinfo, and the sessions
/// that the REST API checks. JWT assertions are verified (RS256) against a key pair made at start.
class SfOAuth
{
public:
    struct Credentials
    {
        QString clientId;
        QString clientSecret;
        QString username;
        QString password;
        QString securityToken;
        QString userId;      // 18-char User id of the integration user
        QString orgId;       // 18-char Organization id
        QString displayName;
        QString email;
    };
    using Clock = std::function<QDateTime()>;

    SfOAuth(Credentials credentials, int sessionTtlSeconds, Clock clock);
    ~SfOAuth();
    SfOAuth(const SfOAuth &) = delete;
    SfOAuth &operator=(const SfOAuth &) = delete;

    /// Makes (or loads, when privateKeyPem is not empty) the JWT key pair and its self-signed certificate.
    [[nodiscard]] bool initKeys(const QByteArray &privateKeyPem, QString *error);
    [[nodiscard]] QByteArray privateKeyPem() const { return m_privateKeyPem; }
    [[nodiscard]] QByteArray certificatePem() const { return m_certificatePem; }

    /// The base URL of this server: login URL and instance URL alike.
    void setBaseUrl(const QString &url) { m_baseUrl = url; }
    [[nodiscard]] const Credentials &credentials() const { return m_credentials; }
    /// "Allow OAuth Username-Password Flows" off (OAuth and OpenID Connect Settings): the password
    /// grant fails as a wrong password does, whatever the credentials; SOAP login() still works.
    void setPasswordFlowBlocked(bool blocked) { m_passwordFlowBlocked = blocked; }

    /// Handles /services/oauth2/... and /id/...; nullopt for other paths.
    [[nodiscard]] std::optional<HttpResponse> handle(const HttpRequest &request);

    enum class SessionCheck { Valid, Missing, Invalid, BadHeader };
    /// Checks the Authorization header of an API request; refreshes the inactivity timer when valid.
    [[nodiscard]] SessionCheck checkSession(const HttpRequest &request, QString *userId = nullptr);

    /// Refresh tokens survive restarts through the state file.
    [[nodiscard]] QJsonObject toJson() const;
    void fromJson(const QJsonObject &json);

private:
    struct Session
    {
        QString userId;
        qint64 lastUsedMs = 0;
    };
    struct AuthCode
    {
        QString clientId;
        QString redirectUri;
        QString challenge;
        QString scope;
        qint64 expiresMs = 0;
    };

    HttpResponse token(const HttpRequest &request);
    HttpResponse authorizePage(const HttpRequest &request);
    HttpResponse authorizeSubmit(const HttpRequest &request);
    HttpResponse revoke(const HttpRequest &request);
    HttpResponse soapLogin(const HttpRequest &request, const QString &version);
    HttpResponse userInfo(const HttpRequest &request, bool identity);

    HttpResponse grantPassword(const QUrlQuery &form);
    HttpResponse grantRefresh(const QUrlQuery &form);
    HttpResponse grantJwt(const QUrlQuery &form);
    HttpResponse grantCode(const QUrlQuery &form);

    [[nodiscard]] QJsonObject issue(bool withRefresh, const QString &scope, bool jwtShape);
    [[nodiscard]] QString newAccessToken() const;
    [[nodiscard]] QString identityUrl() const;
    [[nodiscard]] bool verifyRs256(const QByteArray &signingInput, const QByteArray &signature) const;
    [[nodiscard]] static bool redirectAllowed(const QString &uri);
    [[nodiscard]] static HttpResponse oauthError(const QString &error, const QString &description, int status = 400);
    [[nodiscard]] QString loginForm(const QUrlQuery &params, const QString &message) const;

    Credentials m_credentials;
    int m_ttlSeconds;
    Clock m_clock;
    QString m_baseUrl;
    QByteArray m_privateKeyPem;
    QByteArray m_publicKeyPem;
    QByteArray m_certificatePem;
    QHash<QString, Session> m_sessions;
    QHash<QString, QString> m_refreshTokens;   // refresh token -> user id
    QHash<QString, AuthCode> m_codes;
    bool m_passwordFlowBlocked = false;
};

} // namespace Sandbox
