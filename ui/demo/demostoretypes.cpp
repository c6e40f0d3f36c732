#include "demo/demostoretypes.h"

#include <QJsonArray>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace {

double number(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString().toDouble() : v.toDouble();
}

} // namespace

QList<DemoCustomer> DemoCustomer::presets()
{
    return {
        DemoCustomer{u"roni_cost@example.com"_s, u"Veronica"_s, u"Costello"_s, u"6146 Honey Bluff Parkway"_s,
                     u"Calder"_s, u"49628-7978"_s, u"US"_s, u"MI"_s, u"Michigan"_s, u"(555) 229-3326"_s},
        DemoCustomer{u"john.smith@example.com"_s, u"John"_s, u"Smith"_s, u"1200 Congress Avenue"_s, u"Austin"_s,
                     u"78701"_s, u"US"_s, u"TX"_s, u"Texas"_s, u"(512) 555-0142"_s},
        DemoCustomer{u"maria.garcia@example.com"_s, u"Maria"_s, u"Garcia"_s, u"455 Market Street"_s,
                     u"San Francisco"_s, u"94105"_s, u"US"_s, u"CA"_s, u"California"_s, u"(415) 555-0199"_s},
        guest(),
    };
}

DemoCustomer DemoCustomer::guest()
{
    return DemoCustomer{u"guest.shopper@example.com"_s, u"Guest"_s, u"Shopper"_s, u"1 Main Street"_s,
                        u"Springfield"_s, u"62701"_s, u"US"_s, u"IL"_s, u"Illinois"_s, u"(217) 555-0100"_s};
}

DemoOrder DemoOrder::fromJson(const QJsonObject &order)
{
    DemoOrder o;
    o.entityId = order.value(u"entity_id"_s).toInteger();
    o.incrementId = order.value(u"increment_id"_s).toString();
    o.state = order.value(u"state"_s).toString();
    o.status = order.value(u"status"_s).toString();
    o.email = order.value(u"customer_email"_s).toString();
    QString first = order.value(u"customer_firstname"_s).toString();
    QString last = order.value(u"customer_lastname"_s).toString();
    if (first.isEmpty() && last.isEmpty()) {
        const QJsonObject billing = order.value(u"billing_address"_s).toObject();
        first = billing.value(u"firstname"_s).toString();
        last = billing.value(u"lastname"_s).toString();
    }
    o.customerName = QString(first + u' ' + last).trimmed();
    o.grandTotal = number(order, u"grand_total"_s);
    o.currency = order.value(u"order_currency_code"_s).toString();
    o.createdAt = QDateTime::fromString(order.value(u"created_at"_s).toString(), u"yyyy-MM-dd HH:mm:ss"_s);
    o.createdAt.setTimeZone(QTimeZone::utc());
    o.comments = int(order.value(u"status_histories"_s).toArray().size());

    // The same rule Magento applies: top-level lines carry the quantities (children of configurables and
    // bundles follow their parent line).
    bool toInvoice = false;
    bool toShip = false;
    for (const QJsonValue &v : order.value(u"items"_s).toArray()) {
        const QJsonObject item = v.toObject();
        if (item.contains(u"parent_item_id"_s))
            continue;
        const double open = number(item, u"qty_ordered"_s) - number(item, u"qty_canceled"_s);
        if (number(item, u"qty_invoiced"_s) < open)
            toInvoice = true;
        if (item.value(u"is_virtual"_s).toInt() == 0
            && number(item, u"qty_shipped"_s) + number(item, u"qty_refunded"_s) < open)
            toShip = true;
    }
    const bool open = o.state == u"new"_s || o.state == u"processing"_s || o.state == u"pending_payment"_s;
    o.canInvoice = open && toInvoice;
    o.canShip = open && toShip;
    return o;
}
