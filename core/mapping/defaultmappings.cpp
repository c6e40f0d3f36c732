#include "defaultmappings.h"

#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

FieldMapping systemMapping(MappingEntity entity, const QString &source, const QString &target,
                           WhenMode when = WhenMode::Upsert)
{
    FieldMapping mapping;
    mapping.entity = entity;
    mapping.magentoAttribute = source;
    mapping.salesforceField = target;
    mapping.when = when;
    mapping.system = true;
    return mapping;
}

FieldMappingList numbered(FieldMappingList list)
{
    for (qsizetype i = 0; i < list.size(); ++i)
        list[i].position = int(i);
    return list;
}

FieldMappingList orderDefaults()
{
    constexpr auto order = MappingEntity::Order;
    const QString shipping = u"extension_attributes.shipping_assignments[0].shipping.address."_s;
    return numbered({
        // The upsert key: the customer-visible order number.
        systemMapping(order, u"increment_id"_s, u"Magento_ID__c"_s),
        systemMapping(order, u"created_at"_s, u"EffectiveDate"_s),
        systemMapping(order, FieldMapping::kStatusSource.toString(), u"Status"_s),
        // AccountId may only change while the order is Draft; the engine resolves both IDs.
        systemMapping(order, FieldMapping::kAccountIdSource.toString(), u"AccountId"_s),
        systemMapping(order, FieldMapping::kPricebookIdSource.toString(), u"Pricebook2Id"_s, WhenMode::InsertOnly),
        systemMapping(order, u"store_name"_s, u"Magento_Website__c"_s),
        systemMapping(order, u"billing_address.street"_s, u"BillingStreet"_s),
        systemMapping(order, u"billing_address.city"_s, u"BillingCity"_s),
        systemMapping(order, u"billing_address.region"_s, u"BillingState"_s),
        systemMapping(order, u"billing_address.postcode"_s, u"BillingPostalCode"_s),
        systemMapping(order, u"billing_address.country_id"_s, u"BillingCountry"_s),
        systemMapping(order, shipping + u"street"_s, u"ShippingStreet"_s),
        systemMapping(order, shipping + u"city"_s, u"ShippingCity"_s),
        systemMapping(order, shipping + u"region"_s, u"ShippingState"_s),
        systemMapping(order, shipping + u"postcode"_s, u"ShippingPostalCode"_s),
        systemMapping(order, shipping + u"country_id"_s, u"ShippingCountry"_s),
        // Salesforce TotalAmount only sums the order products, so Magento's totals travel in custom fields.
        systemMapping(order, u"subtotal"_s, u"Subtotal__c"_s),
        systemMapping(order, u"shipping_amount"_s, u"Shipping_Amount__c"_s),
        systemMapping(order, u"tax_amount"_s, u"Tax_Amount__c"_s),
        systemMapping(order, u"discount_amount"_s, u"Discount_Amount__c"_s),
        systemMapping(order, u"grand_total"_s, u"Grand_Total__c"_s),
    });
}

FieldMappingList orderItemDefaults()
{
    constexpr auto item = MappingEntity::OrderItem;
    return numbered({
        // item_id is the sales_order_item primary key: unique across all orders of one Magento installation.
        systemMapping(item, u"item_id"_s, u"Magento_Item_ID__c"_s),
        systemMapping(item, FieldMapping::kOrderIdSource.toString(), u"OrderId"_s, WhenMode::InsertOnly),
        systemMapping(item, FieldMapping::kPricebookEntryIdSource.toString(), u"PricebookEntryId"_s,
                      WhenMode::InsertOnly),
        systemMapping(item, u"qty_ordered"_s, u"Quantity"_s),
        systemMapping(item, u"price"_s, u"UnitPrice"_s),
        systemMapping(item, u"name"_s, u"Description"_s),
    });
}

FieldMappingList orderStatusDefaults()
{
    FieldMappingList list;
    for (const QString &status : defaultMagentoStatuses()) {
        const bool final = status == u"complete" || status == u"closed";
        list << systemMapping(MappingEntity::OrderStatus, status, final ? u"Activated"_s : u"Draft"_s);
    }
    return numbered(list);
}

} // namespace

QStringList defaultMagentoStatuses()
{
    return {u"pending"_s,        u"pending_payment"_s, u"processing"_s, u"fraud"_s,  u"payment_review"_s,
            u"holded"_s,         u"canceled"_s,        u"complete"_s,   u"closed"_s};
}

FieldMappingList defaultMappings(MappingEntity entity)
{
    switch (entity) {
    case MappingEntity::Order:
        return orderDefaults();
    case MappingEntity::OrderItem:
        return orderItemDefaults();
    case MappingEntity::OrderStatus:
        return orderStatusDefaults();
    }
    return {};
}

FieldMappingList defaultMappings()
{
    FieldMappingList all;
    for (MappingEntity entity : allMappingEntities())
        all << defaultMappings(entity);
    return all;
}

} // namespace OrderBridge
