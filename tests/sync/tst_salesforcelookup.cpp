// The batched lookup with paged replies: a parent result that is not done, child lists with their own
// nextRecordsUrl, follow-up pages that fail or are malformed, SOQL's statement length, and SKUs compared as
// Salesforce compares ProductCode. LookupPages and SalesforceLookup on their own, then SyncEngine over a
// FakeNetwork that answers as a Salesforce org pages.

#include "fakenetwork.h"
#include "testdata.h"

#include "mapping/defaultmappings.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "salesforce/salesforceauthenticator.h"
#include "salesforce/salesforceclient.h"
#include "sync/lookuppages.h"
#include "sync/salesforcelookup.h"
#include "sync/syncengine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>

#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

const QString kNext = u"/services/data/v62.0/query/01g000000000001AAA-2000"_s;

QJsonObject result(const QJsonArray &records, const QString &next = {}, int totalSize = -1)
{
    QJsonObject r{{u"totalSize"_s, totalSize < 0 ? records.size() : totalSize},
                  {u"done"_s, next.isEmpty()},
                  {u"records"_s, records}};
    if (!next.isEmpty())
        r.insert(u"nextRecordsUrl"_s, next);
    return r;
}

QJsonArray notes(int from, int count)
{
    QJsonArray out;
    for (int i = from; i < from + count; ++i)
        out.append(QJsonObject{{u"Id"_s, u"002%1"_s.arg(i, 15, 10, QChar(u'0'))}, {u"Title"_s, u"Note %1"_s.arg(i)},
                               {u"Body"_s, u"Body %1"_s.arg(i)}});
    return out;
}

QJsonObject orderRecord(const QString &incrementId, const QJsonObject &notesList)
{
    return QJsonObject{{u"Id"_s, QString(u"801"_s + incrementId.rightJustified(15, u'0'))},
                       {u"Magento_ID__c"_s, incrementId},
                       {u"Status"_s, u"Draft"_s},
                       {u"StatusCode"_s, u"Draft"_s},
                       {u"OrderItems"_s, QJsonValue::Null},
                       {u"Notes"_s, notesList}};
}

QJsonObject sub(const QString &ref, const QJsonValue &body, int status = 200)
{
    return QJsonObject{{u"referenceId"_s, ref}, {u"httpStatusCode"_s, status}, {u"body"_s, body}};
}

QJsonObject composite(const QJsonArray &subs)
{
    return QJsonObject{{u"compositeResponse"_s, subs}};
}

QJsonObject priceBook(const QJsonArray &entries, const QString &next = {})
{
    return QJsonObject{{u"Id"_s, u"01sAA0000000001AAA"_s}, {u"Name"_s, u"Magento Default"_s}, {u"IsStandard"_s, false},
                       {u"PricebookEntries"_s, result(entries, next)}};
}

QJsonObject entry(int n, const QString &productCode)
{
    return QJsonObject{{u"Id"_s, u"01u%1"_s.arg(n, 15, 10, QChar(u'0'))},
                       {u"Product2Id"_s, u"01t%1"_s.arg(n, 15, 10, QChar(u'0'))},
                       {u"Product2"_s, QJsonObject{{u"ProductCode"_s, productCode}}},
                       {u"UnitPrice"_s, 10.0}};
}

QByteArray json(const QJsonValue &v)
{
    return v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                       : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
}

} // namespace

class TestSalesforceLookup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void completeReplyNeedsNoFollowUp();
    void childListsAreFollowedBeforeTheNextParentPage();
    void followUpPagesAreMergedIntoTheirParents();
    void malformedFollowUpFailsOnlyItsOrder();
    void failedParentPageFailsOrdersNotSeen();
    void malformedFirstReplyIsAnError();
    void runawayPagingStops();
    void priceEntriesOnLaterPagesAreSeen();
    void skuMatchingIgnoresCase();
    void longSkuListsAreSplitUnderTheStatementLimit();
    void longContactListsAreSplitUnderTheStatementLimit();
    void engineFollowsPagesAndFailsOnlyTheAffectedOrder();
};

