#pragma once

#include "common/error.h"
#include "salesforce/apiusage.h"
#include "sync/batchpipeline.h"
#include "sync/reply.h"
#include "sync/runrequest.h"
#include "sync/syncengine.h"
#include "sync/syncrunsummary.h"
#include "sync/syncstore.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>

#include <functional>
#include <memory>

namespace OrderBridge {

class Database;
class MagentoChangeCursor;
class OrgSession;
struct MagentoOrder;

/// The run loop: one run at a time reads what to sync (Magento's changes, named orders, or what is
/// queued), queues it and drains the queue in batches through the session's engine, recording each
/// batch. It stops when the queue is empty, on cancel(), at the configured share of the Salesforce
/// API allowance, or when Salesforce refuses more calls.
class SyncRunner : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncRunner)

public:
    explicit SyncRunner(OrgSession *session, QObject *parent = nullptr);
    ~SyncRunner() override;

    [[nodiscard]] bool isBusy() const { return m_busy; }
    /// Starts the run; `reply` gets its summary or its error once it ends. While another run is
    /// under way nothing starts and `reply` gets an ErrorKind::Busy error at once.
    void run(const RunRequest &request, Reply<RunResult> reply);
    /// Stops the run in progress after the batch in flight.
    void cancel();

    /// The error a run request gets while another run is under way.
    [[nodiscard]] static Error busyError();

Q_SIGNALS:
    /// A run began (requested here or anywhere else): the observers' cue to show activity.
    void runStarted();
    void progress(int done, int total);
    /// What one batch came to (one signal per batch, never one per order).
    void batchFinished(const QList<OrderBridge::OrderOutcome> &outcomes);
    /// A run that started has ended: its summary or its error (the requester got the same answer).
    void runFinished(const OrderBridge::RunResult &result);

private:
    void begin(const RunRequest &request);
    void poll();
    void sweepComments(const QDateTime &changedSince);
    void queueCommented(QList<qint64> ids, const QHash<qint64, qint64> &marks);
    void pollFeed();
    /// The orders created since orders.sync_since, as JSON to queue; counts the others in the summary.
    QList<MagentoOrder> inScope(const QList<MagentoOrder> &orders);
    void rescan();
    void rescanNext(const std::shared_ptr<MagentoChangeCursor> &cursor);
    void backfill(const QDateTime &since, int page);
    void previewBackfill(const QDateTime &since);
    void syncOrders(const QStringList &incrementIds);
    void dryRun(const QStringList &incrementIds);
    void enqueueAndDrain(const QList<MagentoOrder> &orders, SyncTrigger trigger);
    /// Drains the queue through a BatchPipeline (overlapped: the next batch is taken and looked up while the
    /// current one's graphs are in flight), then ends the run.
    void drainStep();
    /// The pipeline's source: the next batch from the queue when its calls fit the allowance share (counting the
    /// orders in flight), or none (with the reason the run stops when nothing is in flight).
    void nextBatch(int ordersInFlight, std::function<void(std::optional<BatchPipeline::Batch>)> give);
    /// The drain ended: the run ends with its stop reason or error (once Magento's pages are in).
    void endDrain();
    // Magento is read page by page while the queue drains: the drain starts with the first page queued, and
    // waits for the next page when the queue runs dry before the last one.
    void beginReading();
    void ordersQueued();
    void endReading();
    /// Magento could not be read or its orders not queued: the run fails (after the batches in flight).
    void readFailed(const Error &error);
    void resumeParked();
    /// Reads the catalog SKUs of the bundle products of `orders` not read yet this session, then calls `then`.
    void withBundleSkus(const QList<QJsonObject> &orders, std::function<void()> then);
    /// Whether to read the org's limits before the next batch (the usage is unknown, or says the share is used).
    [[nodiscard]] bool shouldReadAllowance() const;
    /// Reads the org's limits (its reply updates the usage), then calls `then`.
    void readAllowance(std::function<void()> then);
    /// Salesforce calls a batch of `orders` may take, a deliberate overestimate.
    [[nodiscard]] static int estimatedCalls(int orders);
    /// How many orders the next batch may hold so that its calls stay under the share; 0: none.
    [[nodiscard]] static int ordersThatFit(const ApiUsage &usage, int sharePercent, int batchSize);
    void stopForAllowance(const ApiUsage &usage, int sharePercent);
    /// Records a batch's outcome; false when the run is to stop (its reason or error noted for endDrain()).
    bool recordBatch(const QList<SyncStore::Item> &items, int maxAttempts, Result<BatchOutcome> outcome);
    /// Ends the run with its summary (`stoppedBecause` empty when the queue was drained).
    void finish(const QString &stoppedBecause = {});
    void failRun(const Error &error);
    /// Records that Magento could not be read (the first such error of the run is kept).
    void noteSourceError(const Error &error);
    void end(const RunResult &result);
    [[nodiscard]] std::optional<Error> openStore();
    [[nodiscard]] static QString limitReached();

    OrgSession *m_session;
    std::unique_ptr<SyncStore> m_store;
    std::shared_ptr<Database> m_storeDatabase;
    Reply<RunResult> m_reply;
    bool m_busy = false;
    bool m_cancelled = false;
    bool m_allowanceAsked = false; ///< the org's limits were read this run
    QDateTime m_lastAllowanceRead;
    SyncRunSummary m_summary;
    int m_total = 0;
    int m_done = 0;
    Settings m_pollSettings;      ///< of the poll in progress (orders.sync_since, the re-scan window)
    QDateTime m_lastRescan;       ///< when this runner last re-scanned for late commits
    std::unique_ptr<BatchPipeline> m_pipeline;
    QHash<qint64, QList<SyncStore::Item>> m_batchItems; ///< queue rows of the batches taken, by pipeline tag
    qint64 m_nextTag = 0;
    std::optional<QString> m_stopReason; ///< why the drain stopped (empty: the queue is drained)
    std::optional<Error> m_drainError;   ///< what failed the run while draining
    bool m_reading = false;  ///< Magento's pages are being read and queued
    bool m_draining = false; ///< a pipeline drains the queue
    bool m_drainEnded = false; ///< the pipeline finished while pages were still read
    std::function<void(std::optional<BatchPipeline::Batch>)> m_parked; ///< the pipeline's ask, waiting for a page
};

} // namespace OrderBridge
