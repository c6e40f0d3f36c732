#pragma once

#include "apiusage.h"
#include "apiversions.h"
#include "compositegraph.h"
#include "graphresult.h"
#include "retrypolicy.h"
#include "salesforceerror.h"
#include "salesforcesession.h"
#include "saveresult.h"
#include "sobjectdescribe.h"
#include "soqlquery.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSslError>
#include <QStringList>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace OrderBridge {

class SalesforceAuthenticator;

/// Asynchronous Salesforce REST client: describe (cached), SOQL with paging, sObject writes,
/// composite graphs and sObject collections. It renews an expired session once through the
/// authenticator and replays the request, retries transient failures by its RetryPolicy, and
/// reads `Sforce-Limit-Info` on every reply. Lives on the thread of the QNetworkAccessManager it is
/// given; callbacks run on that thread and only while the client exists.
class SalesforceClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SalesforceClient)

public:
    template<typename T>
    using Callback = std::function<void(SalesforceResult<T>)>;

    /// A reply as the transport saw it.
    struct RawReply
    {
        int httpStatus = 0;
        QJsonDocument json;   // null for an empty body (204)
    };

    /// `authenticator` may be null when sessions are set from outside; then an expired session is an error.
    SalesforceClient(QNetworkAccessManager *network, SalesforceAuthenticator *authenticator, QObject *parent = nullptr);
    ~SalesforceClient() override;

    /// Uses an existing session (clears the describe cache: another session may be another org).
    void setSession(const SalesforceSession &session);
    [[nodiscard]] const SalesforceSession &session() const { return m_session; }
    /// Signs in through the authenticator's configured flow, keeps the session and picks the API
    /// version (ApiVersions::choose over the org's `GET /services/data/`, honouring the configured one).
    void connectToOrg(Callback<SalesforceSession> done);

    /// The API version a client uses until connectToOrg() chose one (or when the org's list of
    /// versions cannot be read).
    static constexpr QStringView DefaultApiVersion = ApiVersions::NewestTested;
    /// DefaultApiVersion unless set; connectToOrg() sets it.
    void setApiVersion(const QString &version) { m_apiVersion = version; }
    [[nodiscard]] QString apiVersion() const { return m_apiVersion; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    /// Records per query page (Sforce-Query-Options batchSize, 200..2000); 0 leaves the org's default.
    void setQueryBatchSize(int records) { m_queryBatchSize = records; }
    /// Per-request transfer timeout; a request that stalls longer counts as a dropped connection.
    void setRequestTimeout(int ms) { m_timeoutMs = ms; }
    /// How many /composite/graph calls graphs() keeps in flight at once (at least 1). Calls whose graphs
    /// share an Account still go one after the other.
    void setGraphConcurrency(int calls) { m_graphConcurrency = std::max(1, calls); }
    /// A single-currency org's currency (Organization.DefaultCurrencyIsoCode) once read; kept for the session.
    [[nodiscard]] const QString &orgCurrency() const { return m_orgCurrency; }
    void setOrgCurrency(const QString &isoCode) { m_orgCurrency = isoCode; }
    /// A multi-currency org's CurrencyType.DecimalPlaces by active ISO code once read; kept for the session.
    [[nodiscard]] const QHash<QString, int> &currencyDecimals() const { return m_currencyDecimals; }
    void setCurrencyDecimals(const QHash<QString, int> &places) { m_currencyDecimals = places; }
    /// A header every record write outside a graph carries: create, update, upsert and sObject Collections
    /// (e.g. `Sforce-Duplicate-Rule-Header: allowSave=true`); an empty value removes it. Graph nodes take theirs
    /// from CompositeGraph::setWriteHeader(), as subrequests do not inherit request headers.
    void setWriteHeader(const QByteArray &name, const QByteArray &value);
    [[nodiscard]] ApiUsage apiUsage() const { return m_apiUsage; }
    /// Requests sent over the wire (retries and renewals included), for the benchmarks.
    [[nodiscard]] qint64 requestsSent() const { return m_requestsSent; }

    /// Field facts of an sObject, cached for the session. For Order, Status values also carry
    /// their StatusCode category from `SELECT MasterLabel, ApiName, StatusCode FROM OrderStatus`.
    void describe(const QString &object, Callback<SObjectDescribe> done);
    void clearDescribeCache() { m_describeCache.clear(); }
    /// All records of a query, following nextRecordsUrl. Build the statement with SoqlQuery.
    void query(const SoqlQuery &query, Callback<QList<QJsonObject>> done);
    /// Same, with a statement text; only for text produced by SoqlQuery or constants without user data.
    void queryText(const QString &soql, Callback<QList<QJsonObject>> done);

    /// Several queries in as few API calls as possible: /composite requests of up to 5 queries each
    /// (Salesforce's limit), pages beyond the first followed as usual. Results by reference ID; the
    /// first failing query fails the call. IDs: letters, digits and underscores, unique.
    void queries(const QList<QPair<QString, SoqlQuery>> &queries, Callback<QHash<QString, QList<QJsonObject>>> done);

    void create(const QString &object, const QJsonObject &fields, Callback<SaveResult> done);
    void update(const QString &object, const QString &id, const QJsonObject &fields, Callback<void> done);
    /// Upsert by external ID: created=true on insert. More than one match is a MULTIPLE_MATCHES error.
    void upsert(const QString &object, const QString &externalIdField, const QString &externalId,
                const QJsonObject &fields, Callback<SaveResult> done);

    /// Sends graphs in as few /composite/graph calls as the limits allow (≤500 nodes, ≤75 graphs
    /// each); results in input order. RecordGraphBuilder makes graphs of typed record writes.
    void graphs(const QList<CompositeGraph> &graphs, Callback<QList<GraphResult>> done);
    /// The /composite/graph calls graphs() makes for these graphs.
    [[nodiscard]] static int graphCalls(const QList<CompositeGraph> &graphs);

    /// sObject Collections, chunked by 200 records, one result per record in input order. Records
    /// carry `attributes.type` (create/update) and `Id` (update). allOrNone holds within a chunk.
    /// When a chunk fails as a whole, the call fails if nothing was written yet; otherwise the
    /// records of that chunk and the ones after it get that error as their result.
    void createRecords(const QList<QJsonObject> &records, bool allOrNone, Callback<QList<SaveResult>> done);
    void updateRecords(const QList<QJsonObject> &records, bool allOrNone, Callback<QList<SaveResult>> done);
    void upsertRecords(const QString &object, const QString &externalIdField, const QList<QJsonObject> &records,
                       bool allOrNone, Callback<QList<SaveResult>> done);

    /// GET /limits.
    void limits(Callback<QJsonObject> done);

    /// A request to a path under the instance (e.g. "/services/data/v62.0/sobjects/"), with the
    /// session, renewal, retries and limit tracking of every call. `idempotent` allows retrying
    /// after a dropped connection.
    void send(const QByteArray &method, const QString &pathAndQuery, const QJsonDocument &body, bool idempotent,
              Callback<RawReply> done);

    /// "/services/data/vNN.N/"
    [[nodiscard]] QString dataPath() const;

Q_SIGNALS:
    /// Emitted when a reply reports another API usage than before.
    void apiUsageChanged(const OrderBridge::ApiUsage &usage);
    /// Emitted when the session was renewed after it expired (or first obtained).
    void sessionChanged(const OrderBridge::SalesforceSession &session);

private:
    struct Pending
    {
        QByteArray method;
        QString pathAndQuery;
        QByteArray body;
        bool idempotent = true;
        int attempts = 0;
        bool replayedAfterRenewal = false;
        QString tokenUsed;
        QList<QPair<QByteArray, QByteArray>> headers;
        std::shared_ptr<QList<QSslError>> sslErrors; ///< of the last attempt (set by the reply's sslErrors signal)
        Callback<RawReply> done;
    };

    void dispatch(Pending pending);
    /// send() of a record write: with the write headers.
    void sendWrite(const QByteArray &method, const QString &pathAndQuery, const QJsonDocument &body, bool idempotent,
                   Callback<RawReply> done);
    void handleReply(QNetworkReply *reply, Pending pending);
    void renewAndReplay(Pending pending);
    void retryOrFail(Pending pending, const RetryPolicy::Failure &failure, const SalesforceError &error);
    void queryPage(const QString &pathAndQuery, QList<QJsonObject> records, Callback<QList<QJsonObject>> done,
                   const QString &firstPage = {}, bool restarted = false);
    struct GraphRun;
    void sendGraphPayloads(QList<QList<CompositeGraph>> payloads, QStringList inputOrder,
                           Callback<QList<GraphResult>> done);
    void pumpGraphPayloads(const std::shared_ptr<GraphRun> &run);
    void sendGraphPayload(const std::shared_ptr<GraphRun> &run, int index);
    void sendGraphs(const std::shared_ptr<GraphRun> &run, int index, const QList<CompositeGraph> &graphs);
    /// A payload's results with the answers to `graphs` (the payload, or its graphs sent again after a row lock).
    static void mergeResults(std::optional<QList<GraphResult>> &results, const QList<GraphResult> &answered,
                             const QList<CompositeGraph> &graphs);
    /// The results of `graphs` (sent again after a row lock) become `error`: that call failed as a whole.
    static void markFailed(QList<GraphResult> &results, const QList<CompositeGraph> &graphs, const SalesforceError &error);
    static void finishGraphPayloads(GraphRun &run);
    void sendCollectionChunks(const QByteArray &method, const QString &path, QList<QJsonObject> records, qsizetype offset,
                              bool allOrNone, QList<SaveResult> results, Callback<QList<SaveResult>> done);
    void sendQueryBatches(QList<QList<QPair<QString, QString>>> batches, QHash<QString, QList<QJsonObject>> results,
                          Callback<QHash<QString, QList<QJsonObject>>> done);
    struct MorePages
    {
        QString referenceId;
        QString nextUrl;
        QString firstPage; // to read again from the start when the locator is gone
    };
    void followQueryPages(QList<MorePages> pending, QHash<QString, QList<QJsonObject>> results,
                          std::function<void(SalesforceResult<QHash<QString, QList<QJsonObject>>>)> done);
    void chooseApiVersion(std::function<void(std::optional<SalesforceError>)> done);
    void applyOrderStatusCategories(SObjectDescribe describe, Callback<SObjectDescribe> done);

    QNetworkAccessManager *m_network;
    SalesforceAuthenticator *m_authenticator;
    SalesforceSession m_session;
    QString m_apiVersion = DefaultApiVersion.toString();
    RetryPolicy m_retryPolicy;
    int m_timeoutMs = 120000;
    int m_graphConcurrency = 1;
    QString m_orgCurrency;
    QHash<QString, int> m_currencyDecimals;
    int m_queryBatchSize = 0;
    ApiUsage m_apiUsage;
    qint64 m_requestsSent = 0;
    QHash<QString, SObjectDescribe> m_describeCache;
    QList<QPair<QByteArray, QByteArray>> m_writeHeaders;

    bool m_renewing = false;
    QList<Pending> m_waitingForSession;
};

} // namespace OrderBridge
