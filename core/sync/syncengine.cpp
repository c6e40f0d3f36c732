#include "sync/syncengine.h"

#include "common/logging.h"
#include "salesforce/recordgraphbuilder.h"
#include "salesforce/salesforceclient.h"
#include "sync/salesforcelookup.h"
#include "sync/syncplanner.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

struct BatchRun
{
    QList<QJsonObject> orders;
    SyncEngine::Config config;
    SyncEngine::Callback done;
    QList<SalesforceLookup::Query> queries;
    QList<QJsonObject> lookupReplies;
    BatchOutcome outcome;
};

namespace {

/// The records Salesforce holds for the order: their IDs, and for a dry run their values.
void fillLinkedRecords(OrderOutcome &out, const QJsonObject &order, const SalesforceSnapshot &snapshot, bool dryRun)
{
    if (auto it = snapshot.ordersByIncrementId.constFind(out.incrementId); it != snapshot.ordersByIncrementId.cend()) {
        out.orderId = it->id;
        out.accountId = it->accountId;
        out.opportunityId = it->opportunityId;
        if (dryRun) {
            QJsonObject fields = it->fields;
            fields.remove(u"Id"_s);
            fields.remove(u"StatusCode"_s);
            if (!it->status.isEmpty())
                fields.insert(u"Status"_s, it->status);
            out.existingRecords << ExistingRecord{u"Order"_s, it->id, out.incrementId, fields};
            for (auto item = it->itemsByExternalId.cbegin(); item != it->itemsByExternalId.cend(); ++item) {
                QJsonObject itemFields = item->fields;
                itemFields.remove(u"Id"_s);
                out.existingRecords << ExistingRecord{u"OrderItem"_s, item->id, item.key(), itemFields};
            }
        }
    }
    const QString email = order.value(u"customer_email"_s).toString().trimmed().toLower();
    const SfCustomer customer = snapshot.customersByEmail.value(email, snapshot.customersByKey.value(SyncPlanner::customerKey(order)));
    if (out.accountId.isEmpty())
        out.accountId = customer.accountId;
    out.contactId = customer.contactId;
    if (out.opportunityId.isEmpty())
        out.opportunityId = snapshot.opportunityIdsByIncrementId.value(out.incrementId);
}

/// The IDs of the records the graph wrote that the outcome names.
void readIds(OrderOutcome &o, const GraphResult &r)
{
    if (const auto *n = r.node(OrderPlan::kOrderRef.toString()); n && !n->id.isEmpty())
        o.orderId = n->id;
    if (const auto *n = r.node(OrderPlan::kAccountRef.toString()); n && !n->id.isEmpty())
        o.accountId = n->id;
    if (const auto *n = r.node(OrderPlan::kContactRef.toString()); n && !n->id.isEmpty())
        o.contactId = n->id;
    if (const auto *n = r.node(OrderPlan::kOpportunityRef.toString()); n && !n->id.isEmpty())
        o.opportunityId = n->id;
}

} // namespace

