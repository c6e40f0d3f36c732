#include "memoryrecordsource.h"
#include "sfid.h"
#include "sfidgenerator.h"
#include "soqlevaluator.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Sandbox;

class TestSoqlEvaluator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void filtersAndOrder_data();
    void filtersAndOrder();
    void idsOf15And18Characters();
    void indexHookAvoidsScans();
    void orOfIndexedTerms_data();
    void orOfIndexedTerms();
    void queryAllIncludesDeleted();
    void jsonFieldOrderAndCanonicalNames();
    void jsonEscapes();
    void parentRelationships();
    void polymorphicParent();
    void childSubquery();
    void countQueries();
    void fieldsFunction();
    void groupBy();
    void pages();
    void errors_data();
    void errors();
    void largeResultTiming();

private:
    [[nodiscard]] SoqlResult run(const QString &soql, bool includeDeleted = false) const;
    [[nodiscard]] QString names(const QString &soql, const QString &key = u"Name"_s) const;
    [[nodiscard]] QString url(const QString &type, const QString &id) const
    {
        return u"/services/data/v62.0/sobjects/"_s + type + u'/' + id;
    }
    [[nodiscard]] QString attributes(const QString &type, const QString &id) const
    {
        return u"{\"attributes\":{\"type\":\""_s + type + u"\",\"url\":\""_s + url(type, id) + u"\"}"_s;
    }

    MemoryRecordSource m_source;
    SoqlOptions m_options;
    QString m_acme, m_obrien, m_backslash, m_organic, m_east, m_gone;
    QString m_integration, m_admin;
    QString m_ann, m_bob;
    QString m_order1, m_order2, m_item1, m_item2, m_product1, m_product2;
    QString m_note1, m_note2;
};

namespace {

SoqlFieldInfo f(const char *name, const char *type)
{
    return SoqlFieldInfo{QString::fromLatin1(name), QString::fromLatin1(type)};
}

} // namespace

void TestSoqlEvaluator::initTestCase()
{
    m_options.now = QDateTime(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC);
    SfIdGenerator ids;

    m_source.addObject(u"User"_s, {f("Id", "id"), f("Name", "string")});
    m_source.addObject(u"Account"_s,
                       {f("Id", "id"), f("Name", "string"), f("Type", "picklist"), f("AnnualRevenue", "currency"),
                        f("NumberOfEmployees", "int"), f("CreatedDate", "datetime"), f("Magento_ID__c", "string"),
                        f("OwnerId", "reference"), f("IsPartner__c", "boolean")});
    m_source.addParent(u"Account"_s, {u"Owner"_s, u"OwnerId"_s, {u"User"_s}});
    m_source.addChild(u"Account"_s, {u"Contacts"_s, u"Contact"_s, u"AccountId"_s});
    m_source.addIndex(u"Account"_s, u"Magento_ID__c"_s);
    m_source.addObject(u"Contact"_s, {f("Id", "id"), f("FirstName", "string"), f("LastName", "string"),
                                      f("Email", "email"), f("AccountId", "reference"), f("Birthdate", "date")});
    m_source.addParent(u"Contact"_s, {u"Account"_s, u"AccountId"_s, {u"Account"_s}});
    m_source.addObject(u"Order"_s, {f("Id", "id"), f("Name", "string"), f("AccountId", "reference"),
                                    f("Status", "picklist"), f("EffectiveDate", "date"),
                                    f("TotalAmount", "currency"), f("Magento_ID__c", "string")});
    m_source.addParent(u"Order"_s, {u"Account"_s, u"AccountId"_s, {u"Account"_s}});
    m_source.addChild(u"Order"_s, {u"OrderItems"_s, u"OrderItem"_s, u"OrderId"_s});
    m_source.addChild(u"Order"_s, {u"Notes"_s, u"Note"_s, u"ParentId"_s});
    m_source.addObject(u"OrderItem"_s, {f("Id", "id"), f("OrderId", "reference"), f("Product2Id", "reference"),
                                        f("Quantity", "double"), f("UnitPrice", "currency")});
    m_source.addParent(u"OrderItem"_s, {u"Order"_s, u"OrderId"_s, {u"Order"_s}});
    m_source.addParent(u"OrderItem"_s, {u"Product2"_s, u"Product2Id"_s, {u"Product2"_s}});
    m_source.addIndex(u"OrderItem"_s, u"OrderId"_s);
    m_source.addObject(u"Product2"_s, {f("Id", "id"), f("Name", "string"), f("ProductCode", "string")});
    m_source.addObject(u"Note"_s, {f("Id", "id"), f("ParentId", "reference"), f("Title", "string")});
    m_source.addParent(u"Note"_s, {u"Parent"_s, u"ParentId"_s, {u"Account"_s, u"Order"_s}});

    m_integration = ids.nextFor(u"User"_s);
    m_admin = ids.nextFor(u"User"_s);
    m_source.addRecord(u"User"_s, {{u"Id"_s, m_integration}, {u"Name"_s, u"Integration User"_s}});
    m_source.addRecord(u"User"_s, {{u"Id"_s, m_admin}, {u"Name"_s, u"Admin"_s}});

    auto account = [&](QString *id, const QString &name, const QJsonValue &type, const QJsonValue &revenue,
                       const QJsonValue &employees, const QString &created, const QString &magento,
                       const QJsonValue &owner, const QJsonValue &partner, bool deleted = false) {
        *id = ids.nextFor(u"Account"_s);
        QJsonObject record{{u"Id"_s, *id},
                           {u"Name"_s, name},
                           {u"Type"_s, type},
                           {u"AnnualRevenue"_s, revenue},
                           {u"NumberOfEmployees"_s, employees},
                           {u"CreatedDate"_s, created},
                           {u"Magento_ID__c"_s, magento},
                           {u"OwnerId"_s, owner}};
        if (!partner.isUndefined())
            record.insert(u"IsPartner__c"_s, partner);
        m_source.addRecord(u"Account"_s, record, deleted);
    };
    const QJsonValue null = QJsonValue::Null;
    account(&m_acme, u"Acme"_s, u"Customer"_s, 1000, 10, u"2024-01-10T10:00:00.000+0000"_s, u"m1"_s, m_integration,
            true);
    account(&m_obrien, u"O'Brien Ltd"_s, u"Prospect"_s, 500, null, u"2024-02-01T08:00:00.000+0000"_s, u"m2"_s,
            m_integration, false);
    account(&m_backslash, uR"(Back\slash Co)"_s, null, 2000, 50, u"2024-01-15T00:00:00.000+0000"_s, u"m3"_s, m_admin,
            false);
    account(&m_organic, u"100% Organic"_s, u"Customer"_s, null, 5, u"2023-12-31T23:30:00.000+0000"_s, u"m4"_s, null,
            QJsonValue(QJsonValue::Undefined));
    account(&m_east, u"acme east"_s, u"Partner"_s, 1500, 20, u"2024-03-01T09:00:00.000+0000"_s, u"m5"_s, null, false);
    account(&m_gone, u"Gone Inc"_s, u"Customer"_s, 10, 1, u"2024-01-01T00:00:00.000+0000"_s, u"m6"_s, null, false,
            true);

    m_ann = ids.nextFor(u"Contact"_s);
    m_bob = ids.nextFor(u"Contact"_s);
    m_source.addRecord(u"Contact"_s, {{u"Id"_s, m_ann}, {u"FirstName"_s, u"Ann"_s}, {u"LastName"_s, u"O'Brien"_s},
                                      {u"Email"_s, u"ann@example.com"_s}, {u"AccountId"_s, m_obrien},
                                      {u"Birthdate"_s, u"1980-05-17"_s}});
    m_source.addRecord(u"Contact"_s, {{u"Id"_s, m_bob}, {u"FirstName"_s, u"Bob"_s}, {u"LastName"_s, u"Smith"_s},
                                      {u"Email"_s, u"bob@example.com"_s}, {u"AccountId"_s, null}});

    m_product1 = ids.nextFor(u"Product2"_s);
    m_product2 = ids.nextFor(u"Product2"_s);
    m_source.addRecord(u"Product2"_s, {{u"Id"_s, m_product1}, {u"Name"_s, u"Yoga Mat"_s}, {u"ProductCode"_s, u"SKU-1"_s}});
    m_source.addRecord(u"Product2"_s, {{u"Id"_s, m_product2}, {u"Name"_s, u"Water Bottle"_s}, {u"ProductCode"_s, u"SKU-2"_s}});

    m_order1 = ids.nextFor(u"Order"_s);
    m_order2 = ids.nextFor(u"Order"_s);
    m_source.addRecord(u"Order"_s, {{u"Id"_s, m_order1}, {u"Name"_s, u"Order 100000001"_s}, {u"AccountId"_s, m_acme},
                                    {u"Status"_s, u"Draft"_s}, {u"EffectiveDate"_s, u"2024-02-29"_s},
                                    {u"TotalAmount"_s, 45.5}, {u"Magento_ID__c"_s, u"100000001"_s}});
    m_source.addRecord(u"Order"_s, {{u"Id"_s, m_order2}, {u"Name"_s, u"Order 100000002"_s}, {u"AccountId"_s, m_obrien},
                                    {u"Status"_s, u"Activated"_s}, {u"EffectiveDate"_s, u"2024-03-01"_s},
                                    {u"TotalAmount"_s, 0}, {u"Magento_ID__c"_s, u"100000002"_s}});
    m_item1 = ids.nextFor(u"OrderItem"_s);
    m_item2 = ids.nextFor(u"OrderItem"_s);
    m_source.addRecord(u"OrderItem"_s, {{u"Id"_s, m_item1}, {u"OrderId"_s, m_order1}, {u"Product2Id"_s, m_product1},
                                        {u"Quantity"_s, 2}, {u"UnitPrice"_s, 10.25}});
    m_source.addRecord(u"OrderItem"_s, {{u"Id"_s, m_item2}, {u"OrderId"_s, m_order1}, {u"Product2Id"_s, m_product2},
                                        {u"Quantity"_s, 5}, {u"UnitPrice"_s, 5}});

    m_note1 = ids.nextFor(u"Note"_s);
    m_note2 = ids.nextFor(u"Note"_s);
    m_source.addRecord(u"Note"_s, {{u"Id"_s, m_note1}, {u"ParentId"_s, m_acme}, {u"Title"_s, u"A"_s}});
    m_source.addRecord(u"Note"_s, {{u"Id"_s, m_note2}, {u"ParentId"_s, m_order1}, {u"Title"_s, u"B"_s}});
}

