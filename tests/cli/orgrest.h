#pragma once

// The sandbox org read through its plain REST API, the way any client would, independent of the
// product's Salesforce client: an OAuth password-grant session and GET requests with its token.

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QString>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

/// The token endpoint's answer (access_token, instance_url, ...) for the org's username-password
/// grant (`sf`: the `salesforce` object of the sandbox's ready line); empty when it did not answer
/// within 20 s.
inline QJsonObject orgSession(QNetworkAccessManager &network, const QJsonObject &sf)
{
    QNetworkRequest tokenRequest(QUrl(sf.value(QStringLiteral("login_url")).toString() + QStringLiteral("/services/oauth2/token")));
    tokenRequest.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("password"));
    for (const char *key : {"client_id", "client_secret", "username", "password"})
        form.addQueryItem(QLatin1String(key), sf.value(QLatin1String(key)).toString());
    QNetworkReply *token = network.post(tokenRequest, form.toString(QUrl::FullyEncoded).toUtf8());
    QJsonObject session;
    if (QTest::qWaitFor([token] { return token->isFinished(); }, 20000))
        session = QJsonDocument::fromJson(token->readAll()).object();
    token->deleteLater();
    return session;
}

/// GET `path` (below the instance URL, with `query`) with the session's bearer token: the JSON
/// object answered, empty when nothing came within 20 s.
inline QJsonObject orgGet(QNetworkAccessManager &network, const QJsonObject &session, const QString &path,
                          const QUrlQuery &query = {})
{
    QUrl url(session.value(QStringLiteral("instance_url")).toString() + path);
    if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest get(url);
    get.setRawHeader("Authorization", "Bearer " + session.value(QStringLiteral("access_token")).toString().toUtf8());
    QNetworkReply *reply = network.get(get);
    QJsonObject answer;
    if (QTest::qWaitFor([reply] { return reply->isFinished(); }, 20000))
        answer = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return answer;
}

/// PATCH `path` (below the instance URL) with a JSON body and the session's bearer token: the HTTP
/// status answered, 0 when nothing came within 20 s.
inline int orgPatch(QNetworkAccessManager &network, const QJsonObject &session, const QString &path, const QJsonObject &body)
{
    QNetworkRequest patch(QUrl(session.value(QStringLiteral("instance_url")).toString() + path));
    patch.setRawHeader("Authorization", "Bearer " + session.value(QStringLiteral("access_token")).toString().toUtf8());
    patch.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = network.sendCustomRequest(patch, "PATCH", QJsonDocument(body).toJson(QJsonDocument::Compact));
    int status = 0;
    if (QTest::qWaitFor([reply] { return reply->isFinished(); }, 20000))
        status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}
