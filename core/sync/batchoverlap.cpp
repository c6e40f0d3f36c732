#include "sync/batchoverlap.h"

#include "sync/salesforcesnapshot.h"
#include "sync/syncengine.h"
#include "sync/syncplanner.h"

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

BatchOverlap BatchOverlap::readBy(const QList<QJsonObject> &orders, const StoreViews &stores, const BundleSkus &bundleSkus)
{
    BatchOverlap keys;
    for (const QJsonObject &order : orders) {
        keys.addOrder(order, stores);
        keys.addCustomer(order);
        keys.addSkus(order, bundleSkus);
    }
    return keys;
}

BatchOverlap BatchOverlap::writtenBy(const QList<QJsonObject> &orders, const QList<OrderOutcome> &outcomes,
                                     const StoreViews &stores, const BundleSkus &bundleSkus)
{
    BatchOverlap keys;
    for (qsizetype i = 0; i < orders.size(); ++i) {
        const QJsonObject &order = orders.at(i);
        // Every order of the batch counts, written or not: an order is never worth a stale read.
        keys.addOrder(order, stores);
        if (i >= outcomes.size())
            continue;
        bool customer = false;
        bool products = false;
        for (const RecordWrite &w : outcomes.at(i).plannedWrites.writes) {
            customer = customer || w.object == u"Account" || w.object == u"Contact";
            products = products || w.object == u"Product2" || w.object == u"PricebookEntry";
        }
        if (customer)
            keys.addCustomer(order);
        if (products)
            keys.addSkus(order, bundleSkus);
    }
    return keys;
}

bool BatchOverlap::invalidates(const BatchOverlap &read) const
{
    return m_orders.intersects(read.m_orders) || m_customers.intersects(read.m_customers)
        || m_skus.intersects(read.m_skus);
}

void BatchOverlap::addOrder(const QJsonObject &order, const StoreViews &stores)
{
    m_orders.insert(stores.orderKey(order));
}

void BatchOverlap::addCustomer(const QJsonObject &order)
{
    const QString email = order.value(u"customer_email"_s).toString().trimmed().toLower();
    if (!email.isEmpty())
        m_customers.insert(email);
    m_customers.insert(SyncPlanner::customerKey(order));
    if (const QString legacy = SyncPlanner::legacyCustomerKey(order); !legacy.isEmpty())
        m_customers.insert(legacy);
}

void BatchOverlap::addSkus(const QJsonObject &order, const BundleSkus &bundleSkus)
{
    for (const QJsonObject &line : SyncPlanner::billedLines(order, &bundleSkus))
        m_skus.insert(SalesforceSnapshot::skuKey(line.value(u"sku"_s).toString()));
}

} // namespace OrderBridge
