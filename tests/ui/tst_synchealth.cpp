// Sync health: the strip above the orders grid (counts per status, read off the GUI thread, that filter the grid, last and
// next run, Retry Errors), the error badge on the navigation, the notification when a run ends with
// errors (and the setting that turns it off), and run summaries that say when nothing was found.
// The last case runs the real worker against orderbridge-sandbox.

#include "mainwindow.h"
#include "ordersfixture.h"
#include "sandboxworkerfixture.h"

#include "common/consoletranslations.h"
#include "common/navigationbadgedelegate.h"
#include "common/runnotifier.h"
#include "common/runsummarytext.h"
#include "orders/orderspage.h"
#include "orders/orderstablemodel.h"
#include "orders/synchealthstrip.h"

#include "store/database.h"
#include "store/ordersrepository.h"
#include "store/settingsrepository.h"
#include "sync/runrequest.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::SyncStatus;

class TestSyncHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void countsPerSyncStatus();
    void countsFilterTheGrid_data();
    void countsFilterTheGrid();
    void badgeCountsTheErrors();
    void noNewOrChangedOrders();
    void errorRunNotifiesUnlessTurnedOff_data();
    void errorRunNotifiesUnlessTurnedOff();
    void errorInARealRunNotifiesAndCountsChange();

private:
    bool setSyncStatus(int entityId, SyncStatus status);
    bool setSetting(const QString &key, const QString &value);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<OrderBridge::Database> m_db;
};

void TestSyncHealth::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // English, with the plural forms the console installs for it ("1 error", "2 orders").
    ConsoleTranslations::install(*QCoreApplication::instance(), QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestSyncHealth::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto opened = OrderBridge::Database::open(m_dir->filePath(u"orders.sqlite"_s));
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
    m_db = *opened;
}

void TestSyncHealth::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

bool TestSyncHealth::setSyncStatus(int entityId, SyncStatus status)
{
    QSqlQuery update(m_db->connection());
    update.prepare(u"UPDATE orders SET sync_status = ? WHERE magento_entity_id = ?"_s);
    update.addBindValue(OrderBridge::syncStatusDbName(status));
    update.addBindValue(entityId);
    return update.exec() && update.numRowsAffected() == 1;
}

bool TestSyncHealth::setSetting(const QString &key, const QString &value)
{
    const OrderBridge::SettingsRepository repository(m_db);
    auto settings = repository.load();
    return settings && settings->set(key, value) && repository.save(*settings);
}

void TestSyncHealth::countsPerSyncStatus()
{
    // Ten orders, two at each status (OrdersFixture::syncStatus cycles through them).
    QCOMPARE(OrdersFixture::fill(*m_db, 10), QString());
    const OrderBridge::OrdersRepository repository(m_db);
    auto counts = repository.countsBySyncStatus();
    QVERIFY(counts);
    for (SyncStatus status : OrderBridge::allSyncStatuses())
        QCOMPARE(counts->of(status), 2);
    // An order moving from one status to another, a deleted one and an unchanged update.
    QCOMPARE(OrdersFixture::syncStatus(1), SyncStatus::Pending);
    QVERIFY(setSyncStatus(1, SyncStatus::Error));
    QVERIFY(setSyncStatus(2, SyncStatus::OutOfSync)); // already out of sync
    QSqlQuery remove(m_db->connection());
    QVERIFY(remove.exec(u"DELETE FROM orders WHERE magento_entity_id = 5"_s)); // in sync
    counts = repository.countsBySyncStatus();
    QVERIFY(counts);
    QCOMPARE(counts->of(SyncStatus::Pending), 1);
    QCOMPARE(counts->of(SyncStatus::Error), 3);
    QCOMPARE(counts->of(SyncStatus::OutOfSync), 2);
    QCOMPARE(counts->of(SyncStatus::InSync), 1);
    QCOMPARE(counts->total(), 9);
    // The same as counting one status by hand.
    QSqlQuery count(m_db->connection());
    QVERIFY(count.exec(u"SELECT count(*) FROM orders WHERE sync_status = 'error'"_s) && count.next());
    QCOMPARE(count.value(0).toLongLong(), counts->of(SyncStatus::Error));
}

