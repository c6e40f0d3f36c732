// The sync engine against orgs set up as real orgs often are (orderbridge-sandbox
// --state-country-picklists --currencies USD,EUR --duplicate-rules, with a store that sells in USD and EUR),
// with the schema read from the org's describe as the worker reads it: a backfill of the store ends with every
// eligible order in sync, one Contact per e-mail, ISO codes in *CountryCode / *StateCode, EUR orders in EUR
// with EUR price book entries, and a second sync writes nothing. A single-currency org refuses the EUR orders
// alone, or books their base-currency amounts when advanced.book_base_currency says so. The same product
// keeps writing the text fields in an org without picklists, and the built-in catalogue (which knows no
// code fields) shows what the picklist org refuses. In an org with JPY (0 decimal places) yen orders, whose
// Magento amounts carry cents, are written in whole yen and a second sync writes nothing.

#include "magento/magentoclient.h"
#include "mapping/defaultmappings.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "mapping/salesforceschema.h"
#include "salesforce/salesforceclient.h"
#include "salesforce/sobjectdescribe.h"
#include "asyncresult.h"
#include "orgquery.h"
#include "sandboxorg.h"
#include "sync/syncengine.h"
#include "sync/syncplanner.h"

#include <QNetworkAccessManager>
#include <QSet>
#include <QTest>

#include <cmath>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

struct Org : SandboxOrg
{
    SalesforceSchema schema;
};

QString billingCountry(const QJsonObject &order)
{
    return order.value(u"billing_address"_s).toObject().value(u"country_id"_s).toString();
}

} // namespace

class TestRealOrgsSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void catalogueSchemaMeetsTheCountryPicklist();
    void backfillOfAPicklistOrgWithDuplicateRules();
    void orgWithoutPicklistsKeepsTheTextFields();
    void singleCurrencyOrgRefusesTheEuroOrderAlone();
    void baseCurrencySettingBooksTheEuroOrder();
    void yenOrdersAreComparedInWholeYen();

private:
    bool startOrg(Org &o, const QStringList &flags);
    BatchOutcome sync(Org &o, const QList<QJsonObject> &batch, const SalesforceSchema &schema);

    QNetworkAccessManager m_network;
    Org m_real;
    Org m_plain;
    Org m_single; ///< one currency (USD), a store selling in USD and EUR
    Org m_yen;    ///< USD and JPY (0 decimal places), a store selling in USD and JPY
};

bool TestRealOrgsSandbox::startOrg(Org &o, const QStringList &flags)
{
    if (!o.start(&m_network, QStringList{u"--orders"_s, u"120"_s, u"--seed"_s, u"23"_s} + flags))
        return false;
    // As OrgSession does: the catalogue, overlaid with the live describe of Order and OrderItem.
    o.schema = SalesforceFieldCatalogue::schema();
    for (const QString &object : {u"Order"_s, u"OrderItem"_s}) {
        Waiter<SalesforceResult<SObjectDescribe>> d;
        o.org->client()->describe(object, d.callback());
        if (!d.wait() || !d.result->has_value())
            return false;
        o.schema.overlay(**d.result);
    }
    return true;
}

void TestRealOrgsSandbox::initTestCase()
{
    QVERIFY(startOrg(m_real, {u"--state-country-picklists"_s, u"--currencies"_s, u"USD,EUR"_s, u"--duplicate-rules"_s,
                              u"--magento-currencies"_s, u"USD,EUR"_s}));
    QVERIFY(startOrg(m_plain, {}));
    QVERIFY(startOrg(m_single, {u"--magento-currencies"_s, u"USD,EUR"_s}));
    QVERIFY(startOrg(m_yen, {u"--currencies"_s, u"USD,JPY"_s, u"--magento-currencies"_s, u"USD,JPY"_s}));
    QVERIFY(m_real.schema.order.contains(u"CurrencyIsoCode"_s));
    QVERIFY(!m_single.schema.order.contains(u"CurrencyIsoCode"_s));
    QVERIFY(m_real.schema.order.contains(u"BillingCountryCode"_s));
    QVERIFY(!m_plain.schema.order.contains(u"BillingCountryCode"_s));
}

