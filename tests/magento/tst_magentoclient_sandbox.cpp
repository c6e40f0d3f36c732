// Integration tests of MagentoClient and MagentoChangeFeed over real HTTP against orderbridge-sandbox.

#include "magento/magentochangefeed.h"
#include "asyncresult.h"
#include "magento/magentoclient.h"
#include "magento/magentocommentsweep.h"
#include "sandboxprocess.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

#include <optional>
#include <set>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

template<typename T>
using ResultWaiter = Waiter<Result<T>>;

namespace {

constexpr int kOrders = 57;

MagentoSecrets secretsOf(const QJsonObject &m)
{
    MagentoSecrets s;
    s.integrationToken = m.value(u"integration_token"_s).toString();
    s.adminPassword = m.value(u"admin_password"_s).toString();
    s.consumerKey = m.value(u"consumer_key"_s).toString();
    s.consumerSecret = m.value(u"consumer_secret"_s).toString();
    s.accessToken = m.value(u"access_token"_s).toString();
    s.accessTokenSecret = m.value(u"access_token_secret"_s).toString();
    return s;
}

MagentoConnection connectionOf(const QJsonObject &m, MagentoAuthMode mode)
{
    MagentoConnection c;
    c.baseUrl = QUrl(m.value(u"base_url"_s).toString());
    c.authMode = mode;
    c.adminUsername = m.value(u"admin_username"_s).toString();
    c.timeoutMs = 10000;
    return c;
}

MagentoRetryPolicy quickRetries()
{
    MagentoRetryPolicy p;
    p.maxAttempts = 6;
    p.baseDelayMs = 20;
    p.maxDelayMs = 300;
    return p;
}

} // namespace

class TestMagentoClientSandbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void authModes_data();
    void authModes();
    void stockStoreRefuses_data();
    void stockStoreRefuses();
    void wrongCredentials_data();
    void wrongCredentials();
    void pagingMissesNoOrder();
    void unknownOrderIsNotFound();
    void inputLimits_data();
    void inputLimits();
    void orderLifecycleAndChangeFeed();
    void faultInjectionConverges_data();
    void faultInjectionConverges();

private:
    SandboxProcess m_sandbox;
    QJsonObject m_magento;
    SandboxProcess m_openSandbox; // a store with 2FA off and integration tokens allowed as Bearer
    QJsonObject m_openMagento;
    QNetworkAccessManager m_network;
};

void TestMagentoClientSandbox::initTestCase()
{
    QVERIFY2(m_sandbox.start({u"--orders"_s, QString::number(kOrders), u"--seed"_s, u"11"_s}),
             qPrintable(m_sandbox.errorString()));
    m_magento = m_sandbox.magento();
    QVERIFY(!m_magento.value(u"base_url"_s).toString().isEmpty());
    QVERIFY2(m_openSandbox.start({u"--orders"_s, QString::number(kOrders), u"--seed"_s, u"11"_s, u"--magento-2fa"_s,
                                  u"off"_s, u"--magento-bearer"_s, u"on"_s}),
             qPrintable(m_openSandbox.errorString()));
    m_openMagento = m_openSandbox.magento();
}

void TestMagentoClientSandbox::authModes_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("signature");
    // The admin-token and Bearer modes only work on a store that allows them (--magento-2fa off,
    // --magento-bearer on); stockStoreRefuses() covers the default store.
    QTest::newRow("integration token (Bearer), store allows it") << int(MagentoAuthMode::IntegrationToken) << 0;
    QTest::newRow("admin user, 2FA off") << int(MagentoAuthMode::AdminUser) << 0;
    QTest::newRow("oauth 1.0a HMAC-SHA256") << int(MagentoAuthMode::OAuth1) << int(MagentoSignatureMethod::HmacSha256);
}

