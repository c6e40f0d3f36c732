#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

namespace Sandbox {

/// Writes JSON objects with their keys in a chosen order. QJsonObject sorts keys; Salesforce writes
/// "attributes" first and then the fields in describe order, and SaveResults as id, success, errors.
class SfJson
{
public:
    using Members = QList<QPair<QString, QJsonValue>>;

    /// {"k1":v1,"k2":v2,...} in the given order.
    [[nodiscard]] static QByteArray object(const Members &members);
    /// Appends one value.
    static void appendValue(QByteArray &out, const QJsonValue &value);
    /// Appends a quoted, escaped string.
    static void appendString(QByteArray &out, const QString &text);
};

} // namespace Sandbox
