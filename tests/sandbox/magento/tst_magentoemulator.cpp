// Integration tests of the Magento emulator in orderbridge-sandbox: real HTTP on loopback, every body
// checked against Adobe's official OpenAPI definitions with valijson.
#include "magentohttp.h"
#include "oauthtestsigner.h"
#include "sandboxprocess.h"
#include "schemavalidator.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {

using Predicate = std::function<bool(const QJsonObject &)>;

QString sc(const QString &s)
{
    return QString::fromUtf8(QUrl::toPercentEncoding(s, "[]"));
}

QString filterQuery(int group, int index, const QString &field, const QString &value, const QString &condition,
                    bool camel = false)
{
    const QString fg = camel ? u"filterGroups"_s : u"filter_groups"_s;
    const QString ct = camel ? u"conditionType"_s : u"condition_type"_s;
    const QString p = u"searchCriteria[%1][%2][filters][%3]"_s.arg(fg).arg(group).arg(index);
    return sc(p + u"[field]"_s) + u'=' + sc(field) + u'&' + sc(p + u"[value]"_s) + u'=' + sc(value) + u'&'
           + sc(p + u"[" + ct + u"]") + u'=' + sc(condition);
}

} // namespace

class tst_MagentoEmulator : public QObject
{
    Q_OBJECT

private:
    MagentoHttp::Reply admin(const QByteArray &method, const QString &path, const QJsonValue &body = {})
    {
        MagentoHttp http(m_sandbox.magentoBaseUrl());
        http.setOAuth(m_info); // what a stock 2.4.8 store accepts
        if (method == "GET")
            return http.get(path);
        if (method == "POST")
            return http.post(path, body);
        return http.send(method, path, {});
    }
    MagentoHttp::Reply anonymous(const QByteArray &method, const QString &path, const QJsonValue &body = {})
    {
        MagentoHttp http(m_sandbox.magentoBaseUrl());
        return method == "POST" ? http.post(path, body) : http.send(method, path, {});
    }
    void expectValid(const MagentoHttp::Reply &reply, const QString &definition)
    {
        const QStringList errors = m_schema.validate(reply.json, definition);
        QVERIFY2(errors.isEmpty(), qPrintable(definition + u": "_s + errors.join(u"; "_s) + u"\nbody: "_s
                                              + QString::fromUtf8(reply.body.left(600))));
    }
    void expectError(const MagentoHttp::Reply &reply, int status, const QString &message)
    {
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.json.toObject().value(u"message"_s).toString(), message);
        expectValid(reply, u"error-response"_s);
    }
    QJsonObject order(int id)
    {
        return admin("GET", u"/rest/V1/orders/%1"_s.arg(id)).json.toObject();
    }
    QJsonArray allOrders()
    {
        return admin("GET", u"/rest/V1/orders?searchCriteria[pageSize]=1000"_s).json.toObject().value(u"items"_s).toArray();
    }
    int placeGuestOrder(const QString &carrier = u"flatrate"_s, const QString &payment = u"checkmo"_s)
    {
        const auto cart = anonymous("POST", u"/rest/V1/guest-carts"_s);
        const QString cartId = cart.json.toString();
        anonymous("POST", u"/rest/V1/guest-carts/%1/items"_s.arg(cartId),
                  QJsonObject{{u"cartItem"_s, QJsonObject{{u"sku"_s, u"MB-1001"_s}, {u"qty"_s, 2}, {u"quote_id"_s, cartId}}}});
        anonymous("POST", u"/rest/V1/guest-carts/%1/items"_s.arg(cartId),
                  QJsonObject{{u"cartItem"_s, QJsonObject{{u"sku"_s, u"MG-2001"_s}, {u"qty"_s, 1}, {u"quote_id"_s, cartId}}}});
        anonymous("POST", u"/rest/V1/guest-carts/%1/shipping-information"_s.arg(cartId),
                  QJsonObject{{u"addressInformation"_s, QJsonObject{{u"shipping_address"_s, m_address},
                                                                     {u"billing_address"_s, m_address},
                                                                     {u"shipping_carrier_code"_s, carrier},
                                                                     {u"shipping_method_code"_s, carrier}}}});
        const auto placed = anonymous("POST", u"/rest/V1/guest-carts/%1/payment-information"_s.arg(cartId),
                                      QJsonObject{{u"email"_s, u"zoe@example.com"_s},
                                                  {u"paymentMethod"_s, QJsonObject{{u"method"_s, payment}}}});
        return placed.json.toInt();
    }

    SandboxProcess m_sandbox;
    SchemaValidator m_schema;
    QJsonObject m_info;
    QJsonObject m_address{{u"firstname"_s, u"Zoë"_s}, {u"lastname"_s, u"Ødegaard"_s}, {u"street"_s, QJsonArray{u"500 Congress Ave"_s}},
                          {u"city"_s, u"Austin"_s}, {u"postcode"_s, u"78701"_s}, {u"country_id"_s, u"US"_s},
                          {u"region"_s, u"Texas"_s}, {u"region_id"_s, 57}, {u"region_code"_s, u"TX"_s},
                          {u"telephone"_s, u"512-555-0100"_s}, {u"email"_s, u"zoe@example.com"_s}};

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_schema.load(SchemaValidator::defaultDocumentPath()), qPrintable(m_schema.errorString()));
        QVERIFY2(m_sandbox.start({u"--seed"_s, u"42"_s, u"--orders"_s, u"300"_s}), qPrintable(m_sandbox.errorString()));
        m_info = m_sandbox.magento();
        for (const char *key : {"base_url", "admin_username", "admin_password", "integration_token", "consumer_key",
                                "consumer_secret", "access_token", "access_token_secret"})
            QVERIFY2(!m_info.value(QLatin1String(key)).toString().isEmpty(), key);
    }

    void validatorRejectsInvalidBodies()
    {
        // The validator must be able to say no, or every check below proves nothing.
        QJsonObject o = order(1);
        QVERIFY(m_schema.validate(o, u"sales-data-order-interface"_s).isEmpty());
        QJsonObject missing = o;
        missing.remove(u"customer_email"_s);
        QVERIFY(!m_schema.validate(missing, u"sales-data-order-interface"_s).isEmpty());
        QJsonObject wrongType = o;
        wrongType.insert(u"grand_total"_s, u"12.00"_s);
        QVERIFY(!m_schema.validate(wrongType, u"sales-data-order-interface"_s).isEmpty());
        QVERIFY(!m_schema.validate(QJsonObject{{u"parameters"_s, QJsonArray{}}}, u"error-response"_s).isEmpty());
    }

    void adminTokenRefusedByTwoFactorAuth()
    {
        // Stock 2.4: Magento_TwoFactorAuth checks the credentials, then refuses with HTTP 400 and the providers.
        const auto refused = anonymous("POST", u"/rest/V1/integration/admin/token"_s,
                                       QJsonObject{{u"username"_s, m_info.value(u"admin_username"_s)},
                                                   {u"password"_s, m_info.value(u"admin_password"_s)}});
        expectError(refused, 400, u"Please use the 2fa provider-specific endpoints to obtain a token."_s);
        QCOMPARE(refused.json.toObject().value(u"parameters"_s).toObject().value(u"active_providers"_s).toArray(),
                 QJsonArray{u"google"_s});

        const auto wrong = anonymous("POST", u"/rest/V1/integration/admin/token"_s,
                                     QJsonObject{{u"username"_s, u"admin"_s}, {u"password"_s, u"wrong"_s}});
        expectError(wrong, 401, u"The account sign-in was incorrect or your account is disabled temporarily. "
                                "Please wait and try again later."_s);
        const auto missing = anonymous("POST", u"/rest/V1/integration/admin/token"_s, QJsonObject{{u"username"_s, u"admin"_s}});
        expectError(missing, 400, u"\"%fieldName\" is required. Enter and try again."_s);
        QCOMPARE(missing.json.toObject().value(u"parameters"_s).toObject().value(u"fieldName"_s).toString(), u"password"_s);
    }

    void integrationTokenAsBearerRunsAsGuest()
    {
        // Stock 2.4.4+: "Allow OAuth Access Tokens to be used as standalone Bearer tokens" = No.
        MagentoHttp http(m_sandbox.magentoBaseUrl());
        http.setBearer(m_info.value(u"integration_token"_s).toString());
        const auto r = http.get(u"/rest/V1/orders/1"_s);
        expectError(r, 401, u"The consumer isn't authorized to access %resources."_s);
        QCOMPARE(r.json.toObject().value(u"parameters"_s).toObject().value(u"resources"_s).toString(),
                 u"Magento_Sales::actions_view"_s);
    }

    void switchesAllowAdminTokenAndBearer()
    {
        SandboxProcess opened;
        QVERIFY2(opened.start({u"--orders"_s, u"5"_s, u"--magento-2fa"_s, u"off"_s, u"--magento-bearer"_s, u"on"_s}),
                 qPrintable(opened.errorString()));
        const QJsonObject info = opened.magento();
        MagentoHttp anon(opened.magentoBaseUrl());
        const auto ok = anon.post(u"/rest/V1/integration/admin/token"_s,
                                  QJsonObject{{u"username"_s, info.value(u"admin_username"_s)},
                                              {u"password"_s, info.value(u"admin_password"_s)}});
        QCOMPARE(ok.status, 200);
        QVERIFY2(ok.body.startsWith('"') && ok.body.endsWith('"'), ok.body.constData()); // a quoted JSON string
        MagentoHttp adminHttp(opened.magentoBaseUrl());
        adminHttp.setBearer(ok.json.toString());
        QCOMPARE(adminHttp.get(u"/rest/V1/orders/1"_s).status, 200);
        MagentoHttp integration(opened.magentoBaseUrl());
        integration.setBearer(info.value(u"integration_token"_s).toString());
        QCOMPARE(integration.get(u"/rest/V1/orders/1"_s).status, 200);
        QCOMPARE(opened.stop(), 0);

        // Each switch alone.
        SandboxProcess noTwoFactor;
        QVERIFY(noTwoFactor.start({u"--orders"_s, u"5"_s, u"--magento-2fa"_s, u"off"_s}));
        MagentoHttp bearer(noTwoFactor.magentoBaseUrl());
        bearer.setBearer(noTwoFactor.magento().value(u"integration_token"_s).toString());
        QCOMPARE(bearer.get(u"/rest/V1/orders/1"_s).status, 401);
        QCOMPARE(bearer.post(u"/rest/V1/integration/admin/token"_s,
                             QJsonObject{{u"username"_s, noTwoFactor.magento().value(u"admin_username"_s)},
                                         {u"password"_s, noTwoFactor.magento().value(u"admin_password"_s)}}).status, 200);
        QCOMPARE(noTwoFactor.stop(), 0);
        SandboxProcess bearerOnly;
        QVERIFY(bearerOnly.start({u"--orders"_s, u"5"_s, u"--magento-bearer"_s, u"on"_s}));
        MagentoHttp b2(bearerOnly.magentoBaseUrl());
        b2.setBearer(bearerOnly.magento().value(u"integration_token"_s).toString());
        QCOMPARE(b2.get(u"/rest/V1/orders/1"_s).status, 200);
        QCOMPARE(b2.post(u"/rest/V1/integration/admin/token"_s,
                         QJsonObject{{u"username"_s, bearerOnly.magento().value(u"admin_username"_s)},
                                     {u"password"_s, bearerOnly.magento().value(u"admin_password"_s)}}).status, 400);
        QCOMPARE(bearerOnly.stop(), 0);

        SandboxProcess wrongValue;
        QVERIFY(!wrongValue.start({u"--magento-2fa"_s, u"maybe"_s}));
    }

    void unauthorized_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("orders, no token") << QByteArray("GET") << u"/rest/V1/orders?searchCriteria[pageSize]=1"_s
                                          << u"Magento_Sales::actions_view"_s << QByteArray();
        QTest::newRow("order, bad bearer") << QByteArray("GET") << u"/rest/V1/orders/1"_s << u"Magento_Sales::actions_view"_s
                                           << QByteArray("Bearer nope");
        QTest::newRow("invoice") << QByteArray("POST") << u"/rest/V1/order/1/invoice"_s << u"Magento_Sales::sales_invoice"_s
                                 << QByteArray();
        QTest::newRow("ship") << QByteArray("POST") << u"/rest/V1/order/1/ship"_s << u"Magento_Sales::ship"_s << QByteArray();
        QTest::newRow("cancel") << QByteArray("POST") << u"/rest/V1/orders/1/cancel"_s << u"Magento_Sales::cancel"_s
                                << QByteArray();
        QTest::newRow("comments") << QByteArray("POST") << u"/rest/V1/orders/1/comments"_s << u"Magento_Sales::comment"_s
                                  << QByteArray();
        QTest::newRow("products") << QByteArray("GET") << u"/rest/V1/products/MB-1001"_s << u"Magento_Catalog::products"_s
                                  << QByteArray();
    }
    void unauthorized()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, resource);
        QFETCH(QByteArray, authorization);
        MagentoHttp http(m_sandbox.magentoBaseUrl());
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!authorization.isEmpty())
            headers.append({"Authorization", authorization});
        const auto r = http.send(method, path, method == "POST" ? QByteArray("{}") : QByteArray(), headers);
        expectError(r, 401, u"The consumer isn't authorized to access %resources."_s);
        QCOMPARE(r.json.toObject().value(u"parameters"_s).toObject().value(u"resources"_s).toString(), resource);
    }

    void oauthSigned_data()
    {
        QTest::addColumn<bool>("sha1");
        QTest::addColumn<QString>("path");
        QTest::newRow("HMAC-SHA256, order") << false << u"/rest/V1/orders/2"_s;
        QTest::newRow("HMAC-SHA1, order") << true << u"/rest/V1/orders/2"_s;
        QTest::newRow("HMAC-SHA256, query in base string")
            << false << u"/rest/V1/orders?"_s + filterQuery(0, 0, u"state"_s, u"new"_s, u"eq"_s) + u"&searchCriteria[pageSize]=2"_s;
        QTest::newRow("HMAC-SHA256, store code and spaces")
            << false << u"/rest/default/V1/orders?"_s + filterQuery(0, 0, u"created_at"_s, u"2020-01-01 00:00:00"_s, u"gt"_s)
                           + u"&searchCriteria[pageSize]=1"_s;
        QTest::newRow("HMAC-SHA1, store code and spaces")
            << true << u"/rest/default/V1/orders?"_s + filterQuery(0, 0, u"created_at"_s, u"2020-01-01 00:00:00"_s, u"gt"_s)
                           + u"&searchCriteria[pageSize]=1"_s;
    }
    void oauthSigned()
    {
        QFETCH(bool, sha1);
        QFETCH(QString, path);
        const QUrl url = QUrl::fromEncoded((m_sandbox.magentoBaseUrl() + path).toUtf8());
        static int nonce = 0;
        const QByteArray header = OAuthTestSigner::authorization(
            "GET", url, m_info.value(u"consumer_key"_s).toString().toUtf8(), m_info.value(u"consumer_secret"_s).toString().toUtf8(),
            m_info.value(u"access_token"_s).toString().toUtf8(), m_info.value(u"access_token_secret"_s).toString().toUtf8(),
            "n" + QByteArray::number(++nonce) + QByteArray::number(QDateTime::currentMSecsSinceEpoch()),
            QDateTime::currentSecsSinceEpoch(), sha1);
        MagentoHttp http(m_sandbox.magentoBaseUrl());
        const auto r = http.get(path, {{"Authorization", header}});
        if (!sha1) {
            QVERIFY2(r.status == 200, r.body.constData());
            return;
        }
        // Current Magento supports HMAC-SHA256 alone, a correct SHA-1 signature included.
        expectError(r, 400, u"Signature method %1 is not supported"_s);
        QCOMPARE(r.json.toObject().value(u"parameters"_s).toArray(), QJsonArray{u"HMAC-SHA1"_s});
    }

    void oauthRejected()
    {
        const QString path = u"/rest/V1/orders/3"_s;
        const QUrl url = QUrl::fromEncoded((m_sandbox.magentoBaseUrl() + path).toUtf8());
        const QByteArray ck = m_info.value(u"consumer_key"_s).toString().toUtf8();
        const QByteArray cs = m_info.value(u"consumer_secret"_s).toString().toUtf8();
        const QByteArray at = m_info.value(u"access_token"_s).toString().toUtf8();
        const QByteArray ts = m_info.value(u"access_token_secret"_s).toString().toUtf8();
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        MagentoHttp http(m_sandbox.magentoBaseUrl());

        const QByteArray good = OAuthTestSigner::authorization("GET", url, ck, cs, at, ts, "replay-me", now, false);
        QCOMPARE(http.get(path, {{"Authorization", good}}).status, 200);
        expectError(http.get(path, {{"Authorization", good}}), 401,
                    u"The nonce is already being used by the consumer with ID %1"_s);

        const QByteArray badSecret = OAuthTestSigner::authorization("GET", url, ck, "wrong", at, ts, "bad-secret", now, false);
        expectError(http.get(path, {{"Authorization", badSecret}}), 401, u"The signature is invalid. Verify and try again."_s);

        // Signed for another query string: the query is part of the base string.
        const QUrl other = QUrl::fromEncoded((m_sandbox.magentoBaseUrl() + path + u"?x=1"_s).toUtf8());
        const QByteArray otherQuery = OAuthTestSigner::authorization("GET", other, ck, cs, at, ts, "other-query", now, false);
        expectError(http.get(path + u"?x=2"_s, {{"Authorization", otherQuery}}), 401,
                    u"The signature is invalid. Verify and try again."_s);

        const QByteArray unknownKey = OAuthTestSigner::authorization("GET", url, "nobody", cs, at, ts, "k1", now, false);
        QCOMPARE(http.get(path, {{"Authorization", unknownKey}}).status, 401);

        const QByteArray future = OAuthTestSigner::authorization("GET", url, ck, cs, at, ts, "future", now + 3600, false);
        expectError(http.get(path, {{"Authorization", future}}), 401,
                    u"Incorrect timestamp value in the oauth_timestamp parameter"_s);

        QByteArray plaintext = good;
        plaintext.replace("HMAC-SHA256", "PLAINTEXT");
        plaintext.replace("replay-me", "plain");
        expectError(http.get(path, {{"Authorization", plaintext}}), 400, u"Signature method %1 is not supported"_s);
    }

    void orderShapes()
    {
        QSet<QString> states;
        bool configurable = false, bundle = false, guest = false, registered = false, discount = false,
             zeroTotal = false, nonAscii = false, histories = false;
        const QJsonArray orders = allOrders();
        QCOMPARE(orders.size(), 300);
        for (int id : {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}) {
            const auto r = admin("GET", u"/rest/V1/orders/%1"_s.arg(id));
            QCOMPARE(r.status, 200);
            expectValid(r, u"sales-data-order-interface"_s);
        }
        for (const auto &v : orders) {
            const QJsonObject o = v.toObject();
            states.insert(o.value(u"state"_s).toString());
            guest = guest || (o.value(u"customer_is_guest"_s).toInt() == 1 && !o.contains(u"customer_id"_s));
            registered = registered || o.value(u"customer_id"_s).toInt() > 0;
            discount = discount || o.value(u"discount_amount"_s).toDouble() < 0;
            zeroTotal = zeroTotal || (o.value(u"grand_total"_s).toDouble() == 0 && o.value(u"subtotal"_s).toDouble() > 0);
            histories = histories || !o.value(u"status_histories"_s).toArray().isEmpty();
            const QString names = o.value(u"customer_firstname"_s).toString() + o.value(u"customer_lastname"_s).toString();
            for (const QChar c : names)
                nonAscii = nonAscii || c.unicode() > 127;
            const QJsonArray items = o.value(u"items"_s).toArray();
            QHash<int, QJsonObject> byId;
            for (const auto &i : items)
                byId.insert(i.toObject().value(u"item_id"_s).toInt(), i.toObject());
            double subtotal = 0;
            for (const auto &i : items) {
                const QJsonObject it = i.toObject();
                const int parent = it.value(u"parent_item_id"_s).toInt();
                const QString parentType = byId.value(parent).value(u"product_type"_s).toString();
                if (parent != 0) {
                    QVERIFY(byId.contains(parent));
                    QCOMPARE(it.value(u"parent_item"_s).toObject().value(u"item_id"_s).toInt(), parent);
                }
                if (parentType == u"configurable"_s) {
                    configurable = true;
                    QCOMPARE(it.value(u"price"_s).toDouble(), 0.0); // the parent carries the price
                    QVERIFY(byId.value(parent).value(u"price"_s).toDouble() > 0);
                    QCOMPARE(byId.value(parent).value(u"sku"_s).toString(), it.value(u"sku"_s).toString());
                }
                if (parentType == u"bundle"_s)
                    bundle = true;
                if (it.value(u"product_type"_s).toString() != u"bundle"_s && parentType != u"configurable"_s)
                    subtotal += it.value(u"row_total"_s).toDouble();
            }
            QVERIFY2(qAbs(subtotal - o.value(u"subtotal"_s).toDouble()) < 0.011, qPrintable(o.value(u"increment_id"_s).toString()));
            const double grand = o.value(u"subtotal"_s).toDouble() + o.value(u"discount_amount"_s).toDouble()
                                 + o.value(u"shipping_amount"_s).toDouble() + o.value(u"tax_amount"_s).toDouble();
            QVERIFY(qAbs(grand - o.value(u"grand_total"_s).toDouble()) < 0.011);
            QVERIFY(qAbs(o.value(u"total_due"_s).toDouble()
                         - qMax(0.0, o.value(u"grand_total"_s).toDouble() - o.value(u"total_paid"_s).toDouble())) < 0.011);
            QVERIFY(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$"_s)
                        .match(o.value(u"updated_at"_s).toString()).hasMatch());
        }
        const QSet<QString> all{u"new"_s, u"pending_payment"_s, u"processing"_s, u"complete"_s, u"closed"_s,
                                u"canceled"_s, u"holded"_s, u"payment_review"_s};
        QCOMPARE(states, all);
        QVERIFY(configurable);
        QVERIFY(bundle);
        QVERIFY(guest);
        QVERIFY(registered);
        QVERIFY(discount);
        QVERIFY(zeroTotal);
        QVERIFY(nonAscii);
        QVERIFY(histories);
        QCOMPARE(order(1).value(u"status"_s).toString(), u"pending"_s);
        QCOMPARE(order(7).value(u"status"_s).toString(), u"holded"_s);
    }

    void routesAndErrors()
    {
        expectError(admin("GET", u"/rest/V1/orders/999999"_s), 404,
                    u"The entity that was requested doesn't exist. Verify the entity and try again."_s);
        expectError(admin("GET", u"/rest/V1/no/such/route"_s), 404, u"Request does not match any route."_s);
        expectError(admin("DELETE", u"/rest/V1/orders/1"_s), 404, u"Request does not match any route."_s);
        QCOMPARE(admin("PATCH", u"/rest/V1/orders/1"_s).status, 405);
        expectValid(admin("PATCH", u"/rest/V1/orders/1"_s), u"error-response"_s);
        expectError(admin("GET", u"/rest/V1/orders/abc"_s), 400,
                    u"The \"%value\" value's type is invalid. The \"%type\" type was expected. Verify and try again."_s);
        expectError(admin("GET", u"/rest/V1/orders"_s), 400, u"\"%fieldName\" is required. Enter and try again."_s);
        QCOMPARE(admin("GET", u"/rest/V1/orders"_s).json.toObject().value(u"parameters"_s).toObject()
                     .value(u"fieldName"_s).toString(), u"searchCriteria"_s);
        for (const QString &prefix : {u"/rest/default/V1"_s, u"/rest/all/V1"_s, u"/rest/V1"_s}) {
            const auto r = admin("GET", prefix + u"/orders/5"_s);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json.toObject().value(u"entity_id"_s).toInt(), 5);
        }
        const auto masked = admin("GET", u"/rest/V1/orders?"_s + filterQuery(0, 0, u"no_such_column"_s, u"1"_s, u"eq"_s));
        QCOMPARE(masked.status, 500);
        expectValid(masked, u"error-response"_s);
        QVERIFY2(QRegularExpression(u"^Internal Error\\. Details are available in Magento log file\\. Report ID: webapi-[0-9a-f]+$"_s)
                     .match(masked.json.toObject().value(u"message"_s).toString()).hasMatch(), masked.body.constData());
    }

    void searchCriteria_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<Predicate>("expected");
        QTest::newRow("eq") << filterQuery(0, 0, u"state"_s, u"processing"_s, u"eq"_s)
                            << Predicate([](const QJsonObject &o) { return o.value(u"state"_s).toString() == u"processing"_s; });
        QTest::newRow("default condition is eq")
            << sc(u"searchCriteria[filter_groups][0][filters][0][field]"_s) + u"=status&"_s
                   + sc(u"searchCriteria[filter_groups][0][filters][0][value]"_s) + u"=complete"_s
            << Predicate([](const QJsonObject &o) { return o.value(u"status"_s).toString() == u"complete"_s; });
        QTest::newRow("neq") << filterQuery(0, 0, u"state"_s, u"complete"_s, u"neq"_s)
                             << Predicate([](const QJsonObject &o) { return o.value(u"state"_s).toString() != u"complete"_s; });
        QTest::newRow("gt numeric") << filterQuery(0, 0, u"grand_total"_s, u"100"_s, u"gt"_s)
                                    << Predicate([](const QJsonObject &o) { return o.value(u"grand_total"_s).toDouble() > 100; });
        QTest::newRow("gteq") << filterQuery(0, 0, u"entity_id"_s, u"295"_s, u"gteq"_s)
                              << Predicate([](const QJsonObject &o) { return o.value(u"entity_id"_s).toInt() >= 295; });
        QTest::newRow("lt") << filterQuery(0, 0, u"entity_id"_s, u"4"_s, u"lt"_s)
                            << Predicate([](const QJsonObject &o) { return o.value(u"entity_id"_s).toInt() < 4; });
        QTest::newRow("lteq") << filterQuery(0, 0, u"grand_total"_s, u"0"_s, u"lteq"_s)
                              << Predicate([](const QJsonObject &o) { return o.value(u"grand_total"_s).toDouble() <= 0; });
        QTest::newRow("in") << filterQuery(0, 0, u"increment_id"_s, u"000000002,000000007"_s, u"in"_s)
                            << Predicate([](const QJsonObject &o) {
                                   const int id = o.value(u"entity_id"_s).toInt();
                                   return id == 2 || id == 7;
                               });
        QTest::newRow("nin") << filterQuery(0, 0, u"state"_s, u"new,processing,complete"_s, u"nin"_s)
                             << Predicate([](const QJsonObject &o) {
                                    const QString s = o.value(u"state"_s).toString();
                                    return s != u"new"_s && s != u"processing"_s && s != u"complete"_s;
                                });
        QTest::newRow("like, case-insensitive") << filterQuery(0, 0, u"customer_email"_s, u"GUEST%"_s, u"like"_s)
                                                << Predicate([](const QJsonObject &o) {
                                                       return o.value(u"customer_email"_s).toString().startsWith(u"guest"_s);
                                                   });
        QTest::newRow("null") << filterQuery(0, 0, u"customer_id"_s, u""_s, u"null"_s)
                              << Predicate([](const QJsonObject &o) { return !o.contains(u"customer_id"_s); });
        QTest::newRow("notnull") << filterQuery(0, 0, u"coupon_code"_s, u""_s, u"notnull"_s)
                                 << Predicate([](const QJsonObject &o) { return o.contains(u"coupon_code"_s); });
        QTest::newRow("from/to in two groups")
            << filterQuery(0, 0, u"created_at"_s, u"2025-12-25 00:00:00"_s, u"from"_s) + u'&'
                   + filterQuery(1, 0, u"created_at"_s, u"2025-12-28 00:00:00"_s, u"to"_s)
            << Predicate([](const QJsonObject &o) {
                   const QString c = o.value(u"created_at"_s).toString();
                   return c >= u"2025-12-25 00:00:00"_s && c <= u"2025-12-28 00:00:00"_s;
               });
        QTest::newRow("finset") << filterQuery(0, 0, u"applied_rule_ids"_s, u"1"_s, u"finset"_s)
                                << Predicate([](const QJsonObject &o) { return o.value(u"applied_rule_ids"_s).toString() == u"1"_s; });
        QTest::newRow("OR inside a group")
            << filterQuery(0, 0, u"state"_s, u"holded"_s, u"eq"_s) + u'&' + filterQuery(0, 1, u"state"_s, u"canceled"_s, u"eq"_s)
            << Predicate([](const QJsonObject &o) {
                   const QString s = o.value(u"state"_s).toString();
                   return s == u"holded"_s || s == u"canceled"_s;
               });
        QTest::newRow("AND across groups")
            << filterQuery(0, 0, u"state"_s, u"complete"_s, u"eq"_s) + u'&' + filterQuery(1, 0, u"customer_is_guest"_s, u"1"_s, u"eq"_s)
            << Predicate([](const QJsonObject &o) {
                   return o.value(u"state"_s).toString() == u"complete"_s && o.value(u"customer_is_guest"_s).toInt() == 1;
               });
        QTest::newRow("camelCase keys") << filterQuery(0, 0, u"state"_s, u"new"_s, u"eq"_s, true)
                                        << Predicate([](const QJsonObject &o) { return o.value(u"state"_s).toString() == u"new"_s; });
    }
    void searchCriteria()
    {
        QFETCH(QString, query);
        QFETCH(Predicate, expected);
        QList<int> want;
        for (const auto &v : allOrders()) {
            if (expected(v.toObject()))
                want.append(v.toObject().value(u"entity_id"_s).toInt());
        }
        const auto r = admin("GET", u"/rest/V1/orders?"_s + query + u"&searchCriteria[sortOrders][0][field]=entity_id&"
                                                                  "searchCriteria[sortOrders][0][direction]=ASC"_s);
        QCOMPARE(r.status, 200);
        expectValid(r, u"sales-data-order-search-result-interface"_s);
        QList<int> got;
        for (const auto &v : r.json.toObject().value(u"items"_s).toArray())
            got.append(v.toObject().value(u"entity_id"_s).toInt());
        QVERIFY2(!want.isEmpty(), "the table row selects nothing; it would prove nothing");
        QCOMPARE(got, want);
        QCOMPARE(r.json.toObject().value(u"total_count"_s).toInt(), want.size());
    }

    void searchSortPageAndEcho()
    {
        const QString base = u"/rest/V1/orders?"_s + filterQuery(0, 0, u"state"_s, u"canceled"_s, u"neq"_s);
        // Sort direction defaults to DESC.
        const auto desc = admin("GET", base + u"&searchCriteria[sortOrders][0][field]=grand_total&searchCriteria[pageSize]=5"_s);
        const QJsonArray d = desc.json.toObject().value(u"items"_s).toArray();
        QCOMPARE(d.size(), 5);
        for (qsizetype i = 1; i < d.size(); ++i)
            QVERIFY(d.at(i - 1).toObject().value(u"grand_total"_s).toDouble() >= d.at(i).toObject().value(u"grand_total"_s).toDouble());
        const QJsonObject echo = desc.json.toObject().value(u"search_criteria"_s).toObject();
        QCOMPARE(echo.value(u"page_size"_s).toInt(), 5);
        QCOMPARE(echo.value(u"sort_orders"_s).toArray().at(0).toObject().value(u"direction"_s).toString(), u"DESC"_s);
        QCOMPARE(echo.value(u"filter_groups"_s).toArray().at(0).toObject().value(u"filters"_s).toArray().at(0).toObject()
                     .value(u"condition_type"_s).toString(), u"neq"_s);
        QVERIFY(!echo.contains(u"current_page"_s));

        // Pages with snake_case keys, 1-based; an out-of-range page is empty.
        const QString asc = base + u"&search_criteria[sort_orders][0][field]=entity_id&search_criteria[sort_orders][0][direction]=ASC"
                                   "&searchCriteria[page_size]=10"_s;
        const auto p1 = admin("GET", asc + u"&searchCriteria[current_page]=1"_s).json.toObject();
        const auto p2 = admin("GET", asc + u"&searchCriteria[current_page]=2"_s).json.toObject();
        const auto p0 = admin("GET", asc + u"&searchCriteria[current_page]=0"_s).json.toObject();
        const auto far = admin("GET", asc + u"&searchCriteria[current_page]=999"_s).json.toObject();
        QCOMPARE(p1.value(u"items"_s).toArray().size(), 10);
        QCOMPARE(p0.value(u"items"_s), p1.value(u"items"_s));
        QVERIFY(p2.value(u"items"_s).toArray().at(0).toObject().value(u"entity_id"_s).toInt()
                > p1.value(u"items"_s).toArray().at(9).toObject().value(u"entity_id"_s).toInt());
        QCOMPARE(far.value(u"items"_s).toArray().size(), 0);
        QCOMPARE(far.value(u"total_count"_s).toInt(), p1.value(u"total_count"_s).toInt());
        QCOMPARE(p2.value(u"search_criteria"_s).toObject().value(u"current_page"_s).toInt(), 2);
    }

    void fieldsTrimResponses()
    {
        const auto r = admin("GET", u"/rest/V1/orders?searchCriteria[pageSize]=2&fields="_s
                                        + sc(u"items[entity_id,increment_id,billing_address[city]],total_count"_s));
        QCOMPARE(r.status, 200);
        const QJsonObject body = r.json.toObject();
        QCOMPARE(body.keys(), (QStringList{u"items"_s, u"total_count"_s}));
        const QJsonObject first = body.value(u"items"_s).toArray().at(0).toObject();
        QCOMPARE(first.keys(), (QStringList{u"billing_address"_s, u"entity_id"_s, u"increment_id"_s}));
        QCOMPARE(first.value(u"billing_address"_s).toObject().keys(), QStringList{u"city"_s});
        const auto one = admin("GET", u"/rest/V1/orders/2?fields=entity_id,state"_s);
        QCOMPARE(one.json.toObject().keys(), (QStringList{u"entity_id"_s, u"state"_s}));
    }

    void stateMachine()
    {
        const int id = placeGuestOrder();
        QVERIFY(id > 300);
        QJsonObject o = order(id);
        QCOMPARE(o.value(u"state"_s).toString(), u"new"_s);
        QCOMPARE(o.value(u"status"_s).toString(), u"pending"_s);
        QCOMPARE(o.value(u"customer_is_guest"_s).toInt(), 1);
        QCOMPARE(o.value(u"customer_firstname"_s).toString(), u"Zoë"_s);
        QVERIFY(!o.contains(u"total_paid"_s));
        QCOMPARE(o.value(u"total_due"_s).toDouble(), o.value(u"grand_total"_s).toDouble());
        expectValid(admin("GET", u"/rest/V1/orders/%1"_s.arg(id)), u"sales-data-order-interface"_s);
        const QJsonArray items = o.value(u"items"_s).toArray();
        QCOMPARE(items.size(), 2);
        const int firstItem = items.at(0).toObject().value(u"item_id"_s).toInt();
        const QString placedAt = o.value(u"updated_at"_s).toString();
        const qsizetype historiesBefore = o.value(u"status_histories"_s).toArray().size();

        QTest::qWait(1100); // updated_at has one-second resolution
        // Partial invoice: one of the two units of the first line.
        const auto partial = admin("POST", u"/rest/V1/order/%1/invoice"_s.arg(id),
                                   QJsonObject{{u"capture"_s, true},
                                               {u"items"_s, QJsonArray{QJsonObject{{u"order_item_id"_s, firstItem}, {u"qty"_s, 1}}}}});
        QCOMPARE(partial.status, 200);
        QVERIFY(partial.json.isDouble());
        o = order(id);
        QCOMPARE(o.value(u"state"_s).toString(), u"processing"_s);
        QVERIFY(o.value(u"updated_at"_s).toString() > placedAt);
        QCOMPARE(o.value(u"status_histories"_s).toArray().size(), historiesBefore + 1);
        QVERIFY(o.value(u"total_paid"_s).toDouble() > 0);
        QVERIFY(o.value(u"total_paid"_s).toDouble() < o.value(u"grand_total"_s).toDouble());
        QVERIFY(qAbs(o.value(u"total_due"_s).toDouble()
                     - (o.value(u"grand_total"_s).toDouble() - o.value(u"total_paid"_s).toDouble())) < 0.011);
        QCOMPARE(o.value(u"items"_s).toArray().at(0).toObject().value(u"qty_invoiced"_s).toDouble(), 1.0);

        const auto tooMuch = admin("POST", u"/rest/V1/order/%1/invoice"_s.arg(id),
                                   QJsonObject{{u"items"_s, QJsonArray{QJsonObject{{u"order_item_id"_s, firstItem}, {u"qty"_s, 5}}}}});
        QCOMPARE(tooMuch.status, 400);
        expectValid(tooMuch, u"error-response"_s);
        QVERIFY(tooMuch.json.toObject().value(u"message"_s).toString().startsWith(u"Invoice Document Validation Error(s):\n"_s));

        // Ship before the rest is invoiced: still processing.
        const auto shipped = admin("POST", u"/rest/V1/order/%1/ship"_s.arg(id),
                                   QJsonObject{{u"tracks"_s, QJsonArray{QJsonObject{{u"track_number"_s, u"1Z999"_s},
                                                                                    {u"title"_s, u"United Parcel Service"_s},
                                                                                    {u"carrier_code"_s, u"ups"_s}}}}});
        QCOMPARE(shipped.status, 200);
        QCOMPARE(order(id).value(u"state"_s).toString(), u"processing"_s);
        const auto rest = admin("POST", u"/rest/V1/order/%1/invoice"_s.arg(id), QJsonObject{{u"capture"_s, true}});
        QCOMPARE(rest.status, 200);
        o = order(id);
        QCOMPARE(o.value(u"state"_s).toString(), u"complete"_s);
        QCOMPARE(o.value(u"status"_s).toString(), u"complete"_s);
        QCOMPARE(o.value(u"total_paid"_s).toDouble(), o.value(u"grand_total"_s).toDouble());
        QCOMPARE(o.value(u"total_due"_s).toDouble(), 0.0);
        QCOMPARE(o.value(u"status_histories"_s).toArray().size(), historiesBefore + 3);
        expectValid(admin("GET", u"/rest/V1/orders/%1"_s.arg(id)), u"sales-data-order-interface"_s);

        expectError(admin("POST", u"/rest/V1/order/%1/invoice"_s.arg(id), QJsonObject{}), 400,
                    u"Invoice Document Validation Error(s):\nAn invoice cannot be created when an order has a status of complete"_s);
        expectError(admin("POST", u"/rest/V1/order/%1/ship"_s.arg(id), QJsonObject{}), 400,
                    u"Shipment Document Validation Error(s):\nThe order does not allow a shipment to be created."_s);
        expectError(admin("POST", u"/rest/V1/order/999999/invoice"_s, QJsonObject{}), 404,
                    u"The entity that was requested doesn't exist. Verify the entity and try again."_s);

        // Invoices and shipments lists, and the single documents.
        const auto invoices = admin("GET", u"/rest/V1/invoices?"_s + filterQuery(0, 0, u"order_id"_s, QString::number(id), u"eq"_s));
        expectValid(invoices, u"sales-data-invoice-search-result-interface"_s);
        QCOMPARE(invoices.json.toObject().value(u"total_count"_s).toInt(), 2);
        const int invoiceId = partial.json.toInt();
        expectValid(admin("GET", u"/rest/V1/invoices/%1"_s.arg(invoiceId)), u"sales-data-invoice-interface"_s);
        const auto shipments = admin("GET", u"/rest/V1/shipments?"_s + filterQuery(0, 0, u"order_id"_s, QString::number(id), u"eq"_s));
        expectValid(shipments, u"sales-data-shipment-search-result-interface"_s);
        QCOMPARE(shipments.json.toObject().value(u"total_count"_s).toInt(), 1);
        const auto shipment = admin("GET", u"/rest/V1/shipment/%1"_s.arg(shipped.json.toInt()));
        expectValid(shipment, u"sales-data-shipment-interface"_s);
        QCOMPARE(shipment.json.toObject().value(u"tracks"_s).toArray().at(0).toObject().value(u"track_number"_s).toString(), u"1Z999"_s);
        expectError(admin("GET", u"/rest/V1/invoices"_s), 400, u"\"%fieldName\" is required. Enter and try again."_s);
        const auto generated = admin("GET", u"/rest/V1/invoices?searchCriteria[pageSize]=3"_s);
        expectValid(generated, u"sales-data-invoice-search-result-interface"_s);
        QVERIFY(generated.json.toObject().value(u"total_count"_s).toInt() > 100);
    }

    void cancelHoldUnhold()
    {
        const int id = placeGuestOrder(u"freeshipping"_s, u"banktransfer"_s);
        QCOMPARE(order(id).value(u"shipping_amount"_s).toDouble(), 0.0);
        QCOMPARE(order(id).value(u"payment"_s).toObject().value(u"method"_s).toString(), u"banktransfer"_s);
        QCOMPARE(admin("POST", u"/rest/V1/orders/%1/hold"_s.arg(id)).json, QJsonValue(true));
        QCOMPARE(order(id).value(u"state"_s).toString(), u"holded"_s);
        expectError(admin("POST", u"/rest/V1/orders/%1/hold"_s.arg(id)), 400, u"A hold action is not available."_s);
        expectError(admin("POST", u"/rest/V1/order/%1/invoice"_s.arg(id), QJsonObject{}), 400,
                    u"Invoice Document Validation Error(s):\nAn invoice cannot be created when an order has a status of holded"_s);
        QCOMPARE(admin("POST", u"/rest/V1/orders/%1/cancel"_s.arg(id)).json, QJsonValue(false));
        QCOMPARE(admin("POST", u"/rest/V1/orders/%1/unhold"_s.arg(id)).json, QJsonValue(true));
        QCOMPARE(order(id).value(u"state"_s).toString(), u"new"_s);
        QCOMPARE(order(id).value(u"status"_s).toString(), u"pending"_s);
        expectError(admin("POST", u"/rest/V1/orders/%1/unhold"_s.arg(id)), 400, u"You cannot remove the hold."_s);
        const auto canceled = admin("POST", u"/rest/V1/orders/%1/cancel"_s.arg(id));
        QCOMPARE(canceled.status, 200);
        QCOMPARE(canceled.json, QJsonValue(true));
        const QJsonObject o = order(id);
        QCOMPARE(o.value(u"state"_s).toString(), u"canceled"_s);
        QCOMPARE(o.value(u"total_canceled"_s).toDouble(), o.value(u"grand_total"_s).toDouble());
        QCOMPARE(admin("POST", u"/rest/V1/orders/%1/cancel"_s.arg(id)).json, QJsonValue(false));
        expectError(admin("POST", u"/rest/V1/order/%1/ship"_s.arg(id), QJsonObject{}), 400,
                    u"Shipment Document Validation Error(s):\nA shipment cannot be created when an order has a status of canceled"_s);
        expectError(admin("POST", u"/rest/V1/orders/999999/hold"_s), 404,
                    u"The entity that was requested doesn't exist. Verify the entity and try again."_s);
    }

    void comments()
    {
        const int id = 1;
        const QString before = order(id).value(u"updated_at"_s).toString();
        const auto added = admin("POST", u"/rest/V1/orders/%1/comments"_s.arg(id),
                                 QJsonObject{{u"statusHistory"_s, QJsonObject{{u"comment"_s, u"Bitte schnell liefern — merci!"_s},
                                                                              {u"is_customer_notified"_s, 0},
                                                                              {u"is_visible_on_front"_s, 1},
                                                                              {u"parent_id"_s, id}}}});
        QCOMPARE(added.status, 200);
        QCOMPARE(added.json, QJsonValue(true));
        const QJsonObject o = order(id);
        // A comment that keeps the status leaves the order row, and so updated_at, as it was (Magento 2.4).
        QCOMPARE(o.value(u"updated_at"_s).toString(), before);
        QCOMPARE(o.value(u"status_histories"_s).toArray().at(0).toObject().value(u"comment"_s).toString(),
                 u"Bitte schnell liefern — merci!"_s);
        const auto list = admin("GET", u"/rest/V1/orders/%1/comments"_s.arg(id));
        expectValid(list, u"sales-data-order-status-history-search-result-interface"_s);
        QVERIFY(list.json.toObject().value(u"total_count"_s).toInt() >= 1);
        expectError(admin("POST", u"/rest/V1/orders/%1/comments"_s.arg(id), QJsonObject{}), 400,
                    u"\"%fieldName\" is required. Enter and try again."_s);
        expectError(admin("POST", u"/rest/V1/orders/%1/comments"_s.arg(id),
                          QJsonObject{{u"statusHistory"_s, QJsonObject{{u"comment"_s, u"x"_s}}}}),
                    400, u"\"%fieldName\" is required. Enter and try again."_s);
        expectError(admin("POST", u"/rest/V1/orders/999999/comments"_s,
                          QJsonObject{{u"statusHistory"_s, QJsonObject{{u"comment"_s, u"x"_s}, {u"is_customer_notified"_s, 0},
                                                                       {u"is_visible_on_front"_s, 0}, {u"parent_id"_s, 1}}}}),
                    404, u"The entity that was requested doesn't exist. Verify the entity and try again."_s);
    }

    void checkout()
    {
        const auto cart = anonymous("POST", u"/rest/V1/guest-carts"_s);
        QCOMPARE(cart.status, 200);
        QVERIFY(cart.body.startsWith('"'));
        const QString cartId = cart.json.toString();
        QCOMPARE(cartId.size(), 32);
        const QString items = u"/rest/V1/guest-carts/%1/items"_s.arg(cartId);

        const auto noOptions = anonymous("POST", items, QJsonObject{{u"cartItem"_s, QJsonObject{{u"sku"_s, u"MH01"_s}, {u"qty"_s, 1},
                                                                                                 {u"quote_id"_s, cartId}}}});
        expectError(noOptions, 400, u"You need to choose options for your item."_s);
        const auto configurable = anonymous("POST", items, QJsonObject{{u"cartItem"_s, QJsonObject{
            {u"sku"_s, u"MH01"_s}, {u"qty"_s, 1}, {u"quote_id"_s, cartId},
            {u"product_option"_s, QJsonObject{{u"extension_attributes"_s, QJsonObject{{u"configurable_item_options"_s,
                QJsonArray{QJsonObject{{u"option_id"_s, u"93"_s}, {u"option_value"_s, 167}}}}}}}}}}});
        QCOMPARE(configurable.status, 200);
        expectValid(configurable, u"quote-data-cart-item-interface"_s);
        QCOMPARE(configurable.json.toObject().value(u"sku"_s).toString(), u"MH01-M"_s);
        const auto missing = anonymous("POST", items, QJsonObject{{u"cartItem"_s, QJsonObject{{u"sku"_s, u"NOPE"_s}, {u"qty"_s, 1}}}});
        expectError(missing, 404, u"The product that was requested doesn't exist. Verify the product and try again."_s);
        const auto listed = anonymous("GET", items);
        QCOMPARE(listed.json.toArray().size(), 1);
        for (const auto &item : listed.json.toArray())
            QVERIFY(m_schema.validate(item, u"quote-data-cart-item-interface"_s).isEmpty());

        const QString shipping = u"/rest/V1/guest-carts/%1/shipping-information"_s.arg(cartId);
        expectError(anonymous("POST", shipping, QJsonObject{{u"addressInformation"_s, QJsonObject{
                                  {u"shipping_address"_s, m_address}, {u"shipping_carrier_code"_s, u"ups"_s},
                                  {u"shipping_method_code"_s, u"GND"_s}}}}),
                    400, u"Carrier with such method not found: %1, %2"_s);
        const auto details = anonymous("POST", shipping, QJsonObject{{u"addressInformation"_s, QJsonObject{
                                           {u"shipping_address"_s, m_address}, {u"billing_address"_s, m_address},
                                           {u"shipping_carrier_code"_s, u"flatrate"_s}, {u"shipping_method_code"_s, u"flatrate"_s}}}});
        QCOMPARE(details.status, 200);
        expectValid(details, u"checkout-data-payment-details-interface"_s);
        QStringList methods;
        for (const auto &m : details.json.toObject().value(u"payment_methods"_s).toArray())
            methods.append(m.toObject().value(u"code"_s).toString());
        QCOMPARE(methods, (QStringList{u"checkmo"_s, u"banktransfer"_s}));

        const QString payment = u"/rest/V1/guest-carts/%1/payment-information"_s.arg(cartId);
        expectError(anonymous("POST", payment, QJsonObject{{u"email"_s, u"a@example.com"_s},
                                                           {u"paymentMethod"_s, QJsonObject{{u"method"_s, u"paypal_express"_s}}}}),
                    400, u"The requested Payment Method is not available."_s);
        const auto placed = anonymous("POST", payment, QJsonObject{{u"email"_s, u"a@example.com"_s},
                                                                   {u"paymentMethod"_s, QJsonObject{{u"method"_s, u"checkmo"_s}}}});
        QCOMPARE(placed.status, 200);
        QVERIFY2(placed.json.isDouble(), placed.body.constData()); // the order id, a bare number
        const QJsonObject o = order(placed.json.toInt());
        QCOMPARE(o.value(u"customer_email"_s).toString(), u"a@example.com"_s);
        const QJsonArray lines = o.value(u"items"_s).toArray();
        QCOMPARE(lines.size(), 2); // configurable parent and its simple child
        QCOMPARE(lines.at(1).toObject().value(u"parent_item_id"_s).toInt(), lines.at(0).toObject().value(u"item_id"_s).toInt());
        QCOMPARE(o.value(u"shipping_description"_s).toString(), u"Flat Rate - Fixed"_s);
        QVERIFY(o.value(u"tax_amount"_s).toDouble() > 0); // Texas
        expectError(anonymous("POST", payment, QJsonObject{{u"email"_s, u"a@example.com"_s},
                                                           {u"paymentMethod"_s, QJsonObject{{u"method"_s, u"checkmo"_s}}}}),
                    404, u"No such entity with %fieldName = %fieldValue"_s);
    }

    void products()
    {
        const auto p = admin("GET", u"/rest/V1/products/MH01"_s);
        QCOMPARE(p.status, 200);
        expectValid(p, u"catalog-data-product-interface"_s);
        QCOMPARE(p.json.toObject().value(u"type_id"_s).toString(), u"configurable"_s);
        expectError(admin("GET", u"/rest/V1/products/NOPE"_s), 404,
                    u"The product that was requested doesn't exist. Verify the product and try again."_s);
        const auto list = admin("GET", u"/rest/V1/products?"_s + filterQuery(0, 0, u"type_id"_s, u"bundle"_s, u"eq"_s));
        expectValid(list, u"catalog-data-product-search-results-interface"_s);
        QCOMPARE(list.json.toObject().value(u"total_count"_s).toInt(), 4);
        expectError(admin("GET", u"/rest/V1/products"_s), 400, u"\"%fieldName\" is required. Enter and try again."_s);
    }

    void customersStoresAndSmallActions()
    {
        const auto customer = admin("GET", u"/rest/V1/customers/1"_s);
        QCOMPARE(customer.status, 200);
        expectValid(customer, u"customer-data-customer-interface"_s);
        const auto missing = admin("GET", u"/rest/V1/customers/9999"_s);
        expectError(missing, 404, u"No such entity with %fieldName = %fieldValue"_s);
        QCOMPARE(missing.json.toObject().value(u"parameters"_s).toObject().value(u"fieldName"_s).toString(), u"customerId"_s);
        const QString email = customer.json.toObject().value(u"email"_s).toString();
        const auto found = admin("GET", u"/rest/V1/customers/search?"_s + filterQuery(0, 0, u"email"_s, email, u"eq"_s));
        expectValid(found, u"customer-data-customer-search-results-interface"_s);
        QCOMPARE(found.json.toObject().value(u"total_count"_s).toInt(), 1);
        QCOMPARE(found.json.toObject().value(u"items"_s).toArray().at(0).toObject().value(u"id"_s).toInt(), 1);

        const QList<QPair<QString, QString>> stores{{u"/rest/V1/store/storeViews"_s, u"store-data-store-interface"_s},
                                                    {u"/rest/V1/store/websites"_s, u"store-data-website-interface"_s},
                                                    {u"/rest/V1/store/storeGroups"_s, u"store-data-group-interface"_s},
                                                    {u"/rest/V1/store/storeConfigs"_s, u"store-data-store-config-interface"_s}};
        for (const auto &[path, definition] : stores) {
            const auto r = admin("GET", path);
            QCOMPARE(r.status, 200);
            QVERIFY(!r.json.toArray().isEmpty());
            for (const auto &v : r.json.toArray())
                QVERIFY2(m_schema.validate(v, definition).isEmpty(), qPrintable(path));
        }
        QCOMPARE(anonymous("GET", u"/rest/V1/store/storeConfigs"_s).status, 401);

        const auto status = admin("GET", u"/rest/V1/orders/7/statuses"_s);
        QCOMPARE(status.status, 200);
        QCOMPARE(status.json.toString(), u"holded"_s);
        QCOMPARE(admin("POST", u"/rest/V1/orders/2/emails"_s).json, QJsonValue(true));
    }

    void statsAndReset()
    {
        MagentoHttp http(m_sandbox.magentoBaseUrl());
        const auto before = http.get(u"/__sandbox/stats"_s).json.toObject();
        admin("GET", u"/rest/V1/orders/2"_s);
        admin("GET", u"/rest/V1/orders/2"_s);
        const auto after = http.get(u"/__sandbox/stats"_s).json.toObject();
        QCOMPARE(after.value(u"requests"_s).toInteger(), before.value(u"requests"_s).toInteger() + 2);
        QCOMPARE(after.value(u"by_route"_s).toObject().value(u"GET /V1/orders/{id}"_s).toInteger(),
                 before.value(u"by_route"_s).toObject().value(u"GET /V1/orders/{id}"_s).toInteger() + 2);

        QCOMPARE(admin("POST", u"/rest/V1/orders/1/hold"_s).json, QJsonValue(true));
        const auto reset = http.post(u"/__sandbox/reset"_s, QJsonObject{});
        QCOMPARE(reset.status, 200);
        QCOMPARE(order(1).value(u"state"_s).toString(), u"new"_s);
        QCOMPARE(admin("GET", u"/rest/V1/orders/301"_s).status, 404); // orders placed by the tests are gone
    }

    // How fast it starts is measured by bench/magento (bench_magento_orders prints it).
    void servesTenThousandOrders()
    {
        SandboxProcess big;
        QVERIFY2(big.start({u"--orders"_s, u"10000"_s, u"--seed"_s, u"3"_s}), qPrintable(big.errorString()));
        MagentoHttp http(big.magentoBaseUrl());
        http.setOAuth(big.magento());
        const auto last = http.get(u"/rest/V1/orders/10000"_s);
        QCOMPARE(last.status, 200);
        QCOMPARE(last.json.toObject().value(u"increment_id"_s).toString(), u"000010000"_s);
        const auto count = http.get(u"/rest/V1/orders?searchCriteria[pageSize]=1"_s);
        QCOMPARE(count.json.toObject().value(u"total_count"_s).toInt(), 10000);
        QCOMPARE(big.stop(), 0);
    }

    void deterministicData()
    {
        SandboxProcess a, b, c;
        QVERIFY(a.start({u"--orders"_s, u"20"_s, u"--seed"_s, u"5"_s}));
        QVERIFY(b.start({u"--orders"_s, u"20"_s, u"--seed"_s, u"5"_s}));
        QVERIFY(c.start({u"--orders"_s, u"20"_s, u"--seed"_s, u"6"_s}));
        auto fetch = [](SandboxProcess &p) {
            MagentoHttp http(p.magentoBaseUrl());
            http.setOAuth(p.magento());
            return http.get(u"/rest/V1/orders?searchCriteria[pageSize]=20"_s).body;
        };
        QCOMPARE(fetch(a), fetch(b));
        QVERIFY(fetch(a) != fetch(c));
        QCOMPARE(a.magento().value(u"integration_token"_s), b.magento().value(u"integration_token"_s));
    }

    void stateSurvivesRestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(u"store.json"_s);
        int placedId = 0;
        {
            SandboxProcess p;
            QVERIFY2(p.start({u"--orders"_s, u"50"_s, u"--seed"_s, u"9"_s, u"--state"_s, file}), qPrintable(p.errorString()));
            MagentoHttp http(p.magentoBaseUrl());
            http.setOAuth(p.magento());
            QCOMPARE(http.post(u"/rest/V1/orders/1/hold"_s, QJsonValue()).json, QJsonValue(true));
            QCOMPARE(http.post(u"/rest/V1/order/3/ship"_s, QJsonObject{}).status, 200);
            const QString cartId = http.post(u"/rest/V1/guest-carts"_s, QJsonValue()).json.toString();
            http.post(u"/rest/V1/guest-carts/%1/items"_s.arg(cartId),
                      QJsonObject{{u"cartItem"_s, QJsonObject{{u"sku"_s, u"MB-1002"_s}, {u"qty"_s, 1}}}});
            http.post(u"/rest/V1/guest-carts/%1/shipping-information"_s.arg(cartId),
                      QJsonObject{{u"addressInformation"_s, QJsonObject{{u"shipping_address"_s, m_address},
                                                                         {u"shipping_carrier_code"_s, u"flatrate"_s},
                                                                         {u"shipping_method_code"_s, u"flatrate"_s}}}});
            placedId = http.post(u"/rest/V1/guest-carts/%1/payment-information"_s.arg(cartId),
                                 QJsonObject{{u"email"_s, u"p@example.com"_s},
                                             {u"paymentMethod"_s, QJsonObject{{u"method"_s, u"checkmo"_s}}}}).json.toInt();
            QCOMPARE(placedId, 51);
            QCOMPARE(p.stop(), 0);
        }
        QVERIFY(QFile::exists(file));
        SandboxProcess again;
        QVERIFY2(again.start({u"--orders"_s, u"50"_s, u"--seed"_s, u"9"_s, u"--state"_s, file}), qPrintable(again.errorString()));
        MagentoHttp http(again.magentoBaseUrl());
        http.setOAuth(again.magento());
        QCOMPARE(http.get(u"/rest/V1/orders/1"_s).json.toObject().value(u"state"_s).toString(), u"holded"_s);
        QCOMPARE(http.get(u"/rest/V1/orders/3"_s).json.toObject().value(u"state"_s).toString(), u"complete"_s);
        const auto placed = http.get(u"/rest/V1/orders/%1"_s.arg(placedId));
        QCOMPARE(placed.status, 200);
        QCOMPARE(placed.json.toObject().value(u"customer_email"_s).toString(), u"p@example.com"_s);
        const auto shipments = http.get(u"/rest/V1/shipments?"_s + filterQuery(0, 0, u"order_id"_s, u"3"_s, u"eq"_s));
        QCOMPARE(shipments.json.toObject().value(u"total_count"_s).toInt(), 1);
        QCOMPARE(again.stop(), 0);
    }

    void latencyDelaysApiRepliesOnly()
    {
        SandboxProcess p;
        QVERIFY(p.start({u"--orders"_s, u"10"_s, u"--latency-ms"_s, u"400"_s}));
        MagentoHttp http(p.magentoBaseUrl());
        http.setOAuth(p.magento());
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(http.get(u"/rest/V1/orders/1"_s).status, 200);
        QVERIFY2(timer.elapsed() >= 390, qPrintable(QString::number(timer.elapsed())));
        timer.restart();
        QCOMPARE(http.get(u"/__sandbox/stats"_s).status, 200);
        QVERIFY2(timer.elapsed() < 390, qPrintable(QString::number(timer.elapsed())));
        const auto bad = http.send("POST", u"/rest/V1/orders/1/comments"_s, "{not json");
        QCOMPARE(bad.status, 400);
        expectValid(bad, u"error-response"_s);
        QCOMPARE(p.stop(), 0);
    }

    void faultInjectionIsDeterministic()
    {
        auto run = [this](const QString &seed) {
            SandboxProcess p;
            // About faults, not sign-in: a Bearer token cannot trip over Qt's silent re-send as a used nonce can.
            if (!p.start({u"--orders"_s, u"20"_s, u"--seed"_s, seed, u"--fault-rate"_s, u"0.5"_s, u"--magento-bearer"_s, u"on"_s}))
                return QStringList{u"start failed"_s};
            MagentoHttp http(p.magentoBaseUrl());
            http.setBearer(p.magento().value(u"integration_token"_s).toString());
            http.setTimeoutMs(700);
            QStringList outcomes;
            for (int i = 0; i < 24; ++i) {
                const auto r = http.get(u"/rest/V1/orders/%1"_s.arg(1 + i % 20));
                if (r.timedOut)
                    outcomes.append(u"stall"_s);
                else if (r.status == 0)
                    outcomes.append(u"dropped"_s);
                else if (r.status == 200 && !r.json.isObject())
                    outcomes.append(u"truncated"_s);
                else
                    outcomes.append(QString::number(r.status));
                if (r.status == 500)
                    expectValid(r, u"error-response"_s);
            }
            p.stop();
            return outcomes;
        };
        const QStringList a = run(u"11"_s);
        const QStringList b = run(u"11"_s);
        const QStringList c = run(u"12"_s);
        QCOMPARE(a, b);
        QVERIFY2(a != c, qPrintable(a.join(u',')));
        QVERIFY2(a.contains(u"200"_s) && a.count(u"200"_s) < a.size(), qPrintable(a.join(u',')));
    }

    void cleanupTestCase()
    {
        QCOMPARE(m_sandbox.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_MagentoEmulator)
#include "tst_magentoemulator.moc"
