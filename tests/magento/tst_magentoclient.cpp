#include "fakenetwork.h"
#include "fakeorderstore.h"
#include "asyncresult.h"
#include "magento/magentoclient.h"
#include "magento/magentooauth1signer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

template<typename T>
using ResultWaiter = Waiter<Result<T>>;

namespace {

MagentoConnection connection(MagentoAuthMode mode = MagentoAuthMode::IntegrationToken)
{
    MagentoConnection c;
    c.baseUrl = QUrl(u"http://shop.test:8080"_s);
    c.authMode = mode;
    c.adminUsername = u"admin"_s;
    c.timeoutMs = 5000;
    return c;
}

MagentoSecrets secrets()
{
    MagentoSecrets s;
    s.integrationToken = u"int-token"_s;
    s.adminPassword = u"pw"_s;
    s.consumerKey = u"ck"_s;
    s.consumerSecret = u"cs"_s;
    s.accessToken = u"at"_s;
    s.accessTokenSecret = u"ats"_s;
    return s;
}

MagentoRetryPolicy fastPolicy(int attempts = 3)
{
    MagentoRetryPolicy p;
    p.maxAttempts = attempts;
    p.baseDelayMs = 1;
    p.maxDelayMs = 5;
    return p;
}

const QByteArray onePage = R"({"items":[{"entity_id":7,"increment_id":"000000007","updated_at":"2024-05-01 10:00:00","state":"new","status":"pending"}],"total_count":1})";

QString path(const FakeRequest &r)
{
    return r.url.path(QUrl::FullyDecoded);
}

} // namespace

class TestMagentoClient : public QObject
{
    Q_OBJECT

private slots:
    void urlComposition_data();
    void urlComposition();
    void bearerToken();
    void getRetriesTransientFailures_data();
    void getRetriesTransientFailures();
    void getGivesUpAfterMaxAttempts();
    void clientErrorsAreNotRetried();
    void postIsNotRetriedUnlessSafe();
    void malformedReplies_data();
    void malformedReplies();
    void adminTokenFetchedOnceAndRenewedOnce();
    void adminWrongCredentials();
    void oauth1SignsEveryAttemptVerifiably();
    void oauth1SignsWithHmacSha256ByDefault();
    void replayedNonceCountsAsDroppedConnection();
    void contextDestroyedMeansNoCallback();
    void readOperations();
    void writeOperations();
    void guestCheckout();
    void transferTimeout();
    void writesAreNeverRepeatedBehindOurBack();
    void connectionRefused();
    void invalidConnection();
    void networkManagerDestroyedFirst();
};

void TestMagentoClient::urlComposition_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("store");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"http://shop.test:8080"_s << QString() << u"http://shop.test:8080/rest/V1/orders/5"_s;
    QTest::newRow("trailing slash") << u"https://shop.test/"_s << QString() << u"https://shop.test/rest/V1/orders/5"_s;
    QTest::newRow("sub folder") << u"https://x.test/magento"_s << QString() << u"https://x.test/magento/rest/V1/orders/5"_s;
    QTest::newRow("rest given") << u"https://shop.test/rest/"_s << QString() << u"https://shop.test/rest/V1/orders/5"_s;
    QTest::newRow("store code") << u"https://shop.test"_s << u"default"_s << u"https://shop.test/rest/default/V1/orders/5"_s;
}

void TestMagentoClient::urlComposition()
{
    QFETCH(QString, base);
    QFETCH(QString, store);
    QFETCH(QString, expected);
    FakeNetwork net([](const FakeRequest &) { return FakeResponse::json("{}"); });
    MagentoConnection c = connection();
    c.baseUrl = QUrl(base);
    c.storeCode = store;
    MagentoClient client(&net, c, secrets());
    QCOMPARE(client.endpointUrl(u"orders/5"_s).toString(), expected);
}

void TestMagentoClient::bearerToken()
{
    FakeNetwork net([](const FakeRequest &) { return FakeResponse::json(onePage); });
    MagentoClient client(&net, connection(), secrets(), fastPolicy());
    ResultWaiter<MagentoOrderPage> w;
    MagentoSearchCriteria criteria;
    criteria.setPageSize(5);
    client.fetchOrders(criteria, this, w.callback());
    QVERIFY(w.wait());
    QVERIFY(w.result->has_value());
    QCOMPARE((*w.result)->orders.size(), 1);
    QCOMPARE((*w.result)->orders.first().incrementId, u"000000007"_s);
    QCOMPARE((*w.result)->totalCount, 1);
    QCOMPARE(net.requests.size(), 1);
    QCOMPARE(net.requests.first().authorization, QByteArray("Bearer int-token"));
    QCOMPARE(net.requests.first().verb, QByteArray("GET"));
    QCOMPARE(net.requests.first().url.query(QUrl::FullyEncoded), u"searchCriteria[pageSize]=5"_s);
}