SoqlResult TestSoqlEvaluator::run(const QString &soql, bool includeDeleted) const
{
    SoqlOptions options = m_options;
    options.includeDeleted = includeDeleted;
    const auto result = SoqlEvaluator(m_source).execute(soql, options);
    if (!result) {
        qWarning().noquote() << result.error().errorCode << result.error().message;
        return {};
    }
    return *result;
}

QString TestSoqlEvaluator::names(const QString &soql, const QString &key) const
{
    QStringList out;
    for (const auto &record : run(soql).recordsArray())
        out << record.toObject().value(key).toString();
    return out.join(u'|');
}

void TestSoqlEvaluator::filtersAndOrder_data()
{
    QTest::addColumn<QString>("tail");
    QTest::addColumn<QString>("expected");

    const QString all = uR"(Acme|O'Brien Ltd|Back\slash Co|100% Organic|acme east)"_s;
    QTest::newRow("all, store order") << QString() << all;
    QTest::newRow("= is case-insensitive") << u"WHERE Name = 'ACME'"_s << u"Acme"_s;
    QTest::newRow("escaped quote") << uR"(WHERE Name = 'O\'Brien Ltd')"_s << u"O'Brien Ltd"_s;
    QTest::newRow("escaped backslash") << uR"(WHERE Name = 'Back\\slash Co')"_s << uR"(Back\slash Co)"_s;
    QTest::newRow("LIKE literal percent") << uR"(WHERE Name LIKE '100\%%')"_s << u"100% Organic"_s;
    QTest::newRow("LIKE contains percent") << uR"(WHERE Name LIKE '%\%%')"_s << u"100% Organic"_s;
    QTest::newRow("LIKE prefix, any case") << u"WHERE Name LIKE 'ACME%'"_s << u"Acme|acme east"_s;
    QTest::newRow("LIKE underscore") << u"WHERE Name LIKE 'a_me'"_s << u"Acme"_s;
    QTest::newRow("LIKE literal underscore") << uR"(WHERE Name LIKE '%\_%')"_s << QString();
    QTest::newRow("LIKE with quote") << uR"(WHERE Name LIKE 'o\'%')"_s << u"O'Brien Ltd"_s;
    QTest::newRow("LIKE backslash") << uR"(WHERE Name LIKE '%\\%')"_s << uR"(Back\slash Co)"_s;
    QTest::newRow("AND") << u"WHERE Type = 'Customer' AND AnnualRevenue > 500"_s << u"Acme"_s;
    QTest::newRow("OR") << u"WHERE Type = 'Customer' OR Type = 'Partner'"_s << u"Acme|100% Organic|acme east"_s;
    QTest::newRow("= null") << u"WHERE Type = null"_s << uR"(Back\slash Co)"_s;
    QTest::newRow("!= null") << u"WHERE Type != null"_s << u"Acme|O'Brien Ltd|100% Organic|acme east"_s;
    QTest::newRow("!= keeps nulls") << u"WHERE Type != 'Customer'"_s << uR"(O'Brien Ltd|Back\slash Co|acme east)"_s;
    QTest::newRow("<> keeps nulls") << u"WHERE Type <> 'Customer'"_s << uR"(O'Brien Ltd|Back\slash Co|acme east)"_s;
    QTest::newRow("NOT") << u"WHERE NOT Type = 'Customer'"_s << uR"(O'Brien Ltd|Back\slash Co|acme east)"_s;
    QTest::newRow("(AND) OR") << u"WHERE (Type = 'Customer' AND NumberOfEmployees > 8) OR Type = 'Partner'"_s
                              << u"Acme|acme east"_s;
    QTest::newRow("AND (OR)") << u"WHERE Type = 'Customer' AND (NumberOfEmployees > 8 OR Type = 'Partner')"_s
                              << u"Acme"_s;
    QTest::newRow("NOT (OR)") << u"WHERE NOT (Type = 'Customer' OR Type = 'Partner')"_s
                              << uR"(O'Brien Ltd|Back\slash Co)"_s;
    QTest::newRow("NOT binds to one term") << u"WHERE NOT Type = 'Customer' AND NumberOfEmployees > 15"_s
                                           << uR"(Back\slash Co|acme east)"_s;
    QTest::newRow("IN any case") << u"WHERE Type IN ('customer', 'PARTNER')"_s << u"Acme|100% Organic|acme east"_s;
    QTest::newRow("NOT IN keeps nulls") << u"WHERE Type NOT IN ('Customer')"_s
                                        << uR"(O'Brien Ltd|Back\slash Co|acme east)"_s;
    QTest::newRow("IN with NULL") << u"WHERE Type IN ('Prospect', NULL)"_s << uR"(O'Brien Ltd|Back\slash Co)"_s;
    QTest::newRow("IN numbers") << u"WHERE NumberOfEmployees IN (10, 50)"_s << uR"(Acme|Back\slash Co)"_s;
    QTest::newRow("<") << u"WHERE NumberOfEmployees < 20"_s << u"Acme|100% Organic"_s;
    QTest::newRow("<=") << u"WHERE NumberOfEmployees <= 20"_s << u"Acme|100% Organic|acme east"_s;
    QTest::newRow(">= currency") << u"WHERE AnnualRevenue >= 1500"_s << uR"(Back\slash Co|acme east)"_s;
    QTest::newRow("> decimal") << u"WHERE AnnualRevenue > 1499.99"_s << uR"(Back\slash Co|acme east)"_s;
    QTest::newRow("boolean true") << u"WHERE IsPartner__c = TRUE"_s << u"Acme"_s;
    QTest::newRow("boolean false") << u"WHERE IsPartner__c = false"_s << uR"(O'Brien Ltd|Back\slash Co|acme east)"_s;
    QTest::newRow("ORDER BY text, case-insensitive") << u"ORDER BY Name"_s
                                                     << uR"(100% Organic|Acme|acme east|Back\slash Co|O'Brien Ltd)"_s;
    QTest::newRow("ORDER BY DESC") << u"ORDER BY Name DESC"_s
                                   << uR"(O'Brien Ltd|Back\slash Co|acme east|Acme|100% Organic)"_s;
    QTest::newRow("ASC puts nulls first") << u"ORDER BY NumberOfEmployees"_s
                                          << uR"(O'Brien Ltd|100% Organic|Acme|acme east|Back\slash Co)"_s;
    QTest::newRow("DESC puts nulls last") << u"ORDER BY NumberOfEmployees DESC"_s
                                          << uR"(Back\slash Co|acme east|Acme|100% Organic|O'Brien Ltd)"_s;
    QTest::newRow("NULLS LAST") << u"ORDER BY NumberOfEmployees ASC NULLS LAST"_s
                                << uR"(100% Organic|Acme|acme east|Back\slash Co|O'Brien Ltd)"_s;
    QTest::newRow("DESC NULLS FIRST") << u"ORDER BY NumberOfEmployees DESC NULLS FIRST"_s
                                      << uR"(O'Brien Ltd|Back\slash Co|acme east|Acme|100% Organic)"_s;
    QTest::newRow("two keys") << u"ORDER BY Type, Name DESC"_s
                              << uR"(Back\slash Co|Acme|100% Organic|acme east|O'Brien Ltd)"_s;
    QTest::newRow("LIMIT") << u"ORDER BY Name LIMIT 2"_s << u"100% Organic|Acme"_s;
    QTest::newRow("LIMIT OFFSET") << u"ORDER BY Name LIMIT 2 OFFSET 2"_s << uR"(acme east|Back\slash Co)"_s;
    QTest::newRow("OFFSET") << u"ORDER BY Name OFFSET 4"_s << u"O'Brien Ltd"_s;
    QTest::newRow("OFFSET past the end") << u"OFFSET 10"_s << QString();
    QTest::newRow("LIMIT 0") << u"LIMIT 0"_s << QString();
    QTest::newRow("datetime >") << u"WHERE CreatedDate > 2024-01-15T00:00:00Z"_s << u"O'Brien Ltd|acme east"_s;
    QTest::newRow("datetime >=") << u"WHERE CreatedDate >= 2024-01-15T00:00:00Z"_s
                                 << uR"(O'Brien Ltd|Back\slash Co|acme east)"_s;
    QTest::newRow("datetime with offset") << u"WHERE CreatedDate <= 2024-01-01T00:30:00+01:00"_s << u"100% Organic"_s;
    QTest::newRow("TODAY") << u"WHERE CreatedDate = TODAY"_s << u"acme east"_s;
    QTest::newRow("LAST_N_DAYS:30") << u"WHERE CreatedDate = LAST_N_DAYS:30"_s << u"O'Brien Ltd|acme east"_s;
    QTest::newRow("< THIS_YEAR") << u"WHERE CreatedDate < THIS_YEAR"_s << u"100% Organic"_s;
    QTest::newRow("THIS_MONTH") << u"WHERE CreatedDate = THIS_MONTH"_s << u"acme east"_s;
    QTest::newRow("LAST_MONTH") << u"WHERE CreatedDate = LAST_MONTH"_s << u"O'Brien Ltd"_s;
    QTest::newRow("> LAST_MONTH") << u"WHERE CreatedDate > LAST_MONTH"_s << u"acme east"_s;
    QTest::newRow("ORDER BY datetime") << u"ORDER BY CreatedDate DESC LIMIT 2"_s << u"acme east|O'Brien Ltd"_s;
    QTest::newRow("ORDER BY parent field") << u"ORDER BY Owner.Name NULLS LAST, Name"_s
                                           << uR"(Back\slash Co|Acme|O'Brien Ltd|100% Organic|acme east)"_s;
    QTest::newRow("WHERE parent field") << u"WHERE Owner.Name = 'admin'"_s << uR"(Back\slash Co)"_s;
    QTest::newRow("WHERE parent field != keeps null parents") << u"WHERE Owner.Name != 'Admin'"_s
                                                              << u"Acme|O'Brien Ltd|100% Organic|acme east"_s;
    QTest::newRow("semi-join") << u"WHERE Id IN (SELECT AccountId FROM Contact)"_s << u"O'Brien Ltd"_s;
    QTest::newRow("semi-join with WHERE") << u"WHERE Id IN (SELECT AccountId FROM Order WHERE Status = 'Draft')"_s
                                          << u"Acme"_s;
    QTest::newRow("anti-join") << u"WHERE Id NOT IN (SELECT AccountId FROM Order) ORDER BY Name"_s
                               << uR"(100% Organic|acme east|Back\slash Co)"_s;
    QTest::newRow("object-name prefix") << u"WHERE Account.Name = 'Acme'"_s << u"Acme"_s;
}

