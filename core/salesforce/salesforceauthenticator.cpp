#include "salesforceauthenticator.h"

#include "common/logging.h"
#include "network/cacertificates.h"
#include "common/retryafter.h"
#include "jwtassertion.h"
#include "pkce.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QOAuthHttpServerReplyHandler>
#include <QDateTime>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

// application/x-www-form-urlencoded, with every reserved character (also '+') percent-encoded so a
// password like "a+b&c" arrives intact.
QByteArray formEncode(const QList<QPair<QString, QString>> &form)
{
    QByteArray out;
    for (const auto &[key, value] : form) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

QString loginBase(const QUrl &loginUrl)
{
    QString s = loginUrl.toString(QUrl::RemoveQuery | QUrl::RemoveFragment);
    while (s.endsWith(u'/'))
        s.chop(1);
    return s;
}

// QOAuthHttpServerReplyHandler (Qt 6.4) hands over query values still partly percent-encoded
// (%3D, %2B, %26 stay encoded); Salesforce codes end in "%3D%3D".
QString decodeCallbackValue(const QVariant &v)
{
    const QString s = v.toString();
    return s.contains(u'%') ? QUrl::fromPercentEncoding(s.toUtf8()) : s;
}

// What to do about a refused token request depends on the grant as much as on the reply.
void explainRefusal(const QString &grant, SalesforceError &e)
{
    if (e.errorCode != u"invalid_grant"_s)
        return;
    if (grant == u"password"_s && e.message == u"authentication failure"_s) {
        // Salesforce answers a blocked username-password flow exactly like a wrong password.
        e.hint = SalesforceError::signInHint(SalesforceError::SignInHint::BlockedPasswordFlow);
    } else if (grant == u"refresh_token"_s) {
        e.hint = SalesforceError::signInHint(SalesforceError::SignInHint::RefreshTokenDropped);
    }
}

} // namespace

