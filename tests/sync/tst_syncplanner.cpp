#include "mapping/defaultmappings.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "settings/settings.h"
#include "salesforce/recordgraphbuilder.h"
#include "sync/plannertext.h"
#include "sync/syncplanner.h"

#include "testdata.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

#include <cmath>
#include <functional>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

namespace {

SalesforceSnapshot baseSnapshot()
{
    SalesforceSnapshot s;
    s.pricebookId = u"01sAA0000000001AAA"_s;
    s.pricebookName = u"Magento Default"_s;
    s.standardPricebookId = u"01sAA0000000000AAA"_s;
    s.entriesBySku.insert(SalesforceSnapshot::skuKey(u"MH07-XL-Green"_s), SfPriceEntry{u"01uAA0000000001AAA"_s, u"01tAA0000000001AAA"_s, 59.95});
    s.entriesBySku.insert(SalesforceSnapshot::skuKey(u"24-WG080"_s), SfPriceEntry{u"01uAA0000000002AAA"_s, u"01tAA0000000002AAA"_s, 80});
    s.statusCategories.insert(u"Draft"_s, u"Draft"_s);
    s.statusCategories.insert(u"Activated"_s, u"Activated"_s);
    return s;
}

/// "operation Object key ref" for every write, to compare plans as text: the key is the external
/// ID (field=value) of an upsert and the record ID of an update.
QString summaryOf(const RecordWrite &w)
{
    QString key;
    if (w.operation == RecordWrite::Operation::Upsert)
        key = u' ' + w.externalIdField + u'=' + w.externalId;
    else if (w.operation == RecordWrite::Operation::Update)
        key = u' ' + w.recordId;
    return RecordWrite::operationName(w.operation) + u' ' + w.object + key + u' ' + w.referenceId;
}

QStringList writeSummary(const OrderPlan &plan)
{
    QStringList out;
    for (const RecordWrite &w : plan.writes.writes)
        out << summaryOf(w);
    return out;
}

const RecordWrite *findWrite(const OrderPlan &plan, const QString &ref)
{
    return plan.writes.write(ref);
}

struct Fixture
{
    QJsonObject order = loadMagentoOrderFixture();
    SalesforceSnapshot snapshot = baseSnapshot();
    Settings settings;
    FieldMappingList mappings = defaultMappings();
    SalesforceSchema schema = SalesforceFieldCatalogue::schema();
    SyncTrigger trigger = SyncTrigger::Automatic;
    StoreViews stores; // nothing read: UTC days, increment_id keys

    OrderPlan plan() const
    {
        SyncPlanner::Input in;
        in.order = order;
        in.snapshot = &snapshot;
        in.settings = &settings;
        in.mappings = &mappings;
        in.schema = &schema;
        in.trigger = trigger;
        in.stores = &stores;
        return SyncPlanner::plan(in);
    }

    /// The fixture's order as it stands in Salesforce after a first sync.
    void markSynced(const QString &status = u"Draft"_s)
    {
        SfOrderState state;
        state.id = u"801AA0000000001AAA"_s;
        state.status = status;
        state.statusCode = snapshot.statusCategories.value(status);
        state.accountId = u"001AA0000000001AAA"_s;
        SyncPlanner::Input in;
        in.order = order;
        in.snapshot = &snapshot;
        in.settings = &settings;
        in.mappings = &mappings;
        in.schema = &schema;
        in.trigger = SyncTrigger::OnDemand;
        // What the first sync sent is what Salesforce now has.
        SalesforceSnapshot withCustomer = snapshot;
        withCustomer.customersByEmail.insert(u"zoe.mueller@example.de"_s,
                                             SfCustomer{state.accountId, u"003AA0000000001AAA"_s});
        in.snapshot = &withCustomer;
        const OrderPlan first = SyncPlanner::plan(in);
        for (const RecordWrite &w : first.writes.writes) {
            if (w.referenceId == u"refOrder"_s) {
                state.fields = w.fields;
                state.fields.remove(u"Status"_s);
            } else if (w.referenceId.startsWith(u"refItem"_s)) {
                const QString ext = w.externalId;
                state.itemsByExternalId.insert(ext, SfOrderItemState{u"802AA00000000%1AAA"_s.arg(ext),
                                                                     w.fields.value(u"PricebookEntryId"_s).toString(), w.fields});
            } else if (w.referenceId.startsWith(u"refNote"_s) && !w.referenceId.endsWith(u"Link"_s)) {
                // The lookup sees a ContentNote through its ContentDocument's Title only.
                state.notes << SfNoteState{u"002AA0000000001AAA"_s, w.fields.value(u"Title"_s).toString(),
                                           w.fields.value(u"Body"_s).toString()};
            } else if (w.referenceId == u"refOpp"_s) {
                SfOpportunityState opp;
                opp.id = u"006AA0000000001AAA"_s;
                opp.fields = w.fields;
                opp.fields.insert(u"AccountId"_s, state.accountId);
                snapshot.opportunitiesByIncrementId.insert(order.value(u"increment_id"_s).toString(), opp);
                snapshot.opportunityIdsByIncrementId.insert(order.value(u"increment_id"_s).toString(), opp.id);
                state.opportunityId = opp.id;
            } else if (w.referenceId.startsWith(u"refOli"_s)) {
                SfOpportunityState &opp = snapshot.opportunitiesByIncrementId[order.value(u"increment_id"_s).toString()];
                opp.items << SfOpportunityItemState{u"00kAA000000000%1AAA"_s.arg(opp.items.size()),
                                                    w.fields.value(u"PricebookEntryId"_s).toString(),
                                                    w.fields.value(u"Quantity"_s).toDouble(),
                                                    w.fields.value(u"UnitPrice"_s).toDouble()};
            }
        }
        state.fields.insert(u"AccountId"_s, state.accountId);
        if (!state.opportunityId.isEmpty())
            state.fields.insert(u"OpportunityId"_s, state.opportunityId);
        snapshot.ordersByIncrementId.insert(order.value(u"increment_id"_s).toString(), state);
    }
};

/// Changes a fixture before it is planned.
struct Scenario
{
    std::function<void(Fixture &)> setUp;
};

/// The Order describe of an org with multiple currencies: CurrencyIsoCode over the active codes.
void addCurrencyField(SalesforceSchema &schema, const QStringList &codes)
{
    SalesforceFieldInfo iso;
    iso.name = u"CurrencyIsoCode"_s;
    iso.type = u"picklist"_s;
    iso.restrictedPicklist = true;
    iso.picklistValues = PicklistValue::listOf(codes);
    schema.order.insert(iso.name, iso);
}

/// The fixture in a USD store that sold it in EUR (0.92 EUR per USD).
void placeInEuro(QJsonObject &order)
{
    order.insert(u"base_currency_code"_s, u"USD"_s);
    order.insert(u"order_currency_code"_s, u"EUR"_s);
    order.insert(u"base_to_order_rate"_s, 0.92);
    order.insert(u"base_grand_total"_s, 241.11);
    QJsonArray items = order.value(u"items"_s).toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        QJsonObject item = items.at(i).toObject();
        item.insert(u"base_price"_s, std::round(item.value(u"price"_s).toDouble() / 0.92 * 100) / 100);
        items.replace(i, item);
    }
    order.insert(u"items"_s, items);
}

} // namespace

Q_DECLARE_METATYPE(Scenario)

class TestSyncPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void multiCurrencyOrgBooksTheOrderCurrency();
    void yenAmountsAreWrittenAndComparedInWholeYen();
    void inactiveCurrencyFailsTheOrder();
    void singleCurrencyOrgRefusesAnotherCurrency();
    void baseCurrencySettingBooksBaseAmounts();
    void fourDecimalPricesDoNotLookChanged();
    void eligibility_data();
    void eligibility();
    void paymentUnderForPaidOrder_data();
    void paymentUnderForPaidOrder();
    void plannedWrites_data();
    void plannedWrites();
    void reasonsAreStoredInEnglish();
    void newPaidOrderWritesEverythingInOneGraph();
    void billedLinesSkipChildrenAndBillDynamicBundles();
    void bundleOwnSkuIgnoresOptionOrder_data();
    void bundleOwnSkuIgnoresOptionOrder();
    void bundleLineIsItsCatalogProduct_data();
    void bundleLineIsItsCatalogProduct();
    void bundleProductIdsAreTheBilledBundles();
    void effectiveDateIsTheStoresDay();
    void orderKeyCarriesTheStoreOutsideThePrimaryView();
    void existingCustomerIsReusedByEmail();
    void guestKeyNeverHoldsTheEmail_data();
    void guestKeyNeverHoldsTheEmail();
    void unchangedOrderIsNotWritten();
    void changedActivatedOrderIsEditedInPlace();
    void addingProductsToAnActivatedOrderGoesThroughDraft();
    void priceBookOfAnOrderIsNeverChanged();
    void shipmentActivatesThroughStatusMapping();
    void onlyNewCommentsBecomeNotes();
    void notesOffCreatesNone();
    void contentNotesAreLinkedToTheOrder();
    void eachCommentIsExactlyOneNote_data();
    void eachCommentIsExactlyOneNote();
    void contentNoteMarkerRoundTrips();
    void unchangedOpportunityIsNotWritten();
    void changedOpportunityWritesOnlyTheDifference();
    void missingPriceEntryNamesSkuAndBook();
    void missingProductsAreCreatedWhenEnabled();
    void unknownStatusIsAnError();
    void defaultStatusMustBeDraft();
    void insertOnlyAndUpdateOnlyFollowTheOperation();
    void opportunityForEveryOrder();
    void orderWithoutProductsIsNotActivated();
    void malformedOrderIsAnErrorNotACrash();
    void sameValueComparesLikeSalesforce_data();
    void sameValueComparesLikeSalesforce();
    void noteTitleIsCut();
};

