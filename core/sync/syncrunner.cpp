#include "sync/syncrunner.h"

#include "common/logging.h"
#include "magento/magentochangefeed.h"
#include "magento/magentocommentsweep.h"
#include "magento/magentoclient.h"
#include "salesforce/salesforceclient.h"
#include "magento/magentochangecursor.h"
#include "store/commentmarkrepository.h"
#include "store/ordersrepository.h"
#include "sync/orgsession.h"
#include "sync/syncstart.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

constexpr qsizetype maxDryRunOrders = 200;

} // namespace

QString SyncRunner::limitReached()
{
    return tr("Salesforce refused more calls today (REQUEST_LIMIT_EXCEEDED)");
}

SyncRunner::SyncRunner(OrgSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
}

SyncRunner::~SyncRunner() = default;

Error SyncRunner::busyError()
{
    return Error{u"sync.busy"_s, tr("A sync is already running."), tr("Wait for it to finish."), {}, ErrorKind::Busy};
}

void SyncRunner::run(const RunRequest &request, Reply<RunResult> reply)
{
    if (m_busy) {
        if (reply)
            reply(std::unexpected(busyError()));
        return;
    }
    m_busy = true;
    m_cancelled = false;
    m_reading = false;
    m_draining = false;
    m_drainEnded = false;
    m_parked = {};
    m_allowanceAsked = false;
    m_summary = {};
    m_total = 0;
    m_done = 0;
    m_reply = std::move(reply);
    Q_EMIT runStarted();
    if (auto problem = openStore()) {
        failRun(*problem);
        return;
    }
    m_session->signIn([this, request](std::optional<Error> error) {
        if (error) {
            failRun(*error);
            return;
        }
        m_session->readLiveSchemaIfNeeded(
            [this, request] { m_session->readStoreViews([this, request] { begin(request); }); });
    });
}

std::optional<Error> SyncRunner::openStore()
{
    if (!m_session->database())
        return OrgSession::noDatabaseError();
    if (m_store && m_storeDatabase == m_session->database())
        return std::nullopt;
    if (!m_session->isConfigured())
        return OrgSession::notConfiguredError();
    m_storeDatabase = m_session->database();
    m_store = std::make_unique<SyncStore>(m_storeDatabase);
    // Rows a crash left running are queued again (the data folder's lock says no other process runs them).
    if (auto recovered = m_store->recoverInterrupted(); !recovered) {
        m_store.reset();
        return recovered.error();
    }
    return std::nullopt;
}

void SyncRunner::begin(const RunRequest &request)
{
    switch (request.kind) {
    case RunRequest::Kind::Poll: poll(); return;
    case RunRequest::Kind::Orders: syncOrders(request.orders); return;
    case RunRequest::Kind::Drain: drainStep(); return;
    case RunRequest::Kind::DryRun: dryRun(request.orders); return;
    case RunRequest::Kind::Backfill:
    case RunRequest::Kind::BackfillPreview:
        if (!request.since.isValid()) {
            failRun(Error{u"sync.invalid_since"_s, tr("The backfill has no valid start date."),
                          tr("Give an ISO 8601 date such as 2026-01-31."), {}, ErrorKind::Invalid});
            return;
        }
        if (request.kind == RunRequest::Kind::Backfill)
            backfill(request.since, 1);
        else
            previewBackfill(request.since);
        return;
    }
}

void SyncRunner::cancel()
{
    m_cancelled = true;
    resumeParked(); // a drain waiting for Magento's next page stops now
}

void SyncRunner::poll()
{
    auto config = m_session->engineConfig(SyncTrigger::Automatic);
    if (!config) {
        failRun(config.error());
        return;
    }
    if (!config->settings.automatedSynchronization()) {
        // Nothing is picked up by polling; what is queued on demand still drains.
        drainStep();
        return;
    }
    m_pollSettings = config->settings;
    beginReading();
    if (config->settings.synchronizeOrderNotes()) {
        const int days = config->settings.commentSweepDays();
        sweepComments(days > 0 ? QDateTime::currentDateTimeUtc().addDays(-days) : QDateTime());
    } else {
        pollFeed();
    }
}

