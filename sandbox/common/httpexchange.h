#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace Sandbox {

/// One HTTP request as the emulators see it: a plain value, so handlers are testable without sockets.
struct HttpRequest
{
    QByteArray method;             // "GET", "POST", "PATCH", ...
    QString path;                  // decoded path, e.g. "/rest/V1/orders"
    QUrlQuery query;               // raw query (keys and values still percent-encoded)
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray rawPathAndQuery;    // as sent on the request line, for signature checks

    /// Case-insensitive header lookup; empty when absent.
    [[nodiscard]] QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

/// One HTTP response. `routeKey` names the route for the statistics ("GET /V1/orders").
struct HttpResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json; charset=utf-8";
    QList<QPair<QByteArray, QByteArray>> headers;
    QString routeKey;

    static HttpResponse json(int status, const QJsonDocument &doc)
    {
        HttpResponse r;
        r.status = status;
        r.body = doc.toJson(QJsonDocument::Compact);
        return r;
    }
    static HttpResponse raw(int status, QByteArray body, QByteArray contentType)
    {
        HttpResponse r;
        r.status = status;
        r.body = std::move(body);
        r.contentType = std::move(contentType);
        return r;
    }
};

} // namespace Sandbox
