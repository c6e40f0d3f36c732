#include "fakenetwork.h"
#include "salesforce/salesforceauthenticator.h"
#include "salesforce/salesforceclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

const QString Instance = u"https://acme.my.salesforce.com"_s;

QByteArray json(const QJsonValue &v)
{
    return v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                       : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
}

FakeResponse ok(const QJsonValue &v, int status = 200)
{
    return FakeResponse{status, json(v), {{"Sforce-Limit-Info", "api-usage=10/15000"}}, QNetworkReply::NoError};
}

FakeResponse sfError(int status, const QString &code, const QString &message, const QStringList &fields = {})
{
    return FakeResponse{status,
                        json(QJsonArray{QJsonObject{{u"errorCode"_s, code},
                                                    {u"message"_s, message},
                                                    {u"fields"_s, QJsonArray::fromStringList(fields)}}}),
                        {{"Sforce-Limit-Info", "api-usage=10/15000"}},
                        QNetworkReply::NoError};
}

FakeResponse transport(QNetworkReply::NetworkError e)
{
    return FakeResponse{0, {}, {}, e};
}

FakeResponse tokenReply(const QString &token)
{
    return ok(QJsonObject{{u"access_token"_s, token},
                          {u"instance_url"_s, Instance},
                          {u"id"_s, u"https://login.example.com/id/00D000000000001AAA/005000000000001AAA"_s},
                          {u"issued_at"_s, u"1700000000000"_s},
                          {u"token_type"_s, u"Bearer"_s}});
}

SalesforceSession session(const QString &token)
{
    SalesforceSession s;
    s.accessToken = token;
    s.instanceUrl = QUrl(Instance);
    s.orgId = u"00D000000000001AAA"_s;
    return s;
}

bool isToken(const FakeRequest &r)
{
    return r.url.path() == u"/services/oauth2/token"_s;
}

QByteArray bearer(const FakeRequest &r)
{
    return r.request.rawHeader("Authorization");
}

// Waits for an asynchronous callback result without nested event loops in the code under test.
template<typename T>
struct Capture
{
    std::optional<SalesforceResult<T>> result;
    std::function<void(SalesforceResult<T>)> callback()
    {
        return [this](SalesforceResult<T> r) { result = std::move(r); };
    }
    bool wait(int ms = 5000)
    {
        return QTest::qWaitFor([this] { return result.has_value(); }, ms);
    }
};

/// A FakeNetwork that keeps count of the requests in flight and of the graphs whose calls have been answered.
class CountingNetwork : public FakeNetwork
{
public:
    using FakeNetwork::FakeNetwork;
    int inFlight = 0;
    int mostInFlight = 0;
    QStringList answeredGraphs;

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request, QIODevice *outgoingData) override
    {
        QNetworkReply *reply = FakeNetwork::createRequest(operation, request, outgoingData);
        QStringList graphIds;
        const QJsonArray graphs = QJsonDocument::fromJson(requests.last().body).object().value(u"graphs"_s).toArray();
        for (const QJsonValue &g : graphs)
            graphIds << g.toObject().value(u"graphId"_s).toString();
        mostInFlight = std::max(mostInFlight, ++inFlight);
        connect(reply, &QNetworkReply::finished, this, [this, graphIds] {
            --inFlight;
            answeredGraphs += graphIds;
        });
        return reply;
    }
};

/// Graph `id` of `nodes` Account creates, the first an upsert of the Account with external ID `account`:
/// a graph of 300 nodes fills a call of its own (500 nodes at most).
CompositeGraph accountGraph(const QString &id, const QString &account, int nodes = 300)
{
    CompositeGraph graph(id);
    (void)graph.addUpsert(u"Account"_s, u"Key__c"_s, account, QJsonObject{{u"Name"_s, account}}, u"acc"_s);
    for (int n = 1; n < nodes; ++n)
        (void)graph.addCreate(u"Contact"_s, QJsonObject{{u"LastName"_s, u"C"_s}}, u"n%1"_s.arg(n));
    return graph;
}

/// Answers every graph of a /composite/graph call as written; `refuse` graphs' calls get a 500.
FakeResponse graphReply(const FakeRequest &r, const QStringList &refuse = {})
{
    QJsonArray out;
    const QJsonArray graphs = QJsonDocument::fromJson(r.body).object().value(u"graphs"_s).toArray();
    for (const QJsonValue &g : graphs) {
        if (refuse.contains(g.toObject().value(u"graphId"_s).toString()))
            return sfError(500, u"UNKNOWN_EXCEPTION"_s, u"An unexpected error occurred."_s);
        QJsonArray responses;
        for (const QJsonValue &n : g.toObject().value(u"compositeRequest"_s).toArray())
            responses.append(QJsonObject{{u"referenceId"_s, n.toObject().value(u"referenceId"_s)},
                                         {u"httpStatusCode"_s, 201},
                                         {u"body"_s, QJsonObject{{u"id"_s, u"001000000000001AAA"_s}, {u"success"_s, true}}}});
        out.append(QJsonObject{{u"graphId"_s, g.toObject().value(u"graphId"_s)},
                               {u"isSuccessful"_s, true},
                               {u"graphResponse"_s, QJsonObject{{u"compositeResponse"_s, responses}}}});
    }
    return ok(QJsonObject{{u"graphs"_s, out}});
}

QStringList graphIdsOf(const FakeRequest &r)
{
    QStringList ids;
    for (const QJsonValue &g : QJsonDocument::fromJson(r.body).object().value(u"graphs"_s).toArray())
        ids << g.toObject().value(u"graphId"_s).toString();
    return ids;
}

} // namespace

class TestSalesforceClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void renewsOnceOn401AndReplays();
    void secondExpiryIsAnError();
    void concurrent401sShareOneRenewal();
    void noSessionWithoutAuthenticator();
    void retries503ThenSucceeds();
    void retriesLockRow();
    void noRetryForDataErrors();
    void createNotResentAfterDroppedConnection();
    void getRetriedAfterDroppedConnection();
    void requestLimitExceededNotRetried();
    void malformedReplyIsAnError();
    void queryFollowsPaging();
    void queryRestartsWhenTheLocatorIsGone();
    void queryRefusesBrokenPaging();
    void queryEncodesHostileLiterals();
    void batchedQueriesUseComposite();
    void limitInfoIsTracked();
    void describeMapsFieldsAndCaches();
    void describeOrderAddsStatusCategories();
    void upsertEncodesExternalIdAndReportsCreated();
    void upsertMultipleMatches();
    void writesOutsideGraphsCarryTheWriteHeader();
    void collectionsAreChunked();
    void collectionUpsertParsesStatusCodeErrors();
    void collectionChunkFailureAfterPartialWrite();
    void graphsAreSplitIntoPayloads();
    void graphCallsFollowTheLimits_data();
    void graphCallsFollowTheLimits();
    void graphRollbackIsParsed();
    void graphRefusesDuplicateIds();
    void graphCallsRunSideBySide();
    void graphCallsOfOneAccountWait();
    void failedGraphCallStopsTheRest();
    void graphCallsWithoutSessionAnswerOnce();

private:
    CountingNetwork *m_net = nullptr;
    SalesforceAuthenticator *m_auth = nullptr;
    SalesforceClient *m_client = nullptr;
};

void TestSalesforceClient::init()
{
    m_net = new CountingNetwork(this);
    SalesforceAuthConfig config;
    config.flow = SalesforceAuthConfig::Flow::Password;
    config.loginUrl = QUrl(u"https://login.example.com"_s);
    config.clientId = u"client"_s;
    config.username = u"user@example.com"_s;
    config.password = u"secret"_s;
    m_auth = new SalesforceAuthenticator(m_net, config, this);
    m_client = new SalesforceClient(m_net, m_auth, this);
    m_client->setRetryPolicy(RetryPolicy(4, 1, 2));
    m_client->setSession(session(u"old"_s));
}