void TestSyncPlanner::eligibility_data()
{
    QTest::addColumn<QString>("createOrder");
    QTest::addColumn<bool>("paid");
    QTest::addColumn<bool>("automated");
    QTest::addColumn<int>("trigger");
    QTest::addColumn<double>("grandTotal");
    QTest::addColumn<QString>("zeroGrandTotal");
    QTest::addColumn<QString>("statuses"); // empty: sync all orders
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("writes");

    const int automatic = int(SyncTrigger::Automatic);
    const int onDemand = int(SyncTrigger::OnDemand);
    QTest::newRow("paid, defaults") << u"paid"_s << true << true << automatic << 221.82 << u"synchronize"_s << QString() << u"in_sync"_s << true;
    QTest::newRow("unpaid waits for invoice") << u"paid"_s << false << true << automatic << 221.82 << u"synchronize"_s << QString() << u"out_of_sync"_s << false;
    QTest::newRow("every order, unpaid") << u"every"_s << false << true << automatic << 221.82 << u"synchronize"_s << QString() << u"in_sync"_s << true;
    QTest::newRow("create order no") << u"no"_s << true << true << automatic << 221.82 << u"synchronize"_s << QString() << u"skipped"_s << false;
    QTest::newRow("automation off, polling") << u"paid"_s << true << false << automatic << 221.82 << u"synchronize"_s << QString() << u"out_of_sync"_s << false;
    QTest::newRow("automation off, on demand") << u"paid"_s << true << false << onDemand << 221.82 << u"synchronize"_s << QString() << u"in_sync"_s << true;
    QTest::newRow("zero total synchronized") << u"every"_s << false << true << automatic << 0.0 << u"synchronize"_s << QString() << u"in_sync"_s << true;
    QTest::newRow("zero total not synchronized") << u"every"_s << false << true << automatic << 0.0 << u"do_not_synchronize"_s << QString() << u"skipped"_s << false;
    QTest::newRow("status listed") << u"paid"_s << true << true << automatic << 221.82 << u"synchronize"_s << u"processing,complete"_s << u"in_sync"_s << true;
    QTest::newRow("status not listed") << u"paid"_s << true << true << automatic << 221.82 << u"synchronize"_s << u"complete"_s << u"skipped"_s << false;
}

void TestSyncPlanner::eligibility()
{
    QFETCH(QString, createOrder);
    QFETCH(bool, paid);
    QFETCH(bool, automated);
    QFETCH(int, trigger);
    QFETCH(double, grandTotal);
    QFETCH(QString, zeroGrandTotal);
    QFETCH(QString, statuses);
    QFETCH(QString, expected);
    QFETCH(bool, writes);

    Fixture f;
    QVERIFY(f.settings.set(u"advanced.create_order"_s, createOrder).has_value());
    QVERIFY(f.settings.set(u"orders.automated_synchronization"_s, automated ? u"yes"_s : u"no"_s).has_value());
    QVERIFY(f.settings.set(u"orders.zero_grand_total"_s, zeroGrandTotal).has_value());
    if (!statuses.isEmpty()) {
        QVERIFY(f.settings.set(u"orders.order_statuses"_s, statuses).has_value());
        QVERIFY(f.settings.set(u"orders.sync_all_orders"_s, u"no"_s).has_value());
    }
    f.trigger = SyncTrigger(trigger);
    f.order.insert(u"grand_total"_s, grandTotal);
    if (!paid) {
        f.order.remove(u"total_invoiced"_s);
        f.order.remove(u"total_paid"_s);
        f.order.insert(u"total_due"_s, grandTotal);
        if (grandTotal == 0.0)
            f.order.insert(u"grand_total"_s, 0.0);
    }
    const OrderPlan plan = f.plan();
    QCOMPARE(syncStatusDbName(plan.status), expected);
    QCOMPARE(plan.hasWrites(), writes);
    if (plan.status == SyncStatus::OutOfSync || plan.status == SyncStatus::Skipped)
        QVERIFY2(!plan.reason.isEmpty(), "an order that is not synced says why");
}

void TestSyncPlanner::paymentUnderForPaidOrder_data()
{
    QTest::addColumn<QString>("createOrder");
    QTest::addColumn<QString>("state");
    QTest::addColumn<bool>("paid");
    QTest::addColumn<double>("grandTotal");
    QTest::addColumn<QString>("zeroGrandTotal");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("reason"); // empty: synced, no reason

    const QString waiting = PlannerText::english(PlannerText::WaitingForPayment);
    QTest::newRow("new, unpaid: waits") << u"paid"_s << u"new"_s << false << 221.82 << u"synchronize"_s
                                        << u"out_of_sync"_s << waiting;
    QTest::newRow("canceled, never paid: skipped")
        << u"paid"_s << u"canceled"_s << false << 221.82 << u"synchronize"_s << u"skipped"_s
        << PlannerText::english(PlannerText::NeverPaid, {u"canceled"_s});
    QTest::newRow("closed, never paid: skipped")
        << u"paid"_s << u"closed"_s << false << 221.82 << u"synchronize"_s << u"skipped"_s
        << PlannerText::english(PlannerText::NeverPaid, {u"closed"_s});
    QTest::newRow("canceled after payment: synced") << u"paid"_s << u"canceled"_s << true << 221.82 << u"synchronize"_s
                                                    << u"in_sync"_s << QString();
    QTest::newRow("canceled, Create Order No") << u"no"_s << u"canceled"_s << false << 221.82 << u"synchronize"_s
                                               << u"skipped"_s << PlannerText::english(PlannerText::CreateOrderNo);
    QTest::newRow("zero total counts as paid") << u"paid"_s << u"new"_s << false << 0.0 << u"synchronize"_s
                                               << u"in_sync"_s << QString();
    QTest::newRow("zero total not synchronized") << u"paid"_s << u"new"_s << false << 0.0 << u"do_not_synchronize"_s
                                                 << u"skipped"_s << PlannerText::english(PlannerText::ZeroGrandTotal);
}

// "For paid order": a canceled or closed order is never paid later, and Magento invoices no zero-total
// order by default; neither may wait for a payment for ever.
void TestSyncPlanner::paymentUnderForPaidOrder()
{
    QFETCH(QString, createOrder);
    QFETCH(QString, state);
    QFETCH(bool, paid);
    QFETCH(double, grandTotal);
    QFETCH(QString, zeroGrandTotal);
    QFETCH(QString, expected);
    QFETCH(QString, reason);

    Fixture f;
    QVERIFY(f.settings.set(u"advanced.create_order"_s, createOrder).has_value());
    QVERIFY(f.settings.set(u"orders.zero_grand_total"_s, zeroGrandTotal).has_value());
    f.order.insert(u"state"_s, state);
    f.order.insert(u"grand_total"_s, grandTotal);
    if (!paid) {
        f.order.remove(u"total_invoiced"_s);
        f.order.remove(u"total_paid"_s);
        f.order.insert(u"total_due"_s, grandTotal);
    }
    const OrderPlan plan = f.plan();
    QVERIFY2(plan.status != SyncStatus::Error, qPrintable(plan.error.toString()));
    QCOMPARE(syncStatusDbName(plan.status), expected);
    QCOMPARE(plan.reason, reason);
    QCOMPARE(plan.hasWrites(), expected == u"in_sync"_s);
}

void TestSyncPlanner::plannedWrites_data()
{
    QTest::addColumn<Scenario>("scenario");
    QTest::addColumn<QStringList>("writes");

    const QString account = u"upsert Account Magento_ID__c=customer-57 refAccount"_s;
    const QString contact = u"upsert Contact Magento_ID__c=customer-57 refContact"_s;
    const QString order = u"upsert Order Magento_ID__c=000000142 refOrder"_s;
    const QStringList items{u"upsert OrderItem Magento_Item_ID__c=301 refItem0"_s,
                            u"upsert OrderItem Magento_Item_ID__c=303 refItem1"_s};
    const QString note = u"create Note refNote0"_s;
    const QString synced = u"801AA0000000001AAA"_s;
    auto set = [](const QString &key, const QString &value) {
        return [key, value](Fixture &f) { QVERIFY(f.settings.set(key, value).has_value()); };
    };

    QTest::newRow("new paid order") << Scenario{[](Fixture &) {}} << QStringList{account, contact, order} + items + QStringList{note};
    QTest::newRow("customer found by e-mail")
        << Scenario{[](Fixture &f) {
               f.snapshot.customersByEmail.insert(u"zoe.mueller@example.de"_s, SfCustomer{u"001AA00000000XXAAA"_s, u"003AA00000000XXAAA"_s});
           }}
        << QStringList{order} + items + QStringList{note};
    QTest::newRow("Contact without Account")
        << Scenario{[](Fixture &f) {
               f.snapshot.customersByKey.insert(u"customer-57"_s, SfCustomer{QString(), u"003AA00000000XXAAA"_s});
           }}
        << QStringList{account, u"update Contact 003AA00000000XXAAA refContact"_s, order} + items + QStringList{note};
    QTest::newRow("unpaid waits") << Scenario{[](Fixture &f) {
        f.order.remove(u"total_invoiced"_s);
        f.order.remove(u"total_paid"_s);
    }} << QStringList{};
    QTest::newRow("notes off") << Scenario{set(u"orders.synchronize_order_notes"_s, u"no"_s)}
                               << QStringList{account, contact, order} + items;
    QTest::newRow("content notes")
        << Scenario{set(u"orders.note_object"_s, u"content_note"_s)}
        << QStringList{account, contact, order} + items
               + QStringList{u"create ContentNote refNote0"_s, u"create ContentDocumentLink refNote0Link"_s};
    QTest::newRow("opportunity before the order")
        << Scenario{set(u"advanced.create_opportunity"_s, u"every"_s)}
        << QStringList{account, contact, u"upsert Opportunity Magento_ID__c=000000142 refOpp"_s,
                       u"create OpportunityLineItem refOli0"_s, u"create OpportunityLineItem refOli1"_s, order}
               + items + QStringList{note};
    QTest::newRow("missing product created")
        << Scenario{[](Fixture &f) {
               f.snapshot.entriesBySku.remove(SalesforceSnapshot::skuKey(u"24-WG080"_s));
               QVERIFY(f.settings.set(u"advanced.create_missing_products"_s, u"yes"_s).has_value());
           }}
        << QStringList{account, contact, u"upsert Product2 Magento_ID__c=24-WG080 refProduct0"_s,
                       u"create PricebookEntry refStdEntry0"_s, u"create PricebookEntry refEntry0"_s, order}
               + items + QStringList{note};
    QTest::newRow("without products the order stays Draft")
        << Scenario{[](Fixture &f) {
               f.order.insert(u"items"_s, QJsonArray());
               f.order.insert(u"status"_s, u"complete"_s);
           }}
        << QStringList{account, contact, order, note};
    QTest::newRow("synced and unchanged") << Scenario{[](Fixture &f) { f.markSynced(); }} << QStringList{};
    QTest::newRow("synced, then shipped") << Scenario{[](Fixture &f) {
        f.markSynced();
        f.order.insert(u"status"_s, u"complete"_s);
    }} << QStringList{u"update Order %1 refStatus"_s.arg(synced)};
    QTest::newRow("activated, then changed")
        << Scenario{[](Fixture &f) {
               f.order.insert(u"status"_s, u"complete"_s);
               f.markSynced(u"Activated"_s);
               QJsonObject billing = f.order.value(u"billing_address"_s).toObject();
               billing.insert(u"city"_s, u"Köln"_s);
               f.order.insert(u"billing_address"_s, billing);
           }}
        << QStringList{u"update Order %1 refOrder"_s.arg(synced)};
    QTest::newRow("activated, then a product added")
        << Scenario{[](Fixture &f) {
               f.order.insert(u"status"_s, u"complete"_s);
               f.markSynced(u"Activated"_s);
               QJsonArray items = f.order.value(u"items"_s).toArray();
               QJsonObject added = items.first().toObject();
               added.insert(u"item_id"_s, 9901);
               items.append(added);
               f.order.insert(u"items"_s, items);
           }}
        << QStringList{u"update Order %1 refDraft"_s.arg(synced), u"upsert OrderItem Magento_Item_ID__c=9901 refItem0"_s,
                       u"update Order %1 refStatus"_s.arg(synced)};
}