void TestMagentoClientSandbox::authModes()
{
    QFETCH(int, mode);
    QFETCH(int, signature);
    const QJsonObject store = MagentoAuthMode(mode) == MagentoAuthMode::OAuth1 ? m_magento : m_openMagento;
    MagentoConnection c = connectionOf(store, MagentoAuthMode(mode));
    c.signatureMethod = MagentoSignatureMethod(signature);
    MagentoClient client(&m_network, c, secretsOf(store), quickRetries());
    ResultWaiter<qint64> count;
    client.testConnection(this, count.callback());
    QVERIFY(count.wait());
    QVERIFY2(count.result->has_value(), qPrintable(describe(*count.result)));
    QVERIFY(**count.result >= kOrders);

    // A query with characters that need encoding, signed and sent twice (fresh nonce each time).
    for (int i = 0; i < 2; ++i) {
        MagentoSearchCriteria criteria;
        criteria.where(u"customer_email"_s, MagentoSearchCriteria::Condition::Like, u"%@%"_s).setPageSize(3).setCurrentPage(1);
        ResultWaiter<MagentoOrderPage> page;
        client.fetchOrders(criteria, this, page.callback());
        QVERIFY(page.wait());
        QVERIFY2(page.result->has_value(), qPrintable(describe(*page.result)));
        QCOMPARE(page.result->value().orders.size(), 3);
        QVERIFY(page.result->value().rejected.isEmpty());
    }
}

void TestMagentoClientSandbox::stockStoreRefuses_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("signature");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("hint");
    QTest::newRow("admin token: 2FA") << int(MagentoAuthMode::AdminUser) << 0 << u"magento.two_factor_required"_s
                                      << u"Please use the 2fa provider-specific endpoints to obtain a token. (HTTP 400)"_s
                                      << u"two-factor authentication (2FA)"_s;
    QTest::newRow("integration token as Bearer") << int(MagentoAuthMode::IntegrationToken) << 0 << u"magento.unauthorized"_s
                                                 << u"The consumer isn't authorized to access Magento_Sales::actions_view. (HTTP 401)"_s
                                                 << u"Allow OAuth Access Tokens to be used as standalone Bearer tokens"_s;
    QTest::newRow("oauth 1.0a HMAC-SHA1") << int(MagentoAuthMode::OAuth1) << int(MagentoSignatureMethod::HmacSha1)
                                          << u"magento.validation"_s
                                          << u"Signature method HMAC-SHA1 is not supported (HTTP 400)"_s << QString();
}

void TestMagentoClientSandbox::stockStoreRefuses()
{
    QFETCH(int, mode);
    QFETCH(int, signature);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(QString, hint);
    MagentoConnection c = connectionOf(m_magento, MagentoAuthMode(mode));
    c.signatureMethod = MagentoSignatureMethod(signature);
    MagentoClient client(&m_network, c, secretsOf(m_magento), quickRetries());
    ResultWaiter<qint64> w;
    client.testConnection(this, w.callback());
    QVERIFY(w.wait());
    QVERIFY(!w.result->has_value());
    const Error &e = w.result->error();
    QCOMPARE(e.code, code);
    QCOMPARE(e.message, message);
    QVERIFY2(e.hint.contains(hint), qPrintable(e.hint));
}

void TestMagentoClientSandbox::wrongCredentials_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("field");
    QTest::newRow("token") << int(MagentoAuthMode::IntegrationToken) << u"integrationToken"_s;
    QTest::newRow("admin password") << int(MagentoAuthMode::AdminUser) << u"adminPassword"_s;
    QTest::newRow("oauth consumer secret") << int(MagentoAuthMode::OAuth1) << u"consumerSecret"_s;
    QTest::newRow("oauth token secret") << int(MagentoAuthMode::OAuth1) << u"accessTokenSecret"_s;
    QTest::newRow("oauth consumer key") << int(MagentoAuthMode::OAuth1) << u"consumerKey"_s;
}

