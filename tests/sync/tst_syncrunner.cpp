// SyncRunner without a thread, against a fake store and org: one run at a time (a second request is
// refused at once and starts nothing), a run that cannot connect ends at once for its asker and its
// watchers alike, and runs with nothing to write end with an empty summary.

#include "asyncresult.h"
#include "fakeorg.h"

#include "store/database.h"
#include "sync/orgsession.h"
#include "sync/syncrunner.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestSyncRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void secondRunIsRefusedWhileOneIsUnderWay();
    void runWithoutConnectionEndsAtOnce();
    void pollWithNothingNewEndsEmpty();
    void ordersMagentoDoesNotHaveAreErrors();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;
    int m_run = 0;
};

void TestSyncRunner::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestSyncRunner::init()
{
    auto db = Database::open(m_dir.filePath(u"store-%1.sqlite"_s.arg(++m_run)));
    QVERIFY(db.has_value());
    m_db = *db;
}

void TestSyncRunner::secondRunIsRefusedWhileOneIsUnderWay()
{
    FakeOrg org;
    org.magentoTotal = 0;
    OrgSession session(FakeOrg::config(m_db), org.network());
    SyncRunner runner(&session);
    QSignalSpy started(&runner, &SyncRunner::runStarted);
    QSignalSpy finished(&runner, &SyncRunner::runFinished);
    std::optional<RunResult> first;
    std::optional<RunResult> second;
    runner.run(RunRequest::poll(), [&first](const RunResult &r) { first = r; });
    QVERIFY(runner.isBusy());
    runner.run(RunRequest::drain(), [&second](const RunResult &r) { second = r; });
    // Refused at once, and only its asker hears of it.
    QVERIFY(second.has_value());
    QVERIFY(wasRefused(*second));
    QCOMPARE(second->error().kind, ErrorKind::Busy);
    QCOMPARE(started.count(), 1);
    QTRY_VERIFY(first.has_value());
    QVERIFY2(first->has_value(), qPrintable(errorText(*first)));
    QCOMPARE(finished.count(), 1);
    QVERIFY(!runner.isBusy());
}

void TestSyncRunner::runWithoutConnectionEndsAtOnce()
{
    SyncWorkerConfig empty;
    empty.database = m_db;
    OrgSession session(empty);
    SyncRunner runner(&session);
    QSignalSpy started(&runner, &SyncRunner::runStarted);
    QSignalSpy finished(&runner, &SyncRunner::runFinished);
    std::optional<RunResult> answer;
    runner.run(RunRequest::syncOrders({u"100000001"_s}), [&answer](const RunResult &r) { answer = r; });
    QVERIFY(answer.has_value());
    QVERIFY(!wasRefused(*answer)); // it began, and failed
    QCOMPARE(answer->error().kind, ErrorKind::NotConfigured);
    QCOMPARE(started.count(), 1);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().value<RunResult>().error(), answer->error());
    QVERIFY(!runner.isBusy());
}

void TestSyncRunner::pollWithNothingNewEndsEmpty()
{
    FakeOrg org;
    org.magentoTotal = 0;
    OrgSession session(FakeOrg::config(m_db), org.network());
    SyncRunner runner(&session);
    std::optional<RunResult> answer;
    runner.run(RunRequest::poll(), [&answer](const RunResult &r) { answer = r; });
    QTRY_VERIFY(answer.has_value());
    QVERIFY2(answer->has_value(), qPrintable(errorText(*answer)));
    QCOMPARE((*answer)->queued, 0);
    QCOMPARE((*answer)->errors, 0);
    QCOMPARE((*answer)->apiCalls, 0);
    QVERIFY((*answer)->stoppedBecause.isEmpty());
    QVERIFY(org.count(u"/rest/V1/orders"_s) >= 1);
}

void TestSyncRunner::ordersMagentoDoesNotHaveAreErrors()
{
    FakeOrg org;
    org.magentoTotal = 0;
    OrgSession session(FakeOrg::config(m_db), org.network());
    SyncRunner runner(&session);
    QSignalSpy batches(&runner, &SyncRunner::batchFinished);
    std::optional<RunResult> answer;
    runner.run(RunRequest::syncOrders({u"100000001"_s}), [&answer](const RunResult &r) { answer = r; });
    QTRY_VERIFY(answer.has_value());
    QVERIFY2(answer->has_value(), qPrintable(errorText(*answer)));
    QCOMPARE((*answer)->errors, 1);
    QCOMPARE(batches.count(), 1);
    const auto outcomes = batches.first().first().value<QList<OrderOutcome>>();
    QCOMPARE(outcomes.size(), 1);
    QCOMPARE(outcomes.first().incrementId, u"100000001"_s);
    QCOMPARE(outcomes.first().status, SyncStatus::Error);
    QCOMPARE(outcomes.first().error.kind, ErrorKind::NotFound);
}

QTEST_GUILESS_MAIN(TestSyncRunner)
#include "tst_syncrunner.moc"