BatchOutcome TestRealOrgsSandbox::sync(Org &o, const QList<QJsonObject> &batch, const SalesforceSchema &schema)
{
    SyncEngine::Config c;
    c.mappings = defaultMappings();
    c.schema = schema;
    c.trigger = SyncTrigger::OnDemand;
    return o.sync(batch, c);
}

void TestRealOrgsSandbox::catalogueSchemaMeetsTheCountryPicklist()
{
    // What every OrderBridge without the code fields did in such an org: "US" in BillingCountry is refused.
    QList<QJsonObject> paid;
    for (const QJsonObject &o : m_real.orders(this)) {
        // USD orders: the catalogue knows no CurrencyIsoCode, so a EUR order would fail for its currency first.
        if (SyncPlanner::isPaid(o) && !billingCountry(o).isEmpty() && paid.size() < 3
            && o.value(u"order_currency_code"_s).toString() == u"USD"_s)
            paid << o;
    }
    QCOMPARE(paid.size(), 3);
    const BatchOutcome outcome = sync(m_real, paid, SalesforceFieldCatalogue::schema());
    QCOMPARE(outcome.orders.size(), 3);
    for (const OrderOutcome &o : outcome.orders) {
        QCOMPARE(o.status, SyncStatus::Error);
        QCOMPARE(o.error.code, u"FIELD_INTEGRITY_EXCEPTION"_s);
        QVERIFY2(o.error.message.contains(u"country"_s), qPrintable(o.error.message));
    }
}

void TestRealOrgsSandbox::backfillOfAPicklistOrgWithDuplicateRules()
{
    const QList<QJsonObject> all = m_real.orders(this);
    QVERIFY(all.size() >= 100);
    QSet<QString> countries;
    int paid = 0;
    for (const QJsonObject &o : all) {
        countries.insert(billingCountry(o));
        paid += SyncPlanner::countsAsPaid(o, Settings{}) ? 1 : 0;
    }
    QVERIFY2(countries.size() >= 3, "the store's addresses are in several countries");
    QList<QJsonObject> paidEuro;
    for (const QJsonObject &o : all) {
        if (SyncPlanner::isPaid(o) && o.value(u"order_currency_code"_s).toString() == u"EUR"_s)
            paidEuro << o;
    }
    QVERIFY2(paidEuro.size() >= 5, "the store has paid orders in EUR");

    const BatchOutcome first = sync(m_real, all, m_real.schema);
    QCOMPARE(first.orders.size(), all.size());
    int inSync = 0;
    for (const OrderOutcome &o : first.orders) {
        QVERIFY2(o.status != SyncStatus::Error, qPrintable(o.incrementId + u": "_s + o.error.toString()));
        inSync += o.status == SyncStatus::InSync ? 1 : 0;
    }
    QCOMPARE(inSync, paid);
    qInfo("backfill of %d orders (%d in sync): %d API calls", int(all.size()), inSync, first.apiCalls);

    QSet<QString> emails;
    for (const QJsonObject &o : all) {
        if (SyncPlanner::isPaid(o))
            emails.insert(o.value(u"customer_email"_s).toString().toLower());
    }
    for (const QString &email : std::as_const(emails))
        QCOMPARE(m_real.org->soql(u"SELECT Id FROM Contact WHERE Email = '%1'"_s.arg(email)).size(), 1);

    // The codes are Magento's; the names are the org's integration values.
    int checked = 0;
    for (const QJsonObject &o : all) {
        if (!SyncPlanner::isPaid(o) || checked >= 10)
            continue;
        const auto rows = m_real.org->soql(u"SELECT BillingCountry, BillingCountryCode, BillingStateCode FROM Order "
                                           "WHERE Magento_ID__c = '%1'"_s.arg(o.value(u"increment_id"_s).toString()));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().value(u"BillingCountryCode"_s).toString(), billingCountry(o));
        QVERIFY(rows.first().value(u"BillingCountry"_s).toString().size() > 2);
        if (billingCountry(o) == u"US"_s) {
            QCOMPARE(rows.first().value(u"BillingStateCode"_s).toString(),
                     o.value(u"billing_address"_s).toObject().value(u"region_code"_s).toString());
        }
        ++checked;
    }

    // EUR orders are booked in EUR, with EUR entries and Magento's EUR amounts.
    for (const QJsonObject &o : std::as_const(paidEuro)) {
        const QString inc = o.value(u"increment_id"_s).toString();
        const auto rows = m_real.org->soql(u"SELECT Id, CurrencyIsoCode, Grand_Total__c FROM Order WHERE Magento_ID__c = '%1'"_s.arg(inc));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().value(u"CurrencyIsoCode"_s).toString(), u"EUR"_s);
        QCOMPARE(rows.first().value(u"Grand_Total__c"_s).toDouble(), o.value(u"grand_total"_s).toDouble());
        const auto items = m_real.org->soql(u"SELECT PricebookEntry.CurrencyIsoCode FROM OrderItem WHERE OrderId = '%1'"_s.arg(
            rows.first().value(u"Id"_s).toString()));
        QVERIFY(!items.isEmpty());
        for (const QJsonObject &item : items)
            QCOMPARE(item.value(u"PricebookEntry"_s).toObject().value(u"CurrencyIsoCode"_s).toString(), u"EUR"_s);
    }

    const BatchOutcome second = sync(m_real, all, m_real.schema);
    for (const OrderOutcome &o : second.orders) {
        QVERIFY2(o.status != SyncStatus::Error, qPrintable(o.incrementId + u": "_s + o.error.toString()));
        QVERIFY2(!o.wrote, qPrintable(o.incrementId));
    }
    QCOMPARE(second.apiCalls, 1);
}

