#pragma once

#include "sync/bundleskus.h"
#include "sync/storeviews.h"

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

namespace OrderBridge {

struct OrderOutcome;

/// The rule for overlapping batches: whether the next batch's lookup may go out while a batch's graphs are in
/// flight.
///
/// A lookup reads, per order of its batch, the Order (with its products, notes and Opportunity) by the order's
/// key, the customer's Contact and Account by e-mail and customer key, and the Products and price book entries
/// of the billed SKUs. A batch's graphs write its own orders' records, the Accounts and Contacts of the customers
/// whose plans write them, and the Products and entries of the SKUs whose plans create them. A lookup that read
/// any of those before the graphs landed would plan from a view that is about to change: the same Account,
/// Contact, Product or entry created a second time, an order's products added twice. So the next batch looks up
/// early only when it shares no order key, no customer (e-mail or key) and no such SKU with what the batch in
/// flight writes; otherwise its lookup waits until that batch's results are in. Everything else the lookup reads
/// (price books, status categories, currencies) no batch writes.
class BatchOverlap
{
public:
    /// The keys the lookup of `orders` reads.
    [[nodiscard]] static BatchOverlap readBy(const QList<QJsonObject> &orders, const StoreViews &stores,
                                             const BundleSkus &bundleSkus);
    /// The keys the planned writes of `orders` touch (`outcomes` in the same order, as the engine plans them).
    [[nodiscard]] static BatchOverlap writtenBy(const QList<QJsonObject> &orders, const QList<OrderOutcome> &outcomes,
                                                const StoreViews &stores, const BundleSkus &bundleSkus);

    /// Whether a lookup of `read` could be made stale by the writes of `this`.
    [[nodiscard]] bool invalidates(const BatchOverlap &read) const;

    [[nodiscard]] bool isEmpty() const { return m_orders.isEmpty() && m_customers.isEmpty() && m_skus.isEmpty(); }

private:
    void addOrder(const QJsonObject &order, const StoreViews &stores);
    void addCustomer(const QJsonObject &order);
    void addSkus(const QJsonObject &order, const BundleSkus &bundleSkus);

    QSet<QString> m_orders;    ///< StoreViews::orderKey
    QSet<QString> m_customers; ///< lower-cased e-mails and Magento_ID__c customer keys
    QSet<QString> m_skus;      ///< SalesforceSnapshot::skuKey
};

} // namespace OrderBridge
