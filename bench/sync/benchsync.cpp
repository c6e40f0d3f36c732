// Benchmark of the sync engine against orderbridge-sandbox: how many Salesforce API calls (as Salesforce bills
// them against the daily allowance) a backfill of the whole store costs through SyncEngine (one batched lookup and
// composite graphs per batch of 200 orders), and, in the same run on the same orders after a reset of the org, the
// same writes made one REST call per record, as simple integrations do. Prints one table and the command line.
//
//   orderbridge-bench-sync [--orders N] [--seed N] [--batch N] [--min-lines N] [--min-comments N] [--limit N]
//                          [--concurrency C] [--no-per-record] [--latency-ms MS] [--nagle] [--concurrent-calls N]
//                          [--tls] [--compare | --sequential] [--sandbox PATH]
//
// --compare runs the sequential engine (each batch's lookup, then its graphs) and the overlapped one (the next
// batch's lookup beside the current batch's graphs, see BatchPipeline) on the same orders, the org reset in between.
//
// The benchmark drives its steps one after another and waits for each with a local event loop: it is a
// command-line measurement, not product code.

#include "../common/cputime.h"
#include "../../tests/common/throwawayca.h"
#include "common/tcpnodelay.h"
#include "magento/magentoclient.h"
#include "mapping/defaultmappings.h"
#include "mapping/mappingevaluator.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "mapping/salesforceschema.h"
#include "salesforce/sobjectdescribe.h"
#include "salesforce/salesforceauthenticator.h"
#include "salesforce/salesforceclient.h"
#include "salesforce/soql.h"
#include "salesforce/soqlquery.h"
#include "sync/batchpipeline.h"
#include "sync/syncengine.h"
#include "sync/syncplanner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QProcess>
#include <QSet>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

constexpr int kStepTimeoutMs = 30 * 60 * 1000;

/// User + system CPU seconds this process (the client: engine, JSON, HTTP) has used so far.
double processCpuSeconds()
{
    return rusageSeconds(RUSAGE_SELF);
}

/// Starts an asynchronous call and waits for its callback (or the timeout) in a local event loop.
template<typename R, typename Start>
std::optional<R> await(Start start, int timeoutMs = kStepTimeoutMs)
{
    auto result = std::make_shared<std::optional<R>>();
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    QPointer<QEventLoop> guard(&loop);
    start([result, guard](R r) {
        *result = std::move(r);
        if (guard)
            guard->quit();
    });
    if (!result->has_value())
        loop.exec();
    return *result;
}

QJsonObject httpJson(QNetworkAccessManager &network, const QUrl &url, const QByteArray &method)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = network.sendCustomRequest(request, method, method == "POST" ? QByteArrayLiteral("{}") : QByteArray());
    const auto body = await<QByteArray>([reply](auto done) {
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, done] { done(reply->readAll()); });
    });
    reply->deleteLater();
    return body ? QJsonDocument::fromJson(*body).object() : QJsonObject();
}

/// What the Salesforce emulator billed: its api_calls and the calls per route.
struct Usage
{
    qint64 apiCalls = 0;
    std::map<QString, qint64> byRoute;

    [[nodiscard]] Usage minus(const Usage &before) const
    {
        Usage d;
        d.apiCalls = apiCalls - before.apiCalls;
        for (const auto &[route, n] : byRoute) {
            const auto it = before.byRoute.find(route);
            const qint64 delta = n - (it == before.byRoute.end() ? 0 : it->second);
            if (delta != 0)
                d.byRoute[route] = delta;
        }
        return d;
    }
};

/// The figures of one mode.
struct ModeResult
{
    QString name;
    int orders = 0;
    int inSync = 0;
    int errors = 0;
    int otherStatus = 0;
    QStringList firstErrors;
    Usage usage;
    double seconds = 0;
    double clientCpuSeconds = 0; ///< this process's user + system CPU time during the run
    qint64 clientRequests = 0;
    // Verification by SOQL after the run (org counts minus the seeded baseline).
    qint64 sfOrders = -1;
    qint64 sfOrdersDistinct = -1;
    qint64 sfOrdersOfRun = -1;
    qint64 sfOrderItems = -1;
    qint64 sfNotes = -1;
    qint64 countStarOrder = -1;
};

struct Counts
{
    qint64 orders = -1;
    qint64 items = -1;
    qint64 notes = -1;
};

class Harness
{
public:
    Harness(QNetworkAccessManager *network, SalesforceClient *client, QUrl salesforceBase)
        : m_network(network)
        , m_client(client)
        , m_base(std::move(salesforceBase))
    {
    }

    Usage usage()
    {
        const QJsonObject stats = httpJson(*m_network, m_base.resolved(QUrl(u"/__sandbox/stats"_s)), "GET");
        Usage u;
        u.apiCalls = qint64(stats.value(u"api_calls"_s).toDouble(-1));
        const QJsonObject routes = stats.value(u"by_route"_s).toObject();
        for (auto it = routes.begin(); it != routes.end(); ++it)
            u.byRoute[it.key()] = qint64(it.value().toDouble());
        return u;
    }