void TestMagentoClientSandbox::wrongCredentials()
{
    QFETCH(int, mode);
    QFETCH(QString, field);
    MagentoSecrets s = secretsOf(m_magento);
    QString *target = field == "integrationToken"_L1 ? &s.integrationToken
                      : field == "adminPassword"_L1  ? &s.adminPassword
                      : field == "consumerSecret"_L1 ? &s.consumerSecret
                      : field == "consumerKey"_L1    ? &s.consumerKey
                                                     : &s.accessTokenSecret;
    *target = u"wrong-"_s + *target;
    MagentoClient client(&m_network, connectionOf(m_magento, MagentoAuthMode(mode)), s, quickRetries());
    ResultWaiter<qint64> w;
    client.testConnection(this, w.callback());
    QVERIFY(w.wait());
    QVERIFY(!w.result->has_value());
    const Error &e = w.result->error();
    QVERIFY2(e.code == "magento.unauthorized"_L1 || e.code == "magento.forbidden"_L1, qPrintable(e.code + u' ' + e.message));
    QVERIFY(e.message.contains(u"(HTTP 40"_s));
    QVERIFY(!e.hint.isEmpty());
    if (field != "consumerKey"_L1) // the key is public (sent in every header); Magento's message names it
        QVERIFY(!e.message.contains(*target) && !e.hint.contains(*target)); // a secret is never echoed
    QVERIFY(client.requestsSent() <= 2); // no retry storm on a credential error
}

void TestMagentoClientSandbox::pagingMissesNoOrder()
{
    MagentoClient client(&m_network, connectionOf(m_magento, MagentoAuthMode::OAuth1), secretsOf(m_magento),
                         quickRetries());
    std::set<qint64> ids;
    std::set<QString> incrementIds;
    qint64 total = -1;
    const int pageSize = 4;
    for (int page = 1; page < 1000; ++page) {
        MagentoSearchCriteria criteria;
        criteria.orderBy(u"entity_id"_s).setPageSize(pageSize).setCurrentPage(page);
        ResultWaiter<MagentoOrderPage> w;
        client.fetchOrders(criteria, this, w.callback());
        QVERIFY(w.wait());
        QVERIFY2(w.result->has_value(), qPrintable(describe(*w.result)));
        const MagentoOrderPage &p = w.result->value();
        QVERIFY(p.rejected.isEmpty());
        total = p.totalCount;
        for (const MagentoOrder &o : p.orders) {
            QVERIFY2(ids.insert(o.entityId).second, "an order came twice");
            incrementIds.insert(o.incrementId);
        }
        if (p.itemCount == 0 || qint64(page) * pageSize >= p.totalCount)
            break;
    }
    QVERIFY(total >= kOrders);
    QCOMPARE(qint64(ids.size()), total);
    QCOMPARE(qint64(incrementIds.size()), total);

    // The same orders by increment_id in one request.
    const QStringList some{*incrementIds.begin(), *std::next(incrementIds.begin(), 5), *incrementIds.rbegin()};
    ResultWaiter<MagentoOrderPage> byIncrement;
    client.fetchOrdersByIncrementIds(some, this, byIncrement.callback());
    QVERIFY(byIncrement.wait());
    QVERIFY2(byIncrement.result->has_value(), qPrintable(describe(*byIncrement.result)));
    QCOMPARE(byIncrement.result->value().orders.size(), 3);
}

void TestMagentoClientSandbox::inputLimits_data()
{
    QTest::addColumn<bool>("limits");
    QTest::newRow("stock 2.4.8 (no input limits)") << false;
    QTest::newRow("--magento-input-limits") << true;
}

