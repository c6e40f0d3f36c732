#include "mapping/defaultmappings.h"
#include "mapping/mappingvalidator.h"
#include "mapping/salesforcefieldcatalogue.h"

#include <QTest>

#include <map>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

Q_DECLARE_METATYPE(OrderBridge::MappingEntity)

class TestDefaultMappings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactList_data();
    void exactList();
    void allAreSystemEnabledAndNumbered();
    void validAgainstCatalogue();
    void statusDefaults();
};

void TestDefaultMappings::exactList_data()
{
    QTest::addColumn<MappingEntity>("entity");
    QTest::addColumn<QStringList>("expected"); // "source -> target [when]"

    const QString ship = u"extension_attributes.shipping_assignments[0].shipping.address."_s;
    QTest::newRow("order") << MappingEntity::Order
                           << QStringList{
                                  u"increment_id -> Magento_ID__c [upsert]"_s,
                                  u"created_at -> EffectiveDate [upsert]"_s,
                                  u"@status -> Status [upsert]"_s,
                                  u"@account_id -> AccountId [upsert]"_s,
                                  u"@pricebook2_id -> Pricebook2Id [insert-only]"_s,
                                  u"store_name -> Magento_Website__c [upsert]"_s,
                                  u"billing_address.street -> BillingStreet [upsert]"_s,
                                  u"billing_address.city -> BillingCity [upsert]"_s,
                                  u"billing_address.region -> BillingState [upsert]"_s,
                                  u"billing_address.postcode -> BillingPostalCode [upsert]"_s,
                                  u"billing_address.country_id -> BillingCountry [upsert]"_s,
                                  ship + u"street -> ShippingStreet [upsert]"_s,
                                  ship + u"city -> ShippingCity [upsert]"_s,
                                  ship + u"region -> ShippingState [upsert]"_s,
                                  ship + u"postcode -> ShippingPostalCode [upsert]"_s,
                                  ship + u"country_id -> ShippingCountry [upsert]"_s,
                                  u"subtotal -> Subtotal__c [upsert]"_s,
                                  u"shipping_amount -> Shipping_Amount__c [upsert]"_s,
                                  u"tax_amount -> Tax_Amount__c [upsert]"_s,
                                  u"discount_amount -> Discount_Amount__c [upsert]"_s,
                                  u"grand_total -> Grand_Total__c [upsert]"_s,
                              };
    QTest::newRow("order-item") << MappingEntity::OrderItem
                                << QStringList{
                                       u"item_id -> Magento_Item_ID__c [upsert]"_s,
                                       u"@order_id -> OrderId [insert-only]"_s,
                                       u"@pricebook_entry_id -> PricebookEntryId [insert-only]"_s,
                                       u"qty_ordered -> Quantity [upsert]"_s,
                                       u"price -> UnitPrice [upsert]"_s,
                                       u"name -> Description [upsert]"_s,
                                   };
    QTest::newRow("order-status") << MappingEntity::OrderStatus
                                  << QStringList{
                                         u"pending -> Draft [upsert]"_s,
                                         u"pending_payment -> Draft [upsert]"_s,
                                         u"processing -> Draft [upsert]"_s,
                                         u"fraud -> Draft [upsert]"_s,
                                         u"payment_review -> Draft [upsert]"_s,
                                         u"holded -> Draft [upsert]"_s,
                                         u"canceled -> Draft [upsert]"_s,
                                         u"complete -> Activated [upsert]"_s,
                                         u"closed -> Activated [upsert]"_s,
                                     };
}

void TestDefaultMappings::exactList()
{
    QFETCH(MappingEntity, entity);
    QFETCH(QStringList, expected);
    QStringList actual;
    for (const FieldMapping &m : defaultMappings(entity)) {
        QCOMPARE(m.entity, entity);
        actual << m.magentoAttribute + u" -> "_s + m.salesforceField + u" ["_s + whenModeUserName(m.when) + u']';
    }
    QCOMPARE(actual, expected);
}

void TestDefaultMappings::allAreSystemEnabledAndNumbered()
{
    const FieldMappingList all = defaultMappings();
    QCOMPARE(all.size(), 21 + 6 + 9);
    std::map<MappingEntity, int> next;
    for (const FieldMapping &m : all) {
        QVERIFY2(m.system, qPrintable(m.describe()));
        QVERIFY2(m.enabled, qPrintable(m.describe()));
        QVERIFY(m.defaultValue.isEmpty());
        QCOMPARE(m.id, 0);
        QCOMPARE(m.position, next[m.entity]++);
    }
}

void TestDefaultMappings::validAgainstCatalogue()
{
    const QList<MappingIssue> issues = MappingValidator::validate(defaultMappings(), SalesforceFieldCatalogue::schema());
    QStringList messages;
    for (const MappingIssue &issue : issues)
        messages << issue.message;
    QVERIFY2(issues.isEmpty(), qPrintable(messages.join(u'\n')));
}

void TestDefaultMappings::statusDefaults()
{
    QCOMPARE(defaultMagentoStatuses().size(), 9);
    for (const FieldMapping &m : defaultMappings(MappingEntity::OrderStatus))
        QVERIFY(m.isEssential());
}

QTEST_APPLESS_MAIN(TestDefaultMappings)
#include "tst_defaultmappings.moc"
