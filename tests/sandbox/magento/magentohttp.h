#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPair>
#include <QString>

/// A small blocking HTTP client for the integration tests (it waits with QSignalSpy, never a nested
/// QEventLoop of its own), talking to the sandbox over real loopback sockets.
class MagentoHttp
{
public:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QJsonValue json;       // the body parsed, scalars included ("token", true, 42)
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        bool timedOut = false;
        QByteArray contentType;
    };

    explicit MagentoHttp(QString baseUrl);

    void setBearer(const QString &token) { m_bearer = token; }
    /// Signs every request with OAuth 1.0a, HMAC-SHA256 (the integration's four credentials from the `magento`
    /// object of the sandbox's ready line), as a stock store requires; a fresh nonce each time.
    void setOAuth(const QJsonObject &magentoInfo) { m_oauth = magentoInfo; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    Reply get(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    Reply post(const QString &path, const QJsonValue &body, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body,
               const QList<QPair<QByteArray, QByteArray>> &headers = {});

    [[nodiscard]] QString baseUrl() const { return m_baseUrl; }

private:
    QNetworkAccessManager m_nam;
    QString m_baseUrl;
    QString m_bearer;
    QJsonObject m_oauth;
    int m_timeoutMs = 15000;
};