// With Magento's Web API input limits a pageSize above 300 is refused and a search without one answers 20;
// the client's list reads send 300 and page to the end either way.
void TestMagentoClientSandbox::inputLimits()
{
    QFETCH(bool, limits);
    constexpr int orders = 700;
    SandboxProcess sandbox;
    QStringList args{u"--orders"_s, QString::number(orders), u"--seed"_s, u"12"_s};
    if (limits)
        args << u"--magento-input-limits"_s;
    QVERIFY2(sandbox.start(args), qPrintable(sandbox.errorString()));
    const QJsonObject mg = sandbox.magento();
    MagentoClient client(&m_network, connectionOf(mg, MagentoAuthMode::OAuth1), secretsOf(mg), quickRetries());
    const auto search = [&](const MagentoClient::QueryItems &query) {
        ResultWaiter<QJsonValue> reply;
        client.request("GET", u"orders"_s, query, QJsonValue::Undefined, MagentoClient::RetrySafety::Safe, this,
                       reply.callback());
        return reply.wait() ? *reply.result : Result<QJsonValue>(fail(u"test.timeout"_s, u"no answer"_s));
    };
    const Result<QJsonValue> big = search({{u"searchCriteria[pageSize]"_s, u"301"_s}});
    if (limits) {
        QVERIFY(!big.has_value());
        QVERIFY2(big.error().message.contains(u"Maximum SearchCriteria pageSize is 300"_s), qPrintable(describe(big)));
    } else {
        QVERIFY2(big.has_value(), qPrintable(describe(big)));
        QCOMPARE(big->toObject().value(u"items"_s).toArray().size(), 301);
    }
    const Result<QJsonValue> unpaged = search({{u"searchCriteria[sortOrders][0][field]"_s, u"entity_id"_s}});
    QVERIFY2(unpaged.has_value(), qPrintable(describe(unpaged)));
    QCOMPARE(unpaged->toObject().value(u"items"_s).toArray().size(), limits ? 20 : orders);

    // 650 selected orders by increment_id: all of them, 300 ids a request.
    QStringList incrementIds;
    for (int page = 1; page <= 3; ++page) {
        const Result<QJsonValue> part = search({{u"searchCriteria[pageSize]"_s, u"300"_s},
                                                {u"searchCriteria[currentPage]"_s, QString::number(page)},
                                                {u"fields"_s, u"items[increment_id]"_s}});
        QVERIFY2(part.has_value(), qPrintable(describe(part)));
        for (const QJsonValue &item : part->toObject().value(u"items"_s).toArray())
            incrementIds << item.toObject().value(u"increment_id"_s).toString();
    }
    incrementIds = incrementIds.mid(0, 650);
    QCOMPARE(incrementIds.size(), 650);
    const int before = client.requestsSent();
    ResultWaiter<MagentoOrderPage> selected;
    client.fetchOrdersByIncrementIds(incrementIds, this, selected.callback());
    QVERIFY(selected.wait());
    QVERIFY2(selected.result->has_value(), qPrintable(describe(*selected.result)));
    QCOMPARE(selected.result->value().orders.size(), 650);
    QCOMPARE(client.requestsSent() - before, 3);

    // The comment sweep reads every open order's newest history entry, 300 orders a request.
    const Result<QJsonValue> open = search({{u"searchCriteria[filter_groups][0][filters][0][field]"_s, u"state"_s},
                                            {u"searchCriteria[filter_groups][0][filters][0][value]"_s, u"closed,canceled"_s},
                                            {u"searchCriteria[filter_groups][0][filters][0][condition_type]"_s, u"nin"_s},
                                            {u"searchCriteria[pageSize]"_s, u"1"_s}});
    QVERIFY2(open.has_value(), qPrintable(describe(open)));
    const int openOrders = open->toObject().value(u"total_count"_s).toInt();
    QVERIFY(openOrders > 300);
    ResultWaiter<MagentoCommentSweep::Outcome> sweep;
    MagentoCommentSweep::run(&client, this, sweep.callback());
    QVERIFY(sweep.wait());
    QVERIFY2(sweep.result->has_value(), qPrintable(describe(*sweep.result)));
    QCOMPARE(sweep.result->value().newestHistory.size(), openOrders);
    QCOMPARE(sweep.result->value().requests, (openOrders + 299) / 300);
    // With a window (orders.comment_sweep_days) only the open orders changed since then: the generated
    // history lies before 2026, so a window starting now reads none of it in one request.
    ResultWaiter<MagentoCommentSweep::Outcome> windowed;
    MagentoCommentSweep::run(&client, this, windowed.callback(), QDateTime::currentDateTimeUtc().addSecs(-60));
    QVERIFY(windowed.wait());
    QVERIFY2(windowed.result->has_value(), qPrintable(describe(*windowed.result)));
    QCOMPARE(windowed.result->value().requests, 1);
    QVERIFY(windowed.result->value().newestHistory.size() < openOrders);

    // An order invoiced one unit at a time, 25 invoices: all of them are read (more than the default page of 20).
    MagentoSearchCriteria productQuery;
    productQuery.setPageSize(1).setCurrentPage(1);
    ResultWaiter<MagentoRecordPage> products;
    client.fetchProducts(productQuery, this, products.callback());
    QVERIFY(products.wait());
    QVERIFY2(products.result->has_value(), qPrintable(describe(*products.result)));
    MagentoGuestCheckout checkout;
    checkout.lines = {{products.result->value().items.first().value(u"sku"_s).toString(), 25}};
    checkout.email = u"many.invoices@example.com"_s;
    checkout.shippingAddress = {u"Ivo"_s, u"Voice"_s, {u"1 Ledger Row"_s}, u"Purchase"_s, u"10577"_s, u"US"_s,
                                u"NY"_s, u"New York"_s, u"512-555-2222"_s, checkout.email};
    checkout.billingAddress = checkout.shippingAddress;
    ResultWaiter<qint64> placed;
    client.placeGuestOrder(checkout, this, placed.callback());
    QVERIFY(placed.wait());
    QVERIFY2(placed.result->has_value(), qPrintable(describe(*placed.result)));
    ResultWaiter<MagentoOrder> order;
    client.fetchOrder(placed.result->value(), this, order.callback());
    QVERIFY(order.wait());
    QVERIFY2(order.result->has_value(), qPrintable(describe(*order.result)));
    const qint64 itemId = order.result->value().json.value(u"items"_s).toArray().first().toObject().value(u"item_id"_s).toInteger();
    for (int i = 0; i < 25; ++i) {
        MagentoInvoiceRequest one;
        one.items = {{itemId, 1}};
        ResultWaiter<qint64> invoice;
        client.createInvoice(placed.result->value(), one, this, invoice.callback());
        QVERIFY(invoice.wait());
        QVERIFY2(invoice.result->has_value(), qPrintable(describe(*invoice.result)));
    }
    ResultWaiter<MagentoRecordPage> invoices;
    client.fetchInvoices(placed.result->value(), this, invoices.callback());
    QVERIFY(invoices.wait());
    QVERIFY2(invoices.result->has_value(), qPrintable(describe(*invoices.result)));
    QCOMPARE(invoices.result->value().items.size(), 25);
}

