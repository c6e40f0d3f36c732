#include "mapping/salesforcefieldcatalogue.h"
#include "mapping/salesforceschema.h"
#include "salesforce/sobjectdescribe.h"
#include "testdata.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

// The one describe parser: a describe reply of Order (tests/data/salesforce/order-describe.json, in the
// shape of GET /services/data/v62.0/sobjects/Order/describe) read into SalesforceFieldInfo.
class TestSObjectDescribe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void object();
    void fields_data();
    void fields();
    void picklist();
    void referenceAndNumbers();
    void fieldLookupIsCaseInsensitive();
    void malformed_data();
    void malformed();
    void overlaysTheCatalogue();

private:
    QJsonObject m_json;
    SObjectDescribe m_order;
};

void TestSObjectDescribe::initTestCase()
{
    QFile file(testDataPath(u"salesforce/order-describe.json"_s));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    m_json = QJsonDocument::fromJson(file.readAll()).object();
    QVERIFY(!m_json.isEmpty());
    const auto parsed = SObjectDescribe::fromJson(m_json);
    QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
    m_order = *parsed;
}

void TestSObjectDescribe::object()
{
    QCOMPARE(m_order.name, u"Order"_s);
    QCOMPARE(m_order.label, u"Order"_s);
    QCOMPARE(m_order.keyPrefix, u"801"_s);
    QVERIFY(m_order.createable);
    QVERIFY(m_order.updateable);
    // The entry without a name is skipped.
    QCOMPARE(m_order.fields.size(), 9);
}

void TestSObjectDescribe::fields_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("length");
    QTest::addColumn<bool>("createable");
    QTest::addColumn<bool>("updateable");
    QTest::addColumn<bool>("nillable");
    QTest::addColumn<bool>("custom");
    QTest::addColumn<bool>("externalId");
    QTest::addColumn<bool>("unique");
    QTest::addColumn<bool>("requiredOnCreate");

    QTest::newRow("Id") << u"Id"_s << u"id"_s << 18 << false << false << false << false << false << false << false;
    QTest::newRow("AccountId") << u"AccountId"_s << u"reference"_s << 18 << true << true << true << false << false
                               << false << false;
    QTest::newRow("Status (defaulted)") << u"Status"_s << u"picklist"_s << 40 << true << true << false << false << false
                                        << false << false;
    QTest::newRow("OrderNumber") << u"OrderNumber"_s << u"string"_s << 30 << false << false << false << false << false
                                 << false << false;
    QTest::newRow("IsReductionOrder") << u"IsReductionOrder"_s << u"boolean"_s << 0 << true << false << false << false
                                      << false << false << false;
    QTest::newRow("Description") << u"Description"_s << u"textarea"_s << 32000 << true << true << true << false << false
                                 << false << false;
    QTest::newRow("Magento_ID__c") << u"Magento_ID__c"_s << u"string"_s << 50 << true << true << true << true << true
                                   << true << false;
    QTest::newRow("Lines__c") << u"Lines__c"_s << u"int"_s << 0 << false << true << true << true << false << false
                              << false;
}

void TestSObjectDescribe::fields()
{
    QFETCH(QString, name);
    const SalesforceFieldInfo *field = m_order.field(name);
    QVERIFY(field);
    QCOMPARE(field->name, name);
    QTEST(field->type, "type");
    QTEST(field->length, "length");
    QTEST(field->createable, "createable");
    QTEST(field->updateable, "updateable");
    QTEST(field->nillable, "nillable");
    QTEST(field->custom, "custom");
    QTEST(field->externalId, "externalId");
    QTEST(field->unique, "unique");
    QTEST(field->requiredOnCreate(), "requiredOnCreate");
    QVERIFY(!field->label.isEmpty());
}