void TestSyncPlanner::plannedWrites()
{
    QFETCH(Scenario, scenario);
    QFETCH(QStringList, writes);
    Fixture f;
    scenario.setUp(f);
    const OrderPlan plan = f.plan();
    QVERIFY2(plan.status != SyncStatus::Error, qPrintable(plan.error.toString()));
    QCOMPARE(writeSummary(plan), writes);
    QCOMPARE(plan.writes.id, u"o142"_s);
    if (plan.hasWrites()) {
        // Every plan is something Salesforce can take as one graph.
        const Result<CompositeGraph> graph = RecordGraphBuilder::graph(plan.writes);
        QVERIFY2(graph.has_value(), qPrintable(graph ? QString() : graph.error().message));
        QCOMPARE(graph->nodeCount(), int(writes.size()));
    }
}

void TestSyncPlanner::reasonsAreStoredInEnglish()
{
    // The planner's words are PlannerText's English sources: what the database and the CLI keep,
    // and what StoredText recognises to show them translated.
    Fixture f;
    f.order.remove(u"total_invoiced"_s);
    f.order.remove(u"total_paid"_s);
    QCOMPARE(f.plan().reason, PlannerText::english(PlannerText::WaitingForPayment));
    QCOMPARE(f.plan().reason,
             u"Waiting for payment: Create Order is \"For paid order\" and the order is not invoiced yet."_s);

    Fixture g;
    g.snapshot.entriesBySku.remove(SalesforceSnapshot::skuKey(u"24-WG080"_s));
    const OrderPlan missing = g.plan();
    QCOMPARE(missing.error.message, u"No active price book entry in price book 'Magento Default' for SKU 24-WG080."_s);
    QCOMPARE(missing.error.message,
             PlannerText::english(PlannerText::MissingPriceEntry, {u"Magento Default"_s, u"24-WG080"_s}));
    QCOMPARE(missing.error.fields, QStringList{u"PricebookEntryId"_s});
}

void TestSyncPlanner::newPaidOrderWritesEverythingInOneGraph()
{
    Fixture f;
    const OrderPlan plan = f.plan();
    QCOMPARE(plan.status, SyncStatus::InSync);
    QVERIFY(plan.createsOrder);
    QCOMPARE(writeSummary(plan),
             QStringList({u"upsert Account Magento_ID__c=customer-57 refAccount"_s,
                          u"upsert Contact Magento_ID__c=customer-57 refContact"_s,
                          u"upsert Order Magento_ID__c=000000142 refOrder"_s,
                          u"upsert OrderItem Magento_Item_ID__c=301 refItem0"_s,
                          u"upsert OrderItem Magento_Item_ID__c=303 refItem1"_s,
                          u"create Note refNote0"_s}));
    const auto *order = findWrite(plan, u"refOrder"_s);
    QCOMPARE(order->fields.value(u"Status"_s).toString(), u"Draft"_s);
    QCOMPARE(order->references.value(u"AccountId"_s), u"refAccount"_s);
    QCOMPARE(order->fields.value(u"Pricebook2Id"_s).toString(), f.snapshot.pricebookId);
    QCOMPARE(order->fields.value(u"EffectiveDate"_s).toString(), u"2026-11-20"_s);
    QVERIFY(!order->fields.contains(u"Magento_ID__c"_s)); // it is in the URL
    const auto *item = findWrite(plan, u"refItem0"_s);
    QCOMPARE(item->references.value(u"OrderId"_s), u"refOrder"_s);
    QCOMPARE(item->fields.value(u"PricebookEntryId"_s).toString(), u"01uAA0000000001AAA"_s);
    QCOMPARE(item->fields.value(u"Quantity"_s).toDouble(), 2.0);
    QCOMPARE(item->fields.value(u"UnitPrice"_s).toDouble(), 59.95);
    const auto *contact = findWrite(plan, u"refContact"_s);
    QCOMPARE(contact->fields.value(u"Email"_s).toString(), u"zoe.mueller@example.de"_s);
    QCOMPARE(contact->fields.value(u"LastName"_s).toString(), u"Müller-Lüdenscheidt"_s);
    QCOMPARE(contact->references.value(u"AccountId"_s), u"refAccount"_s);
    const auto *note = findWrite(plan, u"refNote0"_s);
    QCOMPARE(note->references.value(u"ParentId"_s), u"refOrder"_s);
    QCOMPARE(note->fields.value(u"Body"_s).toString(), u"Rechnung #000000087 erstellt."_s);
    QCOMPARE(plan.targetStatus, u"Draft"_s); // processing maps to Draft
    QVERIFY(RecordGraphBuilder::graph(plan.writes).has_value());
}

void TestSyncPlanner::billedLinesSkipChildrenAndBillDynamicBundles()
{
    QJsonObject order = loadMagentoOrderFixture();
    QStringList skus;
    for (const QJsonObject &l : SyncPlanner::billedLines(order))
        skus << l.value(u"sku"_s).toString();
    QCOMPARE(skus, QStringList({u"MH07-XL-Green"_s, u"24-WG080"_s}));

    // A dynamically priced bundle: the parent is at 0, the children carry the prices.
    QJsonArray items{
        QJsonObject{{u"item_id"_s, 1}, {u"product_type"_s, u"bundle"_s}, {u"sku"_s, u"B"_s}, {u"price"_s, 0}},
        QJsonObject{{u"item_id"_s, 2}, {u"parent_item_id"_s, 1}, {u"product_type"_s, u"simple"_s}, {u"sku"_s, u"B1"_s}, {u"price"_s, 10}},
        QJsonObject{{u"item_id"_s, 3}, {u"parent_item_id"_s, 1}, {u"product_type"_s, u"simple"_s}, {u"sku"_s, u"B2"_s}, {u"price"_s, 5}},
        QJsonObject{{u"item_id"_s, 4}, {u"product_type"_s, u"bundle"_s}, {u"sku"_s, u"F"_s}, {u"price"_s, 30}},
        QJsonObject{{u"item_id"_s, 5}, {u"parent_item_id"_s, 4}, {u"product_type"_s, u"simple"_s}, {u"sku"_s, u"F1"_s}, {u"price"_s, 0}},
        // Dynamic SKU: the ordered SKU carries the option SKUs.
        QJsonObject{{u"item_id"_s, 6}, {u"product_type"_s, u"bundle"_s}, {u"sku"_s, u"K-A1-B2"_s}, {u"price"_s, 40}},
        QJsonObject{{u"item_id"_s, 7}, {u"parent_item_id"_s, 6}, {u"product_type"_s, u"simple"_s}, {u"sku"_s, u"A1"_s}, {u"price"_s, 0}},
        QJsonObject{{u"item_id"_s, 8}, {u"parent_item_id"_s, 6}, {u"product_type"_s, u"simple"_s}, {u"sku"_s, u"B2"_s}, {u"price"_s, 0}},
    };
    order.insert(u"items"_s, items);
    skus.clear();
    for (const QJsonObject &l : SyncPlanner::billedLines(order))
        skus << l.value(u"sku"_s).toString();
    QCOMPARE(skus, QStringList({u"B1"_s, u"B2"_s, u"F"_s, u"K"_s}));

    // Magento appends the option SKUs in the order of the buy request's selections, not of the lines.
    items.replace(5, QJsonObject{{u"item_id"_s, 6}, {u"product_type"_s, u"bundle"_s}, {u"sku"_s, u"K-B2-A1"_s}, {u"price"_s, 40}});
    order.insert(u"items"_s, items);
    skus.clear();
    for (const QJsonObject &l : SyncPlanner::billedLines(order))
        skus << l.value(u"sku"_s).toString();
    QCOMPARE(skus, QStringList({u"B1"_s, u"B2"_s, u"F"_s, u"K"_s}));
}

