#include "sync/orderpreviewer.h"

#include "magento/magentoclient.h"
#include "sync/orderpreviewbuilder.h"
#include "sync/orgsession.h"
#include "sync/syncengine.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

OrderPreviewer::OrderPreviewer(OrgSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
}

OrderPreviewer::~OrderPreviewer() = default;

OrderPreview OrderPreviewer::failed(const QString &incrementId, const Error &error)
{
    OrderPreview preview;
    preview.incrementId = incrementId;
    preview.status = SyncStatus::Error;
    preview.error = error;
    return preview;
}

void OrderPreviewer::preview(const QString &incrementId, Reply<OrderPreview> reply)
{
    m_session->signIn([this, incrementId, reply](std::optional<Error> error) {
        if (error) {
            reply(failed(incrementId, *error));
            return;
        }
        const quint64 generation = m_session->generation();
        m_session->readLiveSchemaIfNeeded([this, incrementId, generation, reply] {
            m_session->readStoreViews([this, incrementId, generation, reply] { fetchAndPlan(incrementId, generation, reply); });
        });
    });
}

void OrderPreviewer::fetchAndPlan(const QString &incrementId, quint64 generation, const Reply<OrderPreview> &reply)
{
    if (!m_session->isCurrent(generation)) {
        reply(failed(incrementId, OrgSession::reconfiguredError()));
        return;
    }
    m_session->magento()->fetchOrdersByIncrementIds({incrementId}, this, [this, incrementId, generation, reply](Result<MagentoOrderPage> page) {
        if (!m_session->isCurrent(generation)) {
            reply(failed(incrementId, OrgSession::reconfiguredError()));
            return;
        }
        if (!page) {
            reply(failed(incrementId, page.error()));
            return;
        }
        const auto found = std::find_if(page->orders.cbegin(), page->orders.cend(),
                                        [&](const MagentoOrder &o) { return o.incrementId == incrementId; });
        if (found == page->orders.cend()) {
            reply(failed(incrementId, Error{u"magento.not_found"_s, tr("Magento has no order %1.").arg(incrementId),
                                            tr("Check the order number."), {}, ErrorKind::NotFound}));
            return;
        }
        plan(*found, reply);
    });
}

void OrderPreviewer::plan(const MagentoOrder &order, const Reply<OrderPreview> &reply)
{
    const QString incrementId = order.incrementId;
    auto config = m_session->engineConfig(SyncTrigger::OnDemand);
    if (!config) {
        reply(failed(incrementId, config.error()));
        return;
    }
    config->dryRun = true;
    // Its bundle lines as their catalog products, as the sync will have them (the guess when the catalog is unread).
    m_session->bundleSkus().resolve(m_session->magento(), {order.json}, this,
                                    [this, json = order.json, config = *config, reply](Result<int>) mutable {
        config.bundleSkus = m_session->bundleSkus().skus();
        planWith(json, config, reply);
    });
}

void OrderPreviewer::planWith(const QJsonObject &order, const SyncEngine::Config &config, const Reply<OrderPreview> &reply)
{
    const QString incrementId = order.value(u"increment_id"_s).toString();
    m_session->engine()->syncBatch({order}, config, [incrementId, reply](Result<BatchOutcome> outcome) {
        if (!outcome) {
            reply(failed(incrementId, outcome.error()));
            return;
        }
        if (outcome->orders.isEmpty()) {
            reply(failed(incrementId, Error{u"sync.no_outcome"_s, tr("The planner gave no result for order %1.").arg(incrementId),
                                            tr("Run `orderbridge-cli sync --orders %1 --dry-run` to see why.").arg(incrementId),
                                            {}}));
            return;
        }
        const OrderOutcome &o = outcome->orders.first();
        OrderPreview preview;
        preview.incrementId = incrementId;
        preview.status = o.status;
        preview.reason = o.reason;
        preview.error = o.error;
        preview.records = buildPreviewRecords(o);
        reply(preview);
    });
}

} // namespace OrderBridge