void TestSalesforceClient::cleanup()
{
    delete m_client;
    delete m_auth;
    delete m_net;
}

void TestSalesforceClient::renewsOnceOn401AndReplays()
{
    m_net->handler = [](const FakeRequest &r) {
        if (isToken(r))
            return tokenReply(u"new"_s);
        if (bearer(r) == "Bearer old")
            return sfError(401, u"INVALID_SESSION_ID"_s, u"Session expired or invalid"_s);
        return ok(QJsonObject{{u"DailyApiRequests"_s, QJsonObject{{u"Max"_s, 15000}, {u"Remaining"_s, 14990}}}});
    };
    QSignalSpy renewed(m_client, &SalesforceClient::sessionChanged);
    Capture<QJsonObject> c;
    m_client->limits(c.callback());
    QVERIFY(c.wait());
    QVERIFY2(c.result->has_value(), qPrintable(c.result->has_value() ? QString() : c.result->error().message));
    QCOMPARE((*c.result)->value(u"DailyApiRequests"_s).toObject().value(u"Max"_s).toInt(), 15000);
    QCOMPARE(m_net->requests.size(), 3); // data (401), token, data again
    QVERIFY(isToken(m_net->requests[1]));
    QCOMPARE(bearer(m_net->requests[2]), QByteArray("Bearer new"));
    QCOMPARE(renewed.size(), 1);
    QCOMPARE(m_client->session().accessToken, u"new"_s);
    const QUrlQuery form(QString::fromUtf8(m_net->requests[1].body));
    QCOMPARE(form.queryItemValue(u"grant_type"_s), u"password"_s);
}

void TestSalesforceClient::secondExpiryIsAnError()
{
    m_net->handler = [](const FakeRequest &r) {
        if (isToken(r))
            return tokenReply(u"new"_s);
        return sfError(401, u"INVALID_SESSION_ID"_s, u"Session expired or invalid"_s);
    };
    Capture<QJsonObject> c;
    m_client->limits(c.callback());
    QVERIFY(c.wait());
    QVERIFY(!c.result->has_value());
    QCOMPARE(c.result->error().errorCode, u"INVALID_SESSION_ID"_s);
    QCOMPARE(c.result->error().httpStatus, 401);
    QCOMPARE(m_net->requests.size(), 3); // exactly one renewal and one replay
}

void TestSalesforceClient::concurrent401sShareOneRenewal()
{
    m_net->handler = [](const FakeRequest &r) {
        if (isToken(r))
            return tokenReply(u"new"_s);
        if (bearer(r) == "Bearer old")
            return sfError(401, u"INVALID_SESSION_ID"_s, u"Session expired or invalid"_s);
        return ok(QJsonObject{{u"x"_s, 1}});
    };
    Capture<QJsonObject> a, b, c;
    m_client->limits(a.callback());
    m_client->limits(b.callback());
    m_client->limits(c.callback());
    QVERIFY(a.wait() && b.wait() && c.wait());
    QVERIFY(a.result->has_value() && b.result->has_value() && c.result->has_value());
    int tokenCalls = 0;
    for (const FakeRequest &r : std::as_const(m_net->requests))
        tokenCalls += isToken(r) ? 1 : 0;
    QCOMPARE(tokenCalls, 1);
}

void TestSalesforceClient::noSessionWithoutAuthenticator()
{
    SalesforceClient bare(m_net, nullptr);
    Capture<QJsonObject> c;
    bare.limits(c.callback());
    QVERIFY(c.wait());
    QCOMPARE(c.result->error().errorCode, u"NOT_CONNECTED"_s);
    QVERIFY(m_net->requests.isEmpty());
}

void TestSalesforceClient::retries503ThenSucceeds()
{
    int calls = 0;
    m_net->handler = [&calls](const FakeRequest &) {
        ++calls;
        if (calls < 3)
            return FakeResponse{503, "Service Unavailable", {}, QNetworkReply::NoError};
        return ok(QJsonObject{{u"id"_s, u"801000000000001AAA"_s}, {u"success"_s, true}, {u"errors"_s, QJsonArray()}}, 201);
    };
    Capture<SaveResult> c;
    m_client->create(u"Order"_s, QJsonObject{{u"Name"_s, u"x"_s}}, c.callback()); // 503 is safe even for a create
    QVERIFY(c.wait());
    QVERIFY(c.result->has_value());
    QCOMPARE((*c.result)->id, u"801000000000001AAA"_s);
    QCOMPARE(calls, 3);
}

void TestSalesforceClient::retriesLockRow()
{
    int calls = 0;
    m_net->handler = [&calls](const FakeRequest &) {
        if (++calls == 1)
            return sfError(400, u"UNABLE_TO_LOCK_ROW"_s, u"unable to obtain exclusive access to this record"_s);
        return FakeResponse{204, {}, {}, QNetworkReply::NoError};
    };
    Capture<void> c;
    m_client->update(u"Order"_s, u"801000000000001AAA"_s, QJsonObject{{u"Status"_s, u"Activated"_s}}, c.callback());
    QVERIFY(c.wait());
    QVERIFY(c.result->has_value());
    QCOMPARE(calls, 2);
}

void TestSalesforceClient::noRetryForDataErrors()
{
    m_net->handler = [](const FakeRequest &) {
        return sfError(400, u"REQUIRED_FIELD_MISSING"_s, u"Required fields are missing: [EffectiveDate]"_s,
                       {u"EffectiveDate"_s});
    };
    Capture<SaveResult> c;
    m_client->upsert(u"Order"_s, u"Magento_ID__c"_s, u"100000001"_s, QJsonObject{{u"Name"_s, u"x"_s}}, c.callback());
    QVERIFY(c.wait());
    QVERIFY(!c.result->has_value());
    QCOMPARE(c.result->error().errorCode, u"REQUIRED_FIELD_MISSING"_s);
    QCOMPARE(c.result->error().fields, QStringList{u"EffectiveDate"_s});
    QCOMPARE(c.result->error().httpStatus, 400);
    QVERIFY(c.result->error().hint.contains(u"EffectiveDate"_s));
    QCOMPARE(m_net->requests.size(), 1);
}

void TestSalesforceClient::createNotResentAfterDroppedConnection()
{
    m_net->handler = [](const FakeRequest &) { return transport(QNetworkReply::RemoteHostClosedError); };
    Capture<SaveResult> c;
    m_client->create(u"Note"_s, QJsonObject{{u"Title"_s, u"x"_s}}, c.callback());
    QVERIFY(c.wait());
    QVERIFY(!c.result->has_value());
    QCOMPARE(c.result->error().errorCode, u"NETWORK_ERROR"_s);
    QVERIFY(c.result->error().hint.contains(u"duplicate"_s));
    QCOMPARE(m_net->requests.size(), 1);
}

void TestSalesforceClient::getRetriedAfterDroppedConnection()
{
    int calls = 0;
    m_net->handler = [&calls](const FakeRequest &) {
        if (++calls <= 2)
            return transport(calls == 1 ? QNetworkReply::RemoteHostClosedError : QNetworkReply::OperationCanceledError);
        return ok(QJsonObject{{u"x"_s, 1}});
    };
    Capture<QJsonObject> c;
    m_client->limits(c.callback());
    QVERIFY(c.wait());
    QVERIFY(c.result->has_value());
    QCOMPARE(calls, 3);

    // And it gives up after the policy's attempts, with a timeout error.
    m_net->handler = [](const FakeRequest &) { return transport(QNetworkReply::OperationCanceledError); };
    m_net->requests.clear();
    Capture<QJsonObject> d;
    m_client->limits(d.callback());
    QVERIFY(d.wait());
    QCOMPARE(d.result->error().errorCode, u"TIMEOUT"_s);
    QCOMPARE(m_net->requests.size(), 4);
}

