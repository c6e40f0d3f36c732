#pragma once

#include "common/error.h"
#include "mapping/fieldmapping.h"
#include "mapping/salesforceschema.h"
#include "settings/settings.h"
#include "salesforce/compositegraph.h"
#include "salesforce/graphresult.h"
#include "salesforce/writegroup.h"
#include "sync/batchoverlap.h"
#include "sync/bundleskus.h"
#include "sync/lookuppages.h"
#include "sync/orderplan.h"
#include "sync/salesforcesnapshot.h"
#include "sync/storeviews.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace OrderBridge {

class SalesforceClient;
struct BatchRun;

/// A record Salesforce holds for an order, as the batched lookup found it (for the order preview).
struct ExistingRecord
{
    QString object;     ///< "Order" or "OrderItem"
    QString id;         ///< Salesforce ID
    QString externalId; ///< Magento_ID__c (Order) or Magento_Item_ID__c (OrderItem) value
    QJsonObject fields; ///< the mapped fields' current values (Status included for the Order)
};

/// What one order's sync came to.
struct OrderOutcome
{
    qint64 entityId = 0;
    QString incrementId;
    SyncStatus status = SyncStatus::Pending;
    QString reason;
    Error error;
    QString orderId;
    QString accountId;
    QString contactId;
    QString opportunityId;
    QStringList notices;
    bool wrote = false;
    /// Whether Salesforce held the order's Order before this sync, and its Status then (the history says what changed).
    bool orderExisted = false;
    QString previousStatus;
    /// The planned record writes (for --dry-run and the order preview); empty when nothing is
    /// written or the order failed.
    WriteGroup plannedWrites;
    /// Headers each write carries (each graph node's httpHeaders): the duplicate rule header unless turned off.
    QJsonObject writeHeaders;
    /// The plan edits an Activated Order in place (see OrderPlan::editsActivatedInPlace).
    bool editsActivatedInPlace = false;
    /// The plan activates the Order (see OrderPlan::activatesOrder).
    bool activatesOrder = false;
    /// Dry runs only: the order's records Salesforce holds now (its Order and Order Products).
    QList<ExistingRecord> existingRecords;
};

/// The result of one batch.
struct BatchOutcome
{
    QList<OrderOutcome> orders;
    int apiCalls = 0; ///< Salesforce calls this batch made (lookup composites + graph payloads)
};

/// A batch whose lookup is done, to be planned and written by SyncEngine::write() (once).
struct PreparedBatch
{
    std::shared_ptr<BatchRun> run;
};

/// Runs the sync of a batch of Magento orders: one batched lookup, the planner per order, and all
/// writes as composite graphs (RecordGraphBuilder makes one graph per order's WriteGroup; the
/// client sends as many per call as the limits allow; an order with more than 500 writes goes in
/// parts of up to 500, one call each, its Status write in the last). A bad order fails alone: its error is
/// recorded and the others go on. Asynchronous; lives on the thread of the SalesforceClient it is given.
class SyncEngine : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncEngine)

public:
    using Callback = std::function<void(Result<BatchOutcome>)>;
    using LookupCallback = std::function<void(Result<PreparedBatch>)>;
    /// Called once a batch's writes are planned, as its graphs go out, with what they write.
    using SentCallback = std::function<void(const BatchOverlap &written)>;
    /// A batch's planning ended: nullopt when its graphs wait for send(), else the batch's outcome (nothing to
    /// write, or it failed).
    using PlannedCallback = std::function<void(std::optional<Result<BatchOutcome>>)>;

    struct Config
    {
        Settings settings;
        FieldMappingList mappings;
        SalesforceSchema schema;
        SyncTrigger trigger = SyncTrigger::Automatic;
        bool dryRun = false; ///< plan only: lookups are made, nothing is written
        StoreViews stores;   ///< order keys and time zones of the Magento store views
        BundleSkus bundleSkus; ///< the catalog SKUs of the batch's bundle products (BundleSkuResolver)
    };

    explicit SyncEngine(SalesforceClient *client, QObject *parent = nullptr);
    ~SyncEngine() override;

    /// Syncs up to 200 orders. `done` gets an error only when the batch as a whole could not run
    /// (Salesforce unreachable, lookup refused); per-order problems are in the outcomes.
    void syncBatch(const QList<QJsonObject> &orders, const Config &config, Callback done);
    /// The first half of syncBatch(): the batch's lookup, nothing written. `done` gets the batch for write(), or the
    /// error that stopped the lookup. Lookups of two batches may run side by side, and one beside another batch's
    /// writes when BatchOverlap allows it.
    void lookUp(const QList<QJsonObject> &orders, const Config &config, LookupCallback done);
    /// The second half: plans and writes a batch lookUp() prepared. `sent` (may be empty) is called when its graphs
    /// go out (not when nothing is written); `done` as for syncBatch(). One batch writes at a time.
    void write(const PreparedBatch &batch, SentCallback sent, Callback done);
    /// write() in two steps, so a batch can be planned while another one's graphs are in flight: plan() plans
    /// a looked-up batch and builds its graphs without sending them; send() sends them (once plan() answered
    /// nullopt).
    void plan(const PreparedBatch &batch, PlannedCallback planned);
    void send(const PreparedBatch &batch, SentCallback sent, Callback done);

private:
    [[nodiscard]] std::shared_ptr<BatchRun> prepare(const QList<QJsonObject> &orders, const Config &config);
    /// Builds the batch's queries and sends them; with none to send the batch is looked up at once, and when they
    /// cannot be built run->done is told.
    void startLookups(const std::shared_ptr<BatchRun> &run);
    void runLookups(const std::shared_ptr<BatchRun> &run, int next);
    /// Asks for the lookup's follow-up pages (next pages and child lists) until none is left, then plans.
    void followPages(const std::shared_ptr<BatchRun> &run);
    static void readFollowUps(LookupPages &pages, const QList<LookupPages::FollowUp> &asked, const QJsonObject &reply);
    void planAndWrite(const std::shared_ptr<BatchRun> &run);
    /// Whether a plan of the batch makes a new customer's Account (and the settings may want a Person Account).
    [[nodiscard]] static bool writesNewAccount(const BatchRun &run);
    /// Finds out whether the org has Person Accounts (Account's IsPersonAccount) and their record type, then plans.
    void checkPersonAccounts(const std::shared_ptr<BatchRun> &run);
    void planBatch(const std::shared_ptr<BatchRun> &run);
    /// Plans one order; a plan whose writes cannot become a graph fails that order alone.
    [[nodiscard]] OrderOutcome planOrder(const QJsonObject &order, const SalesforceSnapshot &snapshot,
                                         const Config &config, std::optional<CompositeGraph> *graph) const;
    void writeGraphs(const std::shared_ptr<BatchRun> &run, const QList<CompositeGraph> &graphs,
                     const QList<int> &owners);
    static void applyGraphResults(BatchRun &run, const QList<int> &owners,
                                  const SalesforceResult<QList<GraphResult>> &results);
    /// Orders too large for one graph, one after the other, each in parts (one call a part).
    void writeLargeOrders(const std::shared_ptr<BatchRun> &run, int next);
    void writeOrderPart(const std::shared_ptr<BatchRun> &run, int order, int part);

    QPointer<SalesforceClient> m_client;
    /// The org's person account record type once asked (empty: the org has no Person Accounts).
    std::optional<QString> m_personAccountRecordTypeId;
};

} // namespace OrderBridge
