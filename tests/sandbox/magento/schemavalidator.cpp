#include "schemavalidator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

using namespace Qt::Literals::StringLiterals;

SchemaValidator::SchemaValidator() = default;
SchemaValidator::~SchemaValidator() = default;

QString SchemaValidator::defaultDocumentPath()
{
    return qEnvironmentVariable("ORDERBRIDGE_SOURCE_DIR") + u"/tests/data/magento/admin-openapi-2.4.8.json"_s;
}

bool SchemaValidator::load(const QString &openApiFile)
{
    QFile file(openApiFile);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = u"cannot read %1: %2"_s.arg(openApiFile, file.errorString());
        return false;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    m_definitions = doc.object().value(u"definitions"_s).toObject();
    if (m_definitions.isEmpty()) {
        m_error = u"%1 has no definitions"_s.arg(openApiFile);
        return false;
    }
    applyWireDeviations(m_definitions);
    return true;
}

void SchemaValidator::applyWireDeviations(QJsonObject &definitions)
{
    // 1. "parameters" of an error: the document says an array of {fieldName, fieldValue, resources}
    //    objects; Magento sends a named object ({"resources": ...}) or positional strings (["1"]).
    const QJsonObject parameters = definitions.value(u"error-parameters"_s).toObject();
    definitions.insert(u"error-parameters"_s, QJsonObject{{u"anyOf"_s, QJsonArray{
        parameters,
        QJsonObject{{u"$ref"_s, u"#/definitions/error-parameters-item"_s}},
        QJsonObject{{u"type"_s, u"array"_s}, {u"items"_s, QJsonObject{{u"type"_s, u"string"_s}}}}}}});

    //    Named values keep their PHP type: {"fieldName": "customerId", "fieldValue": 5}.
    QJsonObject item = definitions.value(u"error-parameters-item"_s).toObject();
    QJsonObject itemProps = item.value(u"properties"_s).toObject();
    itemProps.insert(u"fieldValue"_s, QJsonObject{{u"type"_s, QJsonArray{u"string"_s, u"integer"_s}}});
    item.insert(u"properties"_s, itemProps);
    definitions.insert(u"error-parameters-item"_s, item);

    // 2. Required properties Magento sends as null.
    const QList<QPair<QString, QString>> nullable{
        {u"sales-data-order-payment-interface"_s, u"account_status"_s},
        {u"sales-data-order-payment-interface"_s, u"cc_last4"_s},
        {u"sales-data-shipment-track-interface"_s, u"weight"_s},
        {u"sales-data-shipment-track-interface"_s, u"qty"_s},
        {u"sales-data-shipment-track-interface"_s, u"description"_s},
        {u"quote-data-totals-interface"_s, u"weee_tax_applied_amount"_s},
        {u"quote-data-totals-item-interface"_s, u"weee_tax_applied_amount"_s},
        {u"quote-data-totals-item-interface"_s, u"weee_tax_applied"_s},
        {u"customer-data-region-interface"_s, u"region"_s},      // addresses in countries without regions
        {u"customer-data-region-interface"_s, u"region_code"_s},
    };
    for (const auto &[definition, property] : nullable) {
        QJsonObject def = definitions.value(definition).toObject();
        QJsonObject props = def.value(u"properties"_s).toObject();
        const QJsonObject original = props.value(property).toObject();
        props.insert(property, QJsonObject{{u"anyOf"_s, QJsonArray{original, QJsonObject{{u"type"_s, u"null"_s}}}}});
        def.insert(u"properties"_s, props);
        definitions.insert(definition, def);
    }
}

QStringList SchemaValidator::validate(const QJsonValue &value, const QString &definition)
{
    if (!m_definitions.contains(definition))
        return {u"no definition named %1 in the document"_s.arg(definition)};
    std::shared_ptr<valijson::Schema> schema = m_schemas.value(definition);
    if (!schema) {
        schema = std::make_shared<valijson::Schema>();
        const QString ref = u"#/definitions/"_s + definition;
        const QJsonObject root{{u"$ref"_s, ref}, {u"definitions"_s, m_definitions}};
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft4);
        const valijson::adapters::QtJsonAdapter rootAdapter{QJsonValue(root)};
        parser.populateSchema(rootAdapter, *schema);
        m_schemas.insert(definition, schema);
    }
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::ValidationResults results;
    const valijson::adapters::QtJsonAdapter target(value);
    QStringList errors;
    if (!validator.validate(*schema, target, &results)) {
        valijson::ValidationResults::Error error;
        while (results.popError(error)) {
            QString where;
            for (const auto &part : error.context)
                where += QString::fromStdString(part);
            errors.append(where + u": "_s + QString::fromStdString(error.description));
        }
        if (errors.isEmpty())
            errors.append(u"invalid against %1"_s.arg(definition));
    }
    return errors;
}