void TestSalesforceClient::requestLimitExceededNotRetried()
{
    m_net->handler = [](const FakeRequest &) {
        FakeResponse r = sfError(403, u"REQUEST_LIMIT_EXCEEDED"_s, u"TotalRequests Limit exceeded."_s);
        r.headers = {{"Sforce-Limit-Info", "api-usage=101/100"}};
        return r;
    };
    QSignalSpy usage(m_client, &SalesforceClient::apiUsageChanged);
    Capture<QJsonObject> c;
    m_client->limits(c.callback());
    QVERIFY(c.wait());
    QCOMPARE(c.result->error().errorCode, u"REQUEST_LIMIT_EXCEEDED"_s);
    QCOMPARE(c.result->error().httpStatus, 403);
    QVERIFY(c.result->error().hint.contains(u"24-hour"_s));
    QCOMPARE(m_net->requests.size(), 1);
    QCOMPARE(usage.size(), 1);
    QCOMPARE(m_client->apiUsage().used, 101);
}

void TestSalesforceClient::malformedReplyIsAnError()
{
    m_net->handler = [](const FakeRequest &) { return FakeResponse{200, R"({"totalSize":3,"done":tr)", {}, QNetworkReply::NoError}; };
    Capture<QList<QJsonObject>> c;
    m_client->queryText(u"SELECT Id FROM Account"_s, c.callback());
    QVERIFY(c.wait());
    QCOMPARE(c.result->error().errorCode, u"MALFORMED_RESPONSE"_s);
    QCOMPARE(m_net->requests.size(), 4); // a cut-off GET is retried, then reported

    m_net->handler = [](const FakeRequest &) { return ok(QJsonArray{1, 2}); };
    Capture<QList<QJsonObject>> d;
    m_client->queryText(u"SELECT Id FROM Account"_s, d.callback());
    QVERIFY(d.wait());
    QCOMPARE(d.result->error().errorCode, u"MALFORMED_RESPONSE"_s);

    m_net->handler = [](const FakeRequest &) { return FakeResponse{500, "<html>oops</html>", {}, QNetworkReply::NoError}; };
    m_client->setRetryPolicy(RetryPolicy::noRetries());
    Capture<SaveResult> e;
    m_client->create(u"Order"_s, {}, e.callback());
    QVERIFY(e.wait());
    QCOMPARE(e.result->error().errorCode, u"MALFORMED_RESPONSE"_s);
    QCOMPARE(e.result->error().httpStatus, 500);
}

void TestSalesforceClient::queryFollowsPaging()
{
    m_net->handler = [](const FakeRequest &r) {
        const QString path = r.url.path();
        auto rec = [](int i) {
            return QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Contact"_s}}}, {u"Id"_s, u"003%1"_s.arg(i)}};
        };
        if (path.endsWith(u"/query"_s))
            return ok(QJsonObject{{u"totalSize"_s, 5}, {u"done"_s, false},
                                  {u"nextRecordsUrl"_s, u"/services/data/v62.0/query/01gXX-2"_s},
                                  {u"records"_s, QJsonArray{rec(1), rec(2)}}});
        if (path.endsWith(u"/query/01gXX-2"_s))
            return ok(QJsonObject{{u"totalSize"_s, 5}, {u"done"_s, false},
                                  {u"nextRecordsUrl"_s, u"/services/data/v62.0/query/01gXX-4"_s},
                                  {u"records"_s, QJsonArray{rec(3), rec(4)}}});
        if (path.endsWith(u"/query/01gXX-4"_s))
            return ok(QJsonObject{{u"totalSize"_s, 5}, {u"done"_s, true}, {u"records"_s, QJsonArray{rec(5)}}});
        return sfError(404, u"NOT_FOUND"_s, u"The requested resource does not exist"_s);
    };
    Capture<QList<QJsonObject>> c;
    m_client->query(SoqlQuery(u"Contact"_s).select({u"Id"_s}), c.callback());
    QVERIFY(c.wait());
    QVERIFY2(c.result->has_value(), qPrintable(c.result->has_value() ? QString() : c.result->error().message));
    QCOMPARE((*c.result)->size(), 5);
    QCOMPARE((*c.result)->at(4).value(u"Id"_s).toString(), u"0035"_s);
    QCOMPARE(m_net->requests.size(), 3);
}

void TestSalesforceClient::queryRestartsWhenTheLocatorIsGone()
{
    int locatorCalls = 0;
    m_net->handler = [&locatorCalls](const FakeRequest &r) {
        if (r.url.path().endsWith(u"/query"_s))
            return ok(QJsonObject{{u"done"_s, false}, {u"nextRecordsUrl"_s, u"/services/data/v62.0/query/01gL-1"_s},
                                  {u"records"_s, QJsonArray{QJsonObject{{u"Id"_s, u"a"_s}}}}});
        if (++locatorCalls == 1)
            return sfError(400, u"INVALID_QUERY_LOCATOR"_s, u"invalid query locator"_s);
        if (locatorCalls == 2)
            return ok(QJsonObject{{u"done"_s, true}, {u"records"_s, QJsonArray{QJsonObject{{u"Id"_s, u"b"_s}}}}});
        return sfError(400, u"INVALID_QUERY_LOCATOR"_s, u"invalid query locator"_s);
    };
    Capture<QList<QJsonObject>> c;
    m_client->queryText(u"SELECT Id FROM Account"_s, c.callback());
    QVERIFY(c.wait());
    QVERIFY2(c.result->has_value(), qPrintable(c.result->has_value() ? QString() : c.result->error().message));
    QCOMPARE((*c.result)->size(), 2); // the first page is not counted twice
    QCOMPARE(m_net->requests.size(), 4);

    // Only once: a locator that keeps failing is reported.
    Capture<QList<QJsonObject>> d;
    m_client->queryText(u"SELECT Id FROM Account"_s, d.callback());
    QVERIFY(d.wait());
    QCOMPARE(d.result->error().errorCode, u"INVALID_QUERY_LOCATOR"_s);
}

void TestSalesforceClient::queryRefusesBrokenPaging()
{
    m_net->handler = [](const FakeRequest &) {
        return ok(QJsonObject{{u"totalSize"_s, 5}, {u"done"_s, false}, {u"records"_s, QJsonArray()}});
    };
    Capture<QList<QJsonObject>> c;
    m_client->queryText(u"SELECT Id FROM Contact"_s, c.callback());
    QVERIFY(c.wait());
    QCOMPARE(c.result->error().errorCode, u"MALFORMED_RESPONSE"_s);
}

void TestSalesforceClient::queryEncodesHostileLiterals()
{
    QString seen;
    m_net->handler = [&seen](const FakeRequest &r) {
        seen = QUrlQuery(r.url).queryItemValue(u"q"_s, QUrl::FullyDecoded);
        return ok(QJsonObject{{u"totalSize"_s, 0}, {u"done"_s, true}, {u"records"_s, QJsonArray()}});
    };
    const QString hostile = u"x' OR Name != '&q=+%20#"_s;
    Capture<QList<QJsonObject>> c;
    m_client->query(SoqlQuery(u"Contact"_s).select({u"Id"_s}).whereEquals(u"Email"_s, hostile), c.callback());
    QVERIFY(c.wait());
    QVERIFY(c.result->has_value());
    QCOMPARE(seen, u"SELECT Id FROM Contact WHERE Email = 'x\\' OR Name != \\'&q=+%20#'"_s);

    Capture<QList<QJsonObject>> bad;
    m_client->query(SoqlQuery(u"Contact"_s).select({u"Id FROM User--"_s}), bad.callback());
    QVERIFY(bad.wait());
    QCOMPARE(bad.result->error().errorCode, u"INVALID_SOQL_NAME"_s);
    QCOMPARE(m_net->requests.size(), 1); // refused before sending
}

