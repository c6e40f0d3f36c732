#include "magentoerrors.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge::MagentoErrors {

namespace {

QString valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == double(qint64(d)))
            return QString::number(qint64(d));
        return QString::number(d);
    }
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &v : value.toArray())
            parts.append(valueText(v));
        return parts.join(u", "_s);
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

// Translated in the context "MagentoErrors" (lupdate reads QCoreApplication::translate with a literal context).
QString unauthorizedHint(MagentoAuthMode mode)
{
    switch (mode) {
    case MagentoAuthMode::IntegrationToken:
        return QCoreApplication::translate("MagentoErrors", "Since Magento 2.4.4 an integration's access token is not accepted as a standalone Bearer token unless "
                  "the store allows it: Magento treats the request as a guest's and refuses it. Either sign the requests "
                  "with OAuth 1.0a instead, with the integration's consumer key, consumer secret, access token and access "
                  "token secret (System > Extensions > Integrations > Edit > Integration Details; orderbridge-cli connect "
                  "magento --auth oauth1, or \"OAuth 1.0a\" in the console), which needs no change to the store; or have an "
                  "administrator set Stores > Configuration > Services > OAuth > Consumer Settings > \"Allow OAuth Access "
                  "Tokens to be used as standalone Bearer tokens\" to Yes. If it is Yes already, check the token and that "
                  "the integration is active with Magento_Sales::actions_view (Sales > Operations > Orders > Actions > "
                  "View) among its API resources.");
    case MagentoAuthMode::AdminUser:
        return QCoreApplication::translate("MagentoErrors", "Check the admin user name and password (the account locks after repeated failures) and that the "
                  "user's role grants Magento_Sales::actions_view.");
    case MagentoAuthMode::OAuth1:
        return QCoreApplication::translate("MagentoErrors", "Check the integration's consumer key, consumer secret, access token and access token secret "
                  "(System > Extensions > Integrations > Edit > Integration Details), that the integration is active "
                  "with Magento_Sales::actions_view among its resources, and that this computer's clock is right.");
    }
    return {};
}

QString hintFor(const QString &code, MagentoAuthMode mode)
{
    if (code == QStringView(Unauthorized))
        return unauthorizedHint(mode);
    if (code == QStringView(TwoFactorRequired))
        return QCoreApplication::translate("MagentoErrors", "Magento 2.4 comes with two-factor authentication (2FA) on for admin users: each admin sign-in needs "
                  "a one-time code from an authenticator app besides the password, so Magento hands no admin token to "
                  "a program that knows only the user name and password. Connect with an integration instead: create "
                  "one in System > Extensions > Integrations with the Sales resources, activate it, and either use "
                  "OAuth 1.0a with its consumer key, consumer secret, access token and access token secret "
                  "(orderbridge-cli connect magento --auth oauth1, or \"OAuth 1.0a\" in the console), or use its access "
                  "token as a Bearer token once Stores > Configuration > Services > OAuth > Consumer Settings > \"Allow "
                  "OAuth Access Tokens to be used as standalone Bearer tokens\" is Yes (--auth token).");
    if (code == QStringView(Forbidden))
        return u"Grant the integration or admin role the API resources OrderBridge needs (orders, comments, invoices, "
               "shipments) in its Resource Access settings."_s;
    if (code == QStringView(NotFound))
        return u"The record may have been deleted or belong to another store; check the ID."_s;
    if (code == QStringView(NoRoute))
        return u"Check the Magento base URL and store code; the REST API lives under <base URL>/rest."_s;
    if (code == QStringView(Validation) || code == QStringView(BadRequest))
        return u"Correct the request as the message says and try again."_s;
    if (code == QStringView(RateLimited) || code == QStringView(Unavailable))
        return u"The store is busy or in maintenance; OrderBridge retries later by itself."_s;
    if (code == QStringView(ServerError))
        return u"Magento failed internally; look up the report ID in var/report or var/log/exception.log on the "
               "server. OrderBridge retries reads by itself."_s;
    return {};
}

QString codeFor(int status, const QString &message)
{
    if (status == 401) {
        if (message.contains(u"2fa"_s, Qt::CaseInsensitive))
            return QString::fromUtf16(TwoFactorRequired);
        return QString::fromUtf16(Unauthorized);
    }
    if (status == 400 && message.contains(u"2fa provider"_s, Qt::CaseInsensitive))
        return QString::fromUtf16(TwoFactorRequired);
    if (status == 403)
        return QString::fromUtf16(Forbidden);
    if (status == 404) {
        if (message.contains(u"does not match any route"_s, Qt::CaseInsensitive))
            return QString::fromUtf16(NoRoute);
        return QString::fromUtf16(NotFound);
    }
    if (status == 400 || status == 422)
        return QString::fromUtf16(Validation);
    if (status == 429)
        return QString::fromUtf16(RateLimited);
    if (status == 503)
        return QString::fromUtf16(Unavailable);
    if (status >= 500)
        return QString::fromUtf16(ServerError);
    return QString::fromUtf16(BadRequest);
}

QString shortBody(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(200)).simplified();
    if (body.size() > 200)
        text += u"…"_s;
    return text;
}

} // namespace

