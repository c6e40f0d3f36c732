#pragma once

#include "httpexchange.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <expected>

namespace Sandbox {

/// An error as Magento's web API reports it: {"message": "... %name ...", "parameters": {...} | [...]}.
struct MagentoError
{
    int status = 400;
    QString message;
    QJsonValue parameters; // undefined: omitted

    [[nodiscard]] HttpResponse toResponse() const
    {
        QJsonObject body{{QStringLiteral("message"), message}};
        if (!parameters.isUndefined() && !parameters.isNull())
            body.insert(QStringLiteral("parameters"), parameters);
        return HttpResponse::json(status, QJsonDocument(body));
    }
};

template<typename T>
using MagentoResult = std::expected<T, MagentoError>;

inline std::unexpected<MagentoError> magentoError(int status, const QString &message,
                                                  const QJsonValue &parameters = QJsonValue(QJsonValue::Undefined))
{
    return std::unexpected(MagentoError{status, message, parameters});
}

} // namespace Sandbox