void TestSalesforceClient::batchedQueriesUseComposite()
{
    QList<int> subrequests;
    m_net->handler = [&subrequests](const FakeRequest &r) {
        if (r.url.path().endsWith(u"/query/01gMORE-1"_s))
            return ok(QJsonObject{{u"done"_s, true}, {u"records"_s, QJsonArray{QJsonObject{{u"Id"_s, u"second page"_s}}}}});
        if (!r.url.path().endsWith(u"/composite"_s))
            return sfError(404, u"NOT_FOUND"_s, u"x"_s);
        const QJsonArray reqs = QJsonDocument::fromJson(r.body).object().value(u"compositeRequest"_s).toArray();
        subrequests.append(int(reqs.size()));
        QJsonArray out;
        for (const QJsonValue &v : reqs) {
            const QString ref = v.toObject().value(u"referenceId"_s).toString();
            const QUrl url(v.toObject().value(u"url"_s).toString());
            const QString soql = QUrlQuery(url).queryItemValue(u"q"_s, QUrl::FullyDecoded);
            QJsonObject body{{u"done"_s, ref != u"q0"_s},
                             {u"records"_s, QJsonArray{QJsonObject{{u"Id"_s, ref}, {u"soql"_s, soql}}}}};
            if (ref == u"q0"_s)
                body.insert(u"nextRecordsUrl"_s, u"/services/data/v62.0/query/01gMORE-1"_s);
            out.append(QJsonObject{{u"referenceId"_s, ref}, {u"httpStatusCode"_s, 200}, {u"body"_s, body}});
        }
        return ok(QJsonObject{{u"compositeResponse"_s, out}});
    };
    QStringList keys;
    for (int i = 0; i < 1050; ++i)
        keys.append(u"sku-%1"_s.arg(i));
    const QList<SoqlQuery> chunks = SoqlQuery::inChunks(u"Product2"_s, {u"Id"_s, u"ProductCode"_s}, u"ProductCode"_s, keys + keys);
    QCOMPARE(chunks.size(), 6); // duplicates removed, 200 keys per query
    QList<QPair<QString, SoqlQuery>> named;
    for (qsizetype i = 0; i < chunks.size(); ++i)
        named.append({u"q%1"_s.arg(i), chunks[i]});
    named.append({u"contact"_s, SoqlQuery(u"Contact"_s).select({u"Id"_s}).whereEquals(u"Email"_s, u"o'b@x.io"_s)});
    Capture<QHash<QString, QList<QJsonObject>>> c;
    m_client->queries(named, c.callback());
    QVERIFY(c.wait());
    QVERIFY2(c.result->has_value(), qPrintable(c.result->has_value() ? QString() : c.result->error().message));
    QCOMPARE(subrequests, (QList<int>{5, 2}));
    QCOMPARE(m_net->requests.size(), 3); // two composite calls and one further page
    QCOMPARE((*c.result)->size(), 7);
    QCOMPARE((*c.result)->value(u"q0"_s).size(), 2);
    QCOMPARE((*c.result)->value(u"q0"_s).last().value(u"Id"_s).toString(), u"second page"_s);
    QCOMPARE((*c.result)->value(u"contact"_s).first().value(u"soql"_s).toString(),
             u"SELECT Id FROM Contact WHERE Email = 'o\\'b@x.io'"_s);

    // A failing query fails the call with its typed error.
    m_net->handler = [](const FakeRequest &) {
        return ok(QJsonObject{{u"compositeResponse"_s,
                               QJsonArray{QJsonObject{{u"referenceId"_s, u"bad"_s}, {u"httpStatusCode"_s, 400},
                                                      {u"body"_s, QJsonArray{QJsonObject{{u"errorCode"_s, u"INVALID_FIELD"_s},
                                                                                         {u"message"_s, u"No such column"_s}}}}}}}});
    };
    Capture<QHash<QString, QList<QJsonObject>>> d;
    m_client->queries({{u"bad"_s, SoqlQuery(u"Contact"_s).select({u"Bogus__c"_s})}}, d.callback());
    QVERIFY(d.wait());
    QCOMPARE(d.result->error().errorCode, u"INVALID_FIELD"_s);
    QCOMPARE(d.result->error().httpStatus, 400);
}

void TestSalesforceClient::limitInfoIsTracked()
{
    int used = 0;
    m_net->handler = [&used](const FakeRequest &) {
        ++used;
        FakeResponse r = ok(QJsonObject{{u"x"_s, 1}});
        r.headers = {{"Sforce-Limit-Info", "api-usage=" + QByteArray::number(used) + "/15000; api-bursts=1/750"}};
        return r;
    };
    QSignalSpy spy(m_client, &SalesforceClient::apiUsageChanged);
    for (int i = 0; i < 3; ++i) {
        Capture<QJsonObject> c;
        m_client->limits(c.callback());
        QVERIFY(c.wait());
    }
    QCOMPARE(spy.size(), 3);
    QCOMPARE(spy.last().first().value<ApiUsage>().used, 3);
    QCOMPARE(m_client->apiUsage().max, 15000);
    QCOMPARE(m_client->requestsSent(), qint64(3));
}

void TestSalesforceClient::describeMapsFieldsAndCaches()
{
    m_net->handler = [](const FakeRequest &r) {
        if (!r.url.path().endsWith(u"/sobjects/Contact/describe"_s))
            return sfError(404, u"NOT_FOUND"_s, u"x"_s);
        return ok(QJsonObject{
            {u"name"_s, u"Contact"_s},
            {u"label"_s, u"Contact"_s},
            {u"keyPrefix"_s, u"003"_s},
            {u"createable"_s, true},
            {u"fields"_s,
             QJsonArray{QJsonObject{{u"name"_s, u"LastName"_s}, {u"label"_s, u"Last Name"_s}, {u"type"_s, u"string"_s},
                                    {u"length"_s, 80}, {u"nillable"_s, false}, {u"createable"_s, true},
                                    {u"updateable"_s, true}, {u"defaultedOnCreate"_s, false}},
                        QJsonObject{{u"name"_s, u"Magento_ID__c"_s}, {u"type"_s, u"string"_s}, {u"length"_s, 40},
                                    {u"externalId"_s, true}, {u"unique"_s, true}, {u"nillable"_s, true},
                                    {u"createable"_s, true}},
                        QJsonObject{{u"name"_s, u"Amount__c"_s}, {u"type"_s, u"currency"_s}, {u"precision"_s, 18},
                                    {u"scale"_s, 2}},
                        QJsonObject{{u"name"_s, u"LeadSource"_s}, {u"type"_s, u"picklist"_s},
                                    {u"picklistValues"_s,
                                     QJsonArray{QJsonObject{{u"value"_s, u"Web"_s}, {u"label"_s, u"Web"_s},
                                                            {u"active"_s, true}, {u"defaultValue"_s, true}}}}}}}});
    };
    Capture<SObjectDescribe> c;
    m_client->describe(u"Contact"_s, c.callback());
    QVERIFY(c.wait());
    QVERIFY2(c.result->has_value(), qPrintable(c.result->has_value() ? QString() : c.result->error().message));
    const SObjectDescribe &d = **c.result;
    QCOMPARE(d.fields.size(), 4);
    QVERIFY(d.field(u"lastname"_s)->requiredOnCreate());
    QCOMPARE(d.field(u"LastName"_s)->length, 80);
    QVERIFY(d.field(u"Magento_ID__c"_s)->externalId);
    QVERIFY(d.field(u"Magento_ID__c"_s)->unique);
    QCOMPARE(d.field(u"Amount__c"_s)->scale, 2);
    QCOMPARE(d.field(u"LeadSource"_s)->picklistValues.first().value, u"Web"_s);
    QVERIFY(d.field(u"LeadSource"_s)->picklistValues.first().defaultValue);

    Capture<SObjectDescribe> again;
    m_client->describe(u"Contact"_s, again.callback());
    QVERIFY(again.wait());
    QVERIFY(again.result->has_value());
    QCOMPARE(m_net->requests.size(), 1);

    Capture<SObjectDescribe> bad;
    m_client->describe(u"Contact/../../x"_s, bad.callback());
    QVERIFY(bad.wait());
    QCOMPARE(bad.result->error().errorCode, u"INVALID_SOQL_NAME"_s);
}

