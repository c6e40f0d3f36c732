#include "mapping/salesforcefieldcatalogue.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

class TestSalesforceFieldCatalogue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fields_data();
    void fields();
    void lookupIsCaseInsensitive();
};

void TestSalesforceFieldCatalogue::fields_data()
{
    QTest::addColumn<QString>("object");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("length");
    QTest::addColumn<bool>("createable");
    QTest::addColumn<bool>("updateable");
    // Lengths and access from the Salesforce object reference (api-facts A12).
    QTest::newRow("Order.BillingCity") << u"Order"_s << u"BillingCity"_s << u"string"_s << 40 << true << true;
    QTest::newRow("Order.BillingPostalCode") << u"Order"_s << u"BillingPostalCode"_s << u"string"_s << 20 << true << true;
    QTest::newRow("Order.BillingState") << u"Order"_s << u"BillingState"_s << u"string"_s << 80 << true << true;
    QTest::newRow("Order.BillingCountry") << u"Order"_s << u"BillingCountry"_s << u"string"_s << 80 << true << true;
    QTest::newRow("Order.BillingStreet") << u"Order"_s << u"BillingStreet"_s << u"textarea"_s << 255 << true << true;
    QTest::newRow("Order.ShippingCity") << u"Order"_s << u"ShippingCity"_s << u"string"_s << 40 << true << true;
    QTest::newRow("Order.Name") << u"Order"_s << u"Name"_s << u"string"_s << 80 << true << true;
    QTest::newRow("Order.Description") << u"Order"_s << u"Description"_s << u"textarea"_s << 32000 << true << true;
    QTest::newRow("Order.PoNumber") << u"Order"_s << u"PoNumber"_s << u"string"_s << 80 << true << true;
    QTest::newRow("Order.EffectiveDate") << u"Order"_s << u"EffectiveDate"_s << u"date"_s << 0 << true << true;
    QTest::newRow("Order.Status") << u"Order"_s << u"Status"_s << u"picklist"_s << 40 << true << true;
    QTest::newRow("Order.StatusCode") << u"Order"_s << u"StatusCode"_s << u"picklist"_s << 40 << false << false;
    QTest::newRow("Order.TotalAmount") << u"Order"_s << u"TotalAmount"_s << u"currency"_s << 0 << false << false;
    QTest::newRow("Order.OrderNumber") << u"Order"_s << u"OrderNumber"_s << u"string"_s << 30 << false << false;
    QTest::newRow("Order.Magento_ID__c") << u"Order"_s << u"Magento_ID__c"_s << u"string"_s << 50 << true << true;
    QTest::newRow("Order.Grand_Total__c") << u"Order"_s << u"Grand_Total__c"_s << u"currency"_s << 0 << true << true;
    QTest::newRow("OrderItem.OrderId") << u"OrderItem"_s << u"OrderId"_s << u"reference"_s << 18 << true << false;
    QTest::newRow("OrderItem.PricebookEntryId") << u"OrderItem"_s << u"PricebookEntryId"_s << u"reference"_s << 18 << true << false;
    QTest::newRow("OrderItem.Quantity") << u"OrderItem"_s << u"Quantity"_s << u"double"_s << 0 << true << true;
    QTest::newRow("OrderItem.UnitPrice") << u"OrderItem"_s << u"UnitPrice"_s << u"currency"_s << 0 << true << true;
    QTest::newRow("OrderItem.TotalPrice") << u"OrderItem"_s << u"TotalPrice"_s << u"currency"_s << 0 << false << false;
    QTest::newRow("OrderItem.Description") << u"OrderItem"_s << u"Description"_s << u"string"_s << 255 << true << true;
    QTest::newRow("OrderItem.Magento_Item_ID__c") << u"OrderItem"_s << u"Magento_Item_ID__c"_s << u"string"_s << 50 << true << true;
    QTest::newRow("Account.Name") << u"Account"_s << u"Name"_s << u"string"_s << 255 << true << true;
    QTest::newRow("Account.BillingPostalCode") << u"Account"_s << u"BillingPostalCode"_s << u"string"_s << 20 << true << true;
    QTest::newRow("Contact.LastName") << u"Contact"_s << u"LastName"_s << u"string"_s << 80 << true << true;
    QTest::newRow("Contact.FirstName") << u"Contact"_s << u"FirstName"_s << u"string"_s << 40 << true << true;
    QTest::newRow("Contact.Email") << u"Contact"_s << u"Email"_s << u"email"_s << 80 << true << true;
    QTest::newRow("Contact.MailingCity") << u"Contact"_s << u"MailingCity"_s << u"string"_s << 40 << true << true;
}

void TestSalesforceFieldCatalogue::fields()
{
    QFETCH(QString, object);
    QFETCH(QString, name);
    QFETCH(QString, type);
    QFETCH(int, length);
    QFETCH(bool, createable);
    QFETCH(bool, updateable);
    const SalesforceFieldMap map = object == u"Order" ? SalesforceFieldCatalogue::order()
        : object == u"OrderItem"                      ? SalesforceFieldCatalogue::orderItem()
        : object == u"Account"                        ? SalesforceFieldCatalogue::account()
                                                      : SalesforceFieldCatalogue::contact();
    QVERIFY(map.contains(name));
    const SalesforceFieldInfo field = map.value(name);
    QCOMPARE(field.name, name);
    QCOMPARE(field.type, type);
    QCOMPARE(field.length, length);
    QCOMPARE(field.createable, createable);
    QCOMPARE(field.updateable, updateable);
    QVERIFY(field.isWritableType());
    if (type == u"currency") {
        QCOMPARE(field.precision, 18);
        QCOMPARE(field.scale, 2);
    }
}

void TestSalesforceFieldCatalogue::lookupIsCaseInsensitive()
{
    const SalesforceFieldMap order = SalesforceFieldCatalogue::order();
    const SalesforceFieldInfo *exact = findSalesforceField(order, u"BillingCity"_s);
    QVERIFY(exact);
    QCOMPARE(findSalesforceField(order, u"billingcity"_s), exact);
    QCOMPARE(findSalesforceField(order, u"Nope__c"_s), nullptr);
    QVERIFY(order.value(u"Magento_ID__c"_s).externalId);
    QCOMPARE(SalesforceFieldCatalogue::schema().orderStatusValues(), (QStringList{u"Draft"_s, u"Activated"_s}));
    const SalesforceSchema schema = SalesforceFieldCatalogue::schema();
    QVERIFY(schema.fieldsFor(MappingEntity::OrderItem).contains(u"Quantity"_s));
    QVERIFY(!schema.fieldsFor(MappingEntity::Order).contains(u"Quantity"_s));
    QVERIFY(schema.fieldsFor(MappingEntity::OrderStatus).contains(u"Status"_s));
}

QTEST_APPLESS_MAIN(TestSalesforceFieldCatalogue)
#include "tst_salesforcefieldcatalogue.moc"