// Comments that keep the status leave the order's updated_at alone in Magento 2.4, so the change feed
// never sees them: the sweep reads the newest history entry of every open order and queues those that
// have one newer than last seen. An order seen for the first time is only marked (the feed brings it).
void SyncRunner::sweepComments(const QDateTime &changedSince)
{
    MagentoCommentSweep::run(m_session->magento(), this, [this](Result<MagentoCommentSweep::Outcome> outcome) {
        if (!outcome) {
            qCWarning(lcSync) << "Magento comment sweep failed:" << outcome.error().toString();
            noteSourceError(outcome.error());
            pollFeed();
            return;
        }
        const CommentMarkRepository marks(m_storeDatabase);
        auto seen = marks.load();
        if (!seen) {
            failRun(seen.error());
            return;
        }
        QHash<qint64, qint64> firstSeen;
        QHash<qint64, qint64> commented;
        for (auto it = outcome->newestHistory.cbegin(); it != outcome->newestHistory.cend(); ++it) {
            const auto mark = seen->constFind(it.key());
            if (mark == seen->cend())
                firstSeen.insert(it.key(), it.value());
            else if (it.value() > *mark)
                commented.insert(it.key(), it.value());
        }
        if (auto saved = marks.save(firstSeen); !saved) {
            failRun(saved.error());
            return;
        }
        qCDebug(lcSync) << "comment sweep:" << outcome->requests << "requests," << commented.size() << "orders with new comments";
        queueCommented(commented.keys(), commented);
    }, changedSince);
}

// Fetches the commented orders (pages of at most 300 ids), queues them and then marks their comments seen.
void SyncRunner::queueCommented(QList<qint64> ids, const QHash<qint64, qint64> &marks)
{
    if (ids.isEmpty()) {
        pollFeed();
        return;
    }
    const QList<qint64> chunk = ids.mid(0, MagentoCommentSweep::PageSize);
    ids.remove(0, chunk.size());
    QStringList values;
    for (const qint64 id : chunk)
        values << QString::number(id);
    MagentoSearchCriteria criteria;
    criteria.whereIn(u"entity_id"_s, values).setPageSize(MagentoCommentSweep::PageSize);
    m_session->magento()->fetchOrders(criteria, this, [this, chunk, ids, marks](Result<MagentoOrderPage> page) {
        if (!page) {
            noteSourceError(page.error());
            pollFeed();
            return;
        }
        auto queued = m_store->enqueue(inScope(page->orders), SyncTrigger::Automatic);
        if (!queued) {
            readFailed(queued.error());
            return;
        }
        m_summary.queued += *queued;
        ordersQueued();
        QHash<qint64, qint64> taken;
        for (const qint64 id : chunk)
            taken.insert(id, marks.value(id));
        if (auto saved = CommentMarkRepository(m_storeDatabase).save(taken); !saved) {
            readFailed(saved.error());
            return;
        }
        queueCommented(ids, marks);
    });
}

void SyncRunner::pollFeed()
{
    // The first pass of a data folder that starts at orders.sync_since says so (and how to backfill).
    const QDateTime since = m_pollSettings.syncSince();
    if (since.isValid() && !m_session->feed()->highWater().isValid())
        m_summary.syncSince = since.toString(Qt::ISODate);
    m_session->feed()->setFloor(since);
    m_session->feed()->poll(
        this,
        [this](const QList<MagentoOrder> &orders) {
            QList<MagentoOrderKey> keys;
            for (const MagentoOrder &o : orders)
                keys << o.key();
            // Orders left out as older than orders.sync_since are confirmed too: they stay left alone.
            auto queued = m_store->enqueue(inScope(orders), SyncTrigger::Automatic);
            if (!queued) {
                qCWarning(lcSync) << "could not queue changed orders:" << queued.error().message;
                return; // not confirmed: the next poll delivers them again
            }
            m_summary.queued += *queued;
            m_session->feed()->confirm(keys);
            m_session->saveFeedState();
            ordersQueued();
        },
        [this](Result<MagentoChangeFeed::PollSummary> summary) {
            if (!summary) {
                // What is queued still drains, but the run reports that Magento was not read.
                qCWarning(lcSync) << "Magento poll failed:" << summary.error().toString();
                noteSourceError(summary.error());
                endReading();
                return;
            }
            rescan();
        });
}

