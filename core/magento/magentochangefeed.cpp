#include "magentochangefeed.h"

#include "common/logging.h"
#include "magentoerrors.h"

#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

struct MagentoChangeFeed::Pass
{
    MagentoChangeCursor cursor;
    PollSummary summary;
    QPointer<QObject> context;
    bool hasContext = false;
    std::function<void(const QList<MagentoOrder> &)> onOrders;
    MagentoClient::Callback<PollSummary> done;

    [[nodiscard]] bool contextAlive() const { return !hasContext || !context.isNull(); }
};

MagentoChangeFeed::MagentoChangeFeed(MagentoClient *client, Options options, MagentoChangeFeedState state,
                                     QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(options)
    , m_ledger(options.overlapSeconds, std::move(state))
{
}

MagentoChangeFeed::~MagentoChangeFeed() = default;

void MagentoChangeFeed::poll(QObject *context, std::function<void(const QList<MagentoOrder> &)> onOrders,
                             MagentoClient::Callback<PollSummary> done)
{
    if (m_polling || !m_client) {
        QTimer::singleShot(0, this, [done = std::move(done), busy = m_polling] {
            done(busy ? fail(u"magento.busy"_s, u"A Magento change poll is already running."_s,
                             u"Wait for it to finish."_s)
                      : fail(QString::fromUtf16(MagentoErrors::Cancelled), u"The Magento client is gone."_s));
        });
        return;
    }
    m_polling = true;
    m_ledger.beginPass();
    QDateTime start = m_ledger.windowStart();
    if (m_floor.isValid() && (!start.isValid() || start < m_floor))
        start = m_floor;
    auto pass = std::make_shared<Pass>(Pass{MagentoChangeCursor(start, m_options.pageSize), {}, context,
                                            context != nullptr, std::move(onOrders), std::move(done)});
    qCDebug(lcMagento) << "change poll from" << start;
    fetchNext(pass);
}

void MagentoChangeFeed::fetchNext(const std::shared_ptr<Pass> &pass)
{
    if (!pass->contextAlive() || !m_client) {
        m_polling = false;
        return;
    }
    m_client->fetchOrders(pass->cursor.nextCriteria(), this, [this, pass](Result<MagentoOrderPage> page) {
        if (!page) {
            endPass(pass, std::unexpected(page.error()));
            return;
        }
        ++pass->summary.pages;
        pass->summary.rejected.append(page->rejected);
        QList<MagentoOrder> fresh;
        for (MagentoOrder &order : pass->cursor.absorb(*page)) {
            if (m_ledger.admit(order.key()))
                fresh.append(std::move(order));
            else
                ++pass->summary.skipped;
        }
        pass->summary.delivered += int(fresh.size());
        if (!fresh.isEmpty() && pass->contextAlive() && pass->onOrders)
            pass->onOrders(fresh);
        if (pass->cursor.isDone()) {
            pass->summary.stalled = pass->cursor.isStalled();
            if (pass->summary.stalled)
                qCWarning(lcMagento) << "change poll stopped early: the store ignored the updated_at filters";
            endPass(pass, pass->summary);
            return;
        }
        fetchNext(pass);
    });
}

void MagentoChangeFeed::endPass(const std::shared_ptr<Pass> &pass, Result<PollSummary> result)
{
    m_polling = false;
    if (result)
        qCDebug(lcMagento) << "change poll done:" << result->pages << "pages," << result->delivered << "new";
    if (pass->contextAlive() && pass->done)
        pass->done(std::move(result));
}

void MagentoChangeFeed::confirm(const QList<MagentoOrderKey> &keys)
{
    m_ledger.confirm(keys);
}

} // namespace OrderBridge
