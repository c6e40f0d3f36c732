#include "mapping/defaultmappings.h"
#include "mapping/mappingvalidator.h"
#include "mapping/salesforcefieldcatalogue.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

Q_DECLARE_METATYPE(OrderBridge::FieldMapping)

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

QString codesOf(const QList<MappingIssue> &issues, qsizetype index)
{
    QStringList codes;
    for (const MappingIssue &issue : issues) {
        if (issue.index == index)
            codes << (issue.isError() ? u"E:"_s : u"W:"_s) + issue.code;
    }
    return codes.join(u' ');
}

} // namespace

class TestMappingValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void single_data();
    void single();
    void duplicates_data();
    void duplicates();
    void duplicatesIgnoreDisabledAndDisjointWhen();
    void unknownFieldSuggestsCase();
    void statusAgainstLivePicklist();
    void systemChanges_data();
    void systemChanges();
};

void TestMappingValidator::single_data()
{
    QTest::addColumn<FieldMapping>("mapping");
    QTest::addColumn<QString>("expected"); // codes, "" = valid
    const auto O = MappingEntity::Order;
    const auto I = MappingEntity::OrderItem;
    const auto S = MappingEntity::OrderStatus;
    QTest::newRow("valid text") << custom(O, u"customer_email"_s, u"Description"_s) << QString();
    QTest::newRow("valid custom attribute") << custom(O, u"billing_address.custom_attributes.vat_category"_s, u"Type"_s) << QString();
    QTest::newRow("valid list into textarea") << custom(O, u"items[].sku"_s, u"Description"_s) << QString();
    QTest::newRow("valid item path") << custom(I, u"sku"_s, u"Description"_s) << QString();
    QTest::newRow("valid flag to boolean") << custom(O, u"is_virtual"_s, u"IsReductionOrder"_s, WhenMode::InsertOnly) << QString();
    QTest::newRow("unknown field") << custom(O, u"increment_id"_s, u"Magento_Number__c"_s) << u"E:mapping.unknown_field"_s;
    QTest::newRow("item field on order") << custom(O, u"sku"_s, u"Quantity"_s) << u"E:mapping.unknown_field"_s;
    QTest::newRow("bad path") << custom(O, u"billing_address..city"_s, u"BillingCity"_s) << u"E:mapping.bad_path"_s;
    QTest::newRow("insert-only on read-only") << custom(O, u"grand_total"_s, u"TotalAmount"_s, WhenMode::InsertOnly)
                                              << u"E:mapping.not_createable"_s;
    QTest::newRow("update-only on create-only") << custom(I, u"@order_id"_s, u"OrderId"_s, WhenMode::UpdateOnly)
                                                << u"E:mapping.not_updateable"_s;
    QTest::newRow("upsert on create-only warns") << custom(O, u"is_virtual"_s, u"IsReductionOrder"_s)
                                                 << u"W:mapping.upsert_partial"_s;
    QTest::newRow("upsert on read-only") << custom(O, u"grand_total"_s, u"TotalAmount"_s) << u"E:mapping.read_only"_s;
    QTest::newRow("timestamp into currency") << custom(O, u"created_at"_s, u"Grand_Total__c"_s) << u"E:mapping.type_mismatch"_s;
    QTest::newRow("amount into date") << custom(O, u"grand_total"_s, u"PoDate"_s) << u"E:mapping.type_mismatch"_s;
    QTest::newRow("amount into boolean") << custom(O, u"grand_total"_s, u"IsReductionOrder"_s, WhenMode::InsertOnly)
                                         << u"E:mapping.type_mismatch"_s;
    QTest::newRow("list into currency") << custom(I, u"items[].price"_s, u"UnitPrice"_s)
                                        << u"W:mapping.item_path E:mapping.type_mismatch"_s;
    QTest::newRow("bad default") << custom(O, u"customer_dob"_s, u"PoDate"_s, WhenMode::Upsert, true, u"tomorrow"_s)
                                 << u"E:mapping.bad_default"_s;
    QTest::newRow("good default") << custom(O, u"customer_dob"_s, u"PoDate"_s, WhenMode::Upsert, true, u"2000-01-01"_s)
                                  << QString();
    QTest::newRow("unknown special source") << custom(O, u"@magic"_s, u"Name"_s) << u"E:mapping.unknown_source"_s;
    QTest::newRow("item source on order") << custom(O, u"@order_id"_s, u"OpportunityId"_s) << u"E:mapping.unknown_source"_s;
    QTest::newRow("status source into number") << custom(O, u"@status"_s, u"Grand_Total__c"_s) << u"E:mapping.type_mismatch"_s;
    QTest::newRow("status value unknown") << custom(S, u"pending_paypal"_s, u"Shipped"_s) << u"E:mapping.unknown_status"_s;
    QTest::newRow("status value ok") << custom(S, u"pending_paypal"_s, u"Draft"_s) << QString();
    QTest::newRow("status code with space") << custom(S, u"on hold"_s, u"Draft"_s) << u"E:mapping.bad_status"_s;
    QTest::newRow("status empty value") << custom(S, u"holded"_s, QString()) << u"E:mapping.bad_status"_s;
    QTest::newRow("disabled mapping still validated") << custom(O, u"x"_s, u"Nope__c"_s, WhenMode::Upsert, false)
                                                      << u"E:mapping.unknown_field"_s;
}