void TestRealOrgsSandbox::orgWithoutPicklistsKeepsTheTextFields()
{
    QList<QJsonObject> paid;
    for (const QJsonObject &o : m_plain.orders(this)) {
        if (SyncPlanner::isPaid(o) && paid.size() < 10)
            paid << o;
    }
    const BatchOutcome outcome = sync(m_plain, paid, m_plain.schema);
    for (const OrderOutcome &o : outcome.orders)
        QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.incrementId + u": "_s + o.error.toString()));
    const QString inc = paid.first().value(u"increment_id"_s).toString();
    const auto rows = m_plain.org->soql(u"SELECT BillingCountry FROM Order WHERE Magento_ID__c = '%1'"_s.arg(inc));
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"BillingCountry"_s).toString(), billingCountry(paid.first()));
}

void TestRealOrgsSandbox::singleCurrencyOrgRefusesTheEuroOrderAlone()
{
    QList<QJsonObject> paid;
    int euro = 0;
    for (const QJsonObject &o : m_single.orders(this)) {
        const bool isEuro = o.value(u"order_currency_code"_s).toString() == u"EUR"_s;
        if (!SyncPlanner::isPaid(o) || (isEuro ? euro >= 3 : paid.size() - euro >= 8))
            continue;
        paid << o;
        euro += isEuro ? 1 : 0;
    }
    QCOMPARE(euro, 3);
    QCOMPARE(paid.size(), 11);
    const BatchOutcome outcome = sync(m_single, paid, m_single.schema);
    QCOMPARE(outcome.orders.size(), paid.size());
    QHash<QString, QString> currencyOf;
    for (const QJsonObject &o : std::as_const(paid))
        currencyOf.insert(o.value(u"increment_id"_s).toString(), o.value(u"order_currency_code"_s).toString());
    for (const OrderOutcome &o : outcome.orders) {
        if (currencyOf.value(o.incrementId) != u"EUR"_s) {
            QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.incrementId + u": "_s + o.error.toString()));
            continue;
        }
        QCOMPARE(o.status, SyncStatus::Error);
        QCOMPARE(o.error.code, u"sync.currency_not_in_org"_s);
        QVERIFY2(o.error.message.contains(u"EUR"_s) && o.error.message.contains(u"USD"_s), qPrintable(o.error.message));
        QVERIFY2(o.error.hint.contains(u"advanced.book_base_currency"_s), qPrintable(o.error.hint));
        QVERIFY(!o.wrote);
        QVERIFY(m_single.org->soql(u"SELECT Id FROM Order WHERE Magento_ID__c = '%1'"_s.arg(o.incrementId)).isEmpty());
    }
}