void TestSalesforceLookup::completeReplyNeedsNoFollowUp()
{
    LookupPages pages;
    QVERIFY(pages.addComposite(composite({sub(u"qOrders"_s, result({orderRecord(u"1"_s, result(notes(0, 3)))}))})));
    QVERIFY(pages.takePending().isEmpty());
    QCOMPARE(pages.records(u"qOrders"_s).size(), 1);
}

void TestSalesforceLookup::childListsAreFollowedBeforeTheNextParentPage()
{
    LookupPages pages;
    const QString childNext = u"/services/data/v62.0/query/01g000000000002AAA-200"_s;
    QVERIFY(pages.addComposite(composite(
        {sub(u"qOrders"_s, result({orderRecord(u"1"_s, result(notes(0, 200), childNext, 600))}, kNext, 3))})));
    const QList<LookupPages::FollowUp> first = pages.takePending();
    QCOMPARE(first.size(), 2);
    QCOMPARE(first.at(0).url, childNext);
    QCOMPARE(first.at(1).url, kNext);
    QVERIFY(pages.takePending().isEmpty()); // each handed out once
}

void TestSalesforceLookup::followUpPagesAreMergedIntoTheirParents()
{
    LookupPages pages;
    const QString childNext = u"/services/data/v62.0/query/01g000000000002AAA-200"_s;
    const QString childNext2 = u"/services/data/v62.0/query/01g000000000002AAA-400"_s;
    QVERIFY(pages.addComposite(composite(
        {sub(u"qOrders"_s, result({orderRecord(u"1"_s, result(notes(0, 200), childNext, 600))}, kNext, 2))})));
    QList<LookupPages::FollowUp> asked = pages.takePending();
    QCOMPARE(asked.size(), 2);
    pages.addFollowUp(asked.at(0).id, result(notes(200, 200), childNext2, 600));
    pages.addFollowUp(asked.at(1).id, result({orderRecord(u"2"_s, result(notes(1000, 2)))}));
    asked = pages.takePending();
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).url, childNext2);
    pages.addFollowUp(asked.at(0).id, result(notes(400, 200), {}, 600));
    QVERIFY(pages.takePending().isEmpty());

    Settings settings;
    const auto snapshot = SalesforceLookup::parse(pages, settings);
    QVERIFY2(snapshot, qPrintable(snapshot ? QString() : snapshot.error().message));
    QCOMPARE(snapshot->ordersByIncrementId.value(u"1"_s).notes.size(), 600);
    QCOMPARE(snapshot->ordersByIncrementId.value(u"1"_s).notes.last().title, u"Note 599"_s);
    QCOMPARE(snapshot->ordersByIncrementId.value(u"2"_s).notes.size(), 2);
    QVERIFY(snapshot->incompleteByIncrementId.isEmpty());
}

void TestSalesforceLookup::malformedFollowUpFailsOnlyItsOrder()
{
    LookupPages pages;
    const QString childNext = u"/services/data/v62.0/query/01g000000000002AAA-200"_s;
    QVERIFY(pages.addComposite(composite({sub(u"qOrders"_s, result({orderRecord(u"1"_s, result(notes(0, 200), childNext, 600)),
                                                                    orderRecord(u"2"_s, result(notes(900, 1)))}))})));
    const QList<LookupPages::FollowUp> asked = pages.takePending();
    QCOMPARE(asked.size(), 1);
    pages.addFollowUp(asked.at(0).id, QJsonObject{{u"unexpected"_s, true}});
    QVERIFY(pages.takePending().isEmpty());
    Settings settings;
    const auto snapshot = SalesforceLookup::parse(pages, settings);
    QVERIFY(snapshot);
    QJsonObject one{{u"increment_id"_s, u"1"_s}};
    QJsonObject two{{u"increment_id"_s, u"2"_s}};
    const auto gap = SalesforceLookup::gapFor(one, *snapshot);
    QVERIFY(gap);
    QCOMPARE(gap->code, u"MALFORMED_RESPONSE"_s);
    QVERIFY(!SalesforceLookup::gapFor(two, *snapshot));

    // A child list that says it is not done but names no next page is malformed too, for its order alone.
    LookupPages broken;
    QJsonObject list = result(notes(0, 200), childNext, 600);
    list.remove(u"nextRecordsUrl"_s);
    QVERIFY(broken.addComposite(composite({sub(u"qOrders"_s, result({orderRecord(u"3"_s, list)}))})));
    QVERIFY(broken.takePending().isEmpty());
    QVERIFY(broken.recordGaps().value(u"qOrders"_s).contains(u"3"_s));
}

