#pragma once

#include "magentochangecursor.h"
#include "magentochangeledger.h"
#include "magentoclient.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace OrderBridge {

/// The Magento change feed: polls GET /V1/orders over updated_at from the high-water mark minus an overlap
/// window, pages through with MagentoChangeCursor, and hands over each order version once
/// (MagentoChangeLedger). The high-water mark moves only when the caller confirms what it has durably taken.
///
/// Same result style as MagentoClient: a context object and callbacks; `onOrders` runs once per page that
/// holds new versions, `done` once at the end (also after a failure, with the error; what was handed over
/// before stays handed over and is delivered again by the next poll unless confirmed).
class MagentoChangeFeed : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MagentoChangeFeed)

public:
    struct Options
    {
        int pageSize = 100;
        int overlapSeconds = 5;
    };

    /// What one poll did.
    struct PollSummary
    {
        int pages = 0;
        int delivered = 0;          ///< new order versions handed to onOrders
        int skipped = 0;            ///< versions already processed (met again in the overlap) or seen twice
        QList<Error> rejected;      ///< list items that were not valid orders (e.g. no updated_at)
        bool stalled = false;       ///< the store ignored the filters; the pass ended early
    };

    explicit MagentoChangeFeed(MagentoClient *client, Options options, MagentoChangeFeedState state = {},
                               QObject *parent = nullptr);
    ~MagentoChangeFeed() override;

    /// Reads every change in the window. Fails with magento.busy when a poll is already running.
    void poll(QObject *context, std::function<void(const QList<MagentoOrder> &)> onOrders,
              MagentoClient::Callback<PollSummary> done);
    /// No pass reads changes older than `floor` (invalid: no floor). Orders changed before it were created
    /// before it, so a caller that leaves those alone (orders.sync_since) need not page through them.
    void setFloor(const QDateTime &floor) { m_floor = floor; }
    /// The caller has durably taken these versions (e.g. queued them): they will not be delivered again.
    void confirm(const QList<MagentoOrderKey> &keys);

    [[nodiscard]] bool isPolling() const { return m_polling; }
    [[nodiscard]] QDateTime highWater() const { return m_ledger.highWater(); }
    /// The state to persist after confirm() and to pass to the constructor on the next start.
    [[nodiscard]] MagentoChangeFeedState state() const { return m_ledger.state(); }

private:
    struct Pass;
    void fetchNext(const std::shared_ptr<Pass> &pass);
    void endPass(const std::shared_ptr<Pass> &pass, Result<PollSummary> result);

    QPointer<MagentoClient> m_client;
    Options m_options;
    MagentoChangeLedger m_ledger;
    QDateTime m_floor;
    bool m_polling = false;
};

} // namespace OrderBridge