void TestMagentoClient::getRetriesTransientFailures_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("networkError");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("500") << 500 << int(QNetworkReply::InternalServerError) << QByteArray(R"({"message":"Internal Error."})");
    QTest::newRow("502") << 502 << int(QNetworkReply::UnknownServerError) << QByteArray("<html>bad gateway</html>");
    QTest::newRow("503") << 503 << int(QNetworkReply::ServiceUnavailableError) << QByteArray();
    QTest::newRow("dropped") << 0 << int(QNetworkReply::RemoteHostClosedError) << QByteArray();
    QTest::newRow("refused") << 0 << int(QNetworkReply::ConnectionRefusedError) << QByteArray();
    QTest::newRow("truncated 200") << 200 << int(QNetworkReply::NoError) << onePage.left(40);
    QTest::newRow("200 then cut") << 200 << int(QNetworkReply::RemoteHostClosedError) << onePage.left(40);
}

void TestMagentoClient::getRetriesTransientFailures()
{
    QFETCH(int, status);
    QFETCH(int, networkError);
    QFETCH(QByteArray, body);
    int calls = 0;
    FakeNetwork net([&](const FakeRequest &) {
        if (++calls <= 2)
            return FakeResponse{status, body, {}, QNetworkReply::NetworkError(networkError)};
        return FakeResponse::json(onePage);
    });
    MagentoClient client(&net, connection(), secrets(), fastPolicy(3));
    ResultWaiter<MagentoOrderPage> w;
    client.fetchOrders(MagentoSearchCriteria(), this, w.callback());
    QVERIFY(w.wait());
    QVERIFY2(w.result->has_value(), qPrintable(describe(*w.result)));
    QCOMPARE(net.requests.size(), 3);
    QCOMPARE(client.requestsSent(), 3);
}

void TestMagentoClient::getGivesUpAfterMaxAttempts()
{
    FakeNetwork net([](const FakeRequest &) {
        return FakeResponse::json(R"({"message":"Internal Error. Report ID: %1","parameters":["webapi-1"]})", 500);
    });
    MagentoClient client(&net, connection(), secrets(), fastPolicy(4));
    ResultWaiter<MagentoOrder> w;
    client.fetchOrder(7, this, w.callback());
    QVERIFY(w.wait());
    QVERIFY(!w.result->has_value());
    QCOMPARE(w.result->error().code, u"magento.server_error"_s);
    QCOMPARE(w.result->error().message, u"Internal Error. Report ID: webapi-1 (HTTP 500) [after 4 attempts]"_s);
    QCOMPARE(net.requests.size(), 4);
}

void TestMagentoClient::clientErrorsAreNotRetried()
{
    FakeNetwork net([](const FakeRequest &) {
        return FakeResponse::json(R"({"message":"The entity that was requested doesn't exist. Verify the entity and try again."})", 404);
    });
    MagentoClient client(&net, connection(), secrets(), fastPolicy(4));
    ResultWaiter<MagentoOrder> w;
    client.fetchOrder(999999, this, w.callback());
    QVERIFY(w.wait());
    QCOMPARE(w.result->error().code, u"magento.not_found"_s);
    QCOMPARE(net.requests.size(), 1);
    QCOMPARE(path(net.requests.first()), u"/rest/V1/orders/999999"_s);
}

void TestMagentoClient::postIsNotRetriedUnlessSafe()
{
    int calls = 0;
    FakeNetwork net([&](const FakeRequest &) {
        if (++calls == 1)
            return FakeResponse::json(R"({"message":"Service Unavailable"})", 503);
        return FakeResponse::json("true");
    });
    MagentoClient client(&net, connection(), secrets(), fastPolicy(4));
    ResultWaiter<bool> notSafe;
    client.cancelOrder(7, this, notSafe.callback());
    QVERIFY(notSafe.wait());
    QCOMPARE(notSafe.result->error().code, u"magento.unavailable"_s);
    QCOMPARE(net.requests.size(), 1);

    calls = 0;
    ResultWaiter<bool> safe;
    client.cancelOrder(7, this, safe.callback(), MagentoClient::RetrySafety::Safe);
    QVERIFY(safe.wait());
    QVERIFY(safe.result->has_value());
    QCOMPARE(**safe.result, true);
    QCOMPARE(net.requests.size(), 3);
    QCOMPARE(net.requests.last().verb, QByteArray("POST"));
    QCOMPARE(path(net.requests.last()), u"/rest/V1/orders/7/cancel"_s);

    // A dropped connection after a POST leaves its outcome unknown: never repeated on its own.
    FakeNetwork dropping([](const FakeRequest &) { return FakeResponse::dropped(); });
    MagentoClient client2(&dropping, connection(), secrets(), fastPolicy(4));
    ResultWaiter<qint64> invoice;
    client2.createInvoice(7, {}, this, invoice.callback());
    QVERIFY(invoice.wait());
    QCOMPARE(invoice.result->error().code, u"magento.network"_s);
    QCOMPARE(dropping.requests.size(), 1);
}

void TestMagentoClient::malformedReplies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("truncated") << onePage.left(onePage.size() - 3);
    QTest::newRow("html") << QByteArray("<html>Maintenance</html>");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("two values") << QByteArray(R"({"items":[]} {"x":1})");
    QTest::newRow("array instead of object") << QByteArray("[1,2]");
    QTest::newRow("items not array") << QByteArray(R"({"items":"none","total_count":1})");
    QTest::newRow("no total_count") << QByteArray(R"({"items":[]})");
    // Found by fuzz_magento_order: a count beyond any integer type was cast straight to one.
    QTest::newRow("total_count too large") << QByteArray(R"({"items":[],"total_count":5555555555555555555555555555552})");
    QTest::newRow("total_count fraction") << QByteArray(R"({"items":[],"total_count":1.5})");
    QTest::newRow("total_count negative") << QByteArray(R"({"items":[],"total_count":-3})");
}