void TestSyncPlanner::bundleOwnSkuIgnoresOptionOrder_data()
{
    QTest::addColumn<QString>("ordered");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("expected");
    QTest::newRow("line order") << u"K-A1-B2"_s << QStringList{u"A1"_s, u"B2"_s} << u"K"_s;
    QTest::newRow("selection order differs") << u"K-B2-A1"_s << QStringList{u"A1"_s, u"B2"_s} << u"K"_s;
    QTest::newRow("hyphens in every SKU") << u"24-WG095-MS-04-XS-24-MB01"_s
                                          << QStringList{u"24-MB01"_s, u"MS-04-XS"_s} << u"24-WG095"_s;
    QTest::newRow("three options, rotated") << u"24-WG080-C-A-B"_s << QStringList{u"A"_s, u"B"_s, u"C"_s}
                                            << u"24-WG080"_s;
    QTest::newRow("same option twice") << u"K-A-A"_s << QStringList{u"A"_s, u"A"_s} << u"K"_s;
    QTest::newRow("fixed SKU kept") << u"24-WG080"_s << QStringList{u"A1"_s, u"B2"_s} << u"24-WG080"_s;
    QTest::newRow("fixed SKU ending in one option kept") << u"KIT-B2"_s << QStringList{u"A1"_s, u"B2"_s}
                                                         << u"KIT-B2"_s;
    QTest::newRow("nothing but options kept") << u"-A1-B2"_s << QStringList{u"A1"_s, u"B2"_s} << u"-A1-B2"_s;
}

void TestSyncPlanner::bundleOwnSkuIgnoresOptionOrder()
{
    QFETCH(QString, ordered);
    QFETCH(QStringList, options);
    QFETCH(QString, expected);
    QList<QJsonObject> lines;
    for (const QString &sku : std::as_const(options))
        lines << QJsonObject{{u"sku"_s, sku}, {u"product_type"_s, u"simple"_s}};
    QCOMPARE(SyncPlanner::bundleOwnSku(ordered, lines), expected);
}

namespace {

// The fixture's order with its simple line replaced by a bundle (product_id 46) ordered as `orderedSku`, billed as
// one line (fixed price), with two option lines.
QJsonObject withBundleLine(QJsonObject order, const QString &orderedSku)
{
    QJsonArray items = order.value(u"items"_s).toArray();
    items.removeLast();
    items.append(QJsonObject{{u"item_id"_s, 303}, {u"product_id"_s, 46}, {u"product_type"_s, u"bundle"_s},
                             {u"sku"_s, orderedSku}, {u"name"_s, u"Trail Day Kit"_s}, {u"qty_ordered"_s, 1},
                             {u"price"_s, 80}, {u"row_total"_s, 80}});
    items.append(QJsonObject{{u"item_id"_s, 304}, {u"parent_item_id"_s, 303}, {u"product_id"_s, 1},
                             {u"product_type"_s, u"simple"_s}, {u"sku"_s, u"MB-1001"_s}, {u"qty_ordered"_s, 1},
                             {u"price"_s, 0}});
    items.append(QJsonObject{{u"item_id"_s, 305}, {u"parent_item_id"_s, 303}, {u"product_id"_s, 7},
                             {u"product_type"_s, u"simple"_s}, {u"sku"_s, u"YG-3001"_s}, {u"qty_ordered"_s, 1},
                             {u"price"_s, 0}});
    order.insert(u"items"_s, items);
    return order;
}

} // namespace

void TestSyncPlanner::bundleLineIsItsCatalogProduct_data()
{
    QTest::addColumn<QString>("orderedSku");
    QTest::addColumn<QString>("catalogSku"); // empty: the catalog was not read; "-": the product was deleted
    QTest::addColumn<QString>("billedSku");
    QTest::addColumn<bool>("noticed");
    const QString kit = u"24-WG099-MB-1001-YG-3001"_s;
    // A fixed SKU ending in its options' SKUs: cutting them off guesses a product nobody has.
    QTest::newRow("fixed SKU, catalog read") << kit << kit << kit << false;
    QTest::newRow("fixed SKU, catalog not read") << kit << QString() << u"24-WG099"_s << false;
    QTest::newRow("dynamic SKU, catalog read") << u"24-WG095-YG-3001-MB-1001"_s << u"24-WG095"_s << u"24-WG095"_s << false;
    QTest::newRow("dynamic SKU, product deleted") << u"24-WG095-YG-3001-MB-1001"_s << u"-"_s << u"24-WG095"_s << true;
}

void TestSyncPlanner::bundleLineIsItsCatalogProduct()
{
    QFETCH(QString, orderedSku);
    QFETCH(QString, catalogSku);
    QFETCH(QString, billedSku);
    QFETCH(bool, noticed);
    Fixture f;
    f.order = withBundleLine(f.order, orderedSku);
    const SfPriceEntry entry{u"01uAA0000000046AAA"_s, u"01tAA0000000046AAA"_s, 80};
    f.snapshot.entriesBySku.insert(SalesforceSnapshot::skuKey(billedSku), entry);
    BundleSkus bundles;
    if (catalogSku == u"-")
        bundles.deleted.insert(46);
    else if (!catalogSku.isEmpty())
        bundles.skuByProductId.insert(46, catalogSku);

    QStringList billed;
    for (const QJsonObject &line : SyncPlanner::billedLines(f.order, &bundles))
        billed << line.value(u"sku"_s).toString();
    QCOMPARE(billed, (QStringList{u"MH07-XL-Green"_s, billedSku}));

    SyncPlanner::Input in;
    in.order = f.order;
    in.snapshot = &f.snapshot;
    in.settings = &f.settings;
    in.mappings = &f.mappings;
    in.schema = &f.schema;
    in.stores = &f.stores;
    in.bundleSkus = &bundles;
    const OrderPlan plan = SyncPlanner::plan(in);
    QVERIFY2(plan.status != SyncStatus::Error, qPrintable(plan.error.toString()));
    QStringList entries;
    for (const RecordWrite &w : plan.writes.writes) {
        if (w.object == u"OrderItem")
            entries << w.fields.value(u"PricebookEntryId"_s).toString();
    }
    QVERIFY2(entries.contains(entry.id), qPrintable(entries.join(u' ')));
    const QString notice = PlannerText::english(PlannerText::BundleProductDeleted, {u"46"_s, billedSku, orderedSku});
    QCOMPARE(plan.notices.contains(notice), noticed);
}

void TestSyncPlanner::bundleProductIdsAreTheBilledBundles()
{
    QJsonObject order = withBundleLine(loadMagentoOrderFixture(), u"KIT"_s);
    QCOMPARE(SyncPlanner::bundleProductIds(order), QList<qint64>{46});
    // A bundle priced by its options bills them, not itself: its own SKU is not needed.
    QJsonArray items = order.value(u"items"_s).toArray();
    QJsonObject parent = items.at(2).toObject();
    parent.insert(u"price"_s, 0);
    items.replace(2, parent);
    QJsonObject option = items.at(3).toObject();
    option.insert(u"price"_s, 30);
    items.replace(3, option);
    order.insert(u"items"_s, items);
    QCOMPARE(SyncPlanner::bundleProductIds(order), QList<qint64>{});
    QCOMPARE(SyncPlanner::bundleProductIds(loadMagentoOrderFixture()), QList<qint64>{});
}

void TestSyncPlanner::effectiveDateIsTheStoresDay()
{
    Fixture f;
    f.order.insert(u"created_at"_s, u"2026-11-21 03:30:00"_s); // 19:30 the evening before in California
    const auto effectiveDate = [&f] {
        const OrderPlan plan = f.plan();
        const RecordWrite *order = findWrite(plan, u"refOrder"_s);
        return order ? order->fields.value(u"EffectiveDate"_s).toString() : u"no Order"_s;
    };
    QCOMPARE(effectiveDate(), u"2026-11-21"_s); // store views not read: the UTC day
    f.stores = StoreViews({{1, u"default"_s, u"America/Los_Angeles"_s}}, std::nullopt);
    QCOMPARE(effectiveDate(), u"2026-11-20"_s);
    f.order.insert(u"created_at"_s, u"2026-11-20 23:45:10"_s);
    f.stores = StoreViews({{1, u"default"_s, u"Europe/Berlin"_s}}, std::nullopt);
    QCOMPARE(effectiveDate(), u"2026-11-21"_s);
    // Each order takes its own view's zone.
    f.stores = StoreViews({{1, u"default"_s, u"Europe/Berlin"_s}, {2, u"us"_s, u"America/New_York"_s}}, 1);
    f.order.insert(u"store_id"_s, 2);
    QCOMPARE(effectiveDate(), u"2026-11-20"_s);
    // A zone Magento sends that this system does not know counts as UTC.
    f.stores = StoreViews({{1, u"default"_s, u"Mars/Olympus_Mons"_s}}, std::nullopt);
    f.order.insert(u"store_id"_s, 1);
    QCOMPARE(effectiveDate(), u"2026-11-20"_s);
}

void TestSyncPlanner::orderKeyCarriesTheStoreOutsideThePrimaryView()
{
    Fixture f;
    const auto orderKey = [&f] {
        const OrderPlan plan = f.plan();
        const RecordWrite *order = findWrite(plan, u"refOrder"_s);
        return order ? order->externalId : u"no Order"_s;
    };
    const QList<MagentoStoreConfig> two{{1, u"default"_s, u"UTC"_s}, {2, u"fr"_s, u"Europe/Paris"_s}};
    // One view: the increment_id, as before.
    f.stores = StoreViews({two.first()}, std::nullopt);
    QCOMPARE(orderKey(), u"000000142"_s);
    // Two views, view 1 had the first orders: its keys stay, view 2's carry the store.
    f.stores = StoreViews(two, 1);
    QCOMPARE(orderKey(), u"000000142"_s);
    f.order.insert(u"store_id"_s, 2);
    QCOMPARE(orderKey(), u"000000142@2"_s);
    // An install whose orders were all in view 2 keeps view 2's keys.
    f.stores = StoreViews(two, 2);
    QCOMPARE(orderKey(), u"000000142"_s);
    f.order.insert(u"store_id"_s, 1);
    QCOMPARE(orderKey(), u"000000142@1"_s);

    // The Salesforce Order of view 1's 000000142 is not view 2's.
    f.stores = StoreViews(two, 1);
    SfOrderState synced;
    synced.id = u"801AA0000000001AAA"_s;
    synced.status = u"Draft"_s;
    synced.statusCode = f.snapshot.statusCategories.value(u"Draft"_s);
    synced.accountId = u"001AA0000000001AAA"_s;
    f.snapshot.ordersByIncrementId.insert(u"000000142"_s, synced);
    QVERIFY(!f.plan().createsOrder);
    f.order.insert(u"store_id"_s, 2);
    QVERIFY(f.plan().createsOrder);
}

