#include "mainwindow.h"
#include "common/firstrunpanel.h"
#include "crossthreadspy.h"
#include "settings/connectionpage.h"
#include "mapping/fieldsmappingpage.h"
#include "log/logpage.h"
#include "settings/ordersconfigpage.h"
#include "orders/orderspage.h"
#include "common/placeholderpage.h"
#include "store/database.h"
#include "store/datafolderlock.h"
#include "store/settingsrepository.h"
#include "orders/orderstablemodel.h"

#include "salesforce/apiusage.h"
#include "sync/syncworker.h"
#include "sync/workerhost.h"
#include "credentials/credentialstore.h"
#include "store/connectionprofilerepository.h"

#include <QComboBox>
#include <QDockWidget>
#include <QFontMetrics>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>

#include <QAction>
#include <QMenu>
#include <QApplication>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>
#include <QScopeGuard>
#include <QThread>
#include <QSignalSpy>
#include <QMessageBox>
#include <QStandardPaths>
#include <QDockWidget>
#include <QFontMetrics>
#include <QMenu>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

/// A keyring that answers "locked" until unlocked, then holds no secret.
class LockableStore : public OrderBridge::CredentialStore
{
public:
    bool locked = true;
    int reads = 0;
    [[nodiscard]] QString backendName() const override { return u"test keyring"_s; }

protected:
    void startRead(quint64 requestId, const OrderBridge::CredentialKey &key) override
    {
        ++reads;
        using OrderBridge::CredentialResult;
        CredentialResult r{requestId, CredentialResult::Operation::Read, key, {}, {}};
        r.error = locked ? OrderBridge::Error{u"credentials.locked"_s, u"The keyring is locked."_s, {}, {},
                                              OrderBridge::ErrorKind::Failed}
                         : OrderBridge::Error{u"credentials.not_found"_s, u"not stored"_s, {}, {},
                                              OrderBridge::ErrorKind::NotFound};
        deliverLater(r);
    }
    void startWrite(quint64 requestId, const OrderBridge::CredentialKey &key, const QString &) override
    {
        deliverLater({requestId, OrderBridge::CredentialResult::Operation::Write, key, {}, {}});
    }
    void startRemove(quint64 requestId, const OrderBridge::CredentialKey &key) override
    {
        deliverLater({requestId, OrderBridge::CredentialResult::Operation::Remove, key, {}, {}});
    }
};

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void unsavedEditsAreNotLostOnQuit();
    void showsTitleAndIcon();
    void iconIsSharpAtHighDpi_data();
    void iconIsSharpAtHighDpi();
    void menusHoldQuitAndAbout();
    void demoStorePanelDocksWithViewToggle();
    void aboutOpensWithoutBlocking();
    void quitClosesTheWindow();
    void navigationListsThePages();
    void keyboardMovesBetweenPages();
    void restoresLastPageAndGeometry();
    void statusBarShowsWorkerNews();
    void controlsHaveAccessibleNames();
    void storeGivesEveryPageItsEditor();
    void syncNowAsksTheWorkerAndPollsOnSchedule();
    void folderInUseOpensReadOnly();
    void lockedKeyringIsNamedWithUnlockAndRetry();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"OrderBridgeTest"_s);
    QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
    QSettings().clear(); // test mode keeps this away from the user's own settings
}

void TestMainWindow::showsTitleAndIcon()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), u"OrderBridge"_s);
    QVERIFY(!window.windowIcon().isNull());

    // The icon is the resource's SVG, rendered the same way.
    const QIcon expected(u":/icons/orderbridge.svg"_s);
    const QImage shown = window.windowIcon().pixmap(QSize(48, 48)).toImage();
    QVERIFY(!shown.isNull());
    QCOMPARE(shown, expected.pixmap(QSize(48, 48)).toImage());
    QVERIFY(shown.pixelColor(24, 24).alpha() > 0); // something was drawn
}

