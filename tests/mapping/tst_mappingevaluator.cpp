#include "mapping/defaultmappings.h"
#include "mapping/mappingevaluator.h"
#include "mapping/salesforcefieldcatalogue.h"

#include "testdata.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

Q_DECLARE_METATYPE(OrderBridge::WriteOperation)
Q_DECLARE_METATYPE(OrderBridge::WhenMode)

namespace {

FieldMapping custom(MappingEntity entity, const QString &source, const QString &target, WhenMode when = WhenMode::Upsert,
                    bool enabled = true, const QString &defaultValue = {})
{
    FieldMapping m;
    m.entity = entity;
    m.magentoAttribute = source;
    m.salesforceField = target;
    m.when = when;
    m.enabled = enabled;
    m.defaultValue = defaultValue;
    return m;
}

QStringList problemFields(const QList<FieldProblem> &problems)
{
    QStringList fields;
    for (const FieldProblem &p : problems)
        fields << p.salesforceField;
    return fields;
}

} // namespace

class TestMappingEvaluator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_order = loadMagentoOrderFixture(); }
    void defaultOrderInsert();
    void defaultOrderUpdate();
    void defaultItemInsertAndUpdate();
    void whenAndEnable_data();
    void whenAndEnable();
    void defaultsForEmptyValues_data();
    void defaultsForEmptyValues();
    void truncationNotice();
    void perFieldErrors();
    void statusLookup_data();
    void statusLookup();
    void unmappedStatusIsAFieldError();
    void notCreateableIsSkipped();

private:
    QJsonObject m_order;
};

void TestMappingEvaluator::defaultOrderInsert()
{
    const EvaluationContext context{{u"@account_id"_s, u"001000000000001AAA"_s}, {u"@pricebook2_id"_s, u"01s000000000002AAA"_s}};
    const MappingEvaluation result = MappingEvaluator::evaluateOrder(m_order, defaultMappings(), SalesforceFieldCatalogue::order(),
                                                                     WriteOperation::Insert, context);
    QVERIFY2(!result.hasErrors(), qPrintable(result.errors.value(0).message));
    const QJsonObject expected{
        {u"Magento_ID__c"_s, u"000000142"_s},
        {u"EffectiveDate"_s, u"2026-11-20"_s},
        {u"Status"_s, u"Draft"_s}, // processing -> Draft
        {u"AccountId"_s, u"001000000000001AAA"_s},
        {u"Pricebook2Id"_s, u"01s000000000002AAA"_s},
        {u"Magento_Website__c"_s, u"Main Website, Main Website Store, Deutsch"_s},
        {u"BillingStreet"_s, u"Königsallee 12\nHinterhaus, 3. OG"_s},
        {u"BillingCity"_s, u"Düsseldorf"_s},
        {u"BillingState"_s, u"Nordrhein-Westfalen"_s},
        {u"BillingPostalCode"_s, u"40212"_s},
        {u"BillingCountry"_s, u"DE"_s},
        {u"ShippingStreet"_s, u"Packstation 105\nPostnummer 12345678"_s},
        {u"ShippingCity"_s, u"Köln"_s},
        {u"ShippingState"_s, u"Nordrhein-Westfalen"_s},
        {u"ShippingPostalCode"_s, u"50667"_s},
        {u"ShippingCountry"_s, u"DE"_s},
        {u"Subtotal__c"_s, 199.9},
        {u"Shipping_Amount__c"_s, 10.0},
        {u"Tax_Amount__c"_s, 31.92},
        {u"Discount_Amount__c"_s, -20.0},
        {u"Grand_Total__c"_s, 221.82},
    };
    QCOMPARE(result.values, expected);
    QVERIFY(result.truncations.isEmpty());
    QVERIFY(result.unresolved.isEmpty());
    QVERIFY(result.skipped.isEmpty());
}

void TestMappingEvaluator::defaultOrderUpdate()
{
    const MappingEvaluation result = MappingEvaluator::evaluateOrder(m_order, defaultMappings(), SalesforceFieldCatalogue::order(),
                                                                     WriteOperation::Update);
    QVERIFY(!result.hasErrors());
    // Insert Only Pricebook2Id is not part of an update; AccountId was not supplied: left to the engine.
    QVERIFY(!result.values.contains(u"Pricebook2Id"_s));
    QVERIFY(!result.values.contains(u"AccountId"_s));
    QCOMPARE(result.unresolved, QStringList{u"AccountId"_s});
    QCOMPARE(result.values.size(), 19);
    QCOMPARE(result.values.value(u"Magento_ID__c"_s).toString(), u"000000142"_s);
}

