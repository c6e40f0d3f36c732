#pragma once

#include "magentoclient.h"

#include <QHash>

#include <functional>
#include <memory>

namespace OrderBridge {

/// Reads the newest status-history entry of every order that can still receive comments, so that
/// comments which leave the order's updated_at alone (Magento 2.4 writes only the history row) are
/// noticed. Magento's REST API has no search over all status histories (only GET /V1/orders/{id}/comments),
/// so it pages GET /V1/orders over orders not closed or canceled, `pageSize` 300 (the Web API input
/// limit), trimmed by `fields` to the entity ids: ceil(open orders / 300) requests per sweep.
class MagentoCommentSweep
{
public:
    static constexpr int PageSize = 300;

    struct Outcome
    {
        QHash<qint64, qint64> newestHistory; ///< order entity_id -> newest status-history entity_id (0: none)
        int requests = 0;
    };

    /// Runs one sweep; `done` once, with the outcome or the first error. `changedSince` valid: only the
    /// open orders whose updated_at is at or after it (orders.comment_sweep_days), fewer requests on a
    /// store with many long-open orders, at the price of missing comments on orders changed before it.
    static void run(MagentoClient *client, QObject *context, MagentoClient::Callback<Outcome> done,
                    const QDateTime &changedSince = {});

    /// The searchCriteria and `fields` of page `page` (1-based).
    [[nodiscard]] static MagentoClient::QueryItems pageQuery(int page, const QDateTime &changedSince = {});
    /// Adds one page of the reply to `outcome`; the number of orders on the page, or an error.
    [[nodiscard]] static Result<int> absorbPage(const QJsonValue &reply, Outcome &outcome);
};

} // namespace OrderBridge