void TestMagentoClient::malformedReplies()
{
    QFETCH(QByteArray, body);
    FakeNetwork net([&](const FakeRequest &) { return FakeResponse::json(body); });
    MagentoClient client(&net, connection(), secrets(), fastPolicy(2));
    ResultWaiter<MagentoOrderPage> w;
    client.fetchOrders(MagentoSearchCriteria(), this, w.callback());
    QVERIFY(w.wait());
    QVERIFY(!w.result->has_value());
    QCOMPARE(w.result->error().code, u"magento.malformed_reply"_s);
    QVERIFY(!w.result->error().hint.isEmpty());
}

void TestMagentoClient::adminTokenFetchedOnceAndRenewedOnce()
{
    int tokens = 0;
    QString valid;
    FakeNetwork net([&](const FakeRequest &r) {
        if (path(r) == "/rest/V1/integration/admin/token"_L1) {
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            if (body.value(u"username"_s) != u"admin"_s || body.value(u"password"_s) != u"pw"_s)
                return FakeResponse::json("{}", 400);
            valid = u"tok%1"_s.arg(++tokens);
            return FakeResponse::json("\"" + valid.toUtf8() + "\"");
        }
        if (r.authorization != "Bearer " + valid.toUtf8())
            return FakeResponse::json(R"({"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"Magento_Sales::actions_view"}})", 401);
        return FakeResponse::json(onePage);
    });
    MagentoClient client(&net, connection(MagentoAuthMode::AdminUser), secrets(), fastPolicy());
    ResultWaiter<MagentoOrderPage> a, b;
    client.fetchOrders(MagentoSearchCriteria(), this, a.callback());
    client.fetchOrders(MagentoSearchCriteria(), this, b.callback());
    QVERIFY(a.wait() && b.wait());
    QVERIFY(a.result->has_value() && b.result->has_value());
    QCOMPARE(tokens, 1); // two calls, one login
    QCOMPARE(net.requests.size(), 3);
    QCOMPARE(net.requests.first().verb, QByteArray("POST"));
    QVERIFY(net.requests.first().authorization.isEmpty());
    QCOMPARE(net.requests.first().contentType, QByteArray("application/json"));

    // The token expires on the server: one renewal, then success.
    valid = u"expired"_s;
    const int tokensBefore = tokens;
    ResultWaiter<MagentoOrderPage> c;
    client.fetchOrders(MagentoSearchCriteria(), this, c.callback());
    QVERIFY(c.wait());
    QVERIFY(c.result->has_value());
    QCOMPARE(tokens, tokensBefore + 1);

    // A 401 that a fresh token does not cure is reported, not looped on.
    FakeNetwork refusing([&](const FakeRequest &r) {
        if (path(r) == "/rest/V1/integration/admin/token"_L1)
            return FakeResponse::json("\"t\"");
        return FakeResponse::json(R"({"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"Magento_Sales::actions_view"}})", 401);
    });
    MagentoClient client2(&refusing, connection(MagentoAuthMode::AdminUser), secrets(), fastPolicy());
    ResultWaiter<MagentoOrderPage> d;
    client2.fetchOrders(MagentoSearchCriteria(), this, d.callback());
    QVERIFY(d.wait());
    QCOMPARE(d.result->error().code, u"magento.unauthorized"_s);
    QVERIFY(d.result->error().message.contains(u"Magento_Sales::actions_view"_s));
    QCOMPARE(refusing.requests.size(), 4); // token, call, token, call
}

void TestMagentoClient::adminWrongCredentials()
{
    FakeNetwork net([](const FakeRequest &) {
        return FakeResponse::json(R"({"message":"The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later."})", 401);
    });
    MagentoClient client(&net, connection(MagentoAuthMode::AdminUser), secrets(), fastPolicy());
    ResultWaiter<MagentoOrderPage> a, b;
    client.fetchOrders(MagentoSearchCriteria(), this, a.callback());
    client.fetchOrders(MagentoSearchCriteria(), this, b.callback());
    QVERIFY(a.wait() && b.wait());
    QCOMPARE(a.result->error().code, u"magento.unauthorized"_s);
    QCOMPARE(b.result->error().code, u"magento.unauthorized"_s);
    QVERIFY(a.result->error().hint.contains(u"password"_s));
    QCOMPARE(net.requests.size(), 1); // one failed login, no order requests
}