void TestMainWindow::iconIsSharpAtHighDpi_data()
{
    QTest::addColumn<qreal>("ratio");
    QTest::newRow("1x") << 1.0;
    QTest::newRow("1.5x") << 1.5;
    QTest::newRow("2x") << 2.0;
    QTest::newRow("3x") << 3.0;
}

void TestMainWindow::iconIsSharpAtHighDpi()
{
    QFETCH(qreal, ratio);
    MainWindow window;
    // An SVG renders at the device pixel size instead of scaling a small bitmap up.
    const QPixmap pixmap = window.windowIcon().pixmap(QSize(32, 32), ratio);
    QCOMPARE(pixmap.size(), QSize(qRound(32 * ratio), qRound(32 * ratio)));
    QCOMPARE(pixmap.devicePixelRatio(), ratio);
}

void TestMainWindow::menusHoldQuitAndAbout()
{
    MainWindow window;
    QList<QAction *> menus = window.menuBar()->actions();
    // The View menu exists only when a panel is docked (the Demo Store in demo mode).
    menus.removeIf([](const QAction *menu) { return !menu->isVisible(); });
    QCOMPARE(menus.size(), 3);
    QCOMPARE(menus.at(0)->text(), u"&File"_s);
    QCOMPARE(menus.at(1)->text(), u"&Sync"_s);
    QCOMPARE(menus.at(2)->text(), u"&Help"_s);
    QVERIFY(menus.at(0)->menu()->actions().contains(window.quitAction()));
    QVERIFY(menus.at(1)->menu()->actions().contains(window.syncNowAction()));
    QVERIFY(menus.at(2)->menu()->actions().contains(window.aboutAction()));
    // Without a sync engine there is nothing to run.
    QVERIFY(!window.syncNowAction()->isEnabled());
    QCOMPARE(window.quitAction()->text(), u"&Quit"_s);
    QCOMPARE(window.quitAction()->shortcut(), QKeySequence(QKeySequence::Quit));
    QCOMPARE(window.aboutAction()->text(), u"&About OrderBridge"_s);
}

void TestMainWindow::demoStorePanelDocksWithViewToggle()
{
    MainWindow window;
    // The page names are never squeezed: the navigation is as wide as its longest entry.
    const QFontMetrics metrics(window.navigation()->font());
    QVERIFY(window.navigation()->minimumWidth() > metrics.horizontalAdvance(u"Fields Mapping"_s));
    QVERIFY(!window.demoStoreDock());
    auto *panel = new QWidget;
    panel->setObjectName(u"demoPanel"_s);
    window.addDemoStorePanel(panel);
    QDockWidget *dock = window.demoStoreDock();
    QVERIFY(dock);
    QCOMPARE(window.demoStorePanel(), panel);
    QVERIFY(dock->widget()->isAncestorOf(panel)); // inside a scroll area, so it never widens the window past the screen
    QCOMPARE(window.dockWidgetArea(dock), Qt::RightDockWidgetArea);
    auto *view = window.menuBar()->findChild<QMenu *>(u"menuView"_s);
    QVERIFY(view);
    QVERIFY(view->menuAction()->isVisible());
    QAction *toggle = view->findChild<QAction *>(u"actionShowDemoStore"_s, Qt::FindDirectChildrenOnly);
    if (!toggle) {
        const QList<QAction *> actions = view->actions();
        QVERIFY(!actions.isEmpty());
        toggle = actions.constFirst();
    }
    QCOMPARE(toggle->objectName(), u"actionShowDemoStore"_s);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(dock->isVisible());
    toggle->trigger();
    QVERIFY(!dock->isVisible());
    // A second panel is refused: one Demo Store per window.
    QWidget other;
    window.addDemoStorePanel(&other);
    QCOMPARE(window.demoStorePanel(), panel);
}

