#include "magentocommentsweep.h"

#include "magentoerrors.h"
#include "magentotime.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

struct SweepRun
{
    QPointer<MagentoClient> client;
    QPointer<QObject> context;
    bool hasContext = false;
    MagentoClient::Callback<MagentoCommentSweep::Outcome> done;
    MagentoCommentSweep::Outcome outcome;
    int page = 1;
    QDateTime changedSince;
};

void fetchPage(const std::shared_ptr<SweepRun> &run)
{
    if (run->hasContext && !run->context)
        return; // the asker is gone: nobody to answer
    if (!run->client) {
        run->done(fail(QString::fromUtf16(MagentoErrors::Cancelled), u"The Magento client is gone."_s));
        return;
    }
    ++run->outcome.requests;
    run->client->request("GET", u"orders"_s, MagentoCommentSweep::pageQuery(run->page, run->changedSince), QJsonValue::Undefined,
                         MagentoClient::RetrySafety::Safe, run->context.data(), [run](Result<QJsonValue> reply) {
                             if (!reply) {
                                 run->done(std::unexpected(reply.error()));
                                 return;
                             }
                             const Result<int> count = MagentoCommentSweep::absorbPage(*reply, run->outcome);
                             if (!count) {
                                 run->done(std::unexpected(count.error()));
                                 return;
                             }
                             const int total = reply->toObject().value(u"total_count"_s).toInt();
                             // A short page or the total reached ends it; so does a store that ignores currentPage.
                             if (*count < MagentoCommentSweep::PageSize || run->page * MagentoCommentSweep::PageSize >= total
                                 || run->outcome.newestHistory.size() < run->page * MagentoCommentSweep::PageSize) {
                                 run->done(run->outcome);
                                 return;
                             }
                             ++run->page;
                             fetchPage(run);
                         });
}

} // namespace

void MagentoCommentSweep::run(MagentoClient *client, QObject *context, MagentoClient::Callback<Outcome> done,
                              const QDateTime &changedSince)
{
    auto state = std::make_shared<SweepRun>();
    state->changedSince = changedSince;
    state->client = client;
    state->context = context;
    state->hasContext = context != nullptr;
    state->done = std::move(done);
    fetchPage(state);
}

MagentoClient::QueryItems MagentoCommentSweep::pageQuery(int page, const QDateTime &changedSince)
{
    MagentoSearchCriteria criteria;
    criteria.where(u"state"_s, MagentoSearchCriteria::Condition::Nin, u"closed,canceled"_s);
    if (changedSince.isValid())
        criteria.where(u"updated_at"_s, MagentoSearchCriteria::Condition::Gteq, MagentoTime::format(changedSince));
    criteria.orderBy(u"entity_id"_s, MagentoSearchCriteria::Direction::Ascending)
        .setPageSize(PageSize)
        .setCurrentPage(page);
    MagentoClient::QueryItems query = criteria.queryItems();
    query.append({u"fields"_s, u"items[entity_id,status_histories[entity_id]],total_count"_s});
    return query;
}

Result<int> MagentoCommentSweep::absorbPage(const QJsonValue &reply, Outcome &outcome)
{
    const QJsonObject object = reply.toObject();
    if (!reply.isObject() || !object.value(u"items"_s).isArray())
        return std::unexpected(MagentoErrors::malformedReply(u"the order search has no items list"_s));
    const QJsonArray items = object.value(u"items"_s).toArray();
    for (const QJsonValue &item : items) {
        const qint64 entityId = item.toObject().value(u"entity_id"_s).toInteger();
        if (entityId <= 0)
            continue;
        qint64 newest = 0;
        for (const QJsonValue &history : item.toObject().value(u"status_histories"_s).toArray())
            newest = std::max(newest, history.toObject().value(u"entity_id"_s).toInteger());
        outcome.newestHistory.insert(entityId, newest);
    }
    return int(items.size());
}

} // namespace OrderBridge
