#include "mapping/defaultmappings.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "settings/settings.h"
#include "sync/syncplanner.h"

#include "testdata.h"

#include <QJsonArray>
#include <QTest>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

namespace {

SalesforceSnapshot baseSnapshot()
{
    SalesforceSnapshot s;
    s.pricebookId = u"01sAA0000000001AAA"_s;
    s.pricebookName = u"Magento Default"_s;
    s.standardPricebookId = u"01sAA0000000000AAA"_s;
    s.entriesBySku.insert(u"MH07-XL-Green"_s, SfPriceEntry{u"01uAA0000000001AAA"_s, u"01tAA0000000001AAA"_s, 59.95});
    s.entriesBySku.insert(u"24-WG080"_s, SfPriceEntry{u"01uAA0000000002AAA"_s, u"01tAA0000000002AAA"_s, 80});
    s.statusCategories.insert(u"Draft"_s, u"Draft"_s);
    s.statusCategories.insert(u"Activated"_s, u"Activated"_s);
    return s;
}

/// "METHOD path ref" for every node, to compare graphs as text.
QStringList nodeSummary(const OrderPlan &plan)
{
    QStringList out;
    for (const auto &n : plan.graph.nodes())
        out << n.method + u' ' + n.path + u' ' + n.referenceId;
    return out;
}

const CompositeGraph::Node *findNode(const OrderPlan &plan, const QString &ref)
{
    for (const auto &n : plan.graph.nodes()) {
        if (n.referenceId == ref)
            return &n;
    }
    return nullptr;
}

struct Fixture
{
    QJsonObject order = loadMagentoOrderFixture();
    SalesforceSnapshot snapshot = baseSnapshot();
    Settings settings;
    FieldMappingList mappings = defaultMappings();
    SalesforceSchema schema = SalesforceFieldCatalogue::schema();
    SyncTrigger trigger = SyncTrigger::Automatic;

    OrderPlan plan() const
    {
        SyncPlanner::Input in;
        in.order = order;
        in.snapshot = &snapshot;
        in.settings = &settings;
        in.mappings = &mappings;
        in.schema = &schema;
        in.trigger = trigger;
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
        for (const auto &n : first.graph.nodes()) {
            if (n.referenceId == u"refOrder"_s) {
                state.fields = n.body;
                state.fields.remove(u"Status"_s);
            } else if (n.referenceId.startsWith(u"refItem"_s)) {
                const QString ext = n.path.section(u'/', -1);
                state.itemsByExternalId.insert(ext, SfOrderItemState{u"802AA00000000%1AAA"_s.arg(ext), n.body.value(u"PricebookEntryId"_s).toString(), n.body});
            } else if (n.referenceId.startsWith(u"refNote"_s) && !n.referenceId.endsWith(u"Link"_s)) {
                // The lookup sees a ContentNote through its ContentDocument's Title only.
                state.notes << SfNoteState{u"002AA0000000001AAA"_s, n.body.value(u"Title"_s).toString(),
                                           n.body.value(u"Body"_s).toString()};
            } else if (n.referenceId == u"refOpp"_s) {
                SfOpportunityState opp;
                opp.id = u"006AA0000000001AAA"_s;
                opp.fields = n.body;
                opp.fields.insert(u"AccountId"_s, state.accountId);
                snapshot.opportunitiesByIncrementId.insert(order.value(u"increment_id"_s).toString(), opp);
                snapshot.opportunityIdsByIncrementId.insert(order.value(u"increment_id"_s).toString(), opp.id);
                state.opportunityId = opp.id;
            } else if (n.referenceId.startsWith(u"refOli"_s)) {
                SfOpportunityState &opp = snapshot.opportunitiesByIncrementId[order.value(u"increment_id"_s).toString()];
                opp.items << SfOpportunityItemState{u"00kAA000000000%1AAA"_s.arg(opp.items.size()),
                                                    n.body.value(u"PricebookEntryId"_s).toString(),
                                                    n.body.value(u"Quantity"_s).toDouble(),
                                                    n.body.value(u"UnitPrice"_s).toDouble()};
            }
        }
        state.fields.insert(u"AccountId"_s, state.accountId);
        if (!state.opportunityId.isEmpty())
            state.fields.insert(u"OpportunityId"_s, state.opportunityId);
        snapshot.ordersByIncrementId.insert(order.value(u"increment_id"_s).toString(), state);
    }
};

} // namespace

class TestSyncPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eligibility_data();
    void eligibility();
    void newPaidOrderWritesEverythingInOneGraph();
    void billedLinesSkipChildrenAndBillDynamicBundles();
    void existingCustomerIsReusedByEmail();
    void unchangedOrderIsNotWritten();
    void changedActivatedOrderGoesBackToDraftAndReturns();
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

