#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Sandbox {

/// One Salesforce API error: {"message", "errorCode", "fields"} in REST and composite bodies,
/// {"statusCode", "message", "fields"} inside sObject Collections results.
struct SfError
{
    SfError() = default;
    SfError(QString errorCode, QString text, QStringList fieldNames = {})
        : code(std::move(errorCode)), message(std::move(text)), fields(std::move(fieldNames))
    {
    }

    QString code;
    QString message;
    QStringList fields;
    QJsonObject extra;  // further members of the error object, e.g. duplicateResult

    [[nodiscard]] QJsonObject toJson(bool collectionStyle = false) const
    {
        QJsonArray f;
        for (const auto &name : fields)
            f.append(name);
        QJsonObject o{{QStringLiteral("message"), message}, {QStringLiteral("fields"), f}};
        o.insert(collectionStyle ? QStringLiteral("statusCode") : QStringLiteral("errorCode"), code);
        for (auto it = extra.begin(); it != extra.end(); ++it)
            o.insert(it.key(), it.value());
        return o;
    }
    /// The top-level REST error body: a JSON array of one error.
    [[nodiscard]] QJsonArray toArray() const { return QJsonArray{toJson()}; }
};

} // namespace Sandbox
