#include "sync/bundleskuresolver.h"

#include "magento/magentoerrors.h"
#include "magento/magentosearchcriteria.h"
#include "sync/syncplanner.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

QList<qint64> BundleSkuResolver::unknownIn(const QList<QJsonObject> &orders) const
{
    QList<qint64> ids;
    for (const QJsonObject &order : orders) {
        for (const qint64 id : SyncPlanner::bundleProductIds(order)) {
            if (!m_skus.knows(id) && !ids.contains(id))
                ids << id;
        }
    }
    return ids;
}

void BundleSkuResolver::resolve(MagentoClient *client, const QList<QJsonObject> &orders, QObject *context,
                                std::function<void(Result<int>)> done)
{
    readNext(client, unknownIn(orders), 0, context, std::move(done));
}

void BundleSkuResolver::readNext(MagentoClient *client, QList<qint64> ids, int requests, QObject *context,
                                 std::function<void(Result<int>)> done)
{
    if (ids.isEmpty()) {
        done(requests);
        return;
    }
    if (!client) {
        done(fail(QString::fromUtf16(MagentoErrors::Cancelled), u"The Magento client is gone."_s));
        return;
    }
    const QList<qint64> chunk = ids.mid(0, PageSize);
    ids.remove(0, chunk.size());
    client->request("GET", u"products"_s, query(chunk), QJsonValue::Undefined, MagentoClient::RetrySafety::Safe, context,
                    [this, client, chunk, ids, requests, context, done = std::move(done)](Result<QJsonValue> reply) {
                        if (!reply) {
                            done(std::unexpected(reply.error()));
                            return;
                        }
                        if (auto taken = absorb(chunk, *reply); !taken) {
                            done(std::unexpected(taken.error()));
                            return;
                        }
                        readNext(client, ids, requests + 1, context, done);
                    });
}

MagentoClient::QueryItems BundleSkuResolver::query(const QList<qint64> &ids)
{
    QStringList values;
    for (const qint64 id : ids)
        values << QString::number(id);
    // entity_id is the product's key (the `id` of ProductInterface); a page as large as the list, so one request.
    MagentoSearchCriteria criteria;
    criteria.whereIn(u"entity_id"_s, values).setPageSize(PageSize).setCurrentPage(1);
    MagentoClient::QueryItems items = criteria.queryItems();
    items.append({u"fields"_s, u"items[id,sku],total_count"_s});
    return items;
}

Result<void> BundleSkuResolver::absorb(const QList<qint64> &ids, const QJsonValue &reply)
{
    const QJsonObject object = reply.toObject();
    if (!reply.isObject() || !object.value(u"items"_s).isArray())
        return std::unexpected(MagentoErrors::malformedReply(u"the products search has no items list"_s));
    QSet<qint64> found;
    for (const QJsonValue &v : object.value(u"items"_s).toArray()) {
        const QJsonObject product = v.toObject();
        const qint64 id = product.value(u"id"_s).toVariant().toLongLong();
        const QString sku = product.value(u"sku"_s).toString();
        if (id <= 0 || sku.isEmpty() || !ids.contains(id))
            continue;
        m_skus.skuByProductId.insert(id, sku);
        found.insert(id);
    }
    for (const qint64 id : ids) {
        if (!found.contains(id))
            m_skus.deleted.insert(id);
    }
    return {};
}

} // namespace OrderBridge