void TestSyncPlanner::existingCustomerIsReusedByEmail()
{
    Fixture f;
    f.order.insert(u"customer_email"_s, u"Zoe.Mueller@Example.DE"_s);
    f.snapshot.customersByEmail.insert(u"zoe.mueller@example.de"_s,
                                       SfCustomer{u"001AA00000000XXAAA"_s, u"003AA00000000XXAAA"_s});
    const OrderPlan plan = f.plan();
    QVERIFY(!findWrite(plan, u"refAccount"_s));
    QVERIFY(!findWrite(plan, u"refContact"_s));
    QCOMPARE(findWrite(plan, u"refOrder"_s)->fields.value(u"AccountId"_s).toString(), u"001AA00000000XXAAA"_s);

    // A guest is keyed by a hash of the e-mail, so a second guest order finds the same customer.
    f.snapshot.customersByEmail.clear();
    f.order.insert(u"customer_is_guest"_s, 1);
    f.order.remove(u"customer_id"_s);
    const QString key = SyncPlanner::customerKey(f.order);
    f.snapshot.customersByKey.insert(key, SfCustomer{u"001G"_s, u"003G"_s});
    QCOMPARE(findWrite(f.plan(), u"refOrder"_s)->fields.value(u"AccountId"_s).toString(), u"001G"_s);

    // A guest synced before keys were hashed is keyed "guest-<email>": still the same customer.
    f.snapshot.customersByKey.clear();
    QCOMPARE(SyncPlanner::legacyCustomerKey(f.order), u"guest-zoe.mueller@example.de"_s);
    f.snapshot.customersByKey.insert(u"guest-zoe.mueller@example.de"_s, SfCustomer{u"001L"_s, u"003L"_s});
    const OrderPlan legacy = f.plan();
    QVERIFY(!findWrite(legacy, u"refAccount"_s));
    QVERIFY(!findWrite(legacy, u"refContact"_s));
    QCOMPARE(findWrite(legacy, u"refOrder"_s)->fields.value(u"AccountId"_s).toString(), u"001L"_s);
}

void TestSyncPlanner::guestKeyNeverHoldsTheEmail_data()
{
    QTest::addColumn<QString>("email");
    QTest::newRow("inc") << u"jane@x.inc"_s;
    QTest::newRow("slash and dots") << u"a/b..c@example.com"_s;
    QTest::newRow("long") << QString(u"very.long.local.part.of.an.address.beyond.fifty.characters@example.co.uk"_s);
}

void TestSyncPlanner::guestKeyNeverHoldsTheEmail()
{
    QFETCH(QString, email);
    Fixture f;
    f.order.insert(u"customer_is_guest"_s, 1);
    f.order.remove(u"customer_id"_s);
    f.order.insert(u"customer_email"_s, email);
    const QString key = SyncPlanner::customerKey(f.order);
    static const QRegularExpression shape(u"^guest-[0-9a-f]{40}$"_s);
    QVERIFY2(shape.match(key).hasMatch(), qPrintable(key));
    // Case and surrounding blanks of the e-mail do not make another customer.
    f.order.insert(u"customer_email"_s, QString(u"  "_s + email.toUpper() + u" "_s));
    QCOMPARE(SyncPlanner::customerKey(f.order), key);
    f.order.insert(u"customer_email"_s, QString(u"other."_s + email));
    QVERIFY(SyncPlanner::customerKey(f.order) != key);

    // The new customer's Account and Contact are upserted by that key, never by the e-mail.
    f.order.insert(u"customer_email"_s, email);
    const OrderPlan plan = f.plan();
    const RecordWrite *account = findWrite(plan, u"refAccount"_s);
    const RecordWrite *contact = findWrite(plan, u"refContact"_s);
    QVERIFY(account && contact);
    QCOMPARE(account->externalId, key);
    QCOMPARE(contact->externalId, key);
    QCOMPARE(contact->fields.value(u"Email"_s).toString(), email.toLower());

    // A registered customer keeps "customer-<id>", and has no legacy key.
    f.order.insert(u"customer_is_guest"_s, 0);
    f.order.insert(u"customer_id"_s, 42);
    QCOMPARE(SyncPlanner::customerKey(f.order), u"customer-42"_s);
    QVERIFY(SyncPlanner::legacyCustomerKey(f.order).isEmpty());
}

void TestSyncPlanner::unchangedOrderIsNotWritten()
{
    Fixture f;
    f.markSynced();
    const OrderPlan plan = f.plan();
    QCOMPARE(plan.status, SyncStatus::InSync);
    QVERIFY2(!plan.hasWrites(), qPrintable(writeSummary(plan).join(u"\n"_s)));
}

void TestSyncPlanner::changedActivatedOrderIsEditedInPlace()
{
    Fixture f;
    f.order.insert(u"status"_s, u"complete"_s);
    f.order.insert(u"state"_s, u"complete"_s);
    f.markSynced(u"Activated"_s);
    QVERIFY(!f.plan().hasWrites());

    QJsonObject billing = f.order.value(u"billing_address"_s).toObject();
    billing.insert(u"city"_s, u"Köln"_s);
    f.order.insert(u"billing_address"_s, billing);
    QJsonArray items = f.order.value(u"items"_s).toArray();
    QJsonObject line = items.first().toObject();
    line.insert(u"price"_s, line.value(u"price"_s).toDouble() + 1);
    items.replace(0, line);
    f.order.insert(u"items"_s, items);
    const OrderPlan plan = f.plan();
    // No Draft step and no re-activation: Salesforce keeps ActivatedDate and runs no activation automation.
    QCOMPARE(writeSummary(plan).first(), u"update Order 801AA0000000001AAA refOrder"_s);
    QCOMPARE(writeSummary(plan).size(), 2);
    QVERIFY(writeSummary(plan).last().startsWith(u"update OrderItem "_s));
    QCOMPARE(findWrite(plan, u"refOrder"_s)->fields, QJsonObject({{u"BillingCity"_s, u"Köln"_s}}));
    QVERIFY(plan.editsActivatedInPlace);
    QVERIFY(!plan.activatesOrder);
}

void TestSyncPlanner::addingProductsToAnActivatedOrderGoesThroughDraft()
{
    Fixture f;
    f.order.insert(u"status"_s, u"complete"_s);
    f.markSynced(u"Activated"_s);
    QJsonArray items = f.order.value(u"items"_s).toArray();
    QJsonObject added = items.first().toObject();
    added.insert(u"item_id"_s, 9902);
    items.append(added);
    f.order.insert(u"items"_s, items);
    QJsonObject billing = f.order.value(u"billing_address"_s).toObject();
    billing.insert(u"city"_s, u"Köln"_s);
    f.order.insert(u"billing_address"_s, billing);
    const OrderPlan plan = f.plan();
    QCOMPARE(writeSummary(plan),
             QStringList({u"update Order 801AA0000000001AAA refDraft"_s, u"update Order 801AA0000000001AAA refOrder"_s,
                          u"upsert OrderItem Magento_Item_ID__c=9902 refItem0"_s,
                          u"update Order 801AA0000000001AAA refStatus"_s}));
    QCOMPARE(findWrite(plan, u"refDraft"_s)->fields, QJsonObject({{u"Status"_s, u"Draft"_s}}));
    QCOMPARE(findWrite(plan, u"refStatus"_s)->fields, QJsonObject({{u"Status"_s, u"Activated"_s}}));
    QVERIFY(!plan.editsActivatedInPlace);
    // Back from Draft: the Status write activates again (Salesforce asks for Activate Orders).
    QVERIFY(plan.activatesOrder);
}

void TestSyncPlanner::priceBookOfAnOrderIsNeverChanged()
{
    Fixture f;
    f.markSynced();
    QVERIFY(!f.plan().hasWrites());
    f.snapshot.pricebookId = u"01sAA0000000009AAA"_s;
    const OrderPlan plan = f.plan();
    const RecordWrite *order = findWrite(plan, u"refOrder"_s);
    QVERIFY2(!order || !order->sets(u"Pricebook2Id"_s), qPrintable(writeSummary(plan).join(u", "_s)));
}

void TestSyncPlanner::shipmentActivatesThroughStatusMapping()
{
    Fixture f;
    f.markSynced(u"Draft"_s);
    f.order.insert(u"status"_s, u"complete"_s);
    const OrderPlan plan = f.plan();
    QCOMPARE(writeSummary(plan), QStringList({u"update Order 801AA0000000001AAA refStatus"_s}));
    QCOMPARE(plan.targetStatus, u"Activated"_s);
}