void TestMappingEvaluator::defaultItemInsertAndUpdate()
{
    const QJsonArray items = m_order.value(u"items"_s).toArray();
    const QJsonObject parent = items.at(0).toObject();
    const EvaluationContext context{{u"@order_id"_s, u"801000000000003AAA"_s},
                                    {u"@pricebook_entry_id"_s, u"01u000000000004AAA"_s}};
    const MappingEvaluation insert = MappingEvaluator::evaluateItem(parent, defaultMappings(), SalesforceFieldCatalogue::orderItem(),
                                                                    WriteOperation::Insert, context);
    QVERIFY(!insert.hasErrors());
    const QJsonObject expectedInsert{
        {u"Magento_Item_ID__c"_s, u"301"_s},
        {u"OrderId"_s, u"801000000000003AAA"_s},
        {u"PricebookEntryId"_s, u"01u000000000004AAA"_s},
        {u"Quantity"_s, 2.0},
        {u"UnitPrice"_s, 59.95},
        {u"Description"_s, u"Hoodie „Örebro“ – XL, Grün"_s},
    };
    QCOMPARE(insert.values, expectedInsert);

    const MappingEvaluation update = MappingEvaluator::evaluateItem(parent, defaultMappings(), SalesforceFieldCatalogue::orderItem(),
                                                                    WriteOperation::Update, context);
    QVERIFY(!update.hasErrors());
    QJsonObject expectedUpdate = expectedInsert;
    expectedUpdate.remove(u"OrderId"_s);
    expectedUpdate.remove(u"PricebookEntryId"_s);
    QCOMPARE(update.values, expectedUpdate);

    const MappingEvaluation kit = MappingEvaluator::evaluateItem(items.at(2).toObject(), defaultMappings(),
                                                                 SalesforceFieldCatalogue::orderItem(), WriteOperation::Update);
    QCOMPARE(kit.values.value(u"Description"_s).toString(), u"Sprite Yoga Companion Kit — 日本語版"_s);
    QCOMPARE(kit.values.value(u"UnitPrice"_s).toDouble(), 80.0);
}

void TestMappingEvaluator::whenAndEnable_data()
{
    QTest::addColumn<WhenMode>("when");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<WriteOperation>("operation");
    QTest::addColumn<bool>("written");
    QTest::newRow("upsert/insert") << WhenMode::Upsert << true << WriteOperation::Insert << true;
    QTest::newRow("upsert/update") << WhenMode::Upsert << true << WriteOperation::Update << true;
    QTest::newRow("insert-only/insert") << WhenMode::InsertOnly << true << WriteOperation::Insert << true;
    QTest::newRow("insert-only/update") << WhenMode::InsertOnly << true << WriteOperation::Update << false;
    QTest::newRow("update-only/insert") << WhenMode::UpdateOnly << true << WriteOperation::Insert << false;
    QTest::newRow("update-only/update") << WhenMode::UpdateOnly << true << WriteOperation::Update << true;
    QTest::newRow("disabled upsert/insert") << WhenMode::Upsert << false << WriteOperation::Insert << false;
    QTest::newRow("disabled upsert/update") << WhenMode::Upsert << false << WriteOperation::Update << false;
}

void TestMappingEvaluator::whenAndEnable()
{
    QFETCH(WhenMode, when);
    QFETCH(bool, enabled);
    QFETCH(WriteOperation, operation);
    QFETCH(bool, written);
    const FieldMappingList mappings{
        custom(MappingEntity::Order, u"customer_email"_s, u"Description"_s, when, enabled),
        // A mapping of another entity never takes part.
        custom(MappingEntity::OrderItem, u"sku"_s, u"Description"_s),
    };
    const MappingEvaluation result = MappingEvaluator::evaluateOrder(m_order, mappings, SalesforceFieldCatalogue::order(), operation);
    QVERIFY(!result.hasErrors());
    QCOMPARE(result.values.contains(u"Description"_s), written);
    if (written)
        QCOMPARE(result.values.value(u"Description"_s).toString(), u"zoe.mueller@example.de"_s);
    QCOMPARE(result.values.size(), written ? 1 : 0);
}