// Which orders the feed and the comment sweep queue: those created since orders.sync_since. created_at,
// not updated_at: an order from before the start that changes today (a refund, a comment) is history
// the operator chose to leave out, and creating it now would break "the first sync writes nothing
// historical"; a backfill brings such orders in.
QList<MagentoOrder> SyncRunner::inScope(const QList<MagentoOrder> &orders)
{
    QList<MagentoOrder> json;
    for (const MagentoOrder &o : orders) {
        if (!m_pollSettings.isWithinSyncSince(o.createdAt)) {
            ++m_summary.beforeSyncSince;
            m_summary.syncSince = m_pollSettings.syncSince().toString(Qt::ISODate);
            continue;
        }
        json << o;
    }
    return json;
}

// A row Magento commits later than a concurrent poll read its newest row carries an updated_at the
// feed has already passed. Every half window, the orders changed within the window before the feed's
// high-water mark are read again; only versions the mirror does not hold yet are queued, so orders
// already taken cost no Salesforce call.
void SyncRunner::rescan()
{
    const QDateTime highWater = m_session->feed()->highWater();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const int window = m_pollSettings.rescanWindowMinutes();
    const qint64 halfWindow = qint64(window) * 30;
    if (window <= 0 || !highWater.isValid()
        || (m_lastRescan.isValid() && m_lastRescan.secsTo(now) < halfWindow)) {
        endReading();
        return;
    }
    m_lastRescan = now;
    auto cursor = std::make_shared<MagentoChangeCursor>(highWater.addSecs(-qint64(window) * 60),
                                                        SyncStart::PageSize);
    rescanNext(cursor);
}

void SyncRunner::rescanNext(const std::shared_ptr<MagentoChangeCursor> &cursor)
{
    m_session->magento()->fetchOrders(cursor->nextCriteria(), this, [this, cursor](Result<MagentoOrderPage> page) {
        if (!page) {
            qCWarning(lcSync) << "late-commit re-scan failed:" << page.error().toString();
            noteSourceError(page.error());
            endReading();
            return;
        }
        const OrdersRepository mirror(m_storeDatabase);
        QList<MagentoOrder> missed;
        for (MagentoOrder &o : cursor->absorb(*page)) {
            const auto known = mirror.findByEntityId(o.entityId);
            if (known && known->has_value() && (*known)->updatedAt >= o.updatedAt)
                continue; // this version (or a newer one) was taken already
            missed << std::move(o);
        }
        const QList<MagentoOrder> json = inScope(missed);
        auto queued = m_store->enqueue(json, SyncTrigger::Automatic);
        if (!queued) {
            readFailed(queued.error());
            return;
        }
        m_summary.queued += *queued;
        m_summary.rescanned += int(json.size());
        ordersQueued();
        if (!json.isEmpty())
            qCInfo(lcSync) << "late-commit re-scan queued" << json.size() << "order(s) the change feed had passed";
        if (cursor->isDone())
            endReading();
        else
            rescanNext(cursor);
    });
}