namespace {

// Server side of OAuth 1.0a: parse the header and recompute the signature from what arrived.
QMap<QString, QString> parseOAuthHeader(const QByteArray &header)
{
    QMap<QString, QString> params;
    if (!header.startsWith("OAuth "))
        return params;
    for (const QByteArray &part : header.mid(6).split(',')) {
        const qsizetype eq = part.indexOf('=');
        const QByteArray value = part.mid(eq + 1).trimmed();
        params.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(part.left(eq).trimmed())),
                      QString::fromUtf8(QByteArray::fromPercentEncoding(value.mid(1, value.size() - 2))));
    }
    return params;
}

bool verifySignature(const FakeRequest &r, const QString &consumerSecret, const QString &tokenSecret)
{
    QMap<QString, QString> params = parseOAuthHeader(r.authorization);
    const QString signature = params.take(u"oauth_signature"_s);
    MagentoOAuth1Signer::Params list;
    for (auto it = params.cbegin(); it != params.cend(); ++it)
        list.append({it.key(), it.value()});
    const auto method = params.value(u"oauth_signature_method"_s) == "HMAC-SHA1"_L1 ? MagentoSignatureMethod::HmacSha1
                                                                                     : MagentoSignatureMethod::HmacSha256;
    const QByteArray base = MagentoOAuth1Signer::baseString(r.verb, r.url, list);
    return MagentoOAuth1Signer::signature(base, consumerSecret, tokenSecret, method) == signature.toLatin1();
}

} // namespace

void TestMagentoClient::oauth1SignsWithHmacSha256ByDefault()
{
    // Current Magento accepts HMAC-SHA256 alone; a connection as a profile makes it must sign with it.
    FakeNetwork net([](const FakeRequest &) { return FakeResponse::json(onePage); });
    MagentoConnection c;
    c.baseUrl = QUrl(u"http://shop.test:8080"_s);
    QCOMPARE(c.authMode, MagentoAuthMode::OAuth1);
    MagentoClient client(&net, c, secrets(), fastPolicy());
    ResultWaiter<qint64> w;
    client.testConnection(this, w.callback());
    QVERIFY(w.wait());
    QVERIFY2(w.result->has_value(), qPrintable(describe(*w.result)));
    QCOMPARE(net.requests.size(), 1);
    QCOMPARE(parseOAuthHeader(net.requests.at(0).authorization).value(u"oauth_signature_method"_s), u"HMAC-SHA256"_s);
    QVERIFY(verifySignature(net.requests.at(0), u"cs"_s, u"ats"_s));
}

void TestMagentoClient::oauth1SignsEveryAttemptVerifiably()
{
    for (const MagentoSignatureMethod method : {MagentoSignatureMethod::HmacSha256, MagentoSignatureMethod::HmacSha1}) {
        int calls = 0;
        FakeNetwork net([&](const FakeRequest &r) {
            if (!verifySignature(r, u"cs"_s, u"ats"_s))
                return FakeResponse::json(R"({"message":"The signature is invalid. Verify and try again."})", 401);
            if (++calls == 1)
                return FakeResponse::json("{}", 503);
            return FakeResponse::json(onePage);
        });
        MagentoConnection c = connection(MagentoAuthMode::OAuth1);
        c.signatureMethod = method;
        MagentoClient client(&net, c, secrets(), fastPolicy());
        MagentoSearchCriteria criteria;
        criteria.where(u"customer_email"_s, MagentoSearchCriteria::Condition::Eq, u"a+b c@example.com"_s).setPageSize(2);
        ResultWaiter<MagentoOrderPage> w;
        client.fetchOrders(criteria, this, w.callback());
        QVERIFY(w.wait());
        QVERIFY2(w.result->has_value(), qPrintable(describe(*w.result)));
        QCOMPARE(net.requests.size(), 2);
        const auto first = parseOAuthHeader(net.requests.at(0).authorization);
        const auto second = parseOAuthHeader(net.requests.at(1).authorization);
        QCOMPARE(first.value(u"oauth_consumer_key"_s), u"ck"_s);
        QCOMPARE(first.value(u"oauth_token"_s), u"at"_s);
        QCOMPARE(first.value(u"oauth_version"_s), u"1.0"_s);
        QCOMPARE(first.value(u"oauth_signature_method"_s), MagentoOAuth1Signer::methodName(method));
        QVERIFY(first.value(u"oauth_nonce"_s) != second.value(u"oauth_nonce"_s)); // a retry is signed anew
        QVERIFY(qAbs(first.value(u"oauth_timestamp"_s).toLongLong() - QDateTime::currentSecsSinceEpoch()) < 60);
        // The verifier is not trivially true: wrong secrets do not verify.
        QVERIFY(!verifySignature(net.requests.at(1), u"cs"_s, u"wrong"_s));
    }

    // Wrong secrets: the store refuses, and the error names the four credentials.
    FakeNetwork net([](const FakeRequest &r) {
        if (!verifySignature(r, u"cs"_s, u"ats"_s))
            return FakeResponse::json(R"({"message":"The signature is invalid. Verify and try again."})", 401);
        return FakeResponse::json(onePage);
    });
    MagentoSecrets wrong = secrets();
    wrong.consumerSecret = u"nope"_s;
    MagentoClient client(&net, connection(MagentoAuthMode::OAuth1), wrong, fastPolicy());
    ResultWaiter<MagentoOrderPage> w;
    client.fetchOrders(MagentoSearchCriteria(), this, w.callback());
    QVERIFY(w.wait());
    QCOMPARE(w.result->error().code, u"magento.unauthorized"_s);
    QVERIFY(w.result->error().hint.contains(u"consumer secret"_s));
    QCOMPARE(net.requests.size(), 1);
}

