#include "sync/syncengine.h"

#include "common/logging.h"
#include "salesforce/recordgraphbuilder.h"
#include "salesforce/salesforceclient.h"
#include "salesforce/soqlquery.h"
#include "sync/salesforcelookup.h"
#include "sync/syncplanner.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

struct BatchRun
{
    /// An order whose writes pass one graph: written part after part, one call each.
    struct LargeOrder
    {
        int owner = 0;
        QList<WriteGroup> parts;
        QHash<QString, QString> ids; ///< reference ID -> record ID of the parts written so far
    };

    QList<QJsonObject> orders;
    QList<LargeOrder> largeOrders;
    SyncEngine::Config config;
    SyncEngine::Callback done;
    QList<SalesforceLookup::Query> queries;
    LookupPages pages;
    QList<LookupPages::FollowUp> followUps; ///< pages handed out and not yet asked for
    SalesforceSnapshot snapshot;
    BatchOutcome outcome;
    /// Set by lookUp(): where the batch goes when its lookup is done, instead of on to planning.
    std::function<void(const std::shared_ptr<BatchRun> &)> lookedUp;
    SyncEngine::SentCallback sent;
    bool nothingToLookUp = false; ///< no query: an empty batch, its outcome is empty
    /// Set by plan(): the planned graphs wait here for send().
    SyncEngine::PlannedCallback planned;
    QList<CompositeGraph> graphs;
    QList<int> owners;
};

