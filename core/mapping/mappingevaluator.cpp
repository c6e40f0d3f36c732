#include "mappingevaluator.h"

#include "mapping/magentopath.h"
#include "mapping/valueconverter.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

MappingEvaluation MappingEvaluator::evaluateOrder(const QJsonObject &order, const FieldMappingList &mappings,
                                                  const SalesforceFieldMap &orderFields, WriteOperation operation,
                                                  const EvaluationContext &context)
{
    return evaluate(MappingEntity::Order, order, mappings, orderFields, operation, context);
}

MappingEvaluation MappingEvaluator::evaluateItem(const QJsonObject &item, const FieldMappingList &mappings,
                                                 const SalesforceFieldMap &itemFields, WriteOperation operation,
                                                 const EvaluationContext &context)
{
    return evaluate(MappingEntity::OrderItem, item, mappings, itemFields, operation, context);
}

Result<QString> MappingEvaluator::salesforceStatus(const QString &magentoStatus, const FieldMappingList &mappings)
{
    bool disabled = false;
    for (const FieldMapping &mapping : mappings) {
        if (mapping.entity != MappingEntity::OrderStatus || mapping.magentoAttribute != magentoStatus)
            continue;
        if (mapping.enabled)
            return mapping.salesforceField;
        disabled = true;
    }
    if (disabled) {
        return fail(ErrorKind::Invalid, u"mapping.status_unmapped"_s,
                    u"The Order Status mapping for the Magento status \"%1\" is disabled."_s.arg(magentoStatus),
                    u"Enable it, or map \"%1\" to a Salesforce Order Status."_s.arg(magentoStatus));
    }
    return fail(ErrorKind::Invalid, u"mapping.status_unmapped"_s,
                u"No Order Status mapping for the Magento status \"%1\"."_s.arg(magentoStatus),
                u"Add an Order Status mapping from \"%1\" to a Salesforce Order Status (e.g. Draft)."_s.arg(magentoStatus));
}

namespace {

void addProblem(QList<FieldProblem> &list, const FieldMapping &mapping, const QString &field, const QString &message)
{
    list.append(FieldProblem{field, mapping.magentoAttribute, message});
}

/// What a mapping's source gives: a value, an error naming the problem, or an engine ID not known yet.
struct SourceRead
{
    QJsonValue value;
    QString error;
    bool unresolved = false;
};

SourceRead readStatusSource(const QJsonObject &source, const FieldMappingList &mappings)
{
    const QString status = source.value(u"status"_s).toString();
    if (status.isEmpty())
        return {};
    Result<QString> mapped = MappingEvaluator::salesforceStatus(status, mappings);
    if (!mapped)
        return {{}, mapped.error().toString()};
    return {*mapped, {}};
}

SourceRead readEngineSource(const FieldMapping &mapping, const EvaluationContext &context)
{
    static const QStringList engineSources{
        FieldMapping::kAccountIdSource.toString(), FieldMapping::kPricebookIdSource.toString(),
        FieldMapping::kOrderIdSource.toString(), FieldMapping::kPricebookEntryIdSource.toString()};
    if (!engineSources.contains(mapping.magentoAttribute))
        return {{}, u"Unknown special source %1. Use a Magento attribute path instead."_s.arg(mapping.magentoAttribute)};
    const auto it = context.constFind(mapping.magentoAttribute);
    if (it == context.cend() || it->isEmpty())
        return {{}, {}, true};
    return {*it, {}};
}

SourceRead readPathSource(const FieldMapping &mapping, const QJsonObject &source)
{
    Result<MagentoPath> path = MagentoPath::parse(mapping.magentoAttribute);
    if (!path)
        return {{}, path.error().toString()};
    Result<QJsonValue> value = path->evaluate(source);
    if (!value)
        return {{}, value.error().toString()};
    return {*value, {}};
}

SourceRead readSource(const FieldMapping &mapping, const QJsonObject &source, const FieldMappingList &mappings,
                      const EvaluationContext &context)
{
    if (mapping.magentoAttribute == FieldMapping::kStatusSource)
        return readStatusSource(source, mappings);
    if (mapping.hasSpecialSource())
        return readEngineSource(mapping, context);
    return readPathSource(mapping, source);
}

} // namespace

MappingEvaluation MappingEvaluator::evaluate(MappingEntity entity, const QJsonObject &source,
                                             const FieldMappingList &mappings, const SalesforceFieldMap &fields,
                                             WriteOperation operation, const EvaluationContext &context)
{
    MappingEvaluation result;
    const QString objectName = mappingEntitySalesforceObject(entity);
    for (const FieldMapping &mapping : mappings) {
        if (mapping.entity != entity || !mapping.enabled || !whenModeApplies(mapping.when, operation))
            continue;
        const SalesforceFieldInfo *info = findSalesforceField(fields, mapping.salesforceField);
        if (!info) {
            addProblem(result.errors, mapping, mapping.salesforceField,
                       u"The Salesforce field %1 does not exist on %2. Fix or remove the mapping."_s.arg(mapping.salesforceField,
                                                                                                       objectName));
            continue;
        }
        const QString field = info->name;
        if (operation == WriteOperation::Insert && !info->createable) {
            addProblem(result.skipped, mapping, field, u"%1 is not createable; left out of the insert."_s.arg(field));
            continue;
        }
        if (operation == WriteOperation::Update && !info->updateable) {
            addProblem(result.skipped, mapping, field, u"%1 is not updateable; left out of the update."_s.arg(field));
            continue;
        }
        if (result.values.contains(field)) {
            addProblem(result.errors, mapping, field,
                       u"%1 is written by more than one enabled mapping; only the first one was used."_s.arg(field));
            continue;
        }

        const SourceRead read = readSource(mapping, source, mappings, context);
        if (!read.error.isEmpty()) {
            addProblem(result.errors, mapping, field, read.error);
            continue;
        }
        if (read.unresolved) {
            result.unresolved << field;
            continue;
        }
        QJsonValue raw = read.value;
        if (ValueConverter::isEmpty(raw)) {
            // Empty values are never sent, so an empty Magento attribute does not wipe data in Salesforce.
            if (mapping.defaultValue.isEmpty())
                continue;
            raw = mapping.defaultValue;
        }
        Result<ValueConverter::Converted> converted = ValueConverter::convert(raw, *info);
        if (!converted) {
            addProblem(result.errors, mapping, field, converted.error().toString());
            continue;
        }
        result.values.insert(field, converted->value);
        if (converted->truncatedFrom)
            result.truncations.append(TruncationNotice{field, *converted->truncatedFrom, info->length});
    }
    return result;
}

} // namespace OrderBridge
