// Integration tests of the Salesforce org's REST API over real HTTP: describe metadata, sObject rows, upsert by
// external id, the data rules of the Order model and their error bodies, notes, record pages, stats and reset.

#include "sandboxprocess.h"
#include "sfhttp.h"
#include "sfid.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <tuple>

using namespace Qt::Literals::StringLiterals;
using Sandbox::SfId;

class TestSfOrgRest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void limitInfoOnEveryDataReply();
    void describeGlobal();
    void describeOrder();
    void describeFieldKeys_data();
    void describeFieldKeys();
    void describeUnknownObject();
    void seededCatalog();
    void crudRoundTrip();
    void fifteenCharacterIdsAccepted();
    void rowErrors();
    void fieldErrors_data();
    void fieldErrors();
    void uniqueExternalId();
    void upsertByExternalId();
    void upsertSeveralMatches();
    void externalIdEndingInIncIsNotFound();
    void orderInsertRules();
    void orderProductRules();
    void activationRules();
    void withoutEditActivatedOrders();
    void priceBookEntryRules();
    void notes();
    void contentNotes();
    void recordPage();
    void opportunities();
    void updatedAndDeleted();
    void statsAndReset();
    void customFieldAddedBySetup();
    void missingPriceEntries();
    void statePersists();

private:
    QString createOrder(const QString &magentoId, const QString &pricebook);
    QString entryFor(const QString &pricebookId, int index = 0);

    SandboxProcess m_sandbox;
    QJsonObject m_sf;
    std::unique_ptr<SfHttp> m_http;
    QString m_accountId;
};

void TestSfOrgRest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_sandbox.start({u"--seed"_s, u"11"_s}), qPrintable(m_sandbox.errorString()));
    m_sf = m_sandbox.salesforce();
    m_http = std::make_unique<SfHttp>(m_sf.value(u"login_url"_s).toString());
    QCOMPARE(m_http->login(m_sf), QString());
    const auto r = m_http->post(SfHttp::data(u"sobjects/Account"_s), QJsonObject{{u"Name"_s, u"Test Shop Ltd"_s}});
    QCOMPARE(r.status, 201);
    m_accountId = r.object().value(u"id"_s).toString();
}

QString TestSfOrgRest::entryFor(const QString &pricebookId, int index)
{
    const auto r = m_http->get(SfHttp::data(u"query?q="_s)
                               + QString::fromLatin1(QUrl::toPercentEncoding(
                                   u"SELECT Id FROM PricebookEntry WHERE Pricebook2Id = '"_s + pricebookId
                                   + u"' AND IsActive = true ORDER BY Id LIMIT 5"_s)));
    return r.object().value(u"records"_s).toArray().at(index).toObject().value(u"Id"_s).toString();
}

QString TestSfOrgRest::createOrder(const QString &magentoId, const QString &pricebook)
{
    QJsonObject body{{u"AccountId"_s, m_accountId}, {u"EffectiveDate"_s, u"2024-05-01"_s}, {u"Status"_s, u"Draft"_s},
                     {u"Magento_ID__c"_s, magentoId}};
    if (!pricebook.isEmpty())
        body.insert(u"Pricebook2Id"_s, pricebook);
    const auto r = m_http->post(SfHttp::data(u"sobjects/Order"_s), body);
    return r.status == 201 ? r.object().value(u"id"_s).toString() : QString();
}

void TestSfOrgRest::limitInfoOnEveryDataReply()
{
    const auto first = m_http->get(SfHttp::data(u"limits"_s));
    QCOMPARE(first.status, 200);
    const QRegularExpression re(u"^api-usage=(\\d+)/15000$"_s);
    const auto m1 = re.match(QString::fromLatin1(first.header("Sforce-Limit-Info")));
    QVERIFY2(m1.hasMatch(), first.header("Sforce-Limit-Info").constData());
    const auto notFound = m_http->get(SfHttp::data(u"sobjects/Nope__c"_s));
    QCOMPARE(notFound.status, 404);
    const auto m2 = re.match(QString::fromLatin1(notFound.header("Sforce-Limit-Info")));
    QVERIFY(m2.hasMatch());
    QCOMPARE(m2.captured(1).toInt(), m1.captured(1).toInt() + 1);
    const QJsonObject daily = m_http->get(SfHttp::data(u"limits"_s)).object().value(u"DailyApiRequests"_s).toObject();
    QCOMPARE(daily.value(u"Max"_s).toInt(), 15000);
    QCOMPARE(daily.value(u"Remaining"_s).toInt(), 15000 - (m1.captured(1).toInt() + 2));
}

void TestSfOrgRest::describeGlobal()
{
    const auto r = m_http->get(SfHttp::data(u"sobjects"_s));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"encoding"_s).toString(), u"UTF-8"_s);
    QCOMPARE(r.object().value(u"maxBatchSize"_s).toInt(), 200);
    QHash<QString, QString> prefixes;
    for (const auto &v : r.object().value(u"sobjects"_s).toArray())
        prefixes.insert(v.toObject().value(u"name"_s).toString(), v.toObject().value(u"keyPrefix"_s).toString());
    const QHash<QString, QString> expected{
        {u"Account"_s, u"001"_s},      {u"Contact"_s, u"003"_s},        {u"Product2"_s, u"01t"_s},
        {u"Pricebook2"_s, u"01s"_s},   {u"PricebookEntry"_s, u"01u"_s}, {u"Order"_s, u"801"_s},
        {u"OrderItem"_s, u"802"_s},    {u"Opportunity"_s, u"006"_s},    {u"OpportunityLineItem"_s, u"00k"_s},
        {u"Note"_s, u"002"_s},         {u"ContentNote"_s, u"069"_s},    {u"ContentDocumentLink"_s, u"06A"_s},
        {u"User"_s, u"005"_s},
    };
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        QCOMPARE(prefixes.value(it.key()), it.value());
    QVERIFY(prefixes.contains(u"OrderStatus"_s));
}