void TestSoqlEvaluator::filtersAndOrder()
{
    QFETCH(QString, tail);
    QFETCH(QString, expected);
    QCOMPARE(names(u"SELECT Name FROM Account "_s + tail), expected);
}

void TestSoqlEvaluator::idsOf15And18Characters()
{
    m_source.scans = 0;
    QCOMPARE(names(u"SELECT Name FROM Account WHERE Id = '"_s + m_obrien.left(15) + u"'"_s), u"O'Brien Ltd"_s);
    QCOMPARE(m_source.scans, 0); // looked up by id, not scanned
    QCOMPARE(names(u"SELECT Name FROM Account WHERE Id IN ('"_s + m_acme + u"', '"_s + m_backslash.left(15) + u"', '"_s
                   + m_acme.toLower() + u"') ORDER BY Name"_s),
             uR"(Acme|Back\slash Co)"_s);
    QCOMPARE(names(u"SELECT LastName FROM Contact WHERE AccountId = '"_s + m_obrien.left(15) + u"'"_s, u"LastName"_s),
             u"O'Brien"_s);
    QCOMPARE(names(u"SELECT LastName FROM Contact WHERE AccountId != '"_s + m_obrien + u"'"_s, u"LastName"_s),
             u"Smith"_s);
    QCOMPARE(names(u"SELECT Name FROM Account WHERE Id = '"_s + m_gone + u"'"_s), QString()); // deleted
    QCOMPARE(names(u"SELECT Name FROM Account WHERE Id != '"_s + m_acme + u"' AND Type = 'Customer'"_s),
             u"100% Organic"_s);
}

