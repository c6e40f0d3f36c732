// buildPreviewRecords: the order preview read from the typed writes of a dry run.
#include "sync/orderpreviewbuilder.h"

#include <QTest>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString kOrderId = u"801AA0000000001AAA"_s;
const QString kItemId = u"802AA0000000001AAA"_s;

const PreviewRecord *find(const QList<PreviewRecord> &records, const QString &object)
{
    for (const PreviewRecord &r : records) {
        if (r.object == object)
            return &r;
    }
    return nullptr;
}

RecordWrite withReference(RecordWrite write, const QString &field, const QString &ref)
{
    write.references.insert(field, ref);
    return write;
}

} // namespace

class TestOrderPreviewBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newOrderIsAllInserts();
    void writesToOneRecordAreOneRecord();
    void recordsTheSyncLeavesAloneAreListed();
    void upsertOfAKnownCustomerIsAnUpdate();
    void noWritesNoRecords();
};

void TestOrderPreviewBuilder::newOrderIsAllInserts()
{
    OrderOutcome outcome;
    outcome.plannedWrites = WriteGroup{
        u"o142"_s,
        {RecordWrite::upsert(u"Account"_s, u"Magento_ID__c"_s, u"customer-57"_s, {{u"Name"_s, u"Müller"_s}}, u"refAccount"_s),
         withReference(RecordWrite::upsert(u"Order"_s, u"Magento_ID__c"_s, u"000000142"_s, {{u"Status"_s, u"Draft"_s}},
                                           u"refOrder"_s),
                       u"AccountId"_s, u"refAccount"_s),
         withReference(RecordWrite::create(u"Note"_s, {{u"Body"_s, u"Bitte klingeln."_s}}, u"refNote0"_s), u"ParentId"_s,
                       u"refOrder"_s)}};
    const QList<PreviewRecord> records = buildPreviewRecords(outcome);
    QCOMPARE(records.size(), 3);
    for (const PreviewRecord &r : records) {
        QCOMPARE(r.operation, u"insert"_s);
        QVERIFY(r.recordId.isEmpty());
        QVERIFY(r.current.isEmpty());
    }
    const PreviewRecord *order = find(records, u"Order"_s);
    QCOMPARE(order->referenceId, u"refOrder"_s);
    // The exact values the sync sends: a reference as Salesforce reads it.
    QCOMPARE(order->sending, QJsonObject({{u"Status"_s, u"Draft"_s}, {u"AccountId"_s, u"@{refAccount.id}"_s}}));
    QCOMPARE(find(records, u"Note"_s)->sending.value(u"ParentId"_s).toString(), u"@{refOrder.id}"_s);
}

void TestOrderPreviewBuilder::writesToOneRecordAreOneRecord()
{
    OrderOutcome outcome;
    outcome.existingRecords << ExistingRecord{u"Order"_s, kOrderId, u"000000142"_s,
                                              {{u"Status"_s, u"Activated"_s}, {u"BillingCity"_s, u"Köln"_s}}};
    outcome.plannedWrites = WriteGroup{u"o142"_s,
                                       {RecordWrite::update(u"Order"_s, kOrderId, {{u"Status"_s, u"Draft"_s}}, u"refDraft"_s),
                                        RecordWrite::update(u"Order"_s, kOrderId, {{u"BillingCity"_s, u"Bonn"_s}}, u"refOrder"_s),
                                        RecordWrite::update(u"Order"_s, kOrderId, {{u"Status"_s, u"Activated"_s}},
                                                            u"refStatus"_s)}};
    const QList<PreviewRecord> records = buildPreviewRecords(outcome);
    QCOMPARE(records.size(), 1);
    const PreviewRecord &order = records.first();
    QCOMPARE(order.operation, u"update"_s);
    QCOMPARE(order.recordId, kOrderId);
    QCOMPARE(order.sending, QJsonObject({{u"Status"_s, u"Activated"_s}, {u"BillingCity"_s, u"Bonn"_s}}));
    QCOMPARE(order.current, QJsonObject({{u"Status"_s, u"Activated"_s}, {u"BillingCity"_s, u"Köln"_s}}));
}

void TestOrderPreviewBuilder::recordsTheSyncLeavesAloneAreListed()
{
    OrderOutcome outcome;
    outcome.existingRecords << ExistingRecord{u"Order"_s, kOrderId, u"000000142"_s, {{u"Status"_s, u"Draft"_s}}}
                            << ExistingRecord{u"OrderItem"_s, kItemId, u"301"_s, {{u"Quantity"_s, 2}}};
    // An upsert by external ID of an Order Product Salesforce holds with these values already.
    outcome.plannedWrites = WriteGroup{
        u"o142"_s, {RecordWrite::upsert(u"OrderItem"_s, u"Magento_Item_ID__c"_s, u"301"_s, {{u"Quantity"_s, 2}}, u"refItem0"_s)}};
    const QList<PreviewRecord> records = buildPreviewRecords(outcome);
    QCOMPARE(records.size(), 2);
    const PreviewRecord *item = find(records, u"OrderItem"_s);
    QCOMPARE(item->recordId, kItemId);
    QCOMPARE(item->operation, u"none"_s); // every value already in Salesforce
    const PreviewRecord *order = find(records, u"Order"_s);
    QCOMPARE(order->operation, u"none"_s);
    QCOMPARE(order->recordId, kOrderId);
    QCOMPARE(order->sending, order->current);
}

void TestOrderPreviewBuilder::upsertOfAKnownCustomerIsAnUpdate()
{
    OrderOutcome outcome;
    outcome.accountId = u"001AA0000000001AAA"_s;
    outcome.plannedWrites = WriteGroup{
        u"o142"_s,
        {RecordWrite::upsert(u"Account"_s, u"Magento_ID__c"_s, u"customer-57"_s, {{u"Name"_s, u"Müller"_s}}, u"refAccount"_s),
         RecordWrite::upsert(u"Contact"_s, u"Magento_ID__c"_s, u"customer-57"_s, {{u"LastName"_s, u"Müller"_s}},
                             u"refContact"_s)}};
    const QList<PreviewRecord> records = buildPreviewRecords(outcome);
    QCOMPARE(find(records, u"Account"_s)->operation, u"update"_s);
    QCOMPARE(find(records, u"Account"_s)->recordId, outcome.accountId);
    QCOMPARE(find(records, u"Contact"_s)->operation, u"insert"_s);
}

void TestOrderPreviewBuilder::noWritesNoRecords()
{
    QVERIFY(buildPreviewRecords(OrderOutcome{}).isEmpty());
}

QTEST_APPLESS_MAIN(TestOrderPreviewBuilder)
#include "tst_orderpreviewbuilder.moc"