void TestSyncPlanner::newPaidOrderWritesEverythingInOneGraph()
{
    Fixture f;
    const OrderPlan plan = f.plan();
    QCOMPARE(plan.status, SyncStatus::InSync);
    QVERIFY(plan.createsOrder);
    QCOMPARE(nodeSummary(plan),
             QStringList({u"PATCH sobjects/Account/Magento_ID__c/customer-57 refAccount"_s,
                          u"PATCH sobjects/Contact/Magento_ID__c/customer-57 refContact"_s,
                          u"PATCH sobjects/Order/Magento_ID__c/000000142 refOrder"_s,
                          u"PATCH sobjects/OrderItem/Magento_Item_ID__c/301 refItem0"_s,
                          u"PATCH sobjects/OrderItem/Magento_Item_ID__c/303 refItem1"_s,
                          u"POST sobjects/Note refNote0"_s}));
    const auto *order = findNode(plan, u"refOrder"_s);
    QCOMPARE(order->body.value(u"Status"_s).toString(), u"Draft"_s);
    QCOMPARE(order->body.value(u"AccountId"_s).toString(), u"@{refAccount.id}"_s);
    QCOMPARE(order->body.value(u"Pricebook2Id"_s).toString(), f.snapshot.pricebookId);
    QCOMPARE(order->body.value(u"EffectiveDate"_s).toString(), u"2026-11-20"_s);
    QVERIFY(!order->body.contains(u"Magento_ID__c"_s)); // it is in the URL
    const auto *item = findNode(plan, u"refItem0"_s);
    QCOMPARE(item->body.value(u"OrderId"_s).toString(), u"@{refOrder.id}"_s);
    QCOMPARE(item->body.value(u"PricebookEntryId"_s).toString(), u"01uAA0000000001AAA"_s);
    QCOMPARE(item->body.value(u"Quantity"_s).toDouble(), 2.0);
    QCOMPARE(item->body.value(u"UnitPrice"_s).toDouble(), 59.95);
    const auto *contact = findNode(plan, u"refContact"_s);
    QCOMPARE(contact->body.value(u"Email"_s).toString(), u"zoe.mueller@example.de"_s);
    QCOMPARE(contact->body.value(u"LastName"_s).toString(), u"Müller-Lüdenscheidt"_s);
    QCOMPARE(contact->body.value(u"AccountId"_s).toString(), u"@{refAccount.id}"_s);
    const auto *note = findNode(plan, u"refNote0"_s);
    QCOMPARE(note->body.value(u"ParentId"_s).toString(), u"@{refOrder.id}"_s);
    QCOMPARE(note->body.value(u"Body"_s).toString(), u"Rechnung #000000087 erstellt."_s);
    QCOMPARE(plan.targetStatus, u"Draft"_s); // processing maps to Draft
    QVERIFY(plan.graph.nodeCount() <= CompositeGraph::MaxNodes);
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
}

void TestSyncPlanner::existingCustomerIsReusedByEmail()
{
    Fixture f;
    f.order.insert(u"customer_email"_s, u"Zoe.Mueller@Example.DE"_s);
    f.snapshot.customersByEmail.insert(u"zoe.mueller@example.de"_s,
                                       SfCustomer{u"001AA00000000XXAAA"_s, u"003AA00000000XXAAA"_s});
    const OrderPlan plan = f.plan();
    QVERIFY(!findNode(plan, u"refAccount"_s));
    QVERIFY(!findNode(plan, u"refContact"_s));
    QCOMPARE(findNode(plan, u"refOrder"_s)->body.value(u"AccountId"_s).toString(), u"001AA00000000XXAAA"_s);

    // A guest is keyed by e-mail, so a second guest order finds the same customer.
    f.snapshot.customersByEmail.clear();
    f.order.insert(u"customer_is_guest"_s, 1);
    f.order.remove(u"customer_id"_s);
    QCOMPARE(SyncPlanner::customerKey(f.order), u"guest-zoe.mueller@example.de"_s);
    f.snapshot.customersByKey.insert(u"guest-zoe.mueller@example.de"_s, SfCustomer{u"001G"_s, u"003G"_s});
    QCOMPARE(findNode(f.plan(), u"refOrder"_s)->body.value(u"AccountId"_s).toString(), u"001G"_s);
}

void TestSyncPlanner::unchangedOrderIsNotWritten()
{
    Fixture f;
    f.markSynced();
    const OrderPlan plan = f.plan();
    QCOMPARE(plan.status, SyncStatus::InSync);
    QVERIFY2(!plan.hasWrites(), qPrintable(nodeSummary(plan).join(u"\n"_s)));
}