void TestMagentoClient::replayedNonceCountsAsDroppedConnection()
{
    int calls = 0;
    FakeNetwork net([&](const FakeRequest &) {
        if (++calls == 1)
            return FakeResponse::json(R"({"message":"The nonce is already being used by the consumer with ID %1","parameters":["1"]})", 401);
        return FakeResponse::json("true");
    });
    MagentoClient client(&net, connection(MagentoAuthMode::OAuth1), secrets(), fastPolicy());
    ResultWaiter<MagentoOrder> get;
    client.fetchOrder(7, this, get.callback());
    QVERIFY(get.wait());
    QCOMPARE(net.requests.size(), 2); // signed anew and retried
    QCOMPARE(get.result->error().code, u"magento.malformed_reply"_s); // "true" is not an order

    calls = 0;
    ResultWaiter<bool> post;
    client.holdOrder(7, this, post.callback());
    QVERIFY(post.wait());
    QCOMPARE(net.requests.size(), 3); // a write is not repeated: its first copy may have been carried out
    QCOMPARE(post.result->error().code, u"magento.network"_s);
    QVERIFY(post.result->error().hint.contains(u"before repeating"_s));
}

void TestMagentoClient::contextDestroyedMeansNoCallback()
{
    FakeNetwork net([](const FakeRequest &) { return FakeResponse::json(onePage); });
    MagentoClient client(&net, connection(), secrets(), fastPolicy());
    bool called = false;
    auto *context = new QObject;
    client.fetchOrders(MagentoSearchCriteria(), context, [&](Result<MagentoOrderPage>) { called = true; });
    delete context;
    bool controlCalled = false;
    client.fetchOrders(MagentoSearchCriteria(), this, [&](Result<MagentoOrderPage>) { controlCalled = true; });
    QTRY_VERIFY(controlCalled);
    QVERIFY(!called);
}

void TestMagentoClient::readOperations()
{
    FakeNetwork net([](const FakeRequest &r) {
        const QString p = path(r);
        if (p == "/rest/V1/orders/7/comments"_L1)
            return FakeResponse::json(R"({"items":[{"entity_id":3,"parent_id":7,"comment":"Call before delivery","created_at":"2024-05-01 10:00:00","entity_name":"order","is_customer_notified":null,"is_visible_on_front":1,"status":"pending"}],"total_count":1})");
        if (p == "/rest/V1/invoices"_L1 || p == "/rest/V1/shipments"_L1)
            return FakeResponse::json(R"({"items":[{"entity_id":11,"order_id":7}],"total_count":1})");
        if (p == "/rest/V1/orders"_L1)
            return FakeResponse::json(R"({"items":[{"entity_id":7,"increment_id":"000000007","updated_at":"2024-05-01 10:00:00"},{"increment_id":"broken"}],"total_count":2})");
        return FakeResponse::json(R"({"items":[{"sku":"WS12-M"}],"total_count":1})");
    });
    MagentoClient client(&net, connection(), secrets(), fastPolicy());

    ResultWaiter<QList<MagentoComment>> comments;
    client.fetchComments(7, this, comments.callback());
    QVERIFY(comments.wait());
    QCOMPARE(comments.result->value().size(), 1);
    QCOMPARE(comments.result->value().first().comment, u"Call before delivery"_s);
    QCOMPARE(comments.result->value().first().orderId, 7);
    QVERIFY(comments.result->value().first().visibleOnFront);
    QVERIFY(!comments.result->value().first().customerNotified);

    ResultWaiter<MagentoRecordPage> invoices;
    client.fetchInvoices(7, this, invoices.callback());
    QVERIFY(invoices.wait());
    QCOMPARE(invoices.result->value().items.first().value(u"entity_id"_s).toInt(), 11);
    const auto &q = net.requests.last().query;
    QVERIFY(q.contains({u"searchCriteria[filter_groups][0][filters][0][field]"_s, u"order_id"_s}));
    QVERIFY(q.contains({u"searchCriteria[filter_groups][0][filters][0][value]"_s, u"7"_s}));
    QVERIFY(q.contains({u"searchCriteria[filter_groups][0][filters][0][condition_type]"_s, u"eq"_s}));

    ResultWaiter<MagentoRecordPage> shipments;
    client.fetchShipments(7, this, shipments.callback());
    QVERIFY(shipments.wait());
    QCOMPARE(path(net.requests.last()), u"/rest/V1/shipments"_s);

    ResultWaiter<MagentoOrderPage> byIncrement;
    client.fetchOrdersByIncrementIds({u"000000007"_s, u"broken"_s}, this, byIncrement.callback());
    QVERIFY(byIncrement.wait());
    QCOMPARE(byIncrement.result->value().orders.size(), 1);
    QCOMPARE(byIncrement.result->value().rejected.size(), 1); // a bad item is reported, not a crash
    QCOMPARE(byIncrement.result->value().rejected.first().fields, QStringList{u"entity_id"_s});
    QVERIFY(net.requests.last().query.contains({u"searchCriteria[filter_groups][0][filters][0][value]"_s, u"000000007,broken"_s}));
    QVERIFY(net.requests.last().query.contains({u"searchCriteria[filter_groups][0][filters][0][condition_type]"_s, u"in"_s}));

    ResultWaiter<MagentoRecordPage> products;
    client.fetchProducts(MagentoSearchCriteria().setPageSize(10), this, products.callback());
    QVERIFY(products.wait());
    QCOMPARE(products.result->value().items.first().value(u"sku"_s).toString(), u"WS12-M"_s);
    QCOMPARE(path(net.requests.last()), u"/rest/V1/products"_s);
}

