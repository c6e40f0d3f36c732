#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>

class SandboxProcess;

/// A small blocking HTTP client for the Salesforce org integration tests (waits with QSignalSpy), speaking to
/// the sandbox over real loopback sockets. Redirects are not followed, so the OAuth redirect can be checked.
class SfHttp
{
public:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QJsonValue json;
        QList<QPair<QByteArray, QByteArray>> headers;

        [[nodiscard]] QByteArray header(const QByteArray &name) const;
        [[nodiscard]] QJsonObject object() const { return json.toObject(); }
        [[nodiscard]] QJsonArray array() const { return json.toArray(); }
        /// errorCode of the first error of a REST error array.
        [[nodiscard]] QString errorCode() const { return json.toArray().at(0).toObject().value(QStringLiteral("errorCode")).toString(); }
        [[nodiscard]] QString errorMessage() const { return json.toArray().at(0).toObject().value(QStringLiteral("message")).toString(); }
    };

    explicit SfHttp(QString baseUrl);

    void setToken(const QString &token) { m_token = token; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    [[nodiscard]] QString token() const { return m_token; }
    [[nodiscard]] QString baseUrl() const { return m_baseUrl; }

    /// Password flow with the credentials of the ready line; sets the token. Empty string on success.
    QString login(const QJsonObject &salesforceReady);

    Reply get(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    Reply post(const QString &path, const QJsonValue &body);
    Reply patch(const QString &path, const QJsonValue &body);
    Reply del(const QString &path);
    Reply form(const QString &path, const QList<QPair<QString, QString>> &fields);
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body,
               const QList<QPair<QByteArray, QByteArray>> &headers = {}, bool withToken = true);

    /// "/services/data/v62.0/" + rest
    static QString data(const QString &rest);

private:
    QNetworkAccessManager m_nam;
    QString m_baseUrl;
    QString m_token;
    int m_timeoutMs = 30000;
};