void TestMainWindow::aboutOpensWithoutBlocking()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // If the box were shown with exec(), trigger() would not return until it closed.
    window.aboutAction()->trigger();
    auto *box = window.findChild<QMessageBox *>(u"aboutBox"_s);
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QCOMPARE(box->windowTitle(), u"About OrderBridge"_s);
    QVERIFY(box->text().contains(u"Salesforce"_s));
    const QPointer<QMessageBox> guard(box);
    box->button(QMessageBox::Close)->click();
    QTRY_VERIFY(guard.isNull()); // deleted when closed: no leak per click
}

void TestMainWindow::quitClosesTheWindow()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(QApplication::quitOnLastWindowClosed());
    // Run the application's event loop the way main() does; Quit must end it.
    QTimer::singleShot(0, window.quitAction(), &QAction::trigger);
    bool timedOut = false;
    QTimer::singleShot(10000, qApp, [&timedOut] {
        timedOut = true;
        QCoreApplication::exit(1);
    });
    const int exitCode = QApplication::exec();
    QVERIFY(!timedOut);
    QCOMPARE(exitCode, 0);
    QVERIFY(!window.isVisible());
}

void TestMainWindow::navigationListsThePages()
{
    MainWindow window;
    QTreeWidget *navigation = window.navigation();
    QCOMPARE(window.pages()->count(), int(MainWindow::PageCount));
    // Sections as in the Magento admin menu.
    QCOMPARE(navigation->topLevelItemCount(), 3);
    QCOMPARE(navigation->topLevelItem(0)->text(0), u"Sales"_s);
    QCOMPARE(navigation->topLevelItem(0)->child(0)->text(0), u"Orders"_s);
    QCOMPARE(navigation->topLevelItem(1)->text(0), u"Salesforce"_s);
    QCOMPARE(navigation->topLevelItem(1)->childCount(), 3);
    QCOMPARE(navigation->topLevelItem(1)->child(1)->text(0), u"Fields Mapping"_s);
    QCOMPARE(navigation->topLevelItem(1)->child(2)->text(0), u"Connection"_s);
    QCOMPARE(navigation->topLevelItem(2)->text(0), u"Log"_s);

    QCOMPARE(window.currentPage(), MainWindow::SalesOrdersPage);
    QCOMPARE(window.pages()->currentWidget(), window.ordersPage());
    navigation->setCurrentItem(navigation->topLevelItem(1)->child(1));
    QCOMPARE(window.currentPage(), MainWindow::FieldsMappingPage);
    QCOMPARE(window.pages()->currentWidget()->objectName(), u"fieldsMappingPage"_s);
    // A section heading leads to its first page.
    navigation->setCurrentItem(navigation->topLevelItem(0));
    QCOMPARE(window.currentPage(), MainWindow::SalesOrdersPage);
    window.setCurrentPage(MainWindow::LogPage);
    QCOMPARE(navigation->currentItem(), navigation->topLevelItem(2));
    QCOMPARE(window.pages()->currentWidget()->objectName(), u"logPage"_s);
}

void TestMainWindow::keyboardMovesBetweenPages()
{
    MainWindow window;
    window.setCurrentPage(MainWindow::SalesOrdersPage);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.navigation()->setFocus();
    QTest::keyClick(window.navigation(), Qt::Key_Down);
    QCOMPARE(window.currentPage(), MainWindow::SalesforceOrdersPage);
    QTest::keyClick(window.navigation(), Qt::Key_Down);
    QCOMPARE(window.currentPage(), MainWindow::FieldsMappingPage);
    QTest::keyClick(window.navigation(), Qt::Key_Up);
    QCOMPARE(window.currentPage(), MainWindow::SalesforceOrdersPage);
    // Up over the Salesforce heading reaches Sales › Orders instead of bouncing back.
    QTest::keyClick(window.navigation(), Qt::Key_Up);
    QCOMPARE(window.currentPage(), MainWindow::SalesOrdersPage);
    QTest::keyClick(window.navigation(), Qt::Key_End);
    QCOMPARE(window.currentPage(), MainWindow::LogPage);
}