    bool resetOrg()
    {
        return httpJson(*m_network, m_base.resolved(QUrl(u"/__sandbox/reset"_s)), "POST").value(u"reset"_s).toBool();
    }

    /// totalSize of a SOQL COUNT() statement (a constant without user data).
    qint64 countOf(const QString &soql)
    {
        const QString path = m_client->dataPath() + u"query?q="_s + QString::fromLatin1(QUrl::toPercentEncoding(soql));
        const auto reply = await<SalesforceResult<SalesforceClient::RawReply>>(
            [&](auto done) { m_client->send("GET", path, QJsonDocument(), true, done); });
        if (!reply || !reply->has_value()) {
            std::fprintf(stderr, "query failed: %s: %s\n", qPrintable(soql),
                         reply ? qPrintable((*reply).error().toError().toString()) : "timeout");
            return -1;
        }
        return qint64((*reply)->json.object().value(u"totalSize"_s).toDouble(-1));
    }

    Counts counts()
    {
        return {countOf(u"SELECT COUNT() FROM Order"_s), countOf(u"SELECT COUNT() FROM OrderItem"_s),
                countOf(u"SELECT COUNT() FROM Note"_s)};
    }

    /// Every Order's Magento_ID__c: how many Orders, how many belong to the run, how many distinct IDs of the run.
    void verifyOrders(const QSet<QString> &incrementIds, ModeResult *r)
    {
        const auto rows = await<SalesforceResult<QList<QJsonObject>>>(
            [&](auto done) { m_client->queryText(u"SELECT Magento_ID__c FROM Order"_s, done); });
        if (!rows || !rows->has_value()) {
            std::fprintf(stderr, "reading the Orders failed\n");
            return;
        }
        QSet<QString> distinct; // Magento_ID__c values of this run's orders
        qint64 ofRun = 0;
        for (const QJsonObject &row : **rows) {
            const QString id = row.value(u"Magento_ID__c"_s).toString();
            if (incrementIds.contains(id)) {
                ++ofRun;
                distinct.insert(id);
            }
        }
        r->sfOrders = (*rows)->size();
        r->sfOrdersDistinct = distinct.size();
        r->sfOrdersOfRun = ofRun;
    }

private:
    QNetworkAccessManager *m_network;
    SalesforceClient *m_client;
    QUrl m_base;
};

QString customerName(const QJsonObject &order, QString *first, QString *last)
{
    const QJsonObject billing = order.value(u"billing_address"_s).toObject();
    *first = order.value(u"customer_firstname"_s).toString(billing.value(u"firstname"_s).toString()).trimmed();
    *last = order.value(u"customer_lastname"_s).toString(billing.value(u"lastname"_s).toString()).trimmed();
    if (last->isEmpty())
        *last = order.value(u"customer_email"_s).toString().trimmed();
    return QString(*first + u' ' + *last).trimmed();
}

/// The per-record mode: each order as a chain of single-record REST calls. Orders of the same customer e-mail go
/// through the same worker, one after another, so a Contact is never created twice; workers run side by side.
class PerRecordSync : public QObject
{
public:
    PerRecordSync(SalesforceClient *client, Settings settings, FieldMappingList mappings, SalesforceSchema schema)
        : m_client(client)
        , m_settings(std::move(settings))
        , m_mappings(std::move(mappings))
        , m_schema(std::move(schema))
    {
    }

    struct Outcome
    {
        QString incrementId;
        std::optional<Error> error;
    };

    void run(const QList<QJsonObject> &orders, int workers, std::function<void(QList<Outcome>)> done)
    {
        m_done = std::move(done);
        m_outcomes.clear();
        m_outcomes.resize(orders.size());
        m_queues = QList<QList<int>>(workers);
        for (qsizetype i = 0; i < orders.size(); ++i) {
            const QString email = orders.at(i).value(u"customer_email"_s).toString().trimmed().toLower();
            m_queues[int(qHash(email) % uint(workers))] << int(i);
        }
        m_orders = orders;
        m_active = 0;
        // The configured price book, found once (billed like any query).
        auto pricebook = SoqlQuery(u"Pricebook2"_s)
                             .select({u"Id"_s})
                             .whereEquals(u"Name"_s, m_settings.priceBook())
                             .whereEquals(u"IsActive"_s, true)
                             .limit(1);
        m_client->query(pricebook, [this, workers](SalesforceResult<QList<QJsonObject>> rows) {
            if (!rows || rows->isEmpty()) {
                std::fprintf(stderr, "per-record: price book '%s' not found\n", qPrintable(m_settings.priceBook()));
                m_done({});
                return;
            }
            m_pricebookId = rows->first().value(u"Id"_s).toString();
            for (int w = 0; w < workers; ++w) {
                ++m_active;
                next(w, 0);
            }
        });
    }

private:
    struct Job
    {
        int worker = 0;
        int position = 0;
        int index = 0;
        QJsonObject order;
        QString email;
        QString key;
        QList<QJsonObject> lines;
        QList<QJsonObject> comments;
        QString accountId;
        QString orderId;
        QString orderExternalId;
        QString targetStatus;
        int step = 0;
    };