void TestSfOrgRest::describeOrder()
{
    const auto r = m_http->get(SfHttp::data(u"sobjects/Order/describe"_s));
    QCOMPARE(r.status, 200);
    const QJsonObject d = r.object();
    QCOMPARE(d.value(u"name"_s).toString(), u"Order"_s);
    QCOMPARE(d.value(u"keyPrefix"_s).toString(), u"801"_s);
    QCOMPARE(d.value(u"urls"_s).toObject().value(u"rowTemplate"_s).toString(), u"/services/data/v62.0/sobjects/Order/{ID}"_s);
    QHash<QString, QJsonObject> fields;
    for (const auto &v : d.value(u"fields"_s).toArray())
        fields.insert(v.toObject().value(u"name"_s).toString(), v.toObject());
    // Documented as required but described as nillable: enforced by logic.
    QCOMPARE(fields.value(u"AccountId"_s).value(u"nillable"_s).toBool(), true);
    QCOMPARE(fields.value(u"Pricebook2Id"_s).value(u"nillable"_s).toBool(), true);
    QCOMPARE(fields.value(u"AccountId"_s).value(u"referenceTo"_s).toArray(), QJsonArray{u"Account"_s});
    QCOMPARE(fields.value(u"AccountId"_s).value(u"relationshipName"_s).toString(), u"Account"_s);
    QCOMPARE(fields.value(u"EffectiveDate"_s).value(u"nillable"_s).toBool(), false);
    QCOMPARE(fields.value(u"EffectiveDate"_s).value(u"type"_s).toString(), u"date"_s);
    QCOMPARE(fields.value(u"Status"_s).value(u"nillable"_s).toBool(), false);
    QCOMPARE(fields.value(u"Status"_s).value(u"restrictedPicklist"_s).toBool(), true);
    QSet<QString> statuses;
    for (const auto &v : fields.value(u"Status"_s).value(u"picklistValues"_s).toArray()) {
        const QJsonObject p = v.toObject();
        QVERIFY(p.contains(u"active"_s) && p.contains(u"defaultValue"_s) && p.contains(u"label"_s)
                && p.contains(u"validFor"_s));
        statuses.insert(p.value(u"value"_s).toString());
    }
    QCOMPARE(statuses, (QSet<QString>{u"Draft"_s, u"Activated"_s}));
    QCOMPARE(fields.value(u"StatusCode"_s).value(u"createable"_s).toBool(), false);
    QCOMPARE(fields.value(u"TotalAmount"_s).value(u"createable"_s).toBool(), false);
    QCOMPARE(fields.value(u"TotalAmount"_s).value(u"type"_s).toString(), u"currency"_s);
    const QJsonObject magentoId = fields.value(u"Magento_ID__c"_s);
    QCOMPARE(magentoId.value(u"externalId"_s).toBool(), true);
    QCOMPARE(magentoId.value(u"unique"_s).toBool(), true);
    QCOMPARE(magentoId.value(u"idLookup"_s).toBool(), true);
    QCOMPARE(magentoId.value(u"custom"_s).toBool(), true);
    QCOMPARE(magentoId.value(u"type"_s).toString(), u"string"_s);
    for (const auto &name : {u"Magento_Website__c"_s, u"Subtotal__c"_s, u"Shipping_Amount__c"_s, u"Tax_Amount__c"_s,
                             u"Discount_Amount__c"_s, u"Grand_Total__c"_s})
        QVERIFY2(fields.contains(name), qPrintable(name));
    QCOMPARE(fields.value(u"Grand_Total__c"_s).value(u"type"_s).toString(), u"currency"_s);
    bool hasOrderItems = false;
    for (const auto &v : d.value(u"childRelationships"_s).toArray()) {
        if (v.toObject().value(u"relationshipName"_s).toString() == u"OrderItems")
            hasOrderItems = v.toObject().value(u"childSObject"_s).toString() == u"OrderItem";
    }
    QVERIFY(hasOrderItems);
    const auto cached = m_http->get(SfHttp::data(u"sobjects/Order/describe"_s),
                                    {{"If-Modified-Since", "Wed, 01 Jan 2025 00:00:00 GMT"}});
    QCOMPARE(cached.status, 304);
    QVERIFY(cached.body.isEmpty());

    // OrderStatus values carry their category.
    const auto statusRows = m_http->get(SfHttp::data(u"query?q=SELECT+ApiName,StatusCode+FROM+OrderStatus"_s));
    QCOMPARE(statusRows.status, 200);
    QHash<QString, QString> categories;
    for (const auto &v : statusRows.object().value(u"records"_s).toArray())
        categories.insert(v.toObject().value(u"ApiName"_s).toString(), v.toObject().value(u"StatusCode"_s).toString());
    QCOMPARE(categories.value(u"Draft"_s), u"Draft"_s);
    QCOMPARE(categories.value(u"Activated"_s), u"Activated"_s);
}

void TestSfOrgRest::describeFieldKeys_data()
{
    QTest::addColumn<QString>("object");
    for (const auto &o : {"Account", "Contact", "Product2", "Pricebook2", "PricebookEntry", "Order", "OrderItem",
                          "Opportunity", "OpportunityLineItem", "Note", "ContentNote", "ContentDocumentLink",
                          "OrderStatus", "User"})
        QTest::newRow(o) << QString::fromLatin1(o);
}

void TestSfOrgRest::describeFieldKeys()
{
    QFETCH(QString, object);
    static const QStringList keys{
        u"aggregatable"_s, u"autoNumber"_s, u"byteLength"_s, u"calculated"_s, u"calculatedFormula"_s,
        u"cascadeDelete"_s, u"caseSensitive"_s, u"controllerName"_s, u"createable"_s, u"custom"_s,
        u"defaultValue"_s, u"defaultValueFormula"_s, u"defaultedOnCreate"_s, u"dependentPicklist"_s,
        u"deprecatedAndHidden"_s, u"digits"_s, u"displayLocationInDecimal"_s, u"encrypted"_s, u"externalId"_s,
        u"extraTypeInfo"_s, u"filterable"_s, u"filteredLookupInfo"_s, u"groupable"_s, u"highScaleNumber"_s,
        u"htmlFormatted"_s, u"idLookup"_s, u"inlineHelpText"_s, u"label"_s, u"length"_s, u"mask"_s, u"maskType"_s,
        u"name"_s, u"nameField"_s, u"namePointing"_s, u"nillable"_s, u"permissionable"_s, u"picklistValues"_s,
        u"polymorphicForeignKey"_s, u"precision"_s, u"queryByDistance"_s, u"referenceTargetField"_s,
        u"referenceTo"_s, u"relationshipName"_s, u"relationshipOrder"_s, u"restrictedDelete"_s,
        u"restrictedPicklist"_s, u"scale"_s, u"soapType"_s, u"sortable"_s, u"type"_s, u"unique"_s, u"updateable"_s,
        u"writeRequiresMasterRead"_s};
    const auto r = m_http->get(SfHttp::data(u"sobjects/"_s + object + u"/describe"_s));
    QCOMPARE(r.status, 200);
    const QJsonArray fields = r.object().value(u"fields"_s).toArray();
    QVERIFY(fields.size() > 3);
    for (const auto &v : fields) {
        const QJsonObject f = v.toObject();
        for (const auto &key : keys)
            QVERIFY2(f.contains(key), qPrintable(object + u'.' + f.value(u"name"_s).toString() + u" lacks "_s + key));
    }
    for (const auto &key : {u"name"_s, u"label"_s, u"labelPlural"_s, u"keyPrefix"_s, u"custom"_s, u"createable"_s,
                            u"updateable"_s, u"deletable"_s, u"queryable"_s, u"childRelationships"_s,
                            u"recordTypeInfos"_s, u"urls"_s})
        QVERIFY2(r.object().contains(key), qPrintable(key));
}

void TestSfOrgRest::describeUnknownObject()
{
    const auto r = m_http->get(SfHttp::data(u"sobjects/Foo/describe"_s));
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), u"NOT_FOUND"_s);
    QCOMPARE(r.errorMessage(), u"The requested resource does not exist"_s);
}

void TestSfOrgRest::seededCatalog()
{
    // Standard Price Book + "Magento Default", one Product2 per SKU with an entry in each book.
    auto r = m_http->get(SfHttp::data(u"query?q=SELECT+Id,Name,IsStandard+FROM+Pricebook2"_s));
    QCOMPARE(r.status, 200);
    QStringList names;
    for (const auto &v : r.object().value(u"records"_s).toArray())
        names.append(v.toObject().value(u"Name"_s).toString());
    QVERIFY(names.contains(u"Standard Price Book"_s));
    QVERIFY(names.contains(u"Magento Default"_s));
    r = m_http->get(SfHttp::data(u"query?q=SELECT+COUNT()+FROM+Product2"_s));
    const int products = r.object().value(u"totalSize"_s).toInt();
    QVERIFY(products > 0);
    r = m_http->get(SfHttp::data(u"query?q=SELECT+COUNT()+FROM+PricebookEntry"_s));
    QCOMPARE(r.object().value(u"totalSize"_s).toInt(), 2 * products);
    r = m_http->get(SfHttp::data(u"query?q=SELECT+ProductCode,IsActive+FROM+Product2+LIMIT+1"_s));
    QVERIFY(!r.object().value(u"records"_s).toArray().at(0).toObject().value(u"ProductCode"_s).toString().isEmpty());
    // Existing customers as Contacts with email; the integration user.
    r = m_http->get(SfHttp::data(u"query?q=SELECT+Email,Account.Name+FROM+Contact+WHERE+Email+!%3D+null"_s));
    QVERIFY(r.object().value(u"totalSize"_s).toInt() > 0);
    r = m_http->get(SfHttp::data(u"sobjects/User/"_s + m_sf.value(u"user_id"_s).toString()));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"Username"_s).toString(), m_sf.value(u"username"_s).toString());
}