void TestSoqlEvaluator::indexHookAvoidsScans()
{
    m_source.scans = 0;
    m_source.indexLookups = 0;
    QCOMPARE(names(u"SELECT Name FROM Account WHERE Magento_ID__c IN ('m2', 'M4') AND Type != null"_s),
             u"O'Brien Ltd|100% Organic"_s);
    QCOMPARE(m_source.scans, 0);
    QCOMPARE(m_source.indexLookups, 1);
    // The whole WHERE still applies to the candidates.
    QCOMPARE(names(u"SELECT Name FROM Account WHERE Magento_ID__c = 'm2' AND Type = 'Customer'"_s), QString());
    // No index on Email: a scan, same answer.
    QCOMPARE(names(u"SELECT Email FROM Contact WHERE Email = 'ANN@example.com'"_s, u"Email"_s), u"ann@example.com"_s);
    QCOMPARE(m_source.scans, 1);
}

void TestSoqlEvaluator::orOfIndexedTerms_data()
{
    QTest::addColumn<QString>("where");
    QTest::addColumn<int>("scans");
    QTest::addColumn<int>("indexLookups");
    // Contacts by e-mail or by key: each term's candidates are united, each row once.
    QTest::newRow("indexed") << u"Magento_ID__c = 'm2' OR Magento_ID__c IN ('M4', 'm2')"_s << 0 << 2;
    QTest::newRow("one term without an index") << u"Magento_ID__c = 'm2' OR Name = '100% Organic'"_s << 1 << 1;
}

void TestSoqlEvaluator::orOfIndexedTerms()
{
    QFETCH(QString, where);
    QFETCH(int, scans);
    QFETCH(int, indexLookups);
    m_source.scans = 0;
    m_source.indexLookups = 0;
    QCOMPARE(names(u"SELECT Name FROM Account WHERE "_s + where), u"O'Brien Ltd|100% Organic"_s);
    QCOMPARE(m_source.scans, scans);
    QCOMPARE(m_source.indexLookups, indexLookups);
}

void TestSoqlEvaluator::queryAllIncludesDeleted()
{
    QCOMPARE(names(u"SELECT Name FROM Account WHERE Name = 'Gone Inc'"_s), QString());
    const SoqlResult all = run(u"SELECT Name FROM Account WHERE Name = 'Gone Inc'"_s, true);
    QCOMPARE(all.totalSize, 1);
    QCOMPARE(all.recordsArray().at(0).toObject().value(u"Name"_s).toString(), u"Gone Inc"_s);
    QCOMPARE(run(u"SELECT COUNT() FROM Account"_s, true).totalSize, 6);
}