void TestMagentoClientSandbox::unknownOrderIsNotFound()
{
    MagentoClient client(&m_network, connectionOf(m_magento, MagentoAuthMode::OAuth1), secretsOf(m_magento),
                         quickRetries());
    ResultWaiter<MagentoOrder> w;
    client.fetchOrder(999999, this, w.callback());
    QVERIFY(w.wait());
    QVERIFY(!w.result->has_value());
    QCOMPARE(w.result->error().code, u"magento.not_found"_s);
    QVERIFY(w.result->error().message.contains(u"(HTTP 404)"_s));
    QCOMPARE(client.requestsSent(), 1);
}

void TestMagentoClientSandbox::orderLifecycleAndChangeFeed()
{
    MagentoClient client(&m_network, connectionOf(m_magento, MagentoAuthMode::OAuth1), secretsOf(m_magento),
                         quickRetries());
    MagentoChangeFeed feed(&client, {10, 5});

    auto pollAll = [&](std::set<qint64> *out, QList<MagentoOrderKey> *keys) {
        ResultWaiter<MagentoChangeFeed::PollSummary> done;
        feed.poll(
            this,
            [&](const QList<MagentoOrder> &orders) {
                QList<MagentoOrderKey> page;
                for (const MagentoOrder &o : orders) {
                    QVERIFY2(out->insert(o.entityId).second, "an order version came twice in one poll");
                    page.append(o.key());
                }
                keys->append(page);
                feed.confirm(page);
            },
            done.callback());
        QVERIFY(done.wait());
        QVERIFY2(done.result->has_value(), qPrintable(describe(*done.result)));
        QVERIFY(!done.result->value().stalled);
        QVERIFY(done.result->value().rejected.isEmpty());
    };

    // First poll: the whole store.
    std::set<qint64> first;
    QList<MagentoOrderKey> firstKeys;
    pollAll(&first, &firstKeys);
    QVERIFY(qsizetype(first.size()) >= kOrders);
    QVERIFY(feed.highWater().isValid());

    // A quiet store: nothing new, even though the window overlaps the last seconds.
    std::set<qint64> quiet;
    QList<MagentoOrderKey> quietKeys;
    pollAll(&quiet, &quietKeys);
    QCOMPARE(quiet.size(), size_t(0));

    // Storefront checkout, then the back office works the order.
    MagentoSearchCriteria productQuery;
    productQuery.setPageSize(2).setCurrentPage(1);
    ResultWaiter<MagentoRecordPage> products;
    client.fetchProducts(productQuery, this, products.callback());
    QVERIFY(products.wait());
    QVERIFY2(products.result->has_value(), qPrintable(describe(*products.result)));
    QVERIFY(!products.result->value().items.isEmpty());
    const QString sku = products.result->value().items.first().value(u"sku"_s).toString();

    MagentoGuestCheckout checkout;
    checkout.lines = {{sku, 2}};
    checkout.email = u"guest.buyer+test@example.com"_s;
    checkout.shippingAddress = {u"Jane"_s, u"Doe"_s, {u"123 Oak Ave"_s}, u"Purchase"_s, u"10577"_s, u"US"_s,
                                u"NY"_s, u"New York"_s, u"512-555-1111"_s, checkout.email};
    checkout.billingAddress = checkout.shippingAddress;
    ResultWaiter<qint64> placed;
    client.placeGuestOrder(checkout, this, placed.callback());
    QVERIFY(placed.wait());
    QVERIFY2(placed.result->has_value(), qPrintable(describe(*placed.result)));
    const qint64 orderId = placed.result->value();

    ResultWaiter<MagentoOrder> order;
    client.fetchOrder(orderId, this, order.callback());
    QVERIFY(order.wait());
    QVERIFY2(order.result->has_value(), qPrintable(describe(*order.result)));
    QCOMPARE(order.result->value().json.value(u"customer_email"_s).toString(), checkout.email);
    QCOMPARE(order.result->value().json.value(u"customer_is_guest"_s).toInt(), 1);

    ResultWaiter<bool> comment;
    client.addComment(orderId, MagentoNewComment{u"Leave at the back door, please & thanks"_s, {}, false, true}, this,
                      comment.callback());
    QVERIFY(comment.wait());
    QVERIFY2(comment.result->has_value(), qPrintable(describe(*comment.result)));
    ResultWaiter<QList<MagentoComment>> comments;
    client.fetchComments(orderId, this, comments.callback());
    QVERIFY(comments.wait());
    QVERIFY2(comments.result->has_value(), qPrintable(describe(*comments.result)));
    bool found = false;
    for (const MagentoComment &c : comments.result->value())
        found = found || c.comment == "Leave at the back door, please & thanks"_L1;
    QVERIFY(found);

    ResultWaiter<qint64> invoice;
    client.createInvoice(orderId, {}, this, invoice.callback());
    QVERIFY(invoice.wait());
    QVERIFY2(invoice.result->has_value(), qPrintable(describe(*invoice.result)));
    ResultWaiter<MagentoRecordPage> invoices;
    client.fetchInvoices(orderId, this, invoices.callback());
    QVERIFY(invoices.wait());
    QVERIFY2(invoices.result->has_value(), qPrintable(describe(*invoices.result)));
    QCOMPARE(invoices.result->value().totalCount, 1);
    QCOMPARE(invoices.result->value().items.first().value(u"entity_id"_s).toInteger(), invoice.result->value());

    // Invoicing twice is refused with Magento's validation error, not retried.
    ResultWaiter<qint64> again;
    client.createInvoice(orderId, {}, this, again.callback());
    QVERIFY(again.wait());
    QVERIFY(!again.result->has_value());
    QCOMPARE(again.result->error().code, u"magento.validation"_s);

    ResultWaiter<qint64> ship;
    client.createShipment(orderId, {}, this, ship.callback());
    QVERIFY(ship.wait());
    QVERIFY2(ship.result->has_value(), qPrintable(describe(*ship.result)));
    ResultWaiter<MagentoRecordPage> shipments;
    client.fetchShipments(orderId, this, shipments.callback());
    QVERIFY(shipments.wait());
    QVERIFY2(shipments.result->has_value(), qPrintable(describe(*shipments.result)));
    QCOMPARE(shipments.result->value().totalCount, 1);

    // Hold / unhold / cancel another order.
    const qint64 other = *first.begin();
    ResultWaiter<bool> hold, unhold, cancel;
    client.holdOrder(other, this, hold.callback());
    QVERIFY(hold.wait());
    QVERIFY2(hold.result->has_value(), qPrintable(describe(*hold.result)));
    client.unholdOrder(other, this, unhold.callback());
    QVERIFY(unhold.wait());
    QVERIFY2(unhold.result->has_value(), qPrintable(describe(*unhold.result)));
    client.cancelOrder(other, this, cancel.callback());
    QVERIFY(cancel.wait());
    QVERIFY2(cancel.result->has_value() || cancel.result->error().code == "magento.validation"_L1,
             qPrintable(describe(*cancel.result)));

    // The change feed hands over exactly the orders that changed: the new one and the one held/cancelled.
    std::set<qint64> changed;
    QList<MagentoOrderKey> changedKeys;
    pollAll(&changed, &changedKeys);
    QVERIFY2(changed.count(orderId), "the new order is missing from the change feed");
    QVERIFY2(changed.count(other), "the held order is missing from the change feed");
    QCOMPARE(changed.size(), size_t(2));
}