void TestSalesforceClient::describeOrderAddsStatusCategories()
{
    m_net->handler = [](const FakeRequest &r) {
        if (r.url.path().endsWith(u"/sobjects/Order/describe"_s))
            return ok(QJsonObject{{u"name"_s, u"Order"_s},
                                  {u"fields"_s,
                                   QJsonArray{QJsonObject{{u"name"_s, u"Status"_s}, {u"type"_s, u"picklist"_s},
                                                          {u"restrictedPicklist"_s, true},
                                                          {u"picklistValues"_s,
                                                           QJsonArray{QJsonObject{{u"value"_s, u"Draft"_s}},
                                                                      QJsonObject{{u"value"_s, u"Activated"_s}},
                                                                      QJsonObject{{u"value"_s, u"Shipped"_s}}}}}}}});
        if (r.url.path().endsWith(u"/query"_s)) {
            const QString q = QUrlQuery(r.url).queryItemValue(u"q"_s, QUrl::FullyDecoded);
            if (q != u"SELECT MasterLabel, ApiName, StatusCode FROM OrderStatus"_s)
                return sfError(400, u"MALFORMED_QUERY"_s, q);
            auto row = [](const QString &api, const QString &code) {
                return QJsonObject{{u"MasterLabel"_s, api}, {u"ApiName"_s, api}, {u"StatusCode"_s, code}};
            };
            return ok(QJsonObject{{u"totalSize"_s, 3}, {u"done"_s, true},
                                  {u"records"_s, QJsonArray{row(u"Draft"_s, u"Draft"_s), row(u"Activated"_s, u"Activated"_s),
                                                            row(u"Shipped"_s, u"Activated"_s)}}});
        }
        return sfError(404, u"NOT_FOUND"_s, u"x"_s);
    };
    Capture<SObjectDescribe> c;
    m_client->describe(u"Order"_s, c.callback());
    QVERIFY(c.wait());
    QVERIFY2(c.result->has_value(), qPrintable(c.result->has_value() ? QString() : c.result->error().message));
    const SalesforceFieldInfo *status = (*c.result)->field(u"Status"_s);
    QVERIFY(status);
    QVERIFY(status->restrictedPicklist);
    QCOMPARE(status->picklistValues.size(), 3);
    QCOMPARE(status->picklistValues[0].statusCategory, u"Draft"_s);
    QCOMPARE(status->picklistValues[2].statusCategory, u"Activated"_s);
    QCOMPARE(m_net->requests.size(), 2);
}