void TestMagentoClient::writeOperations()
{
    FakeNetwork net([](const FakeRequest &r) {
        if (r.url.path().endsWith(u"/invoice"_s) || r.url.path().endsWith(u"/ship"_s))
            return FakeResponse::json("42");
        return FakeResponse::json("true");
    });
    MagentoClient client(&net, connection(), secrets(), fastPolicy());

    ResultWaiter<bool> comment;
    client.addComment(7, MagentoNewComment{u"Packed"_s, u"processing"_s, false, true}, this, comment.callback());
    QVERIFY(comment.wait());
    QVERIFY(comment.result->value());
    QCOMPARE(path(net.requests.last()), u"/rest/V1/orders/7/comments"_s);
    const QJsonObject history = QJsonDocument::fromJson(net.requests.last().body).object().value(u"statusHistory"_s).toObject();
    QCOMPARE(history.value(u"comment"_s).toString(), u"Packed"_s);
    QCOMPARE(history.value(u"parent_id"_s).toInt(), 7);
    QCOMPARE(history.value(u"is_visible_on_front"_s).toInt(), 1);
    QCOMPARE(history.value(u"is_customer_notified"_s).toInt(), 0);
    QCOMPARE(history.value(u"status"_s).toString(), u"processing"_s);

    ResultWaiter<qint64> invoice;
    client.createInvoice(7, MagentoInvoiceRequest{{{3, 1}}, true, false, {}}, this, invoice.callback());
    QVERIFY(invoice.wait());
    QCOMPARE(invoice.result->value(), 42);
    QCOMPARE(path(net.requests.last()), u"/rest/V1/order/7/invoice"_s);
    const QJsonObject invoiceBody = QJsonDocument::fromJson(net.requests.last().body).object();
    QCOMPARE(invoiceBody.value(u"items"_s).toArray().first().toObject().value(u"order_item_id"_s).toInt(), 3);
    QVERIFY(invoiceBody.value(u"capture"_s).toBool());

    ResultWaiter<qint64> fullInvoice;
    client.createInvoice(8, {}, this, fullInvoice.callback());
    QVERIFY(fullInvoice.wait());
    QVERIFY(!QJsonDocument::fromJson(net.requests.last().body).object().contains(u"items"_s));

    ResultWaiter<qint64> ship;
    MagentoShipmentRequest shipment;
    shipment.tracks = {{u"1Y-9876543210"_s, u"United Parcel Service"_s, u"ups"_s}};
    client.createShipment(7, shipment, this, ship.callback());
    QVERIFY(ship.wait());
    QCOMPARE(path(net.requests.last()), u"/rest/V1/order/7/ship"_s);
    QCOMPARE(QJsonDocument::fromJson(net.requests.last().body).object().value(u"tracks"_s).toArray().first()
                 .toObject().value(u"carrier_code"_s).toString(), u"ups"_s);

    for (const auto &[call, suffix] : {std::pair{&MagentoClient::holdOrder, "/hold"}, std::pair{&MagentoClient::unholdOrder, "/unhold"},
                                       std::pair{&MagentoClient::cancelOrder, "/cancel"}}) {
        ResultWaiter<bool> w;
        (client.*call)(9, this, w.callback(), MagentoClient::RetrySafety::NotSafe);
        QVERIFY(w.wait());
        QVERIFY(w.result->value());
        QCOMPARE(path(net.requests.last()), u"/rest/V1/orders/9"_s + QLatin1StringView(suffix));
        QCOMPARE(net.requests.last().verb, QByteArray("POST"));
    }
}

