#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>

namespace valijson {
class Schema;
}

/// Validates JSON values against the definitions of Adobe's official Magento OpenAPI document
/// (Swagger 2.0, whose definitions are JSON Schema draft 4) with valijson.
///
/// Swagger 2.0 cannot say "null" or "object or array", yet Magento sends both on the wire; the few
/// places where it does are widened explicitly in wireDeviations() and nowhere else.
class SchemaValidator
{
public:
    SchemaValidator();
    ~SchemaValidator();

    /// Loads the document; false with errorString() when it is missing or unreadable.
    bool load(const QString &openApiFile);
    [[nodiscard]] QString errorString() const { return m_error; }

    /// Errors of `value` against "#/definitions/<definition>"; empty when it is valid.
    QStringList validate(const QJsonValue &value, const QString &definition);

    /// Adobe's document as vendored under tests/data/magento (Apache-2.0, licence beside it).
    static QString defaultDocumentPath();

private:
    static void applyWireDeviations(QJsonObject &definitions);

    QJsonObject m_definitions;
    QMap<QString, std::shared_ptr<valijson::Schema>> m_schemas;
    QString m_error;
};