SyncEngine::SyncEngine(SalesforceClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

SyncEngine::~SyncEngine() = default;

void SyncEngine::syncBatch(const QList<QJsonObject> &orders, const Config &config, Callback done)
{
    auto run = std::make_shared<BatchRun>();
    run->orders = orders;
    run->config = config;
    run->done = std::move(done);
    auto queries = SalesforceLookup::queries(
        {orders, &run->config.settings, &run->config.mappings, &run->config.schema.order});
    if (!queries) {
        run->done(std::unexpected(queries.error()));
        return;
    }
    run->queries = *queries;
    if (run->queries.isEmpty()) {
        run->done(run->outcome);
        return;
    }
    runLookups(run, 0);
}

void SyncEngine::runLookups(const std::shared_ptr<BatchRun> &run, int next)
{
    if (next >= run->queries.size()) {
        planAndWrite(run);
        return;
    }
    if (!m_client) {
        run->done(fail(u"sync.no_client"_s, u"The Salesforce client is gone."_s));
        return;
    }
    const QList<SalesforceLookup::Query> chunk = run->queries.mid(next, SalesforceLookup::MaxQueriesPerCall);
    const QJsonObject body = SalesforceLookup::compositeBody(chunk, m_client->apiVersion());
    ++run->outcome.apiCalls;
    m_client->send("POST", m_client->dataPath() + u"composite"_s, QJsonDocument(body), true,
                   [this, run, next, size = int(chunk.size())](SalesforceResult<SalesforceClient::RawReply> reply) {
                       if (!reply) {
                           run->done(std::unexpected(reply.error().toError()));
                           return;
                       }
                       if (!reply->json.isObject()) {
                           run->done(fail(u"MALFORMED_RESPONSE"_s, u"The Salesforce lookup reply is not a JSON object."_s));
                           return;
                       }
                       run->lookupReplies << reply->json.object();
                       runLookups(run, next + size);
                   });
}

void SyncEngine::planAndWrite(const std::shared_ptr<BatchRun> &run)
{
    auto snapshot = SalesforceLookup::parse(run->lookupReplies, run->config.settings);
    if (!snapshot) {
        run->done(std::unexpected(snapshot.error()));
        return;
    }
    QList<CompositeGraph> graphs;
    QList<int> owners; // index into outcome.orders
    for (const QJsonObject &order : std::as_const(run->orders)) {
        std::optional<CompositeGraph> graph;
        run->outcome.orders << planOrder(order, *snapshot, run->config, &graph);
        if (graph && !run->config.dryRun) {
            graphs << std::move(*graph);
            owners << int(run->outcome.orders.size() - 1);
        }
    }
    if (graphs.isEmpty() || !m_client) {
        run->done(run->outcome);
        return;
    }
    writeGraphs(run, graphs, owners);
}

OrderOutcome SyncEngine::planOrder(const QJsonObject &order, const SalesforceSnapshot &snapshot, const Config &config,
                                   std::optional<CompositeGraph> *graph) const
{
    SyncPlanner::Input in;
    in.order = order;
    in.snapshot = &snapshot;
    in.settings = &config.settings;
    in.mappings = &config.mappings;
    in.schema = &config.schema;
    in.trigger = config.trigger;
    const OrderPlan plan = SyncPlanner::plan(in);

    OrderOutcome out;
    out.entityId = plan.entityId;
    out.incrementId = plan.incrementId;
    out.status = plan.status;
    out.reason = plan.reason;
    out.error = plan.error;
    out.notices = plan.notices;
    fillLinkedRecords(out, order, snapshot, config.dryRun);
    if (!plan.hasWrites())
        return out;
    Result<CompositeGraph> built = RecordGraphBuilder::graph(plan.writes);
    if (!built) {
        // A write Salesforce could not take (an external ID it cannot route, too many nodes):
        // the order fails before anything is sent.
        out.status = SyncStatus::Error;
        out.reason.clear();
        out.error = built.error();
        return out;
    }
    if (config.settings.allowDuplicateSave())
        built->setWriteHeader(u"Sforce-Duplicate-Rule-Header"_s, u"allowSave=true"_s);
    out.plannedWrites = plan.writes;
    *graph = std::move(*built);
    return out;
}

void SyncEngine::writeGraphs(const std::shared_ptr<BatchRun> &run, const QList<CompositeGraph> &graphs,
                             const QList<int> &owners)
{
    run->outcome.apiCalls += SalesforceClient::graphCalls(graphs);
    m_client->graphs(graphs, [run, owners](SalesforceResult<QList<GraphResult>> results) {
        applyGraphResults(*run, owners, results);
        run->done(run->outcome);
    });
}

void SyncEngine::applyGraphResults(BatchRun &run, const QList<int> &owners,
                                   const SalesforceResult<QList<GraphResult>> &results)
{
    if (!results) {
        // The writes' fate is unknown: every order of the batch stays Pending and is retried;
        // upserts and the note check make the retry safe.
        const Error error = results.error().toError();
        for (int owner : owners) {
            OrderOutcome &o = run.outcome.orders[owner];
            o.status = SyncStatus::Error;
            o.error = error;
        }
        return;
    }
    for (qsizetype i = 0; i < results->size() && i < owners.size(); ++i) {
        const GraphResult &r = results->at(i);
        OrderOutcome &o = run.outcome.orders[owners.at(i)];
        if (!r.isSuccessful) {
            const QList<SalesforceError> errors = r.rootErrors();
            const SalesforceError first = errors.isEmpty()
                ? SalesforceError::make(u"GRAPH_FAILED"_s, u"Salesforce rolled the order's writes back."_s)
                : errors.first();
            o.status = SyncStatus::Error;
            o.error = first.toError();
            continue;
        }
        o.wrote = true;
        readIds(o, r);
    }
}

} // namespace OrderBridge
