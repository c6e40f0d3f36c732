#include "sfhttp.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

QByteArray SfHttp::Reply::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

SfHttp::SfHttp(QString baseUrl)
    : m_baseUrl(std::move(baseUrl))
{
}

QString SfHttp::data(const QString &rest)
{
    return u"/services/data/v62.0/"_s + rest;
}

QString SfHttp::login(const QJsonObject &ready)
{
    const Reply r = form(u"/services/oauth2/token"_s, {{u"grant_type"_s, u"password"_s},
                                                       {u"client_id"_s, ready.value(u"client_id"_s).toString()},
                                                       {u"client_secret"_s, ready.value(u"client_secret"_s).toString()},
                                                       {u"username"_s, ready.value(u"username"_s).toString()},
                                                       {u"password"_s, ready.value(u"password"_s).toString()}});
    if (r.status != 200)
        return QString::fromUtf8(r.body);
    m_token = r.object().value(u"access_token"_s).toString();
    return {};
}

SfHttp::Reply SfHttp::get(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return send("GET", path, {}, headers);
}

static QByteArray toBytes(const QJsonValue &body)
{
    if (body.isObject())
        return QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    if (body.isArray())
        return QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    return {};
}

SfHttp::Reply SfHttp::post(const QString &path, const QJsonValue &body)
{
    return send("POST", path, toBytes(body), {{"Content-Type", "application/json"}});
}

SfHttp::Reply SfHttp::patch(const QString &path, const QJsonValue &body)
{
    return send("PATCH", path, toBytes(body), {{"Content-Type", "application/json"}});
}

SfHttp::Reply SfHttp::del(const QString &path)
{
    return send("DELETE", path, {});
}

SfHttp::Reply SfHttp::form(const QString &path, const QList<QPair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &f : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(f.first) + '=' + QUrl::toPercentEncoding(f.second);
    }
    return send("POST", path, body, {{"Content-Type", "application/x-www-form-urlencoded"}}, false);
}

SfHttp::Reply SfHttp::send(const QByteArray &method, const QString &path, const QByteArray &body,
                           const QList<QPair<QByteArray, QByteArray>> &headers, bool withToken)
{
    QNetworkRequest request(QUrl::fromEncoded((m_baseUrl + path).toUtf8()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);
    if (withToken && !m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(m_timeoutMs + 5000);
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.headers = reply->rawHeaderPairs();
    const QJsonDocument doc = QJsonDocument::fromJson(r.body);
    r.json = doc.isArray() ? QJsonValue(doc.array()) : doc.isObject() ? QJsonValue(doc.object()) : QJsonValue();
    reply->deleteLater();
    return r;
}