void TestMappingValidator::single()
{
    QFETCH(FieldMapping, mapping);
    QFETCH(QString, expected);
    const QList<MappingIssue> issues = MappingValidator::validate({mapping}, SalesforceFieldCatalogue::schema());
    QCOMPARE(codesOf(issues, 0), expected);
    QCOMPARE(MappingValidator::hasErrors(issues), expected.contains(u"E:"_s));
    for (const MappingIssue &issue : issues)
        QVERIFY(!issue.message.isEmpty());
}

void TestMappingValidator::duplicates_data()
{
    QTest::addColumn<FieldMapping>("second");
    QTest::addColumn<QString>("expected");
    const auto O = MappingEntity::Order;
    // Against the system mapping billing_address.city -> BillingCity (Upsert).
    QTest::newRow("same target upsert") << custom(O, u"billing_address.region"_s, u"BillingCity"_s)
                                        << u"E:mapping.duplicate_target"_s;
    QTest::newRow("same target insert-only") << custom(O, u"customer_email"_s, u"BillingCity"_s, WhenMode::InsertOnly)
                                             << u"E:mapping.duplicate_target"_s;
    QTest::newRow("same target case-insensitive") << custom(O, u"customer_email"_s, u"billingcity"_s)
                                                  << u"E:mapping.unknown_field E:mapping.duplicate_target"_s;
    QTest::newRow("same target disabled") << custom(O, u"customer_email"_s, u"BillingCity"_s, WhenMode::Upsert, false)
                                          << QString();
    QTest::newRow("other target") << custom(O, u"customer_email"_s, u"PoNumber"_s) << QString();
    QTest::newRow("same status twice") << custom(MappingEntity::OrderStatus, u"complete"_s, u"Draft"_s)
                                       << u"E:mapping.duplicate_status"_s;
    // OrderItem.Description is a system target; Order.Description is free.
    QTest::newRow("same field, other entity") << custom(MappingEntity::Order, u"customer_note"_s, u"Description"_s) << QString();
}

void TestMappingValidator::duplicates()
{
    QFETCH(FieldMapping, second);
    QFETCH(QString, expected);
    FieldMappingList mappings = defaultMappings();
    mappings << second;
    const QList<MappingIssue> issues = MappingValidator::validate(mappings, SalesforceFieldCatalogue::schema());
    QCOMPARE(codesOf(issues, mappings.size() - 1), expected);
    for (qsizetype i = 0; i + 1 < mappings.size(); ++i)
        QCOMPARE(codesOf(issues, i), QString());
}

void TestMappingValidator::duplicatesIgnoreDisabledAndDisjointWhen()
{
    // The system BillingCity row disabled: a custom mapping may take the field over.
    FieldMappingList mappings = defaultMappings();
    for (FieldMapping &m : mappings) {
        if (m.salesforceField == u"BillingCity")
            m.enabled = false;
    }
    mappings << custom(MappingEntity::Order, u"billing_address.custom_attributes.delivery_notes"_s, u"BillingCity"_s);
    // Insert Only and Update Only never write in the same operation.
    mappings << custom(MappingEntity::Order, u"customer_email"_s, u"PoNumber"_s, WhenMode::InsertOnly);
    mappings << custom(MappingEntity::Order, u"coupon_code"_s, u"PoNumber"_s, WhenMode::UpdateOnly);
    QCOMPARE(MappingValidator::validate(mappings, SalesforceFieldCatalogue::schema()), QList<MappingIssue>{});

    // ...but an Upsert on the same field overlaps both: one error, naming the first it collides with.
    mappings << custom(MappingEntity::Order, u"increment_id"_s, u"PoNumber"_s);
    const QList<MappingIssue> issues = MappingValidator::validate(mappings, SalesforceFieldCatalogue::schema());
    QCOMPARE(codesOf(issues, mappings.size() - 1), u"E:mapping.duplicate_target"_s);
    QVERIFY(issues.last().message.contains(u"\"customer_email\" (Insert Only)"_s));
}