void TestSalesforceLookup::failedParentPageFailsOrdersNotSeen()
{
    LookupPages pages;
    QVERIFY(pages.addComposite(composite({sub(u"qOrders"_s, result({orderRecord(u"1"_s, result(notes(0, 1)))}, kNext, 2))})));
    const QList<LookupPages::FollowUp> asked = pages.takePending();
    QCOMPARE(asked.size(), 1);
    pages.addFollowUp(asked.at(0).id, fail(u"INVALID_QUERY_LOCATOR"_s, u"invalid query locator"_s));
    Settings settings;
    const auto snapshot = SalesforceLookup::parse(pages, settings);
    QVERIFY(snapshot);
    // Order 1 was seen whole; order 2 may be on the page that was lost, so it must not be created again.
    QVERIFY(!SalesforceLookup::gapFor(QJsonObject{{u"increment_id"_s, u"1"_s}}, *snapshot));
    const auto gap = SalesforceLookup::gapFor(QJsonObject{{u"increment_id"_s, u"2"_s}}, *snapshot);
    QVERIFY(gap);
    QCOMPARE(gap->code, u"INVALID_QUERY_LOCATOR"_s);
}

void TestSalesforceLookup::malformedFirstReplyIsAnError()
{
    LookupPages pages;
    QVERIFY(!pages.addComposite(QJsonObject{{u"nothing"_s, 1}}));
    QVERIFY(!pages.addComposite(composite({sub(u"qOrders"_s, QJsonObject{{u"records"_s, 3}})})));
    QJsonObject notDone = result({}, kNext);
    notDone.remove(u"nextRecordsUrl"_s);
    QVERIFY(!pages.addComposite(composite({sub(u"qOrders"_s, notDone)})));
    const auto refused = pages.addComposite(composite(
        {sub(u"qOrders"_s, QJsonArray{QJsonObject{{u"errorCode"_s, u"INVALID_FIELD"_s}, {u"message"_s, u"No such column"_s}}}, 400)}));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, u"INVALID_FIELD"_s);
}

void TestSalesforceLookup::runawayPagingStops()
{
    LookupPages pages;
    QVERIFY(pages.addComposite(composite({sub(u"qContacts"_s, result({}, kNext, 10))})));
    int rounds = 0;
    for (QList<LookupPages::FollowUp> asked = pages.takePending(); !asked.isEmpty(); asked = pages.takePending()) {
        QVERIFY(++rounds < 5000);
        for (const auto &f : asked)
            pages.addFollowUp(f.id, result({}, kNext, 10)); // a locator that never ends
    }
    QVERIFY(pages.queryGaps().contains(u"qContacts"_s));
}

void TestSalesforceLookup::priceEntriesOnLaterPagesAreSeen()
{
    LookupPages pages;
    const QString entriesNext = u"/services/data/v62.0/query/01g000000000003AAA-200"_s;
    QVERIFY(pages.addComposite(composite({sub(u"qPrices"_s, result({priceBook({entry(1, u"SKU-1"_s)}, entriesNext)}))})));
    const auto asked = pages.takePending();
    QCOMPARE(asked.size(), 1);
    pages.addFollowUp(asked.at(0).id, result({entry(2, u"SKU-2"_s)}));
    Settings settings;
    const auto snapshot = SalesforceLookup::parse(pages, settings);
    QVERIFY(snapshot);
    QVERIFY(snapshot->entriesBySku.contains(SalesforceSnapshot::skuKey(u"SKU-2"_s)));
    QVERIFY(!snapshot->incompletePrices);

    // When that page is lost, an order with an SKU not found fails; one whose SKUs were all seen goes on.
    LookupPages lost;
    QVERIFY(lost.addComposite(composite({sub(u"qPrices"_s, result({priceBook({entry(1, u"SKU-1"_s)}, entriesNext)}))})));
    const auto again = lost.takePending();
    lost.addFollowUp(again.at(0).id, fail(u"MALFORMED_RESPONSE"_s, u"no page"_s));
    const auto partial = SalesforceLookup::parse(lost, settings);
    QVERIFY(partial && partial->incompletePrices);
    auto orderWith = [](const QString &sku) {
        return QJsonObject{{u"increment_id"_s, u"9"_s}, {u"status"_s, u"processing"_s},
                           {u"items"_s, QJsonArray{QJsonObject{{u"item_id"_s, 1}, {u"sku"_s, sku}, {u"qty_ordered"_s, 1},
                                                               {u"qty_invoiced"_s, 1}, {u"product_type"_s, u"simple"_s}}}}};
    };
    QVERIFY(SalesforceLookup::gapFor(orderWith(u"SKU-2"_s), *partial));
    QVERIFY(!SalesforceLookup::gapFor(orderWith(u"sku-1"_s), *partial));
}

