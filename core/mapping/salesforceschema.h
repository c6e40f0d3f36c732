#pragma once

#include "mapping/mappingentity.h"
#include "salesforce/salesforcefieldinfo.h"

namespace OrderBridge {

struct SObjectDescribe;

/// The Salesforce fields mappings are checked and converted against: Order and OrderItem.
/// Order Status mappings are checked against the picklist values of Order.Status.
struct SalesforceSchema
{
    SalesforceFieldMap order;
    SalesforceFieldMap orderItem;

    /// Order's fields for Order and OrderStatus, OrderItem's for OrderItem.
    [[nodiscard]] const SalesforceFieldMap &fieldsFor(MappingEntity entity) const;
    /// Active values of Order.Status (empty when unknown).
    [[nodiscard]] QStringList orderStatusValues() const;
    /// Lays a live describe of Order or OrderItem over the fields known so far (a described field
    /// replaces the catalogue's entry of the same name); false, and nothing changed, for other objects.
    bool overlay(const SObjectDescribe &describe);
};

} // namespace OrderBridge
