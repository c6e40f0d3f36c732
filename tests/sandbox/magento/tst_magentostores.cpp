// The Magento sandbox's store views over real HTTP: the stock single store view with Magento's default time
// zone, and --stores with several views that each number their orders from 000000001.
#include "magentohttp.h"
#include "sandboxprocess.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class tst_MagentoStores : public QObject
{
    Q_OBJECT

private:
    static MagentoHttp::Reply admin(const SandboxProcess &sandbox, const QString &path)
    {
        MagentoHttp http(sandbox.magentoBaseUrl());
        http.setOAuth(sandbox.magento()); // signed as a stock store requires (integration tokens as Bearer are off)
        return http.get(path);
    }
    static QJsonObject placeGuestOrder(const SandboxProcess &sandbox, const QString &storePath)
    {
        MagentoHttp http(sandbox.magentoBaseUrl());
        const QString cartId = http.post(storePath + u"/V1/guest-carts"_s, {}).json.toString();
        http.post(storePath + u"/V1/guest-carts/%1/items"_s.arg(cartId),
                  QJsonObject{{u"cartItem"_s, QJsonObject{{u"sku"_s, u"MB-1001"_s}, {u"qty"_s, 1}, {u"quote_id"_s, cartId}}}});
        const QJsonObject address{{u"firstname"_s, u"Léa"_s}, {u"lastname"_s, u"Martin"_s},
                                  {u"street"_s, QJsonArray{u"500 Congress Ave"_s}}, {u"city"_s, u"Austin"_s},
                                  {u"postcode"_s, u"78701"_s}, {u"country_id"_s, u"US"_s}, {u"region_code"_s, u"TX"_s},
                                  {u"region_id"_s, 57}, {u"telephone"_s, u"512-555-0100"_s}, {u"email"_s, u"lea@example.com"_s}};
        http.post(storePath + u"/V1/guest-carts/%1/shipping-information"_s.arg(cartId),
                  QJsonObject{{u"addressInformation"_s, QJsonObject{{u"shipping_address"_s, address},
                                                                     {u"billing_address"_s, address},
                                                                     {u"shipping_carrier_code"_s, u"flatrate"_s},
                                                                     {u"shipping_method_code"_s, u"flatrate"_s}}}});
        const auto placed = http.post(storePath + u"/V1/guest-carts/%1/payment-information"_s.arg(cartId),
                                      QJsonObject{{u"email"_s, u"lea@example.com"_s},
                                                  {u"paymentMethod"_s, QJsonObject{{u"method"_s, u"checkmo"_s}}}});
        if (placed.status != 200)
            return {};
        return admin(sandbox, u"/rest/V1/orders/%1"_s.arg(placed.json.toInt())).json.toObject();
    }

private slots:
    void stockStoreHasOneViewInMagentosDefaultTimeZone()
    {
        SandboxProcess sandbox;
        QVERIFY2(sandbox.start({u"--orders"_s, u"3"_s}), qPrintable(sandbox.errorString()));
        const QJsonArray configs = admin(sandbox, u"/rest/V1/store/storeConfigs"_s).json.toArray();
        QCOMPARE(configs.size(), 1);
        QCOMPARE(configs.first().toObject().value(u"code"_s).toString(), u"default"_s);
        QCOMPARE(configs.first().toObject().value(u"timezone"_s).toString(), u"America/Los_Angeles"_s);
        const QJsonArray views = admin(sandbox, u"/rest/V1/store/storeViews"_s).json.toArray();
        QCOMPARE(views.size(), 2); // admin and default
        const QJsonObject first = admin(sandbox, u"/rest/V1/orders/1"_s).json.toObject();
        QCOMPARE(first.value(u"store_id"_s).toInt(), 1);
        QCOMPARE(first.value(u"increment_id"_s).toString(), u"000000001"_s);
    }

    void eachStoreViewNumbersItsOwnOrders()
    {
        SandboxProcess sandbox;
        QVERIFY2(sandbox.start({u"--orders"_s, u"9"_s, u"--stores"_s, u"default,fr:Europe/Paris"_s}),
                 qPrintable(sandbox.errorString()));
        const QJsonArray views = admin(sandbox, u"/rest/V1/store/storeViews"_s).json.toArray();
        QCOMPARE(views.size(), 3);
        QCOMPARE(views.at(2).toObject().value(u"code"_s).toString(), u"fr"_s);
        QCOMPARE(views.at(2).toObject().value(u"id"_s).toInt(), 2);
        const QJsonArray configs = admin(sandbox, u"/rest/V1/store/storeConfigs"_s).json.toArray();
        QCOMPARE(configs.size(), 2);
        QCOMPARE(configs.at(0).toObject().value(u"timezone"_s).toString(), u"America/Los_Angeles"_s);
        QCOMPARE(configs.at(1).toObject().value(u"timezone"_s).toString(), u"Europe/Paris"_s);

        // Generated orders take turns: 5 in the default view, 4 in fr, numbered from 000000001 in each.
        const QJsonArray orders = admin(sandbox, u"/rest/V1/orders?searchCriteria[pageSize]=100"_s)
                                      .json.toObject().value(u"items"_s).toArray();
        QCOMPARE(orders.size(), 9);
        QSet<QString> keys;
        QHash<int, int> perStore;
        for (const QJsonValue &v : orders) {
            const QJsonObject o = v.toObject();
            const int store = o.value(u"store_id"_s).toInt();
            ++perStore[store];
            keys.insert(QString::number(store) + u'/' + o.value(u"increment_id"_s).toString());
            for (const QJsonValue &item : o.value(u"items"_s).toArray())
                QCOMPARE(item.toObject().value(u"store_id"_s).toInt(), store);
        }
        QCOMPARE(perStore.value(1), 5);
        QCOMPARE(perStore.value(2), 4);
        QCOMPARE(keys.size(), 9);
        QVERIFY(keys.contains(u"1/000000001"_s));
        QVERIFY(keys.contains(u"2/000000001"_s));
        QVERIFY(keys.contains(u"1/000000005"_s));
        QVERIFY(keys.contains(u"2/000000004"_s));
        const QJsonObject second = admin(sandbox, u"/rest/V1/orders/2"_s).json.toObject();
        QCOMPARE(second.value(u"store_id"_s).toInt(), 2);
        QCOMPARE(second.value(u"increment_id"_s).toString(), u"000000001"_s);
        QVERIFY(second.value(u"store_name"_s).toString().endsWith(u"FR Store View"_s));
        const auto inFr = admin(sandbox, u"/rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=store_id"
                                         "&searchCriteria[filter_groups][0][filters][0][value]=2"_s);
        QCOMPARE(inFr.json.toObject().value(u"total_count"_s).toInt(), 4);

        // A storefront order lands in the view of its /rest/<code>/ path, with that view's next number.
        const QJsonObject placedFr = placeGuestOrder(sandbox, u"/rest/fr"_s);
        QCOMPARE(placedFr.value(u"store_id"_s).toInt(), 2);
        QCOMPARE(placedFr.value(u"increment_id"_s).toString(), u"000000005"_s);
        const QJsonObject placedDefault = placeGuestOrder(sandbox, u"/rest"_s);
        QCOMPARE(placedDefault.value(u"store_id"_s).toInt(), 1);
        QCOMPARE(placedDefault.value(u"increment_id"_s).toString(), u"000000006"_s);
        const QJsonObject nextFr = placeGuestOrder(sandbox, u"/rest/fr"_s);
        QCOMPARE(nextFr.value(u"increment_id"_s).toString(), u"000000006"_s);
        QCOMPARE(nextFr.value(u"store_id"_s).toInt(), 2);

        MagentoHttp http(sandbox.magentoBaseUrl());
        QCOMPARE(http.post(u"/rest/de/V1/guest-carts"_s, {}).status, 400);
    }

    void badStoreListIsRefused_data()
    {
        QTest::addColumn<QString>("stores");
        QTest::newRow("code with a capital") << u"default,FR"_s;
        QTest::newRow("unknown time zone") << u"default,fr:Europe/Atlantis"_s;
        QTest::newRow("twice") << u"default,fr,fr"_s;
        QTest::newRow("admin") << u"admin"_s;
    }

    void badStoreListIsRefused()
    {
        QFETCH(QString, stores);
        SandboxProcess sandbox;
        QVERIFY(!sandbox.start({u"--stores"_s, stores}, 10000));
    }
};

QTEST_GUILESS_MAIN(tst_MagentoStores)
#include "tst_magentostores.moc"