void TestMappingEvaluator::defaultsForEmptyValues_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("defaultValue");
    QTest::addColumn<QJsonValue>("expected"); // undefined = field left out
    QTest::newRow("missing -> default") << u"customer_dob"_s << u"PoDate"_s << u"2000-01-01"_s << QJsonValue(u"2000-01-01"_s);
    QTest::newRow("missing, no default -> left out") << u"customer_dob"_s << u"PoDate"_s << QString()
                                                     << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("null -> default") << u"payment.cc_last4"_s << u"PoNumber"_s << u"n/a"_s << QJsonValue(u"n/a"_s);
    QTest::newRow("empty string -> default") << u"payment.additional_information[1]"_s << u"PoNumber"_s << u"none"_s
                                             << QJsonValue(u"none"_s);
    QTest::newRow("present wins over default") << u"coupon_code"_s << u"PoNumber"_s << u"none"_s
                                               << QJsonValue(u"WINTER20"_s);
    QTest::newRow("zero is not empty") << u"total_due"_s << u"Grand_Total__c"_s << u"5"_s << QJsonValue(0.0);
    QTest::newRow("default converted to number") << u"no_such_amount"_s << u"Grand_Total__c"_s << u"12.5"_s
                                                 << QJsonValue(12.5);
}

void TestMappingEvaluator::defaultsForEmptyValues()
{
    QFETCH(QString, source);
    QFETCH(QString, target);
    QFETCH(QString, defaultValue);
    QFETCH(QJsonValue, expected);
    const FieldMappingList mappings{custom(MappingEntity::Order, source, target, WhenMode::Upsert, true, defaultValue)};
    const MappingEvaluation result = MappingEvaluator::evaluateOrder(m_order, mappings, SalesforceFieldCatalogue::order(),
                                                                     WriteOperation::Insert);
    QVERIFY2(!result.hasErrors(), qPrintable(result.errors.value(0).message));
    QCOMPARE(result.values.value(target), expected);
}

void TestMappingEvaluator::truncationNotice()
{
    QJsonObject order = m_order;
    QJsonObject billing = order.value(u"billing_address"_s).toObject();
    const QString longCity = u"Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"_s;
    billing.insert(u"city"_s, longCity);
    order.insert(u"billing_address"_s, billing);
    const MappingEvaluation result = MappingEvaluator::evaluateOrder(order, defaultMappings(), SalesforceFieldCatalogue::order(),
                                                                     WriteOperation::Update);
    QVERIFY(!result.hasErrors());
    QCOMPARE(result.values.value(u"BillingCity"_s).toString(), longCity.left(40));
    QCOMPARE(result.truncations.size(), 1);
    QCOMPARE(result.truncations.first(), (TruncationNotice{u"BillingCity"_s, longCity, 40}));
}

void TestMappingEvaluator::perFieldErrors()
{
    QJsonObject order = m_order;
    order.insert(u"subtotal"_s, u"einhundert"_s);
    order.insert(u"created_at"_s, u"gestern"_s);
    const FieldMappingList mappings = defaultMappings()
        << custom(MappingEntity::Order, u"billing_address[0]"_s, u"Name"_s)
        << custom(MappingEntity::Order, u"increment_id"_s, u"NoSuchField__c"_s)
        << custom(MappingEntity::Order, u"bad..path"_s, u"PoNumber"_s);
    const MappingEvaluation result = MappingEvaluator::evaluateOrder(order, mappings, SalesforceFieldCatalogue::order(),
                                                                     WriteOperation::Update);
    QCOMPARE(problemFields(result.errors),
             (QStringList{u"EffectiveDate"_s, u"Subtotal__c"_s, u"Name"_s, u"NoSuchField__c"_s, u"PoNumber"_s}));
    QVERIFY(result.errors.at(1).message.contains(u"\"einhundert\" is not a number"_s));
    QCOMPARE(result.errors.at(1).magentoAttribute, u"subtotal"_s);
    QVERIFY(result.errors.at(0).message.contains(u"is not a date"_s));
    QVERIFY(result.errors.at(3).message.contains(u"does not exist on Order"_s));
    // Fields with errors are left out; the others are still produced.
    QVERIFY(!result.values.contains(u"Subtotal__c"_s));
    QVERIFY(!result.values.contains(u"EffectiveDate"_s));
    QCOMPARE(result.values.value(u"Grand_Total__c"_s).toDouble(), 221.82);
}