void TestSyncPlanner::onlyNewCommentsBecomeNotes()
{
    Fixture f;
    f.markSynced();
    QJsonArray history = f.order.value(u"status_histories"_s).toArray();
    // Magento lists the newest first; two identical comments are two notes.
    history.prepend(QJsonObject{{u"comment"_s, u"Bitte klingeln."_s}, {u"created_at"_s, u"2026-11-22 10:00:00"_s}, {u"entity_id"_s, 601}});
    history.prepend(QJsonObject{{u"comment"_s, u"Bitte klingeln."_s}, {u"created_at"_s, u"2026-11-22 10:05:00"_s}, {u"entity_id"_s, 602}});
    history.prepend(QJsonObject{{u"comment"_s, QString()}, {u"created_at"_s, u"2026-11-22 10:06:00"_s}, {u"entity_id"_s, 603}});
    f.order.insert(u"status_histories"_s, history);
    OrderPlan plan = f.plan();
    QCOMPARE(plan.notesCreated, 2);
    QCOMPARE(writeSummary(plan), QStringList({u"create Note refNote0"_s, u"create Note refNote1"_s}));
    QCOMPARE(findWrite(plan, u"refNote0"_s)->fields.value(u"ParentId"_s).toString(), u"801AA0000000001AAA"_s);

    // After those were written (or a crash after writing them), nothing is created again.
    SfOrderState &state = f.snapshot.ordersByIncrementId[u"000000142"_s];
    state.notes << SfNoteState{u"002x"_s, u"Bitte klingeln."_s, u"Bitte klingeln."_s};
    plan = f.plan();
    QCOMPARE(plan.notesCreated, 1);
    state.notes << SfNoteState{u"002y"_s, u"Bitte klingeln."_s, u"Bitte klingeln."_s};
    QVERIFY(!f.plan().hasWrites());
}

void TestSyncPlanner::notesOffCreatesNone()
{
    Fixture f;
    QVERIFY(f.settings.set(u"orders.synchronize_order_notes"_s, u"no"_s).has_value());
    const OrderPlan plan = f.plan();
    QCOMPARE(plan.notesCreated, 0);
    QVERIFY(!findWrite(plan, u"refNote0"_s));
}

void TestSyncPlanner::contentNotesAreLinkedToTheOrder()
{
    Fixture f;
    QVERIFY(f.settings.set(u"orders.note_object"_s, u"content_note"_s).has_value());
    const OrderPlan plan = f.plan();
    const auto *note = findWrite(plan, u"refNote0"_s);
    QVERIFY(note);
    QCOMPARE(summaryOf(*note), u"create ContentNote refNote0"_s);
    QCOMPARE(QByteArray::fromBase64(note->fields.value(u"Content"_s).toString().toLatin1()),
             QByteArray("Rechnung #000000087 erstellt."));
    QCOMPARE(note->fields.value(u"Title"_s).toString(), u"Rechnung #000000087 erstellt. [Magento comment #519]"_s);
    const auto *link = findWrite(plan, u"refNote0Link"_s);
    QVERIFY(link);
    QCOMPARE(link->references.value(u"ContentDocumentId"_s), u"refNote0"_s);
    QCOMPARE(link->references.value(u"LinkedEntityId"_s), u"refOrder"_s);
}

namespace {

struct Comment
{
    qint64 id;
    QString text;
};
struct ExistingNote
{
    QString title;
    QString body;
};

} // namespace

Q_DECLARE_METATYPE(QList<Comment>)
Q_DECLARE_METATYPE(QList<ExistingNote>)

void TestSyncPlanner::eachCommentIsExactlyOneNote_data()
{
    QTest::addColumn<QString>("noteObject");
    QTest::addColumn<QList<Comment>>("comments");
    QTest::addColumn<QList<ExistingNote>>("existing");
    QTest::addColumn<QStringList>("created"); // the comments that become new notes

    // Two comments of the same minute whose first 75 characters agree, so their titles do too.
    const QString head(80, u'x');
    const QList<Comment> sameTitle{{701, head + u" parcel A"_s}, {702, head + u" parcel B"_s}};
    const QString titleA = SyncPlanner::noteTitle(sameTitle[0].text);
    QCOMPARE(titleA, SyncPlanner::noteTitle(sameTitle[1].text));

    QTest::newRow("note: same title, other body is not dropped")
        << u"note"_s << sameTitle << QList<ExistingNote>{{titleA, sameTitle[0].text}} << QStringList{sameTitle[1].text};
    QTest::newRow("note: both present, none")
        << u"note"_s << sameTitle << QList<ExistingNote>{{titleA, sameTitle[1].text}, {titleA, sameTitle[0].text}}
        << QStringList{};
    QTest::newRow("note: title edited in Salesforce is not duplicated")
        << u"note"_s << QList<Comment>{{710, u"Bitte klingeln."_s}}
        << QList<ExistingNote>{{u"Renamed by sales"_s, u"Bitte klingeln."_s}} << QStringList{};
    QTest::newRow("note: identical comments are two notes")
        << u"note"_s << QList<Comment>{{711, u"Bitte klingeln."_s}, {712, u"Bitte klingeln."_s}}
        << QList<ExistingNote>{{u"Bitte klingeln."_s, u"Bitte klingeln."_s}} << QStringList{u"Bitte klingeln."_s};
    QTest::newRow("note: a note of another text matches nothing")
        << u"note"_s << QList<Comment>{{713, u"Bitte klingeln."_s}}
        << QList<ExistingNote>{{u"Bitte klingeln."_s, u"Bitte nicht klingeln."_s}} << QStringList{u"Bitte klingeln."_s};

    const auto marked = [](const Comment &c) { return SyncPlanner::contentNoteTitle(c.text, c.id); };
    QTest::newRow("content: same title, other body is not dropped")
        << u"content_note"_s << sameTitle << QList<ExistingNote>{{marked(sameTitle[0]), QString()}}
        << QStringList{sameTitle[1].text};
    QTest::newRow("content: both present, none")
        << u"content_note"_s << sameTitle
        << QList<ExistingNote>{{marked(sameTitle[1]), QString()}, {marked(sameTitle[0]), QString()}} << QStringList{};
    QTest::newRow("content: identical comments are two notes")
        << u"content_note"_s << QList<Comment>{{711, u"Bitte klingeln."_s}, {712, u"Bitte klingeln."_s}}
        << QList<ExistingNote>{{marked({712, u"Bitte klingeln."_s}), QString()}} << QStringList{u"Bitte klingeln."_s};
    QTest::newRow("content: a note written before markers matches by title")
        << u"content_note"_s << QList<Comment>{{720, u"Rückruf erbeten."_s}}
        << QList<ExistingNote>{{u"Rückruf erbeten."_s, QString()}} << QStringList{};
    QTest::newRow("content: another comment's marker is no match")
        << u"content_note"_s << QList<Comment>{{721, u"Rückruf erbeten."_s}}
        << QList<ExistingNote>{{SyncPlanner::contentNoteTitle(u"Rückruf erbeten."_s, 9999), QString()}}
        << QStringList{u"Rückruf erbeten."_s};
}

void TestSyncPlanner::eachCommentIsExactlyOneNote()
{
    QFETCH(QString, noteObject);
    QFETCH(QList<Comment>, comments);
    QFETCH(QList<ExistingNote>, existing);
    QFETCH(QStringList, created);

    Fixture f;
    QVERIFY(f.settings.set(u"orders.note_object"_s, noteObject).has_value());
    f.order.insert(u"status_histories"_s, QJsonArray());
    f.markSynced();
    QJsonArray history;
    for (const Comment &c : comments)
        history.prepend(QJsonObject{{u"comment"_s, c.text}, {u"created_at"_s, u"2026-11-22 10:00:00"_s}, {u"entity_id"_s, c.id}});
    f.order.insert(u"status_histories"_s, history);
    SfOrderState &state = f.snapshot.ordersByIncrementId[u"000000142"_s];
    for (const ExistingNote &n : existing)
        state.notes << SfNoteState{u"069x"_s, n.title, n.body};

    const OrderPlan plan = f.plan();
    QStringList bodies;
    for (const RecordWrite &w : plan.writes.writes) {
        if (w.object == u"Note"_s)
            bodies << w.fields.value(u"Body"_s).toString();
        else if (w.object == u"ContentNote"_s)
            bodies << QString::fromUtf8(QByteArray::fromBase64(w.fields.value(u"Content"_s).toString().toLatin1()));
    }
    QCOMPARE(bodies, created);
    QCOMPARE(plan.notesCreated, int(created.size()));

    // Replaying after the notes were written (a crash before the result was recorded) adds none.
    for (const RecordWrite &w : plan.writes.writes) {
        if (w.object == u"Note"_s || w.object == u"ContentNote"_s)
            state.notes << SfNoteState{u"069y"_s, w.fields.value(u"Title"_s).toString(), w.fields.value(u"Body"_s).toString()};
    }
    const OrderPlan replay = f.plan();
    QCOMPARE(replay.notesCreated, 0);
    QVERIFY(!replay.hasWrites());
}

void TestSyncPlanner::contentNoteMarkerRoundTrips()
{
    QCOMPARE(SyncPlanner::commentIdInTitle(SyncPlanner::contentNoteTitle(u"Paket beschädigt"_s, 4711)), 4711);
    QCOMPARE(SyncPlanner::commentIdInTitle(SyncPlanner::contentNoteTitle(QString(300, u'y'), 12)), 12);
    QVERIFY(SyncPlanner::contentNoteTitle(QString(300, u'y'), 123456789).size() <= 255);
    QCOMPARE(SyncPlanner::commentIdInTitle(u"Paket beschädigt"_s), 0);
    QCOMPARE(SyncPlanner::commentIdInTitle(u"[Magento comment #12] edited after"_s), 0);
    QCOMPARE(SyncPlanner::contentNoteTitle(u"ohne Nummer"_s, 0), u"ohne Nummer"_s);
}

void TestSyncPlanner::unchangedOpportunityIsNotWritten()
{
    Fixture f;
    QVERIFY(f.settings.set(u"advanced.create_opportunity"_s, u"every"_s).has_value());
    f.markSynced();
    const OrderPlan plan = f.plan();
    QVERIFY2(!plan.hasWrites(), qPrintable(writeSummary(plan).join(u", "_s)));
    QCOMPARE(plan.status, SyncStatus::InSync);
}