QString substitute(const QString &message, const QJsonValue &parameters)
{
    static const QRegularExpression placeholder(u"%(\\d+|[A-Za-z_][A-Za-z0-9_]*)"_s);
    const QJsonArray positional = parameters.toArray();
    const QJsonObject named = parameters.toObject();
    QString out;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(message);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString name = m.captured(1);
        QString replacement = m.captured(0);
        if (parameters.isArray() && name.at(0).isDigit()) {
            const int index = name.toInt() - 1;
            if (index >= 0 && index < positional.size())
                replacement = valueText(positional.at(index));
        } else if (parameters.isObject() && named.contains(name)) {
            replacement = valueText(named.value(name));
        }
        out += QStringView(message).mid(last, m.capturedStart() - last);
        out += replacement;
        last = m.capturedEnd();
    }
    out += QStringView(message).mid(last);
    return out;
}

MagentoFailureKind classify(int httpStatus, QNetworkReply::NetworkError networkError, bool timedOut)
{
    if (httpStatus >= 200 && httpStatus < 300)
        return networkError == QNetworkReply::NoError ? MagentoFailureKind::None : MagentoFailureKind::Dropped;
    if (httpStatus == 401)
        return MagentoFailureKind::Unauthorized;
    if (httpStatus == 503 || httpStatus == 429)
        return MagentoFailureKind::Unavailable;
    if (httpStatus >= 500)
        return MagentoFailureKind::ServerError;
    if (httpStatus >= 300)
        return MagentoFailureKind::ClientError;
    // No HTTP status: the transport failed.
    if (timedOut || networkError == QNetworkReply::TimeoutError)
        return MagentoFailureKind::Timeout;
    if (networkError == QNetworkReply::NoError)
        return MagentoFailureKind::MalformedReply;
    return MagentoFailureKind::Dropped;
}

Error fromHttpReply(int httpStatus, const QByteArray &body, MagentoAuthMode authMode)
{
    QString message;
    QStringList fields;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (doc.isObject() && doc.object().value(u"message"_s).isString()) {
        const QJsonObject envelope = doc.object();
        const QJsonValue parameters = envelope.value(u"parameters"_s);
        message = substitute(envelope.value(u"message"_s).toString(), parameters);
        const QJsonObject named = parameters.toObject();
        for (auto it = named.begin(); it != named.end(); ++it) {
            if (it.key().compare(u"fieldName"_s, Qt::CaseInsensitive) == 0 || it.key() == "field"_L1)
                fields.append(valueText(it.value()));
        }
        QStringList details;
        for (const QJsonValue &e : envelope.value(u"errors"_s).toArray()) {
            const QJsonObject item = e.toObject();
            const QString text = substitute(item.value(u"message"_s).toString(), item.value(u"parameters"_s));
            if (!text.isEmpty() && text != message)
                details.append(text);
            const QJsonObject itemNamed = item.value(u"parameters"_s).toObject();
            if (itemNamed.contains(u"fieldName"_s))
                fields.append(valueText(itemNamed.value(u"fieldName"_s)));
        }
        if (!details.isEmpty())
            message += u" ("_s + details.join(u"; "_s) + u')';
        // "trace" (developer mode only) is deliberately not copied: it can be huge and reveal server paths.
    } else if (body.contains("oauth_problem=")) {
        const QUrlQuery form(QString::fromUtf8(body.trimmed()));
        message = u"OAuth problem: %1"_s.arg(form.queryItemValue(u"oauth_problem"_s, QUrl::FullyDecoded));
    } else if (body.trimmed().isEmpty()) {
        message = u"Magento replied with an empty body"_s;
    } else {
        message = u"Magento replied with an unexpected body: %1"_s.arg(shortBody(body));
    }
    if (message.isEmpty())
        message = u"Magento replied with an error"_s;

    fields.removeDuplicates();
    const QString code = codeFor(httpStatus, message);
    return Error{code, message + u" (HTTP %1)"_s.arg(httpStatus), hintFor(code, authMode), fields};
}

bool refusesSetup(const Error &error)
{
    for (const char16_t *code : {Unauthorized, TwoFactorRequired, Forbidden, NoRoute}) {
        if (error.code == QStringView(code))
            return true;
    }
    return false;
}

Error fromTransport(MagentoFailureKind kind, QNetworkReply::NetworkError networkError, const QString &detail)
{
    if (kind == MagentoFailureKind::Timeout)
        return Error{QString::fromUtf16(Timeout), u"Magento did not answer in time (%1)."_s.arg(detail),
                     u"Check that the store is up and reachable; raise the timeout for a slow store."_s, {}};
    if (networkError == QNetworkReply::OperationCanceledError)
        return Error{QString::fromUtf16(Cancelled), u"The Magento request was cancelled."_s, {}, {}};
    if (networkError == QNetworkReply::SslHandshakeFailedError)
        return Error{QString::fromUtf16(Tls), u"Secure connection to Magento failed: %1"_s.arg(detail),
                     u"Check the store's TLS certificate and the base URL (http or https)."_s, {}};
    return Error{QString::fromUtf16(Network), u"Could not talk to Magento: %1"_s.arg(detail),
                 u"Check the base URL, the network and that the store is up; reads are retried automatically."_s, {}};
}

Error noReplyWithin(const QString &host, int seconds, const QString &step)
{
    return Error{QString::fromUtf16(Timeout),
                 u"No reply from %1 within %2 s (%3)."_s.arg(host).arg(seconds).arg(step),
                 u"Check that the store is up and answers at this address; for a slow store raise the request timeout "
                 "(Orders configuration › Advanced › Request timeout; engine.request_timeout_seconds)."_s,
                 {}};
}

Error malformedReply(const QString &what)
{
    return Error{QString::fromUtf16(MalformedReply), u"Magento sent a reply OrderBridge cannot read: %1"_s.arg(what),
                 u"The reply may have been cut short; try again. If it persists, an extension may be altering "
                 "the REST output."_s, {}};
}

} // namespace OrderBridge::MagentoErrors