void TestMainWindow::restoresLastPageAndGeometry()
{
    QSettings().clear();
    {
        MainWindow first;
        QCOMPARE(first.currentPage(), MainWindow::SalesOrdersPage);
        first.show();
        QVERIFY(QTest::qWaitForWindowExposed(&first));
        first.resize(900, 640);
        first.setCurrentPage(MainWindow::ConnectionPage);
        QTRY_COMPARE(first.size(), QSize(900, 640));
        QVERIFY(first.close());
    }
    MainWindow second;
    QCOMPARE(second.currentPage(), MainWindow::ConnectionPage);
    QCOMPARE(second.size(), QSize(900, 640));
    QSettings().clear();
}

void TestMainWindow::statusBarShowsWorkerNews()
{
    MainWindow window;
    QCOMPARE(window.apiUsageLabel()->text(), u"API calls today: – / –"_s);
    QCOMPARE(window.activityLabel()->text(), u"Idle"_s);
    window.handleApiUsage(OrderBridge::ApiUsage{120, 15000});
    QCOMPARE(window.apiUsageLabel()->text(),
             u"API calls today: %1 / %2"_s.arg(QLocale().toString(120), QLocale().toString(15000)));
    QCOMPARE(window.connectionLabel()->text(), u"Connected to Salesforce"_s);
    window.handleProgress(3, 10);
    QCOMPARE(window.activityLabel()->text(), u"Syncing 3 / 10"_s);
    window.handleFinished(OrderBridge::SyncRunSummary{});
    QCOMPARE(window.activityLabel()->text(), u"Idle"_s);
    window.handleFailed(OrderBridge::Error{u"salesforce.auth"_s, u"The session expired."_s, u"Sign in again."_s, {}});
    QCOMPARE(window.connectionLabel()->text(), u"Connection problem"_s);
    QVERIFY(window.connectionLabel()->toolTip().contains(u"Sign in again."_s));
}

void TestMainWindow::controlsHaveAccessibleNames()
{
    MainWindow window;
    const QList<QWidget *> controls{window.navigation(), window.pages(), window.ordersPage(),
                                    window.ordersPage()->view(), window.ordersPage()->searchField(),
                                    window.ordersPage()->statusFilter(), window.ordersPage()->syncStatusFilter(),
                                    window.connectionLabel(), window.activityLabel(), window.apiUsageLabel()};
    for (QWidget *control : controls)
        QVERIFY2(!control->accessibleName().isEmpty(), qPrintable(control->objectName()));
    for (int page = 0; page < window.pages()->count(); ++page)
        QVERIFY(!window.pages()->widget(page)->accessibleName().isEmpty());
    // Tab moves from the navigation into the page.
    QVERIFY(window.navigation()->focusPolicy() & Qt::TabFocus);
    QVERIFY(window.ordersPage()->view()->focusPolicy() & Qt::TabFocus);
}