void TestSObjectDescribe::picklist()
{
    const SalesforceFieldInfo *status = m_order.field(u"Status"_s);
    QVERIFY(status);
    QVERIFY(status->restrictedPicklist);
    QVERIFY(status->defaultedOnCreate);
    // Every value as listed, the retired one included; activePicklistValues() drops it.
    QCOMPARE(status->picklistValues.size(), 4);
    const PicklistValue &draft = status->picklistValues.at(0);
    QCOMPARE(draft.value, u"Draft"_s);
    QCOMPARE(draft.label, u"Draft"_s);
    QVERIFY(draft.active);
    QVERIFY(draft.defaultValue);
    const PicklistValue &legacy = status->picklistValues.at(1);
    QCOMPARE(legacy.value, u"Legacy"_s);
    QCOMPARE(legacy.label, u"Legacy (retired)"_s);
    QVERIFY(!legacy.active);
    QVERIFY(!legacy.defaultValue);
    QVERIFY(legacy.statusCategory.isEmpty()); // only SalesforceClient::describe adds the categories
    QCOMPARE(status->activePicklistValues(), (QStringList{u"Draft"_s, u"In Fulfillment"_s, u"Activated"_s}));
}

void TestSObjectDescribe::referenceAndNumbers()
{
    const SalesforceFieldInfo *account = m_order.field(u"AccountId"_s);
    QVERIFY(account);
    QCOMPARE(account->referenceTo, QStringList{u"Account"_s});
    QCOMPARE(account->relationshipName, u"Account"_s);
    QVERIFY(m_order.field(u"Id"_s)->relationshipName.isEmpty()); // null in the reply

    const SalesforceFieldInfo *total = m_order.field(u"TotalAmount"_s);
    QVERIFY(total);
    QCOMPARE(total->type, u"currency"_s);
    QCOMPARE(total->precision, 18);
    QCOMPARE(total->scale, 2);
    QVERIFY(total->calculated);
    QVERIFY(total->isNumeric());

    // int fields give their size in "digits", not "precision".
    QCOMPARE(m_order.field(u"Lines__c"_s)->precision, 9);
}

void TestSObjectDescribe::fieldLookupIsCaseInsensitive()
{
    QCOMPARE(m_order.field(u"magento_id__C"_s), m_order.field(u"Magento_ID__c"_s));
    QVERIFY(m_order.field(u"magento_id__C"_s));
    QCOMPARE(m_order.field(u"Nope__c"_s), nullptr);
}

void TestSObjectDescribe::malformed_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::newRow("empty") << QJsonObject{};
    QTest::newRow("no fields") << QJsonObject{{u"name"_s, u"Order"_s}};
    QTest::newRow("no name") << QJsonObject{{u"fields"_s, QJsonArray{}}};
    QTest::newRow("fields not a list") << QJsonObject{{u"name"_s, u"Order"_s}, {u"fields"_s, u"Status"_s}};
}

void TestSObjectDescribe::malformed()
{
    QFETCH(QJsonObject, json);
    const auto parsed = SObjectDescribe::fromJson(json);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().errorCode, u"MALFORMED_RESPONSE"_s);
}

void TestSObjectDescribe::overlaysTheCatalogue()
{
    SalesforceSchema schema = SalesforceFieldCatalogue::schema();
    const SalesforceSchema catalogue = schema;
    QVERIFY(schema.overlay(m_order));
    // A described field replaces the catalogue's entry; fields the describe lacks stay.
    QCOMPARE(schema.order.value(u"Status"_s), *m_order.field(u"Status"_s));
    QCOMPARE(schema.orderStatusValues(), (QStringList{u"Draft"_s, u"In Fulfillment"_s, u"Activated"_s}));
    QVERIFY(schema.order.contains(u"Lines__c"_s));
    QCOMPARE(schema.order.value(u"BillingCity"_s), catalogue.order.value(u"BillingCity"_s));
    QCOMPARE(schema.orderItem, catalogue.orderItem);

    SObjectDescribe account = m_order;
    account.name = u"Account"_s;
    QVERIFY(!schema.overlay(account));
}

QTEST_APPLESS_MAIN(TestSObjectDescribe)
#include "tst_sobjectdescribe.moc"