void TestSalesforceLookup::skuMatchingIgnoresCase()
{
    LookupPages pages;
    QVERIFY(pages.addComposite(composite({sub(u"qPrices"_s, result({priceBook({entry(1, u"ABC-1"_s)})}))})));
    Settings settings;
    const auto snapshot = SalesforceLookup::parse(pages, settings);
    QVERIFY(snapshot);
    QVERIFY(snapshot->entriesBySku.contains(SalesforceSnapshot::skuKey(u"abc-1"_s)));
    QCOMPARE(snapshot->entriesBySku.value(SalesforceSnapshot::skuKey(u"Abc-1"_s)).id, entry(1, {}).value(u"Id"_s).toString());
    QVERIFY(!snapshot->entriesBySku.contains(SalesforceSnapshot::skuKey(u"abc-2"_s)));
}

void TestSalesforceLookup::longSkuListsAreSplitUnderTheStatementLimit()
{
    // 4,000 SKUs of 60 characters: about 256,000 characters of IN list, far over one statement.
    QJsonArray items;
    QStringList skus;
    for (int i = 0; i < 4000; ++i) {
        const QString sku = u"SKU-%1-"_s.arg(i, 5, 10, QChar(u'0')).leftJustified(60, u'x');
        skus << sku;
        items.append(QJsonObject{{u"item_id"_s, i + 1}, {u"sku"_s, sku}, {u"qty_ordered"_s, 1}, {u"qty_invoiced"_s, 1},
                                 {u"product_type"_s, u"simple"_s}});
    }
    const QJsonObject order{{u"increment_id"_s, u"100000001"_s}, {u"status"_s, u"processing"_s},
                            {u"customer_email"_s, u"a@example.com"_s}, {u"items"_s, items}};
    Settings settings;
    QVERIFY(settings.setValue(u"advanced.create_missing_products"_s, true));
    const FieldMappingList mappings = defaultMappings();
    const auto queries = SalesforceLookup::queries({{order}, &settings, &mappings});
    QVERIFY2(queries, qPrintable(queries ? QString() : queries.error().message));
    int priceQueries = 0;
    int productQueries = 0;
    QHash<QString, int> seenInPrices;
    for (const SalesforceLookup::Query &q : *queries) {
        QVERIFY2(q.soql.size() < SalesforceLookup::MaxStatementLength, qPrintable(q.referenceId));
        if (q.referenceId.startsWith(u"qPrices"_s))
            ++priceQueries;
        if (q.referenceId.startsWith(u"qProducts"_s))
            ++productQueries;
        for (const QString &sku : std::as_const(skus)) {
            if (q.referenceId.startsWith(u"qPrices"_s) && q.soql.contains(u'\'' + sku + u'\''))
                ++seenInPrices[sku];
        }
    }
    QVERIFY2(priceQueries >= 3, qPrintable(QString::number(priceQueries)));
    QVERIFY2(productQueries >= 3, qPrintable(QString::number(productQueries)));
    QCOMPARE(seenInPrices.size(), skus.size());
    for (auto it = seenInPrices.cbegin(); it != seenInPrices.cend(); ++it)
        QCOMPARE(it.value(), 1);
    // The reference IDs stay distinct, or the composite call would refuse them.
    QSet<QString> refs;
    for (const SalesforceLookup::Query &q : *queries)
        refs.insert(q.referenceId);
    QCOMPARE(refs.size(), queries->size());

    // A short list stays one statement per query.
    QJsonObject small = order;
    small.insert(u"items"_s, QJsonArray{items.first()});
    const auto few = SalesforceLookup::queries({{small}, &settings, &mappings});
    QVERIFY(few);
    QCOMPARE(std::count_if(few->cbegin(), few->cend(), [](const auto &q) { return q.referenceId.startsWith(u"qPrices"_s); }), 1);
}