void TestMappingEvaluator::statusLookup_data()
{
    QTest::addColumn<QString>("magento");
    QTest::addColumn<QString>("salesforce");
    const QStringList drafts{u"pending"_s, u"pending_payment"_s, u"processing"_s, u"fraud"_s, u"payment_review"_s,
                             u"holded"_s, u"canceled"_s};
    for (const QString &status : drafts)
        QTest::newRow(qPrintable(status)) << status << u"Draft"_s;
    QTest::newRow("complete") << u"complete"_s << u"Activated"_s;
    QTest::newRow("closed") << u"closed"_s << u"Activated"_s;
}

void TestMappingEvaluator::statusLookup()
{
    QFETCH(QString, magento);
    QFETCH(QString, salesforce);
    const Result<QString> status = MappingEvaluator::salesforceStatus(magento, defaultMappings());
    QVERIFY(status.has_value());
    QCOMPARE(*status, salesforce);

    QJsonObject order = m_order;
    order.insert(u"status"_s, magento);
    const MappingEvaluation result = MappingEvaluator::evaluateOrder(order, defaultMappings(), SalesforceFieldCatalogue::order(),
                                                                     WriteOperation::Update);
    QCOMPARE(result.values.value(u"Status"_s).toString(), salesforce);
}

void TestMappingEvaluator::unmappedStatusIsAFieldError()
{
    const Result<QString> missing = MappingEvaluator::salesforceStatus(u"pending_paypal"_s, defaultMappings());
    QVERIFY(!missing.has_value());
    QCOMPARE(missing.error().code, u"mapping.status_unmapped"_s);
    QVERIFY(missing.error().message.contains(u"pending_paypal"_s));

    FieldMappingList mappings = defaultMappings();
    for (FieldMapping &m : mappings) {
        if (m.entity == MappingEntity::OrderStatus && m.magentoAttribute == u"complete")
            m.enabled = false;
    }
    const Result<QString> disabled = MappingEvaluator::salesforceStatus(u"complete"_s, mappings);
    QVERIFY(!disabled.has_value());
    QVERIFY(disabled.error().message.contains(u"disabled"_s));

    QJsonObject order = m_order;
    order.insert(u"status"_s, u"pending_paypal"_s);
    const MappingEvaluation result = MappingEvaluator::evaluateOrder(order, defaultMappings(), SalesforceFieldCatalogue::order(),
                                                                     WriteOperation::Update);
    QCOMPARE(problemFields(result.errors), QStringList{u"Status"_s});
    QVERIFY(!result.values.contains(u"Status"_s));
}

void TestMappingEvaluator::notCreateableIsSkipped()
{
    const FieldMappingList mappings{custom(MappingEntity::Order, u"grand_total"_s, u"TotalAmount"_s),
                                    custom(MappingEntity::Order, u"is_virtual"_s, u"IsReductionOrder"_s)};
    const MappingEvaluation insert = MappingEvaluator::evaluateOrder(m_order, mappings, SalesforceFieldCatalogue::order(),
                                                                     WriteOperation::Insert);
    QCOMPARE(problemFields(insert.skipped), QStringList{u"TotalAmount"_s});
    QVERIFY(!insert.hasErrors());
    QCOMPARE(insert.values, (QJsonObject{{u"IsReductionOrder"_s, false}}));
    const MappingEvaluation update = MappingEvaluator::evaluateOrder(m_order, mappings, SalesforceFieldCatalogue::order(),
                                                                     WriteOperation::Update);
    QCOMPARE(problemFields(update.skipped), (QStringList{u"TotalAmount"_s, u"IsReductionOrder"_s}));
    QVERIFY(update.values.isEmpty());
}

QTEST_APPLESS_MAIN(TestMappingEvaluator)
#include "tst_mappingevaluator.moc"
