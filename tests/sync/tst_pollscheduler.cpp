// PollScheduler without a worker: one poll at a time, the next one a polling interval after a run
// ended (read from the settings each time), a poll asked for during a run made right after it, the
// console's mode following Automated Synchronization and --watch's polling regardless.

#include "store/database.h"
#include "store/settingsrepository.h"
#include "sync/pollscheduler.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestPollScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void pollNowWhileRunningPollsOnceMoreAfterTheRun();
    void nextPollAfterTheStoredInterval();
    void consoleFollowsAutomatedSynchronization();
    void watchPollsRegardless();
    void runsStartedElsewhereCountAsRunning();
    void refusedPollComesAfterTheRunUnderWay();
    void stopEndsThePolls();

private:
    void store(const QString &key, const QString &value);

    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;
    int m_run = 0;
};

void TestPollScheduler::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestPollScheduler::init()
{
    auto db = Database::open(m_dir.filePath(u"store-%1.sqlite"_s.arg(++m_run)));
    QVERIFY(db.has_value());
    m_db = *db;
}

void TestPollScheduler::store(const QString &key, const QString &value)
{
    const SettingsRepository repository(m_db);
    auto settings = repository.load();
    QVERIFY(settings.has_value());
    QVERIFY(settings->set(key, value).has_value());
    QVERIFY(repository.save(*settings).has_value());
}

void TestPollScheduler::pollNowWhileRunningPollsOnceMoreAfterTheRun()
{
    PollScheduler scheduler(m_db, PollScheduler::Mode::WhileAutomated);
    QSignalSpy due(&scheduler, &PollScheduler::pollDue);
    scheduler.pollNow();
    QCOMPARE(due.count(), 1);
    QVERIFY(scheduler.isRunning());
    QVERIFY(!scheduler.timer()->isActive());
    // Asked twice more during the run: one poll follows it, not two.
    scheduler.pollNow();
    scheduler.pollNow();
    QCOMPARE(due.count(), 1);
    scheduler.runFinished();
    QVERIFY(!scheduler.isRunning());
    QTRY_COMPARE(due.count(), 2);
    scheduler.runFinished();
    QTest::qWait(20);
    QCOMPARE(due.count(), 2);
    QVERIFY(scheduler.timer()->isActive());
}

void TestPollScheduler::nextPollAfterTheStoredInterval()
{
    store(u"engine.polling_interval_seconds"_s, u"15"_s);
    PollScheduler scheduler(m_db, PollScheduler::Mode::WhileAutomated);
    QSignalSpy due(&scheduler, &PollScheduler::pollDue);
    scheduler.reschedule();
    QVERIFY(scheduler.timer()->isActive());
    QCOMPARE(scheduler.timer()->interval(), 15 * 1000);
    // A changed interval counts from the next run's end.
    store(u"engine.polling_interval_seconds"_s, u"20"_s);
    scheduler.pollNow();
    scheduler.runFinished();
    QCOMPARE(scheduler.timer()->interval(), 20 * 1000);
    // The timer's poll is the same poll.
    scheduler.timer()->setInterval(0);
    scheduler.timer()->start();
    QTRY_COMPARE(due.count(), 2);
}

void TestPollScheduler::consoleFollowsAutomatedSynchronization()
{
    store(u"orders.automated_synchronization"_s, u"no"_s);
    PollScheduler scheduler(m_db, PollScheduler::Mode::WhileAutomated);
    scheduler.reschedule();
    QVERIFY(!scheduler.timer()->isActive());
    store(u"orders.automated_synchronization"_s, u"yes"_s);
    scheduler.reschedule();
    QVERIFY(scheduler.timer()->isActive());
    // Nothing is scheduled during a run: its end schedules.
    scheduler.pollNow();
    store(u"orders.automated_synchronization"_s, u"no"_s);
    scheduler.reschedule();
    scheduler.runFinished();
    QVERIFY(!scheduler.timer()->isActive());
}

void TestPollScheduler::watchPollsRegardless()
{
    store(u"orders.automated_synchronization"_s, u"no"_s);
    PollScheduler scheduler(m_db, PollScheduler::Mode::Always);
    scheduler.pollNow();
    scheduler.runFinished();
    QVERIFY(scheduler.timer()->isActive());
}

void TestPollScheduler::runsStartedElsewhereCountAsRunning()
{
    PollScheduler scheduler(m_db, PollScheduler::Mode::WhileAutomated);
    QSignalSpy due(&scheduler, &PollScheduler::pollDue);
    scheduler.runStarted();
    QVERIFY(scheduler.isRunning());
    scheduler.timer()->setInterval(0);
    scheduler.timer()->start();
    QTest::qWait(20);
    QCOMPARE(due.count(), 0); // the timer does not poll into a run
    scheduler.runFinished();
    QVERIFY(!scheduler.isRunning());
    QCOMPARE(due.count(), 0);
}

void TestPollScheduler::refusedPollComesAfterTheRunUnderWay()
{
    PollScheduler scheduler(m_db, PollScheduler::Mode::WhileAutomated);
    QSignalSpy due(&scheduler, &PollScheduler::pollDue);
    scheduler.pollNow();
    scheduler.pollRefused(); // another run was under way
    QVERIFY(scheduler.isRunning());
    scheduler.runFinished(); // that run's end
    QTRY_COMPARE(due.count(), 2);
}

void TestPollScheduler::stopEndsThePolls()
{
    PollScheduler scheduler(m_db, PollScheduler::Mode::Always);
    QSignalSpy due(&scheduler, &PollScheduler::pollDue);
    scheduler.pollNow();
    scheduler.pollNow();
    scheduler.stop();
    QVERIFY(scheduler.isStopped());
    scheduler.runFinished();
    scheduler.pollNow();
    QTest::qWait(20);
    QCOMPARE(due.count(), 1);
    QVERIFY(!scheduler.timer()->isActive());
}

QTEST_GUILESS_MAIN(TestPollScheduler)
#include "tst_pollscheduler.moc"