void TestSfOrgRest::crudRoundTrip()
{
    auto r = m_http->post(SfHttp::data(u"sobjects/Contact"_s),
                          QJsonObject{{u"LastName"_s, u"Lovelace"_s}, {u"FirstName"_s, u"Ada"_s},
                                      {u"AccountId"_s, m_accountId}, {u"Email"_s, u"ada@example.com"_s}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.object().value(u"success"_s).toBool(), true);
    QCOMPARE(r.object().value(u"errors"_s).toArray(), QJsonArray());
    const QString id = r.object().value(u"id"_s).toString();
    QCOMPARE(r.body, "{\"id\":\"" + id.toLatin1() + "\",\"success\":true,\"errors\":[]}");
    QCOMPARE(id.size(), 18);
    QVERIFY(id.startsWith(u"003"_s));
    QCOMPARE(SfId::to18(id.left(15)), id); // valid case-safe checksum

    r = m_http->get(SfHttp::data(u"sobjects/Contact/"_s + id));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"attributes"_s).toObject().value(u"type"_s).toString(), u"Contact"_s);
    QCOMPARE(r.object().value(u"attributes"_s).toObject().value(u"url"_s).toString(),
             u"/services/data/v62.0/sobjects/Contact/"_s + id);
    QCOMPARE(r.object().value(u"Name"_s).toString(), u"Ada Lovelace"_s);
    QVERIFY(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000$"_s)
                .match(r.object().value(u"CreatedDate"_s).toString())
                .hasMatch());

    r = m_http->get(SfHttp::data(u"sobjects/Contact/"_s + id + u"?fields=LastName,Email"_s));
    QCOMPARE(r.object().size(), 3); // attributes + 2 fields
    // Salesforce's key order: attributes first, then the requested fields.
    QVERIFY2(r.body.startsWith("{\"attributes\":{") && r.body.indexOf("\"LastName\"") < r.body.indexOf("\"Email\""),
             r.body.constData());
    r = m_http->get(SfHttp::data(u"sobjects/Contact/"_s + id + u"?fields=Bogus__c"_s));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"INVALID_FIELD"_s);

    r = m_http->patch(SfHttp::data(u"sobjects/Contact/"_s + id), QJsonObject{{u"Title"_s, u"Countess"_s}});
    QCOMPARE(r.status, 204);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(m_http->get(SfHttp::data(u"sobjects/Contact/"_s + id)).object().value(u"Title"_s).toString(), u"Countess"_s);
    // POST ...?_HttpMethod=PATCH for clients without PATCH
    r = m_http->post(SfHttp::data(u"sobjects/Contact/"_s + id + u"?_HttpMethod=PATCH"_s), QJsonObject{{u"Title"_s, u"Dr"_s}});
    QCOMPARE(r.status, 204);

    r = m_http->del(SfHttp::data(u"sobjects/Contact/"_s + id));
    QCOMPARE(r.status, 204);
    r = m_http->get(SfHttp::data(u"sobjects/Contact/"_s + id));
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), u"ENTITY_IS_DELETED"_s);
    r = m_http->del(SfHttp::data(u"sobjects/Contact/"_s + id));
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), u"ENTITY_IS_DELETED"_s);
    // queryAll still sees it, query does not
    r = m_http->get(SfHttp::data(u"queryAll?q=SELECT+Id,IsDeleted+FROM+Contact+WHERE+Id+%3D+'"_s + id + u"'"_s));
    QCOMPARE(r.object().value(u"totalSize"_s).toInt(), 1);
    QCOMPARE(r.object().value(u"records"_s).toArray().at(0).toObject().value(u"IsDeleted"_s).toBool(), true);
    r = m_http->get(SfHttp::data(u"query?q=SELECT+Id+FROM+Contact+WHERE+Id+%3D+'"_s + id + u"'"_s));
    QCOMPARE(r.object().value(u"totalSize"_s).toInt(), 0);
}

void TestSfOrgRest::fifteenCharacterIdsAccepted()
{
    const auto r = m_http->get(SfHttp::data(u"sobjects/Account/"_s + m_accountId.left(15)));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"Id"_s).toString(), m_accountId);
    // A reference given as 15 characters is stored as 18.
    const auto c = m_http->post(SfHttp::data(u"sobjects/Contact"_s),
                                QJsonObject{{u"LastName"_s, u"Fifteen"_s}, {u"AccountId"_s, m_accountId.left(15)}});
    QCOMPARE(c.status, 201);
    const auto back = m_http->get(SfHttp::data(u"sobjects/Contact/"_s + c.object().value(u"id"_s).toString()));
    QCOMPARE(back.object().value(u"AccountId"_s).toString(), m_accountId);
}

void TestSfOrgRest::rowErrors()
{
    auto r = m_http->get(SfHttp::data(u"sobjects/Account/001000000000000AAA"_s));
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json, QJsonValue(QJsonArray{QJsonObject{{u"errorCode"_s, u"NOT_FOUND"_s},
                                                       {u"message"_s, u"The requested resource does not exist"_s},
                                                       {u"fields"_s, QJsonArray()}}}));
    r = m_http->send("PUT", SfHttp::data(u"sobjects/Account/"_s + m_accountId), "{}");
    QCOMPARE(r.status, 405);
    QCOMPARE(r.errorCode(), u"METHOD_NOT_ALLOWED"_s);
    r = m_http->send("POST", SfHttp::data(u"sobjects/Account"_s), "{\"Name\": ", {{"Content-Type", "application/json"}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"JSON_PARSER_ERROR"_s);
    r = m_http->get(u"/services/data/v99.0/sobjects"_s);
    QCOMPARE(r.status, 404);
    r = m_http->get(u"/services/data/v25.0/sobjects"_s);
    QCOMPARE(r.status, 410);
    // An older version answers an upsert update with 204 (API 45.0 and earlier).
    r = m_http->patch(u"/services/data/v45.0/sobjects/Account/Magento_ID__c/old-api"_s,
                      QJsonObject{{u"Name"_s, u"Old API"_s}});
    QCOMPARE(r.status, 201);
    r = m_http->patch(u"/services/data/v45.0/sobjects/Account/Magento_ID__c/old-api"_s,
                      QJsonObject{{u"Name"_s, u"Old API 2"_s}});
    QCOMPARE(r.status, 204);
}

void TestSfOrgRest::fieldErrors_data()
{
    QTest::addColumn<QString>("object");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("unknown field") << u"Order"_s << QJsonObject{{u"Foo__c"_s, 1}} << u"INVALID_FIELD"_s
                                   << u"No such column 'Foo__c' on sobject of type Order"_s << QStringList();
    QTest::newRow("required fields")
        << u"Order"_s << QJsonObject{{u"Name"_s, u"x"_s}} << u"REQUIRED_FIELD_MISSING"_s
        << u"Required fields are missing: [AccountId, EffectiveDate, Status]"_s
        << QStringList{u"AccountId"_s, u"EffectiveDate"_s, u"Status"_s};
    QTest::newRow("restricted picklist")
        << u"Order"_s
        << QJsonObject{{u"AccountId"_s, u"ACCOUNT"_s}, {u"EffectiveDate"_s, u"2024-01-01"_s}, {u"Status"_s, u"Shipped"_s}}
        << u"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"_s << u"Status: bad value for restricted picklist field: Shipped"_s
        << QStringList{u"Status"_s};
    QTest::newRow("string too long") << u"Account"_s << QJsonObject{{u"Name"_s, QString(256, u'x')}}
                                     << u"STRING_TOO_LONG"_s
                                     << u"Account Name: data value too large: "_s + QString(256, u'x')
                                            + u" (max length=255)"_s
                                     << QStringList{u"Name"_s};
    QTest::newRow("read-only field") << u"Order"_s << QJsonObject{{u"TotalAmount"_s, 5}}
                                     << u"INVALID_FIELD_FOR_INSERT_UPDATE"_s << QString() << QStringList{u"TotalAmount"_s};
    QTest::newRow("bad date") << u"Order"_s << QJsonObject{{u"EffectiveDate"_s, u"01/05/2024"_s}}
                              << u"JSON_PARSER_ERROR"_s << QString() << QStringList();
    QTest::newRow("malformed reference") << u"Contact"_s
                                         << QJsonObject{{u"LastName"_s, u"x"_s}, {u"AccountId"_s, u"nonsense"_s}}
                                         << u"MALFORMED_ID"_s << u"Account ID: id value of incorrect type: nonsense"_s
                                         << QStringList{u"AccountId"_s};
    QTest::newRow("missing reference") << u"Contact"_s
                                       << QJsonObject{{u"LastName"_s, u"x"_s}, {u"AccountId"_s, u"001000000000000AAA"_s}}
                                       << u"INVALID_CROSS_REFERENCE_KEY"_s << u"invalid cross reference id"_s
                                       << QStringList();
    QTest::newRow("id in create") << u"Account"_s
                                  << QJsonObject{{u"Name"_s, u"x"_s}, {u"Id"_s, u"001000000000000AAA"_s}}
                                  << u"INVALID_FIELD"_s << QString() << QStringList{u"Id"_s};
}

