#include "mapping/magentoattributecatalogue.h"

#include "mapping/defaultmappings.h"
#include "mapping/fieldmapping.h"
#include "mapping/magentopath.h"
#include "mapping/valueconverter.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace {

// The shape of GET /rest/V1/orders/{id} as orderbridge-sandbox (and Magento 2.4) answers it, one item.
constexpr char kSampleOrder[] = R"({
 "entity_id": 1, "increment_id": "000000001", "state": "new", "status": "pending", "protect_code": "a1b2c3",
 "created_at": "2026-01-05 10:00:00", "updated_at": "2026-01-05 10:00:00", "store_id": 1,
 "store_name": "Main Website\nMain Website Store\nDefault Store View",
 "customer_id": 1, "customer_email": "jane@example.com", "customer_firstname": "Jane", "customer_lastname": "Doe",
 "customer_group_id": 1, "customer_is_guest": 0, "customer_note_notify": 1, "email_sent": 1, "quote_id": 1,
 "remote_ip": "127.0.0.1", "coupon_code": "SAVE10", "discount_description": "SAVE10", "applied_rule_ids": "1",
 "base_currency_code": "USD", "global_currency_code": "USD", "order_currency_code": "USD", "store_currency_code": "USD",
 "base_to_global_rate": 1, "base_to_order_rate": 1, "store_to_base_rate": 0, "store_to_order_rate": 0,
 "subtotal": 10, "base_subtotal": 10, "subtotal_incl_tax": 10, "base_subtotal_incl_tax": 10,
 "discount_amount": 0, "base_discount_amount": 0, "shipping_amount": 5, "base_shipping_amount": 5,
 "shipping_incl_tax": 5, "base_shipping_incl_tax": 5, "shipping_tax_amount": 0, "base_shipping_tax_amount": 0,
 "shipping_discount_amount": 0, "base_shipping_discount_amount": 0, "shipping_description": "Flat Rate - Fixed",
 "tax_amount": 0, "base_tax_amount": 0, "discount_tax_compensation_amount": 0,
 "base_discount_tax_compensation_amount": 0, "grand_total": 15, "base_grand_total": 15, "total_due": 15,
 "base_total_due": 15, "total_paid": 0, "base_total_paid": 0, "total_invoiced": 0, "total_refunded": 0,
 "total_qty_ordered": 1, "total_item_count": 1, "weight": 1, "is_virtual": 0, "billing_address_id": 2,
 "billing_address": {"address_type": "billing", "entity_id": 2, "parent_id": 1, "firstname": "Jane",
   "lastname": "Doe", "email": "jane@example.com", "street": ["1 Main St"], "city": "Austin", "region": "Texas",
   "region_code": "TX", "region_id": 57, "postcode": "78701", "country_id": "US", "telephone": "5550100",
   "company": "", "customer_id": 1, "customer_address_id": 1},
 "payment": {"method": "checkmo", "amount_ordered": 15, "base_amount_ordered": 15, "amount_paid": 0,
   "shipping_amount": 5, "base_shipping_amount": 5, "additional_information": ["Check / Money order"],
   "entity_id": 1, "parent_id": 1},
 "status_histories": [{"comment": "", "created_at": "2026-01-05 10:00:00", "entity_id": 1,
   "entity_name": "order", "is_customer_notified": 0, "is_visible_on_front": 0, "parent_id": 1,
   "status": "pending"}],
 "extension_attributes": {
   "shipping_assignments": [{"shipping": {
       "address": {"address_type": "shipping", "entity_id": 1, "parent_id": 1, "firstname": "Jane",
         "lastname": "Doe", "email": "jane@example.com", "street": ["1 Main St"], "city": "Austin",
         "region": "Texas", "region_code": "TX", "region_id": 57, "postcode": "78701", "country_id": "US",
         "telephone": "5550100", "company": ""},
       "method": "flatrate_flatrate",
       "total": {"shipping_amount": 5, "base_shipping_amount": 5, "shipping_incl_tax": 5,
         "shipping_tax_amount": 0, "shipping_discount_amount": 0}},
     "items": []}],
   "payment_additional_info": [{"key": "method_title", "value": "Check / Money order"}],
   "converting_from_quote": true},
 "items": [{"item_id": 100, "order_id": 1, "quote_item_id": 100, "product_id": 1, "product_type": "simple",
   "sku": "24-MB01", "name": "Joust Duffle Bag", "store_id": 1, "created_at": "2026-01-05 10:00:00",
   "updated_at": "2026-01-05 10:00:00", "qty_ordered": 1, "qty_invoiced": 0, "qty_shipped": 0,
   "qty_canceled": 0, "qty_refunded": 0, "price": 10, "base_price": 10, "original_price": 10,
   "base_original_price": 10, "price_incl_tax": 10, "base_price_incl_tax": 10, "row_total": 10,
   "base_row_total": 10, "row_total_incl_tax": 10, "base_row_total_incl_tax": 10, "tax_amount": 0,
   "base_tax_amount": 0, "tax_percent": 0, "tax_invoiced": 0, "base_tax_invoiced": 0, "discount_amount": 0,
   "base_discount_amount": 0, "discount_percent": 0, "discount_invoiced": 0, "base_discount_invoiced": 0,
   "amount_refunded": 0, "base_amount_refunded": 0, "row_invoiced": 0, "base_row_invoiced": 0, "weight": 1,
   "row_weight": 1, "is_virtual": 0, "is_qty_decimal": 0, "no_discount": 0, "free_shipping": 0,
   "parent_item_id": 0, "applied_rule_ids": "1", "discount_tax_compensation_amount": 0,
   "base_discount_tax_compensation_amount": 0}]
})";

