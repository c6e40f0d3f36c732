#include "salesforceclient.h"

#include "common/logging.h"
#include "common/retryafter.h"
#include "common/tcpnodelay.h"
#include "apiversions.h"
#include "salesforceauthenticator.h"

#include <QDateTime>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QTimer>

#include <numeric>

using namespace Qt::Literals::StringLiterals;

namespace OrderBridge {

namespace {

constexpr int CollectionChunk = 200;
constexpr int MaxGraphsPerPayload = 75;

// The Accounts a graph writes or hangs records on: an Account node's own path (its ID or external ID) and every
// literal AccountId in a body. Two graphs that share one must not run at the same time, or the second waits
// for the first one's row lock and may fail with UNABLE_TO_LOCK_ROW.
QSet<QString> accountKeys(const CompositeGraph &graph)
{
    static const QString accountPath = u"sobjects/Account/"_s;
    QSet<QString> keys;
    for (const CompositeGraph::Node &node : graph.nodes()) {
        if (node.path.startsWith(accountPath))
            keys.insert(node.path.mid(accountPath.size()));
        const QJsonValue accountId = node.body.value(u"AccountId"_s);
        if (accountId.isString() && !accountId.toString().startsWith(u'@'))
            keys.insert(accountId.toString());
    }
    return keys;
}

// The graphs' indexes with the graphs that share an Account next to each other (in the order of their first
// member), so that they land in one call, or in neighbouring calls that then go one after the other.
QList<int> groupedByAccount(const QList<CompositeGraph> &graphs)
{
    QList<int> parent(graphs.size());
    std::iota(parent.begin(), parent.end(), 0);
    const auto root = [&parent](int i) {
        while (parent[i] != i)
            i = parent[i] = parent[parent[i]];
        return i;
    };
    QHash<QString, int> firstWithKey;
    for (int i = 0; i < int(graphs.size()); ++i) {
        for (const QString &key : accountKeys(graphs.at(i))) {
            const auto first = firstWithKey.constFind(key);
            if (first == firstWithKey.cend())
                firstWithKey.insert(key, i);
            else
                parent[root(i)] = root(*first);
        }
    }
    QHash<int, QList<int>> members;
    QList<int> roots;
    for (int i = 0; i < int(graphs.size()); ++i) {
        const int r = root(i);
        if (!members.contains(r))
            roots << r;
        members[r] << i;
    }
    std::sort(roots.begin(), roots.end(), [&members](int a, int b) { return members[a].first() < members[b].first(); });
    QList<int> order;
    for (int r : std::as_const(roots))
        order += members.value(r);
    return order;
}

// Graphs in request payloads: a new payload when the next graph would pass 500 nodes or 75 graphs.
QList<QList<CompositeGraph>> packGraphs(const QList<CompositeGraph> &graphs)
{
    QList<QList<CompositeGraph>> payloads;
    int nodesInPayload = 0;
    for (const int index : groupedByAccount(graphs)) {
        const CompositeGraph &g = graphs.at(index);
        if (payloads.isEmpty() || nodesInPayload + g.nodeCount() > CompositeGraph::MaxNodes
            || payloads.last().size() >= MaxGraphsPerPayload) {
            payloads.append(QList<CompositeGraph>());
            nodesInPayload = 0;
        }
        payloads.last().append(g);
        nodesInPayload += g.nodeCount();
    }
    return payloads;
}

// One error out of a reply's error list: the first, with the others' codes and messages appended.
SalesforceError combine(const QList<SalesforceError> &errors)
{
    SalesforceError e = errors.first();
    for (qsizetype i = 1; i < errors.size(); ++i) {
        e.message += u"; "_s + errors.at(i).errorCode + u": "_s + errors.at(i).message;
        for (const QString &f : errors.at(i).fields) {
            if (!e.fields.contains(f))
                e.fields.append(f);
        }
    }
    return e;
}

QStringList codesOf(const QList<SalesforceError> &errors)
{
    QStringList codes;
    for (const SalesforceError &e : errors)
        codes.append(e.errorCode);
    return codes;
}

} // namespace

SalesforceClient::SalesforceClient(QNetworkAccessManager *network, SalesforceAuthenticator *authenticator, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_authenticator(authenticator)
{
}

SalesforceClient::~SalesforceClient() = default;

void SalesforceClient::setSession(const SalesforceSession &session)
{
    if (session.instanceUrl != m_session.instanceUrl || session.orgId != m_session.orgId)
        m_describeCache.clear();
    m_session = session;
}

void SalesforceClient::connectToOrg(Callback<SalesforceSession> done)
{
    if (!m_authenticator) {
        done(sfFail(u"NOT_CONNECTED"_s, u"No Salesforce sign-in is configured."_s));
        return;
    }
    m_authenticator->signIn([this, done = std::move(done)](SalesforceResult<SalesforceSession> result) {
        if (!result) {
            done(std::move(result));
            return;
        }
        setSession(*result);
        Q_EMIT sessionChanged(m_session);
        chooseApiVersion([this, done](std::optional<SalesforceError> error) {
            if (error)
                done(std::unexpected(*error));
            else
                done(m_session);
        });
    });
}

void SalesforceClient::chooseApiVersion(std::function<void(std::optional<SalesforceError>)> done)
{
    const QString configured = m_authenticator->config().apiVersion;
    // The Versions resource needs no session and costs no API call.
    send("GET", u"/services/data/"_s, {}, true, [this, configured, done = std::move(done)](SalesforceResult<RawReply> reply) {
        if (!reply || !reply->json.isArray()) {
            // An org always lists its versions; a proxy in the way may not. Go on with the version
            // we would otherwise use: a request in a version the org lacks fails with its own 404.
            m_apiVersion = configured.isEmpty() ? DefaultApiVersion.toString() : configured;
            qCWarning(lcSalesforce) << "could not read the org's API versions; using" << m_apiVersion
                                    << (reply ? QString() : reply.error().message);
            done(std::nullopt);
            return;
        }
        const SalesforceResult<QString> chosen =
            ApiVersions::choose(ApiVersions::parse(reply->json.toJson(QJsonDocument::Compact)), configured);
        if (!chosen) {
            done(chosen.error());
            return;
        }
        m_apiVersion = *chosen;
        qCInfo(lcSalesforce) << "using REST API version" << m_apiVersion;
        done(std::nullopt);
    });
}

QString SalesforceClient::dataPath() const
{
    return u"/services/data/v"_s + m_apiVersion + u"/"_s;
}

// ---------------------------------------------------------------------------------------------
// Transport

void SalesforceClient::send(const QByteArray &method, const QString &pathAndQuery, const QJsonDocument &body,
                            bool idempotent, Callback<RawReply> done)
{
    Pending p;
    p.method = method;
    p.pathAndQuery = pathAndQuery;
    p.body = body.isNull() ? QByteArray() : body.toJson(QJsonDocument::Compact);
    p.idempotent = idempotent;
    p.done = std::move(done);
    dispatch(std::move(p));
}

void SalesforceClient::sendWrite(const QByteArray &method, const QString &pathAndQuery, const QJsonDocument &body,
                                 bool idempotent, Callback<RawReply> done)
{
    Pending p;
    p.method = method;
    p.pathAndQuery = pathAndQuery;
    p.body = body.isNull() ? QByteArray() : body.toJson(QJsonDocument::Compact);
    p.idempotent = idempotent;
    p.headers = m_writeHeaders;
    p.done = std::move(done);
    dispatch(std::move(p));
}

void SalesforceClient::setWriteHeader(const QByteArray &name, const QByteArray &value)
{
    m_writeHeaders.removeIf([&name](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    if (!value.isEmpty())
        m_writeHeaders.append({name, value});
}

void SalesforceClient::dispatch(Pending pending)
{
    if (!m_session.isValid()) {
        if (m_authenticator && m_authenticator->canRenew()) {
            pending.replayedAfterRenewal = true;
            renewAndReplay(std::move(pending));
            return;
        }
        pending.done(sfFail(u"NOT_CONNECTED"_s, u"There is no Salesforce session."_s, 0,
                            u"Connect to Salesforce in the connection settings first."_s));
        return;
    }
    QString base = m_session.instanceUrl.toString(QUrl::FullyEncoded | QUrl::RemoveQuery | QUrl::RemoveFragment);
    while (base.endsWith(u'/'))
        base.chop(1);
    const QUrl url = QUrl::fromEncoded((base + pending.pathAndQuery).toUtf8(), QUrl::StrictMode);
    if (!url.isValid() || !pending.pathAndQuery.startsWith(u'/')) {
        pending.done(sfFail(u"INVALID_REQUEST"_s, u"Cannot build a request URL for %1."_s.arg(pending.pathAndQuery.left(120))));
        return;
    }
    QNetworkRequest request(url);
    if (m_authenticator && url.scheme() == u"https"_s)
        request.setSslConfiguration(m_authenticator->tlsConfiguration());
    request.setRawHeader("Authorization", "Bearer " + m_session.accessToken.toUtf8());
    request.setRawHeader("Accept", "application/json");
    if (!pending.body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    // Per attempt: a large composite graph may take a good while to process, and a stalled attempt is retried
    // (reads) as the retry policy allows. The operator's budget bounds the sign-in (SalesforceAuthenticator).
    request.setTransferTimeout(m_timeoutMs);
    for (const auto &[name, value] : std::as_const(pending.headers))
        request.setRawHeader(name, value);
    pending.tokenUsed = m_session.accessToken;
    ++pending.attempts;
    ++m_requestsSent;
    if (!pending.body.isEmpty())
        TcpNoDelay::applyToOpenSockets(); // the connection this POST reuses
    QNetworkReply *reply = pending.body.isEmpty() && pending.method == "GET"
        ? m_network->get(request)
        : m_network->sendCustomRequest(request, pending.method, pending.body);
    // A new connection: as early as Qt tells of its socket.
    connect(reply, &QNetworkReply::socketStartedConnecting, this, [] { TcpNoDelay::applyToOpenSockets(); });
    pending.sslErrors = std::make_shared<QList<QSslError>>();
    connect(reply, &QNetworkReply::sslErrors, this, [errors = pending.sslErrors](const QList<QSslError> &e) { *errors = e; });
    connect(reply, &QNetworkReply::finished, this, [this, reply, pending = std::move(pending)]() mutable {
        handleReply(reply, std::move(pending));
    });
}

void SalesforceClient::handleReply(QNetworkReply *reply, Pending pending)
{
    reply->deleteLater();
    const ApiUsage usage = ApiUsage::fromHeader(reply->rawHeader("Sforce-Limit-Info"));
    if (usage.isValid() && usage != m_apiUsage) {
        m_apiUsage = usage;
        Q_EMIT apiUsageChanged(m_apiUsage);
    }

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    RetryPolicy::Failure failure;
    failure.httpStatus = status;
    failure.idempotent = pending.idempotent;

    if (status == 0) {
        failure.networkError = reply->error();
        const bool timeout = reply->error() == QNetworkReply::OperationCanceledError
            || reply->error() == QNetworkReply::TimeoutError;
        const SalesforceError error = reply->error() == QNetworkReply::SslHandshakeFailedError
            ? SalesforceAuthenticator::handshakeError(reply->url().host(), pending.sslErrors ? *pending.sslErrors : QList<QSslError>(),
                                                      reply->errorString())
            : timeout
            ? SalesforceError::make(u"TIMEOUT"_s, u"No reply from %1 within %2 s (%3 %4)."_s.arg(m_session.instanceUrl.host())
                                                      .arg(m_timeoutMs / 1000)
                                                      .arg(QString::fromLatin1(pending.method), pending.pathAndQuery.section(u'?', 0, 0)))
            : SalesforceError::make(u"NETWORK_ERROR"_s, u"The connection to Salesforce failed: %1"_s.arg(reply->errorString()));
        retryOrFail(std::move(pending), failure, error);
        return;
    }

    const QByteArray body = reply->readAll();
    if (status == 401) {
        const QList<SalesforceError> errors = SalesforceError::parseBody(body, status);
        if (m_authenticator && m_authenticator->canRenew() && !pending.replayedAfterRenewal) {
            qCInfo(lcSalesforce) << "session expired; renewing it once";
            pending.replayedAfterRenewal = true;
            renewAndReplay(std::move(pending));
            return;
        }
        SalesforceError e = combine(errors);
        e.hint = SalesforceError::hintFor(u"INVALID_SESSION_ID"_s);
        pending.done(std::unexpected(e));
        return;
    }
    if (status == 300) {
        const QJsonArray urls = QJsonDocument::fromJson(body).array();
        pending.done(sfFail(u"MULTIPLE_MATCHES"_s,
                            u"The external ID matches %1 records in Salesforce."_s.arg(urls.size()), status,
                            u"Remove the duplicate records in Salesforce and make the external ID field Unique."_s));
        return;
    }
    if (status >= 300) {
        const QList<SalesforceError> errors = SalesforceError::parseBody(body, status);
        failure.errorCodes = codesOf(errors);
        failure.retryAfterMs = retryAfterMs(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc()).value_or(-1);
        retryOrFail(std::move(pending), failure, combine(errors));
        return;
    }

    RawReply raw;
    raw.httpStatus = status;
    if (!body.trimmed().isEmpty()) {
        QJsonParseError parseError;
        raw.json = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            failure.malformedReply = true;
            retryOrFail(std::move(pending), failure,
                        SalesforceError::make(u"MALFORMED_RESPONSE"_s,
                                              u"Salesforce sent a reply that is not valid JSON (%1 at byte %2)."_s
                                                  .arg(parseError.errorString())
                                                  .arg(parseError.offset),
                                              status));
            return;
        }
    }
    pending.done(std::move(raw));
}

void SalesforceClient::retryOrFail(Pending pending, const RetryPolicy::Failure &failure, const SalesforceError &error)
{
    const std::optional<int> delay = m_retryPolicy.delayBeforeRetry(pending.attempts, failure);
    if (!delay) {
        SalesforceError e = error;
        if (!failure.idempotent && RetryPolicy::isTransient(failure) && pending.attempts < m_retryPolicy.maxAttempts())
            e.hint = u"The connection failed after the request was sent, so Salesforce may have written it; it was not "
                     "sent again to avoid a duplicate. The next synchronization checks and completes it."_s;
        pending.done(std::unexpected(e));
        return;
    }
    qCInfo(lcSalesforce) << "retrying" << pending.method << pending.pathAndQuery.section(u'?', 0, 0) << "in" << *delay
                         << "ms after" << error.errorCode << "(attempt" << pending.attempts << ")";
    QTimer::singleShot(*delay, this, [this, pending = std::move(pending)]() mutable { dispatch(std::move(pending)); });
}

void SalesforceClient::renewAndReplay(Pending pending)
{
    if (m_session.isValid() && pending.tokenUsed != m_session.accessToken && !pending.tokenUsed.isEmpty()) {
        dispatch(std::move(pending)); // another request renewed the session meanwhile
        return;
    }
    m_waitingForSession.append(std::move(pending));
    if (m_renewing)
        return;
    m_renewing = true;
    m_authenticator->renew([this](SalesforceResult<SalesforceSession> result) {
        m_renewing = false;
        QList<Pending> waiting = std::move(m_waitingForSession);
        m_waitingForSession.clear();
        if (!result) {
            for (Pending &p : waiting)
                p.done(std::unexpected(result.error()));
            return;
        }
        setSession(*result);
        Q_EMIT sessionChanged(m_session);
        for (Pending &p : waiting)
            dispatch(std::move(p));
    });
}

// ---------------------------------------------------------------------------------------------
// Describe and query

void SalesforceClient::describe(const QString &object, Callback<SObjectDescribe> done)
{
    const auto cached = m_describeCache.constFind(object);
    if (cached != m_describeCache.constEnd()) {
        done(*cached);
        return;
    }
    const Result<QString> path = CompositeGraph::objectPath(object);
    if (!path) {
        done(sfFail(path.error().code, path.error().message));
        return;
    }
    send("GET", dataPath() + *path + u"/describe"_s, {}, true,
         [this, object, done = std::move(done)](SalesforceResult<RawReply> reply) {
             if (!reply) {
                 done(std::unexpected(reply.error()));
                 return;
             }
             SalesforceResult<SObjectDescribe> d = SObjectDescribe::fromJson(reply->json.object());
             if (!d) {
                 done(std::move(d));
                 return;
             }
             if (object.compare(u"Order"_s, Qt::CaseInsensitive) == 0) {
                 applyOrderStatusCategories(std::move(*d), std::move(done));
                 return;
             }
             m_describeCache.insert(object, *d);
             done(std::move(d));
         });
}

void SalesforceClient::applyOrderStatusCategories(SObjectDescribe describe, Callback<SObjectDescribe> done)
{
    query(SoqlQuery(u"OrderStatus"_s).select({u"MasterLabel"_s, u"ApiName"_s, u"StatusCode"_s}),
          [this, describe = std::move(describe), done = std::move(done)](SalesforceResult<QList<QJsonObject>> rows) mutable {
              if (!rows) {
                  done(std::unexpected(rows.error()));
                  return;
              }
              QHash<QString, QString> category;
              for (const QJsonObject &row : std::as_const(*rows)) {
                  const QString code = row.value(u"StatusCode"_s).toString();
                  category.insert(row.value(u"ApiName"_s).toString(), code);
                  if (!category.contains(row.value(u"MasterLabel"_s).toString()))
                      category.insert(row.value(u"MasterLabel"_s).toString(), code);
              }
              if (SalesforceFieldInfo *status = describe.field(u"Status"_s)) {
                  for (PicklistValue &v : status->picklistValues)
                      v.statusCategory = category.value(v.value);
              }
              m_describeCache.insert(describe.name, describe);
              done(std::move(describe));
          });
}

void SalesforceClient::query(const SoqlQuery &query, Callback<QList<QJsonObject>> done)
{
    const Result<QString> text = query.build();
    if (!text) {
        done(sfFail(text.error().code, text.error().message, 0, text.error().hint));
        return;
    }
    queryText(*text, std::move(done));
}

void SalesforceClient::queryText(const QString &soql, Callback<QList<QJsonObject>> done)
{
    queryPage(dataPath() + u"query?q="_s + QString::fromLatin1(QUrl::toPercentEncoding(soql)), {}, std::move(done));
}

void SalesforceClient::queryPage(const QString &pathAndQuery, QList<QJsonObject> records, Callback<QList<QJsonObject>> done,
                                 const QString &firstPage, bool restarted)
{
    Pending p;
    p.method = "GET";
    p.pathAndQuery = pathAndQuery;
    if (m_queryBatchSize > 0)
        p.headers.append({"Sforce-Query-Options", "batchSize=" + QByteArray::number(m_queryBatchSize)});
    p.done = [this, pathAndQuery, firstPage, restarted, records = std::move(records),
              done = std::move(done)](SalesforceResult<RawReply> reply) mutable {
             if (!reply) {
                 // A locator can expire (15 minutes idle) or vanish when a lost reply already served
                 // the last page: reading again from the start is safe and converges.
                 if (reply.error().errorCode == u"INVALID_QUERY_LOCATOR"_s && !firstPage.isEmpty()
                     && pathAndQuery != firstPage && !restarted) {
                     qCInfo(lcSalesforce) << "query locator no longer valid; reading the query again from the start";
                     queryPage(firstPage, {}, std::move(done), firstPage, true);
                     return;
                 }
                 done(std::unexpected(reply.error()));
                 return;
             }
             const QJsonObject page = reply->json.object();
             if (!page.value(u"records"_s).isArray()) {
                 done(sfFail(u"MALFORMED_RESPONSE"_s, u"The query reply has no records array."_s, reply->httpStatus));
                 return;
             }
             const QJsonArray batch = page.value(u"records"_s).toArray();
             for (const QJsonValue &v : batch)
                 records.append(v.toObject());
             const bool finished = page.value(u"done"_s).toBool(true);
             const QString next = page.value(u"nextRecordsUrl"_s).toString();
             if (finished) {
                 done(std::move(records));
                 return;
             }
             if (!next.startsWith(u"/services/data/"_s) || next == pathAndQuery) {
                 done(sfFail(u"MALFORMED_RESPONSE"_s, u"The query reply is not done but has no usable nextRecordsUrl."_s,
                             reply->httpStatus));
                 return;
             }
             queryPage(next, std::move(records), std::move(done), firstPage.isEmpty() ? pathAndQuery : firstPage, restarted);
    };
    dispatch(std::move(p));
}

void SalesforceClient::queries(const QList<QPair<QString, SoqlQuery>> &queries, Callback<QHash<QString, QList<QJsonObject>>> done)
{
    static constexpr int QueriesPerComposite = 5;
    QList<QList<QPair<QString, QString>>> batches;
    QSet<QString> ids;
    for (const auto &[id, query] : queries) {
        const Result<QString> text = query.build();
        if (!text) {
            done(sfFail(text.error().code, text.error().message, 0, text.error().hint));
            return;
        }
        if (ids.contains(id) || !Soql::isValidName(id) || id.contains(u'.')) {
            done(sfFail(u"INVALID_REFERENCE_ID"_s, u"Query reference IDs must be unique names ('%1')."_s.arg(id.left(80))));
            return;
        }
        ids.insert(id);
        if (batches.isEmpty() || batches.last().size() >= QueriesPerComposite)
            batches.append(QList<QPair<QString, QString>>());
        batches.last().append({id, *text});
    }
    if (batches.isEmpty()) {
        done(QHash<QString, QList<QJsonObject>>());
        return;
    }
    sendQueryBatches(std::move(batches), {}, std::move(done));
}

void SalesforceClient::sendQueryBatches(QList<QList<QPair<QString, QString>>> batches, QHash<QString, QList<QJsonObject>> results,
                                        Callback<QHash<QString, QList<QJsonObject>>> done)
{
    const QList<QPair<QString, QString>> batch = batches.takeFirst();
    QJsonArray requests;
    for (const auto &[id, soql] : batch)
        requests.append(QJsonObject{{u"method"_s, u"GET"_s},
                                    {u"url"_s, QString(dataPath() + u"query?q="_s + QString::fromLatin1(QUrl::toPercentEncoding(soql)))},
                                    {u"referenceId"_s, id}});
    const QJsonObject body{{u"allOrNone"_s, false}, {u"compositeRequest"_s, requests}};
    send("POST", dataPath() + u"composite"_s, QJsonDocument(body), true,
         [this, batch, batches = std::move(batches), results = std::move(results),
          done = std::move(done)](SalesforceResult<RawReply> reply) mutable {
             if (!reply) {
                 done(std::unexpected(reply.error()));
                 return;
             }
             const QJsonArray responses = reply->json.object().value(u"compositeResponse"_s).toArray();
             QList<MorePages> morePages;
             for (const auto &[id, soql] : batch) {
                 const auto it = std::find_if(responses.begin(), responses.end(), [&id](const QJsonValue &v) {
                     return v.toObject().value(u"referenceId"_s).toString() == id;
                 });
                 if (it == responses.end()) {
                     done(sfFail(u"MALFORMED_RESPONSE"_s, u"The composite reply lacks query '%1'."_s.arg(id), reply->httpStatus));
                     return;
                 }
                 const QJsonObject sub = it->toObject();
                 const int status = sub.value(u"httpStatusCode"_s).toInt();
                 const QJsonValue subBody = sub.value(u"body"_s);
                 if (status < 200 || status >= 300) {
                     QList<SalesforceError> errors;
                     if (subBody.isArray())
                         errors = SalesforceError::parseArray(subBody.toArray(), status);
                     if (errors.isEmpty())
                         errors.append(SalesforceError::make(u"UNKNOWN_ERROR"_s, u"Query '%1' failed."_s.arg(id), status));
                     done(std::unexpected(combine(errors)));
                     return;
                 }
                 const QJsonObject page = subBody.toObject();
                 if (!page.value(u"records"_s).isArray()) {
                     done(sfFail(u"MALFORMED_RESPONSE"_s, u"Query '%1' returned no records array."_s.arg(id), status));
                     return;
                 }
                 QList<QJsonObject> &rows = results[id];
                 const QJsonArray records = page.value(u"records"_s).toArray();
                 for (const QJsonValue &r : records)
                     rows.append(r.toObject());
                 if (!page.value(u"done"_s).toBool(true))
                     morePages.append({id, page.value(u"nextRecordsUrl"_s).toString(),
                                       dataPath() + u"query?q="_s + QString::fromLatin1(QUrl::toPercentEncoding(soql))});
             }
             auto next = [this, batches = std::move(batches), done = std::move(done)](
                             SalesforceResult<QHash<QString, QList<QJsonObject>>> r) mutable {
                 if (!r) {
                     done(std::unexpected(r.error()));
                     return;
                 }
                 if (batches.isEmpty()) {
                     done(std::move(*r));
                     return;
                 }
                 sendQueryBatches(std::move(batches), std::move(*r), std::move(done));
             };
             followQueryPages(std::move(morePages), std::move(results), std::move(next));
         });
}

void SalesforceClient::followQueryPages(QList<MorePages> pending, QHash<QString, QList<QJsonObject>> results,
                                        std::function<void(SalesforceResult<QHash<QString, QList<QJsonObject>>>)> done)
{
    if (pending.isEmpty()) {
        done(std::move(results));
        return;
    }
    const MorePages more = pending.takeFirst();
    const QString id = more.referenceId;
    const QString url = more.nextUrl;
    if (!url.startsWith(u"/services/data/"_s)) {
        done(sfFail(u"MALFORMED_RESPONSE"_s, u"Query '%1' is not done but has no usable nextRecordsUrl."_s.arg(id)));
        return;
    }
    QList<QJsonObject> soFar = results.take(id);
    queryPage(url, std::move(soFar),
              [this, id, pending = std::move(pending), results = std::move(results),
               done = std::move(done)](SalesforceResult<QList<QJsonObject>> rows) mutable {
                  if (!rows) {
                      done(std::unexpected(rows.error()));
                      return;
                  }
                  results.insert(id, std::move(*rows));
                  followQueryPages(std::move(pending), std::move(results), std::move(done));
              },
              more.firstPage);
}

// ---------------------------------------------------------------------------------------------
// Single records

void SalesforceClient::create(const QString &object, const QJsonObject &fields, Callback<SaveResult> done)
{
    const Result<QString> path = CompositeGraph::objectPath(object);
    if (!path) {
        done(sfFail(path.error().code, path.error().message));
        return;
    }
    sendWrite("POST", dataPath() + *path + u"/"_s, QJsonDocument(fields), false,
         [done = std::move(done)](SalesforceResult<RawReply> reply) {
             if (!reply) {
                 done(std::unexpected(reply.error()));
                 return;
             }
             SaveResult r = SaveResult::fromJson(reply->json.object(), reply->httpStatus);
             if (r.id.isEmpty() && r.success) {
                 done(sfFail(u"MALFORMED_RESPONSE"_s, u"The create reply has no id."_s, reply->httpStatus));
                 return;
             }
             r.created = true;
             done(std::move(r));
         });
}

void SalesforceClient::update(const QString &object, const QString &id, const QJsonObject &fields, Callback<void> done)
{
    const Result<QString> path = CompositeGraph::recordPath(object, id);
    if (!path) {
        done(sfFail(path.error().code, path.error().message));
        return;
    }
    sendWrite("PATCH", dataPath() + *path, QJsonDocument(fields), true, [done = std::move(done)](SalesforceResult<RawReply> reply) {
        if (!reply) {
            done(std::unexpected(reply.error()));
            return;
        }
        done({});
    });
}

void SalesforceClient::upsert(const QString &object, const QString &externalIdField, const QString &externalId,
                              const QJsonObject &fields, Callback<SaveResult> done)
{
    if (!externalId.isEmpty() && !CompositeGraph::isUrlSafeExternalId(externalId)) {
        // Salesforce cannot route such a value in the URL: the same upsert as a one-record collection.
        QJsonObject record = fields;
        record.insert(externalIdField, externalId);
        upsertRecords(object, externalIdField, {record}, true, [done = std::move(done)](SalesforceResult<QList<SaveResult>> r) {
            if (!r) {
                done(std::unexpected(r.error()));
                return;
            }
            const SaveResult &one = r->first();
            if (!one.success) {
                done(std::unexpected(combine(one.errors)));
                return;
            }
            done(one);
        });
        return;
    }
    const Result<QString> path = CompositeGraph::externalIdPath(object, externalIdField, externalId);
    if (!path) {
        done(sfFail(path.error().code, path.error().message));
        return;
    }
    sendWrite("PATCH", dataPath() + *path, QJsonDocument(fields), true, [done = std::move(done)](SalesforceResult<RawReply> reply) {
        if (!reply) {
            done(std::unexpected(reply.error()));
            return;
        }
        if (reply->json.isNull()) { // API <= 45 answers an update with 204 and no body
            SaveResult r;
            r.success = true;
            done(std::move(r));
            return;
        }
        SaveResult r = SaveResult::fromJson(reply->json.object(), reply->httpStatus);
        if (!reply->json.object().contains(u"created"_s))
            r.created = reply->httpStatus == 201;
        done(std::move(r));
    });
}

void SalesforceClient::limits(Callback<QJsonObject> done)
{
    send("GET", dataPath() + u"limits"_s, {}, true, [done = std::move(done)](SalesforceResult<RawReply> reply) {
        if (!reply) {
            done(std::unexpected(reply.error()));
            return;
        }
        if (!reply->json.isObject()) {
            done(sfFail(u"MALFORMED_RESPONSE"_s, u"The limits reply is not an object."_s, reply->httpStatus));
            return;
        }
        done(reply->json.object());
    });
}

// ---------------------------------------------------------------------------------------------
// Composite graph

void SalesforceClient::graphs(const QList<CompositeGraph> &graphs, Callback<QList<GraphResult>> done)
{
    QSet<QString> ids;
    for (const CompositeGraph &g : graphs) {
        if (g.nodeCount() == 0 || g.nodeCount() > CompositeGraph::MaxNodes) {
            done(sfFail(u"INVALID_GRAPH"_s, u"Graph '%1' has %2 nodes; a graph holds 1 to %3."_s.arg(g.graphId())
                                                 .arg(g.nodeCount())
                                                 .arg(CompositeGraph::MaxNodes)));
            return;
        }
        if (ids.contains(g.graphId()) || g.graphId().isEmpty() || !g.graphId().at(0).isLetterOrNumber()) {
            done(sfFail(u"INVALID_GRAPH"_s, u"Graph IDs must be unique and start with a letter or digit ('%1')."_s.arg(g.graphId())));
            return;
        }
        ids.insert(g.graphId());
    }
    QList<QList<CompositeGraph>> payloads = packGraphs(graphs);
    if (payloads.isEmpty()) {
        done(QList<GraphResult>{});
        return;
    }
    QStringList inputOrder;
    for (const CompositeGraph &g : graphs)
        inputOrder << g.graphId();
    sendGraphPayloads(std::move(payloads), std::move(inputOrder), std::move(done));
}

int SalesforceClient::graphCalls(const QList<CompositeGraph> &graphs)
{
    return int(packGraphs(graphs).size());
}

// Payloads go out side by side, up to m_graphConcurrency at once. A payload that shares an Account with an
// earlier one waits until that one has finished, so no two calls in flight touch the same Account.
struct SalesforceClient::GraphRun
{
    QList<QList<CompositeGraph>> payloads;
    QList<QList<int>> waitsFor;                       // earlier payloads each payload must wait for
    QList<std::optional<QList<GraphResult>>> results; // per payload, once answered well
    QList<std::optional<SalesforceError>> failures;   // per payload, when the call as a whole failed
    QList<bool> sent;
    QList<bool> finished;
    QList<int> lockAttempts; // per payload: sends of its graphs that drew UNABLE_TO_LOCK_ROW so far
    QStringList inputOrder; // graph IDs as graphs() was given them
    int inFlight = 0;
    bool stopped = false;   // a call failed as a whole: send nothing more
    bool completed = false; // done was called (a call that fails at once finishes the run inside the send)
    Callback<QList<GraphResult>> done;

    [[nodiscard]] bool ready(int payload) const
    {
        return std::all_of(waitsFor.at(payload).cbegin(), waitsFor.at(payload).cend(),
                           [this](int earlier) { return finished.at(earlier); });
    }
};

void SalesforceClient::sendGraphPayloads(QList<QList<CompositeGraph>> payloads, QStringList inputOrder,
                                         Callback<QList<GraphResult>> done)
{
    auto run = std::make_shared<GraphRun>();
    run->inputOrder = std::move(inputOrder);
    QList<QSet<QString>> keys;
    for (const QList<CompositeGraph> &payload : std::as_const(payloads)) {
        QSet<QString> payloadKeys;
        for (const CompositeGraph &g : payload)
            payloadKeys.unite(accountKeys(g));
        QList<int> earlier;
        for (int i = 0; i < int(keys.size()); ++i) {
            if (keys.at(i).intersects(payloadKeys))
                earlier << i;
        }
        run->waitsFor << earlier;
        keys << payloadKeys;
    }
    run->results.resize(payloads.size());
    run->failures.resize(payloads.size());
    run->finished.fill(false, payloads.size());
    run->sent.fill(false, payloads.size());
    run->lockAttempts.fill(0, payloads.size());
    run->payloads = std::move(payloads);
    run->done = std::move(done);
    pumpGraphPayloads(run);
}

void SalesforceClient::pumpGraphPayloads(const std::shared_ptr<GraphRun> &run)
{
    // The first unsent calls that wait for nothing in flight, so one waiting call holds up no other.
    for (int i = 0; i < int(run->payloads.size()) && !run->stopped && run->inFlight < std::max(1, m_graphConcurrency); ++i) {
        if (!run->sent.at(i) && run->ready(i)) {
            run->sent[i] = true;
            sendGraphPayload(run, i);
        }
    }
    const bool allSent = std::all_of(run->sent.cbegin(), run->sent.cend(), [](bool sent) { return sent; });
    if (run->inFlight > 0 || (!run->stopped && !allSent))
        return;
    finishGraphPayloads(*run);
}

void SalesforceClient::sendGraphPayload(const std::shared_ptr<GraphRun> &run, int index)
{
    ++run->inFlight;
    sendGraphs(run, index, run->payloads.at(index));
}

namespace {

// A graph that Salesforce rolled back because a row it needed was locked by another transaction: Salesforce waits
// up to 10 seconds for a lock and then fails the DML (https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/
// apexcode/langCon_apex_locking_statements.htm); a graph is all-or-nothing, so nothing of it was written.
bool lockedRow(const GraphResult &r)
{
    if (r.isSuccessful)
        return false;
    const QList<SalesforceError> errors = r.rootErrors();
    return std::any_of(errors.cbegin(), errors.cend(),
                       [](const SalesforceError &e) { return e.errorCode == u"UNABLE_TO_LOCK_ROW"; });
}

} // namespace

// Sends `graphs` (the whole payload or its graphs that drew a row lock) as one call. The payload counts as in flight
// (and later payloads on its Accounts wait) until its last retry is answered: only the locked graphs go again, the
// others' results stand.
void SalesforceClient::sendGraphs(const std::shared_ptr<GraphRun> &run, int index, const QList<CompositeGraph> &graphs)
{
    QJsonArray graphsJson;
    bool idempotent = true;
    for (const CompositeGraph &g : graphs) {
        graphsJson.append(g.toJson(m_apiVersion));
        idempotent = idempotent && g.isIdempotent();
    }
    send("POST", dataPath() + u"composite/graph"_s, QJsonDocument(QJsonObject{{u"graphs"_s, graphsJson}}), idempotent,
         [this, run, index, graphs](SalesforceResult<RawReply> reply) {
             SalesforceResult<QList<GraphResult>> parsed = reply ? GraphResult::fromReply(reply->json.object(), reply->httpStatus)
                                                                 : std::unexpected(reply.error());
             QList<GraphResult> ordered;
             if (parsed) {
                 // In input order; a graph missing from the reply is a malformed reply.
                 for (const CompositeGraph &g : graphs) {
                     const auto it = std::find_if(parsed->cbegin(), parsed->cend(),
                                                  [&](const GraphResult &r) { return r.graphId == g.graphId(); });
                     if (it == parsed->cend()) {
                         parsed = sfFail(u"MALFORMED_RESPONSE"_s,
                                         u"The composite graph reply lacks graph '%1'."_s.arg(g.graphId()),
                                         reply->httpStatus);
                         break;
                     }
                     ordered.append(*it);
                 }
             }
             if (!parsed) {
                 --run->inFlight;
                 run->finished[index] = true;
                 run->failures[index] = parsed.error();
                 if (run->results.at(index)) // a retry failed as a whole: the graphs it carried take its error
                     markFailed(*run->results[index], graphs, parsed.error());
                 run->stopped = true;
                 pumpGraphPayloads(run);
                 return;
             }
             const int attempt = ++run->lockAttempts[index];
             mergeResults(run->results[index], ordered, graphs);
             QList<CompositeGraph> locked;
             for (const CompositeGraph &g : graphs) {
                 const auto it = std::find_if(ordered.cbegin(), ordered.cend(),
                                              [&](const GraphResult &r) { return r.graphId == g.graphId(); });
                 if (lockedRow(*it))
                     locked << g;
             }
             // The lock is another transaction's: wait as for any transient failure (RetryPolicy's backoff), at most
             // as many times as the policy allows, and only while the run goes on.
             RetryPolicy::Failure failure;
             failure.httpStatus = 400;
             failure.errorCodes = {u"UNABLE_TO_LOCK_ROW"_s};
             const std::optional<int> delay = m_retryPolicy.delayBeforeRetry(attempt, failure);
             if (!locked.isEmpty() && delay && !run->stopped && !run->completed) {
                 qCInfo(lcSalesforce) << locked.size() << "graph(s) drew UNABLE_TO_LOCK_ROW; sending them again in"
                                      << *delay << "ms";
                 QTimer::singleShot(*delay, this, [this, run, index, locked] {
                     if (run->stopped || run->completed) {
                         --run->inFlight;
                         run->finished[index] = true;
                         pumpGraphPayloads(run);
                         return;
                     }
                     sendGraphs(run, index, locked);
                 });
                 return;
             }
             --run->inFlight;
             run->finished[index] = true;
             pumpGraphPayloads(run);
         });
}

void SalesforceClient::mergeResults(std::optional<QList<GraphResult>> &results, const QList<GraphResult> &answered,
                                    const QList<CompositeGraph> &graphs)
{
    if (!results) {
        results = answered;
        return;
    }
    for (GraphResult &r : *results) {
        const auto it = std::find_if(answered.cbegin(), answered.cend(),
                                     [&](const GraphResult &o) { return o.graphId == r.graphId; });
        if (it == answered.cend())
            continue;
        const int calls = r.lockRetries + (r.graphId == graphs.first().graphId() ? 1 : 0);
        r = *it;
        r.lockRetries = calls;
    }
}

void SalesforceClient::markFailed(QList<GraphResult> &results, const QList<CompositeGraph> &graphs,
                                  const SalesforceError &error)
{
    for (GraphResult &r : results) {
        const bool resent = std::any_of(graphs.cbegin(), graphs.cend(),
                                        [&](const CompositeGraph &g) { return g.graphId() == r.graphId; });
        if (!resent)
            continue;
        GraphResult failed;
        failed.graphId = r.graphId;
        failed.lockRetries = r.lockRetries + (r.graphId == graphs.first().graphId() ? 1 : 0);
        GraphResult::Node n;
        n.errors.append(error);
        failed.nodes.append(n);
        r = failed;
    }
}

// Results in input order. When no call was answered well, the first failure is the whole call's error;
// otherwise every graph of a failed or unsent payload carries that failure.
void SalesforceClient::finishGraphPayloads(GraphRun &run)
{
    if (run.completed)
        return;
    run.completed = true;
    const auto firstFailure = std::find_if(run.failures.cbegin(), run.failures.cend(),
                                           [](const std::optional<SalesforceError> &f) { return f.has_value(); });
    const bool anyAnswered = std::any_of(run.results.cbegin(), run.results.cend(),
                                         [](const std::optional<QList<GraphResult>> &r) { return r.has_value(); });
    if (!anyAnswered && firstFailure != run.failures.cend()) {
        run.done(std::unexpected(**firstFailure));
        return;
    }
    QHash<QString, GraphResult> byId;
    for (int i = 0; i < int(run.payloads.size()); ++i) {
        if (run.results.at(i)) {
            for (const GraphResult &r : *run.results.at(i))
                byId.insert(r.graphId, r);
            continue;
        }
        const SalesforceError error = run.failures.at(i) ? *run.failures.at(i) : **firstFailure;
        for (const CompositeGraph &g : run.payloads.at(i)) {
            GraphResult r;
            r.graphId = g.graphId();
            GraphResult::Node n;
            n.errors.append(error);
            r.nodes.append(n);
            byId.insert(r.graphId, r);
        }
    }
    QList<GraphResult> results;
    for (const QString &id : std::as_const(run.inputOrder))
        results.append(byId.value(id));
    run.done(std::move(results));
}

// ---------------------------------------------------------------------------------------------
// sObject Collections

void SalesforceClient::createRecords(const QList<QJsonObject> &records, bool allOrNone, Callback<QList<SaveResult>> done)
{
    sendCollectionChunks("POST", dataPath() + u"composite/sobjects"_s, records, 0, allOrNone, {}, std::move(done));
}

void SalesforceClient::updateRecords(const QList<QJsonObject> &records, bool allOrNone, Callback<QList<SaveResult>> done)
{
    sendCollectionChunks("PATCH", dataPath() + u"composite/sobjects"_s, records, 0, allOrNone, {}, std::move(done));
}

void SalesforceClient::upsertRecords(const QString &object, const QString &externalIdField, const QList<QJsonObject> &records,
                                     bool allOrNone, Callback<QList<SaveResult>> done)
{
    const Result<QString> path = CompositeGraph::objectPath(object);
    if (!path || !Soql::isValidName(externalIdField) || externalIdField.contains(u'.')) {
        done(sfFail(u"INVALID_SOQL_NAME"_s, u"'%1.%2' is not a valid object and field name."_s.arg(object, externalIdField)));
        return;
    }
    QList<QJsonObject> typed = records;
    for (QJsonObject &r : typed) {
        if (!r.contains(u"attributes"_s))
            r.insert(u"attributes"_s, QJsonObject{{u"type"_s, object}});
    }
    sendCollectionChunks("PATCH", dataPath() + u"composite/"_s + *path + u"/"_s + externalIdField, typed, 0, allOrNone, {},
                         std::move(done));
}

void SalesforceClient::sendCollectionChunks(const QByteArray &method, const QString &path, QList<QJsonObject> records,
                                            qsizetype offset, bool allOrNone, QList<SaveResult> results,
                                            Callback<QList<SaveResult>> done)
{
    if (offset >= records.size()) {
        done(std::move(results));
        return;
    }
    const qsizetype count = std::min<qsizetype>(CollectionChunk, records.size() - offset);
    QJsonArray chunk;
    for (qsizetype i = 0; i < count; ++i)
        chunk.append(records.at(offset + i));
    const QJsonObject body{{u"allOrNone"_s, allOrNone}, {u"records"_s, chunk}};
    const bool idempotent = method != "POST";
    sendWrite(method, path, QJsonDocument(body), idempotent,
         [this, method, path, records = std::move(records), offset, count, allOrNone, results = std::move(results),
          done = std::move(done)](SalesforceResult<RawReply> reply) mutable {
             SalesforceResult<QList<SaveResult>> parsed = reply
                 ? SaveResult::fromCollection(reply->json.array(), count, reply->httpStatus)
                 : std::unexpected(reply.error());
             if (!parsed) {
                 if (results.isEmpty()) {
                     done(std::unexpected(parsed.error()));
                     return;
                 }
                 while (results.size() < records.size())
                     results.append(SaveResult::failed(parsed.error()));
                 done(std::move(results));
                 return;
             }
             results += *parsed;
             sendCollectionChunks(method, path, std::move(records), offset + count, allOrNone, std::move(results),
                                  std::move(done));
         });
}

} // namespace OrderBridge