void TestMainWindow::storeGivesEveryPageItsEditor()
{
    // Without a store every page but the grid is a placeholder; with one, each page is its editor.
    MainWindow bare;
    QVERIFY(!bare.ordersConfigPage());
    QVERIFY(!bare.fieldsMappingPage());
    QVERIFY(!bare.connectionPage());
    QVERIFY(!bare.logPage());
    QVERIFY(qobject_cast<PlaceholderPage *>(bare.pages()->widget(MainWindow::LogPage)));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto database = OrderBridge::Database::open(dir.filePath(u"orderbridge.sqlite"_s));
    QVERIFY2(database.has_value(), qPrintable(database ? QString() : database.error().toString()));
    MainWindow window(*database);
    QCOMPARE(window.pages()->widget(MainWindow::SalesforceOrdersPage), window.ordersConfigPage());
    QCOMPARE(window.pages()->widget(MainWindow::FieldsMappingPage), window.fieldsMappingPage());
    QCOMPARE(window.pages()->widget(MainWindow::ConnectionPage), window.connectionPage());
    QCOMPARE(window.pages()->widget(MainWindow::LogPage), window.logPage());
    QVERIFY(window.ordersConfigPage());
    QVERIFY(window.fieldsMappingPage());
    QVERIFY(window.connectionPage());
    QVERIFY(window.logPage());
    for (int page = 0; page < MainWindow::PageCount; ++page)
        QVERIFY2(!qobject_cast<PlaceholderPage *>(window.pages()->widget(page)), qPrintable(QString::number(page)));
    // Activating a log entry shows its order in the grid.
    Q_EMIT window.logPage()->orderActivated(u"000000042"_s);
    QCOMPARE(window.currentPage(), MainWindow::SalesOrdersPage);
    QCOMPARE(window.ordersPage()->searchField()->text(), u"000000042"_s);
    // A page's status news reaches the status bar.
    Q_EMIT window.logPage()->statusMessage(u"exported 3 errors"_s);
    QCOMPARE(window.statusBar()->currentMessage(), u"exported 3 errors"_s);
}

void TestMainWindow::syncNowAsksTheWorkerAndPollsOnSchedule()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto database = OrderBridge::Database::open(dir.filePath(u"orderbridge.sqlite"_s));
    QVERIFY(database.has_value());
    // A worker without a connection answers every poll with the way to set one up.
    OrderBridge::SyncWorkerConfig config;
    config.database = *database;
    OrderBridge::WorkerHost host(*database, nullptr); // no credential store: the test configures it
    host.start();
    OrderBridge::SyncWorker *worker = host.worker();
    // Every run that began ends with runFinished, whoever asked for it.
    CrossThreadSpy failed(worker, &OrderBridge::SyncWorker::runFinished);

    MainWindow window(*database, &host);
    // The worker says whether it knows a store and an org; the status bar tells the operator.
    host.reconfigure(config);
    QTRY_COMPARE(window.connectionLabel()->text(), u"Not set up"_s);
    QVERIFY(window.connectionLabel()->toolTip().contains(u"Salesforce › Connection"_s));
    // First run: the panel says what to do; Sync Now waits for a store and an org, and its tooltip says why.
    QVERIFY(window.firstRunPanel()->isVisibleTo(&window));
    QVERIFY(!window.syncNowAction()->isEnabled());
    QVERIFY2(window.syncNowAction()->toolTip().contains(u"Salesforce › Connection"_s),
             qPrintable(window.syncNowAction()->toolTip()));
    // "Connect Store and Org…" opens the Connection page; "Try the Demo" asks main() for the demo.
    window.firstRunPanel()->setUpButton()->click();
    QCOMPARE(window.currentPage(), MainWindow::ConnectionPage);
    QSignalSpy demo(&window, &MainWindow::demoRequested);
    window.firstRunPanel()->demoButton()->click();
    QCOMPARE(demo.count(), 1);
    // Automated Synchronization is Yes by default: the next poll is scheduled at the polling interval.
    QVERIFY(window.pollTimer()->isActive());
    QCOMPARE(window.pollTimer()->interval(), 60 * 1000);
    // A poll still asks the worker, which says what is missing.
    window.syncNow();
    // Asked again during the run (the Demo Store changed something): one more run follows it.
    window.syncNow();
    // The worker answers on its own thread, possibly before a wait() would start: poll the spy.
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() == 2, 10000);
    QTest::qWait(200);
    QCOMPARE(failed.count(), 2); // not a third: nothing asked for it
    for (const QList<QVariant> &arguments : std::as_const(failed)) {
        const auto result = arguments.at(0).value<OrderBridge::RunResult>();
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().code, u"sync.not_configured"_s);
    }
    QVERIFY(!window.syncNowAction()->isEnabled());
    QVERIFY2(window.connectionLabel()->toolTip().contains(u"Connection"_s),
             qPrintable(window.connectionLabel()->toolTip()));
    QVERIFY(window.pollTimer()->isActive());
    // Apply on Salesforce › Orders is stored by the worker; turning Automated Synchronization off
    // stops the polling once the worker has saved it.
    auto *automated = qobject_cast<QComboBox *>(window.ordersConfigPage()->control(u"orders.automated_synchronization"_s));
    QVERIFY(automated);
    automated->setCurrentIndex(automated->findData(false));
    QVERIFY(automated->currentIndex() >= 0);
    QVERIFY(window.ordersConfigPage()->apply());
    QTRY_VERIFY_WITH_TIMEOUT(!window.ordersConfigPage()->isSaving(), 10000);
    QTRY_VERIFY(!window.pollTimer()->isActive());
    const auto stored = OrderBridge::SettingsRepository(*database).load();
    QVERIFY(stored.has_value());
    QVERIFY(!stored->automatedSynchronization());
    // The timer runs the same poll.
    QTest::qWait(200); // no run in progress
    failed.clear();
    window.pollTimer()->setInterval(0);
    window.pollTimer()->start();
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 10000);
}