void collect(const QJsonObject &object, const QString &prefix, const QStringList &skip, QStringList &paths)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (prefix.isEmpty() && skip.contains(it.key()))
            continue;
        const QString path = prefix.isEmpty() ? it.key() : prefix + u'.' + it.key();
        const QJsonValue value = it.value();
        if (value.isObject()) {
            collect(value.toObject(), path, skip, paths);
        } else if (value.isArray()) {
            const QJsonArray array = value.toArray();
            if (!array.isEmpty() && array.first().isObject())
                collect(array.first().toObject(), path + u"[0]"_s, {}, paths);
            else if (!array.isEmpty())
                paths << path;
        } else {
            paths << path;
        }
    }
}

QStringList sortedUnique(QStringList list)
{
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    return list;
}

} // namespace

QJsonObject MagentoAttributeCatalogue::sampleOrder()
{
    return QJsonDocument::fromJson(QByteArray(kSampleOrder)).object();
}

QStringList MagentoAttributeCatalogue::leafPaths(const QJsonObject &object, const QStringList &skip)
{
    QStringList paths;
    collect(object, QString(), skip, paths);
    return paths;
}

QStringList MagentoAttributeCatalogue::attributes(OrderBridge::MappingEntity entity)
{
    using OrderBridge::MappingEntity;
    if (entity == MappingEntity::OrderStatus)
        return {};
    const QJsonObject order = sampleOrder();
    QStringList paths;
    if (entity == MappingEntity::Order) {
        // Items are mapped on the Order Product tab; the shipping assignment's item list is always empty.
        paths = leafPaths(order, {u"items"_s});
    } else {
        paths = leafPaths(order.value(u"items"_s).toArray().first().toObject());
    }
    paths.removeIf([](const QString &path) { return path.endsWith(u".items"); });
    for (const OrderBridge::FieldMapping &mapping : OrderBridge::defaultMappings(entity)) {
        if (!mapping.hasSpecialSource())
            paths << mapping.magentoAttribute;
    }
    return sortedUnique(paths);
}

QString MagentoAttributeCatalogue::sampleValue(OrderBridge::MappingEntity entity, const QString &path)
{
    using OrderBridge::MappingEntity;
    if (entity == MappingEntity::OrderStatus)
        return {};
    const OrderBridge::Result<OrderBridge::MagentoPath> parsed = OrderBridge::MagentoPath::parse(path);
    if (!parsed)
        return {};
    static const QJsonObject order = sampleOrder();
    static const QJsonObject item = order.value(u"items"_s).toArray().first().toObject();
    const OrderBridge::Result<QJsonValue> value = parsed->evaluate(entity == MappingEntity::Order ? order : item);
    if (!value || value->isUndefined() || value->isNull())
        return {};
    return OrderBridge::ValueConverter::toText(*value);
}

QStringList MagentoAttributeCatalogue::statuses()
{
    return OrderBridge::defaultMagentoStatuses();
}
