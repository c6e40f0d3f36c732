#pragma once

#include "mapping/fieldmapping.h"

namespace OrderBridge {

/// The built-in system mappings (following the seed's defaults), with positions set.
///
/// Order: Magento_ID__c <- increment_id (the upsert external ID), EffectiveDate <- created_at,
/// Status <- @status (the Order Status mapping), AccountId <- @account_id and Pricebook2Id <- @pricebook2_id
/// (both resolved by the sync engine), billing and shipping address fields, totals custom fields,
/// Magento_Website__c <- store_name.
/// Order Product: Magento_Item_ID__c <- item_id (Magento's sales_order_item primary key, unique across all
/// orders of one Magento installation), Quantity <- qty_ordered, UnitPrice <- price, Description <- name,
/// OrderId <- @order_id and PricebookEntryId <- @pricebook_entry_id (insert only; resolved by the engine).
/// Order Status: every default Magento status -> "Draft", except complete and closed -> "Activated".
[[nodiscard]] FieldMappingList defaultMappings();
/// The default mappings of one entity.
[[nodiscard]] FieldMappingList defaultMappings(MappingEntity entity);
/// The Magento 2 default order statuses (InstallOrderStatuses data patch).
[[nodiscard]] QStringList defaultMagentoStatuses();

} // namespace OrderBridge