void TestMagentoClient::guestCheckout()
{
    QStringList steps;
    FakeNetwork net([&](const FakeRequest &r) {
        steps.append(QString::fromLatin1(r.verb) + u' ' + path(r));
        if (path(r) == "/rest/V1/guest-carts"_L1)
            return FakeResponse::json("\"mAsKeD+id\"");
        if (path(r).endsWith(u"/items"_s))
            return FakeResponse::json(R"({"item_id":1,"sku":"WS12-M","qty":1,"quote_id":"mAsKeD+id"})");
        if (path(r).endsWith(u"/shipping-information"_s))
            return FakeResponse::json(R"({"payment_methods":[{"code":"checkmo"}],"totals":{}})");
        return FakeResponse::json("\"31\""); // some versions send the id as a string
    });
    MagentoClient client(&net, connection(), secrets(), fastPolicy());
    MagentoGuestCheckout checkout;
    checkout.lines = {{u"WS12-M"_s, 1}, {u"MH01-L"_s, 2}};
    checkout.email = u"jdoe@example.com"_s;
    checkout.shippingAddress = {u"Jane"_s, u"Doe"_s, {u"123 Oak Ave"_s}, u"Purchase"_s, u"10577"_s, u"US"_s,
                                u"NY"_s, u"New York"_s, u"512-555-1111"_s, u"jdoe@example.com"_s};
    checkout.billingAddress = checkout.shippingAddress;
    ResultWaiter<qint64> w;
    client.placeGuestOrder(checkout, this, w.callback());
    QVERIFY(w.wait());
    QVERIFY2(w.result->has_value(), qPrintable(describe(*w.result)));
    QCOMPARE(w.result->value(), 31);
    QCOMPARE(steps, (QStringList{u"POST /rest/V1/guest-carts"_s, u"POST /rest/V1/guest-carts/mAsKeD+id/items"_s,
                                 u"POST /rest/V1/guest-carts/mAsKeD+id/items"_s,
                                 u"POST /rest/V1/guest-carts/mAsKeD+id/shipping-information"_s,
                                 u"POST /rest/V1/guest-carts/mAsKeD+id/payment-information"_s}));
    const QJsonObject item = QJsonDocument::fromJson(net.requests.at(2).body).object().value(u"cartItem"_s).toObject();
    QCOMPARE(item.value(u"sku"_s).toString(), u"MH01-L"_s);
    QCOMPARE(item.value(u"qty"_s).toDouble(), 2.0);
    QCOMPARE(item.value(u"quote_id"_s).toString(), u"mAsKeD+id"_s);
    const QJsonObject info = QJsonDocument::fromJson(net.requests.at(3).body).object().value(u"addressInformation"_s).toObject();
    QCOMPARE(info.value(u"shipping_address"_s).toObject().value(u"street"_s).toArray().first().toString(), u"123 Oak Ave"_s);
    QCOMPARE(info.value(u"shipping_carrier_code"_s).toString(), u"flatrate"_s);
    const QJsonObject payment = QJsonDocument::fromJson(net.requests.at(4).body).object();
    QCOMPARE(payment.value(u"paymentMethod"_s).toObject().value(u"method"_s).toString(), u"checkmo"_s);
    QCOMPARE(payment.value(u"email"_s).toString(), u"jdoe@example.com"_s);

    // A failing step stops the chain with an error that says which flow failed.
    FakeNetwork failing([](const FakeRequest &r) {
        if (r.url.path().endsWith(u"/items"_s))
            return FakeResponse::json(R"({"message":"The requested qty is not available"})", 400);
        return FakeResponse::json("\"cart\"");
    });
    MagentoClient client2(&failing, connection(), secrets(), fastPolicy());
    ResultWaiter<qint64> f;
    client2.placeGuestOrder(checkout, this, f.callback());
    QVERIFY(f.wait());
    QCOMPARE(f.result->error().code, u"magento.validation"_s);
    QVERIFY(f.result->error().message.startsWith(u"Guest checkout failed: The requested qty"_s));
    QCOMPARE(failing.requests.size(), 2);
}