void TestSoqlEvaluator::jsonFieldOrderAndCanonicalNames()
{
    const SoqlResult result = run(u"SELECT Name, Id, Type, NumberOfEmployees FROM Account WHERE Name = 'O\\'Brien Ltd'"_s);
    QCOMPARE(result.records.size(), 1);
    QCOMPARE(QString::fromUtf8(result.records.at(0)),
             attributes(u"Account"_s, m_obrien) + u",\"Name\":\"O'Brien Ltd\",\"Id\":\""_s + m_obrien
                 + u"\",\"Type\":\"Prospect\",\"NumberOfEmployees\":null}"_s);

    const SoqlResult lower = run(u"select numberofemployees, NAME, id from ACCOUNT where name = 'acme'"_s);
    QCOMPARE(lower.records.size(), 1);
    QCOMPARE(QString::fromUtf8(lower.records.at(0)),
             attributes(u"Account"_s, m_acme) + u",\"NumberOfEmployees\":10,\"Name\":\"Acme\",\"Id\":\""_s + m_acme
                 + u"\"}"_s);

    // double/currency/percent fields are written as floating-point numbers, int fields as integers.
    const SoqlResult numbers = run(u"SELECT AnnualRevenue, NumberOfEmployees FROM Account WHERE Name = 'Acme'"_s);
    QCOMPARE(numbers.records.size(), 1);
    QVERIFY2(numbers.records.at(0).endsWith(R"("AnnualRevenue":1000.0,"NumberOfEmployees":10})"),
             numbers.records.at(0).constData());

    SoqlOptions old = m_options;
    old.apiVersion = u"58.0"_s;
    const auto v58 = SoqlEvaluator(m_source).execute(u"SELECT Id FROM Account WHERE Name = 'Acme'"_s, old);
    QVERIFY(v58.has_value());
    QVERIFY(v58->records.at(0).contains("\"/services/data/v58.0/sobjects/Account/"));
}

void TestSoqlEvaluator::jsonEscapes()
{
    const SoqlResult result = run(uR"(SELECT Name FROM Account WHERE Name = 'Back\\slash Co')"_s);
    QCOMPARE(result.records.size(), 1);
    QVERIFY2(result.records.at(0).contains(R"("Name":"Back\\slash Co")"), result.records.at(0).constData());
    // Whatever we write must parse back to the same value.
    QCOMPARE(QJsonDocument::fromJson(result.records.at(0)).object().value(u"Name"_s).toString(), uR"(Back\slash Co)"_s);
}

void TestSoqlEvaluator::parentRelationships()
{
    const SoqlResult result = run(u"SELECT LastName, Account.Name, Account.Owner.Name, Account.Type FROM Contact "
                                  u"ORDER BY Account.Name NULLS LAST"_s);
    QCOMPARE(result.records.size(), 2);
    QCOMPARE(QString::fromUtf8(result.records.at(0)),
             attributes(u"Contact"_s, m_ann) + u",\"LastName\":\"O'Brien\",\"Account\":"_s
                 + attributes(u"Account"_s, m_obrien) + u",\"Name\":\"O'Brien Ltd\",\"Owner\":"_s
                 + attributes(u"User"_s, m_integration) + u",\"Name\":\"Integration User\"},\"Type\":\"Prospect\"}}"_s);
    QCOMPARE(QString::fromUtf8(result.records.at(1)),
             attributes(u"Contact"_s, m_bob) + u",\"LastName\":\"Smith\",\"Account\":null}"_s);

    // A parent whose own lookup is empty nests as null one level down.
    const SoqlResult organic = run(u"SELECT Id, Account.Owner.Name FROM Order WHERE Account.Name LIKE 'acme'"_s);
    QCOMPARE(organic.records.size(), 1);
    QCOMPARE(QString::fromUtf8(organic.records.at(0)),
             attributes(u"Order"_s, m_order1) + u",\"Id\":\""_s + m_order1 + u"\",\"Account\":"_s
                 + attributes(u"Account"_s, m_acme) + u",\"Owner\":"_s + attributes(u"User"_s, m_integration)
                 + u",\"Name\":\"Integration User\"}}}"_s);
}

void TestSoqlEvaluator::polymorphicParent()
{
    const SoqlResult result = run(u"SELECT Title, Parent.Name FROM Note ORDER BY Title"_s);
    QCOMPARE(result.records.size(), 2);
    QCOMPARE(QString::fromUtf8(result.records.at(0)),
             attributes(u"Note"_s, m_note1) + u",\"Title\":\"A\",\"Parent\":"_s + attributes(u"Account"_s, m_acme)
                 + u",\"Name\":\"Acme\"}}"_s);
    QCOMPARE(QString::fromUtf8(result.records.at(1)),
             attributes(u"Note"_s, m_note2) + u",\"Title\":\"B\",\"Parent\":"_s + attributes(u"Order"_s, m_order1)
                 + u",\"Name\":\"Order 100000001\"}}"_s);
}

