// Integration tests of multiple currencies (--currencies USD,EUR) over real HTTP, and of the single-currency
// default: CurrencyIsoCode on the currency-enabled objects (absent without the switch), the user's default
// currency for records created without one, price book entries per currency, Order Products that must use an
// entry in their Order's currency, an Order's currency fixed once it has products, and currency rounding.

#include "sandboxprocess.h"
#include "sfhttp.h"

#include <QStandardPaths>
#include <QTest>
#include <QUrl>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace {

QJsonObject fieldOf(const QJsonObject &describe, const QString &name)
{
    for (const QJsonValue &f : describe.value(u"fields"_s).toArray()) {
        if (f.toObject().value(u"name"_s).toString() == name)
            return f.toObject();
    }
    return {};
}

QString percent(const QString &soql)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(soql));
}

} // namespace

class TestSfOrgCurrencies : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void singleCurrencyOrgHasNoCurrencyField();
    void describeListsTheActiveCodes();
    void currencyTypeListsTheCorporateCurrency();
    void recordWithoutCodeGetsUsersDefault();
    void entriesExistPerCurrency();
    void orderProductNeedsEntryInOrdersCurrency();
    void orderCurrencyIsFixedOnceItHasProducts();
    void standardPricesRoundToTheCurrencysDecimals();
    void yenKeepsWholeYen();

private:
    QJsonArray records(SfHttp &http, const QString &soql);
    QString entry(const QString &book, const QString &currency);
    QString draftOrder(const QString &currency);

    SandboxProcess m_plain;
    SandboxProcess m_multi;
    std::unique_ptr<SfHttp> m_plainHttp;
    std::unique_ptr<SfHttp> m_http;
    QString m_accountId;
};

void TestSfOrgCurrencies::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_plain.start({u"--seed"_s, u"7"_s, u"--orders"_s, u"0"_s}), qPrintable(m_plain.errorString()));
    QVERIFY2(m_multi.start({u"--seed"_s, u"7"_s, u"--orders"_s, u"0"_s, u"--currencies"_s, u"USD,EUR"_s}),
             qPrintable(m_multi.errorString()));
    QCOMPARE(m_plain.salesforce().value(u"currencies"_s).toArray().size(), 0);
    QCOMPARE(m_multi.salesforce().value(u"currencies"_s).toArray(), (QJsonArray{u"USD"_s, u"EUR"_s}));
    m_plainHttp = std::make_unique<SfHttp>(m_plain.salesforceLoginUrl());
    QCOMPARE(m_plainHttp->login(m_plain.salesforce()), QString());
    m_http = std::make_unique<SfHttp>(m_multi.salesforceLoginUrl());
    QCOMPARE(m_http->login(m_multi.salesforce()), QString());
    const auto account = m_http->post(SfHttp::data(u"sobjects/Account"_s), QJsonObject{{u"Name"_s, u"Euro Shop"_s}});
    QCOMPARE(account.status, 201);
    m_accountId = account.object().value(u"id"_s).toString();
}

QJsonArray TestSfOrgCurrencies::records(SfHttp &http, const QString &soql)
{
    const auto r = http.get(SfHttp::data(u"query?q="_s) + percent(soql));
    if (r.status != 200)
        qWarning("query failed: %s", r.body.constData());
    return r.object().value(u"records"_s).toArray();
}

QString TestSfOrgCurrencies::entry(const QString &book, const QString &currency)
{
    const QJsonArray found = records(*m_http, u"SELECT Id FROM PricebookEntry WHERE Pricebook2Id = '%1' AND "
                                              "CurrencyIsoCode = '%2' ORDER BY Id LIMIT 1"_s.arg(book, currency));
    return found.at(0).toObject().value(u"Id"_s).toString();
}

QString TestSfOrgCurrencies::draftOrder(const QString &currency)
{
    const auto r = m_http->post(SfHttp::data(u"sobjects/Order"_s),
                                QJsonObject{{u"AccountId"_s, m_accountId}, {u"EffectiveDate"_s, u"2026-11-01"_s},
                                            {u"Status"_s, u"Draft"_s}, {u"CurrencyIsoCode"_s, currency},
                                            {u"Pricebook2Id"_s, m_multi.salesforce().value(u"magento_pricebook_id"_s)}});
    return r.status == 201 ? r.object().value(u"id"_s).toString() : QString();
}

