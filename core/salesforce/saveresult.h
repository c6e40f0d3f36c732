#pragma once

#include "salesforceerror.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace OrderBridge {

/// The outcome of writing one record (sObject create/upsert, a collection entry, a graph node).
struct SaveResult
{
    QString id;
    bool success = false;
    bool created = false;
    QList<SalesforceError> errors;

    /// One save result object ({id, success, errors, created}); errors may use statusCode or errorCode.
    [[nodiscard]] static SaveResult fromJson(const QJsonObject &json, int httpStatus);
    /// A collections reply: an array of save results, one per record in request order. Fails when
    /// the reply is not such an array or its length differs from `expected`.
    [[nodiscard]] static SalesforceResult<QList<SaveResult>> fromCollection(const QJsonArray &json, qsizetype expected,
                                                                           int httpStatus);
    /// A failed result carrying `error` (for records a failed call never wrote).
    [[nodiscard]] static SaveResult failed(const SalesforceError &error);
};

} // namespace OrderBridge