void TestSoqlEvaluator::childSubquery()
{
    m_source.scans = 0;
    const SoqlResult result = run(u"SELECT Id, Status, (SELECT Quantity, Product2.ProductCode FROM OrderItems "
                                  u"ORDER BY Quantity DESC) FROM Order ORDER BY Status DESC"_s);
    QCOMPARE(result.totalSize, 2);
    const QString items = u"{\"totalSize\":2,\"done\":true,\"records\":["_s + attributes(u"OrderItem"_s, m_item2)
                          + u",\"Quantity\":5.0,\"Product2\":"_s + attributes(u"Product2"_s, m_product2)
                          + u",\"ProductCode\":\"SKU-2\"}},"_s + attributes(u"OrderItem"_s, m_item1)
                          + u",\"Quantity\":2.0,\"Product2\":"_s + attributes(u"Product2"_s, m_product1)
                          + u",\"ProductCode\":\"SKU-1\"}}]}"_s;
    QCOMPARE(QString::fromUtf8(result.records.at(0)),
             attributes(u"Order"_s, m_order1) + u",\"Id\":\""_s + m_order1 + u"\",\"Status\":\"Draft\",\"OrderItems\":"_s
                 + items + u"}"_s);
    QCOMPARE(QString::fromUtf8(result.records.at(1)),
             attributes(u"Order"_s, m_order2) + u",\"Id\":\""_s + m_order2
                 + u"\",\"Status\":\"Activated\",\"OrderItems\":null}"_s);
    QCOMPARE(m_source.scans, 1); // the orders; the items came through the OrderId index

    // No index on Contact.AccountId: one scan of the contacts serves every parent.
    m_source.scans = 0;
    const SoqlResult contacts = run(u"SELECT Name, (SELECT LastName FROM Account.Contacts) FROM Account "
                                    u"WHERE Name LIKE 'O%'"_s);
    QCOMPARE(contacts.records.size(), 1);
    const QString expectedTail = u",\"Contacts\":{\"totalSize\":1,\"done\":true,\"records\":["_s
                                 + attributes(u"Contact"_s, m_ann) + u",\"LastName\":\"O'Brien\"}]}}"_s;
    QVERIFY2(QString::fromUtf8(contacts.records.at(0)).endsWith(expectedTail), contacts.records.at(0).constData());
    QCOMPARE(m_source.scans, 2);

    // WHERE and LIMIT inside the subquery apply per parent; names resolve case-insensitively.
    const SoqlResult limited = run(u"SELECT Magento_ID__c, (select id from orderitems where Quantity < 5 limit 1), "
                                   u"(SELECT Title FROM Notes) FROM Order WHERE Magento_ID__c = '100000001'"_s);
    QCOMPARE(limited.records.size(), 1);
    QCOMPARE(QString::fromUtf8(limited.records.at(0)),
             attributes(u"Order"_s, m_order1) + u",\"Magento_ID__c\":\"100000001\",\"OrderItems\":"_s
                 + u"{\"totalSize\":1,\"done\":true,\"records\":["_s + attributes(u"OrderItem"_s, m_item1) + u",\"Id\":\""_s
                 + m_item1 + u"\"}]},\"Notes\":{\"totalSize\":1,\"done\":true,\"records\":["_s
                 + attributes(u"Note"_s, m_note2) + u",\"Title\":\"B\"}]}}"_s);
}

void TestSoqlEvaluator::countQueries()
{
    const SoqlResult all = run(u"SELECT COUNT() FROM Account"_s);
    QVERIFY(all.countOnly);
    QCOMPARE(all.totalSize, 5);
    QVERIFY(all.records.isEmpty());
    QCOMPARE(all.pageJson(0, 2000), QByteArray(R"({"totalSize":5,"done":true,"records":[]})"));
    QCOMPARE(run(u"SELECT COUNT() FROM Account WHERE Type = 'Customer' OR Type = 'Partner'"_s).totalSize, 3);
    QCOMPARE(run(u"SELECT COUNT() FROM Account WHERE Type = 'Nobody'"_s).totalSize, 0);

    const SoqlResult aggregate = run(u"SELECT COUNT(Id), COUNT(NumberOfEmployees) staffed FROM Account"_s);
    QCOMPARE(aggregate.totalSize, 1);
    QCOMPARE(aggregate.records.at(0), QByteArray(R"({"attributes":{"type":"AggregateResult"},"expr0":5,"staffed":4})"));
}

