#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QPair>
#include <QString>
#include <QUrl>

/// One request a FakeNetwork received, as a test inspects it.
struct FakeRequest
{
    QByteArray verb; ///< GET, POST, PATCH, ...
    QUrl url;
    QList<QPair<QString, QString>> query; ///< the URL's query items, fully decoded
    QByteArray body;
    QByteArray authorization; ///< the Authorization header
    QByteArray contentType;
    QNetworkRequest request; ///< everything else (headers, attributes)
};