void TestSyncPlanner::changedOpportunityWritesOnlyTheDifference()
{
    Fixture f;
    QVERIFY(f.settings.set(u"advanced.create_opportunity"_s, u"every"_s).has_value());
    // Synced before it was paid: the Opportunity is at the draft stage.
    f.order.remove(u"total_invoiced"_s);
    f.order.remove(u"total_paid"_s);
    QVERIFY(f.settings.set(u"advanced.create_order"_s, u"every"_s).has_value());
    f.markSynced();
    f.order = loadMagentoOrderFixture(); // now invoiced
    SfOpportunityState &opp = f.snapshot.opportunitiesByIncrementId[u"000000142"_s];
    QCOMPARE(opp.items.size(), 2);
    opp.items.removeLast(); // one product went missing in Salesforce
    const OrderPlan plan = f.plan();
    QCOMPARE(writeSummary(plan), QStringList({u"update Opportunity 006AA0000000001AAA refOpp"_s,
                                             u"create OpportunityLineItem refOli1"_s}));
    QCOMPARE(findWrite(plan, u"refOpp"_s)->fields,
             QJsonObject({{u"StageName"_s, f.settings.opportunityStageConverted()}}));
    QCOMPARE(findWrite(plan, u"refOli1"_s)->fields.value(u"OpportunityId"_s).toString(), u"006AA0000000001AAA"_s);

    // A changed quantity updates that product only.
    Fixture g;
    QVERIFY(g.settings.set(u"advanced.create_opportunity"_s, u"every"_s).has_value());
    g.markSynced();
    SfOpportunityState &again = g.snapshot.opportunitiesByIncrementId[u"000000142"_s];
    again.items[0].quantity += 1;
    const OrderPlan quantity = g.plan();
    QCOMPARE(writeSummary(quantity), QStringList({u"update OpportunityLineItem %1 refOli0"_s.arg(again.items[0].id)}));
}

void TestSyncPlanner::missingPriceEntryNamesSkuAndBook()
{
    Fixture f;
    f.snapshot.entriesBySku.remove(SalesforceSnapshot::skuKey(u"24-WG080"_s));
    const OrderPlan plan = f.plan();
    QCOMPARE(plan.status, SyncStatus::Error);
    QCOMPARE(plan.error.code, u"sync.missing_price_entry"_s);
    QVERIFY(plan.error.message.contains(u"24-WG080"_s));
    QVERIFY(plan.error.message.contains(u"Magento Default"_s));
    QVERIFY(plan.error.hint.contains(u"create_missing_products"_s));
    QVERIFY(!plan.hasWrites());
}

void TestSyncPlanner::missingProductsAreCreatedWhenEnabled()
{
    Fixture f;
    f.snapshot.entriesBySku.remove(SalesforceSnapshot::skuKey(u"24-WG080"_s));
    QVERIFY(f.settings.set(u"advanced.create_missing_products"_s, u"yes"_s).has_value());
    const OrderPlan plan = f.plan();
    QCOMPARE(plan.status, SyncStatus::InSync);
    QVERIFY(findWrite(plan, u"refProduct0"_s));
    QCOMPARE(findWrite(plan, u"refStdEntry0"_s)->fields.value(u"Pricebook2Id"_s).toString(), f.snapshot.standardPricebookId);
    QCOMPARE(findWrite(plan, u"refEntry0"_s)->fields.value(u"Pricebook2Id"_s).toString(), f.snapshot.pricebookId);
    QCOMPARE(findWrite(plan, u"refItem1"_s)->references.value(u"PricebookEntryId"_s), u"refEntry0"_s);
}

void TestSyncPlanner::unknownStatusIsAnError()
{
    Fixture f;
    f.order.insert(u"status"_s, u"my_custom_status"_s);
    OrderPlan plan = f.plan();
    QCOMPARE(plan.status, SyncStatus::Error);
    QCOMPARE(plan.error.code, u"mapping.status_unmapped"_s);

    // Mapped, but to a value the org's picklist does not have.
    f.order.insert(u"status"_s, u"complete"_s);
    for (FieldMapping &m : f.mappings) {
        if (m.entity == MappingEntity::OrderStatus && m.magentoAttribute == u"complete"_s)
            m.salesforceField = u"Shipped"_s;
    }
    plan = f.plan();
    QCOMPARE(plan.status, SyncStatus::Error);
    QCOMPARE(plan.error.code, u"sync.unknown_order_status"_s);
    QVERIFY(plan.error.message.contains(u"Shipped"_s));
}

void TestSyncPlanner::defaultStatusMustBeDraft()
{
    Fixture f;
    QVERIFY(f.settings.set(u"orders.default_status"_s, u"Activated"_s).has_value());
    const OrderPlan plan = f.plan();
    QCOMPARE(plan.status, SyncStatus::Error);
    QCOMPARE(plan.error.code, u"settings.default_status_not_draft"_s);
}

void TestSyncPlanner::insertOnlyAndUpdateOnlyFollowTheOperation()
{
    Fixture f;
    FieldMapping insertOnly;
    insertOnly.entity = MappingEntity::Order;
    insertOnly.magentoAttribute = u"coupon_code"_s;
    insertOnly.salesforceField = u"Description"_s;
    insertOnly.when = WhenMode::InsertOnly;
    FieldMapping updateOnly = insertOnly;
    updateOnly.magentoAttribute = u"shipping_description"_s;
    updateOnly.salesforceField = u"PoNumber"_s;
    updateOnly.when = WhenMode::UpdateOnly;
    f.mappings << insertOnly << updateOnly;

    const OrderPlan insertPlan = f.plan();
    const QJsonObject inserted = findWrite(insertPlan, u"refOrder"_s)->fields;
    QCOMPARE(inserted.value(u"Description"_s).toString(), u"WINTER20"_s);
    QVERIFY(!inserted.contains(u"PoNumber"_s));

    f.markSynced();
    f.order.insert(u"coupon_code"_s, u"SPRING"_s);
    const OrderPlan updatePlan = f.plan();
    const auto *update = findWrite(updatePlan, u"refOrder"_s);
    QVERIFY(update);
    QVERIFY(!update->fields.contains(u"Description"_s));
    QCOMPARE(update->fields.value(u"PoNumber"_s).toString(), u"DHL Paket - Standard"_s);
}

void TestSyncPlanner::opportunityForEveryOrder()
{
    Fixture f;
    QVERIFY(f.settings.set(u"advanced.create_opportunity"_s, u"every"_s).has_value());
    QVERIFY(f.settings.set(u"advanced.sales_cycle_length_days"_s, u"15"_s).has_value());
    const OrderPlan plan = f.plan();
    const auto *opp = findWrite(plan, u"refOpp"_s);
    QVERIFY(opp);
    QCOMPARE(summaryOf(*opp), u"upsert Opportunity Magento_ID__c=000000142 refOpp"_s);
    QCOMPARE(opp->fields.value(u"CloseDate"_s).toString(), u"2026-12-05"_s);
    QCOMPARE(opp->fields.value(u"StageName"_s).toString(), f.settings.opportunityStageConverted()); // paid
    QVERIFY(findWrite(plan, u"refOli0"_s));
    QVERIFY(findWrite(plan, u"refOli1"_s));
    QCOMPARE(findWrite(plan, u"refOrder"_s)->references.value(u"OpportunityId"_s), u"refOpp"_s);

    // Not paid yet: the Opportunity is written, the Order waits.
    f.order.remove(u"total_invoiced"_s);
    f.order.remove(u"total_paid"_s);
    const OrderPlan waiting = f.plan();
    QCOMPARE(waiting.status, SyncStatus::OutOfSync);
    QVERIFY(findWrite(waiting, u"refOpp"_s));
    QVERIFY(!findWrite(waiting, u"refOrder"_s));
    QCOMPARE(findWrite(waiting, u"refOpp"_s)->fields.value(u"StageName"_s).toString(), f.settings.opportunityStageDraft());
}

void TestSyncPlanner::orderWithoutProductsIsNotActivated()
{
    Fixture f;
    f.order.insert(u"items"_s, QJsonArray());
    f.order.insert(u"status"_s, u"complete"_s);
    const OrderPlan plan = f.plan();
    QCOMPARE(plan.targetStatus, u"Draft"_s);
    QVERIFY(!findWrite(plan, u"refStatus"_s));
    QVERIFY(!plan.notices.isEmpty());
}

void TestSyncPlanner::malformedOrderIsAnErrorNotACrash()
{
    Fixture f;
    f.order = QJsonObject{{u"entity_id"_s, 5}};
    OrderPlan plan = f.plan();
    QCOMPARE(plan.status, SyncStatus::Error);
    QCOMPARE(plan.error.code, u"sync.malformed_order"_s);

    f.order = loadMagentoOrderFixture();
    f.order.insert(u"grand_total"_s, u"not a number"_s);
    f.order.insert(u"created_at"_s, u"yesterday"_s);
    plan = f.plan();
    QCOMPARE(plan.status, SyncStatus::Error);
    QVERIFY(!plan.hasWrites());
}

void TestSyncPlanner::sameValueComparesLikeSalesforce_data()
{
    QTest::addColumn<QJsonValue>("salesforce");
    QTest::addColumn<QJsonValue>("mapped");
    QTest::addColumn<bool>("same");
    QTest::newRow("numbers") << QJsonValue(59.95) << QJsonValue(59.95) << true;
    QTest::newRow("int vs double") << QJsonValue(2) << QJsonValue(2.0) << true;
    QTest::newRow("different numbers") << QJsonValue(2) << QJsonValue(3) << false;
    QTest::newRow("text") << QJsonValue(u"Köln"_s) << QJsonValue(u"Köln"_s) << true;
    QTest::newRow("case matters") << QJsonValue(u"köln"_s) << QJsonValue(u"Köln"_s) << false;
    QTest::newRow("line ends") << QJsonValue(u"a\r\nb"_s) << QJsonValue(u"a\nb"_s) << true;
    QTest::newRow("null vs text") << QJsonValue() << QJsonValue(u"x"_s) << false;
    QTest::newRow("bool") << QJsonValue(true) << QJsonValue(true) << true;
}

void TestSyncPlanner::sameValueComparesLikeSalesforce()
{
    QFETCH(QJsonValue, salesforce);
    QFETCH(QJsonValue, mapped);
    QFETCH(bool, same);
    QCOMPARE(SyncPlanner::sameValue(salesforce, mapped), same);
}