void TestSalesforceLookup::longContactListsAreSplitUnderTheStatementLimit()
{
    // 200 guests with 250-character e-mails: each e-mail once, and once more in its legacy key "guest-<email>",
    // about 105,000 characters of IN lists, over one statement.
    QList<QJsonObject> orders;
    QStringList emails;
    for (int i = 0; i < 200; ++i) {
        const QString email = u"guest%1."_s.arg(i, 3, 10, QChar(u'0')).leftJustified(238, u'x') + u"@example.com"_s;
        emails << email;
        orders << QJsonObject{{u"increment_id"_s, QString::number(100000001 + i)}, {u"status"_s, u"processing"_s},
                              {u"customer_is_guest"_s, 1}, {u"customer_email"_s, email}, {u"items"_s, QJsonArray{}}};
    }
    Settings settings;
    const FieldMappingList mappings = defaultMappings();
    const auto queries = SalesforceLookup::queries({orders, &settings, &mappings});
    QVERIFY2(queries, qPrintable(queries ? QString() : queries.error().message));
    QHash<QString, int> seen;
    QSet<QString> refs;
    int contactQueries = 0;
    for (const SalesforceLookup::Query &q : *queries) {
        QVERIFY2(q.soql.size() < SalesforceLookup::MaxStatementLength, qPrintable(q.referenceId));
        refs.insert(q.referenceId);
        if (!q.referenceId.startsWith(u"qContacts"_s))
            continue;
        ++contactQueries;
        for (const QString &email : std::as_const(emails)) {
            if (q.soql.contains(u'\'' + email + u'\''))
                ++seen[u"email:"_s + email];
            if (q.soql.contains(u"'guest-"_s + email + u'\''))
                ++seen[u"legacy:"_s + email];
        }
    }
    QVERIFY2(contactQueries >= 2, qPrintable(QString::number(contactQueries)));
    QCOMPARE(refs.size(), queries->size());
    QCOMPARE(seen.size(), 2 * emails.size());
    for (auto it = seen.cbegin(); it != seen.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(it.key()));

    // A reply under either reference ID lands in the same customers.
    LookupPages pages;
    const QJsonObject contact{{u"Id"_s, u"003000000000001AAA"_s}, {u"AccountId"_s, u"001000000000001AAA"_s},
                              {u"Email"_s, emails.last()}, {u"Magento_ID__c"_s, QJsonValue::Null}};
    QVERIFY(pages.addComposite(composite({sub(u"qContacts2"_s, result({contact}))})));
    const auto snapshot = SalesforceLookup::parse(pages, settings);
    QVERIFY(snapshot);
    QCOMPARE(snapshot->customersByEmail.value(emails.last()).accountId, u"001000000000001AAA"_s);
}

