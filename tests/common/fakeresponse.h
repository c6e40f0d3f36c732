#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QPair>

/// What a FakeNetwork answers to one request: an HTTP status with body and headers, or (status 0
/// with an error) a transport failure.
struct FakeResponse
{
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    /// A JSON (or any) body with a status.
    static FakeResponse json(QByteArray body, int status = 200) { return {status, std::move(body), {}, QNetworkReply::NoError}; }
    /// The connection closed before any answer.
    static FakeResponse dropped() { return transportError(QNetworkReply::RemoteHostClosedError); }
    /// No HTTP answer at all, only a network error.
    static FakeResponse transportError(QNetworkReply::NetworkError error) { return {0, {}, {}, error}; }
};