void TestSyncHealth::countsFilterTheGrid_data()
{
    QTest::addColumn<SyncStatus>("status");
    for (SyncStatus status : OrderBridge::allSyncStatuses())
        QTest::addRow("%s", qPrintable(OrderBridge::syncStatusDbName(status))) << status;
}

void TestSyncHealth::countsFilterTheGrid()
{
    QFETCH(SyncStatus, status);
    QCOMPARE(OrdersFixture::fill(*m_db, 25), QString());
    OrdersPage page(m_db);
    page.resize(1000, 600);
    page.show();
    SyncHealthStrip *strip = page.healthStrip();
    QVERIFY(strip->isVisible());
    QTRY_COMPARE(strip->counts().of(status), 5); // counted off the GUI thread
    QToolButton *button = strip->countButton(status);
    QVERIFY2(button->text().endsWith(u": 5"_s), qPrintable(button->text()));
    QCOMPARE(page.model()->rowCount(), 25);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(page.syncStatusFilter()->currentData().toInt(), int(status));
    QTRY_COMPARE(page.model()->rowCount(), 5);
    for (int row = 0; row < page.model()->rowCount(); ++row)
        QCOMPARE(page.model()->index(row, 0).data(OrdersTableModel::SyncStatusRole).toInt(), int(status));
}

void TestSyncHealth::badgeCountsTheErrors()
{
    QCOMPARE(OrdersFixture::fill(*m_db, 10), QString());
    MainWindow window(m_db);
    QTreeWidgetItem *orders = nullptr;
    for (int i = 0; i < window.navigation()->topLevelItemCount() && !orders; ++i) {
        QTreeWidgetItem *section = window.navigation()->topLevelItem(i);
        for (int j = 0; j < section->childCount(); ++j) {
            if (section->child(j)->text(0) == u"Orders"_s && section->text(0) == u"Sales"_s)
                orders = section->child(j);
        }
    }
    QVERIFY(orders);
    QTRY_COMPARE(orders->data(0, NavigationBadgeDelegate::BadgeRole).toInt(), 2);
    QVERIFY2(orders->data(0, Qt::AccessibleTextRole).toString().contains(u"2 orders in error"_s),
             qPrintable(orders->data(0, Qt::AccessibleTextRole).toString()));
    QVERIFY(window.ordersPage()->healthStrip()->retryErrorsButton()->isEnabled() == false); // no worker to ask
    // An order fails; the page reads the counts again after the batch, and the badge follows.
    QSignalSpy changed(window.ordersPage(), &OrdersPage::countsChanged);
    QVERIFY(setSyncStatus(1, SyncStatus::Error));
    window.ordersPage()->refreshCounts();
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(orders->data(0, NavigationBadgeDelegate::BadgeRole).toInt(), 3);
    // Asked twice while nothing changes: no signal.
    window.ordersPage()->refreshCounts();
    window.ordersPage()->refreshCounts();
    QTest::qWait(300);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(NavigationBadgeDelegate::badgeText(1000), u"999+"_s);
}

void TestSyncHealth::noNewOrChangedOrders()
{
    const OrderBridge::SyncRunSummary nothing;
    QCOMPARE(RunSummaryText::describe(nothing), u"No new or changed orders."_s);
    OrderBridge::SyncRunSummary some;
    some.queued = 3;
    some.inSync = 2;
    some.errors = 1;
    // With the English plural forms (initTestCase): "1 error", not "1 errors".
    QCOMPARE(RunSummaryText::describe(some), u"2 in sync, 0 out of sync, 0 skipped, 1 error."_s);
    some.errors = 4;
    QCOMPARE(RunSummaryText::describe(some), u"2 in sync, 0 out of sync, 0 skipped, 4 errors."_s);
    OrderBridge::SyncRunSummary unreadable;
    unreadable.sourceError = u"Magento did not answer."_s;
    QVERIFY(!RunSummaryText::describe(unreadable).contains(u"No new"_s));

    OrdersPage page(m_db);
    QSignalSpy messages(&page, &OrdersPage::statusMessage);
    page.handleRunStarted();
    page.handleFinished(nothing);
    QCOMPARE(messages.last().at(0).toString(), u"Sync finished: No new or changed orders."_s);
    QVERIFY2(page.healthStrip()->lastRunLabel()->text().endsWith(u"No new or changed orders."_s),
             qPrintable(page.healthStrip()->lastRunLabel()->text()));
}