void TestSalesforceLookup::engineFollowsPagesAndFailsOnlyTheAffectedOrder()
{
    // Two orders: 000000142 (the fixture) has 450 Notes over three pages of its child list; 000000143's Notes
    // page comes back malformed. The Orders result itself is paged: 000000143 is on its second page.
    const QJsonObject fixture = loadMagentoOrderFixture();
    QJsonObject other = fixture;
    other.insert(u"increment_id"_s, u"000000143"_s);
    other.insert(u"entity_id"_s, 143);
    const QString notesA2 = u"/services/data/v62.0/query/01gA-200"_s;
    const QString notesA3 = u"/services/data/v62.0/query/01gA-400"_s;
    const QString notesB2 = u"/services/data/v62.0/query/01gB-200"_s;
    const QString ordersPage2 = u"/services/data/v62.0/query/01gO-1"_s;
    QStringList followed;
    FakeNetwork net;
    net.handler = [&](const FakeRequest &r) -> FakeResponse {
        const QJsonArray asked = QJsonDocument::fromJson(r.body).object().value(u"compositeRequest"_s).toArray();
        QJsonArray subs;
        for (const QJsonValue &v : asked) {
            const QString ref = v.toObject().value(u"referenceId"_s).toString();
            const QString url = v.toObject().value(u"url"_s).toString();
            if (ref == u"qOrders"_s)
                subs.append(sub(ref, result({orderRecord(u"000000142"_s, result(notes(0, 200), notesA2, 450))}, ordersPage2, 2)));
            else if (ref == u"qPrices"_s)
                subs.append(sub(ref, result({priceBook({entry(1, u"mh07-xl-green"_s), entry(2, u"24-wg080"_s)})})));
            else if (ref == u"qStatuses"_s)
                subs.append(sub(ref, result({QJsonObject{{u"ApiName"_s, u"Draft"_s}, {u"StatusCode"_s, u"Draft"_s}}})));
            else if (!url.contains(u"/query/"_s))
                subs.append(sub(ref, result({})));
            else {
                followed << url;
                if (url == notesA2)
                    subs.append(sub(ref, result(notes(200, 200), notesA3, 450)));
                else if (url == notesA3)
                    subs.append(sub(ref, result(notes(400, 50), {}, 450)));
                else if (url == ordersPage2)
                    subs.append(sub(ref, result({orderRecord(u"000000143"_s, result(notes(600, 200), notesB2, 300))}, {}, 2)));
                else
                    subs.append(sub(ref, QJsonObject{{u"totalSize"_s, 300}})); // no records: malformed
            }
        }
        return FakeResponse{200, json(QJsonObject{{u"compositeResponse"_s, subs}}), {}, QNetworkReply::NoError};
    };
    SalesforceAuthConfig auth;
    auth.flow = SalesforceAuthConfig::Flow::Password;
    auth.loginUrl = QUrl(u"https://login.example.com"_s);
    SalesforceAuthenticator authenticator(&net, auth);
    SalesforceClient client(&net, &authenticator);
    SalesforceSession session;
    session.accessToken = u"token"_s;
    session.instanceUrl = QUrl(u"https://acme.my.salesforce.com"_s);
    client.setSession(session);
    SyncEngine engine(&client);
    SyncEngine::Config config;
    config.mappings = defaultMappings();
    config.schema = SalesforceFieldCatalogue::schema();
    config.trigger = SyncTrigger::OnDemand;
    config.dryRun = true;
    // The fake org answers lookups only: no Person Account detection (a describe) for the new customer.
    QVERIFY(config.settings.set(u"advanced.person_accounts"_s, u"no"_s));
    std::optional<Result<BatchOutcome>> done;
    engine.syncBatch({fixture, other}, config, [&done](Result<BatchOutcome> r) { done = std::move(r); });
    QVERIFY(QTest::qWaitFor([&done] { return done.has_value(); }, 10000));
    QVERIFY2(done->has_value(), qPrintable(done->has_value() ? QString() : done->error().message));
    const BatchOutcome &outcome = **done;
    // Child list first, then the next page of Orders, then the children that page brought.
    QCOMPARE(followed, (QStringList{notesA2, ordersPage2, notesA3, notesB2}));
    // One composite lookup, then two composite calls of follow-up pages (notesA2 + ordersPage2, then the rest).
    QCOMPARE(outcome.apiCalls, 3);
    QCOMPARE(net.requests.size(), 3);
    QCOMPARE(outcome.orders.size(), 2);
    QVERIFY2(outcome.orders.at(0).status != SyncStatus::Error, qPrintable(outcome.orders.at(0).error.toString()));
    QCOMPARE(outcome.orders.at(0).orderId, u"801000000000000142"_s);
    QCOMPARE(outcome.orders.at(1).status, SyncStatus::Error);
    QCOMPARE(outcome.orders.at(1).error.code, u"MALFORMED_RESPONSE"_s);
}

QTEST_GUILESS_MAIN(TestSalesforceLookup)
#include "tst_salesforcelookup.moc"
