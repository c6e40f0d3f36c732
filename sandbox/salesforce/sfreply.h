#pragma once

#include "sferror.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

namespace Sandbox {

/// A REST API answer before it is written: composite subrequests use it as it is, the server serializes it.
struct SfReply
{
    int status = 200;
    QJsonValue body = QJsonValue::Undefined;   // Undefined: no body (204)
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray rawBody;                          // non-JSON bodies (blob fields)
    QByteArray rawContentType;
    QString route;                               // for the statistics: "GET sobjects/{type}/{id}"

    static SfReply json(int status, QJsonValue body)
    {
        SfReply r;
        r.status = status;
        r.body = std::move(body);
        return r;
    }
    static SfReply error(int status, const SfError &e) { return json(status, e.toArray()); }
    static SfReply error(int status, const QString &code, const QString &message)
    {
        return error(status, SfError{code, message, {}});
    }
};

} // namespace Sandbox