void TestSyncPlanner::noteTitleIsCut()
{
    QCOMPARE(SyncPlanner::noteTitle(u"short\ncomment"_s), u"short comment"_s);
    const QString longText(100, u'x');
    QCOMPARE(SyncPlanner::noteTitle(longText), QString(75, u'x') + u"…"_s);
}

// JPY has 0 decimal places in the org (CurrencyType.DecimalPlaces): amounts go in whole yen, and a change
// below one yen is no change.
void TestSyncPlanner::yenAmountsAreWrittenAndComparedInWholeYen()
{
    Fixture f;
    f.order.insert(u"base_currency_code"_s, u"USD"_s);
    f.order.insert(u"order_currency_code"_s, u"JPY"_s);
    QJsonArray items = f.order.value(u"items"_s).toArray();
    QJsonObject line = items.first().toObject();
    line.insert(u"price"_s, 1498.5);
    items.replace(0, line);
    f.order.insert(u"items"_s, items);
    addCurrencyField(f.schema, {u"USD"_s, u"JPY"_s});
    f.snapshot.entriesBySku.clear();
    for (const QString &sku : {u"MH07-XL-Green"_s, u"24-WG080"_s}) {
        f.snapshot.entriesBySku.insert(SalesforceSnapshot::entryKey(sku, u"JPY"_s),
                                       SfPriceEntry{u"01uJPY%1"_s.arg(sku.left(4)).leftJustified(18, u'0'),
                                                    u"01tAA0000000001AAA"_s, 1.0});
    }
    f.snapshot.currencyDecimals = {{u"USD"_s, 2}, {u"JPY"_s, 0}};
    const OrderPlan plan = f.plan();
    QVERIFY2(plan.status == SyncStatus::InSync, qPrintable(plan.reason + u" / "_s + plan.error.toString()));
    const double total = f.order.value(u"grand_total"_s).toDouble();
    QCOMPARE(findWrite(plan, u"refOrder"_s)->fields.value(u"Grand_Total__c"_s).toDouble(), std::round(total));
    QCOMPARE(findWrite(plan, u"refItem0"_s)->fields.value(u"UnitPrice"_s).toDouble(), 1499.0);
    f.markSynced();
    QVERIFY(!f.plan().hasWrites());
    // 1498.50 -> 1498.70: the same in whole yen.
    line.insert(u"price"_s, 1498.7);
    items.replace(0, line);
    f.order.insert(u"items"_s, items);
    QVERIFY2(!f.plan().hasWrites(), qPrintable(writeSummary(f.plan()).join(u", "_s)));
    // Without the org's decimal places the amounts keep cents and the change is one.
    f.snapshot.currencyDecimals.clear();
    QVERIFY(f.plan().hasWrites());
}

void TestSyncPlanner::multiCurrencyOrgBooksTheOrderCurrency()
{
    Fixture f;
    placeInEuro(f.order);
    addCurrencyField(f.schema, {u"USD"_s, u"EUR"_s});
    // Entries per currency: the USD ones must not be used for a EUR order, whichever the lookup read last.
    f.snapshot.entriesBySku.clear();
    for (const QString &currency : {u"EUR"_s, u"USD"_s}) {
        for (const QString &sku : {u"MH07-XL-Green"_s, u"24-WG080"_s}) {
            f.snapshot.entriesBySku.insert(SalesforceSnapshot::entryKey(sku, currency),
                                           SfPriceEntry{u"01u%1%2"_s.arg(currency, sku.left(4)).leftJustified(18, u'0'),
                                                        u"01tAA0000000001AAA"_s, 1.0});
        }
    }
    QVERIFY(f.settings.set(u"advanced.create_opportunity"_s, u"every"_s).has_value());
    const OrderPlan plan = f.plan();
    QCOMPARE(plan.status, SyncStatus::InSync);
    QCOMPARE(findWrite(plan, u"refOrder"_s)->fields.value(u"CurrencyIsoCode"_s).toString(), u"EUR"_s);
    QCOMPARE(findWrite(plan, u"refOpp"_s)->fields.value(u"CurrencyIsoCode"_s).toString(), u"EUR"_s);
    QCOMPARE(findWrite(plan, u"refItem0"_s)->fields.value(u"PricebookEntryId"_s).toString(), u"01uEURMH0700000000"_s);
    QCOMPARE(findWrite(plan, u"refOli1"_s)->fields.value(u"PricebookEntryId"_s).toString(), u"01uEUR24-W00000000"_s);
    // The amounts are the order currency's.
    QCOMPARE(findWrite(plan, u"refOrder"_s)->fields.value(u"Grand_Total__c"_s).toDouble(), 221.82);
    // A second sync of what the first wrote writes nothing.
    QVERIFY(f.settings.set(u"advanced.create_opportunity"_s, u"no"_s).has_value());
    f.markSynced();
    const OrderPlan again = f.plan();
    QVERIFY2(!again.hasWrites(), qPrintable(writeSummary(again).join(u", "_s)));
    // Without a EUR entry the order fails, even though a USD one exists.
    f.snapshot.entriesBySku.remove(SalesforceSnapshot::entryKey(u"24-WG080"_s, u"EUR"_s));
    f.snapshot.ordersByIncrementId.clear();
    QCOMPARE(f.plan().error.code, u"sync.missing_price_entry"_s);
}

void TestSyncPlanner::inactiveCurrencyFailsTheOrder()
{
    Fixture f;
    placeInEuro(f.order);
    addCurrencyField(f.schema, {u"USD"_s, u"GBP"_s});
    const OrderPlan plan = f.plan();
    QCOMPARE(plan.status, SyncStatus::Error);
    QCOMPARE(plan.error.code, u"sync.currency_not_active"_s);
    QVERIFY2(plan.error.message.contains(u"EUR"_s) && plan.error.message.contains(u"USD, GBP"_s),
             qPrintable(plan.error.message));
    QVERIFY(plan.error.hint.contains(u"Manage Currencies"_s));
    QVERIFY(!plan.hasWrites());
}

void TestSyncPlanner::singleCurrencyOrgRefusesAnotherCurrency()
{
    Fixture f;
    placeInEuro(f.order);
    f.snapshot.orgCurrency = u"USD"_s;
    const OrderPlan plan = f.plan();
    QCOMPARE(plan.status, SyncStatus::Error);
    QCOMPARE(plan.error.code, u"sync.currency_not_in_org"_s);
    QCOMPARE(plan.error.message, u"The order is in EUR, but the Salesforce org has a single currency, USD."_s);
    QVERIFY(plan.error.hint.contains(u"advanced.book_base_currency"_s));
    QVERIFY(!plan.hasWrites());
    // The setting books base amounts only when the base currency is the org's.
    QVERIFY(f.settings.set(u"advanced.book_base_currency"_s, u"yes"_s).has_value());
    f.snapshot.orgCurrency = u"GBP"_s;
    QCOMPARE(f.plan().error.code, u"sync.currency_not_in_org"_s);
    // An order in the org's currency is no matter.
    Fixture same;
    same.snapshot.orgCurrency = u"EUR"_s;
    QCOMPARE(same.plan().status, SyncStatus::InSync);
}

void TestSyncPlanner::baseCurrencySettingBooksBaseAmounts()
{
    Fixture f;
    placeInEuro(f.order);
    f.snapshot.orgCurrency = u"USD"_s;
    QVERIFY(f.settings.set(u"advanced.book_base_currency"_s, u"yes"_s).has_value());
    const OrderPlan plan = f.plan();
    QCOMPARE(plan.status, SyncStatus::InSync);
    QCOMPARE(findWrite(plan, u"refOrder"_s)->fields.value(u"Grand_Total__c"_s).toDouble(), 241.11);
    QCOMPARE(findWrite(plan, u"refItem0"_s)->fields.value(u"UnitPrice"_s).toDouble(), 65.16);
    QVERIFY(!findWrite(plan, u"refOrder"_s)->fields.contains(u"CurrencyIsoCode"_s));
    QVERIFY2(plan.notices.contains(u"The order is in EUR; its base-currency amounts in USD were booked."_s),
             qPrintable(plan.notices.join(u"; "_s)));
}

void TestSyncPlanner::fourDecimalPricesDoNotLookChanged()
{
    // Magento keeps four decimals; Salesforce keeps a currency's two (19.9950 reads back as 20.00).
    Fixture f;
    QJsonArray items = f.order.value(u"items"_s).toArray();
    QJsonObject first = items.at(0).toObject();
    first.insert(u"price"_s, 19.9950);
    items.replace(0, first);
    f.order.insert(u"items"_s, items);
    QVERIFY(f.settings.set(u"advanced.create_opportunity"_s, u"every"_s).has_value());
    const OrderPlan plan = f.plan();
    QCOMPARE(findWrite(plan, u"refItem0"_s)->fields.value(u"UnitPrice"_s).toDouble(), 20.0);
    f.markSynced();
    // What Salesforce keeps: the Opportunity Product's price rounded as well.
    SfOpportunityState &opp = f.snapshot.opportunitiesByIncrementId[f.order.value(u"increment_id"_s).toString()];
    QVERIFY(!opp.items.isEmpty());
    QCOMPARE(opp.items.first().unitPrice, 19.995);
    for (SfOpportunityItemState &item : opp.items)
        item.unitPrice = std::round(item.unitPrice * 100 + 1e-6) / 100;
    QCOMPARE(opp.items.first().unitPrice, 20.0);
    const OrderPlan again = f.plan();
    QVERIFY2(!again.hasWrites(), qPrintable(writeSummary(again).join(u", "_s)));
    // A change of a cent is a change.
    first.insert(u"price"_s, 20.01);
    items.replace(0, first);
    f.order.insert(u"items"_s, items);
    QVERIFY(f.plan().hasWrites());
}

QTEST_GUILESS_MAIN(TestSyncPlanner)
#include "tst_syncplanner.moc"