void TestSfOrgRest::fieldErrors()
{
    QFETCH(QString, object);
    QFETCH(QJsonObject, body);
    QFETCH(QString, errorCode);
    QFETCH(QString, message);
    QFETCH(QStringList, fields);
    if (body.value(u"AccountId"_s).toString() == u"ACCOUNT")
        body.insert(u"AccountId"_s, m_accountId);
    const auto r = m_http->post(SfHttp::data(u"sobjects/"_s + object), body);
    QCOMPARE(r.status, 400);
    QVERIFY(r.json.isArray());
    const QJsonObject e = r.array().at(0).toObject();
    QCOMPARE(e.value(u"errorCode"_s).toString(), errorCode);
    if (!message.isEmpty())
        QCOMPARE(e.value(u"message"_s).toString(), message);
    QStringList got;
    for (const auto &f : e.value(u"fields"_s).toArray())
        got.append(f.toString());
    QCOMPARE(got, fields);
}

void TestSfOrgRest::uniqueExternalId()
{
    auto r = m_http->post(SfHttp::data(u"sobjects/Account"_s),
                          QJsonObject{{u"Name"_s, u"A"_s}, {u"Magento_ID__c"_s, u"cust-77"_s}});
    QCOMPARE(r.status, 201);
    const QString first = r.object().value(u"id"_s).toString();
    r = m_http->post(SfHttp::data(u"sobjects/Account"_s),
                     QJsonObject{{u"Name"_s, u"B"_s}, {u"Magento_ID__c"_s, u"CUST-77"_s}}); // case-insensitive
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"DUPLICATE_VALUE"_s);
    QCOMPARE(r.errorMessage(), u"duplicate value found: Magento_ID__c duplicates value on record with id: "_s + first);
}

void TestSfOrgRest::upsertByExternalId()
{
    const QString path = SfHttp::data(u"sobjects/Order/Magento_ID__c/000000123"_s);
    const QJsonObject body{{u"Account"_s, QJsonObject{{u"Magento_ID__c"_s, u"cust-77"_s}}},
                           {u"EffectiveDate"_s, u"2024-06-01"_s},
                           {u"Status"_s, u"Draft"_s}};
    auto r = m_http->patch(path, body);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.object().value(u"created"_s).toBool(), true);
    QCOMPARE(r.object().value(u"success"_s).toBool(), true);
    const QString id = r.object().value(u"id"_s).toString();
    QVERIFY(id.startsWith(u"801"_s));
    r = m_http->patch(path, QJsonObject{{u"Description"_s, u"updated"_s}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"created"_s).toBool(), false);
    QCOMPARE(r.object().value(u"id"_s).toString(), id);
    r = m_http->get(path);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"Description"_s).toString(), u"updated"_s);
    QCOMPARE(r.object().value(u"Magento_ID__c"_s).toString(), u"000000123"_s);
    // A field that is not an external id: 404 as a bare object.
    r = m_http->patch(SfHttp::data(u"sobjects/Order/Description/x"_s), QJsonObject{{u"Name"_s, u"n"_s}});
    QCOMPARE(r.status, 404);
    QVERIFY(r.json.isObject());
    QCOMPARE(r.object().value(u"errorCode"_s).toString(), u"NOT_FOUND"_s);
    // Unknown parent by external id.
    r = m_http->patch(SfHttp::data(u"sobjects/Order/Magento_ID__c/000000124"_s),
                      QJsonObject{{u"Account"_s, QJsonObject{{u"Magento_ID__c"_s, u"nobody"_s}}},
                                  {u"EffectiveDate"_s, u"2024-06-01"_s}, {u"Status"_s, u"Draft"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"INVALID_FIELD"_s);
    QVERIFY(r.errorMessage().contains(u"Foreign key external ID: nobody not found"_s));
    // updateOnly refuses to insert.
    r = m_http->patch(SfHttp::data(u"sobjects/Order/Magento_ID__c/000000125?updateOnly=true"_s), body);
    QCOMPARE(r.status, 404);
}

void TestSfOrgRest::upsertSeveralMatches()
{
    // Contact.Email is an idLookup field that need not be unique.
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(m_http->post(SfHttp::data(u"sobjects/Contact"_s),
                              QJsonObject{{u"LastName"_s, u"Twin"_s}, {u"Email"_s, u"twin@example.com"_s}})
                     .status,
                 201);
    }
    auto r = m_http->patch(SfHttp::data(u"sobjects/Contact/Email/twin@example.com"_s),
                           QJsonObject{{u"LastName"_s, u"Twins"_s}});
    QCOMPARE(r.status, 300);
    QCOMPARE(r.array().size(), 2);
    QVERIFY(r.array().at(0).toString().startsWith(u"/services/data/v62.0/sobjects/Contact/003"_s));
    r = m_http->get(SfHttp::data(u"sobjects/Contact/Email/twin@example.com"_s));
    QCOMPARE(r.status, 300);
}

void TestSfOrgRest::externalIdEndingInIncIsNotFound()
{
    // Salesforce documents a 404 for an e-mail with the TLD ".inc" in an external-ID URL, whatever the method.
    const QJsonObject contact{{u"LastName"_s, u"Inc"_s}, {u"Email"_s, u"jane@example.inc"_s}};
    auto r = m_http->patch(SfHttp::data(u"sobjects/Contact/Magento_ID__c/jane@example.inc"_s), contact);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), u"NOT_FOUND"_s);
    r = m_http->patch(SfHttp::data(u"sobjects/Contact/Magento_ID__c/jane%40example.INC"_s), contact);
    QCOMPARE(r.status, 404);
    QVERIFY(m_http->get(SfHttp::data(u"query?q=SELECT+Id+FROM+Contact+WHERE+Email+%3D+%27jane%40example.inc%27"_s))
                .object().value(u"records"_s).toArray().isEmpty());
    // The same record keyed without the suffix, and the e-mail in the body, are fine.
    r = m_http->patch(SfHttp::data(u"sobjects/Contact/Magento_ID__c/jane@example.com"_s), contact);
    QCOMPARE(r.status, 201);
    r = m_http->patch(SfHttp::data(u"composite/sobjects/Contact/Magento_ID__c"_s),
                      QJsonObject{{u"allOrNone"_s, true},
                                  {u"records"_s, QJsonArray{QJsonObject{
                                       {u"attributes"_s, QJsonObject{{u"type"_s, u"Contact"_s}}},
                                       {u"Magento_ID__c"_s, u"jane@example.inc"_s},
                                       {u"LastName"_s, u"Inc"_s}}}}});
    QCOMPARE(r.status, 200);
    QVERIFY2(r.array().at(0).toObject().value(u"success"_s).toBool(), r.body.constData());
    // Inside a composite graph the node's URL is routed the same way.
    const QJsonObject node{{u"method"_s, u"PATCH"_s},
                           {u"url"_s, SfHttp::data(u"sobjects/Account/Magento_ID__c/acme@example.inc"_s)},
                           {u"referenceId"_s, u"refAccount"_s},
                           {u"body"_s, QJsonObject{{u"Name"_s, u"Acme"_s}}}};
    r = m_http->post(SfHttp::data(u"composite/graph"_s),
                     QJsonObject{{u"graphs"_s, QJsonArray{QJsonObject{{u"graphId"_s, u"g1"_s},
                                                                      {u"compositeRequest"_s, QJsonArray{node}}}}}});
    QCOMPARE(r.status, 200);
    const QJsonObject graph = r.object().value(u"graphs"_s).toArray().at(0).toObject();
    QCOMPARE(graph.value(u"isSuccessful"_s).toBool(), false);
    const QJsonObject response = graph.value(u"graphResponse"_s).toObject().value(u"compositeResponse"_s)
                                     .toArray().at(0).toObject();
    QCOMPARE(response.value(u"httpStatusCode"_s).toInt(), 404);
}