    void next(int worker, int position)
    {
        if (position >= m_queues.at(worker).size()) {
            if (--m_active == 0)
                m_done(m_outcomes);
            return;
        }
        auto job = std::make_shared<Job>();
        job->worker = worker;
        job->position = position;
        job->index = m_queues.at(worker).at(position);
        job->order = m_orders.at(job->index);
        job->email = job->order.value(u"customer_email"_s).toString().trimmed().toLower();
        job->key = SyncPlanner::customerKey(job->order);
        job->lines = SyncPlanner::billedLines(job->order);
        job->comments = SyncPlanner::comments(job->order);
        job->orderExternalId = job->order.value(u"increment_id"_s).toString();
        m_outcomes[job->index].incrementId = job->orderExternalId;
        auto status = MappingEvaluator::salesforceStatus(job->order.value(u"status"_s).toString(), m_mappings);
        if (!status) {
            finish(job, status.error());
            return;
        }
        job->targetStatus = *status;
        if (job->lines.isEmpty())
            job->targetStatus = m_settings.defaultStatus();
        findContact(job);
    }

    void finish(const std::shared_ptr<Job> &job, std::optional<Error> error)
    {
        m_outcomes[job->index].error = std::move(error);
        // Next order of this worker from the event loop, so that long chains do not deepen the stack.
        QTimer::singleShot(0, this, [this, worker = job->worker, position = job->position] { next(worker, position + 1); });
    }

    void findContact(const std::shared_ptr<Job> &job)
    {
        auto q = SoqlQuery(u"Contact"_s).select({u"Id"_s, u"AccountId"_s}).whereEquals(u"Email"_s, job->email).limit(1);
        m_client->query(q, [this, job](SalesforceResult<QList<QJsonObject>> rows) {
            if (!rows)
                return finish(job, rows.error().toError());
            if (!rows->isEmpty() && !rows->first().value(u"AccountId"_s).toString().isEmpty()) {
                job->accountId = rows->first().value(u"AccountId"_s).toString();
                return resolveEntries(job, 0);
            }
            createAccount(job, rows->isEmpty());
        });
    }

    void createAccount(const std::shared_ptr<Job> &job, bool createContact)
    {
        QString first;
        QString last;
        const QString fullName = customerName(job->order, &first, &last);
        const QString company = job->order.value(u"billing_address"_s).toObject().value(u"company"_s).toString().trimmed();
        const QJsonObject account{{u"Name"_s, (company.isEmpty() ? fullName : company).left(255)},
                                  {u"Magento_ID__c"_s, job->key}};
        m_client->create(u"Account"_s, account, [this, job, createContact, first, last](SalesforceResult<SaveResult> saved) {
            if (!saved)
                return finish(job, saved.error().toError());
            job->accountId = saved->id;
            if (!createContact)
                return resolveEntries(job, 0);
            QJsonObject contact{{u"AccountId"_s, job->accountId},
                                {u"LastName"_s, last.left(80)},
                                {u"Email"_s, job->email},
                                {u"Magento_ID__c"_s, job->key}};
            if (!first.isEmpty())
                contact.insert(u"FirstName"_s, first.left(40));
            m_client->create(u"Contact"_s, contact, [this, job](SalesforceResult<SaveResult> c) {
                if (!c)
                    return finish(job, c.error().toError());
                resolveEntries(job, 0);
            });
        });
    }

    /// Price book entries of the order's SKUs, one query per SKU not seen before.
    void resolveEntries(const std::shared_ptr<Job> &job, int line)
    {
        for (; line < job->lines.size(); ++line) {
            if (!m_entries.contains(job->lines.at(line).value(u"sku"_s).toString()))
                break;
        }
        if (line >= job->lines.size())
            return upsertOrder(job);
        const QString sku = job->lines.at(line).value(u"sku"_s).toString();
        auto q = SoqlQuery(u"PricebookEntry"_s)
                     .select({u"Id"_s})
                     .whereEquals(u"Pricebook2Id"_s, m_pricebookId)
                     .whereEquals(u"Product2.ProductCode"_s, sku)
                     .whereEquals(u"IsActive"_s, true)
                     .limit(1);
        m_client->query(q, [this, job, line, sku](SalesforceResult<QList<QJsonObject>> rows) {
            if (!rows)
                return finish(job, rows.error().toError());
            if (rows->isEmpty()) {
                return finish(job, Error{u"sync.price_entry_missing"_s,
                                         u"No active price book entry for SKU %1."_s.arg(sku), {}, {}});
            }
            m_entries.insert(sku, rows->first().value(u"Id"_s).toString());
            resolveEntries(job, line + 1);
        });
    }

    void upsertOrder(const std::shared_ptr<Job> &job)
    {
        const EvaluationContext context{{FieldMapping::kAccountIdSource.toString(), job->accountId},
                                        {FieldMapping::kPricebookIdSource.toString(), m_pricebookId}};
        const MappingEvaluation values =
            MappingEvaluator::evaluateOrder(job->order, m_mappings, m_schema.order, WriteOperation::Insert, context);
        if (values.hasErrors()) {
            return finish(job, Error{u"mapping.value_invalid"_s,
                                     u"Order fields could not be converted (%1)."_s.arg(values.errors.first().message), {}, {}});
        }
        QJsonObject fields = values.values;
        fields.remove(u"Magento_ID__c"_s);
        fields.insert(u"Status"_s, m_settings.defaultStatus());
        m_client->upsert(u"Order"_s, u"Magento_ID__c"_s, job->orderExternalId, fields,
                         [this, job](SalesforceResult<SaveResult> saved) {
                             if (!saved)
                                 return finish(job, saved.error().toError());
                             job->orderId = saved->id;
                             upsertItem(job, 0);
                         });
    }