void TestSfOrgCurrencies::singleCurrencyOrgHasNoCurrencyField()
{
    for (const QString &object : {u"Account"_s, u"Order"_s, u"OrderItem"_s, u"PricebookEntry"_s}) {
        const QJsonObject describe = m_plainHttp->get(SfHttp::data(u"sobjects/%1/describe"_s.arg(object))).object();
        QVERIFY2(!describe.value(u"fields"_s).toArray().isEmpty(), qPrintable(object));
        QVERIFY2(fieldOf(describe, u"CurrencyIsoCode"_s).isEmpty(), qPrintable(object));
    }
    const auto r = m_plainHttp->post(SfHttp::data(u"sobjects/Account"_s),
                                     QJsonObject{{u"Name"_s, u"Dollar Shop"_s}, {u"CurrencyIsoCode"_s, u"USD"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"INVALID_FIELD"_s);
    QCOMPARE(r.errorMessage(), u"No such column 'CurrencyIsoCode' on sobject of type Account"_s);
    // The org's one currency.
    const QJsonArray org = records(*m_plainHttp, u"SELECT DefaultCurrencyIsoCode FROM Organization"_s);
    QCOMPARE(org.at(0).toObject().value(u"DefaultCurrencyIsoCode"_s).toString(), u"USD"_s);
    QCOMPARE(m_plainHttp->get(SfHttp::data(u"sobjects/CurrencyType/describe"_s)).status, 404);
}

void TestSfOrgCurrencies::describeListsTheActiveCodes()
{
    for (const QString &object : {u"Account"_s, u"Contact"_s, u"Product2"_s, u"PricebookEntry"_s, u"Opportunity"_s,
                                  u"OpportunityLineItem"_s, u"Order"_s, u"OrderItem"_s, u"User"_s}) {
        const QJsonObject describe = m_http->get(SfHttp::data(u"sobjects/%1/describe"_s.arg(object))).object();
        const QJsonObject field = fieldOf(describe, u"CurrencyIsoCode"_s);
        QCOMPARE(field.value(u"type"_s).toString(), u"picklist"_s);
        QVERIFY2(field.value(u"restrictedPicklist"_s).toBool(), qPrintable(object));
        QVERIFY2(field.value(u"defaultedOnCreate"_s).toBool(), qPrintable(object));
        const QJsonArray values = field.value(u"picklistValues"_s).toArray();
        QCOMPARE(values.size(), 2);
        QCOMPARE(values.at(0).toObject().value(u"value"_s).toString(), u"USD"_s);
        QVERIFY(values.at(0).toObject().value(u"defaultValue"_s).toBool());
        QCOMPARE(values.at(1).toObject().value(u"value"_s).toString(), u"EUR"_s);
    }
    const QJsonObject user = m_http->get(SfHttp::data(u"sobjects/User/describe"_s)).object();
    QCOMPARE(fieldOf(user, u"DefaultCurrencyIsoCode"_s).value(u"type"_s).toString(), u"picklist"_s);
    // Objects without currency fields have none.
    QVERIFY(fieldOf(m_http->get(SfHttp::data(u"sobjects/Pricebook2/describe"_s)).object(), u"CurrencyIsoCode"_s).isEmpty());
}

void TestSfOrgCurrencies::currencyTypeListsTheCorporateCurrency()
{
    const QJsonArray types = records(*m_http, u"SELECT IsoCode, ConversionRate, DecimalPlaces, IsCorporate FROM "
                                              "CurrencyType WHERE IsActive = true ORDER BY IsoCode"_s);
    QCOMPARE(types.size(), 2);
    QCOMPARE(types.at(0).toObject().value(u"IsoCode"_s).toString(), u"EUR"_s);
    QCOMPARE(types.at(0).toObject().value(u"ConversionRate"_s).toDouble(), 0.92);
    QCOMPARE(types.at(0).toObject().value(u"IsCorporate"_s).toBool(), false);
    QCOMPARE(types.at(1).toObject().value(u"IsCorporate"_s).toBool(), true);
    QCOMPARE(types.at(1).toObject().value(u"DecimalPlaces"_s).toInt(), 2);
    const QJsonArray org = records(*m_http, u"SELECT DefaultCurrencyIsoCode FROM Organization"_s);
    QCOMPARE(org.at(0).toObject().value(u"DefaultCurrencyIsoCode"_s).toString(), u"USD"_s);
}

void TestSfOrgCurrencies::recordWithoutCodeGetsUsersDefault()
{
    const QString path = SfHttp::data(u"sobjects/Account"_s);
    const auto plain = m_http->post(path, QJsonObject{{u"Name"_s, u"Default Currency Ltd"_s}});
    QCOMPARE(plain.status, 201);
    const auto read = m_http->get(path + u'/' + plain.object().value(u"id"_s).toString());
    QCOMPARE(read.object().value(u"CurrencyIsoCode"_s).toString(), u"USD"_s);
    const auto euro = m_http->post(path, QJsonObject{{u"Name"_s, u"Euro Ltd"_s}, {u"CurrencyIsoCode"_s, u"EUR"_s}});
    QCOMPARE(euro.status, 201);
    QCOMPARE(m_http->get(path + u'/' + euro.object().value(u"id"_s).toString()).object().value(u"CurrencyIsoCode"_s),
             QJsonValue(u"EUR"_s));
    const auto yen = m_http->post(path, QJsonObject{{u"Name"_s, u"Yen Ltd"_s}, {u"CurrencyIsoCode"_s, u"JPY"_s}});
    QCOMPARE(yen.status, 400);
    QCOMPARE(yen.errorCode(), u"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"_s);
}

void TestSfOrgCurrencies::entriesExistPerCurrency()
{
    const QString book = m_multi.salesforce().value(u"magento_pricebook_id"_s).toString();
    const QJsonArray entries = records(*m_http, u"SELECT Product2Id, CurrencyIsoCode, UnitPrice FROM PricebookEntry "
                                                "WHERE Pricebook2Id = '%1' ORDER BY Product2Id, CurrencyIsoCode LIMIT 2"_s.arg(book));
    QCOMPARE(entries.size(), 2);
    const QJsonObject eur = entries.at(0).toObject();
    const QJsonObject usd = entries.at(1).toObject();
    QCOMPARE(eur.value(u"Product2Id"_s), usd.value(u"Product2Id"_s));
    QCOMPARE(eur.value(u"CurrencyIsoCode"_s).toString(), u"EUR"_s);
    QCOMPARE(usd.value(u"CurrencyIsoCode"_s).toString(), u"USD"_s);
    QCOMPARE(eur.value(u"UnitPrice"_s).toDouble(), std::round(usd.value(u"UnitPrice"_s).toDouble() * 0.92 * 100) / 100);
    // One entry per product and currency: a second EUR entry is refused.
    const auto again = m_http->post(SfHttp::data(u"sobjects/PricebookEntry"_s),
                                    QJsonObject{{u"Pricebook2Id"_s, book}, {u"Product2Id"_s, eur.value(u"Product2Id"_s)},
                                                {u"UnitPrice"_s, 1.0}, {u"CurrencyIsoCode"_s, u"EUR"_s}});
    QCOMPARE(again.status, 400);
    QCOMPARE(again.errorCode(), u"DUPLICATE_VALUE"_s);
}

void TestSfOrgCurrencies::orderProductNeedsEntryInOrdersCurrency()
{
    const QString book = m_multi.salesforce().value(u"magento_pricebook_id"_s).toString();
    const QString order = draftOrder(u"EUR"_s);
    QVERIFY(!order.isEmpty());
    const QString path = SfHttp::data(u"sobjects/OrderItem"_s);
    const auto wrong = m_http->post(path, QJsonObject{{u"OrderId"_s, order}, {u"PricebookEntryId"_s, entry(book, u"USD"_s)},
                                                      {u"Quantity"_s, 1}, {u"UnitPrice"_s, 10.0}});
    QCOMPARE(wrong.status, 400);
    QCOMPARE(wrong.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    QCOMPARE(wrong.errorMessage(), u"field integrity exception: PricebookEntryId (pricebook entry currency code does "
                                   "not match order currency code)"_s);
    const auto otherCode = m_http->post(path, QJsonObject{{u"OrderId"_s, order}, {u"PricebookEntryId"_s, entry(book, u"EUR"_s)},
                                                          {u"Quantity"_s, 1}, {u"UnitPrice"_s, 10.0},
                                                          {u"CurrencyIsoCode"_s, u"USD"_s}});
    QCOMPARE(otherCode.status, 400);
    QCOMPARE(otherCode.errorMessage(), u"Enter the same currency as the parent Order.: Currency ISO Code"_s);
    const auto right = m_http->post(path, QJsonObject{{u"OrderId"_s, order}, {u"PricebookEntryId"_s, entry(book, u"EUR"_s)},
                                                      {u"Quantity"_s, 1}, {u"UnitPrice"_s, 10.0}});
    QCOMPARE(right.status, 201);
    const auto item = m_http->get(path + u'/' + right.object().value(u"id"_s).toString());
    QCOMPARE(item.object().value(u"CurrencyIsoCode"_s).toString(), u"EUR"_s);
}

void TestSfOrgCurrencies::orderCurrencyIsFixedOnceItHasProducts()
{
    const QString book = m_multi.salesforce().value(u"magento_pricebook_id"_s).toString();
    const QString empty = draftOrder(u"EUR"_s);
    const QString orders = SfHttp::data(u"sobjects/Order/"_s);
    QCOMPARE(m_http->patch(orders + empty, QJsonObject{{u"CurrencyIsoCode"_s, u"USD"_s}}).status, 204);
    const QString full = draftOrder(u"EUR"_s);
    QCOMPARE(m_http->post(SfHttp::data(u"sobjects/OrderItem"_s),
                          QJsonObject{{u"OrderId"_s, full}, {u"PricebookEntryId"_s, entry(book, u"EUR"_s)},
                                      {u"Quantity"_s, 2}, {u"UnitPrice"_s, 5.0}})
                 .status,
             201);
    const auto refused = m_http->patch(orders + full, QJsonObject{{u"CurrencyIsoCode"_s, u"USD"_s}});
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    QVERIFY(refused.errorMessage().contains(u"currency"_s));
    // The same value is no change.
    QCOMPARE(m_http->patch(orders + full, QJsonObject{{u"CurrencyIsoCode"_s, u"EUR"_s}}).status, 204);
}

void TestSfOrgCurrencies::standardPricesRoundToTheCurrencysDecimals()
{
    // Always on, in both orgs: a price of 19.995 (Magento keeps four decimals) is kept as 20.00; a custom
    // currency field keeps what the API sent.
    SfHttp &http = *m_plainHttp;
    const QString book = m_plain.salesforce().value(u"magento_pricebook_id"_s).toString();
    const QJsonArray entries = records(http, u"SELECT Id FROM PricebookEntry WHERE Pricebook2Id = '%1' LIMIT 1"_s.arg(book));
    const auto account = http.post(SfHttp::data(u"sobjects/Account"_s), QJsonObject{{u"Name"_s, u"Rounding Ltd"_s}});
    const auto order = http.post(SfHttp::data(u"sobjects/Order"_s),
                                 QJsonObject{{u"AccountId"_s, account.object().value(u"id"_s)},
                                             {u"EffectiveDate"_s, u"2026-11-01"_s}, {u"Status"_s, u"Draft"_s},
                                             {u"Pricebook2Id"_s, book}, {u"Grand_Total__c"_s, 19.9951}});
    QCOMPARE(order.status, 201);
    const QString orderId = order.object().value(u"id"_s).toString();
    const auto item = http.post(SfHttp::data(u"sobjects/OrderItem"_s),
                                QJsonObject{{u"OrderId"_s, orderId}, {u"Quantity"_s, 1},
                                            {u"PricebookEntryId"_s, entries.at(0).toObject().value(u"Id"_s)},
                                            {u"UnitPrice"_s, 19.995}});
    QCOMPARE(item.status, 201);
    const auto read = http.get(SfHttp::data(u"sobjects/OrderItem/"_s) + item.object().value(u"id"_s).toString());
    QCOMPARE(read.object().value(u"UnitPrice"_s).toDouble(), 20.0);
    QCOMPARE(http.patch(SfHttp::data(u"sobjects/OrderItem/"_s) + item.object().value(u"id"_s).toString(),
                        QJsonObject{{u"UnitPrice"_s, 7.125}}).status,
             204);
    QCOMPARE(http.get(SfHttp::data(u"sobjects/OrderItem/"_s) + item.object().value(u"id"_s).toString())
                 .object().value(u"UnitPrice"_s).toDouble(),
             7.13);
    const auto readOrder = http.get(SfHttp::data(u"sobjects/Order/"_s) + orderId);
    QCOMPARE(readOrder.object().value(u"Grand_Total__c"_s).toDouble(), 19.9951);
}

// --currencies USD,JPY: the yen has 0 decimal places (CurrencyType and the records' standard currency fields);
// entries are in whole yen; a custom currency field keeps what the API sent. USD keeps 2 beside it.
void TestSfOrgCurrencies::yenKeepsWholeYen()
{
    SandboxProcess yen;
    QVERIFY2(yen.start({u"--seed"_s, u"7"_s, u"--orders"_s, u"0"_s, u"--currencies"_s, u"USD,JPY"_s}),
             qPrintable(yen.errorString()));
    SfHttp http(yen.salesforceLoginUrl());
    QCOMPARE(http.login(yen.salesforce()), QString());
    const QJsonArray types = records(http, u"SELECT IsoCode, DecimalPlaces FROM CurrencyType ORDER BY IsoCode"_s);
    QCOMPARE(types.size(), 2);
    QCOMPARE(types.at(0).toObject().value(u"IsoCode"_s).toString(), u"JPY"_s);
    QCOMPARE(types.at(0).toObject().value(u"DecimalPlaces"_s).toInt(), 0);
    QCOMPARE(types.at(1).toObject().value(u"DecimalPlaces"_s).toInt(), 2);
    const QString book = yen.salesforce().value(u"magento_pricebook_id"_s).toString();
    const QJsonArray entries = records(http, u"SELECT Id, UnitPrice FROM PricebookEntry WHERE Pricebook2Id = '%1' AND "
                                             "CurrencyIsoCode = 'JPY'"_s.arg(book));
    QVERIFY(!entries.isEmpty());
    for (const QJsonValue &e : entries) {
        const double price = e.toObject().value(u"UnitPrice"_s).toDouble();
        QCOMPARE(price, std::round(price));
    }
    const auto account = http.post(SfHttp::data(u"sobjects/Account"_s), QJsonObject{{u"Name"_s, u"Yen Shop"_s}});
    const auto order = http.post(SfHttp::data(u"sobjects/Order"_s),
                                 QJsonObject{{u"AccountId"_s, account.object().value(u"id"_s)},
                                             {u"EffectiveDate"_s, u"2026-11-01"_s}, {u"Status"_s, u"Draft"_s},
                                             {u"CurrencyIsoCode"_s, u"JPY"_s}, {u"Pricebook2Id"_s, book},
                                             {u"Grand_Total__c"_s, 3018.49}});
    QCOMPARE(order.status, 201);
    const QString orderId = order.object().value(u"id"_s).toString();
    const auto item = http.post(SfHttp::data(u"sobjects/OrderItem"_s),
                                QJsonObject{{u"OrderId"_s, orderId}, {u"Quantity"_s, 2},
                                            {u"PricebookEntryId"_s, entries.at(0).toObject().value(u"Id"_s)},
                                            {u"UnitPrice"_s, 1498.5}});
    QCOMPARE(item.status, 201);
    const QString itemPath = SfHttp::data(u"sobjects/OrderItem/"_s) + item.object().value(u"id"_s).toString();
    QCOMPARE(http.get(itemPath).object().value(u"UnitPrice"_s).toDouble(), 1499.0);
    QCOMPARE(http.get(itemPath).object().value(u"TotalPrice"_s).toDouble(), 2998.0);
    QCOMPARE(http.patch(itemPath, QJsonObject{{u"UnitPrice"_s, 1498.49}}).status, 204);
    QCOMPARE(http.get(itemPath).object().value(u"UnitPrice"_s).toDouble(), 1498.0);
    QCOMPARE(http.get(SfHttp::data(u"sobjects/Order/"_s) + orderId).object().value(u"Grand_Total__c"_s).toDouble(), 3018.49);
    // A USD order beside it keeps cents.
    const auto dollars = http.post(SfHttp::data(u"sobjects/Order"_s),
                                   QJsonObject{{u"AccountId"_s, account.object().value(u"id"_s)},
                                               {u"EffectiveDate"_s, u"2026-11-01"_s}, {u"Status"_s, u"Draft"_s},
                                               {u"CurrencyIsoCode"_s, u"USD"_s}, {u"Pricebook2Id"_s, book}});
    const QJsonArray usd = records(http, u"SELECT Id FROM PricebookEntry WHERE Pricebook2Id = '%1' AND "
                                         "CurrencyIsoCode = 'USD' LIMIT 1"_s.arg(book));
    const auto cents = http.post(SfHttp::data(u"sobjects/OrderItem"_s),
                                 QJsonObject{{u"OrderId"_s, dollars.object().value(u"id"_s)}, {u"Quantity"_s, 1},
                                             {u"PricebookEntryId"_s, usd.at(0).toObject().value(u"Id"_s)},
                                             {u"UnitPrice"_s, 19.995}});
    QCOMPARE(cents.status, 201);
    QCOMPARE(http.get(SfHttp::data(u"sobjects/OrderItem/"_s) + cents.object().value(u"id"_s).toString())
                 .object().value(u"UnitPrice"_s).toDouble(),
             20.0);
}

QTEST_GUILESS_MAIN(TestSfOrgCurrencies)
#include "tst_sforgcurrencies.moc"