// Queues the orders created since `since`, page by page, as an operator's request; then follows them
// (orders.sync_since moves back to `since`) and drains the queue. A change made to an order on an earlier
// page while later pages are read can lie below the feed's new high-water mark: the re-scan catches it.
void SyncRunner::backfill(const QDateTime &since, int page)
{
    if (page == 1)
        beginReading();
    const MagentoSearchCriteria criteria = SyncStart::backfillPage(since, page);
    m_session->magento()->fetchOrders(criteria, this, [this, since, page](Result<MagentoOrderPage> result) {
        if (!result) {
            readFailed(result.error());
            return;
        }
        QList<MagentoOrderKey> keys;
        for (const MagentoOrder &o : std::as_const(result->orders))
            keys << o.key();
        auto queued = m_store->enqueue(result->orders, SyncTrigger::OnDemand);
        if (!queued) {
            readFailed(queued.error());
            return;
        }
        m_summary.queued += *queued;
        // The feed takes these versions as read, so its next pass does not queue them all again.
        m_session->feed()->confirm(keys);
        m_session->saveFeedState();
        if (result->itemCount > 0 && qint64(page) * SyncStart::PageSize < result->totalCount) {
            // The next page is read while the queued orders drain.
            backfill(since, page + 1);
            ordersQueued();
            return;
        }
        if (auto extended = SyncStart::extendTo(m_storeDatabase, since); !extended) {
            readFailed(extended.error());
            return;
        }
        endReading();
    });
}

// One request of one order: Magento's total_count is the number of orders a backfill would queue.
void SyncRunner::previewBackfill(const QDateTime &since)
{
    const MagentoSearchCriteria criteria = SyncStart::backfillPage(since, 1, 1);
    m_session->magento()->fetchOrders(criteria, this, [this](Result<MagentoOrderPage> result) {
        if (!result) {
            failRun(result.error());
            return;
        }
        auto config = m_session->engineConfig(SyncTrigger::OnDemand);
        if (!config) {
            failRun(config.error());
            return;
        }
        m_summary.backfillOrders = result->totalCount;
        m_summary.backfillApiCalls = SyncStart::estimatedApiCalls(result->totalCount, config->settings.batchSize());
        finish();
    });
}

void SyncRunner::syncOrders(const QStringList &incrementIds)
{
    m_session->magento()->fetchOrdersByIncrementIds(incrementIds, this, [this, incrementIds](Result<MagentoOrderPage> page) {
        if (!page) {
            failRun(page.error());
            return;
        }
        QStringList found;
        for (const MagentoOrder &o : page->orders)
            found << o.incrementId;
        for (const QString &id : incrementIds) {
            if (found.contains(id))
                continue;
            OrderOutcome missing;
            missing.incrementId = id;
            missing.status = SyncStatus::Error;
            missing.error = Error{u"magento.not_found"_s, tr("Magento has no order %1.").arg(id), tr("Check the order number."),
                                  {}, ErrorKind::NotFound};
            ++m_summary.errors;
            Q_EMIT batchFinished({missing});
        }
        enqueueAndDrain(page->orders, SyncTrigger::OnDemand);
    });
}

void SyncRunner::dryRun(const QStringList &incrementIds)
{
    m_session->magento()->fetchOrdersByIncrementIds(incrementIds, this, [this](Result<MagentoOrderPage> page) {
        if (!page) {
            failRun(page.error());
            return;
        }
        auto config = m_session->engineConfig(SyncTrigger::OnDemand);
        if (!config) {
            failRun(config.error());
            return;
        }
        config->dryRun = true;
        QList<QJsonObject> json;
        for (const MagentoOrder &o : page->orders)
            json << o.json;
        json = json.mid(0, maxDryRunOrders);
        withBundleSkus(json, [this, json, config = *config]() mutable {
            config.bundleSkus = m_session->bundleSkus().skus();
            m_session->engine()->syncBatch(json, config, [this](Result<BatchOutcome> outcome) {
                if (!outcome) {
                    failRun(outcome.error());
                    return;
                }
                m_summary.apiCalls += outcome->apiCalls;
                Q_EMIT batchFinished(outcome->orders);
                finish();
            });
        });
    });
}