void TestSalesforceClient::writesOutsideGraphsCarryTheWriteHeader()
{
    // Direct create/update/upsert and sObject Collections take the header from the request itself.
    QList<QByteArray> headers;
    QList<QByteArray> verbs;
    m_net->handler = [&](const FakeRequest &r) {
        headers << r.request.rawHeader("Sforce-Duplicate-Rule-Header");
        verbs << r.verb;
        if (r.url.path().contains(u"/composite/sobjects"_s))
            return ok(QJsonArray{QJsonObject{{u"id"_s, u"003000000000001AAA"_s}, {u"success"_s, true}, {u"errors"_s, QJsonArray()}}});
        return ok(QJsonObject{{u"id"_s, u"003000000000001AAA"_s}, {u"success"_s, true}, {u"errors"_s, QJsonArray()},
                              {u"created"_s, true}},
                  201);
    };
    m_client->setWriteHeader("Sforce-Duplicate-Rule-Header", "allowSave=true");
    Capture<SaveResult> created;
    m_client->create(u"Contact"_s, QJsonObject{{u"LastName"_s, u"Roe"_s}}, created.callback());
    QVERIFY(created.wait());
    Capture<SaveResult> upserted;
    m_client->upsert(u"Contact"_s, u"Magento_ID__c"_s, u"customer-1"_s, QJsonObject{{u"LastName"_s, u"Roe"_s}},
                     upserted.callback());
    QVERIFY(upserted.wait());
    Capture<QList<SaveResult>> collection;
    m_client->createRecords({QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Contact"_s}}}, {u"LastName"_s, u"Roe"_s}}},
                            true, collection.callback());
    QVERIFY(collection.wait());
    QCOMPARE(headers, (QList<QByteArray>{"allowSave=true", "allowSave=true", "allowSave=true"}));

    // Reads never carry it, and an empty value removes it.
    headers.clear();
    Capture<QJsonObject> limits;
    m_client->limits(limits.callback());
    QVERIFY(limits.wait());
    m_client->setWriteHeader("Sforce-Duplicate-Rule-Header", {});
    Capture<SaveResult> plain;
    m_client->create(u"Contact"_s, QJsonObject{{u"LastName"_s, u"Roe"_s}}, plain.callback());
    QVERIFY(plain.wait());
    QCOMPARE(headers, (QList<QByteArray>{QByteArray(), QByteArray()}));
}

void TestSalesforceClient::upsertEncodesExternalIdAndReportsCreated()
{
    QByteArray rawPath;
    m_net->handler = [&rawPath](const FakeRequest &r) {
        rawPath = r.url.path(QUrl::FullyEncoded).toUtf8();
        return ok(QJsonObject{{u"id"_s, u"801000000000001AAA"_s}, {u"success"_s, true}, {u"errors"_s, QJsonArray()},
                              {u"created"_s, true}},
                  201);
    };
    Capture<SaveResult> c;
    m_client->upsert(u"Order"_s, u"Magento_ID__c"_s, u"A 1 ?#x%&"_s, QJsonObject{{u"Name"_s, u"x"_s}}, c.callback());
    QVERIFY(c.wait());
    QVERIFY(c.result->has_value());
    QVERIFY((*c.result)->created);
    QCOMPARE(rawPath, QByteArray("/services/data/v62.0/sobjects/Order/Magento_ID__c/A%201%20%3F%23x%25%26"));
    QCOMPARE(m_net->requests.first().verb, QByteArray("PATCH"));

    // A '/' cannot travel in the URL: the client sends a one-record collection upsert instead.
    m_net->handler = [&rawPath](const FakeRequest &r) {
        rawPath = r.url.path(QUrl::FullyEncoded).toUtf8();
        const QJsonObject rec = QJsonDocument::fromJson(r.body).object().value(u"records"_s).toArray().first().toObject();
        if (rec.value(u"Magento_ID__c"_s).toString() != u"A/1"_s)
            return sfError(400, u"MISSING_ARGUMENT"_s, u"no external id"_s);
        return ok(QJsonArray{QJsonObject{{u"id"_s, u"801000000000002AAA"_s}, {u"success"_s, true}, {u"created"_s, false},
                                         {u"errors"_s, QJsonArray()}}});
    };
    Capture<SaveResult> slash;
    m_client->upsert(u"Order"_s, u"Magento_ID__c"_s, u"A/1"_s, QJsonObject{{u"Name"_s, u"x"_s}}, slash.callback());
    QVERIFY(slash.wait());
    QVERIFY2(slash.result->has_value(), qPrintable(slash.result->has_value() ? QString() : slash.result->error().message));
    QCOMPARE((*slash.result)->id, u"801000000000002AAA"_s);
    QVERIFY(!(*slash.result)->created);
    QCOMPARE(rawPath, QByteArray("/services/data/v62.0/composite/sobjects/Order/Magento_ID__c"));
    CompositeGraph g(u"g"_s);
    QCOMPARE(g.addUpsert(u"Order"_s, u"Magento_ID__c"_s, u"A/1"_s, {}, u"o"_s).error().code, u"EXTERNAL_ID_NOT_URL_SAFE"_s);
    QCOMPARE(g.addUpsert(u"Order"_s, u"Magento_ID__c"_s, u".."_s, {}, u"o"_s).error().code, u"EXTERNAL_ID_NOT_URL_SAFE"_s);
}

void TestSalesforceClient::upsertMultipleMatches()
{
    m_net->handler = [](const FakeRequest &) {
        return ok(QJsonArray{u"/services/data/v62.0/sobjects/Order/801A"_s, u"/services/data/v62.0/sobjects/Order/801B"_s}, 300);
    };
    Capture<SaveResult> c;
    m_client->upsert(u"Order"_s, u"Magento_ID__c"_s, u"1"_s, {}, c.callback());
    QVERIFY(c.wait());
    QCOMPARE(c.result->error().errorCode, u"MULTIPLE_MATCHES"_s);
    QVERIFY(c.result->error().message.contains(u"2 records"_s));
}

void TestSalesforceClient::collectionsAreChunked()
{
    QList<int> sizes;
    m_net->handler = [&sizes](const FakeRequest &r) {
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        const QJsonArray records = body.value(u"records"_s).toArray();
        sizes.append(int(records.size()));
        QJsonArray results;
        for (const QJsonValue &v : records) {
            const QString name = v.toObject().value(u"Name"_s).toString();
            if (name == u"bad-7"_s)
                results.append(QJsonObject{{u"success"_s, false},
                                           {u"errors"_s, QJsonArray{QJsonObject{{u"statusCode"_s, u"STRING_TOO_LONG"_s},
                                                                                {u"message"_s, u"Name: data value too large"_s},
                                                                                {u"fields"_s, QJsonArray{u"Name"_s}}}}}});
            else
                results.append(QJsonObject{{u"id"_s, QString(u"01t"_s + name)}, {u"success"_s, true}, {u"errors"_s, QJsonArray()}});
        }
        return ok(results);
    };
    QList<QJsonObject> records;
    for (int i = 0; i < 450; ++i)
        records.append(QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Product2"_s}}},
                                   {u"Name"_s, i == 207 ? u"bad-7"_s : u"p%1"_s.arg(i)}});
    Capture<QList<SaveResult>> c;
    m_client->createRecords(records, false, c.callback());
    QVERIFY(c.wait());
    QVERIFY(c.result->has_value());
    QCOMPARE(sizes, (QList<int>{200, 200, 50}));
    QCOMPARE((*c.result)->size(), 450);
    QCOMPARE((*c.result)->at(449).id, u"01tp449"_s);
    QVERIFY(!(*c.result)->at(207).success);
    QCOMPARE((*c.result)->at(207).errors.first().errorCode, u"STRING_TOO_LONG"_s);
    QCOMPARE(m_net->requests.first().verb, QByteArray("POST"));
    QVERIFY(m_net->requests.first().url.path().endsWith(u"/composite/sobjects"_s));
}

void TestSalesforceClient::collectionUpsertParsesStatusCodeErrors()
{
    m_net->handler = [](const FakeRequest &r) {
        if (!r.url.path().endsWith(u"/composite/sobjects/OrderItem/Magento_ID__c"_s))
            return sfError(404, u"NOT_FOUND"_s, u"x"_s);
        const QJsonArray records = QJsonDocument::fromJson(r.body).object().value(u"records"_s).toArray();
        if (records.first().toObject().value(u"attributes"_s).toObject().value(u"type"_s).toString() != u"OrderItem"_s)
            return sfError(400, u"INVALID_TYPE"_s, u"no type"_s);
        return ok(QJsonArray{
            QJsonObject{{u"id"_s, u"802000000000001AAA"_s}, {u"success"_s, true}, {u"created"_s, true}, {u"errors"_s, QJsonArray()}},
            QJsonObject{{u"success"_s, false},
                        {u"errors"_s, QJsonArray{QJsonObject{{u"statusCode"_s, u"FIELD_INTEGRITY_EXCEPTION"_s},
                                                             {u"message"_s, u"Order Products must have a Price Book Entry"_s},
                                                             {u"fields"_s, QJsonArray{u"PricebookEntryId"_s}}}}}}});
    };
    Capture<QList<SaveResult>> c;
    m_client->upsertRecords(u"OrderItem"_s, u"Magento_ID__c"_s,
                            {QJsonObject{{u"Magento_ID__c"_s, u"1-1"_s}}, QJsonObject{{u"Magento_ID__c"_s, u"1-2"_s}}}, true,
                            c.callback());
    QVERIFY(c.wait());
    QVERIFY2(c.result->has_value(), qPrintable(c.result->has_value() ? QString() : c.result->error().message));
    QVERIFY((*c.result)->at(0).created);
    const SalesforceError &e = (*c.result)->at(1).errors.first();
    QCOMPARE(e.errorCode, u"FIELD_INTEGRITY_EXCEPTION"_s);
    QCOMPARE(e.fields, QStringList{u"PricebookEntryId"_s});
    QVERIFY(e.hint.contains(u"Price Book Entry"_s));
}

void TestSalesforceClient::collectionChunkFailureAfterPartialWrite()
{
    int calls = 0;
    m_net->handler = [&calls](const FakeRequest &r) {
        if (++calls == 2)
            return sfError(403, u"REQUEST_LIMIT_EXCEEDED"_s, u"TotalRequests Limit exceeded."_s);
        const QJsonArray records = QJsonDocument::fromJson(r.body).object().value(u"records"_s).toArray();
        QJsonArray results;
        for (qsizetype i = 0; i < records.size(); ++i)
            results.append(QJsonObject{{u"id"_s, u"001x"_s}, {u"success"_s, true}, {u"errors"_s, QJsonArray()}});
        return ok(results);
    };
    QList<QJsonObject> records(250, QJsonObject{{u"attributes"_s, QJsonObject{{u"type"_s, u"Account"_s}}}, {u"Id"_s, u"001x"_s}});
    Capture<QList<SaveResult>> c;
    m_client->updateRecords(records, false, c.callback());
    QVERIFY(c.wait());
    QVERIFY(c.result->has_value());
    QCOMPARE((*c.result)->size(), 250);
    QVERIFY((*c.result)->at(199).success);
    QVERIFY(!(*c.result)->at(200).success);
    QCOMPARE((*c.result)->at(249).errors.first().errorCode, u"REQUEST_LIMIT_EXCEEDED"_s);
    QCOMPARE(calls, 2);
}

