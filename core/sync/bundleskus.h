#pragma once

#include <QHash>
#include <QSet>
#include <QString>

namespace OrderBridge {

/// The catalog SKUs of bundle products by product_id, as Magento's catalog gives them: a bundle line's own SKU,
/// which an order item does not carry when the bundle has a dynamic SKU (it is ordered under its SKU with the
/// chosen options' SKUs appended). `deleted` holds the ids asked for that the catalog no longer has.
struct BundleSkus
{
    QHash<qint64, QString> skuByProductId;
    QSet<qint64> deleted;

    [[nodiscard]] bool knows(qint64 productId) const
    {
        return skuByProductId.contains(productId) || deleted.contains(productId);
    }
};

} // namespace OrderBridge
