#include "magentohttp.h"

#include "oauthtestsigner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDateTime>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

MagentoHttp::MagentoHttp(QString baseUrl)
    : m_baseUrl(std::move(baseUrl))
{
}

MagentoHttp::Reply MagentoHttp::get(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return send("GET", path, {}, headers);
}

MagentoHttp::Reply MagentoHttp::post(const QString &path, const QJsonValue &body,
                                     const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray bytes;
    if (body.isObject())
        bytes = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        bytes = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    return send("POST", path, bytes, headers);
}

MagentoHttp::Reply MagentoHttp::send(const QByteArray &method, const QString &path, const QByteArray &body,
                                     const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(QUrl::fromEncoded((m_baseUrl + path).toUtf8()));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(m_timeoutMs);
    if (!m_bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_bearer.toUtf8());
    if (!m_oauth.isEmpty()) {
        static int nonces = 0;
        const auto secret = [this](const char *key) { return m_oauth.value(QLatin1String(key)).toString().toUtf8(); };
        const QByteArray nonce = "t" + QByteArray::number(++nonces) + '-' + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        request.setRawHeader("Authorization",
                             OAuthTestSigner::authorization(method, request.url(), secret("consumer_key"),
                                                            secret("consumer_secret"), secret("access_token"),
                                                            secret("access_token_secret"), nonce,
                                                            QDateTime::currentSecsSinceEpoch(), false));
    }
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(m_timeoutMs + 5000);
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.error = reply->error();
    r.timedOut = reply->error() == QNetworkReply::OperationCanceledError || !reply->isFinished();
    r.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + r.body + ']');
    if (wrapped.isArray() && wrapped.array().size() == 1)
        r.json = wrapped.array().at(0);
    reply->deleteLater();
    return r;
}
