#include "recordwrite.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

RecordWrite RecordWrite::create(const QString &object, const QJsonObject &fields, const QString &referenceId)
{
    RecordWrite w;
    w.object = object;
    w.operation = Operation::Create;
    w.fields = fields;
    w.referenceId = referenceId;
    return w;
}

RecordWrite RecordWrite::update(const QString &object, const QString &id, const QJsonObject &fields,
                                const QString &referenceId)
{
    RecordWrite w;
    w.object = object;
    w.operation = Operation::Update;
    w.recordId = id;
    w.fields = fields;
    w.referenceId = referenceId;
    return w;
}

RecordWrite RecordWrite::upsert(const QString &object, const QString &externalIdField, const QString &externalId,
                                const QJsonObject &fields, const QString &referenceId)
{
    RecordWrite w;
    w.object = object;
    w.operation = Operation::Upsert;
    w.externalIdField = externalIdField;
    w.externalId = externalId;
    w.fields = fields;
    w.referenceId = referenceId;
    return w;
}

QString RecordWrite::operationName(Operation operation)
{
    switch (operation) {
    case Operation::Create:
        return u"create"_s;
    case Operation::Update:
        return u"update"_s;
    case Operation::Upsert:
        return u"upsert"_s;
    }
    return {};
}

} // namespace OrderBridge