void TestSfOrgRest::orderInsertRules()
{
    auto r = m_http->post(SfHttp::data(u"sobjects/Order"_s),
                          QJsonObject{{u"AccountId"_s, m_accountId}, {u"EffectiveDate"_s, u"2024-05-01"_s},
                                      {u"Status"_s, u"Activated"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    r = m_http->post(SfHttp::data(u"sobjects/Order"_s),
                     QJsonObject{{u"EffectiveDate"_s, u"2024-05-01"_s}, {u"Status"_s, u"Draft"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"REQUIRED_FIELD_MISSING"_s);
    QCOMPARE(r.errorMessage(), u"Required fields are missing: [AccountId]"_s);
    const QString id = createOrder(u"rule-1"_s, {});
    QVERIFY(!id.isEmpty());
    r = m_http->get(SfHttp::data(u"sobjects/Order/"_s + id));
    QCOMPARE(r.object().value(u"StatusCode"_s).toString(), u"Draft"_s);
    QCOMPARE(r.object().value(u"TotalAmount"_s).toDouble(), 0.0);
    QVERIFY(!r.object().value(u"OrderNumber"_s).toString().isEmpty());
    // Clearing AccountId is refused too.
    r = m_http->patch(SfHttp::data(u"sobjects/Order/"_s + id), QJsonObject{{u"AccountId"_s, QJsonValue::Null}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"REQUIRED_FIELD_MISSING"_s);
}

void TestSfOrgRest::orderProductRules()
{
    const QString standard = m_sf.value(u"standard_pricebook_id"_s).toString();
    const QString magento = m_sf.value(u"magento_pricebook_id"_s).toString();
    const QString noBook = createOrder(u"op-1"_s, {});
    const QString order = createOrder(u"op-2"_s, magento);
    QVERIFY(!noBook.isEmpty() && !order.isEmpty());
    const QString magentoEntry = entryFor(magento);
    const QString standardEntry = entryFor(standard);
    QVERIFY(!magentoEntry.isEmpty() && !standardEntry.isEmpty());

    auto item = [&](const QString &orderId, const QString &entry, const QJsonValue &qty, const QJsonValue &price) {
        QJsonObject body{{u"OrderId"_s, orderId}, {u"PricebookEntryId"_s, entry}};
        if (!qty.isUndefined())
            body.insert(u"Quantity"_s, qty);
        if (!price.isUndefined())
            body.insert(u"UnitPrice"_s, price);
        return m_http->post(SfHttp::data(u"sobjects/OrderItem"_s), body);
    };
    // Order without a price book.
    auto r = item(noBook, magentoEntry, 1, 10);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    QCOMPARE(r.errorMessage(), u"Order Products must have a Price Book Entry that belongs to the Price Book related to "
                               "the parent Order.: Price Book Entry ID"_s);
    // Entry of another book.
    r = item(order, standardEntry, 1, 10);
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    // Missing Quantity / UnitPrice / PricebookEntryId.
    r = item(order, magentoEntry, QJsonValue::Undefined, QJsonValue::Undefined);
    QCOMPARE(r.errorCode(), u"REQUIRED_FIELD_MISSING"_s);
    QCOMPARE(r.errorMessage(), u"Required fields are missing: [Quantity, UnitPrice]"_s);
    r = m_http->post(SfHttp::data(u"sobjects/OrderItem"_s),
                     QJsonObject{{u"OrderId"_s, order}, {u"Quantity"_s, 1}, {u"UnitPrice"_s, 1}});
    QCOMPARE(r.errorCode(), u"REQUIRED_FIELD_MISSING"_s);
    QCOMPARE(r.errorMessage(), u"Required fields are missing: [PricebookEntryId]"_s);
    // An inactive entry.
    const QString inactive = entryFor(magento, 1);
    QCOMPARE(m_http->patch(SfHttp::data(u"sobjects/PricebookEntry/"_s + inactive), QJsonObject{{u"IsActive"_s, false}}).status,
             204);
    r = item(order, inactive, 1, 10);
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    QVERIFY(r.errorMessage().contains(u"inactive"_s));
    // Success and the roll-up.
    r = item(order, magentoEntry, 2, 10.5);
    QCOMPARE(r.status, 201);
    const QString first = r.object().value(u"id"_s).toString();
    QVERIFY(first.startsWith(u"802"_s));
    r = item(order, entryFor(magento, 2), 3, 1.25);
    QCOMPARE(r.status, 201);
    r = m_http->get(SfHttp::data(u"sobjects/Order/"_s + order + u"?fields=TotalAmount"_s));
    QCOMPARE(r.object().value(u"TotalAmount"_s).toDouble(), 24.75);
    r = m_http->get(SfHttp::data(u"sobjects/OrderItem/"_s + first));
    QCOMPARE(r.object().value(u"TotalPrice"_s).toDouble(), 21.0);
    QVERIFY(r.object().value(u"Product2Id"_s).toString().startsWith(u"01t"_s));
    QVERIFY(r.object().value(u"ListPrice"_s).isDouble());
    QCOMPARE(m_http->patch(SfHttp::data(u"sobjects/OrderItem/"_s + first), QJsonObject{{u"Quantity"_s, 1}}).status, 204);
    r = m_http->get(SfHttp::data(u"sobjects/Order/"_s + order + u"?fields=TotalAmount"_s));
    QCOMPARE(r.object().value(u"TotalAmount"_s).toDouble(), 14.25);
    QCOMPARE(m_http->del(SfHttp::data(u"sobjects/OrderItem/"_s + first)).status, 204);
    r = m_http->get(SfHttp::data(u"sobjects/Order/"_s + order + u"?fields=TotalAmount"_s));
    QCOMPARE(r.object().value(u"TotalAmount"_s).toDouble(), 3.75);
    // The price book cannot change once products exist.
    r = m_http->patch(SfHttp::data(u"sobjects/Order/"_s + order), QJsonObject{{u"Pricebook2Id"_s, standard}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    // Nor once set at all, products or not; an order without one may get one.
    const QString bare = createOrder(u"pb-set-1"_s, magento);
    r = m_http->patch(SfHttp::data(u"sobjects/Order/"_s + bare), QJsonObject{{u"Pricebook2Id"_s, standard}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    r = m_http->patch(SfHttp::data(u"sobjects/Order/"_s + bare), QJsonObject{{u"Pricebook2Id"_s, QJsonValue::Null}});
    QCOMPARE(r.status, 400);
    const QString none = createOrder(u"pb-set-2"_s, QString());
    QCOMPARE(m_http->patch(SfHttp::data(u"sobjects/Order/"_s + none), QJsonObject{{u"Pricebook2Id"_s, standard}}).status, 204);
}

void TestSfOrgRest::activationRules()
{
    const QString magento = m_sf.value(u"magento_pricebook_id"_s).toString();
    const QString order = createOrder(u"act-1"_s, magento);
    // No products: no activation.
    auto r = m_http->patch(SfHttp::data(u"sobjects/Order/"_s + order), QJsonObject{{u"Status"_s, u"Activated"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    r = m_http->post(SfHttp::data(u"sobjects/OrderItem"_s),
                     QJsonObject{{u"OrderId"_s, order}, {u"PricebookEntryId"_s, entryFor(magento, 3)},
                                 {u"Quantity"_s, 1}, {u"UnitPrice"_s, 5}});
    QCOMPARE(r.status, 201);
    const QString item = r.object().value(u"id"_s).toString();
    // Status must change alone.
    r = m_http->patch(SfHttp::data(u"sobjects/Order/"_s + order),
                      QJsonObject{{u"Status"_s, u"Activated"_s}, {u"Description"_s, u"x"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    r = m_http->patch(SfHttp::data(u"sobjects/Order/"_s + order), QJsonObject{{u"Status"_s, u"Activated"_s}});
    QCOMPARE(r.status, 204);
    r = m_http->get(SfHttp::data(u"sobjects/Order/"_s + order));
    QCOMPARE(r.object().value(u"StatusCode"_s).toString(), u"Activated"_s);
    QVERIFY(!r.object().value(u"ActivatedDate"_s).toString().isEmpty());
    // Locked products and order.
    r = m_http->post(SfHttp::data(u"sobjects/OrderItem"_s),
                     QJsonObject{{u"OrderId"_s, order}, {u"PricebookEntryId"_s, entryFor(magento, 3)},
                                 {u"Quantity"_s, 1}, {u"UnitPrice"_s, 5}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    // With "Edit Activated Orders" (the integration user's default here) fields of the order and of
    // its products can change in place; activation stays as it was.
    const QString activatedDate = m_http->get(SfHttp::data(u"sobjects/Order/"_s + order)).object().value(u"ActivatedDate"_s).toString();
    QVERIFY(!activatedDate.isEmpty());
    r = m_http->patch(SfHttp::data(u"sobjects/OrderItem/"_s + item), QJsonObject{{u"Quantity"_s, 4}});
    QCOMPARE(r.status, 204);
    r = m_http->patch(SfHttp::data(u"sobjects/Order/"_s + order), QJsonObject{{u"Description"_s, u"edited"_s}});
    QCOMPARE(r.status, 204);
    r = m_http->get(SfHttp::data(u"sobjects/Order/"_s + order));
    QCOMPARE(r.object().value(u"StatusCode"_s).toString(), u"Activated"_s);
    QCOMPARE(r.object().value(u"ActivatedDate"_s).toString(), activatedDate);
    QCOMPARE(r.object().value(u"TotalAmount"_s).toDouble(), 20.0);
    // The Account changes only on Draft orders.
    r = m_http->post(SfHttp::data(u"sobjects/Account"_s), QJsonObject{{u"Name"_s, u"Other Shop"_s}});
    r = m_http->patch(SfHttp::data(u"sobjects/Order/"_s + order),
                      QJsonObject{{u"AccountId"_s, r.object().value(u"id"_s).toString()}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    r = m_http->del(SfHttp::data(u"sobjects/OrderItem/"_s + item));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    r = m_http->del(SfHttp::data(u"sobjects/Order/"_s + order));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
    r = m_http->patch(SfHttp::data(u"sobjects/Order/"_s + order), QJsonObject{{u"AccountId"_s, m_accountId.left(15)}});
    QCOMPARE(r.status, 204); // unchanged value is fine
    // Back to Draft, then everything is allowed again.
    QCOMPARE(m_http->patch(SfHttp::data(u"sobjects/Order/"_s + order), QJsonObject{{u"Status"_s, u"Draft"_s}}).status, 204);
    QCOMPARE(m_http->del(SfHttp::data(u"sobjects/Order/"_s + order)).status, 204);
    // The order's products went with it.
    QCOMPARE(m_http->get(SfHttp::data(u"sobjects/OrderItem/"_s + item)).errorCode(), u"ENTITY_IS_DELETED"_s);
}

// --no-edit-activated-orders: an org whose integration user lacks "Edit Activated Orders".
void TestSfOrgRest::withoutEditActivatedOrders()
{
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--seed"_s, u"11"_s, u"--orders"_s, u"0"_s, u"--no-edit-activated-orders"_s}),
             qPrintable(sandbox.errorString()));
    const QJsonObject sf = sandbox.salesforce();
    SfHttp http(sf.value(u"login_url"_s).toString());
    QCOMPARE(http.login(sf), QString());
    auto r = http.post(SfHttp::data(u"sobjects/Account"_s), QJsonObject{{u"Name"_s, u"Locked Shop"_s}});
    const QString book = sf.value(u"magento_pricebook_id"_s).toString();
    r = http.post(SfHttp::data(u"sobjects/Order"_s),
                  QJsonObject{{u"AccountId"_s, r.object().value(u"id"_s).toString()}, {u"EffectiveDate"_s, u"2024-05-01"_s},
                              {u"Status"_s, u"Draft"_s}, {u"Pricebook2Id"_s, book}});
    QCOMPARE(r.status, 201);
    const QString order = r.object().value(u"id"_s).toString();
    r = http.get(SfHttp::data(u"query?q="_s)
                 + QString::fromLatin1(QUrl::toPercentEncoding(
                     u"SELECT Id FROM PricebookEntry WHERE Pricebook2Id = '"_s + book + u"' AND IsActive = true LIMIT 1"_s)));
    const QString entry = r.object().value(u"records"_s).toArray().first().toObject().value(u"Id"_s).toString();
    r = http.post(SfHttp::data(u"sobjects/OrderItem"_s), QJsonObject{{u"OrderId"_s, order}, {u"PricebookEntryId"_s, entry},
                                                                      {u"Quantity"_s, 1}, {u"UnitPrice"_s, 5}});
    QCOMPARE(r.status, 201);
    const QString item = r.object().value(u"id"_s).toString();
    // Draft orders are edited as always, and activation needs no more than Activate Orders.
    QCOMPARE(http.patch(SfHttp::data(u"sobjects/OrderItem/"_s + item), QJsonObject{{u"Quantity"_s, 2}}).status, 204);
    QCOMPARE(http.patch(SfHttp::data(u"sobjects/Order/"_s + order), QJsonObject{{u"Status"_s, u"Activated"_s}}).status, 204);
    // Once Activated, nothing of it changes: fields, products, nor the status back to Draft.
    for (const auto &[object, id, body] : {std::tuple{u"Order"_s, order, QJsonObject{{u"Description"_s, u"x"_s}}},
                                          std::tuple{u"OrderItem"_s, item, QJsonObject{{u"Quantity"_s, 3}}},
                                          std::tuple{u"Order"_s, order, QJsonObject{{u"Status"_s, u"Draft"_s}}}}) {
        r = http.patch(SfHttp::data(u"sobjects/%1/%2"_s.arg(object, id)), body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
        QVERIFY2(r.body.contains("Edit Activated Orders"), r.body.constData());
    }
    // An unchanged value is no change.
    QCOMPARE(http.patch(SfHttp::data(u"sobjects/OrderItem/"_s + item), QJsonObject{{u"Quantity"_s, 2}}).status, 204);
    r = http.get(SfHttp::data(u"sobjects/OrderItem/"_s + item));
    QCOMPARE(r.object().value(u"Quantity"_s).toDouble(), 2.0);
}

void TestSfOrgRest::priceBookEntryRules()
{
    auto r = m_http->post(SfHttp::data(u"sobjects/Product2"_s),
                          QJsonObject{{u"Name"_s, u"New gadget"_s}, {u"ProductCode"_s, u"NEW-1"_s}, {u"IsActive"_s, true}});
    QCOMPARE(r.status, 201);
    const QString product = r.object().value(u"id"_s).toString();
    r = m_http->post(SfHttp::data(u"sobjects/PricebookEntry"_s),
                     QJsonObject{{u"Pricebook2Id"_s, m_sf.value(u"magento_pricebook_id"_s)}, {u"Product2Id"_s, product},
                                 {u"UnitPrice"_s, 9.99}, {u"IsActive"_s, true}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"STANDARD_PRICE_NOT_DEFINED"_s);
    r = m_http->post(SfHttp::data(u"sobjects/PricebookEntry"_s),
                     QJsonObject{{u"Pricebook2Id"_s, m_sf.value(u"standard_pricebook_id"_s)}, {u"Product2Id"_s, product},
                                 {u"UnitPrice"_s, 9.99}, {u"IsActive"_s, true}});
    QCOMPARE(r.status, 201);
    r = m_http->post(SfHttp::data(u"sobjects/PricebookEntry"_s),
                     QJsonObject{{u"Pricebook2Id"_s, m_sf.value(u"magento_pricebook_id"_s)}, {u"Product2Id"_s, product},
                                 {u"UnitPrice"_s, 8.99}, {u"IsActive"_s, true}});
    QCOMPARE(r.status, 201);
    const auto entry = m_http->get(SfHttp::data(u"sobjects/PricebookEntry/"_s + r.object().value(u"id"_s).toString()));
    QCOMPARE(entry.object().value(u"ProductCode"_s).toString(), u"NEW-1"_s);
    r = m_http->post(SfHttp::data(u"sobjects/PricebookEntry"_s),
                     QJsonObject{{u"Pricebook2Id"_s, m_sf.value(u"magento_pricebook_id"_s)}, {u"Product2Id"_s, product},
                                 {u"UnitPrice"_s, 7.99}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"DUPLICATE_VALUE"_s);
}

void TestSfOrgRest::notes()
{
    const QString order = createOrder(u"note-1"_s, {});
    auto r = m_http->post(SfHttp::data(u"sobjects/Note"_s),
                          QJsonObject{{u"ParentId"_s, order}, {u"Title"_s, u"Magento comment"_s},
                                      {u"Body"_s, u"Customer asked for gift wrap"_s}});
    QCOMPARE(r.status, 201);
    QVERIFY(r.object().value(u"id"_s).toString().startsWith(u"002"_s));
    r = m_http->post(SfHttp::data(u"sobjects/Note"_s), QJsonObject{{u"ParentId"_s, order}, {u"Title"_s, QString(81, u't')}});
    QCOMPARE(r.errorCode(), u"STRING_TOO_LONG"_s);
    r = m_http->post(SfHttp::data(u"sobjects/Note"_s),
                     QJsonObject{{u"ParentId"_s, order}, {u"Title"_s, u"t"_s}, {u"Body"_s, QString(32001, u'b')}});
    QCOMPARE(r.errorCode(), u"STRING_TOO_LONG"_s);
    QCOMPARE(r.array().at(0).toObject().value(u"fields"_s).toArray(), QJsonArray{u"Body"_s});
    r = m_http->post(SfHttp::data(u"sobjects/Note"_s), QJsonObject{{u"Title"_s, u"orphan"_s}});
    QCOMPARE(r.errorCode(), u"REQUIRED_FIELD_MISSING"_s);
    QCOMPARE(r.errorMessage(), u"Required fields are missing: [ParentId]"_s);
    r = m_http->post(SfHttp::data(u"sobjects/Note"_s),
                     QJsonObject{{u"ParentId"_s, order}, {u"Title"_s, u"t"_s}, {u"Body"_s, QString(32000, u'b')}});
    QCOMPARE(r.status, 201);
}

void TestSfOrgRest::contentNotes()
{
    const QString order = createOrder(u"cn-1"_s, {});
    const QByteArray text = "<p>Shipped with DHL</p>";
    auto r = m_http->post(SfHttp::data(u"sobjects/ContentNote"_s),
                          QJsonObject{{u"Title"_s, u"Shipment"_s}, {u"Content"_s, QString::fromLatin1(text.toBase64())}});
    QCOMPARE(r.status, 201);
    const QString doc = r.object().value(u"id"_s).toString();
    QVERIFY(doc.startsWith(u"069"_s));
    r = m_http->get(SfHttp::data(u"sobjects/ContentNote/"_s + doc));
    QCOMPARE(r.object().value(u"FileType"_s).toString(), u"SNOTE"_s);
    QCOMPARE(r.object().value(u"Content"_s).toString(), u"/services/data/v62.0/sobjects/ContentNote/"_s + doc + u"/Content"_s);
    r = m_http->get(SfHttp::data(u"sobjects/ContentNote/"_s + doc + u"/Content"_s));
    QCOMPARE(r.body, text);
    r = m_http->post(SfHttp::data(u"sobjects/ContentDocumentLink"_s),
                     QJsonObject{{u"ContentDocumentId"_s, doc}, {u"LinkedEntityId"_s, order}, {u"ShareType"_s, u"V"_s}});
    QCOMPARE(r.status, 201);
    QVERIFY(r.object().value(u"id"_s).toString().startsWith(u"06A"_s));
    r = m_http->post(SfHttp::data(u"sobjects/ContentDocumentLink"_s),
                     QJsonObject{{u"ContentDocumentId"_s, doc}, {u"LinkedEntityId"_s, order}, {u"ShareType"_s, u"V"_s}});
    QCOMPARE(r.errorCode(), u"DUPLICATE_VALUE"_s);
    r = m_http->post(SfHttp::data(u"sobjects/ContentDocumentLink"_s),
                     QJsonObject{{u"ContentDocumentId"_s, doc}, {u"LinkedEntityId"_s, m_accountId}, {u"ShareType"_s, u"Z"_s}});
    QCOMPARE(r.errorCode(), u"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"_s);
    r = m_http->get(SfHttp::data(u"query?q="_s)
                    + QString::fromLatin1(QUrl::toPercentEncoding(
                        u"SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = '"_s + order + u"'"_s)));
    QCOMPARE(r.object().value(u"totalSize"_s).toInt(), 1);
    QCOMPARE(r.object().value(u"records"_s).toArray().at(0).toObject().value(u"ContentDocumentId"_s).toString(), doc);
}

void TestSfOrgRest::recordPage()
{
    const QString magento = m_sf.value(u"magento_pricebook_id"_s).toString();
    const QString order = createOrder(u"page-1"_s, magento);
    QCOMPARE(m_http->post(SfHttp::data(u"sobjects/OrderItem"_s),
                          QJsonObject{{u"OrderId"_s, order}, {u"PricebookEntryId"_s, entryFor(magento, 0)},
                                      {u"Quantity"_s, 2}, {u"UnitPrice"_s, 3}})
                 .status,
             201);
    QCOMPARE(m_http->post(SfHttp::data(u"sobjects/Note"_s),
                          QJsonObject{{u"ParentId"_s, order}, {u"Title"_s, u"Gift <wrap>"_s}, {u"Body"_s, u"please"_s}})
                 .status,
             201);
    SfHttp browser(m_http->baseUrl());
    const auto r = browser.get(u"/lightning/r/Order/"_s + order + u"/view"_s);
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Content-Type").startsWith("text/html"));
    QVERIFY(r.body.contains("Order Products (1)"));
    QVERIFY(r.body.contains("Notes &amp; Attachments (1)"));
    QVERIFY(r.body.contains("Gift &lt;wrap&gt;"));
    QVERIFY(r.body.contains(order.toLatin1()));
    QVERIFY(r.body.contains("page-1"));
    QCOMPARE(browser.get(u"/lightning/r/Order/801000000000000AAA/view"_s).status, 404);
}

void TestSfOrgRest::opportunities()
{
    auto r = m_http->post(SfHttp::data(u"sobjects/Opportunity"_s), QJsonObject{{u"Name"_s, u"Deal"_s}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorMessage(), u"Required fields are missing: [StageName, CloseDate]"_s);
    const QString magento = m_sf.value(u"magento_pricebook_id"_s).toString();
    r = m_http->post(SfHttp::data(u"sobjects/Opportunity"_s),
                     QJsonObject{{u"Name"_s, u"Deal"_s}, {u"StageName"_s, u"Closed Won"_s}, {u"CloseDate"_s, u"2024-05-02"_s},
                                 {u"AccountId"_s, m_accountId}, {u"Pricebook2Id"_s, magento},
                                 {u"Magento_ID__c"_s, u"opp-1"_s}});
    QCOMPARE(r.status, 201);
    const QString opp = r.object().value(u"id"_s).toString();
    QVERIFY(opp.startsWith(u"006"_s));
    r = m_http->get(SfHttp::data(u"sobjects/Opportunity/"_s + opp + u"?fields=IsClosed,IsWon"_s));
    QCOMPARE(r.object().value(u"IsWon"_s).toBool(), true);
    r = m_http->post(SfHttp::data(u"sobjects/OpportunityLineItem"_s),
                     QJsonObject{{u"OpportunityId"_s, opp}, {u"PricebookEntryId"_s, entryFor(magento, 4)},
                                 {u"Quantity"_s, 2}, {u"UnitPrice"_s, 7}});
    QCOMPARE(r.status, 201);
    QVERIFY(r.object().value(u"id"_s).toString().startsWith(u"00k"_s));
    r = m_http->get(SfHttp::data(u"sobjects/OpportunityLineItem/"_s + r.object().value(u"id"_s).toString()));
    QCOMPARE(r.object().value(u"TotalPrice"_s).toDouble(), 14.0);
    r = m_http->post(SfHttp::data(u"sobjects/OpportunityLineItem"_s),
                     QJsonObject{{u"OpportunityId"_s, opp}, {u"PricebookEntryId"_s, entryFor(m_sf.value(u"standard_pricebook_id"_s).toString())},
                                 {u"Quantity"_s, 1}, {u"UnitPrice"_s, 1}});
    QCOMPARE(r.errorCode(), u"FIELD_INTEGRITY_EXCEPTION"_s);
}

void TestSfOrgRest::updatedAndDeleted()
{
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-5);
    auto r = m_http->post(SfHttp::data(u"sobjects/Account"_s), QJsonObject{{u"Name"_s, u"Replicated"_s}});
    const QString id = r.object().value(u"id"_s).toString();
    QCOMPARE(m_http->del(SfHttp::data(u"sobjects/Account/"_s + id)).status, 204);
    const QString range = u"?start="_s + QString::fromLatin1(QUrl::toPercentEncoding(start.toString(Qt::ISODate)))
        + u"&end="_s
        + QString::fromLatin1(QUrl::toPercentEncoding(QDateTime::currentDateTimeUtc().addSecs(60).toString(Qt::ISODate)));
    r = m_http->get(SfHttp::data(u"sobjects/Account/deleted/"_s) + range);
    QCOMPARE(r.status, 200);
    bool found = false;
    for (const auto &d : r.object().value(u"deletedRecords"_s).toArray())
        found = found || d.toObject().value(u"id"_s).toString() == id;
    QVERIFY(found);
    QVERIFY(r.object().contains(u"latestDateCovered"_s));
    r = m_http->get(SfHttp::data(u"sobjects/Account/updated/"_s) + range);
    QCOMPARE(r.status, 200);
    QVERIFY(r.object().value(u"ids"_s).isArray());
    r = m_http->get(SfHttp::data(u"sobjects/Account/updated/?start=yesterday&end=today"_s));
    QCOMPARE(r.status, 400);
}

void TestSfOrgRest::statsAndReset()
{
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--seed"_s, u"5"_s}), qPrintable(sandbox.errorString()));
    SfHttp api(sandbox.salesforceLoginUrl());
    QCOMPARE(api.login(sandbox.salesforce()), QString());
    QCOMPARE(api.post(SfHttp::data(u"sobjects/Account"_s), QJsonObject{{u"Name"_s, u"Temp"_s}}).status, 201);
    QCOMPARE(api.get(SfHttp::data(u"limits"_s)).status, 200);
    QCOMPARE(api.get(u"/services/data/"_s).status, 200); // not counted
    auto s = api.get(u"/__sandbox/stats"_s);
    QCOMPARE(s.status, 200);
    QCOMPARE(s.object().value(u"api_calls"_s).toInt(), 2);
    const QJsonObject routes = s.object().value(u"by_route"_s).toObject();
    QCOMPARE(routes.value(u"POST sobjects/Account"_s).toInt(), 1);
    QCOMPARE(routes.value(u"GET limits"_s).toInt(), 1);
    QCOMPARE(routes.value(u"POST /services/oauth2/token"_s).toInt(), 1);
    const auto count = [&] {
        return api.get(SfHttp::data(u"query?q=SELECT+COUNT()+FROM+Account"_s)).object().value(u"totalSize"_s).toInt();
    };
    const int before = count();
    QCOMPARE(api.post(u"/__sandbox/reset"_s, QJsonObject()).status, 200);
    QCOMPARE(count(), before - 1);
    s = api.get(u"/__sandbox/stats"_s);
    QCOMPARE(s.object().value(u"api_calls"_s).toInt(), 1);
}

void TestSfOrgRest::customFieldAddedBySetup()
{
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--seed"_s, u"5"_s}), qPrintable(sandbox.errorString()));
    SfHttp api(sandbox.salesforceLoginUrl());
    QCOMPARE(api.login(sandbox.salesforce()), QString());
    const auto hasField = [&api] {
        for (const QJsonValue &f : api.get(SfHttp::data(u"sobjects/Order/describe"_s)).object().value(u"fields"_s).toArray()) {
            if (f.toObject().value(u"name"_s).toString() == u"Gift_Message__c"_s)
                return f.toObject();
        }
        return QJsonObject();
    };
    QVERIFY(hasField().isEmpty());
    const QJsonObject definition{{u"object"_s, u"Order"_s}, {u"name"_s, u"Gift_Message__c"_s},
                                 {u"label"_s, u"Gift Message"_s}, {u"type"_s, u"string"_s}, {u"length"_s, 120}};
    QCOMPARE(api.post(u"/__sandbox/custom-fields"_s, definition).status, 201);
    const QJsonObject field = hasField();
    QCOMPARE(field.value(u"type"_s).toString(), u"string"_s);
    QCOMPARE(field.value(u"length"_s).toInt(), 120);
    QVERIFY(field.value(u"custom"_s).toBool());
    QCOMPARE(api.get(SfHttp::data(u"query?q=SELECT+Id,+Gift_Message__c+FROM+Order+LIMIT+1"_s)).status, 200);
    // Refused: twice the same name, a name without __c, an unknown object or type.
    QCOMPARE(api.post(u"/__sandbox/custom-fields"_s, definition).status, 400);
    QJsonObject bad = definition;
    bad.insert(u"name"_s, u"GiftMessage"_s);
    QCOMPARE(api.post(u"/__sandbox/custom-fields"_s, bad).status, 400);
    bad = definition;
    bad.insert(u"object"_s, u"Nope"_s);
    QCOMPARE(api.post(u"/__sandbox/custom-fields"_s, bad).status, 400);
    bad = definition;
    bad.insert(u"name"_s, u"Other__c"_s);
    bad.insert(u"type"_s, u"blob"_s);
    QCOMPARE(api.post(u"/__sandbox/custom-fields"_s, bad).status, 400);
}

void TestSfOrgRest::missingPriceEntries()
{
    SandboxProcess sandbox;
    QVERIFY2(sandbox.start({u"--seed"_s, u"5"_s, u"--missing-price-entries"_s, u"0.25"_s}),
             qPrintable(sandbox.errorString()));
    const QJsonArray missing = sandbox.salesforce().value(u"skus_without_price_entries"_s).toArray();
    QVERIFY(!missing.isEmpty());
    SfHttp api(sandbox.salesforceLoginUrl());
    QCOMPARE(api.login(sandbox.salesforce()), QString());
    const int products = api.get(SfHttp::data(u"query?q=SELECT+COUNT()+FROM+Product2"_s)).object().value(u"totalSize"_s).toInt();
    const int entries = api.get(SfHttp::data(u"query?q=SELECT+COUNT()+FROM+PricebookEntry"_s)).object().value(u"totalSize"_s).toInt();
    QCOMPARE(missing.size(), int(products * 0.25));
    QCOMPARE(entries, 2 * (products - int(missing.size())));
    const QString sku = missing.at(0).toString();
    const auto r = api.get(SfHttp::data(u"query?q="_s)
                           + QString::fromLatin1(QUrl::toPercentEncoding(
                               u"SELECT Id FROM PricebookEntry WHERE Product2.ProductCode = '"_s + sku + u"'"_s)));
    QCOMPARE(r.object().value(u"totalSize"_s).toInt(), 0);
}

void TestSfOrgRest::statePersists()
{
    QTemporaryDir dir;
    const QString state = dir.filePath(u"sandbox-state"_s);
    QString id;
    QString clientId;
    {
        SandboxProcess sandbox;
        QVERIFY2(sandbox.start({u"--state"_s, state}), qPrintable(sandbox.errorString()));
        SfHttp api(sandbox.salesforceLoginUrl());
        QCOMPARE(api.login(sandbox.salesforce()), QString());
        const auto r = api.post(SfHttp::data(u"sobjects/Account"_s),
                                QJsonObject{{u"Name"_s, u"Persistent"_s}, {u"Magento_ID__c"_s, u"keep-me"_s}});
        QCOMPARE(r.status, 201);
        id = r.object().value(u"id"_s).toString();
        clientId = sandbox.salesforce().value(u"client_id"_s).toString();
        QCOMPARE(sandbox.stop(), 0);
    }
    QVERIFY(QFile::exists(state + u".salesforce"_s));
    SandboxProcess again;
    QVERIFY2(again.start({u"--state"_s, state}), qPrintable(again.errorString()));
    SfHttp api(again.salesforceLoginUrl());
    QCOMPARE(api.login(again.salesforce()), QString());
    const auto r = api.get(SfHttp::data(u"sobjects/Account/Magento_ID__c/keep-me"_s));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"Id"_s).toString(), id);
    // New records do not reuse ids.
    const auto second = api.post(SfHttp::data(u"sobjects/Account"_s), QJsonObject{{u"Name"_s, u"Second"_s}});
    QVERIFY(second.object().value(u"id"_s).toString() != id);
}

QTEST_GUILESS_MAIN(TestSfOrgRest)
#include "tst_sforgrest.moc"
