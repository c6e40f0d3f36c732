// The settings update is one path: `orderbridge-cli config set` queues again exactly the orders the
// console's Apply queues, on two copies of the same store. The console's Apply asks the worker
// through WorkerHost::saveSettings (as Salesforce › Orders does); the CLI runs as a real process.

#include "asyncresult.h"
#include "clirunner.h"
#include "judgedorders.h"

#include "store/database.h"
#include "store/settingsrepository.h"
#include "sync/workerhost.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace OrderBridge;
using namespace Qt::Literals::StringLiterals;

class TestCliSettingsUpdate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void configSetRequeuesWhatTheConsoleApplyRequeues();
    void refusedValueChangesNothing();

private:
    static std::shared_ptr<Database> openStore(const QString &dataDir);

    QTemporaryDir m_dir;
};

void TestCliSettingsUpdate::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

std::shared_ptr<Database> TestCliSettingsUpdate::openStore(const QString &dataDir)
{
    auto db = Database::open(dataDir + u"/orderbridge.sqlite"_s);
    if (!db) {
        qWarning("%s", qPrintable(errorText(db)));
        return nullptr;
    }
    return *db;
}

void TestCliSettingsUpdate::configSetRequeuesWhatTheConsoleApplyRequeues()
{
    const QString consoleDir = m_dir.filePath(u"console"_s);
    const QString cliDir = m_dir.filePath(u"cli"_s);
    auto consoleDb = openStore(consoleDir);
    auto cliDb = openStore(cliDir);
    QVERIFY(consoleDb && cliDb);
    for (const auto &db : {consoleDb, cliDb}) {
        const QString seeded = JudgedOrders::seed(db);
        QVERIFY2(seeded.isEmpty(), qPrintable(seeded));
    }
    QCOMPARE(JudgedOrders::statuses(consoleDb), JudgedOrders::statuses(cliDb));

    // The console: Salesforce › Orders applies "Sync all orders: No" with the statuses, in one save.
    {
        WorkerHost host(consoleDb, nullptr);
        host.start();
        std::optional<Result<SettingsUpdate::Outcome>> answer;
        host.saveSettings({{u"orders.sync_all_orders"_s, u"no"_s}, {u"orders.order_statuses"_s, u"processing,complete"_s}},
                          this, [&answer](const Result<SettingsUpdate::Outcome> &saved) { answer = saved; });
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 10000);
        QVERIFY2(answer->has_value(), qPrintable(errorText(*answer)));
        QCOMPARE((*answer)->requeued, 4);
    }

    // The CLI: the statuses first (sync_all_orders may only be No once there are some), then No.
    CliRun run = runCli(withDataDir(cliDir, {u"config"_s, u"set"_s, u"orders.order_statuses"_s, u"processing,complete"_s}));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(u"4 Out of Sync or Skipped order(s) queued again"_s), qPrintable(run.out));
    run = runCli(withDataDir(cliDir, {u"config"_s, u"set"_s, u"orders.sync_all_orders"_s, u"no"_s}));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(run.out, u"orders.sync_all_orders = false\n"_s); // nothing left to queue: the first set did

    // The same orders wait for the next run, and the same settings are stored.
    const QMap<QString, QString> console = JudgedOrders::statuses(consoleDb);
    QCOMPARE(JudgedOrders::statuses(cliDb), console);
    QCOMPARE(console.values().count(u"pending"_s), 4);
    QCOMPARE(console.values().count(u"in_sync"_s), 2);
    QCOMPARE(console.values().count(u"error"_s), 2);
    QVERIFY(*SettingsRepository(cliDb).load() == *SettingsRepository(consoleDb).load());
}

void TestCliSettingsUpdate::refusedValueChangesNothing()
{
    const QString dir = m_dir.filePath(u"refused"_s);
    auto db = openStore(dir);
    QVERIFY(db);
    const QString seeded = JudgedOrders::seed(db);
    QVERIFY2(seeded.isEmpty(), qPrintable(seeded));
    const QMap<QString, QString> before = JudgedOrders::statuses(db);
    // Valid alone, invalid with the stored values (no status would be synced): exit 2, nothing queued.
    const CliRun run = runCli(withDataDir(dir, {u"config"_s, u"set"_s, u"orders.sync_all_orders"_s, u"no"_s}));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"orders.order_statuses"_s), qPrintable(run.err));
    QCOMPARE(JudgedOrders::statuses(db), before);
    QVERIFY(SettingsRepository(db).load()->syncAllOrders());
}

QTEST_GUILESS_MAIN(TestCliSettingsUpdate)
#include "tst_clisettingsupdate.moc"