void TestMainWindow::folderInUseOpensReadOnly()
{
    // Another process (here the test) holds the data folder: the console shows the data and says why
    // it neither syncs nor saves.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto database = OrderBridge::Database::open(dir.filePath(u"orderbridge.sqlite"_s));
    QVERIFY(database.has_value());
    auto held = OrderBridge::DataFolderLock::acquire(dir.path());
    QVERIFY(held.has_value());
    OrderBridge::WorkerHost host(*database, nullptr);
    CrossThreadSpy started(host.worker(), &OrderBridge::SyncWorker::runStarted);
    host.start();
    QVERIFY(host.readOnlyReason().has_value());

    MainWindow window(*database, &host);
    QVERIFY(window.readOnlyBanner()->isVisibleTo(&window));
    const QString banner = window.readOnlyBanner()->text();
    QVERIFY2(banner.contains(u"process %1"_s.arg(QCoreApplication::applicationPid())), qPrintable(banner));
    QVERIFY(!window.syncNowAction()->isEnabled());
    QVERIFY(!window.pollTimer()->isActive());
    QVERIFY(!window.ordersPage()->isSyncAvailable());
    window.syncNow();
    QTest::qWait(100);
    QCOMPARE(started.count(), 0);

    // A save is refused with the reason; the page keeps the edit.
    const auto before = OrderBridge::SettingsRepository(*database).load();
    auto *automated = qobject_cast<QComboBox *>(window.ordersConfigPage()->control(u"orders.automated_synchronization"_s));
    QVERIFY(automated);
    automated->setCurrentIndex(automated->findData(false));
    QVERIFY(window.ordersConfigPage()->apply());
    QTRY_VERIFY_WITH_TIMEOUT(!window.ordersConfigPage()->isSaving(), 10000);
    QVERIFY(!window.ordersConfigPage()->errorLabel()->isHidden());
    QVERIFY(*OrderBridge::SettingsRepository(*database).load() == *before);

    // Without another holder the banner stays hidden.
    QTemporaryDir free;
    auto freeDb = OrderBridge::Database::open(free.filePath(u"orderbridge.sqlite"_s));
    QVERIFY(freeDb.has_value());
    OrderBridge::WorkerHost freeHost(*freeDb, nullptr);
    freeHost.start();
    MainWindow writable(*freeDb, &freeHost);
    QVERIFY(!writable.readOnlyBanner()->isVisibleTo(&writable));
    QVERIFY(writable.syncNowAction()->isEnabled());
}

