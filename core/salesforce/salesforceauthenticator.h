#pragma once

#include "retrypolicy.h"
#include "salesforceauthconfig.h"
#include "salesforcesession.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QSslConfiguration>
#include <QSslError>
#include <QPointer>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QOAuthHttpServerReplyHandler;
class QTimer;

namespace OrderBridge {

/// Obtains Salesforce sessions with the configured OAuth flow (browser + PKCE, username-password,
/// JWT bearer, refresh token) and renews them without user interaction when it can. Asynchronous;
/// lives on the thread of the QNetworkAccessManager it is given. Core has no GUI: the browser
/// flow announces the URL to open through authorizeUrlReady().
class SalesforceAuthenticator : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SalesforceAuthenticator)

public:
    using Callback = std::function<void(SalesforceResult<SalesforceSession>)>;

    SalesforceAuthenticator(QNetworkAccessManager *network, SalesforceAuthConfig config, QObject *parent = nullptr);
    ~SalesforceAuthenticator() override;

    [[nodiscard]] const SalesforceAuthConfig &config() const { return m_config; }
    /// The TLS settings of every request to the org (sign-in and REST): the system's CAs plus config().caFile.
    [[nodiscard]] const QSslConfiguration &tlsConfiguration() const { return m_tls; }
    /// The refusal of an org server whose certificate failed verification (CaCertificates::handshakeError).
    [[nodiscard]] static SalesforceError handshakeError(const QString &host, const QList<QSslError> &errors,
                                                        const QString &detail);
    /// Why config().caFile cannot be used, when it cannot: every request to the org fails with it.
    [[nodiscard]] const std::optional<SalesforceError> &tlsProblem() const { return m_tlsProblem; }
    /// Retries of token requests that failed in transit (dropped connection, timeout, 5xx, cut-off
    /// reply); OAuth errors are never retried.
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    /// The budget of each later sign-in, retries included.
    void setRequestTimeout(int ms) { m_config.requestTimeoutMs = ms; }

    /// Signs in with the configured flow. For the browser flow, authorizeUrlReady() is emitted and
    /// the callback runs when the browser returns to the loopback redirect (or on timeout/cancel).
    void signIn(Callback done);
    /// A new session without user interaction: refresh token when one is known, else the JWT or
    /// password flow when configured; fails with INVALID_SESSION_ID when only a browser sign-in can help.
    void renew(Callback done);
    /// Whether renew() can work without the user.
    [[nodiscard]] bool canRenew() const;
    /// Abandons a pending browser sign-in (its callback gets a CANCELLED error).
    void cancel();

    /// The redirect URI of a pending browser sign-in (empty otherwise).
    [[nodiscard]] QString redirectUri() const { return m_redirectUri; }

    /// The individual flows, for callers that choose per call.
    void requestPasswordToken(Callback done);
    void requestRefreshToken(const QString &refreshToken, Callback done);
    void requestJwtToken(Callback done);
    void startBrowserFlow(Callback done);

Q_SIGNALS:
    /// The browser flow wants this URL opened (QDesktopServices in the GUI, printed by the CLI).
    void authorizeUrlReady(const QUrl &url);
    /// A new session was obtained (carries secrets: store, never log).
    void sessionChanged(const OrderBridge::SalesforceSession &session);
    /// Salesforce refused the refresh token (revoked or expired): it is forgotten here, and whoever
    /// stored it should drop it, so the next sign-in is a browser one.
    void refreshTokenRefused();

private:
    /// Posts to the token endpoint; retries share the `deadline` set at attempt 1 (the request timeout).
    void postToken(const QList<QPair<QString, QString>> &form, Callback done, int attempt = 1, QDeadlineTimer deadline = {});
    void handleBrowserCallback(const QVariantMap &values);
    void finishBrowser(SalesforceResult<SalesforceSession> result);
    [[nodiscard]] QUrl tokenUrl() const;

    QNetworkAccessManager *m_network;
    SalesforceAuthConfig m_config;
    QSslConfiguration m_tls;
    std::optional<SalesforceError> m_tlsProblem;
    QString m_lastRefreshToken;
    RetryPolicy m_retryPolicy;

    // Pending browser sign-in.
    QOAuthHttpServerReplyHandler *m_listener = nullptr;
    QTimer *m_browserTimer = nullptr;
    Callback m_browserDone;
    QByteArray m_verifier;
    QByteArray m_state;
    QString m_successText;
    QString m_redirectUri;
};

} // namespace OrderBridge