void TestRealOrgsSandbox::baseCurrencySettingBooksTheEuroOrder()
{
    QList<QJsonObject> euro;
    for (const QJsonObject &o : m_single.orders(this)) {
        if (SyncPlanner::isPaid(o) && o.value(u"order_currency_code"_s).toString() == u"EUR"_s && euro.size() < 3
            && o.value(u"base_grand_total"_s).toDouble() > 0)
            euro << o;
    }
    QVERIFY(!euro.isEmpty());
    SyncEngine::Config c;
    c.mappings = defaultMappings();
    c.schema = m_single.schema;
    c.trigger = SyncTrigger::OnDemand;
    QVERIFY(c.settings.set(u"advanced.book_base_currency"_s, u"yes"_s).has_value());
    SyncEngine engine(m_single.org->client());
    Waiter<Result<BatchOutcome>> done;
    engine.syncBatch(euro, c, done.callback());
    QVERIFY(done.wait(120000) && done.result->has_value());
    for (const OrderOutcome &o : (*done.result)->orders) {
        QVERIFY2(o.status == SyncStatus::InSync, qPrintable(o.incrementId + u": "_s + o.error.toString()));
        QVERIFY(o.notices.join(u' ').contains(u"EUR"_s));
    }
    const QJsonObject first = euro.first();
    const auto rows = m_single.org->soql(u"SELECT Grand_Total__c FROM Order WHERE Magento_ID__c = '%1'"_s.arg(
        first.value(u"increment_id"_s).toString()));
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"Grand_Total__c"_s).toDouble(), first.value(u"base_grand_total"_s).toDouble());
    QVERIFY(first.value(u"base_grand_total"_s).toDouble() != first.value(u"grand_total"_s).toDouble());
}

void TestRealOrgsSandbox::yenOrdersAreComparedInWholeYen()
{
    const auto places = m_yen.org->soql(u"SELECT IsoCode, DecimalPlaces FROM CurrencyType"_s);
    QCOMPARE(places.size(), 2);
    for (const QJsonObject &p : places)
        QCOMPARE(p.value(u"DecimalPlaces"_s).toInt(), p.value(u"IsoCode"_s).toString() == u"JPY"_s ? 0 : 2);
    const QList<QJsonObject> all = m_yen.orders(this);
    QList<QJsonObject> paidYen;
    bool sen = false; // a yen price with a fraction, which the org rounds away
    for (const QJsonObject &o : all) {
        if (!SyncPlanner::isPaid(o) || o.value(u"order_currency_code"_s).toString() != u"JPY"_s)
            continue;
        paidYen << o;
        for (const QJsonValue &item : o.value(u"items"_s).toArray()) {
            const double price = item.toObject().value(u"price"_s).toDouble();
            sen = sen || std::abs(price - std::round(price)) > 0.001;
        }
    }
    QVERIFY2(paidYen.size() >= 3, "the store has paid orders in JPY");
    QVERIFY2(sen, "a yen price has a fraction");

    const BatchOutcome first = sync(m_yen, all, m_yen.schema);
    for (const OrderOutcome &o : first.orders)
        QVERIFY2(o.status != SyncStatus::Error, qPrintable(o.incrementId + u": "_s + o.error.toString()));
    for (const QJsonObject &o : std::as_const(paidYen)) {
        const auto rows = m_yen.org->soql(u"SELECT Id, CurrencyIsoCode, Grand_Total__c FROM Order WHERE Magento_ID__c = '%1'"_s.arg(
            o.value(u"increment_id"_s).toString()));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().value(u"CurrencyIsoCode"_s).toString(), u"JPY"_s);
        QCOMPARE(rows.first().value(u"Grand_Total__c"_s).toDouble(), std::round(o.value(u"grand_total"_s).toDouble()));
        for (const QJsonObject &item : m_yen.org->soql(u"SELECT UnitPrice FROM OrderItem WHERE OrderId = '%1'"_s.arg(
                 rows.first().value(u"Id"_s).toString()))) {
            const double price = item.value(u"UnitPrice"_s).toDouble();
            QCOMPARE(price, std::round(price));
        }
    }

    // The org holds whole yen; compared at its currency's precision, nothing differs.
    const BatchOutcome second = sync(m_yen, all, m_yen.schema);
    for (const OrderOutcome &o : second.orders) {
        QVERIFY2(o.status != SyncStatus::Error, qPrintable(o.incrementId + u": "_s + o.error.toString()));
        QVERIFY2(!o.wrote, qPrintable(o.incrementId));
    }
    QCOMPARE(second.apiCalls, 1);
}

QTEST_GUILESS_MAIN(TestRealOrgsSandbox)
#include "tst_realorgs_sandbox.moc"
