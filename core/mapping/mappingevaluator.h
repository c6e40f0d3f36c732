#pragma once

#include "common/error.h"
#include "mapping/fieldmapping.h"
#include "mapping/mappingevaluation.h"
#include "salesforce/salesforcefieldinfo.h"

#include <QJsonObject>

namespace OrderBridge {

/// Turns a Magento order into Salesforce field values through a mapping set. Pure functions, no I/O.
///
/// Only enabled mappings of the requested entity take part, and only those whose When applies to the
/// operation (Insert Only on insert, Update Only on update). A missing or empty Magento value falls back
/// to the mapping's default; with no default the field is left out (never sent as null). Fields the
/// describe marks not createable (insert) or not updateable (update) are skipped and listed.
/// Problems are reported per field in MappingEvaluation::errors; nothing throws.
///
/// Status: the `@status` source maps the order's Magento `status` through the Order Status mappings of
/// the same list. Salesforce requires a Draft-category status on insert; the sync engine decides the
/// Draft-then-activate sequence, this evaluator only returns the mapped value.
class MappingEvaluator
{
public:
    /// Evaluates the Order mappings in `mappings` on a whole Magento order.
    [[nodiscard]] static MappingEvaluation evaluateOrder(const QJsonObject &order, const FieldMappingList &mappings,
                                                         const SalesforceFieldMap &orderFields, WriteOperation operation,
                                                         const EvaluationContext &context = {});

    /// Evaluates the Order Product mappings on one element of the order's `items` (paths relative to the item).
    /// The engine chooses the lines to sync (lines without parent_item_id).
    [[nodiscard]] static MappingEvaluation evaluateItem(const QJsonObject &item, const FieldMappingList &mappings,
                                                        const SalesforceFieldMap &itemFields, WriteOperation operation,
                                                        const EvaluationContext &context = {});

    /// The Salesforce Order Status for a Magento status, through the enabled Order Status mappings.
    /// Error "mapping.status_unmapped" when there is none.
    [[nodiscard]] static Result<QString> salesforceStatus(const QString &magentoStatus, const FieldMappingList &mappings);

    /// Generic form of evaluateOrder/evaluateItem for the given entity (Order or OrderItem).
    [[nodiscard]] static MappingEvaluation evaluate(MappingEntity entity, const QJsonObject &source,
                                                    const FieldMappingList &mappings, const SalesforceFieldMap &fields,
                                                    WriteOperation operation, const EvaluationContext &context = {});
};

} // namespace OrderBridge