SalesforceAuthenticator::SalesforceAuthenticator(QNetworkAccessManager *network, SalesforceAuthConfig config,
                                                 QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_config(std::move(config))
    , m_lastRefreshToken(m_config.refreshToken)
{
    if (auto tls = CaCertificates::load(m_config.caFile, CaCertificates::Side::Salesforce)) {
        m_tls = *tls;
    } else {
        m_tlsProblem = SalesforceError::make(u"INVALID_CA_FILE"_s, tls.error().message, 0, tls.error().hint);
        m_tlsProblem->fields = tls.error().fields;
    }
}

SalesforceError SalesforceAuthenticator::handshakeError(const QString &host, const QList<QSslError> &errors,
                                                        const QString &detail)
{
    const Error e = CaCertificates::handshakeError(u"TLS_ERROR"_s, CaCertificates::Side::Salesforce, host, errors, detail);
    SalesforceError error = SalesforceError::make(e.code, e.message, 0, e.hint);
    error.fields = e.fields;
    return error;
}

SalesforceAuthenticator::~SalesforceAuthenticator() = default;

QUrl SalesforceAuthenticator::tokenUrl() const
{
    return QUrl(loginBase(m_config.loginUrl) + u"/services/oauth2/token"_s);
}

void SalesforceAuthenticator::signIn(Callback done)
{
    switch (m_config.flow) {
    case SalesforceAuthConfig::Flow::Browser:
        startBrowserFlow(std::move(done));
        return;
    case SalesforceAuthConfig::Flow::Password:
        requestPasswordToken(std::move(done));
        return;
    case SalesforceAuthConfig::Flow::Jwt:
        requestJwtToken(std::move(done));
        return;
    case SalesforceAuthConfig::Flow::RefreshToken:
        requestRefreshToken(m_lastRefreshToken, std::move(done));
        return;
    }
}

bool SalesforceAuthenticator::canRenew() const
{
    return !m_lastRefreshToken.isEmpty() || m_config.flow == SalesforceAuthConfig::Flow::Jwt
        || m_config.flow == SalesforceAuthConfig::Flow::Password;
}

void SalesforceAuthenticator::renew(Callback done)
{
    if (!m_lastRefreshToken.isEmpty()) {
        requestRefreshToken(m_lastRefreshToken, std::move(done));
        return;
    }
    if (m_config.flow == SalesforceAuthConfig::Flow::Jwt) {
        requestJwtToken(std::move(done));
        return;
    }
    if (m_config.flow == SalesforceAuthConfig::Flow::Password) {
        requestPasswordToken(std::move(done));
        return;
    }
    done(sfFail(u"INVALID_SESSION_ID"_s,
                u"The Salesforce session expired and there is no refresh token to renew it."_s, 401,
                u"Connect to Salesforce again in the browser (the refresh_token scope keeps the connection)."_s));
}

void SalesforceAuthenticator::requestPasswordToken(Callback done)
{
    if (m_config.clientId.isEmpty() || m_config.username.isEmpty() || m_config.password.isEmpty()) {
        done(sfFail(u"CREDENTIALS_MISSING"_s, u"The username-password flow needs the consumer key, username and password."_s,
                    0, u"Enter them in the Salesforce connection settings."_s));
        return;
    }
    postToken({{u"grant_type"_s, u"password"_s},
               {u"client_id"_s, m_config.clientId},
               {u"client_secret"_s, m_config.clientSecret},
               {u"username"_s, m_config.username},
               {u"password"_s, m_config.password}},
              std::move(done));
}

void SalesforceAuthenticator::requestRefreshToken(const QString &refreshToken, Callback done)
{
    if (refreshToken.isEmpty() || m_config.clientId.isEmpty()) {
        done(sfFail(u"CREDENTIALS_MISSING"_s, u"There is no refresh token for this Salesforce connection."_s, 0,
                    u"Connect to Salesforce again in the browser."_s));
        return;
    }
    QList<QPair<QString, QString>> form{{u"grant_type"_s, u"refresh_token"_s},
                                        {u"refresh_token"_s, refreshToken},
                                        {u"client_id"_s, m_config.clientId}};
    if (!m_config.clientSecret.isEmpty())
        form.append({u"client_secret"_s, m_config.clientSecret});
    postToken(form, std::move(done));
}

void SalesforceAuthenticator::requestJwtToken(Callback done)
{
    JwtAssertion::Claims claims;
    claims.issuer = m_config.clientId;
    claims.subject = m_config.username;
    claims.audience = JwtAssertion::audienceFor(m_config.loginUrl);
    claims.expiresAt = QDateTime::currentDateTimeUtc().addSecs(m_config.jwtLifetimeSeconds);
    const Result<QByteArray> assertion = JwtAssertion::build(claims, m_config.privateKeyPem);
    if (!assertion) {
        const Error &e = assertion.error();
        done(sfFail(e.code, e.message, 0, e.hint));
        return;
    }
    postToken({{u"grant_type"_s, u"urn:ietf:params:oauth:grant-type:jwt-bearer"_s},
               {u"assertion"_s, QString::fromLatin1(*assertion)}},
              std::move(done));
}

void SalesforceAuthenticator::postToken(const QList<QPair<QString, QString>> &form, Callback done, int attempt,
                                        QDeadlineTimer deadline)
{
    // One budget for the sign-in, retries included: a login server that never answers fails within it.
    if (attempt == 1)
        deadline = QDeadlineTimer(m_config.requestTimeoutMs);
    if (m_tlsProblem) {
        done(std::unexpected(*m_tlsProblem));
        return;
    }
    QNetworkRequest request(tokenUrl());
    if (request.url().scheme() == u"https"_s)
        request.setSslConfiguration(m_tls);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(int(std::max<qint64>(1000, deadline.remainingTime())));
    QNetworkReply *reply = m_network->post(request, formEncode(form));
    const QString grant = form.isEmpty() ? QString() : form.first().second;
    auto sslErrors = std::make_shared<QList<QSslError>>();
    connect(reply, &QNetworkReply::sslErrors, this, [sslErrors](const QList<QSslError> &errors) { *sslErrors = errors; });
    connect(reply, &QNetworkReply::finished, this, [this, reply, form, grant, attempt, deadline, sslErrors,
                                                    done = std::move(done)]() mutable {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError
                              || reply->error() == QNetworkReply::TimeoutError;
        SalesforceResult<SalesforceSession> result =
            status != 0 ? SalesforceSession::fromTokenReply(status, body, m_config.clientSecret)
            : reply->error() == QNetworkReply::SslHandshakeFailedError
                ? std::unexpected(handshakeError(m_config.loginUrl.host(), *sslErrors, reply->errorString()))
            : timedOut  ? sfFail(u"TIMEOUT"_s, u"No reply from the Salesforce login server %1 within %2 s (sign-in)."_s.arg(
                                                  loginBase(m_config.loginUrl)).arg(m_config.requestTimeoutMs / 1000),
                                0, u"Check the login URL and the network; for a slow network raise the request timeout "
                                   "(Orders configuration › Advanced › Request timeout; engine.request_timeout_seconds)."_s)
                        : sfFail(u"NETWORK_ERROR"_s, u"Could not reach the Salesforce login server %1: %2"_s.arg(
                                                        loginBase(m_config.loginUrl), reply->errorString()));
        if (!result) {
            RetryPolicy::Failure failure;
            failure.httpStatus = status;
            failure.networkError = reply->error();
            failure.malformedReply = result.error().errorCode == u"MALFORMED_RESPONSE"_s;
            // An authorization code is single-use: a second exchange could only fail.
            failure.idempotent = grant != u"authorization_code"_s;
            if (status >= 400 && status < 500)
                failure.errorCodes.append(result.error().errorCode);
            failure.retryAfterMs = retryAfterMs(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc()).value_or(-1);
            const auto delay = m_retryPolicy.delayBeforeRetry(attempt, failure);
            if (delay && *delay + 1000 < deadline.remainingTime()) {
                qCInfo(lcSalesforce) << "retrying sign-in with grant" << grant << "in" << *delay << "ms";
                QTimer::singleShot(*delay, this, [this, form, attempt, deadline, done = std::move(done)]() mutable {
                    postToken(form, std::move(done), attempt + 1, deadline);
                });
                return;
            }
        }
        if (!result) {
            explainRefusal(grant, result.error());
            if (grant == u"refresh_token"_s && result.error().errorCode == u"invalid_grant"_s) {
                m_lastRefreshToken.clear();
                Q_EMIT refreshTokenRefused();
            }
        }
        if (result) {
            if (!result->refreshToken.isEmpty())
                m_lastRefreshToken = result->refreshToken;
            qCInfo(lcSalesforce) << "signed in to" << result->instanceUrl.host() << "with grant" << grant;
            Q_EMIT sessionChanged(*result);
        } else {
            qCWarning(lcSalesforce) << "sign-in with grant" << grant << "failed:" << result.error().errorCode
                                    << result.error().message;
        }
        done(std::move(result));
    });
}

void SalesforceAuthenticator::startBrowserFlow(Callback done)
{
    if (m_browserDone)
        cancel();
    if (m_config.clientId.isEmpty()) {
        done(sfFail(u"CREDENTIALS_MISSING"_s, u"The browser sign-in needs the connected app's consumer key."_s));
        return;
    }
    // The constructor binds; loopback only, so nothing outside this computer can deliver a code.
    m_listener = new QOAuthHttpServerReplyHandler(QHostAddress::LocalHost, m_config.redirectPort, this);
    if (!m_listener->isListening()) {
        delete m_listener;
        m_listener = nullptr;
        done(sfFail(u"REDIRECT_LISTENER_FAILED"_s,
                    u"Cannot listen for the browser's redirect on 127.0.0.1:%1."_s.arg(m_config.redirectPort), 0,
                    u"Close the program using that port or choose another callback port (and add it to the "
                    "connected app's Callback URLs)."_s));
        return;
    }
    m_listener->setCallbackPath(m_config.redirectPath);
    m_successText = tr("OrderBridge is now connected to Salesforce. You can close this page.");
    m_listener->setCallbackText(m_successText);
    m_redirectUri = m_listener->callback();
    m_verifier = Pkce::generateVerifier();
    m_state = Pkce::generateState();
    m_browserDone = std::move(done);
    connect(m_listener, &QAbstractOAuthReplyHandler::callbackReceived, this,
            &SalesforceAuthenticator::handleBrowserCallback);

    m_browserTimer = new QTimer(this);
    m_browserTimer->setSingleShot(true);
    connect(m_browserTimer, &QTimer::timeout, this, [this] {
        finishBrowser(sfFail(u"BROWSER_TIMEOUT"_s, u"The browser sign-in was not completed in time."_s, 0,
                             u"Connect again and finish the sign-in in the browser window."_s));
    });
    m_browserTimer->start(m_config.browserTimeoutSeconds * 1000);

    const QList<QPair<QString, QString>> params{
        {u"response_type"_s, u"code"_s},
        {u"client_id"_s, m_config.clientId},
        {u"redirect_uri"_s, m_redirectUri},
        {u"code_challenge"_s, QString::fromLatin1(Pkce::challenge(m_verifier))},
        {u"code_challenge_method"_s, u"S256"_s},
        {u"state"_s, QString::fromLatin1(m_state)},
        {u"scope"_s, m_config.scope},
    };
    QUrl url(loginBase(m_config.loginUrl) + u"/services/oauth2/authorize"_s);
    url.setQuery(QString::fromLatin1(formEncode(params)), QUrl::StrictMode);
    Q_EMIT authorizeUrlReady(url);
}

void SalesforceAuthenticator::handleBrowserCallback(const QVariantMap &values)
{
    if (!m_browserDone)
        return;
    // The listener writes its page right after this signal returns, so the text set here is what the browser sees.
    const QString state = decodeCallbackValue(values.value(u"state"_s));
    if (state != QString::fromLatin1(m_state)) {
        // Not our request (or forged): say so to whoever sent it and keep waiting for the real redirect.
        m_listener->setCallbackText(tr("This sign-in request was not started by OrderBridge and was ignored. "
                                       "If you are connecting OrderBridge, use the browser window it opened."));
        qCWarning(lcSalesforce) << "refused a browser redirect with a foreign state";
        return;
    }
    const QString error = decodeCallbackValue(values.value(u"error"_s));
    if (!error.isEmpty()) {
        const QString description = decodeCallbackValue(values.value(u"error_description"_s));
        m_listener->setCallbackText(tr("Salesforce did not sign OrderBridge in: %1. Return to OrderBridge to try again.")
                                        .arg((description.isEmpty() ? error : description).toHtmlEscaped()));
        finishBrowser(sfFail(error, description.isEmpty() ? error : description));
        return;
    }
    m_listener->setCallbackText(m_successText);
    const QString code = decodeCallbackValue(values.value(u"code"_s));
    if (code.isEmpty()) {
        finishBrowser(sfFail(u"MALFORMED_RESPONSE"_s, u"The browser returned without an authorization code."_s));
        return;
    }
    QList<QPair<QString, QString>> form{{u"grant_type"_s, u"authorization_code"_s},
                                        {u"code"_s, code},
                                        {u"client_id"_s, m_config.clientId},
                                        {u"redirect_uri"_s, m_redirectUri},
                                        {u"code_verifier"_s, QString::fromLatin1(m_verifier)}};
    if (!m_config.clientSecret.isEmpty())
        form.append({u"client_secret"_s, m_config.clientSecret});
    if (m_browserTimer)
        m_browserTimer->stop();
    postToken(form, [this](SalesforceResult<SalesforceSession> result) { finishBrowser(std::move(result)); });
}

void SalesforceAuthenticator::finishBrowser(SalesforceResult<SalesforceSession> result)
{
    Callback done = std::move(m_browserDone);
    m_browserDone = nullptr;
    if (m_listener) {
        // Stops listening now; the page just written to the browser still has to leave the socket, so the
        // listener (which owns it) goes a little later.
        m_listener->close();
        QTimer::singleShot(2000, m_listener, &QObject::deleteLater);
        m_listener = nullptr;
    }
    if (m_browserTimer) {
        m_browserTimer->deleteLater();
        m_browserTimer = nullptr;
    }
    m_verifier.clear();
    m_state.clear();
    m_redirectUri.clear();
    if (done)
        done(std::move(result));
}

void SalesforceAuthenticator::cancel()
{
    if (m_browserDone)
        finishBrowser(sfFail(u"CANCELLED"_s, u"The browser sign-in was cancelled."_s));
}

} // namespace OrderBridge