    void upsertItem(const std::shared_ptr<Job> &job, int line)
    {
        if (line >= job->lines.size())
            return createNote(job, 0);
        const QJsonObject item = job->lines.at(line);
        const QString sku = item.value(u"sku"_s).toString();
        const EvaluationContext context{{FieldMapping::kOrderIdSource.toString(), job->orderId},
                                        {FieldMapping::kPricebookEntryIdSource.toString(), m_entries.value(sku)}};
        const MappingEvaluation values =
            MappingEvaluator::evaluateItem(item, m_mappings, m_schema.orderItem, WriteOperation::Insert, context);
        if (values.hasErrors()) {
            return finish(job, Error{u"mapping.value_invalid"_s,
                                     u"Order Product fields for %1 could not be converted (%2)."_s.arg(
                                         sku, values.errors.first().message),
                                     {},
                                     {}});
        }
        QJsonObject fields = values.values;
        QString externalId = fields.value(u"Magento_Item_ID__c"_s).toVariant().toString();
        if (externalId.isEmpty())
            externalId = QString::number(item.value(u"item_id"_s).toInteger());
        fields.remove(u"Magento_Item_ID__c"_s);
        m_client->upsert(u"OrderItem"_s, u"Magento_Item_ID__c"_s, externalId, fields,
                         [this, job, line](SalesforceResult<SaveResult> saved) {
                             if (!saved)
                                 return finish(job, saved.error().toError());
                             upsertItem(job, line + 1);
                         });
    }

    void createNote(const std::shared_ptr<Job> &job, int k)
    {
        if (!m_settings.synchronizeOrderNotes() || k >= job->comments.size())
            return setStatus(job);
        const QString body = job->comments.at(k).value(u"comment"_s).toString().trimmed().left(32000);
        const QJsonObject note{{u"ParentId"_s, job->orderId},
                               {u"Title"_s, SyncPlanner::noteTitle(body)},
                               {u"Body"_s, body},
                               {u"IsPrivate"_s, false}};
        m_client->create(u"Note"_s, note, [this, job, k](SalesforceResult<SaveResult> saved) {
            if (!saved)
                return finish(job, saved.error().toError());
            createNote(job, k + 1);
        });
    }

    void setStatus(const std::shared_ptr<Job> &job)
    {
        if (job->targetStatus.compare(m_settings.defaultStatus(), Qt::CaseInsensitive) == 0)
            return finish(job, std::nullopt);
        m_client->update(u"Order"_s, job->orderId, QJsonObject{{u"Status"_s, job->targetStatus}},
                         [this, job](SalesforceResult<void> updated) {
                             if (!updated)
                                 return finish(job, updated.error().toError());
                             finish(job, std::nullopt);
                         });
    }

    SalesforceClient *m_client;
    Settings m_settings;
    FieldMappingList m_mappings;
    SalesforceSchema m_schema;
    QString m_pricebookId;
    QHash<QString, QString> m_entries; // SKU -> PricebookEntry Id, shared by the workers
    QList<QJsonObject> m_orders;
    QList<QList<int>> m_queues;
    QList<Outcome> m_outcomes;
    int m_active = 0;
    std::function<void(QList<Outcome>)> m_done;
};

