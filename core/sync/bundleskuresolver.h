#pragma once

#include "common/error.h"
#include "magento/magentoclient.h"
#include "sync/bundleskus.h"

#include <QJsonObject>
#include <QList>

#include <functional>

namespace OrderBridge {

/// Reads the catalog SKUs of the bundle products in a batch of orders, so a bundle line is synced as its own
/// product rather than by cutting its options' SKUs off the ordered SKU. Only products not read before are asked
/// for, with one GET /V1/products per 300 of them (entity_id `in` the ids, the reply trimmed to id and sku); what
/// was read, and which ids the catalog no longer has, is kept for the session.
class BundleSkuResolver
{
public:
    static constexpr int PageSize = 300; ///< the most ids a search asks for (Magento's input limits allow 300)

    /// The bundle product ids of `orders` whose SKU is not known yet.
    [[nodiscard]] QList<qint64> unknownIn(const QList<QJsonObject> &orders) const;
    /// Reads the SKUs of unknownIn(orders); `done` gets the number of Magento requests made (0 when all are
    /// known) or the error of the first request that failed. Asynchronous; `context` as in MagentoClient.
    void resolve(MagentoClient *client, const QList<QJsonObject> &orders, QObject *context,
                 std::function<void(Result<int>)> done);
    /// What is known so far.
    [[nodiscard]] const BundleSkus &skus() const { return m_skus; }

    /// The query of one products search for `ids` (at most PageSize).
    [[nodiscard]] static MagentoClient::QueryItems query(const QList<qint64> &ids);
    /// Takes the reply to the search for `ids`: the SKUs found, and the ids not in the reply as deleted.
    [[nodiscard]] Result<void> absorb(const QList<qint64> &ids, const QJsonValue &reply);

private:
    void readNext(MagentoClient *client, QList<qint64> ids, int requests, QObject *context,
                  std::function<void(Result<int>)> done);

    BundleSkus m_skus;
};

} // namespace OrderBridge