void TestMappingValidator::unknownFieldSuggestsCase()
{
    const QList<MappingIssue> issues =
        MappingValidator::validate({custom(MappingEntity::Order, u"increment_id"_s, u"magento_id__C"_s)}, SalesforceFieldCatalogue::schema());
    QCOMPARE(issues.size(), 1);
    QVERIFY2(issues.first().message.contains(u"did you mean Magento_ID__c?"_s), qPrintable(issues.first().message));
}

void TestMappingValidator::statusAgainstLivePicklist()
{
    SalesforceSchema schema = SalesforceFieldCatalogue::schema();
    schema.order[u"Status"_s].picklistValues = PicklistValue::listOf({u"Draft"_s, u"In Fulfillment"_s, u"Activated"_s});
    const FieldMapping inFulfillment = custom(MappingEntity::OrderStatus, u"processing"_s, u"In Fulfillment"_s);
    QCOMPARE(codesOf(MappingValidator::validate({inFulfillment}, schema), 0), QString());
    QCOMPARE(codesOf(MappingValidator::validate({inFulfillment}, SalesforceFieldCatalogue::schema()), 0),
             u"E:mapping.unknown_status"_s);
    // Unknown picklist (no describe yet, no values): anything goes.
    schema.order[u"Status"_s].picklistValues.clear();
    QCOMPARE(codesOf(MappingValidator::validate({custom(MappingEntity::OrderStatus, u"x"_s, u"Whatever"_s)}, schema), 0), QString());
}

void TestMappingValidator::systemChanges_data()
{
    QTest::addColumn<FieldMapping>("before");
    QTest::addColumn<FieldMapping>("after");
    QTest::addColumn<bool>("allowed");
    const FieldMappingList defaults = defaultMappings();
    const auto find = [&](MappingEntity entity, const QString &target) {
        for (const FieldMapping &m : defaults) {
            if (m.entity == entity && m.salesforceField == target)
                return m;
        }
        return FieldMapping{};
    };
    const FieldMapping city = find(MappingEntity::Order, u"BillingCity"_s);
    const FieldMapping externalId = find(MappingEntity::Order, u"Magento_ID__c"_s);
    FieldMapping statusRow;
    for (const FieldMapping &m : defaults) {
        if (m.entity == MappingEntity::OrderStatus && m.magentoAttribute == u"processing")
            statusRow = m;
    }

    FieldMapping changed = city;
    changed.enabled = false;
    QTest::newRow("disable non-essential") << city << changed << true;
    changed = city;
    changed.defaultValue = u"Unbekannt"_s;
    QTest::newRow("change default") << city << changed << true;
    changed = city;
    changed.salesforceField = u"ShippingCity"_s;
    QTest::newRow("retarget") << city << changed << false;
    changed = city;
    changed.magentoAttribute = u"billing_address.region"_s;
    QTest::newRow("change source") << city << changed << false;
    changed = city;
    changed.when = WhenMode::InsertOnly;
    QTest::newRow("change when") << city << changed << false;
    changed = city;
    changed.system = false;
    QTest::newRow("make custom") << city << changed << false;
    changed = externalId;
    changed.enabled = false;
    QTest::newRow("disable essential") << externalId << changed << false;
    changed = statusRow;
    changed.salesforceField = u"Activated"_s;
    QTest::newRow("status row: new value") << statusRow << changed << true;
    changed = statusRow;
    changed.magentoAttribute = u"complete"_s;
    QTest::newRow("status row: new status") << statusRow << changed << false;
    changed = statusRow;
    changed.enabled = false;
    QTest::newRow("status row: disable") << statusRow << changed << false;
    FieldMapping customRow = custom(MappingEntity::Order, u"customer_email"_s, u"PoNumber"_s);
    changed = customRow;
    changed.salesforceField = u"Name"_s;
    QTest::newRow("custom: anything") << customRow << changed << true;
}

void TestMappingValidator::systemChanges()
{
    QFETCH(FieldMapping, before);
    QFETCH(FieldMapping, after);
    QFETCH(bool, allowed);
    const std::optional<MappingIssue> issue = MappingValidator::checkSystemChange(before, after);
    QCOMPARE(!issue.has_value(), allowed);
    if (issue)
        QCOMPARE(issue->code, u"mapping.system"_s);
}

QTEST_APPLESS_MAIN(TestMappingValidator)
#include "tst_mappingvalidator.moc"