void TestSyncPlanner::changedActivatedOrderGoesBackToDraftAndReturns()
{
    Fixture f;
    f.order.insert(u"status"_s, u"complete"_s);
    f.order.insert(u"state"_s, u"complete"_s);
    f.markSynced(u"Activated"_s);
    QVERIFY(!f.plan().hasWrites());

    QJsonObject billing = f.order.value(u"billing_address"_s).toObject();
    billing.insert(u"city"_s, u"Köln"_s);
    f.order.insert(u"billing_address"_s, billing);
    const OrderPlan plan = f.plan();
    QCOMPARE(nodeSummary(plan),
             QStringList({u"PATCH sobjects/Order/801AA0000000001AAA refDraft"_s,
                          u"PATCH sobjects/Order/801AA0000000001AAA refOrder"_s,
                          u"PATCH sobjects/Order/801AA0000000001AAA refStatus"_s}));
    QCOMPARE(findNode(plan, u"refDraft"_s)->body, QJsonObject({{u"Status"_s, u"Draft"_s}}));
    QCOMPARE(findNode(plan, u"refOrder"_s)->body, QJsonObject({{u"BillingCity"_s, u"Köln"_s}}));
    QCOMPARE(findNode(plan, u"refStatus"_s)->body, QJsonObject({{u"Status"_s, u"Activated"_s}}));
}

void TestSyncPlanner::shipmentActivatesThroughStatusMapping()
{
    Fixture f;
    f.markSynced(u"Draft"_s);
    f.order.insert(u"status"_s, u"complete"_s);
    const OrderPlan plan = f.plan();
    QCOMPARE(nodeSummary(plan), QStringList({u"PATCH sobjects/Order/801AA0000000001AAA refStatus"_s}));
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
    QCOMPARE(nodeSummary(plan), QStringList({u"POST sobjects/Note refNote0"_s, u"POST sobjects/Note refNote1"_s}));
    QCOMPARE(findNode(plan, u"refNote0"_s)->body.value(u"ParentId"_s).toString(), u"801AA0000000001AAA"_s);

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
    QVERIFY(!findNode(plan, u"refNote0"_s));
}

