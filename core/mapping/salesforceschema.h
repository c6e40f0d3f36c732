#pragma once

#include "mapping/mappingentity.h"
#include "mapping/salesforcefieldinfo.h"

namespace OrderBridge {

/// The Salesforce fields mappings are checked and converted against: Order and OrderItem.
/// Order Status mappings are checked against the picklist values of Order.Status.
struct SalesforceSchema
{
    SalesforceFieldMap order;
    SalesforceFieldMap orderItem;

    /// Order's fields for Order and OrderStatus, OrderItem's for OrderItem.
    [[nodiscard]] const SalesforceFieldMap &fieldsFor(MappingEntity entity) const;
    /// Known values of Order.Status (empty when unknown).
    [[nodiscard]] QStringList orderStatusValues() const;
};

} // namespace OrderBridge
