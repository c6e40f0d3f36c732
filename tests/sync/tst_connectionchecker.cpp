// ConnectionChecker without a thread, against a fake store and org: one line per check, in order,
// each saying what was found or what to fix.

#include "fakeorg.h"

#include "store/database.h"
#include "sync/connectionchecker.h"
#include "sync/orgsession.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestConnectionChecker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void everyCheckHasItsLine();
    void withoutConnectionOneFailedLine();
    void refusedSignInStopsAfterSalesforce();
    void missingPriceBookSaysWhatToDo();
    void missingOrderPermissionIsNamed();

private:
    QList<ConnectionCheck> check(FakeOrg &org, const SyncWorkerConfig &config);

    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;
    int m_run = 0;
};

void TestConnectionChecker::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestConnectionChecker::init()
{
    auto db = Database::open(m_dir.filePath(u"store-%1.sqlite"_s.arg(++m_run)));
    QVERIFY(db.has_value());
    m_db = *db;
}

QList<ConnectionCheck> TestConnectionChecker::check(FakeOrg &org, const SyncWorkerConfig &config)
{
    OrgSession session(config, org.network());
    ConnectionChecker checker(&session);
    std::optional<QList<ConnectionCheck>> checks;
    int answers = 0;
    checker.check([&checks, &answers](const QList<ConnectionCheck> &lines) {
        checks = lines;
        ++answers;
    });
    if (!QTest::qWaitFor([&checks] { return checks.has_value(); }, 5000))
        return {};
    QTest::qWait(20);
    if (answers != 1)
        qWarning("%d answers", answers);
    return *checks;
}

void TestConnectionChecker::everyCheckHasItsLine()
{
    FakeOrg org;
    const QList<ConnectionCheck> checks = check(org, FakeOrg::config(m_db));
    QStringList names;
    for (const ConnectionCheck &c : checks)
        names << c.name;
    QCOMPARE(names.mid(0, 2), (QStringList{u"Magento"_s, u"Salesforce"_s}));
    QCOMPARE(names.last(), u"Price book"_s);
    for (const QString &key : {u"Order.Magento_ID__c"_s, u"OrderItem.Magento_Item_ID__c"_s, u"Account.Magento_ID__c"_s,
                               u"Contact.Magento_ID__c"_s, u"Order.Status Draft"_s, u"Permission Activate Orders"_s,
                               u"Permission Edit Activated Orders"_s})
        QVERIFY2(names.contains(key), qPrintable(key));
    for (const ConnectionCheck &c : checks) {
        // The fake's Contact.Magento_ID__c is no External ID: that line fails, naming the fix. The fake
        // has none of the other fields the default mappings write: each is named as missing.
        const bool contact = c.name == u"Contact.Magento_ID__c"_s;
        const bool absent = c.detail.startsWith(u"missing"_s);
        QVERIFY2(c.ok != (contact || absent), qPrintable(c.name + u": "_s + c.detail));
        if (contact)
            QVERIFY2(c.detail.contains(u"External ID"_s), qPrintable(c.detail));
        if (absent && c.name == u"Order.Grand_Total__c"_s)
            QVERIFY2(c.detail.contains(u"setup salesforce"_s), qPrintable(c.detail));
    }
    QVERIFY(names.contains(u"Order.Grand_Total__c"_s));
    QVERIFY(checks.first().detail.contains(u"42"_s));
    QVERIFY(checks.at(1).detail.contains(u"https://org.test"_s));
}

void TestConnectionChecker::withoutConnectionOneFailedLine()
{
    FakeOrg org;
    SyncWorkerConfig empty;
    empty.database = m_db;
    const QList<ConnectionCheck> checks = check(org, empty);
    QCOMPARE(checks.size(), 1);
    QVERIFY(!checks.first().ok);
    QVERIFY(checks.first().detail.contains(u"No connection is configured"_s));
}

void TestConnectionChecker::refusedSignInStopsAfterSalesforce()
{
    FakeOrg org;
    org.signInRefused = true;
    const QList<ConnectionCheck> checks = check(org, FakeOrg::config(m_db));
    QCOMPARE(checks.size(), 2);
    QVERIFY(checks.at(0).ok);
    QCOMPARE(checks.at(1).name, u"Salesforce"_s);
    QVERIFY(!checks.at(1).ok);
    QCOMPARE(org.count(u"/describe"_s), 0);
}

void TestConnectionChecker::missingPriceBookSaysWhatToDo()
{
    FakeOrg org;
    org.priceBooks = {};
    const QList<ConnectionCheck> checks = check(org, FakeOrg::config(m_db));
    QVERIFY(!checks.isEmpty());
    QCOMPARE(checks.last().name, u"Price book"_s);
    QVERIFY(!checks.last().ok);
    QVERIFY2(checks.last().detail.contains(u"advanced.price_book"_s), qPrintable(checks.last().detail));
}

// The profile grants Activate Orders alone: Edit Activated Orders is named with its fix; the query asks for both.
void TestConnectionChecker::missingOrderPermissionIsNamed()
{
    FakeOrg org;
    org.permissionSetAssignments = QJsonArray{FakeOrg::assignment(true, false), FakeOrg::assignment(false, false)};
    const QList<ConnectionCheck> checks = check(org, FakeOrg::config(m_db));
    std::optional<ConnectionCheck> activate;
    std::optional<ConnectionCheck> edit;
    for (const ConnectionCheck &c : checks) {
        if (c.name == u"Permission Activate Orders"_s)
            activate = c;
        if (c.name == u"Permission Edit Activated Orders"_s)
            edit = c;
    }
    QVERIFY(activate && edit);
    QVERIFY2(activate->ok, qPrintable(activate->detail));
    QVERIFY(!edit->ok);
    QVERIFY2(edit->detail.contains(u"orderbridge-cli setup salesforce"_s), qPrintable(edit->detail));
    QVERIFY2(edit->detail.contains(u"\"Edit Activated Orders\""_s), qPrintable(edit->detail));
}

QTEST_GUILESS_MAIN(TestConnectionChecker)
#include "tst_connectionchecker.moc"