void SyncRunner::enqueueAndDrain(const QList<MagentoOrder> &orders, SyncTrigger trigger)
{
    auto queued = m_store->enqueue(orders, trigger);
    if (!queued) {
        failRun(queued.error());
        return;
    }
    m_summary.queued += *queued;
    drainStep();
}

void SyncRunner::drainStep()
{
    if (m_draining)
        return;
    m_draining = true;
    m_stopReason.reset();
    m_drainError.reset();
    m_batchItems.clear();
    m_pipeline = std::make_unique<BatchPipeline>(m_session->engine(), BatchPipeline::Mode::Overlapped);
    m_pipeline->run(
        [this](int ordersInFlight, std::function<void(std::optional<BatchPipeline::Batch>)> give) {
            nextBatch(ordersInFlight, std::move(give));
        },
        [this](const BatchPipeline::Batch &batch, Result<BatchOutcome> outcome) {
            return recordBatch(m_batchItems.take(batch.tag), batch.config.settings.maxAttempts(), std::move(outcome));
        },
        [this](const BatchPipeline::Batch &batch) {
            // Taken and perhaps looked up, never sent: back in the queue for the next run, no attempt counted.
            if (auto released = m_store->release(m_batchItems.take(batch.tag)); !released)
                qCWarning(lcSync) << "could not put a batch back in the queue:" << released.error().message;
        },
        [this] { QTimer::singleShot(0, this, [this] { endDrain(); }); });
}

void SyncRunner::beginReading()
{
    m_reading = true;
}

void SyncRunner::ordersQueued()
{
    if (!m_reading)
        return;
    if (!m_draining) {
        drainStep();
        return;
    }
    resumeParked();
}

void SyncRunner::endReading()
{
    m_reading = false;
    if (!m_draining) {
        drainStep();
        return;
    }
    if (m_drainEnded) {
        m_drainEnded = false;
        endDrain();
        return;
    }
    resumeParked();
}

void SyncRunner::readFailed(const Error &error)
{
    if (!m_draining) {
        m_reading = false;
        failRun(error);
        return;
    }
    // Batches in flight are recorded first; then the run fails with the error.
    if (!m_drainError)
        m_drainError = error;
    endReading();
}

void SyncRunner::resumeParked()
{
    if (auto give = std::exchange(m_parked, {}))
        nextBatch(0, std::move(give));
}

void SyncRunner::endDrain()
{
    m_pipeline.reset();
    if (m_reading) {
        m_drainEnded = true; // the run ends once Magento's pages are in (endReading)
        return;
    }
    m_draining = false;
    if (m_drainError) {
        failRun(*m_drainError);
        return;
    }
    finish(m_stopReason.value_or(QString()));
}