void TestSalesforceClient::graphsAreSplitIntoPayloads()
{
    QList<int> nodesPerCall;
    m_net->handler = [&nodesPerCall](const FakeRequest &r) {
        const QJsonArray graphs = QJsonDocument::fromJson(r.body).object().value(u"graphs"_s).toArray();
        int nodes = 0;
        QJsonArray out;
        for (const QJsonValue &g : graphs) {
            const QJsonArray reqs = g.toObject().value(u"compositeRequest"_s).toArray();
            nodes += int(reqs.size());
            QJsonArray responses;
            for (const QJsonValue &n : reqs)
                responses.append(QJsonObject{{u"referenceId"_s, n.toObject().value(u"referenceId"_s)},
                                             {u"httpStatusCode"_s, 201},
                                             {u"body"_s, QJsonObject{{u"id"_s, u"001000000000001AAA"_s}, {u"success"_s, true}}}});
            out.prepend(QJsonObject{{u"graphId"_s, g.toObject().value(u"graphId"_s)},
                                    {u"isSuccessful"_s, true},
                                    {u"graphResponse"_s, QJsonObject{{u"compositeResponse"_s, responses}}}});
        }
        nodesPerCall.append(nodes);
        return ok(QJsonObject{{u"graphs"_s, out}});
    };
    QList<CompositeGraph> graphs;
    for (int g = 0; g < 3; ++g) {
        CompositeGraph graph(u"g%1"_s.arg(g));
        for (int n = 0; n < 200; ++n)
            QVERIFY(graph.addCreate(u"Account"_s, QJsonObject{{u"Name"_s, u"A"_s}}, u"n%1"_s.arg(n)).has_value());
        graphs.append(graph);
    }
    Capture<QList<GraphResult>> c;
    m_client->graphs(graphs, c.callback());
    QVERIFY(c.wait());
    QVERIFY2(c.result->has_value(), qPrintable(c.result->has_value() ? QString() : c.result->error().message));
    QCOMPARE(nodesPerCall, (QList<int>{400, 200}));
    QCOMPARE(SalesforceClient::graphCalls(graphs), int(nodesPerCall.size())); // the calls it counts are the calls it makes
    QCOMPARE((*c.result)->size(), 3);
    QCOMPARE((*c.result)->at(0).graphId, u"g0"_s); // input order despite the reply's order
    QCOMPARE((*c.result)->at(2).graphId, u"g2"_s);
    QVERIFY((*c.result)->at(1).isSuccessful);
}

void TestSalesforceClient::graphCallsFollowTheLimits_data()
{
    QTest::addColumn<QList<int>>("nodesPerGraph");
    QTest::addColumn<int>("calls");
    QTest::newRow("none") << QList<int>{} << 0;
    QTest::newRow("one") << QList<int>{3} << 1;
    QTest::newRow("500 nodes fit one call") << QList<int>{250, 250} << 1;
    QTest::newRow("501 nodes need two") << QList<int>{250, 251} << 2;
    QTest::newRow("75 graphs fit one call") << QList<int>(75, 1) << 1;
    QTest::newRow("76 graphs need two") << QList<int>(76, 1) << 2;
    QTest::newRow("a full graph alone") << QList<int>{1, 500, 1} << 3;
}

void TestSalesforceClient::graphCallsFollowTheLimits()
{
    QFETCH(QList<int>, nodesPerGraph);
    QFETCH(int, calls);
    QList<CompositeGraph> graphs;
    for (qsizetype g = 0; g < nodesPerGraph.size(); ++g) {
        CompositeGraph graph(u"g%1"_s.arg(g));
        for (int n = 0; n < nodesPerGraph.at(g); ++n)
            QVERIFY(graph.addCreate(u"Account"_s, QJsonObject{{u"Name"_s, u"A"_s}}, u"n%1"_s.arg(n)).has_value());
        graphs.append(graph);
    }
    QCOMPARE(SalesforceClient::graphCalls(graphs), calls);
}

void TestSalesforceClient::graphRollbackIsParsed()
{
    m_net->handler = [](const FakeRequest &) {
        const QJsonArray responses{
            QJsonObject{{u"referenceId"_s, u"refOrder"_s}, {u"httpStatusCode"_s, 400},
                        {u"body"_s, QJsonArray{QJsonObject{{u"errorCode"_s, u"PROCESSING_HALTED"_s},
                                                           {u"message"_s, u"The transaction was rolled back"_s}}}}},
            QJsonObject{{u"referenceId"_s, u"refItem"_s}, {u"httpStatusCode"_s, 400},
                        {u"body"_s, QJsonArray{QJsonObject{{u"errorCode"_s, u"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"_s},
                                                           {u"message"_s, u"Status: bad value for restricted picklist field: Shipped"_s},
                                                           {u"fields"_s, QJsonArray{u"Status"_s}}}}}}};
        return ok(QJsonObject{{u"graphs"_s, QJsonArray{QJsonObject{{u"graphId"_s, u"o1"_s}, {u"isSuccessful"_s, false},
                                                                    {u"graphResponse"_s, QJsonObject{{u"compositeResponse"_s, responses}}}}}}});
    };
    CompositeGraph g(u"o1"_s);
    QVERIFY(g.addUpsert(u"Order"_s, u"Magento_ID__c"_s, u"100000001"_s, QJsonObject{{u"Status"_s, u"Draft"_s}}, u"refOrder"_s));
    QVERIFY(g.addUpdate(u"Order"_s, CompositeGraph::reference(u"refOrder"_s), QJsonObject{{u"Status"_s, u"Shipped"_s}}, u"refItem"_s));
    QVERIFY(g.isIdempotent());
    const QJsonObject j = g.toJson(u"62.0"_s);
    QCOMPARE(j.value(u"compositeRequest"_s).toArray().at(1).toObject().value(u"url"_s).toString(),
             u"/services/data/v62.0/sobjects/Order/@{refOrder.id}"_s);
    Capture<QList<GraphResult>> c;
    m_client->graphs({g}, c.callback());
    QVERIFY(c.wait());
    QVERIFY(c.result->has_value());
    const GraphResult &r = (*c.result)->first();
    QVERIFY(!r.isSuccessful);
    QCOMPARE(r.rootErrors().size(), 1);
    QCOMPARE(r.rootErrors().first().errorCode, u"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"_s);
    QCOMPARE(r.node(u"refOrder"_s)->errors.first().errorCode, u"PROCESSING_HALTED"_s);
}

void TestSalesforceClient::graphRefusesDuplicateIds()
{
    CompositeGraph g(u"same"_s);
    QVERIFY(g.addCreate(u"Account"_s, {}, u"a"_s));
    QVERIFY(!g.addCreate(u"Account"_s, {}, u"a"_s).has_value());
    QVERIFY(!g.addCreate(u"Account"_s, {}, u"bad ref"_s).has_value());
    QVERIFY(!g.addCreate(u"Account"_s, {}, u"b\n"_s).has_value());
    QVERIFY(!g.addUpdate(u"Account"_s, u"001000000000001AAA\n"_s, {}, u"c"_s).has_value());
    QVERIFY(!g.addCreate(u"Account/../x"_s, {}, u"b"_s).has_value());
    QVERIFY(!g.isIdempotent());
    Capture<QList<GraphResult>> c;
    m_client->graphs({g, g}, c.callback());
    QVERIFY(c.wait());
    QCOMPARE(c.result->error().errorCode, u"INVALID_GRAPH"_s);
    QVERIFY(m_net->requests.isEmpty());
    CompositeGraph full(u"full"_s);
    for (int i = 0; i < CompositeGraph::MaxNodes; ++i)
        QVERIFY(full.addCreate(u"Account"_s, {}, u"n%1"_s.arg(i)));
    QCOMPARE(full.addCreate(u"Account"_s, {}, u"one_more"_s).error().code, u"GRAPH_TOO_LARGE"_s);
}