void TestMagentoClient::transferTimeout()
{
    // A server that accepts connections and never answers.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QList<QTcpSocket *> sockets;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        while (server.hasPendingConnections())
            sockets.append(server.nextPendingConnection());
    });
    QNetworkAccessManager nam;
    MagentoConnection c = connection();
    c.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort()));
    c.timeoutMs = 1500;
    MagentoClient client(&nam, c, secrets(), fastPolicy(2));
    ResultWaiter<MagentoOrder> w;
    client.fetchOrder(1, this, w.callback());
    QVERIFY(w.wait(10000));
    QVERIFY(!w.result->has_value());
    QCOMPARE(w.result->error().code, u"magento.timeout"_s);
    // The timeout is the call's whole budget: the silent attempt used it, so no second one starts.
    QCOMPARE(client.requestsSent(), 1);
    QVERIFY2(w.result->error().message.contains(u"No reply from 127.0.0.1 within 1 s (GET orders/1)"_s),
             qPrintable(w.result->error().message));
    QVERIFY(sockets.size() >= 1);
}

void TestMagentoClient::writesAreNeverRepeatedBehindOurBack()
{
    // A server that carries out the first POST and then drops the connection without a reply.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    int posts = 0;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [&posts, socket] {
                if (!socket->readAll().contains("POST"))
                    return;
                if (++posts == 1) {
                    socket->close();
                    return;
                }
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4\r\n\r\ntrue");
            });
        }
    });
    QNetworkAccessManager nam;
    MagentoConnection c = connection();
    c.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort()));
    MagentoClient client(&nam, c, secrets(), fastPolicy(3));

    ResultWaiter<bool> unsafe;
    client.addComment(7, MagentoNewComment{u"once"_s, {}, false, false}, this, unsafe.callback());
    QVERIFY(unsafe.wait());
    QVERIFY(!unsafe.result->has_value());
    QCOMPARE(posts, 1); // neither we nor Qt's HTTP layer sent it again
    QCOMPARE(unsafe.result->error().code, u"magento.network"_s);
    QVERIFY(unsafe.result->error().message.contains(u"may or may not have carried it out"_s));

    posts = 0;
    ResultWaiter<bool> safe;
    client.holdOrder(7, this, safe.callback(), MagentoClient::RetrySafety::Safe);
    QVERIFY(safe.wait());
    QVERIFY2(safe.result->has_value(), qPrintable(describe(*safe.result)));
    QCOMPARE(posts, 2);
}

void TestMagentoClient::connectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close(); // nobody listens there now
    QNetworkAccessManager nam;
    MagentoConnection c = connection();
    c.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
    MagentoClient client(&nam, c, secrets(), fastPolicy(3));
    ResultWaiter<qint64> w;
    client.testConnection(this, w.callback());
    QVERIFY(w.wait());
    QCOMPARE(w.result->error().code, u"magento.network"_s);
    QVERIFY(w.result->error().message.contains(u"[after 3 attempts]"_s));
}

void TestMagentoClient::invalidConnection()
{
    FakeNetwork net([](const FakeRequest &) { return FakeResponse::json(onePage); });
    MagentoConnection c = connection(MagentoAuthMode::AdminUser);
    c.adminUsername.clear();
    MagentoClient client(&net, c, secrets(), fastPolicy());
    ResultWaiter<qint64> w;
    client.testConnection(this, w.callback());
    QVERIFY(!w.result.has_value()); // never re-entrant
    QVERIFY(w.wait());
    QCOMPARE(w.result->error().code, u"magento.missing_username"_s);
    QCOMPARE(net.requests.size(), 0);

    MagentoSecrets partial = secrets();
    partial.accessTokenSecret.clear();
    MagentoClient oauth(&net, connection(MagentoAuthMode::OAuth1), partial, fastPolicy());
    ResultWaiter<qint64> o;
    oauth.testConnection(this, o.callback());
    QVERIFY(o.wait());
    QCOMPARE(o.result->error().code, u"magento.missing_credentials"_s);
    QCOMPARE(net.requests.size(), 0);

    MagentoConnection badUrl = connection();
    badUrl.baseUrl = QUrl(u"ftp://shop.test"_s);
    MagentoClient ftp(&net, badUrl, secrets(), fastPolicy());
    ResultWaiter<qint64> f;
    ftp.testConnection(this, f.callback());
    QVERIFY(f.wait());
    QCOMPARE(f.result->error().code, u"magento.bad_url"_s);
}

void TestMagentoClient::networkManagerDestroyedFirst()
{
    auto *net = new FakeNetwork([](const FakeRequest &) { return FakeResponse::json(onePage); });
    MagentoClient client(net, connection(), secrets(), fastPolicy());
    bool called = false;
    client.fetchOrders(MagentoSearchCriteria(), this, [&](Result<MagentoOrderPage>) { called = true; });
    delete net; // takes its pending reply with it; the client must neither crash now nor in its destructor
    QTest::qWait(20);
    QVERIFY(!called);
    ResultWaiter<MagentoOrderPage> w;
    client.fetchOrders(MagentoSearchCriteria(), this, w.callback());
    QVERIFY(w.wait());
    QCOMPARE(w.result->error().code, u"magento.cancelled"_s);
}

QTEST_GUILESS_MAIN(TestMagentoClient)
#include "tst_magentoclient.moc"