void TestSyncPlanner::contentNotesAreLinkedToTheOrder()
{
    Fixture f;
    QVERIFY(f.settings.set(u"orders.note_object"_s, u"content_note"_s).has_value());
    const OrderPlan plan = f.plan();
    const auto *note = findNode(plan, u"refNote0"_s);
    QVERIFY(note);
    QCOMPARE(note->path, u"sobjects/ContentNote"_s);
    QCOMPARE(QByteArray::fromBase64(note->body.value(u"Content"_s).toString().toLatin1()),
             QByteArray("Rechnung #000000087 erstellt."));
    QCOMPARE(note->body.value(u"Title"_s).toString(), u"Rechnung #000000087 erstellt. [Magento comment #519]"_s);
    const auto *link = findNode(plan, u"refNote0Link"_s);
    QVERIFY(link);
    QCOMPARE(link->body.value(u"ContentDocumentId"_s).toString(), u"@{refNote0.id}"_s);
    QCOMPARE(link->body.value(u"LinkedEntityId"_s).toString(), u"@{refOrder.id}"_s);
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
    for (const auto &node : plan.graph.nodes()) {
        if (node.path == u"sobjects/Note"_s)
            bodies << node.body.value(u"Body"_s).toString();
        else if (node.path == u"sobjects/ContentNote"_s)
            bodies << QString::fromUtf8(QByteArray::fromBase64(node.body.value(u"Content"_s).toString().toLatin1()));
    }
    QCOMPARE(bodies, created);
    QCOMPARE(plan.notesCreated, int(created.size()));

    // Replaying after the notes were written (a crash before the result was recorded) adds none.
    for (const auto &node : plan.graph.nodes()) {
        if (node.path == u"sobjects/Note"_s || node.path == u"sobjects/ContentNote"_s)
            state.notes << SfNoteState{u"069y"_s, node.body.value(u"Title"_s).toString(), node.body.value(u"Body"_s).toString()};
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
    QVERIFY2(!plan.hasWrites(), qPrintable(nodeSummary(plan).join(u", "_s)));
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
    QCOMPARE(nodeSummary(plan), QStringList({u"PATCH sobjects/Opportunity/006AA0000000001AAA refOpp"_s,
                                             u"POST sobjects/OpportunityLineItem refOli1"_s}));
    QCOMPARE(findNode(plan, u"refOpp"_s)->body,
             QJsonObject({{u"StageName"_s, f.settings.opportunityStageConverted()}}));
    QCOMPARE(findNode(plan, u"refOli1"_s)->body.value(u"OpportunityId"_s).toString(), u"006AA0000000001AAA"_s);

    // A changed quantity updates that product only.
    Fixture g;
    QVERIFY(g.settings.set(u"advanced.create_opportunity"_s, u"every"_s).has_value());
    g.markSynced();
    SfOpportunityState &again = g.snapshot.opportunitiesByIncrementId[u"000000142"_s];
    again.items[0].quantity += 1;
    const OrderPlan quantity = g.plan();
    QCOMPARE(nodeSummary(quantity), QStringList({u"PATCH sobjects/OpportunityLineItem/%1 refOli0"_s.arg(again.items[0].id)}));
}

void TestSyncPlanner::missingPriceEntryNamesSkuAndBook()
{
    Fixture f;
    f.snapshot.entriesBySku.remove(u"24-WG080"_s);
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
    f.snapshot.entriesBySku.remove(u"24-WG080"_s);
    QVERIFY(f.settings.set(u"advanced.create_missing_products"_s, u"yes"_s).has_value());
    const OrderPlan plan = f.plan();
    QCOMPARE(plan.status, SyncStatus::InSync);
    QVERIFY(findNode(plan, u"refProduct0"_s));
    QCOMPARE(findNode(plan, u"refStdEntry0"_s)->body.value(u"Pricebook2Id"_s).toString(), f.snapshot.standardPricebookId);
    QCOMPARE(findNode(plan, u"refEntry0"_s)->body.value(u"Pricebook2Id"_s).toString(), f.snapshot.pricebookId);
    QCOMPARE(findNode(plan, u"refItem1"_s)->body.value(u"PricebookEntryId"_s).toString(), u"@{refEntry0.id}"_s);
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
    const QJsonObject inserted = findNode(insertPlan, u"refOrder"_s)->body;
    QCOMPARE(inserted.value(u"Description"_s).toString(), u"WINTER20"_s);
    QVERIFY(!inserted.contains(u"PoNumber"_s));

    f.markSynced();
    f.order.insert(u"coupon_code"_s, u"SPRING"_s);
    const OrderPlan updatePlan = f.plan();
    const auto *update = findNode(updatePlan, u"refOrder"_s);
    QVERIFY(update);
    QVERIFY(!update->body.contains(u"Description"_s));
    QCOMPARE(update->body.value(u"PoNumber"_s).toString(), u"DHL Paket - Standard"_s);
}

void TestSyncPlanner::opportunityForEveryOrder()
{
    Fixture f;
    QVERIFY(f.settings.set(u"advanced.create_opportunity"_s, u"every"_s).has_value());
    QVERIFY(f.settings.set(u"advanced.sales_cycle_length_days"_s, u"15"_s).has_value());
    const OrderPlan plan = f.plan();
    const auto *opp = findNode(plan, u"refOpp"_s);
    QVERIFY(opp);
    QCOMPARE(opp->path, u"sobjects/Opportunity/Magento_ID__c/000000142"_s);
    QCOMPARE(opp->body.value(u"CloseDate"_s).toString(), u"2026-12-05"_s);
    QCOMPARE(opp->body.value(u"StageName"_s).toString(), f.settings.opportunityStageConverted()); // paid
    QVERIFY(findNode(plan, u"refOli0"_s));
    QVERIFY(findNode(plan, u"refOli1"_s));
    QCOMPARE(findNode(plan, u"refOrder"_s)->body.value(u"OpportunityId"_s).toString(), u"@{refOpp.id}"_s);

    // Not paid yet: the Opportunity is written, the Order waits.
    f.order.remove(u"total_invoiced"_s);
    f.order.remove(u"total_paid"_s);
    const OrderPlan waiting = f.plan();
    QCOMPARE(waiting.status, SyncStatus::OutOfSync);
    QVERIFY(findNode(waiting, u"refOpp"_s));
    QVERIFY(!findNode(waiting, u"refOrder"_s));
    QCOMPARE(findNode(waiting, u"refOpp"_s)->body.value(u"StageName"_s).toString(), f.settings.opportunityStageDraft());
}

void TestSyncPlanner::orderWithoutProductsIsNotActivated()
{
    Fixture f;
    f.order.insert(u"items"_s, QJsonArray());
    f.order.insert(u"status"_s, u"complete"_s);
    const OrderPlan plan = f.plan();
    QCOMPARE(plan.targetStatus, u"Draft"_s);
    QVERIFY(!findNode(plan, u"refStatus"_s));
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

QTEST_GUILESS_MAIN(TestSyncPlanner)
#include "tst_syncplanner.moc"