namespace {

/// The records Salesforce holds for the order: their IDs, and for a dry run their values.
void fillLinkedRecords(OrderOutcome &out, const QJsonObject &order, const SalesforceSnapshot &snapshot,
                       const SyncEngine::Config &config)
{
    const bool dryRun = config.dryRun;
    const QString key = config.stores.orderKey(order);
    if (auto it = snapshot.ordersByIncrementId.constFind(key); it != snapshot.ordersByIncrementId.cend()) {
        out.orderId = it->id;
        out.orderExisted = true;
        out.previousStatus = it->status;
        out.accountId = it->accountId;
        out.opportunityId = it->opportunityId;
        if (dryRun) {
            QJsonObject fields = it->fields;
            fields.remove(u"Id"_s);
            fields.remove(u"StatusCode"_s);
            if (!it->status.isEmpty())
                fields.insert(u"Status"_s, it->status);
            out.existingRecords << ExistingRecord{u"Order"_s, it->id, key, fields};
            for (auto item = it->itemsByExternalId.cbegin(); item != it->itemsByExternalId.cend(); ++item) {
                QJsonObject itemFields = item->fields;
                itemFields.remove(u"Id"_s);
                out.existingRecords << ExistingRecord{u"OrderItem"_s, item->id, item.key(), itemFields};
            }
        }
    }
    const QString email = order.value(u"customer_email"_s).toString().trimmed().toLower();
    const SfCustomer customer = snapshot.customersByEmail.contains(email)
        ? snapshot.customersByEmail.value(email)
        : SyncPlanner::customerByKey(snapshot, order).value_or(SfCustomer{});
    if (out.accountId.isEmpty())
        out.accountId = customer.accountId;
    out.contactId = customer.contactId;
    if (out.opportunityId.isEmpty())
        out.opportunityId = snapshot.opportunityIdsByIncrementId.value(key);
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

/// The error of a failed graph. A change to an Activated order that Salesforce refused names the
/// permission it needs: the plan kept the order Activated, so nothing else explains the refusal. So does
/// a refused activation: the planner activates only orders with products, in a Status write of its own.
Error graphError(const GraphResult &r, const OrderOutcome &o)
{
    const QList<SalesforceError> errors = r.rootErrors();
    SalesforceError first = errors.isEmpty()
        ? SalesforceError::make(u"GRAPH_FAILED"_s, u"Salesforce rolled the order's writes back."_s)
        : errors.first();
    static const QSet<QString> refusals{u"FIELD_INTEGRITY_EXCEPTION"_s, u"INSUFFICIENT_ACCESS_OR_READONLY"_s,
                                        u"INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY"_s, u"ENTITY_IS_LOCKED"_s};
    if (o.activatesOrder) {
        // Salesforce documents the permission, not the error it answers with: any refusal of the Status write.
        const auto *node = r.node(OrderPlan::kStatusRef.toString());
        if (node && !node->succeeded() && !node->errors.isEmpty() && refusals.contains(node->errors.first().errorCode)) {
            first = node->errors.first();
            first.hint = SalesforceError::activateOrderHint();
            return first.toError();
        }
    }
    if (!o.editsActivatedInPlace)
        return first.toError();
    for (const GraphResult::Node &node : r.nodes) {
        const RecordWrite *write = o.plannedWrites.write(node.referenceId);
        if (node.succeeded() || node.errors.isEmpty() || !write || write->operation != RecordWrite::Operation::Update)
            continue;
        if ((write->object == u"Order" || write->object == u"OrderItem")
            && refusals.contains(node.errors.first().errorCode)) {
            first = node.errors.first();
            first.hint = SalesforceError::activatedOrderEditHint();
            break;
        }
    }
    return first.toError();
}

/// Every ID a graph's nodes returned, by reference ID.
void collectIds(QHash<QString, QString> &ids, const GraphResult &r)
{
    for (const GraphResult::Node &node : r.nodes) {
        if (!node.id.isEmpty())
            ids.insert(node.referenceId, node.id);
    }
}

} // namespace

SyncEngine::SyncEngine(SalesforceClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

SyncEngine::~SyncEngine() = default;

std::shared_ptr<BatchRun> SyncEngine::prepare(const QList<QJsonObject> &orders, const Config &config)
{
    auto run = std::make_shared<BatchRun>();
    run->orders = orders;
    run->config = config;
    if (m_client) {
        // Writes outside a graph (none today, but the client's own calls) follow the same duplicate-rule choice.
        m_client->setWriteHeader("Sforce-Duplicate-Rule-Header",
                                 config.settings.allowDuplicateSave() ? QByteArray("allowSave=true") : QByteArray());
    }
    return run;
}

void SyncEngine::syncBatch(const QList<QJsonObject> &orders, const Config &config, Callback done)
{
    auto run = prepare(orders, config);
    run->done = std::move(done);
    startLookups(run);
}

void SyncEngine::lookUp(const QList<QJsonObject> &orders, const Config &config, LookupCallback done)
{
    auto run = prepare(orders, config);
    run->lookedUp = [done](const std::shared_ptr<BatchRun> &looked) { done(PreparedBatch{looked}); };
    run->done = [done](Result<BatchOutcome> outcome) {
        // Only a failed lookup ends here before write() takes the batch over.
        done(std::unexpected(outcome ? Error{u"sync.lookup"_s, u"The lookup ended without a result."_s, {}, {}, ErrorKind::Failed}
                                     : outcome.error()));
    };
    startLookups(run);
}

void SyncEngine::write(const PreparedBatch &batch, SentCallback sent, Callback done)
{
    plan(batch, [this, batch, sent = std::move(sent), done = std::move(done)](std::optional<Result<BatchOutcome>> planned) mutable {
        if (planned) {
            done(std::move(*planned));
            return;
        }
        send(batch, std::move(sent), std::move(done));
    });
}

void SyncEngine::plan(const PreparedBatch &batch, PlannedCallback planned)
{
    const std::shared_ptr<BatchRun> run = batch.run;
    if (!run) {
        planned(Result<BatchOutcome>(fail(u"sync.no_batch"_s, u"The batch was not looked up."_s)));
        return;
    }
    if (run->nothingToLookUp) {
        planned(Result<BatchOutcome>(run->outcome));
        return;
    }
    run->planned = planned;
    // Until send(), an end of the batch (nothing to write, a failed step) is planning's answer.
    run->done = [weak = std::weak_ptr<BatchRun>(run)](Result<BatchOutcome> outcome) {
        const auto run = weak.lock();
        if (!run)
            return;
        if (auto answer = std::exchange(run->planned, {}))
            answer(std::move(outcome));
    };
    planAndWrite(run);
}

void SyncEngine::send(const PreparedBatch &batch, SentCallback sent, Callback done)
{
    const std::shared_ptr<BatchRun> run = batch.run;
    if (!run || !m_client) {
        done(fail(u"sync.no_client"_s, u"The Salesforce client is gone."_s));
        return;
    }
    run->done = std::move(done);
    run->sent = std::move(sent);
    writeGraphs(run, std::exchange(run->graphs, {}), std::exchange(run->owners, {}));
}

void SyncEngine::startLookups(const std::shared_ptr<BatchRun> &run)
{
    const QList<QJsonObject> &orders = run->orders;
    auto queries = SalesforceLookup::queries({orders, &run->config.settings, &run->config.mappings,
                                              &run->config.schema.order, &run->config.stores,
                                              m_client ? m_client->orgCurrency() : QString(),
                                              m_client ? m_client->currencyDecimals() : QHash<QString, int>(),
                                              &run->config.bundleSkus});
    if (!queries) {
        run->done(std::unexpected(queries.error()));
        return;
    }
    run->queries = *queries;
    if (run->queries.isEmpty()) {
        run->nothingToLookUp = true;
        if (run->lookedUp)
            std::exchange(run->lookedUp, {})(run);
        else
            run->done(run->outcome);
        return;
    }
    runLookups(run, 0);
}

void SyncEngine::runLookups(const std::shared_ptr<BatchRun> &run, int next)
{
    if (next >= run->queries.size()) {
        followPages(run);
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
                       if (auto added = run->pages.addComposite(reply->json.object()); !added) {
                           run->done(std::unexpected(added.error()));
                           return;
                       }
                       runLookups(run, next + size);
                   });
}

void SyncEngine::followPages(const std::shared_ptr<BatchRun> &run)
{
    if (run->followUps.isEmpty())
        run->followUps = run->pages.takePending();
    if (run->followUps.isEmpty()) {
        if (run->lookedUp) {
            std::exchange(run->lookedUp, {})(run);
            return;
        }
        planAndWrite(run);
        return;
    }
    if (!m_client) {
        run->done(fail(u"sync.no_client"_s, u"The Salesforce client is gone."_s));
        return;
    }
    // Pages go in composite calls of up to five queries each, in the order they were handed out.
    const QList<LookupPages::FollowUp> chunk = run->followUps.mid(0, SalesforceLookup::MaxQueriesPerCall);
    run->followUps.remove(0, chunk.size());
    QJsonArray requests;
    for (const LookupPages::FollowUp &f : chunk) {
        requests.append(QJsonObject{{u"method"_s, u"GET"_s}, {u"url"_s, f.url}, {u"referenceId"_s, u"page%1"_s.arg(f.id)}});
    }
    const QJsonObject body{{u"allOrNone"_s, false}, {u"compositeRequest"_s, requests}};
    ++run->outcome.apiCalls;
    m_client->send("POST", m_client->dataPath() + u"composite"_s, QJsonDocument(body), true,
                   [this, run, chunk](SalesforceResult<SalesforceClient::RawReply> reply) {
                       if (!reply) {
                           run->done(std::unexpected(reply.error().toError()));
                           return;
                       }
                       readFollowUps(run->pages, chunk, reply->json.object());
                       followPages(run);
                   });
}

void SyncEngine::readFollowUps(LookupPages &pages, const QList<LookupPages::FollowUp> &asked, const QJsonObject &reply)
{
    QHash<QString, QJsonObject> byRef;
    for (const QJsonValue &v : reply.value(u"compositeResponse"_s).toArray())
        byRef.insert(v.toObject().value(u"referenceId"_s).toString(), v.toObject());
    for (const LookupPages::FollowUp &f : asked) {
        const QJsonObject sub = byRef.value(u"page%1"_s.arg(f.id));
        const int status = sub.value(u"httpStatusCode"_s).toInt();
        if (status >= 200 && status < 300 && sub.value(u"body"_s).isObject()) {
            pages.addFollowUp(f.id, sub.value(u"body"_s).toObject());
            continue;
        }
        const QJsonObject first = sub.value(u"body"_s).toArray().first().toObject();
        const QString code = first.value(u"errorCode"_s).toString(u"MALFORMED_RESPONSE"_s);
        const QString message = first.value(u"message"_s).toString(u"no page in the reply"_s);
        pages.addFollowUp(f.id, fail(code, u"Salesforce did not return a follow-up page of the lookup (HTTP %1): %2"_s.arg(status).arg(message),
                                     u"Sync again; if it persists, lower engine.batch_size."_s));
    }
}

void SyncEngine::planAndWrite(const std::shared_ptr<BatchRun> &run)
{
    auto snapshot = SalesforceLookup::parse(run->pages, run->config.settings);
    if (!snapshot) {
        run->done(std::unexpected(snapshot.error()));
        return;
    }
    run->snapshot = std::move(*snapshot);
    if (m_client && run->snapshot.orgCurrency.isEmpty())
        run->snapshot.orgCurrency = m_client->orgCurrency();
    else if (m_client)
        m_client->setOrgCurrency(run->snapshot.orgCurrency);
    if (m_client && run->snapshot.currencyDecimals.isEmpty())
        run->snapshot.currencyDecimals = m_client->currencyDecimals();
    else if (m_client)
        m_client->setCurrencyDecimals(run->snapshot.currencyDecimals);
    if (m_client && !m_personAccountRecordTypeId && writesNewAccount(*run)) {
        checkPersonAccounts(run);
        return;
    }
    planBatch(run);
}

bool SyncEngine::writesNewAccount(const BatchRun &run)
{
    if (run.config.settings.personAccounts() == PersonAccountsMode::No)
        return false;
    for (const QJsonObject &order : run.orders) {
        SyncPlanner::Input in;
        in.order = order;
        in.snapshot = &run.snapshot;
        in.settings = &run.config.settings;
        in.mappings = &run.config.mappings;
        in.schema = &run.config.schema;
        in.trigger = run.config.trigger;
        in.bundleSkus = &run.config.bundleSkus;
        const OrderPlan plan = SyncPlanner::plan(in);
        for (const RecordWrite &w : plan.writes.writes) {
            if (w.referenceId == OrderPlan::kAccountRef)
                return true;
        }
    }
    return false;
}

void SyncEngine::checkPersonAccounts(const std::shared_ptr<BatchRun> &run)
{
    // Asked once per engine, and only when a batch makes a new customer: Account's describe is cached by the client.
    m_client->describe(u"Account"_s, [this, run](SalesforceResult<SObjectDescribe> account) {
        if (!account) {
            run->done(std::unexpected(account.error().toError()));
            return;
        }
        if (!account->field(u"IsPersonAccount"_s) || !m_client) {
            m_personAccountRecordTypeId = QString();
            planBatch(run);
            return;
        }
        ++run->outcome.apiCalls;
        SoqlQuery types(u"RecordType"_s);
        types.select({u"Id"_s, u"DeveloperName"_s})
            .whereEquals(u"SobjectType"_s, u"Account"_s)
            .whereEquals(u"IsPersonType"_s, true)
            .whereEquals(u"IsActive"_s, true);
        m_client->query(types, [this, run](SalesforceResult<QList<QJsonObject>> rows) {
            if (!rows) {
                run->done(std::unexpected(rows.error().toError()));
                return;
            }
            // The standard one (DeveloperName PersonAccount) when an admin added others.
            QString id = rows->isEmpty() ? QString() : rows->first().value(u"Id"_s).toString();
            for (const QJsonObject &r : std::as_const(*rows)) {
                if (r.value(u"DeveloperName"_s).toString() == u"PersonAccount"_s)
                    id = r.value(u"Id"_s).toString();
            }
            m_personAccountRecordTypeId = id;
            planBatch(run);
        });
    });
}

void SyncEngine::planBatch(const std::shared_ptr<BatchRun> &run)
{
    const PersonAccountsMode mode = run->config.settings.personAccounts();
    if (m_personAccountRecordTypeId && mode != PersonAccountsMode::No) {
        run->snapshot.personAccountRecordTypeId = *m_personAccountRecordTypeId;
        run->snapshot.personAccountsMissing = mode == PersonAccountsMode::Yes && m_personAccountRecordTypeId->isEmpty();
    }
    const SalesforceSnapshot *snapshot = &run->snapshot;
    QList<CompositeGraph> graphs;
    QList<int> owners; // index into outcome.orders
    for (const QJsonObject &order : std::as_const(run->orders)) {
        std::optional<CompositeGraph> graph;
        run->outcome.orders << planOrder(order, *snapshot, run->config, &graph);
        if (const auto gap = SalesforceLookup::gapFor(order, *snapshot, &run->config.stores, &run->config.bundleSkus)) {
            // What Salesforce holds for this order is not fully known: writing could duplicate records.
            OrderOutcome &out = run->outcome.orders.last();
            out.status = SyncStatus::Error;
            out.reason.clear();
            out.error = *gap;
            out.plannedWrites = {};
            continue;
        }
        const int owner = int(run->outcome.orders.size() - 1);
        const WriteGroup &writes = run->outcome.orders.last().plannedWrites;
        if (run->config.dryRun)
            continue;
        if (graph) {
            graphs << std::move(*graph);
            owners << owner;
        } else if (writes.writes.size() > CompositeGraph::MaxNodes) {
            run->largeOrders << BatchRun::LargeOrder{owner, RecordGraphBuilder::split(writes), {}};
        }
    }
    if (!m_client || (graphs.isEmpty() && run->largeOrders.isEmpty())) {
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
    in.stores = &config.stores;
    in.bundleSkus = &config.bundleSkus;
    const OrderPlan plan = SyncPlanner::plan(in);

    OrderOutcome out;
    out.entityId = plan.entityId;
    out.incrementId = plan.incrementId;
    out.status = plan.status;
    out.reason = plan.reason;
    out.error = plan.error;
    out.notices = plan.notices;
    fillLinkedRecords(out, order, snapshot, config);
    out.editsActivatedInPlace = plan.editsActivatedInPlace;
    out.activatesOrder = plan.activatesOrder;
    if (!plan.hasWrites())
        return out;
    // An order with more writes than a graph holds is written in parts (writeLargeOrders); each part
    // must be a graph Salesforce can take.
    if (config.settings.allowDuplicateSave())
        out.writeHeaders.insert(u"Sforce-Duplicate-Rule-Header"_s, u"allowSave=true"_s);
    const QList<WriteGroup> parts = RecordGraphBuilder::split(plan.writes);
    Result<CompositeGraph> built = RecordGraphBuilder::graph(parts.first(), out.writeHeaders);
    for (qsizetype i = 1; built && i < parts.size(); ++i)
        built = RecordGraphBuilder::graph(parts.at(i), out.writeHeaders);
    if (!built) {
        // A write Salesforce could not take (an external ID it cannot route, too many nodes):
        // the order fails before anything is sent.
        out.status = SyncStatus::Error;
        out.reason.clear();
        out.error = built.error();
        return out;
    }
    out.plannedWrites = plan.writes;
    if (parts.size() == 1)
        *graph = std::move(*built);
    return out;
}

void SyncEngine::writeGraphs(const std::shared_ptr<BatchRun> &run, const QList<CompositeGraph> &graphs,
                             const QList<int> &owners)
{
    if (run->planned) {
        // Planned: the graphs wait for send().
        run->graphs = graphs;
        run->owners = owners;
        std::exchange(run->planned, {})(std::nullopt);
        return;
    }
    if (run->sent) {
        // The graphs go out in this event-loop turn: the next batch's lookup may go with them.
        std::exchange(run->sent, {})(BatchOverlap::writtenBy(run->orders, run->outcome.orders, run->config.stores,
                                                             run->config.bundleSkus));
    }
    if (graphs.isEmpty()) {
        writeLargeOrders(run, 0);
        return;
    }
    run->outcome.apiCalls += SalesforceClient::graphCalls(graphs);
    m_client->setGraphConcurrency(run->config.settings.concurrentCalls());
    m_client->graphs(graphs, [this, run, owners](SalesforceResult<QList<GraphResult>> results) {
        applyGraphResults(*run, owners, results);
        writeLargeOrders(run, 0);
    });
}

void SyncEngine::writeLargeOrders(const std::shared_ptr<BatchRun> &run, int next)
{
    if (next >= run->largeOrders.size() || !m_client) {
        run->done(run->outcome);
        return;
    }
    writeOrderPart(run, next, 0);
}

// The parts of one order go in sequence, each after the previous one succeeded: a new Order is
// inserted as Draft by the first part and activated by the last one (the planner puts the Status
// write last), so a failure midway leaves a Draft order whose next sync upserts the rest.
void SyncEngine::writeOrderPart(const std::shared_ptr<BatchRun> &run, int order, int part)
{
    BatchRun::LargeOrder &large = run->largeOrders[order];
    OrderOutcome &o = run->outcome.orders[large.owner];
    const Result<WriteGroup> resolved = RecordGraphBuilder::resolve(large.parts.at(part), large.ids);
    const Result<CompositeGraph> graph = resolved ? RecordGraphBuilder::graph(*resolved, o.writeHeaders)
                                                  : Result<CompositeGraph>(std::unexpected(resolved.error()));
    if (!graph) {
        o.status = SyncStatus::Error;
        o.error = graph.error();
        writeLargeOrders(run, order + 1);
        return;
    }
    ++run->outcome.apiCalls;
    m_client->graphs({*graph}, [this, run, order, part](SalesforceResult<QList<GraphResult>> results) {
        BatchRun::LargeOrder &large = run->largeOrders[order];
        OrderOutcome &o = run->outcome.orders[large.owner];
        if (results && !results->isEmpty())
            run->outcome.apiCalls += results->first().lockRetries;
        if (!results || results->isEmpty() || !results->first().isSuccessful) {
            o.status = SyncStatus::Error;
            o.error = !results ? results.error().toError()
                : results->isEmpty() ? Error{u"GRAPH_FAILED"_s, u"Salesforce answered without a graph result."_s, {}, {}, ErrorKind::Failed}
                                     : graphError(results->first(), o);
            if (part > 0) {
                o.error.message = u"Salesforce wrote %1 of the %2 parts of this order, then refused part %3: %4"_s.arg(
                    QString::number(part), QString::number(large.parts.size()), QString::number(part + 1),
                    o.error.message);
            }
            writeLargeOrders(run, order + 1);
            return;
        }
        collectIds(large.ids, results->first());
        readIds(o, results->first());
        if (part + 1 < large.parts.size()) {
            writeOrderPart(run, order, part + 1);
            return;
        }
        o.wrote = true;
        writeLargeOrders(run, order + 1);
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
    for (const GraphResult &r : *results)
        run.outcome.apiCalls += r.lockRetries;
    for (qsizetype i = 0; i < results->size() && i < owners.size(); ++i) {
        const GraphResult &r = results->at(i);
        OrderOutcome &o = run.outcome.orders[owners.at(i)];
        if (!r.isSuccessful) {
            o.status = SyncStatus::Error;
            o.error = graphError(r, o);
            continue;
        }
        o.wrote = true;
        readIds(o, r);
    }
}

} // namespace OrderBridge
