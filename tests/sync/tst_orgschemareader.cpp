// OrgSchemaReader without a thread: the Order Status values from OrderStatus and the picklist, and
// a read against a fake org that leaves the org schema in the session (where Default Status is
// checked) and a refresh that asks Salesforce again.

#include "asyncresult.h"
#include "fakeorg.h"

#include "store/database.h"
#include "sync/orgschemareader.h"
#include "sync/orgsession.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestOrgSchemaReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void statusesFromOrderStatusAndThePicklist();
    void readKeepsTheSchemaInTheSession();
    void refreshAsksSalesforceAgain();
    void withoutConnectionTheErrorSaysSo();

private:
    Result<OrgSchema> read(OrgSchemaReader &reader, bool refresh = false);

    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;
};

void TestOrgSchemaReader::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    auto db = Database::open(m_dir.filePath(u"store.sqlite"_s));
    QVERIFY(db.has_value());
    m_db = *db;
}

Result<OrgSchema> TestOrgSchemaReader::read(OrgSchemaReader &reader, bool refresh)
{
    std::optional<Result<OrgSchema>> answer;
    const auto done = [&answer](const Result<OrgSchema> &schema) { answer = schema; };
    if (refresh)
        reader.refresh(done);
    else
        reader.read(done);
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 5000))
        return std::unexpected(Error{u"test.timeout"_s, u"no answer"_s, {}, {}});
    return *answer;
}

void TestOrgSchemaReader::statusesFromOrderStatusAndThePicklist()
{
    const QList<QJsonObject> rows{FakeOrg::status(u"Draft"_s, u"Draft"_s, true), FakeOrg::status(u"Retired"_s, u"Draft"_s, false),
                                  QJsonObject{{u"MasterLabel"_s, u"Activated"_s}, {u"StatusCode"_s, u"Activated"_s}}};
    const QList<PicklistValue> picklist{{u"Draft"_s, u"Draft (label)"_s, true, true, u"Draft"_s},
                                        {u"Activated"_s, u"Activated"_s, true, false, u"Activated"_s},
                                        {u"Retired"_s, u"Retired"_s, false, false, u"Draft"_s},
                                        {u"Awaiting"_s, u"Awaiting Payment"_s, true, false, u"Draft"_s}};
    const QList<OrderStatusValue> values = OrgSchemaReader::orderStatuses(rows, picklist);
    QStringList names;
    for (const OrderStatusValue &v : values)
        names << v.value;
    // Retired is not offered; a value OrderStatus lacks comes from the picklist; ApiName falls back to the label.
    QCOMPARE(names, (QStringList{u"Draft"_s, u"Activated"_s, u"Awaiting"_s}));
    QCOMPARE(values.first().label, u"Draft"_s);
    QVERIFY(values.first().isDefault);
    QCOMPARE(values.last().label, u"Awaiting Payment"_s);
    QCOMPARE(values.last().category, u"Draft"_s);

    // Without a picklist every OrderStatus row counts.
    QCOMPARE(OrgSchemaReader::orderStatuses(rows, {}).size(), 3);
}

void TestOrgSchemaReader::readKeepsTheSchemaInTheSession()
{
    FakeOrg org;
    OrgSession session(FakeOrg::config(m_db), org.network());
    OrgSchemaReader reader(&session);
    const Result<OrgSchema> schema = read(reader);
    QVERIFY2(schema.has_value(), qPrintable(errorText(schema)));
    QCOMPARE(schema->instanceUrl, QUrl(u"https://org.test"_s));
    QCOMPARE(schema->orderStatuses.size(), 2); // Retired is inactive in the picklist
    QCOMPARE(schema->draftStatuses().size(), 1);
    QVERIFY(findSalesforceField(schema->schema.order, u"Magento_ID__c"_s));
    QVERIFY(session.orgSchema().has_value());
    QCOMPARE(session.orgSchema()->orderStatuses, schema->orderStatuses);
}

void TestOrgSchemaReader::refreshAsksSalesforceAgain()
{
    FakeOrg org;
    OrgSession session(FakeOrg::config(m_db), org.network());
    OrgSchemaReader reader(&session);
    QVERIFY(read(reader).has_value());
    const int describes = org.count(u"/describe"_s);
    QVERIFY(read(reader).has_value());
    QCOMPARE(org.count(u"/describe"_s), describes); // cached for the session
    org.fields[u"Order"_s].append(FakeOrg::field(u"Gift_Message__c"_s, false));
    const Result<OrgSchema> fresh = read(reader, true);
    QVERIFY(fresh.has_value());
    QCOMPARE(org.count(u"/describe"_s), 2 * describes);
    QVERIFY(findSalesforceField(fresh->schema.order, u"Gift_Message__c"_s));
}

void TestOrgSchemaReader::withoutConnectionTheErrorSaysSo()
{
    SyncWorkerConfig empty;
    empty.database = m_db;
    OrgSession session(empty);
    OrgSchemaReader reader(&session);
    const Result<OrgSchema> schema = read(reader);
    QVERIFY(!schema.has_value());
    QCOMPARE(schema.error().kind, ErrorKind::NotConfigured);
    QVERIFY(!session.orgSchema().has_value());
}

QTEST_GUILESS_MAIN(TestOrgSchemaReader)
#include "tst_orgschemareader.moc"