void printUsage(const Usage &u)
{
    for (const auto &[route, n] : u.byRoute)
        std::printf("      %-58s %8lld\n", qPrintable(route), static_cast<long long>(n));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"orderbridge-bench-sync"_s);
    const QStringList commandLine = QCoreApplication::arguments();
    // One debug line per Magento page request would bury the figures.
    QLoggingCategory::setFilterRules(u"orderbridge.magento.debug=false"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Salesforce API calls of a backfill: SyncEngine batches versus one REST call per record."_s);
    parser.addHelpOption();
    const QCommandLineOption ordersOpt(u"orders"_s, u"Orders the sandbox store generates."_s, u"N"_s, u"10000"_s);
    const QCommandLineOption seedOpt(u"seed"_s, u"Seed of the sandbox data."_s, u"N"_s, u"7"_s);
    const QCommandLineOption batchOpt(u"batch"_s, u"Orders per SyncEngine batch (at most 200)."_s, u"N"_s, u"200"_s);
    const QCommandLineOption minLinesOpt(u"min-lines"_s, u"Keep only orders with at least N billed lines."_s, u"N"_s, u"0"_s);
    const QCommandLineOption minCommentsOpt(u"min-comments"_s, u"Keep only orders with at least N comments."_s, u"N"_s, u"0"_s);
    const QCommandLineOption limitOpt(u"limit"_s, u"Sync at most N of the kept orders (0: all)."_s, u"N"_s, u"0"_s);
    const QCommandLineOption concurrencyOpt(u"concurrency"_s, u"Orders in flight in the per-record mode."_s, u"C"_s, u"4"_s);
    const QCommandLineOption noPerRecordOpt(u"no-per-record"_s, u"Skip the per-record comparison."_s);
    const QCommandLineOption callsOpt(u"concurrent-calls"_s, u"engine.concurrent_calls: graph calls in flight at once."_s,
                                      u"N"_s, u"4"_s);
    const QCommandLineOption nagleOpt(u"nagle"_s, u"Leave Nagle's algorithm on (no TCP_NODELAY), for comparison."_s);
    const QCommandLineOption latencyOpt(u"latency-ms"_s, u"Round-trip time the sandbox adds to every request."_s,
                                        u"MS"_s, u"0"_s);
    const QCommandLineOption orgFlagOpt(u"org-flag"_s,
                                        u"A further sandbox flag (repeatable), e.g. state-country-picklists; the "
                                        "engine then works from the org's describe, as the worker does."_s,
                                        u"FLAG"_s);
    const QCommandLineOption sandboxOpt(u"sandbox"_s, u"orderbridge-sandbox executable."_s, u"PATH"_s,
                                        QStringLiteral(ORDERBRIDGE_SANDBOX_EXECUTABLE));
    const QCommandLineOption tlsOpt(u"tls"_s,
                                     u"The sandbox serves HTTPS with a certificate from a throwaway CA (openssl); the "
                                     "clients trust that CA through the connections' CA certificate file."_s);
    const QCommandLineOption compareOpt(u"compare"_s, u"Run the sequential and the overlapped engine on the same orders "
                                                      "(the org reset in between) and print both."_s);
    const QCommandLineOption sequentialOpt(u"sequential"_s, u"Run the sequential engine only (default: overlapped)."_s);
    parser.addOptions({ordersOpt, seedOpt, batchOpt, minLinesOpt, minCommentsOpt, limitOpt, concurrencyOpt,
                       noPerRecordOpt, latencyOpt, nagleOpt, callsOpt, sandboxOpt, orgFlagOpt, tlsOpt, compareOpt,
                       sequentialOpt});
    parser.process(app);
    const int storeOrders = parser.value(ordersOpt).toInt();
    const int batchSize = std::clamp(parser.value(batchOpt).toInt(), 1, 200);
    const int minLines = parser.value(minLinesOpt).toInt();
    const int minComments = parser.value(minCommentsOpt).toInt();
    const int limit = parser.value(limitOpt).toInt();
    const int concurrency = std::max(1, parser.value(concurrencyOpt).toInt());
    TcpNoDelay::setEnabled(!parser.isSet(nagleOpt));

    // The sandbox, with an allowance large enough for the per-record mode.
    QProcess sandbox;
    sandbox.setProcessChannelMode(QProcess::SeparateChannels);
    sandbox.setReadChannel(QProcess::StandardOutput);
    QStringList sandboxArgs{u"--orders"_s, QString::number(storeOrders), u"--seed"_s, parser.value(seedOpt),
                            u"--api-limit"_s, u"100000000"_s};
    if (parser.value(latencyOpt).toInt() > 0)
        sandboxArgs << u"--latency-ms"_s << QString::number(parser.value(latencyOpt).toInt());
    for (const QString &flag : parser.values(orgFlagOpt))
        sandboxArgs << u"--"_s + flag;
    QTemporaryDir certificates;
    QString caFile;
    if (parser.isSet(tlsOpt)) {
        if (const QString problem = ThrowawayCa::make(certificates.path()); !problem.isEmpty()) {
            std::fprintf(stderr, "--tls: %s\n", qPrintable(problem));
            return 1;
        }
        caFile = certificates.filePath(u"ca.pem"_s);
        sandboxArgs << u"--tls-cert"_s << certificates.filePath(u"server.pem"_s) << u"--tls-key"_s
                    << certificates.filePath(u"server.key"_s);
    }
    sandbox.start(parser.value(sandboxOpt), sandboxArgs);
    if (!sandbox.waitForStarted(10000)) {
        std::fprintf(stderr, "cannot start %s\n", qPrintable(parser.value(sandboxOpt)));
        return 1;
    }
    QByteArray line;
    while (!line.endsWith('\n') && sandbox.waitForReadyRead(300000))
        line += sandbox.readLine();
    const QJsonObject ready = QJsonDocument::fromJson(line).object();
    const QJsonObject sf = ready.value(u"salesforce"_s).toObject();
    const QJsonObject mg = ready.value(u"magento"_s).toObject();
    if (sf.isEmpty() || mg.isEmpty()) {
        std::fprintf(stderr, "no ready line from the sandbox: %s\n", line.constData());
        return 1;
    }
    auto stopSandbox = [&sandbox] {
        sandbox.terminate();
        sandbox.waitForFinished(20000);
    };

    QNetworkAccessManager network;
    SalesforceAuthConfig auth;
    auth.flow = SalesforceAuthConfig::Flow::Password;
    auth.loginUrl = QUrl(sf.value(u"login_url"_s).toString());
    auth.clientId = sf.value(u"client_id"_s).toString();
    auth.clientSecret = sf.value(u"client_secret"_s).toString();
    auth.username = sf.value(u"username"_s).toString();
    auth.password = sf.value(u"password"_s).toString();
    auth.caFile = caFile;
    SalesforceAuthenticator authenticator(&network, auth);
    SalesforceClient client(&network, &authenticator);
    const auto session = await<SalesforceResult<SalesforceSession>>([&](auto done) { client.connectToOrg(done); });
    if (!session || !session->has_value()) {
        std::fprintf(stderr, "cannot sign in to the Salesforce emulator: %s\n",
                     session ? qPrintable((*session).error().toError().toString()) : "timeout");
        stopSandbox();
        return 1;
    }

    MagentoConnection connection;
    connection.baseUrl = QUrl(mg.value(u"base_url"_s).toString());
    connection.authMode = MagentoAuthMode::OAuth1; // what a stock Magento 2.4.8 store accepts
    connection.caFile = caFile;
    MagentoSecrets secrets;
    secrets.consumerKey = mg.value(u"consumer_key"_s).toString();
    secrets.consumerSecret = mg.value(u"consumer_secret"_s).toString();
    secrets.accessToken = mg.value(u"access_token"_s).toString();
    secrets.accessTokenSecret = mg.value(u"access_token_secret"_s).toString();
    MagentoClient magento(&network, connection, secrets);

    // Every order of the store, page by page (not part of the measured sync).
    QElapsedTimer fetchClock;
    fetchClock.start();
    QList<QJsonObject> all;
    for (int page = 1;; ++page) {
        MagentoSearchCriteria criteria;
        criteria.orderBy(u"entity_id"_s).setPageSize(200).setCurrentPage(page);
        const auto reply = await<Result<MagentoOrderPage>>([&](auto done) { magento.fetchOrders(criteria, &app, done); });
        if (!reply || !reply->has_value()) {
            std::fprintf(stderr, "reading Magento orders failed: %s\n",
                         reply ? qPrintable((*reply).error().toString()) : "timeout");
            stopSandbox();
            return 1;
        }
        for (const MagentoOrder &o : (*reply)->orders)
            all << o.json;
        if ((*reply)->itemCount < 200 || all.size() >= (*reply)->totalCount)
            break;
    }
    const double fetchSeconds = double(fetchClock.nsecsElapsed()) / 1e9;

    // The orders to sync, and what they hold.
    QList<QJsonObject> orders;
    QMap<int, int> linesHistogram;
    QMap<int, int> commentsHistogram;
    qint64 totalLines = 0;
    qint64 totalComments = 0;
    QSet<QString> incrementIds;
    QSet<QString> emails;
    for (const QJsonObject &o : std::as_const(all)) {
        const int lines = int(SyncPlanner::billedLines(o).size());
        const int comments = int(SyncPlanner::comments(o).size());
        if (lines < minLines || comments < minComments)
            continue;
        if (limit > 0 && orders.size() >= limit)
            break;
        orders << o;
        ++linesHistogram[lines];
        ++commentsHistogram[std::min(comments, 3)];
        totalLines += lines;
        totalComments += comments;
        incrementIds.insert(o.value(u"increment_id"_s).toString());
        emails.insert(o.value(u"customer_email"_s).toString().trimmed().toLower());
    }
    const int n = int(orders.size());
    if (n == 0) {
        std::fprintf(stderr, "no orders to sync\n");
        stopSandbox();
        return 1;
    }
    std::printf("store: %lld orders read from Magento in %.1f s; syncing %d of them (%d distinct customer e-mails)\n",
                static_cast<long long>(all.size()), fetchSeconds, n, int(emails.size()));
    std::printf("data: %.2f billed lines per order (target 3), %.2f comments per order (target 1)\n",
                double(totalLines) / n, double(totalComments) / n);
    std::printf("  billed lines per order:");
    for (auto it = linesHistogram.cbegin(); it != linesHistogram.cend(); ++it)
        std::printf("  %d: %d", it.key(), it.value());
    std::printf("\n  comments per order:");
    for (auto it = commentsHistogram.cbegin(); it != commentsHistogram.cend(); ++it)
        std::printf("  %d%s: %d", it.key(), it.key() == 3 ? "+" : "", it.value());
    std::printf("\n");
    std::fflush(stdout);

    Settings settings;
    if (auto set = settings.set(u"advanced.create_order"_s, u"every"_s); !set) {
        std::fprintf(stderr, "%s\n", qPrintable(set.error().toString()));
        stopSandbox();
        return 1;
    }
    if (auto set = settings.set(u"engine.concurrent_calls"_s, parser.value(callsOpt)); !set) {
        std::fprintf(stderr, "%s\n", qPrintable(set.error().toString()));
        stopSandbox();
        return 2;
    }
    SyncEngine::Config config;
    config.settings = settings;
    config.mappings = defaultMappings();
    config.schema = SalesforceFieldCatalogue::schema();
    if (!parser.values(orgFlagOpt).isEmpty()) {
        // Before the counted run, as the worker does when it connects.
        for (const QString &object : {u"Order"_s, u"OrderItem"_s}) {
            const auto d = await<SalesforceResult<SObjectDescribe>>([&](auto done) { client.describe(object, done); });
            if (!d || !d->has_value()) {
                std::fprintf(stderr, "describe of %s failed\n", qPrintable(object));
                stopSandbox();
                return 1;
            }
            config.schema.overlay(**d);
        }
    }
    config.trigger = SyncTrigger::Automatic;

    Harness harness(&network, &client, QUrl(sf.value(u"login_url"_s).toString()));
    QList<ModeResult> results;

    // --- Batched: SyncEngine, batches of `batchSize`, through the BatchPipeline the sync runner uses: sequential
    // (lookup, then graphs, batch after batch) and/or overlapped (the next batch's lookup beside the graphs).
    const auto runBatched = [&](BatchPipeline::Mode mode, const QString &name) -> bool {
        ModeResult r;
        r.name = name;
        r.orders = n;
        const Counts baseline = harness.counts();
        const Usage before = harness.usage();
        const qint64 requestsBefore = client.requestsSent();
        int engineCalls = 0;
        QElapsedTimer clock;
        clock.start();
        const double cpuBefore = processCpuSeconds();
        SyncEngine engine(&client);
        BatchPipeline pipeline(&engine, mode);
        int from = 0;
        int batches = 0;
        const auto finished = await<bool>([&](auto done) {
            pipeline.run(
                [&](int, auto give) {
                    if (from >= n) {
                        give(std::nullopt);
                        return;
                    }
                    BatchPipeline::Batch batch{orders.mid(from, batchSize), config, from};
                    from += batchSize;
                    give(std::move(batch));
                },
                [&](const BatchPipeline::Batch &batch, Result<BatchOutcome> outcome) {
                    if (!outcome) {
                        r.errors += int(batch.orders.size());
                        if (r.firstErrors.size() < 5)
                            r.firstErrors << u"batch at %1: %2"_s.arg(batch.tag).arg(outcome.error().toString());
                        return true;
                    }
                    engineCalls += outcome->apiCalls;
                    for (const OrderOutcome &o : std::as_const(outcome->orders)) {
                        if (o.status == SyncStatus::InSync) {
                            ++r.inSync;
                        } else if (o.status == SyncStatus::Error) {
                            ++r.errors;
                            if (r.firstErrors.size() < 5)
                                r.firstErrors << u"%1: [%2] %3"_s.arg(o.incrementId, o.error.code, o.error.toString());
                        } else {
                            ++r.otherStatus;
                            if (r.firstErrors.size() < 5)
                                r.firstErrors << u"%1: status %2, %3"_s.arg(o.incrementId).arg(int(o.status)).arg(o.reason);
                        }
                    }
                    if (++batches % 10 == 0) {
                        std::printf("  %s: %lld/%d orders, %.1f s\n", qPrintable(name),
                                    static_cast<long long>(batch.tag + batch.orders.size()), n,
                                    double(clock.nsecsElapsed()) / 1e9);
                        std::fflush(stdout);
                    }
                    return true;
                },
                {}, [done]() mutable { done(true); });
        });
        r.seconds = double(clock.nsecsElapsed()) / 1e9;
        r.clientCpuSeconds = processCpuSeconds() - cpuBefore;
        r.clientRequests = client.requestsSent() - requestsBefore;
        r.usage = harness.usage().minus(before);
        if (!finished)
            r.firstErrors << u"the run did not finish in time"_s;
        std::printf("  %s: SyncEngine counted %d API calls itself; %d lookups beside graphs, %d waited for them\n",
                    qPrintable(name), engineCalls, pipeline.overlappedLookups(), pipeline.deferredLookups());
        r.countStarOrder = harness.countOf(u"SELECT COUNT() FROM Order"_s);
        const Counts after = harness.counts();
        r.sfOrderItems = after.items - baseline.items;
        r.sfNotes = after.notes - baseline.notes;
        harness.verifyOrders(incrementIds, &r);
        std::printf("  %s: SELECT COUNT() FROM Order = %lld (seeded before the run: %lld)\n", qPrintable(name),
                    static_cast<long long>(r.countStarOrder), static_cast<long long>(baseline.orders));
        results << r;
        return true;
    };
    const bool compare = parser.isSet(compareOpt);
    if (compare || parser.isSet(sequentialOpt))
        runBatched(BatchPipeline::Mode::Sequential, u"SyncEngine (sequential)"_s);
    if (compare && !harness.resetOrg()) {
        std::fprintf(stderr, "POST /__sandbox/reset failed\n");
        stopSandbox();
        return 1;
    }
    if (compare || !parser.isSet(sequentialOpt))
        runBatched(BatchPipeline::Mode::Overlapped, u"SyncEngine (overlapped)"_s);

    // --- Per record: reset the org, the same orders one REST call per record.
    if (!parser.isSet(noPerRecordOpt)) {
        ModeResult r;
        r.name = u"one REST call per record"_s;
        r.orders = n;
        if (!harness.resetOrg()) {
            std::fprintf(stderr, "POST /__sandbox/reset failed\n");
            stopSandbox();
            return 1;
        }
        const Counts baseline = harness.counts();
        const Usage before = harness.usage();
        const qint64 requestsBefore = client.requestsSent();
        QElapsedTimer clock;
        clock.start();
        PerRecordSync perRecord(&client, settings, config.mappings, config.schema);
        const auto outcomes = await<QList<PerRecordSync::Outcome>>(
            [&](auto done) { perRecord.run(orders, concurrency, done); }, 4 * kStepTimeoutMs);
        r.seconds = double(clock.nsecsElapsed()) / 1e9;
        r.clientRequests = client.requestsSent() - requestsBefore;
        r.usage = harness.usage().minus(before);
        if (!outcomes || outcomes->size() != n) {
            r.errors = n;
            r.firstErrors << u"the per-record run did not finish"_s;
        } else {
            for (const auto &o : *outcomes) {
                if (!o.error) {
                    ++r.inSync;
                    continue;
                }
                ++r.errors;
                if (r.firstErrors.size() < 5)
                    r.firstErrors << u"%1: [%2] %3"_s.arg(o.incrementId, o.error->code, o.error->toString());
            }
        }
        r.countStarOrder = harness.countOf(u"SELECT COUNT() FROM Order"_s);
        const Counts after = harness.counts();
        r.sfOrderItems = after.items - baseline.items;
        r.sfNotes = after.notes - baseline.notes;
        harness.verifyOrders(incrementIds, &r);
        std::printf("  per record: SELECT COUNT() FROM Order = %lld (seeded before the run: %lld)\n",
                    static_cast<long long>(r.countStarOrder), static_cast<long long>(baseline.orders));
        results << r;
    }
    stopSandbox();

    // --- The table.
    std::printf("\norderbridge-bench-sync: backfill of %d Magento orders to the Salesforce emulator\n", n);
    std::printf("data: %.2f billed lines/order, %.2f comments/order (target scenario: 3 and 1)\n\n",
                double(totalLines) / n, double(totalComments) / n);
    std::printf("latency: %d ms added by the sandbox to every request; TCP_NODELAY %s; %s graph call(s) at once; %s\n\n",
                parser.value(latencyOpt).toInt(), parser.isSet(nagleOpt) ? "off (--nagle)" : "on",
                qPrintable(parser.value(callsOpt)), parser.isSet(tlsOpt) ? "HTTPS (--tls)" : "plain http");
    std::printf("%-26s %7s %8s %6s %10s %10s %9s %9s %10s %12s\n", "mode", "orders", "in sync", "error", "API calls",
                "calls/ord", "wall s", "orders/s", "wall s/ord", "client CPU ms/ord");
    for (const ModeResult &r : std::as_const(results)) {
        std::printf("%-26s %7d %8d %6d %10lld %10.4f %9.2f %9.1f %10.5f %12s\n", qPrintable(r.name), r.orders, r.inSync,
                    r.errors, static_cast<long long>(r.usage.apiCalls), double(r.usage.apiCalls) / r.orders, r.seconds,
                    r.orders / r.seconds, r.seconds / r.orders,
                    r.clientCpuSeconds > 0 ? qPrintable(QString::number(1000 * r.clientCpuSeconds / r.orders, 'f', 3))
                                           : "-");
    }
    std::printf("\ntarget: <= 0.05 API calls per order (batched); <= 0.002 s per order at --latency-ms 100 (overlapped)\n");
    for (const ModeResult &r : std::as_const(results)) {
        std::printf("\n%s:\n", qPrintable(r.name));
        std::printf("  billed API calls by route:\n");
        printUsage(r.usage);
        std::printf("  HTTP requests the client sent (retries included): %lld\n", static_cast<long long>(r.clientRequests));
        std::printf("  SELECT COUNT() FROM Order: %lld; Orders read: %lld, of this run's orders: %lld with %lld distinct "
                    "Magento_ID__c (expected %d and %d: exactly one per order)\n",
                    static_cast<long long>(r.countStarOrder), static_cast<long long>(r.sfOrders),
                    static_cast<long long>(r.sfOrdersOfRun), static_cast<long long>(r.sfOrdersDistinct), n, n);
        std::printf("  new OrderItems: %lld (billed lines: %lld), new Notes: %lld (comments: %lld)\n",
                    static_cast<long long>(r.sfOrderItems), static_cast<long long>(totalLines),
                    static_cast<long long>(r.sfNotes), static_cast<long long>(totalComments));
        if (r.otherStatus > 0)
            std::printf("  orders neither In Sync nor Error: %d\n", r.otherStatus);
        std::printf("  orders in Error: %d\n", r.errors);
        for (const QString &e : r.firstErrors)
            std::printf("    %s\n", qPrintable(e));
    }
    std::printf("\ncommand: %s\n", qPrintable(commandLine.join(u' ')));
    std::printf("sandbox: %s %s\n", qPrintable(parser.value(sandboxOpt)), qPrintable(sandboxArgs.join(u' ')));

    bool ok = true;
    for (const ModeResult &r : std::as_const(results))
        ok = ok && r.errors == 0 && r.sfOrdersOfRun == n && r.sfOrdersDistinct == n;
    return ok ? 0 : 1;
}