// Asked while a batch's graphs are in flight (ordersInFlight > 0), "none" only means "not now": the pipeline asks
// again once that batch is recorded, and only then does a stop (cancel, the allowance, an empty queue) end the run.
void SyncRunner::nextBatch(int ordersInFlight, std::function<void(std::optional<BatchPipeline::Batch>)> give)
{
    const bool overlapping = ordersInFlight > 0;
    if (m_drainError) {
        give(std::nullopt);
        return;
    }
    if (m_cancelled) {
        if (!overlapping)
            m_stopReason = tr("cancelled");
        give(std::nullopt);
        return;
    }
    auto config = m_session->engineConfig(SyncTrigger::Automatic);
    if (!config) {
        m_drainError = config.error();
        give(std::nullopt);
        return;
    }
    // The share of the daily allowance is a ceiling: a batch starts only when its calls fit under it, counting
    // the calls of the batch in flight that Salesforce has not answered (and counted) yet.
    ApiUsage usage = m_session->salesforce()->apiUsage();
    if (overlapping && usage.isValid())
        usage.used += estimatedCalls(ordersInFlight);
    const int batchSize = ordersThatFit(usage, config->settings.apiSharePercent(), config->settings.batchSize());
    if (overlapping && batchSize == 0) {
        give(std::nullopt);
        return;
    }
    if ((!usage.isValid() || batchSize == 0) && shouldReadAllowance()) {
        readAllowance([this, ordersInFlight, give = std::move(give)]() mutable { nextBatch(ordersInFlight, std::move(give)); });
        return;
    }
    if (batchSize == 0) {
        stopForAllowance(usage, config->settings.apiSharePercent());
        give(std::nullopt);
        return;
    }
    if (m_total == 0 || m_reading) {
        // While Magento's pages come in, the total grows with them.
        if (auto pending = m_store->pendingCount(); pending)
            m_total = std::max(m_total, m_done + ordersInFlight + *pending);
    }
    auto items = m_store->takeReady(batchSize, QDateTime::currentDateTimeUtc());
    if (!items) {
        m_drainError = items.error();
        give(std::nullopt);
        return;
    }
    if (items->isEmpty()) {
        if (m_reading && !overlapping) {
            // Magento's next page is on its way: the pipeline waits for it (ordersQueued, endReading).
            m_parked = std::move(give);
            return;
        }
        give(std::nullopt);
        return;
    }
    QList<QJsonObject> orders;
    bool onDemand = false;
    for (const SyncStore::Item &item : std::as_const(*items)) {
        orders << item.order;
        onDemand = onDemand || item.trigger == SyncTrigger::OnDemand;
    }
    config->trigger = onDemand ? SyncTrigger::OnDemand : SyncTrigger::Automatic;
    const qint64 tag = ++m_nextTag;
    m_batchItems.insert(tag, *items);
    withBundleSkus(orders, [this, orders, config = *config, tag, give = std::move(give)]() mutable {
        config.bundleSkus = m_session->bundleSkus().skus();
        give(BatchPipeline::Batch{orders, std::move(config), tag});
    });
}

// A batch's bundle lines are synced as their catalog products: the SKUs not read yet this session are read
// first, with one products search a batch. When the catalog cannot be read the run says Magento was not read
// and the batch goes on with the SKUs read off the ordered ones.
void SyncRunner::withBundleSkus(const QList<QJsonObject> &orders, std::function<void()> then)
{
    m_session->bundleSkus().resolve(m_session->magento(), orders, this, [this, then = std::move(then)](Result<int> read) {
        if (!read) {
            qCWarning(lcSync) << "could not read the bundle products' SKUs:" << read.error().toString();
            noteSourceError(read.error());
        } else {
            m_summary.bundleSkuReads += *read;
        }
        then();
    });
}

bool SyncRunner::shouldReadAllowance() const
{
    // Only when something waits to be sent (an idle poll costs no call), once per run, and while the share is
    // used up at most every quarter of an hour (the usage is a rolling 24-hour count that drops by itself).
    if (m_allowanceAsked)
        return false;
    const auto pending = m_store->pendingCount();
    if (!pending || *pending == 0)
        return false;
    return !m_lastAllowanceRead.isValid() || m_lastAllowanceRead.secsTo(QDateTime::currentDateTimeUtc()) >= 15 * 60
           || !m_session->salesforce()->apiUsage().isValid();
}

void SyncRunner::readAllowance(std::function<void()> then)
{
    // A new process does not know today's usage: one read of the org's limits (its reply carries the usage
    // header) costs less than a batch sent past the share.
    m_allowanceAsked = true;
    m_lastAllowanceRead = QDateTime::currentDateTimeUtc();
    m_session->salesforce()->limits([then = std::move(then)](Result<QJsonObject> limits) {
        if (!limits)
            qCInfo(lcSync) << "could not read the API allowance before the first batch:" << limits.error().message;
        then();
    });
}

int SyncRunner::estimatedCalls(int orders)
{
    // The lookups (orders, customers, price book entries, each possibly paged) and the graph payloads. The
    // benchmark (orderbridge-bench-sync) measures 4 calls per 200-order batch; this stays above it on purpose.
    return 4 + (orders + 49) / 50;
}