void TestMagentoClientSandbox::faultInjectionConverges_data()
{
    QTest::addColumn<int>("seed");
    QTest::newRow("seed 3") << 3;
    QTest::newRow("seed 8") << 8;
    QTest::newRow("seed 21") << 21;
}

void TestMagentoClientSandbox::faultInjectionConverges()
{
    QFETCH(int, seed);
    const int orders = 150;
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--orders"_s, QString::number(orders), u"--seed"_s, QString::number(seed),
                            u"--fault-rate"_s, u"0.2"_s}),
             qPrintable(sandbox.errorString()));
    MagentoConnection c = connectionOf(sandbox.magento(), MagentoAuthMode::OAuth1);
    c.timeoutMs = 1500; // stalled replies give up quickly
    MagentoRetryPolicy policy = quickRetries();
    policy.maxAttempts = 2; // low on purpose: some polls fail and the next one must resume from the mark
    MagentoClient client(&m_network, c, secretsOf(sandbox.magento()), policy);
    MagentoChangeFeed feed(&client, {7, 5});

    std::set<qint64> seen;
    int failedPolls = 0;
    int polls = 0;
    for (; polls < 60 && qsizetype(seen.size()) < orders; ++polls) {
        ResultWaiter<MagentoChangeFeed::PollSummary> done;
        feed.poll(
            this,
            [&](const QList<MagentoOrder> &batch) {
                QList<MagentoOrderKey> keys;
                for (const MagentoOrder &o : batch) {
                    seen.insert(o.entityId);
                    keys.append(o.key());
                }
                feed.confirm(keys);
            },
            done.callback());
        QVERIFY(done.wait(120000));
        if (!done.result->has_value())
            ++failedPolls;
    }
    QCOMPARE(qsizetype(seen.size()), qsizetype(orders));
    qInfo("converged after %d polls (%d failed), %d HTTP requests", polls, failedPolls, client.requestsSent());

    // And nothing more arrives once converged (the next poll may still fail under faults: retry until one succeeds).
    for (int i = 0; i < 10; ++i) {
        int extra = 0;
        ResultWaiter<MagentoChangeFeed::PollSummary> done;
        feed.poll(this, [&](const QList<MagentoOrder> &batch) { extra += int(batch.size()); }, done.callback());
        QVERIFY(done.wait(120000));
        QCOMPARE(extra, 0);
        if (done.result->has_value())
            break;
    }
}

QTEST_GUILESS_MAIN(TestMagentoClientSandbox)
#include "tst_magentoclient_sandbox.moc"