void TestMainWindow::lockedKeyringIsNamedWithUnlockAndRetry()
{
    // A connection exists, but its secrets are behind a locked keyring: the console says so (not "No connection
    // configured") and reads them again when asked.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto database = OrderBridge::Database::open(dir.filePath(u"orderbridge.sqlite"_s));
    QVERIFY(database.has_value());
    OrderBridge::ConnectionProfile profile;
    profile.name = u"default"_s;
    profile.active = true;
    profile.magentoBaseUrl = u"https://shop.example.com"_s;
    profile.salesforceLoginUrl = u"https://login.salesforce.com"_s;
    profile.salesforceClientId = u"app"_s;
    QVERIFY(OrderBridge::ConnectionProfileRepository(*database).save(profile).has_value());
    auto store = std::make_unique<LockableStore>();
    LockableStore *keyring = store.get();
    OrderBridge::WorkerHost host(*database, std::move(store));
    QSignalSpy configured(&host, &OrderBridge::WorkerHost::configured);
    QSignalSpy problems(&host, &OrderBridge::WorkerHost::configProblem);
    host.start();
    MainWindow window(*database, &host);
    window.show();
    QTRY_COMPARE_WITH_TIMEOUT(problems.size(), 1, 10000);
    QVERIFY(window.keyringBanner()->isVisible());
    const QString text = window.keyringBanner()->findChild<QLabel *>(u"keyringBannerText"_s)->text();
    QVERIFY2(text.contains(u"keyring is locked"_s), qPrintable(text));
    QVERIFY(window.unlockAndRetryButton()->isEnabled());

    // Still locked: asked again, and the banner stays.
    const int readsBefore = keyring->reads;
    QTest::mouseClick(window.unlockAndRetryButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(problems.size(), 2, 10000);
    QVERIFY(keyring->reads > readsBefore);
    QVERIFY(window.keyringBanner()->isVisible());

    keyring->locked = false;
    QTest::mouseClick(window.unlockAndRetryButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(configured.size(), 1, 10000);
    QVERIFY(!window.keyringBanner()->isVisible());
}

void TestMainWindow::unsavedEditsAreNotLostOnQuit()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto database = OrderBridge::Database::open(dir.filePath(u"orderbridge.sqlite"_s));
    QVERIFY(database.has_value());
    MainWindow window(*database);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Nothing edited: the window closes at once.
    {
        MainWindow clean(*database);
        clean.show();
        QVERIFY(clean.close());
    }
    auto *url = window.connectionPage()->findChild<QLineEdit *>(u"magentoBaseUrl"_s);
    QVERIFY(url);
    url->setText(u"https://shop.example.com"_s);
    Q_EMIT url->textEdited(url->text());
    QVERIFY(window.connectionPage()->isDirty());
    window.setCurrentPage(MainWindow::SalesOrdersPage);

    // Quit asks; "Review Changes" keeps the window and shows the page with the edits.
    QVERIFY(!window.close());
    QVERIFY(window.isVisible());
    auto *box = window.findChild<QMessageBox *>(u"unsavedChangesBox"_s);
    QVERIFY(box);
    QVERIFY2(box->text().contains(u"Salesforce › Connection"_s), qPrintable(box->text()));
    box->findChild<QPushButton *>(u"reviewChanges"_s)->click();
    QTRY_COMPARE(window.currentPage(), MainWindow::ConnectionPage);
    QVERIFY(window.isVisible());
    QCOMPARE(url->text(), u"https://shop.example.com"_s);

    // "Quit Without Saving" closes it.
    QTRY_VERIFY(!window.findChild<QMessageBox *>(u"unsavedChangesBox"_s));
    QVERIFY(!window.close());
    box = window.findChild<QMessageBox *>(u"unsavedChangesBox"_s);
    QVERIFY(box);
    box->findChild<QPushButton *>(u"quitWithoutSaving"_s)->click();
    QTRY_VERIFY(!window.isVisible());
    QSettings().clear(); // the layout this close saved is not the next test's
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