void TestSyncHealth::errorRunNotifiesUnlessTurnedOff_data()
{
    QTest::addColumn<QString>("setting"); // orders.notify_run_errors; empty: the default
    QTest::addColumn<int>("errors");
    QTest::addColumn<bool>("notified");
    QTest::newRow("errors, default") << QString() << 2 << true;
    QTest::newRow("errors, on") << u"yes"_s << 1 << true;
    QTest::newRow("errors, off") << u"no"_s << 3 << false;
    QTest::newRow("no errors") << QString() << 0 << false;
}

void TestSyncHealth::errorRunNotifiesUnlessTurnedOff()
{
    QFETCH(QString, setting);
    QFETCH(int, errors);
    QFETCH(bool, notified);
    if (!setting.isEmpty())
        QVERIFY(setSetting(u"orders.notify_run_errors"_s, setting));
    MainWindow window(m_db);
    window.show();
    QVERIFY(!window.runNotifier()->usesTray()); // offscreen: no system tray
    QSignalSpy spy(window.runNotifier(), &RunNotifier::notified);
    OrderBridge::SyncRunSummary summary;
    summary.queued = 5;
    summary.inSync = 5 - errors;
    summary.errors = errors;
    window.handleRunFinished(summary);
    QCOMPARE(spy.count(), notified ? 1 : 0);
    QCOMPARE(window.notificationBanner()->isVisible(), notified);
    if (notified) {
        QVERIFY2(spy.first().at(1).toString().contains(errors == 1 ? u"1 order in error"_s : u"%1 orders in error"_s.arg(errors)),
                 qPrintable(spy.first().at(1).toString()));
        QCOMPARE(window.notificationBanner()->text(), spy.first().at(1).toString());
        // The next run without errors takes the banner away.
        window.handleRunFinished(OrderBridge::SyncRunSummary{});
        QVERIFY(!window.notificationBanner()->isVisible());
    }
}

void TestSyncHealth::errorInARealRunNotifiesAndCountsChange()
{
    SandboxWorkerFixture fixture;
    QVERIFY2(fixture.start({u"--orders"_s, u"0"_s}), qPrintable(fixture.errorString()));
    // A paid order that cannot be written: the configured price book does not exist in the org.
    const QString incrementId = fixture.sandbox().placeInvoicedOrder();
    QVERIFY(!incrementId.isEmpty());
    m_db = fixture.database();
    QVERIFY(setSetting(u"advanced.price_book"_s, u"No Such Price Book"_s));
    OrderBridge::WorkerHost *host = fixture.startWorker(fixture.workerConfig());

    MainWindow window(m_db, host);
    window.show();
    SyncHealthStrip *strip = window.ordersPage()->healthStrip();
    QCOMPARE(strip->counts().of(SyncStatus::Error), 0);
    QSignalSpy notified(window.runNotifier(), &RunNotifier::notified);
    QSignalSpy counts(window.ordersPage(), &OrdersPage::countsChanged);

    const OrderBridge::SyncRunSummary summary =
        fixture.run(OrderBridge::RunRequest::backfill(QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC)));
    QCOMPARE(summary.errors, 1);
    // The worker's runFinished notice reaches the window after the asker's answer.
    QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 1, 30000);
    QVERIFY(window.notificationBanner()->isVisible());
    QTRY_COMPARE(strip->counts().of(SyncStatus::Error), 1);
    QVERIFY(counts.count() >= 1);
    QVERIFY(strip->retryErrorsButton()->isEnabled());
    QVERIFY2(strip->lastRunLabel()->text().contains(u"1 error."_s), qPrintable(strip->lastRunLabel()->text()));
    const auto stored = OrderBridge::OrdersRepository(m_db).countsBySyncStatus();
    QVERIFY(stored);
    QCOMPARE(stored->of(SyncStatus::Error), 1);
    window.close();
    fixture.stopWorker();
    m_db.reset();
}

QTEST_MAIN(TestSyncHealth)
#include "tst_synchealth.moc"