int SyncRunner::ordersThatFit(const ApiUsage &usage, int sharePercent, int batchSize)
{
    if (!usage.isValid())
        return batchSize; // the org did not say: Salesforce's own limit still stops the run cleanly
    const qint64 room = usage.max * sharePercent / 100 - usage.used;
    if (room < estimatedCalls(1))
        return 0;
    return int(std::min<qint64>(batchSize, (room - 4) * 50));
}

void SyncRunner::stopForAllowance(const ApiUsage &usage, int sharePercent)
{
    const QString reason =
        tr("Waiting for the Salesforce API allowance: %1 of %2 calls used in the last 24 hours, and OrderBridge may use "
           "%3% (API share, Orders configuration › Advanced; engine.api_share_percent). It goes on when the usage "
           "drops or the share is raised.")
            .arg(usage.used)
            .arg(usage.max)
            .arg(sharePercent);
    if (auto noted = m_store->notePendingReason(reason); !noted)
        qCWarning(lcSync) << "could not note why the orders wait:" << noted.error().message;
    m_summary.waitingForAllowance = true;
    m_stopReason = tr("the Salesforce API allowance share (engine.api_share_percent = %1%) is used: %2 of %3 calls today")
                       .arg(sharePercent)
                       .arg(usage.used)
                       .arg(usage.max);
}

bool SyncRunner::recordBatch(const QList<SyncStore::Item> &items, int maxAttempts, Result<BatchOutcome> outcome)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!outcome) {
        const bool limit = outcome.error().kind == ErrorKind::RequestLimit;
        if (auto r = m_store->postpone(items, outcome.error(), maxAttempts, now, !limit); !r)
            qCWarning(lcSync) << "could not record a failed batch:" << r.error().message;
        m_summary.errors += int(items.size());
        m_stopReason = limit ? limitReached() : tr("the batch failed: %1").arg(outcome.error().toString());
        return false;
    }
    if (auto r = m_store->record(items, *outcome, maxAttempts, now); !r) {
        m_drainError = r.error();
        return false;
    }
    m_summary.apiCalls += outcome->apiCalls;
    bool limitHit = false;
    for (const OrderOutcome &o : std::as_const(outcome->orders)) {
        switch (o.status) {
        case SyncStatus::InSync: ++m_summary.inSync; break;
        case SyncStatus::OutOfSync: ++m_summary.outOfSync; break;
        case SyncStatus::Skipped: ++m_summary.skipped; break;
        case SyncStatus::Error:
            ++m_summary.errors;
            limitHit = limitHit || o.error.kind == ErrorKind::RequestLimit;
            break;
        case SyncStatus::Pending: break;
        }
    }
    m_done += int(outcome->orders.size());
    Q_EMIT batchFinished(outcome->orders);
    Q_EMIT progress(m_done, std::max(m_total, m_done));
    if (limitHit) {
        m_stopReason = limitReached();
        return false;
    }
    if (m_cancelled) {
        m_stopReason = tr("cancelled");
        return false;
    }
    return true;
}

void SyncRunner::noteSourceError(const Error &error)
{
    if (m_summary.failedToRead())
        return;
    m_summary.sourceErrorCode = error.code;
    m_summary.sourceError = tr("Magento could not be read: %1").arg(error.toString());
}

void SyncRunner::finish(const QString &stoppedBecause)
{
    m_summary.stoppedBecause = stoppedBecause;
    end(m_summary);
}

void SyncRunner::failRun(const Error &error)
{
    end(std::unexpected(error));
}

void SyncRunner::end(const RunResult &result)
{
    m_busy = false;
    // The asker's answer first, then the observers' notice (which may apply a waiting configuration).
    if (const Reply<RunResult> reply = std::exchange(m_reply, {}))
        reply(result);
    Q_EMIT runFinished(result);
}

} // namespace OrderBridge
