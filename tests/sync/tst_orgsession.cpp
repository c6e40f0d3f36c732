// OrgSession without a thread, against a fake store and org: what an unconfigured session answers,
// one sign-in shared by every waiter, reconfigure() cutting the waiters short, and the live describe
// read only when a mapping needs it and then cached.

#include "asyncresult.h"
#include "fakeorg.h"

#include "mapping/fieldmapping.h"
#include "mapping/mappingeditor.h"
#include "mapping/salesforcefieldcatalogue.h"
#include "store/database.h"
#include "sync/orgsession.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestOrgSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void unconfiguredSessionSaysWhatToDo();
    void oneSignInForEveryWaiter();
    void refusedSignInAnswersEveryWaiter();
    void reconfigureCutsTheWaitersShort();
    void liveSchemaOnlyWhenAMappingNeedsIt();
    void liveSchemaIsCachedUntilForgotten();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;
    int m_run = 0;
};

void TestOrgSession::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestOrgSession::init()
{
    auto db = Database::open(m_dir.filePath(u"store-%1.sqlite"_s.arg(++m_run)));
    QVERIFY(db.has_value());
    m_db = *db;
}

void TestOrgSession::unconfiguredSessionSaysWhatToDo()
{
    SyncWorkerConfig empty;
    empty.database = m_db;
    OrgSession session(empty);
    const std::optional<Error> problem = session.start();
    QVERIFY(problem.has_value());
    QCOMPARE(problem->kind, ErrorKind::NotConfigured);
    QVERIFY(problem->hint.contains(u"orderbridge-cli connect"_s));
    std::optional<std::optional<Error>> answer;
    session.signIn([&answer](std::optional<Error> error) { answer = error; });
    QVERIFY(answer.has_value()); // at once: nothing to wait for
    QCOMPARE((*answer)->kind, ErrorKind::NotConfigured);

    OrgSession noStore(SyncWorkerConfig{});
    QCOMPARE(noStore.start()->code, u"store.unavailable"_s);
}

void TestOrgSession::oneSignInForEveryWaiter()
{
    FakeOrg org;
    OrgSession session(FakeOrg::config(m_db), org.network());
    QSignalSpy signedIn(&session, &OrgSession::signedIn);
    int ok = 0;
    for (int i = 0; i < 3; ++i)
        session.signIn([&ok](std::optional<Error> error) { ok += error ? 0 : 1; });
    QTRY_COMPARE(ok, 3);
    QCOMPARE(org.count(u"/services/oauth2/token"_s), 1);
    QCOMPARE(signedIn.count(), 1);
    QCOMPARE(session.instanceUrl(), QUrl(u"https://org.test"_s));
    // Signed in: the next waiter is answered at once.
    session.signIn([&ok](std::optional<Error> error) { ok += error ? 0 : 1; });
    QCOMPARE(ok, 4);
    QCOMPARE(org.count(u"/services/oauth2/token"_s), 1);
}

void TestOrgSession::refusedSignInAnswersEveryWaiter()
{
    FakeOrg org;
    org.signInRefused = true;
    OrgSession session(FakeOrg::config(m_db), org.network());
    QList<Error> errors;
    for (int i = 0; i < 2; ++i)
        session.signIn([&errors](std::optional<Error> error) { errors << error.value_or(Error{}); });
    QTRY_COMPARE(errors.size(), 2);
    for (const Error &error : std::as_const(errors))
        QVERIFY2(!error.code.isEmpty(), qPrintable(error.toString()));
    QVERIFY(!session.instanceUrl().isValid());
}

void TestOrgSession::reconfigureCutsTheWaitersShort()
{
    FakeOrg org;
    OrgSession session(FakeOrg::config(m_db), org.network());
    std::optional<std::optional<Error>> answer;
    session.signIn([&answer](std::optional<Error> error) { answer = error; });
    const quint64 before = session.generation();
    QVERIFY(!answer.has_value());
    SyncWorkerConfig empty; // no database named: the session keeps its own
    session.reconfigure(empty);
    QVERIFY(answer.has_value());
    QCOMPARE((*answer)->kind, ErrorKind::Reconfigured);
    QVERIFY(!session.isCurrent(before));
    QCOMPARE(session.database(), m_db);
    QVERIFY(!session.isConfigured());
    QTest::qWait(50); // the dropped sign-in's reply changes nothing
    QVERIFY(!session.instanceUrl().isValid());
}

void TestOrgSession::liveSchemaOnlyWhenAMappingNeedsIt()
{
    FakeOrg org;
    OrgSession session(FakeOrg::config(m_db), org.network());
    QVERIFY(MappingEditor(m_db).ensureDefaults().has_value());
    bool done = false;
    session.readLiveSchemaIfNeeded([&done] { done = true; });
    QVERIFY(done); // the built-in catalogue knows every field the default mappings write
    QCOMPARE(org.count(u"/describe"_s), 0);

    // A mapping to the org's own field: the describe is read first.
    org.fields[u"Order"_s].append(FakeOrg::field(u"Gift_Message__c"_s, false));
    FieldMapping gift;
    gift.entity = MappingEntity::Order;
    gift.magentoAttribute = u"customer_note"_s;
    gift.salesforceField = u"Gift_Message__c"_s;
    SalesforceSchema withGift = SalesforceFieldCatalogue::schema();
    withGift.order.insert(gift.salesforceField, SalesforceFieldInfo{});
    withGift.order[gift.salesforceField].name = gift.salesforceField;
    withGift.order[gift.salesforceField].type = u"string"_s;
    withGift.order[gift.salesforceField].createable = true;
    withGift.order[gift.salesforceField].updateable = true;
    auto added = MappingEditor(m_db).add(gift, withGift);
    QVERIFY2(added.has_value(), qPrintable(errorText(added)));
    done = false;
    session.readLiveSchemaIfNeeded([&done] { done = true; });
    QTRY_VERIFY(done);
    QCOMPARE(org.count(u"/describe"_s), 2);
    QVERIFY(session.hasLiveSchema());
    QVERIFY(findSalesforceField(session.schema().order, u"Gift_Message__c"_s));
}

void TestOrgSession::liveSchemaIsCachedUntilForgotten()
{
    FakeOrg org;
    OrgSession session(FakeOrg::config(m_db), org.network());
    std::optional<std::optional<Error>> read;
    session.readLiveSchema([&read](std::optional<Error> error) { read = error; });
    QTRY_VERIFY(read.has_value());
    QVERIFY2(!read->has_value(), qPrintable(read->value_or(Error{}).toString()));
    QCOMPARE(org.count(u"/describe"_s), 2);
    QCOMPARE(session.statusPicklist().size(), 3);
    QVERIFY(findSalesforceField(session.schema().order, u"Magento_ID__c"_s)->externalId);

    read.reset();
    session.readLiveSchema([&read](std::optional<Error> error) { read = error; });
    QVERIFY(read.has_value()); // cached: answered at once
    QCOMPARE(org.count(u"/describe"_s), 2);

    session.forgetSchema();
    QVERIFY(!session.hasLiveSchema());
    read.reset();
    session.readLiveSchema([&read](std::optional<Error> error) { read = error; });
    QTRY_VERIFY(read.has_value());
    QCOMPARE(org.count(u"/describe"_s), 4);
}

QTEST_GUILESS_MAIN(TestOrgSession)
#include "tst_orgsession.moc"