void TestSalesforceClient::graphCallsRunSideBySide()
{
    QStringList answeredWhenSent; // per call: the graphs answered before it went out
    m_net->handler = [&](const FakeRequest &r) {
        answeredWhenSent << m_net->answeredGraphs.join(u',');
        return graphReply(r);
    };
    QList<CompositeGraph> graphs;
    for (int g = 0; g < 5; ++g)
        graphs << accountGraph(u"g%1"_s.arg(g), u"customer%1"_s.arg(g));
    QCOMPARE(SalesforceClient::graphCalls(graphs), 5);
    m_client->setGraphConcurrency(3);
    Capture<QList<GraphResult>> c;
    m_client->graphs(graphs, c.callback());
    QVERIFY(c.wait());
    QVERIFY(c.result->has_value());
    QCOMPARE(m_net->requests.size(), 5); // as many calls as graphCalls() counts
    QCOMPARE(m_net->mostInFlight, 3);
    QCOMPARE(answeredWhenSent.mid(0, 3), (QStringList{QString(), QString(), QString()})); // three at once
    QCOMPARE((*c.result)->size(), 5);
    for (int g = 0; g < 5; ++g) {
        QCOMPARE((*c.result)->at(g).graphId, u"g%1"_s.arg(g)); // input order
        QVERIFY((*c.result)->at(g).isSuccessful);
    }

    // One at a time, as before the setting.
    m_net->requests.clear();
    m_net->mostInFlight = 0;
    m_client->setGraphConcurrency(1);
    Capture<QList<GraphResult>> one;
    m_client->graphs(graphs, one.callback());
    QVERIFY(one.wait());
    QCOMPARE(m_net->requests.size(), 5);
    QCOMPARE(m_net->mostInFlight, 1);
}

void TestSalesforceClient::graphCallsOfOneAccountWait()
{
    // g3 writes the same Account as g0 and g4 hangs a record on g1's Account by its ID: each waits for the
    // call before it that touches that Account, so no two calls in flight contend for one row lock.
    QHash<QString, QString> answeredWhenSent;
    m_net->handler = [&](const FakeRequest &r) {
        answeredWhenSent.insert(graphIdsOf(r).join(u','), m_net->answeredGraphs.join(u','));
        return graphReply(r);
    };
    QList<CompositeGraph> graphs{accountGraph(u"g0"_s, u"same"_s), accountGraph(u"g1"_s, u"other"_s),
                                 accountGraph(u"g2"_s, u"third"_s), accountGraph(u"g3"_s, u"same"_s)};
    CompositeGraph byId(u"g4"_s);
    QVERIFY(byId.addUpdate(u"Account"_s, u"001000000000002AAA"_s, QJsonObject{{u"Name"_s, u"X"_s}}, u"a"_s));
    for (int n = 1; n < 300; ++n)
        QVERIFY(byId.addCreate(u"Contact"_s, QJsonObject{{u"AccountId"_s, u"001000000000009AAA"_s}}, u"n%1"_s.arg(n)));
    graphs << byId;
    CompositeGraph sameId(u"g5"_s);
    for (int n = 0; n < 300; ++n)
        QVERIFY(sameId.addCreate(u"Contact"_s, QJsonObject{{u"AccountId"_s, u"001000000000009AAA"_s}}, u"n%1"_s.arg(n)));
    graphs << sameId;
    m_client->setGraphConcurrency(4);
    Capture<QList<GraphResult>> c;
    m_client->graphs(graphs, c.callback());
    QVERIFY(c.wait());
    QVERIFY(c.result->has_value());
    QCOMPARE(m_net->requests.size(), 6);
    QVERIFY2(answeredWhenSent.value(u"g3"_s).contains(u"g0"_s), qPrintable(answeredWhenSent.value(u"g3"_s)));
    QVERIFY2(answeredWhenSent.value(u"g5"_s).contains(u"g4"_s), qPrintable(answeredWhenSent.value(u"g5"_s)));
    QVERIFY(answeredWhenSent.value(u"g1"_s).isEmpty()); // the others did not wait
    QVERIFY(answeredWhenSent.value(u"g2"_s).isEmpty());
    for (const GraphResult &r : **c.result)
        QVERIFY(r.isSuccessful);
}

void TestSalesforceClient::failedGraphCallStopsTheRest()
{
    // The call of g1 fails as a whole: what was in flight is still read, nothing more is sent, and every graph
    // of the failed and the unsent calls carries the failure (their orders fail; the others are written).
    m_net->handler = [](const FakeRequest &r) { return graphReply(r, {u"g1"_s}); };
    QList<CompositeGraph> graphs;
    for (int g = 0; g < 5; ++g)
        graphs << accountGraph(u"g%1"_s.arg(g), u"customer%1"_s.arg(g));
    m_client->setGraphConcurrency(2);
    Capture<QList<GraphResult>> c;
    m_client->graphs(graphs, c.callback());
    QVERIFY(c.wait());
    QVERIFY(c.result->has_value());
    QCOMPARE(m_net->requests.size(), 3); // g0 and g1 at once, g2 when g0 was answered; then the stop
    const QList<GraphResult> &results = **c.result;
    QCOMPARE(results.size(), 5);
    QVERIFY(results.at(0).isSuccessful);
    QVERIFY(!results.at(1).isSuccessful);
    QCOMPARE(results.at(1).rootErrors().first().errorCode, u"UNKNOWN_EXCEPTION"_s);
    QVERIFY(results.at(2).isSuccessful);
    QVERIFY(!results.at(3).isSuccessful);
    QCOMPARE(results.at(4).rootErrors().first().errorCode, u"UNKNOWN_EXCEPTION"_s);

    // When no call is answered well, the whole call fails, as one call always did.
    m_net->requests.clear();
    m_net->handler = [](const FakeRequest &r) { return graphReply(r, {u"g0"_s, u"g1"_s, u"g2"_s, u"g3"_s, u"g4"_s}); };
    Capture<QList<GraphResult>> all;
    m_client->graphs(graphs, all.callback());
    QVERIFY(all.wait());
    QVERIFY(!all.result->has_value());
    QCOMPARE(all.result->error().errorCode, u"UNKNOWN_EXCEPTION"_s);
    QCOMPARE(m_net->requests.size(), 2);
}

void TestSalesforceClient::graphCallsWithoutSessionAnswerOnce()
{
    // No session and no way to renew one: each call fails before it is sent, inside graphs(). The caller
    // hears of it exactly once, whatever the number of calls at once.
    SalesforceClient client(m_net, nullptr, this);
    QList<CompositeGraph> graphs;
    for (int g = 0; g < 3; ++g)
        graphs << accountGraph(u"g%1"_s.arg(g), u"customer%1"_s.arg(g));
    for (const int calls : {1, 3}) {
        client.setGraphConcurrency(calls);
        int answers = 0;
        QString code;
        client.graphs(graphs, [&](SalesforceResult<QList<GraphResult>> r) {
            ++answers;
            code = r ? QString() : r.error().errorCode;
        });
        QTest::qWait(20);
        QCOMPARE(answers, 1);
        QCOMPARE(code, u"NOT_CONNECTED"_s);
    }
    QVERIFY(m_net->requests.isEmpty());
}

QTEST_GUILESS_MAIN(TestSalesforceClient)
#include "tst_salesforceclient.moc"
