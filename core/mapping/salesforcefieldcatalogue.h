#pragma once

#include "salesforce/salesforcefieldinfo.h"
#include "mapping/salesforceschema.h"

namespace OrderBridge {

/// Built-in descriptions of the standard fields of Order, OrderItem, Account and Contact (lengths from
/// the Salesforce object reference) plus the integration's custom fields, used until a live describe
/// of the connected org is available.
class SalesforceFieldCatalogue
{
public:
    [[nodiscard]] static SalesforceFieldMap order();
    [[nodiscard]] static SalesforceFieldMap orderItem();
    [[nodiscard]] static SalesforceFieldMap account();
    [[nodiscard]] static SalesforceFieldMap contact();
    /// Order + OrderItem as a schema for validation and evaluation.
    [[nodiscard]] static SalesforceSchema schema();
};

} // namespace OrderBridge
