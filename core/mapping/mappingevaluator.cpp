#include "mappingevaluator.h"

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
    Q_UNUSED(mappings);
    return fail(u"mapping.status_unmapped"_s, u"No Order Status mapping for \"%1\"."_s.arg(magentoStatus));
}

MappingEvaluation MappingEvaluator::evaluate(MappingEntity entity, const QJsonObject &source,
                                             const FieldMappingList &mappings, const SalesforceFieldMap &fields,
                                             WriteOperation operation, const EvaluationContext &context)
{
    Q_UNUSED(entity);
    Q_UNUSED(source);
    Q_UNUSED(mappings);
    Q_UNUSED(fields);
    Q_UNUSED(operation);
    Q_UNUSED(context);
    return {};
}

} // namespace OrderBridge