void TestSoqlEvaluator::groupBy()
{
    const SoqlResult byType = run(u"SELECT Type, COUNT(Id) n, SUM(AnnualRevenue) revenue, MAX(NumberOfEmployees), "
                                  u"MIN(Name) FROM Account GROUP BY Type ORDER BY Type NULLS LAST"_s);
    QCOMPARE(byType.totalSize, 4);
    QCOMPARE(byType.records.size(), 4);
    const QByteArray head = R"({"attributes":{"type":"AggregateResult"},)";
    QCOMPARE(byType.records.at(0), head + R"("Type":"Customer","n":2,"revenue":1000.0,"expr0":10,"expr1":"100% Organic"})");
    QCOMPARE(byType.records.at(1), head + R"("Type":"Partner","n":1,"revenue":1500.0,"expr0":20,"expr1":"acme east"})");
    QCOMPARE(byType.records.at(2), head + R"("Type":"Prospect","n":1,"revenue":500.0,"expr0":null,"expr1":"O'Brien Ltd"})");
    QCOMPARE(byType.records.at(3), head + R"("Type":null,"n":1,"revenue":2000.0,"expr0":50,"expr1":"Back\\slash Co"})");

    QCOMPARE(run(u"SELECT COUNT_DISTINCT(Type), AVG(AnnualRevenue) FROM Account"_s).records.value(0),
             head + R"("expr0":3,"expr1":1250.0})");
    QCOMPARE(run(u"SELECT SUM(AnnualRevenue) FROM Account WHERE Name = 'nobody'"_s).records.value(0),
             head + R"("expr0":null})");
    QCOMPARE(run(u"SELECT COUNT() FROM Account GROUP BY Type"_s).totalSize, 4);
    QCOMPARE(run(u"SELECT Type FROM Account GROUP BY Type ORDER BY Type LIMIT 2 OFFSET 1"_s).records,
             QList<QByteArray>({head + R"("Type":"Customer"})", head + R"("Type":"Partner"})"}));

    const SoqlResult byParent = run(u"SELECT Account.Name, COUNT(Id) FROM Order GROUP BY Account.Name ORDER BY Account.Name DESC"_s);
    QCOMPARE(byParent.records,
             QList<QByteArray>({head + R"("Name":"O'Brien Ltd","expr0":1})", head + R"("Name":"Acme","expr0":1})"}));
}

void TestSoqlEvaluator::fieldsFunction()
{
    const SoqlResult custom = run(u"SELECT FIELDS(CUSTOM) FROM Account WHERE Name = 'Acme' LIMIT 200"_s);
    QCOMPARE(custom.records.size(), 1);
    QCOMPARE(QString::fromUtf8(custom.records.at(0)),
             attributes(u"Account"_s, m_acme) + u",\"Magento_ID__c\":\"m1\",\"IsPartner__c\":true}"_s);
    const SoqlResult standard = run(u"SELECT FIELDS(STANDARD) FROM Product2 WHERE ProductCode = 'SKU-1'"_s);
    QCOMPARE(standard.records.size(), 1);
    QCOMPARE(QString::fromUtf8(standard.records.at(0)),
             attributes(u"Product2"_s, m_product1) + u",\"Id\":\""_s + m_product1
                 + u"\",\"Name\":\"Yoga Mat\",\"ProductCode\":\"SKU-1\"}"_s);
    const SoqlResult all = run(u"SELECT FIELDS(ALL) FROM Account ORDER BY Name LIMIT 1"_s);
    QCOMPARE(all.records.size(), 1);
    QCOMPARE(QJsonDocument::fromJson(all.records.at(0)).object().size(), 10); // attributes + 9 fields
}

void TestSoqlEvaluator::pages()
{
    const SoqlResult result = run(u"SELECT Id FROM Account ORDER BY Name"_s);
    QCOMPARE(result.totalSize, 5);
    const QByteArray first = result.pageJson(0, 2, u"/services/data/v62.0/query/01gSb0000000001AAA-2"_s);
    QVERIFY(first.startsWith(R"({"totalSize":5,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01gSb0000000001AAA-2","records":[)"));
    const QJsonObject page = QJsonDocument::fromJson(first).object();
    QCOMPARE(page.value(u"records"_s).toArray().size(), 2);
    QCOMPARE(page.value(u"records"_s).toArray().at(0).toObject().value(u"Id"_s).toString(), m_organic);
    const QJsonObject last = QJsonDocument::fromJson(result.pageJson(4, 2)).object();
    QCOMPARE(last.value(u"done"_s).toBool(), true);
    QVERIFY(!last.contains(u"nextRecordsUrl"_s));
    QCOMPARE(last.value(u"records"_s).toArray().size(), 1);
    QCOMPARE(last.value(u"records"_s).toArray().at(0).toObject().value(u"Id"_s).toString(), m_obrien);
}

void TestSoqlEvaluator::errors_data()
{
    QTest::addColumn<QString>("soql");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("message");

    const QString noColumnTail = u"'. If you are attempting to use a custom field, be sure to append the '__c' after "
                                 u"the custom field name. Please reference your WSDL or the describe call for the "
                                 u"appropriate names."_s;
    QTest::newRow("unknown field (exact Salesforce text)")
        << u"SELECT Bogus FROM Contact"_s << u"INVALID_FIELD"_s
        << u"\nSELECT Bogus FROM Contact\n       ^\nERROR at Row:1:Column:8\nNo such column 'Bogus' on entity 'Contact'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."_s;
    QTest::newRow("unknown field, second in list")
        << u"SELECT Id,Invalid__x FROM Contact LIMIT 1"_s << u"INVALID_FIELD"_s
        << u"\nSELECT Id,Invalid__x FROM Contact LIMIT 1\n          ^\nERROR at Row:1:Column:11\nNo such column 'Invalid__x' on entity 'Contact"_s
               + noColumnTail;
    QTest::newRow("unknown field in WHERE")
        << u"SELECT Id FROM Account WHERE Foo__c = 'x'"_s << u"INVALID_FIELD"_s
        << u"\nSELECT Id FROM Account WHERE Foo__c = 'x'\n                             ^\nERROR at Row:1:Column:30\nNo such column 'Foo__c' on entity 'Account"_s
               + noColumnTail;
    QTest::newRow("unknown parent field") << u"SELECT Account.Bogus FROM Contact"_s << u"INVALID_FIELD"_s
                                          << u"\nSELECT Account.Bogus FROM Contact\n       ^\nERROR at Row:1:Column:8\nNo such column 'Bogus' on entity 'Account"_s
                                                 + noColumnTail;
    QTest::newRow("unknown relationship")
        << u"SELECT Id, Foo.Name FROM Contact"_s << u"INVALID_FIELD"_s
        << u"\nSELECT Id, Foo.Name FROM Contact\n           ^\nERROR at Row:1:Column:12\nDidn't understand relationship 'Foo' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names."_s;
    QTest::newRow("unknown object")
        << u"SELECT Id FROM Foo"_s << u"INVALID_TYPE"_s
        << u"\nSELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\nsObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names."_s;
    QTest::newRow("unknown child relationship")
        << u"SELECT Id, (SELECT Id FROM Items) FROM Order"_s << u"INVALID_TYPE"_s
        << u"\nSELECT Id, (SELECT Id FROM Items) FROM Order\n                           ^\nERROR at Row:1:Column:28\nDidn't understand relationship 'Items' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names."_s;
    QTest::newRow("unknown field in subquery")
        << u"SELECT Id, (SELECT Bogus FROM OrderItems) FROM Order"_s << u"INVALID_FIELD"_s
        << u"\nSELECT Id, (SELECT Bogus FROM OrderItems) FROM Order\n                   ^\nERROR at Row:1:Column:20\nNo such column 'Bogus' on entity 'OrderItem"_s
               + noColumnTail;
    QTest::newRow("invalid id") << u"SELECT Id FROM Account WHERE Id = 'abc'"_s << u"INVALID_QUERY_FILTER_OPERATOR"_s
                                << u"\nSELECT Id FROM Account WHERE Id = 'abc'\n                                  ^\nERROR at Row:1:Column:35\ninvalid ID field: abc"_s;
    QTest::newRow("quoted number")
        << u"SELECT Id FROM Account WHERE NumberOfEmployees = '10'"_s << u"INVALID_FIELD"_s
        << u"\nSELECT Id FROM Account WHERE NumberOfEmployees = '10'\n                             ^\nERROR at Row:1:Column:30\nvalue of filter criterion for field 'NumberOfEmployees' must be of type integer and should not be enclosed in quotes"_s;
    QTest::newRow("unquoted string")
        << u"SELECT Id FROM Account WHERE Name = 5"_s << u"INVALID_FIELD"_s
        << u"\nSELECT Id FROM Account WHERE Name = 5\n                             ^\nERROR at Row:1:Column:30\nvalue of filter criterion for field 'Name' must be of type string and should be enclosed in quotes"_s;
    QTest::newRow("quoted date")
        << u"SELECT Id FROM Order WHERE EffectiveDate = '2024-01-01'"_s << u"INVALID_FIELD"_s
        << u"\nSELECT Id FROM Order WHERE EffectiveDate = '2024-01-01'\n                           ^\nERROR at Row:1:Column:28\nvalue of filter criterion for field 'EffectiveDate' must be of type date and should not be enclosed in quotes"_s;
    QTest::newRow("date on datetime")
        << u"SELECT Id FROM Account WHERE CreatedDate > 2024-01-01"_s << u"INVALID_FIELD"_s
        << u"\nSELECT Id FROM Account WHERE CreatedDate > 2024-01-01\n                             ^\nERROR at Row:1:Column:30\nvalue of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes"_s;
    QTest::newRow("aggregate mixed with field")
        << u"SELECT Name, COUNT(Id) FROM Account"_s << u"MALFORMED_QUERY"_s
        << u"\nSELECT Name, COUNT(Id) FROM Account\n       ^\nERROR at Row:1:Column:8\nField must be grouped or aggregated: Name"_s;
    QTest::newRow("duplicate field") << u"SELECT Id, Name, id FROM Account"_s << u"INVALID_FIELD"_s
                                     << u"duplicate field selected: id"_s;
    QTest::newRow("duplicate parent field") << u"SELECT Account.Name, account.name FROM Contact"_s << u"INVALID_FIELD"_s
                                            << u"duplicate field selected: account.name"_s;
    QTest::newRow("duplicate through FIELDS(ALL)") << u"SELECT Id, FIELDS(ALL) FROM Account LIMIT 200"_s
                                                   << u"INVALID_FIELD"_s << u"duplicate field selected: Id"_s;
    QTest::newRow("semi-join on a text field")
        << u"SELECT Id FROM Account WHERE Name IN (SELECT AccountId FROM Contact)"_s << u"INVALID_FIELD"_s
        << u"\nSELECT Id FROM Account WHERE Name IN (SELECT AccountId FROM Contact)\n                             ^\nERROR at Row:1:Column:30\nThe left operand of a semi join must be an ID or reference field: Name"_s;
    QTest::newRow("semi-join selecting text")
        << u"SELECT Id FROM Account WHERE Id IN (SELECT Email FROM Contact)"_s << u"INVALID_FIELD"_s
        << u"\nSELECT Id FROM Account WHERE Id IN (SELECT Email FROM Contact)\n                                           ^\nERROR at Row:1:Column:44\nThe selected field 'Email' in a subquery must be an ID or reference field"_s;
    QTest::newRow("field not grouped") << u"SELECT Name FROM Account GROUP BY Type"_s << u"MALFORMED_QUERY"_s
        << u"\nSELECT Name FROM Account GROUP BY Type\n       ^\nERROR at Row:1:Column:8\nField must be grouped or aggregated: Name"_s;
    QTest::newRow("SUM of text") << u"SELECT SUM(Name) FROM Account"_s << u"MALFORMED_QUERY"_s
        << u"\nSELECT SUM(Name) FROM Account\n       ^\nERROR at Row:1:Column:8\nfield Name does not support aggregate operator SUM"_s;
    QTest::newRow("ORDER BY not grouped") << u"SELECT Type FROM Account GROUP BY Type ORDER BY Name"_s << u"MALFORMED_QUERY"_s
        << u"\nSELECT Type FROM Account GROUP BY Type ORDER BY Name\n                                                ^\nERROR at Row:1:Column:49\nOrdered field must be grouped or aggregated: Name"_s;
    QTest::newRow("syntax error passes through") << u"SELECT Id FORM Account"_s << u"MALFORMED_QUERY"_s
                                                 << u"\nSELECT Id FORM Account\n          ^\nERROR at Row:1:Column:11\nunexpected token: 'FORM'"_s;
}

void TestSoqlEvaluator::errors()
{
    QFETCH(QString, soql);
    QFETCH(QString, errorCode);
    QFETCH(QString, message);
    const auto result = SoqlEvaluator(m_source).execute(soql, m_options);
    QVERIFY2(!result.has_value(), qPrintable(soql));
    QCOMPARE(result.error().errorCode, errorCode);
    QCOMPARE(result.error().message, message);
}

void TestSoqlEvaluator::largeResultTiming()
{
    // 2,000 orders with 5 items each, queried the way the sync engine reads them back.
    MemoryRecordSource big;
    big.addObject(u"Order"_s, {f("Id", "id"), f("Magento_ID__c", "string"), f("Status", "picklist")});
    big.addChild(u"Order"_s, {u"OrderItems"_s, u"OrderItem"_s, u"OrderId"_s});
    big.addObject(u"OrderItem"_s, {f("Id", "id"), f("OrderId", "reference"), f("Quantity", "double")});
    SfIdGenerator ids;
    QStringList keys;
    for (int i = 0; i < 2000; ++i) {
        const QString order = ids.nextFor(u"Order"_s);
        const QString key = QString::number(100000000 + i);
        if (i % 10 == 0)
            keys << u"'"_s + key + u"'"_s;
        big.addRecord(u"Order"_s, {{u"Id"_s, order}, {u"Magento_ID__c"_s, key}, {u"Status"_s, u"Draft"_s}});
        for (int k = 0; k < 5; ++k)
            big.addRecord(u"OrderItem"_s, {{u"Id"_s, ids.nextFor(u"OrderItem"_s)}, {u"OrderId"_s, order}, {u"Quantity"_s, k + 1}});
    }
    QElapsedTimer timer;
    timer.start();
    const auto all = SoqlEvaluator(big).execute(
        u"SELECT Id, Magento_ID__c, (SELECT Id, Quantity FROM OrderItems) FROM Order ORDER BY Magento_ID__c DESC"_s,
        m_options);
    const qint64 allMs = timer.elapsed();
    QVERIFY(all.has_value());
    QCOMPARE(all->totalSize, 2000);
    QVERIFY(all->records.front().contains("\"Magento_ID__c\":\"100001999\""));
    QVERIFY(all->records.front().contains("\"totalSize\":5"));

    timer.restart();
    const auto some = SoqlEvaluator(big).execute(
        u"SELECT Id FROM Order WHERE Magento_ID__c IN ("_s + keys.join(u',') + u")"_s, m_options);
    const qint64 inMs = timer.elapsed();
    QVERIFY(some.has_value());
    QCOMPARE(some->totalSize, 200);
    // The shape of the sync engine's look-ups: one record by id, parsed and evaluated each time.
    const QString someId = QJsonDocument::fromJson(all->records.at(7)).object().value(u"Id"_s).toString();
    const QString byId = u"SELECT Id, Magento_ID__c, Status FROM Order WHERE Id = '"_s + someId + u"'"_s;
    constexpr int kRuns = 5000;
    timer.restart();
    for (int i = 0; i < kRuns; ++i) {
        const auto one = SoqlEvaluator(big).execute(byId, m_options);
        QVERIFY(one.has_value() && one->totalSize == 1);
    }
    const qint64 byIdNs = timer.nsecsElapsed() / kRuns;
    qInfo("2,000 orders + 10,000 items with child subquery and ORDER BY: %lld ms; IN (200 keys) without index: "
          "%lld ms; one record by Id: %lld us per query",
          allMs, inMs, byIdNs / 1000);
}

QTEST_APPLESS_MAIN(TestSoqlEvaluator)
#include "tst_soqlevaluator.moc"
