// The seed walkthrough (shared/seed/walkthrough.txt) driven through the console's widgets against the
// sandbox, started the way `orderbridge --demo` starts it: DemoEnvironment (sandbox + demo profile +
// file secrets), a WorkerHost over the demo's credential store, the MainWindow over the store and the
// host's worker, and the Demo Store panel with its client on the worker thread, docked in the window.
//
// Every step goes through the controls an operator uses: the navigation tree, the Salesforce › Orders
// combo boxes and Apply, "Add new mapping" and "Save Mapper", the Demo Store's Place Order / Invoice /
// Add Comment… / Ship, the Sync Now toolbar button, the grid's Salesforce Order ID link and a
// double-click on the row. What the GUI shows is checked against the store and the sandbox org (SOQL).

#include "mapping/addmappingdialog.h"
#include "orders/attempthistorymodel.h"
#include "demo/demoenvironment.h"
#include "demo/demostoreclient.h"
#include "demo/demostorepanel.h"
#include "mapping/fieldsmappingpage.h"
#include "log/logpage.h"
#include "log/logtablemodel.h"
#include "mainwindow.h"
#include "common/consoletranslations.h"
#include "mapping/mappingtablemodel.h"
#include "orders/orderdialog.h"
#include "settings/ordersconfigpage.h"
#include "orders/orderspage.h"
#include "orders/orderstablemodel.h"
#include "orders/syncstatusdelegate.h"

#include "asyncresult.h"
#include "credentials/credentialstore.h"
#include "store/mappingrepository.h"
#include "orgquery.h"
#include "sandboxconnections.h"
#include "sandboxprocess.h"
#include "settingsvalues.h"
#include "settings/settings.h"
#include "store/database.h"
#include "store/ordersrepository.h"
#include "store/settingsrepository.h"
#include "sync/syncworker.h"
#include "sync/workerhost.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QImage>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QToolBar>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

#include <algorithm>
#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

constexpr int kStartMs = 60000;
constexpr int kNetworkMs = 120000;

const QString kCustomMagentoAttribute = u"shipping_description"_s;
const QString kCustomSalesforceField = u"Description"_s;
const QString kComment = u"Please deliver to the back door (walkthrough GUI test)."_s;

/// How many clearly green (#2e7d32-like) and clearly red (#c62828-like) pixels an image has.
std::pair<int, int> greenAndRedPixels(const QImage &image)
{
    int green = 0;
    int red = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.green() > c.red() + 50 && c.green() > c.blue() + 50)
                ++green;
            else if (c.red() > c.green() + 80 && c.red() > c.blue() + 80)
                ++red;
        }
    }
    return {green, red};
}

// A 16 px status icon is a filled circle of about 150 px, less its white mark.
constexpr int kIconPixels = 60;

} // namespace

class TestWalkthroughGui : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void walkthroughThroughTheConsole();

private:
    // The steps, in the walkthrough's order; each fails the test with what it expected and what it saw.
    void setOrderOptions();
    void addCustomMapping();
    void placeOrderInDemoStore();
    void syncNowShowsOutOfSync();
    void invoiceAndSyncShowsInSync();
    void commentBecomesNote();
    void shipAndStatusFollows();
    void newOrderKeepsTheSelection();

    void navigateTo(MainWindow::Page page);
    static void choose(QComboBox *combo, const QString &text, const char *what);
    enum class Trigger { ToolBar, Shortcut };
    void pressSyncNow(const char *step, Trigger trigger = Trigger::ToolBar);
    int gridRow();
    [[nodiscard]] QString rowDescription(int row) const;
    [[nodiscard]] QImage statusIcon(int row) const;
    void demoStoreAction(QPushButton *button, const QString &expectedMessage, const char *step);
    QList<QJsonObject> soql(const QString &statement) { return m_org->soql(statement, kNetworkMs); }

    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;
    std::unique_ptr<DemoEnvironment> m_demo;
    std::unique_ptr<WorkerHost> m_host;
    std::unique_ptr<MainWindow> m_window;
    DemoStorePanel *m_panel = nullptr;
    DemoStoreClient *m_client = nullptr;
    QList<QUrl> m_opened;

    // The test's own look at the org.
    std::unique_ptr<OrgQuery> m_org;
    QUrl m_instanceUrl;

    // The order of the walkthrough.
    QString m_incrementId;
    qint64 m_entityId = 0;
    QString m_salesforceOrderId;
    QString m_customValue;
};

void TestWalkthroughGui::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    // As main() does: the English catalogue gives the plural forms ("0 errors", "1 error").
    ConsoleTranslations::install(*QCoreApplication::instance(), QLocale());
    // The window restores its layout from QSettings: start from none.
    QCoreApplication::setOrganizationName(u"OrderBridgeWalkthroughGuiTest"_s);
    QSettings().clear();
    // The operator closed the console on Salesforce › Orders last time: it opens there again, before
    // the worker has its connection (the keychain answers later), and must still get the org's statuses.
    QSettings().setValue(u"MainWindow/page"_s, int(MainWindow::SalesforceOrdersPage));
    QVERIFY(m_dir.isValid());
    auto db = Database::open(m_dir.filePath(u"orderbridge.sqlite"_s));
    QVERIFY2(db.has_value(), qPrintable(errorText(db)));
    m_db = *db;

    // The store starts with a configuration unlike the walkthrough's, so every option the GUI sets
    // has to arrive in the store for the later steps to pass. The long polling interval keeps the
    // poll timer out of the way: every sync in this test is a press of Sync Now.
    const Result<Settings> start = settingsWith({{u"orders.automated_synchronization"_s, u"no"_s},
                                                 {u"orders.zero_grand_total"_s, u"do_not_synchronize"_s},
                                                 {u"orders.synchronize_order_notes"_s, u"no"_s},
                                                 {u"orders.order_statuses"_s, u"canceled"_s},
                                                 {u"orders.sync_all_orders"_s, u"no"_s},
                                                 {u"advanced.create_order"_s, u"every"_s},
                                                 {u"advanced.create_opportunity"_s, u"every"_s},
                                                 {u"engine.polling_interval_seconds"_s, u"3600"_s}});
    QVERIFY2(start.has_value(), qPrintable(errorText(start)));
    QVERIFY(SettingsRepository(m_db).save(*start).has_value());

    // `orderbridge --demo`: the sandbox with the demo profile and its file secrets.
    m_demo = std::make_unique<DemoEnvironment>(m_dir.filePath(u"demo"_s), m_db, SandboxProcess::executable());
    QSignalSpy ready(m_demo.get(), &DemoEnvironment::ready);
    QSignalSpy failed(m_demo.get(), &DemoEnvironment::failed);
    m_demo->start();
    QVERIFY2(ready.wait(kStartMs),
             failed.isEmpty() ? "the demo sandbox did not become ready" : qPrintable(failed.first().first().value<Error>().toString()));

    auto credentials = m_demo->createCredentialStore();
    QVERIFY2(credentials, qPrintable(errorText(credentials)));
    m_host = std::make_unique<WorkerHost>(m_db, std::move(*credentials));
    QSignalSpy configured(m_host.get(), &WorkerHost::configured);
    QSignalSpy problem(m_host.get(), &WorkerHost::configProblem);
    // As the console's main() does: the window over the worker at once, the configuration follows.
    m_host->start();
    QVERIFY(m_host->worker());
    m_window = std::make_unique<MainWindow>(m_db, m_host.get());
    QVERIFY2(m_window->currentPage() == MainWindow::SalesforceOrdersPage, "the window should open on the last page");
    QVERIFY2(configured.wait(kStartMs),
             problem.isEmpty() ? "the worker was not configured" : qPrintable(problem.first().first().value<Error>().toString()));
    m_window->ordersPage()->setUrlOpener([this](const QUrl &url) {
        m_opened << url;
        return true;
    });
    m_client = new DemoStoreClient(m_demo->magentoConnection(), m_demo->magentoSecrets());
    m_client->moveToThread(m_host->workerThread());
    m_panel = new DemoStorePanel;
    m_panel->connectTo(m_client);
    m_window->addDemoStorePanel(m_panel);
    QVERIFY(m_window->demoStoreDock());
    m_window->resize(1500, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY2(m_window->demoStoreDock()->isVisible(), "the Demo Store dock is not shown");
    QTRY_VERIFY2_WITH_TIMEOUT(m_panel->productTable()->rowCount() > 0,
                              qPrintable(u"the Demo Store listed no products; it says: "_s + m_panel->messageLabel()->text()),
                              kStartMs);

    // The test's own Salesforce client, for SOQL on what the console wrote.
    m_org = std::make_unique<OrgQuery>(SandboxConnections::salesforce(m_demo->readyInfo().value(u"salesforce"_s).toObject()));
    QVERIFY2(m_org->connect(), qPrintable(m_org->errorString()));
    m_instanceUrl = m_org->instanceUrl();
    QVERIFY(m_instanceUrl.isValid());
}

void TestWalkthroughGui::cleanupTestCase()
{
    // The window (and the panel in its dock) first, then the client on the worker thread, then the
    // worker's thread, then the sandbox.
    m_window.reset();
    if (m_client && m_host && m_host->workerThread())
        QMetaObject::invokeMethod(m_client, &QObject::deleteLater, Qt::QueuedConnection);
    QTest::qWait(50);
    m_host.reset();
    if (m_demo)
        m_demo->stop();
}

void TestWalkthroughGui::walkthroughThroughTheConsole()
{
    // The steps in the walkthrough's order; each builds on the one before, so the first that fails ends it.
    using Step = void (TestWalkthroughGui::*)();
    for (const Step step : {&TestWalkthroughGui::setOrderOptions, &TestWalkthroughGui::addCustomMapping,
                            &TestWalkthroughGui::placeOrderInDemoStore, &TestWalkthroughGui::syncNowShowsOutOfSync,
                            &TestWalkthroughGui::invoiceAndSyncShowsInSync, &TestWalkthroughGui::commentBecomesNote,
                            &TestWalkthroughGui::shipAndStatusFollows, &TestWalkthroughGui::newOrderKeepsTheSelection}) {
        (this->*step)();
        if (QTest::currentTestFailed())
            return;
    }
}

// ---- helpers ----------------------------------------------------------------------------------------

void TestWalkthroughGui::navigateTo(MainWindow::Page page)
{
    QTreeWidget *navigation = m_window->navigation();
    QTreeWidgetItem *target = nullptr;
    for (QTreeWidgetItemIterator it(navigation); *it; ++it) {
        const QVariant data = (*it)->data(0, Qt::UserRole);
        if (data.isValid() && data.toInt() == int(page))
            target = *it;
    }
    QVERIFY2(target, "the navigation has no entry for the page");
    const QRect rect = navigation->visualItemRect(target);
    QVERIFY2(rect.isValid(), qPrintable(u"the navigation entry %1 is not visible"_s.arg(target->text(0))));
    QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {}, rect.center());
    QVERIFY2(m_window->currentPage() == page,
             qPrintable(u"clicking \"%1\" in the navigation should show page %2, the window shows page %3"_s
                            .arg(target->text(0))
                            .arg(int(page))
                            .arg(int(m_window->currentPage()))));
}

void TestWalkthroughGui::choose(QComboBox *combo, const QString &text, const char *what)
{
    QVERIFY2(combo, qPrintable(u"no control for %1"_s.arg(QLatin1String(what))));
    QVERIFY2(combo->isEnabled(), qPrintable(u"%1 is disabled"_s.arg(QLatin1String(what))));
    const int index = combo->findText(text);
    QStringList offered;
    for (int i = 0; i < combo->count(); ++i)
        offered << combo->itemText(i);
    QVERIFY2(index >= 0, qPrintable(u"%1 should offer \"%2\"; it offers: %3"_s.arg(QLatin1String(what), text,
                                                                                   offered.join(u", "_s))));
    combo->setCurrentIndex(index);
    QVERIFY2(combo->currentText() == text,
             qPrintable(u"%1 should show \"%2\", it shows \"%3\""_s.arg(QLatin1String(what), text, combo->currentText())));
}

void TestWalkthroughGui::pressSyncNow(const char *step, Trigger trigger)
{
    QAction *action = m_window->syncNowAction();
    auto *toolBar = m_window->findChild<QToolBar *>(u"syncToolBar"_s);
    QVERIFY2(toolBar, "the Sync toolbar is missing");
    QWidget *button = toolBar->widgetForAction(action);
    QVERIFY2(button && button->isVisible(), "the Sync Now button is not on the toolbar");
    QTRY_VERIFY2_WITH_TIMEOUT(action->isEnabled() && button->isEnabled(),
                              qPrintable(u"%1: Sync Now should be available; the activity says \"%2\""_s.arg(
                                  QLatin1String(step), m_window->activityLabel()->text())),
                              kNetworkMs);
    m_window->statusBar()->clearMessage();
    if (trigger == Trigger::Shortcut) {
        // The keys go to the console window (a dialog closed just before may still count as the active one).
        m_window->activateWindow();
        QTRY_VERIFY2(QApplication::activeWindow() == m_window.get(), "the console window could not be activated for Ctrl+R");
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
        QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
    } else {
        QTest::mouseClick(button, Qt::LeftButton);
    }
    QVERIFY2(!action->isEnabled(),
             qPrintable(u"%1: pressing Sync Now should start a run (the button greys out); the activity says \"%2\""_s.arg(
                 QLatin1String(step), m_window->activityLabel()->text())));
    // The run's end reaches the window (Sync Now available again) and the orders page (its summary in
    // the status bar).
    QTRY_VERIFY2_WITH_TIMEOUT(action->isEnabled()
                                  && (m_window->statusBar()->currentMessage().startsWith(u"Sync finished"_s)
                                      || m_window->statusBar()->currentMessage().startsWith(u"Sync failed"_s)),
                              qPrintable(u"%1: the run pressed with Sync Now did not end; activity \"%2\", status bar \"%3\""_s.arg(
                                  QLatin1String(step), m_window->activityLabel()->text(),
                                  m_window->statusBar()->currentMessage())),
                              kNetworkMs);
    const QString message = m_window->statusBar()->currentMessage();
    QVERIFY2(message.startsWith(u"Sync finished"_s),
             qPrintable(u"%1: Sync Now should finish; the status bar says \"%2\", the activity \"%3\" (%4)"_s.arg(
                 QLatin1String(step), message, m_window->activityLabel()->text(), m_window->activityLabel()->toolTip())));
    qInfo("%s: %s (%s)", step, qPrintable(message), qPrintable(m_window->activityLabel()->text()));
    // The demo store's orders all sync cleanly: an error anywhere is a regression.
    QVERIFY2(message.contains(u", 0 errors"_s),
             qPrintable(u"%1: Sync Now should end without errors; the status bar says \"%2\", the Log page has the details"_s.arg(
                 QLatin1String(step), message)));
    // Whatever was refreshed on the way is painted.
    QTest::qWait(100);
}

int TestWalkthroughGui::gridRow()
{
    OrdersTableModel *model = m_window->ordersPage()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(OrdersTableModel::IncrementIdRole).toString() == m_incrementId)
            return row;
    }
    return -1;
}

QString TestWalkthroughGui::rowDescription(int row) const
{
    OrdersTableModel *model = m_window->ordersPage()->model();
    if (row < 0) {
        QStringList ids;
        for (int r = 0; r < model->rowCount(); ++r)
            ids << model->index(r, 0).data(OrdersTableModel::IncrementIdRole).toString();
        return u"the grid has no row for order %1 (it shows %2 rows: %3)"_s.arg(m_incrementId).arg(model->rowCount()).arg(ids.join(u", "_s));
    }
    return u"the grid shows order %1 with status \"%2\", reason \"%3\", Salesforce Order ID \"%4\", tooltip \"%5\""_s
        .arg(m_incrementId,
             model->index(row, OrdersTableModel::SyncStatusColumn).data().toString(),
             model->index(row, 0).data(OrdersTableModel::ReasonRole).toString(),
             model->index(row, OrdersTableModel::SalesforceIdColumn).data().toString(),
             SyncStatusDelegate::toolTipFor(model->index(row, OrdersTableModel::SyncStatusColumn)));
}

QImage TestWalkthroughGui::statusIcon(int row) const
{
    QTableView *view = m_window->ordersPage()->view();
    const QModelIndex index = m_window->ordersPage()->model()->index(row, OrdersTableModel::SyncStatusColumn);
    view->scrollTo(index);
    const QRect rect = view->visualRect(index);
    return view->viewport()->grab(rect).toImage();
}

void TestWalkthroughGui::demoStoreAction(QPushButton *button, const QString &expectedMessage, const char *step)
{
    m_panel->selectOrder(m_entityId);
    QVERIFY2(m_panel->selectedOrder() == m_entityId,
             qPrintable(u"%1: the Demo Store should list order %2 to select it"_s.arg(QLatin1String(step), m_incrementId)));
    QTRY_VERIFY2_WITH_TIMEOUT(button->isEnabled(),
                              qPrintable(u"%1: \"%2\" should be available for order %3; the panel says \"%4\""_s.arg(
                                  QLatin1String(step), button->text(), m_incrementId, m_panel->messageLabel()->text())),
                              kNetworkMs);
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(m_panel->messageLabel()->text().contains(expectedMessage)
                                  || m_panel->messageLabel()->property("error").toBool(),
                              qPrintable(u"%1: the Demo Store should report \"%2\"; it says \"%3\""_s.arg(
                                  QLatin1String(step), expectedMessage, m_panel->messageLabel()->text())),
                              kNetworkMs);
    QVERIFY2(m_panel->messageLabel()->text().contains(expectedMessage),
             qPrintable(u"%1: the Demo Store should report \"%2\"; it says \"%3\""_s.arg(
                 QLatin1String(step), expectedMessage, m_panel->messageLabel()->text())));
}

// ---- the steps ------------------------------------------------------------------------------------

// Salesforce › Orders: the walkthrough's options on both tabs, Apply, stored.
void TestWalkthroughGui::setOrderOptions()
{
    // The console opened on this page (see initTestCase).
    QVERIFY2(m_window->currentPage() == MainWindow::SalesforceOrdersPage,
             qPrintable(u"the console should still show Salesforce › Orders, it shows page %1"_s.arg(int(m_window->currentPage()))));
    OrdersConfigPage *page = m_window->ordersConfigPage();
    QVERIFY(page);
    // Default Status offers the org's Draft values once the schema arrived (asked for on opening the page).
    QTRY_VERIFY2_WITH_TIMEOUT(page->hasLiveOrderStatuses(),
                              qPrintable(u"Default Status should list the org's Draft-category Order Status values; its note says \"%1\""_s.arg(
                                  page->defaultStatusNote()->text())),
                              kNetworkMs);

    QTabWidget *tabs = page->tabs();
    tabs->setCurrentIndex(0);
    QCOMPARE(tabs->tabText(0).remove(u'&'), u"Order Configuration"_s);
    choose(qobject_cast<QComboBox *>(page->control(u"orders.automated_synchronization"_s)), u"Yes"_s, "Automated Synchronization");
    choose(qobject_cast<QComboBox *>(page->control(u"orders.zero_grand_total"_s)), u"Synchronize"_s, "Zero Grand Total");
    choose(qobject_cast<QComboBox *>(page->control(u"orders.synchronize_order_notes"_s)), u"Yes"_s, "Synchronize Order Notes");
    auto *defaultStatus = qobject_cast<QComboBox *>(page->control(u"orders.default_status"_s));
    QVERIFY(defaultStatus);
    QVERIFY2(defaultStatus->findText(u"Activated"_s) < 0,
             "Default Status should offer only the Draft-category values, not Activated");
    choose(defaultStatus, u"Draft"_s, "Default Status");
    choose(qobject_cast<QComboBox *>(page->control(u"orders.sync_all_orders"_s)), u"Yes"_s, "Sync all orders");
    if (QTest::currentTestFailed())
        return;
    tabs->setCurrentIndex(1);
    QCOMPARE(tabs->tabText(1).remove(u'&'), u"Advanced"_s);
    choose(qobject_cast<QComboBox *>(page->control(u"advanced.create_order"_s)), u"For paid order"_s, "Create Order");
    choose(qobject_cast<QComboBox *>(page->control(u"advanced.create_opportunity"_s)), u"No"_s, "Create Opportunity");
    if (QTest::currentTestFailed())
        return;

    QVERIFY2(page->applyButton()->isEnabled(), "Apply should be enabled after the options were changed");
    QTest::mouseClick(page->applyButton(), Qt::LeftButton);
    QVERIFY2(page->errorLabel()->isHidden(),
             qPrintable(u"Apply refused the walkthrough's options: \"%1\""_s.arg(page->errorLabel()->text())));
    QTRY_VERIFY2_WITH_TIMEOUT(!page->isSaving() && !page->applyButton()->isEnabled(),
                              qPrintable(u"the save of Salesforce › Orders did not come back: saving %1, Apply %2, error \"%3\""_s.arg(
                                  page->isSaving() ? u"yes"_s : u"no"_s,
                                  page->applyButton()->isEnabled() ? u"enabled"_s : u"disabled"_s,
                                  page->errorLabel()->text())),
                              kNetworkMs);
    QVERIFY2(page->errorLabel()->isHidden(),
             qPrintable(u"the worker refused the options: \"%1\""_s.arg(page->errorLabel()->text())));

    const auto stored = SettingsRepository(m_db).load();
    QVERIFY2(stored.has_value(), qPrintable(errorText(stored)));
    QVERIFY2(stored->automatedSynchronization(), "the store should hold Automated Synchronization Yes");
    QVERIFY2(stored->zeroGrandTotal() == ZeroGrandTotal::Synchronize, "the store should hold Zero Grand Total Synchronize");
    QVERIFY2(stored->synchronizeOrderNotes(), "the store should hold Synchronize Order Notes Yes");
    QCOMPARE(stored->defaultStatus(), u"Draft"_s);
    QVERIFY2(stored->syncAllOrders(), "the store should hold Sync all orders Yes");
    QVERIFY2(stored->createOrder() == CreateOrderMode::Paid, "the store should hold Create Order For paid order");
    QVERIFY2(stored->createOpportunity() == CreateOpportunityMode::No, "the store should hold Create Opportunity No");
    // Automated Synchronization Yes: the console now polls at the stored interval.
    QTRY_VERIFY2(m_window->pollTimer()->isActive(), "with Automated Synchronization Yes saved, the poll timer should run");
    QCOMPARE(m_window->pollTimer()->interval(), stored->pollingIntervalSeconds() * 1000);
}

// Salesforce › Fields Mapping › Order: "Add new mapping" shipping_description → Order.Description, Save Mapper.
void TestWalkthroughGui::addCustomMapping()
{
    navigateTo(MainWindow::FieldsMappingPage);
    if (QTest::currentTestFailed())
        return;
    FieldsMappingPage *page = m_window->fieldsMappingPage();
    QVERIFY(page);
    page->tabs()->setCurrentIndex(0);
    QVERIFY2(page->currentEntity() == MappingEntity::Order, "the first Fields Mapping tab should be Order");
    const auto before = MappingRepository(m_db).list(MappingEntity::Order);
    QVERIFY2(before.has_value(), qPrintable(errorText(before)));
    for (const FieldMapping &m : *before)
        QVERIFY2(m.salesforceField != kCustomSalesforceField, "Order.Description must have no mapping before the test adds one");
    const int rowsBefore = page->tableModel(MappingEntity::Order)->rowCount();

    QVERIFY2(page->addButton()->isEnabled(), "\"Add new mapping\" should be enabled");
    QTest::mouseClick(page->addButton(), Qt::LeftButton);
    AddMappingDialog *dialog = page->addMappingDialog();
    QVERIFY2(dialog, "\"Add new mapping\" should open the dialog");
    QTRY_VERIFY2(dialog->isVisible(), "the \"Add new mapping\" dialog is not shown");
    QVERIFY2(dialog->entity() == MappingEntity::Order, "the dialog should add an Order mapping");

    // Magento Attribute: typed into the searchable box; Salesforce Attribute: picked from the live list.
    QLineEdit *magentoEdit = dialog->magentoAttributeBox()->lineEdit();
    QVERIFY(magentoEdit);
    magentoEdit->clear();
    QTest::keyClicks(magentoEdit, kCustomMagentoAttribute);
    QVERIFY2(dialog->magentoAttributeBox()->currentText() == kCustomMagentoAttribute,
             qPrintable(u"Magento Attribute should read \"%1\", it reads \"%2\""_s.arg(kCustomMagentoAttribute,
                                                                                       dialog->magentoAttributeBox()->currentText())));
    choose(dialog->salesforceAttributeBox(), kCustomSalesforceField, "Salesforce Attribute");
    choose(dialog->enabledBox(), u"Yes"_s, "Enable");
    choose(dialog->whenBox(), u"Upsert"_s, "When");
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(dialog->fieldInfoLabel()->text().contains(u"textarea"_s),
             qPrintable(u"the field info should give Description's type textarea; it says \"%1\""_s.arg(dialog->fieldInfoLabel()->text())));
    QTest::mouseClick(dialog->buttonBox()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY2(!page->addMappingDialog() || !page->addMappingDialog()->isVisible(),
                 qPrintable(u"OK should close the dialog; it stays open saying \"%1\""_s.arg(
                     page->addMappingDialog() ? page->addMappingDialog()->errorLabel()->text() : QString())));
    QVERIFY2(page->tableModel(MappingEntity::Order)->rowCount() == rowsBefore + 1,
             qPrintable(u"the Order table should show one more row (%1), it shows %2"_s.arg(rowsBefore + 1).arg(
                 page->tableModel(MappingEntity::Order)->rowCount())));
    QVERIFY2(page->isDirty(), "the new mapping should be staged until Save Mapper");

    QVERIFY2(page->saveButton()->isEnabled(), "Save Mapper should be enabled with a staged mapping");
    QTest::mouseClick(page->saveButton(), Qt::LeftButton);
    QVERIFY2(page->errorLabel()->isHidden(),
             qPrintable(u"Save Mapper refused the mapping: \"%1\""_s.arg(page->errorLabel()->text())));
    QTRY_VERIFY2_WITH_TIMEOUT(!page->isDirty() || !page->errorLabel()->isHidden(),
                              "Save Mapper's answer did not come back", kNetworkMs);
    QVERIFY2(!page->isDirty() && page->errorLabel()->isHidden(),
             qPrintable(u"the worker should store the mapping; the page says \"%1\""_s.arg(page->errorLabel()->text())));

    const auto after = MappingRepository(m_db).list(MappingEntity::Order);
    QVERIFY2(after.has_value(), qPrintable(errorText(after)));
    bool found = false;
    for (const FieldMapping &m : *after) {
        if (m.salesforceField == kCustomSalesforceField) {
            found = m.magentoAttribute == kCustomMagentoAttribute && m.enabled && m.when == WhenMode::Upsert && !m.system;
            QVERIFY2(found, qPrintable(u"the stored mapping should be a custom enabled Upsert of %1; it is %2"_s.arg(
                                kCustomMagentoAttribute, m.describe())));
        }
    }
    QVERIFY2(found, "Save Mapper did not store the Order.Description mapping");
}

// Demo Store: two products with quantities, a customer, Place Order.
void TestWalkthroughGui::placeOrderInDemoStore()
{
    QTableWidget *products = m_panel->productTable();
    auto rowOf = [products](const QString &sku) {
        for (int row = 0; row < products->rowCount(); ++row) {
            if (products->item(row, 1) && products->item(row, 1)->text() == sku)
                return row;
        }
        return -1;
    };
    const int first = rowOf(u"MB-1001"_s);
    const int second = rowOf(u"MG-2001"_s);
    QVERIFY2(first >= 0 && second >= 0, "the Demo Store should offer MB-1001 and MG-2001");
    const QList<std::pair<int, int>> quantities{{first, 1}, {second, 2}};
    for (const auto &[row, quantity] : quantities) {
        QSpinBox *box = m_panel->quantityBox(row);
        QVERIFY(box);
        box->setFocus();
        box->selectAll();
        QTest::keyClicks(box, QString::number(quantity));
        QTest::keyClick(box, Qt::Key_Tab);
        QVERIFY2(box->value() == quantity,
                 qPrintable(u"the quantity of row %1 should be %2, it is %3"_s.arg(row).arg(quantity).arg(box->value())));
    }
    QVERIFY2(m_panel->chosenLines().size() == 2,
             qPrintable(u"two lines should be in the cart, there are %1"_s.arg(m_panel->chosenLines().size())));
    choose(m_panel->customerBox(), m_panel->customerBox()->itemText(1), "Customer");
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(m_panel->customerBox()->currentText().contains(u"John Smith"_s),
             qPrintable(u"the customer should be John Smith; the box shows \"%1\""_s.arg(m_panel->customerBox()->currentText())));
    QTest::mouseClick(m_panel->placeOrderButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(m_panel->messageLabel()->text().contains(u"placed"_s)
                                  || m_panel->messageLabel()->property("error").toBool(),
                              qPrintable(u"Place Order did not answer; the panel says \"%1\""_s.arg(m_panel->messageLabel()->text())),
                              kNetworkMs);
    QVERIFY2(m_panel->messageLabel()->text().contains(u"placed"_s),
             qPrintable(u"Place Order should place the order; the panel says \"%1\""_s.arg(m_panel->messageLabel()->text())));
    // The store's recent orders are listed again with the new one selected.
    QTRY_VERIFY2_WITH_TIMEOUT(m_panel->selectedOrder() > 0 && m_panel->orderList()->currentItem()
                                  && m_panel->messageLabel()->text().contains(m_panel->orderList()->currentItem()->text(0)),
                              qPrintable(u"the placed order should be listed and selected in the Demo Store; the panel says \"%1\""_s.arg(
                                  m_panel->messageLabel()->text())),
                              kNetworkMs);
    m_entityId = m_panel->selectedOrder();
    m_incrementId = m_panel->orderList()->currentItem()->text(0);
    QVERIFY2(m_panel->messageLabel()->text().contains(m_incrementId),
             qPrintable(u"the message should name order %1: \"%2\""_s.arg(m_incrementId, m_panel->messageLabel()->text())));
}

// Sync Now: the order is in the grid, red Out of Sync because of Create Order: For paid order; no Order in the org.
void TestWalkthroughGui::syncNowShowsOutOfSync()
{
    navigateTo(MainWindow::SalesOrdersPage);
    if (QTest::currentTestFailed())
        return;
    pressSyncNow("after Place Order");
    if (QTest::currentTestFailed())
        return;
    OrdersTableModel *model = m_window->ordersPage()->model();
    const int row = gridRow();
    QVERIFY2(row >= 0, qPrintable(u"after Sync Now "_s + rowDescription(row)));
    const QModelIndex status = model->index(row, OrdersTableModel::SyncStatusColumn);
    QVERIFY2(status.data(OrdersTableModel::SyncStatusRole).toInt() == int(SyncStatus::OutOfSync),
             qPrintable(u"expected Out of Sync; "_s + rowDescription(row)));
    QVERIFY2(status.data(OrdersTableModel::ReasonRole).toString().contains(u"For paid order"_s)
                 && SyncStatusDelegate::toolTipFor(status).contains(u"For paid order"_s),
             qPrintable(u"expected the reason Create Order: For paid order in the status and its tooltip; "_s + rowDescription(row)));
    QVERIFY2(model->index(row, OrdersTableModel::SalesforceIdColumn).data().toString().isEmpty(),
             qPrintable(u"expected no Salesforce Order ID; "_s + rowDescription(row)));
    const auto [green, red] = greenAndRedPixels(statusIcon(row));
    QVERIFY2(red >= kIconPixels && green == 0,
             qPrintable(u"the status icon should be the red exclamation mark; the cell has %1 red and %2 green pixels"_s.arg(red).arg(green)));
    QVERIFY2(model->index(row, OrdersTableModel::BillToNameColumn).data().toString() == u"John Smith"_s
                 && model->index(row, OrdersTableModel::StatusColumn).data().toString() == u"Pending"_s,
             qPrintable(u"the grid should show John Smith's Pending order; it shows \"%1\", \"%2\""_s.arg(
                 model->index(row, OrdersTableModel::BillToNameColumn).data().toString(),
                 model->index(row, OrdersTableModel::StatusColumn).data().toString())));
    QVERIFY2(!m_window->apiUsageLabel()->text().contains(u"–"_s),
             qPrintable(u"after a run the status bar should show today's API usage; it shows \"%1\""_s.arg(
                 m_window->apiUsageLabel()->text())));
    const auto orders = soql(u"SELECT Id FROM Order WHERE Magento_ID__c = '%1'"_s.arg(m_incrementId));
    QVERIFY2(orders.isEmpty(), qPrintable(u"the org should hold no Order for %1 before the invoice; it holds %2"_s.arg(
                                   m_incrementId).arg(orders.size())));
}

// Invoice, Sync Now: green In Sync, the ID appears and its link opens the Order's Lightning page; the Order is complete.
void TestWalkthroughGui::invoiceAndSyncShowsInSync()
{
    demoStoreAction(m_panel->invoiceButton(), u"invoiced"_s, "Invoice");
    if (QTest::currentTestFailed())
        return;
    pressSyncNow("after Invoice");
    if (QTest::currentTestFailed())
        return;
    OrdersTableModel *model = m_window->ordersPage()->model();
    const int row = gridRow();
    QVERIFY2(row >= 0, qPrintable(u"after Sync Now "_s + rowDescription(row)));
    const QModelIndex status = model->index(row, OrdersTableModel::SyncStatusColumn);
    QVERIFY2(status.data(OrdersTableModel::SyncStatusRole).toInt() == int(SyncStatus::InSync),
             qPrintable(u"expected In Sync after the invoice; "_s + rowDescription(row)));
    const QModelIndex idCell = model->index(row, OrdersTableModel::SalesforceIdColumn);
    m_salesforceOrderId = idCell.data().toString();
    QVERIFY2(m_salesforceOrderId.startsWith(u"801"_s), qPrintable(u"expected a Salesforce Order ID (801…); "_s + rowDescription(row)));
    const auto [green, red] = greenAndRedPixels(statusIcon(row));
    QVERIFY2(green >= kIconPixels && red == 0,
             qPrintable(u"the status icon should have turned into the green tick; the cell has %1 green and %2 red pixels"_s.arg(green).arg(red)));

    // The ID is a link into the org.
    QTableView *view = m_window->ordersPage()->view();
    view->scrollTo(idCell);
    m_opened.clear();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(idCell).center());
    const QUrl expected(m_instanceUrl.toString() + u"/lightning/r/Order/"_s + m_salesforceOrderId + u"/view"_s);
    QVERIFY2(m_opened.size() == 1 && m_opened.first() == expected,
             qPrintable(u"clicking the Salesforce Order ID should open %1; opened: %2"_s.arg(
                 expected.toString(), m_opened.isEmpty() ? u"nothing"_s : m_opened.first().toString())));

    // In the org: the Order with its two Order Products, Account, Contact and the custom-mapped field.
    const auto orders = soql(u"SELECT Id, AccountId, Status, Description, (SELECT Id, Quantity FROM OrderItems) FROM Order "
                             u"WHERE Magento_ID__c = '%1'"_s.arg(m_incrementId));
    QVERIFY2(orders.size() == 1, qPrintable(u"the org should hold one Order for %1; it holds %2"_s.arg(m_incrementId).arg(orders.size())));
    const QJsonObject order = orders.first();
    QCOMPARE(order.value(u"Id"_s).toString(), m_salesforceOrderId);
    QCOMPARE(order.value(u"Status"_s).toString(), u"Draft"_s);
    const int items = order.value(u"OrderItems"_s).toObject().value(u"totalSize"_s).toInt();
    QVERIFY2(items == 2, qPrintable(u"the Order should have 2 Order Products; it has %1"_s.arg(items)));
    QList<double> quantities;
    for (const QJsonValue &item : order.value(u"OrderItems"_s).toObject().value(u"records"_s).toArray())
        quantities << item.toObject().value(u"Quantity"_s).toDouble();
    std::sort(quantities.begin(), quantities.end());
    QVERIFY2(quantities == (QList<double>{1.0, 2.0}),
             qPrintable(u"the Order Products should have the quantities 1 and 2 chosen in the Demo Store; they have %1"_s.arg(
                 QString::number(quantities.value(0)) + u", "_s + QString::number(quantities.value(1)))));
    const QString accountId = order.value(u"AccountId"_s).toString();
    QVERIFY2(accountId.startsWith(u"001"_s), qPrintable(u"the Order should have an Account; AccountId is \"%1\""_s.arg(accountId)));
    const auto contacts = soql(u"SELECT Id FROM Contact WHERE Email = 'john.smith@example.com' AND AccountId = '%1'"_s.arg(accountId));
    QVERIFY2(contacts.size() == 1,
             qPrintable(u"the Order's Account should have John Smith's Contact; found %1"_s.arg(contacts.size())));
    const auto stored = OrdersRepository(m_db).findByEntityId(m_entityId);
    QVERIFY(stored && stored->has_value());
    QCOMPARE((*stored)->salesforceContactId, contacts.first().value(u"Id"_s).toString());
    m_customValue = order.value(u"Description"_s).toString();
    QVERIFY2(m_customValue.contains(u"Flat Rate"_s),
             qPrintable(u"Order.Description should carry shipping_description through the custom mapping; it is \"%1\""_s.arg(m_customValue)));
}

// Add Comment… in the Demo Store, Sync Now: exactly one Note with the comment on the Order.
void TestWalkthroughGui::commentBecomesNote()
{
    m_panel->selectOrder(m_entityId);
    QTRY_VERIFY2_WITH_TIMEOUT(m_panel->commentButton()->isEnabled(),
                              qPrintable(u"Add Comment… should be available; the panel says \"%1\""_s.arg(m_panel->messageLabel()->text())),
                              kNetworkMs);
    QTest::mouseClick(m_panel->commentButton(), Qt::LeftButton);
    QInputDialog *dialog = m_panel->commentDialog();
    QVERIFY2(dialog, "Add Comment… should open the comment dialog");
    QTRY_VERIFY2(dialog->isVisible(), "the comment dialog is not shown");
    auto *edit = dialog->findChild<QPlainTextEdit *>();
    QVERIFY2(edit, "the comment dialog has no text field");
    QTest::keyClicks(edit, kComment);
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(buttons && buttons->button(QDialogButtonBox::Ok));
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(m_panel->messageLabel()->text().contains(u"Comment added"_s)
                                  || m_panel->messageLabel()->property("error").toBool(),
                              qPrintable(u"the comment did not reach the store; the panel says \"%1\""_s.arg(m_panel->messageLabel()->text())),
                              kNetworkMs);
    QVERIFY2(m_panel->messageLabel()->text().contains(u"Comment added"_s),
             qPrintable(u"the Demo Store should say \"Comment added\"; it says \"%1\""_s.arg(m_panel->messageLabel()->text())));

    pressSyncNow("after Add Comment (Ctrl+R)", Trigger::Shortcut);
    if (QTest::currentTestFailed())
        return;
    const int row = gridRow();
    QVERIFY2(row >= 0 && m_window->ordersPage()->model()->index(row, 0).data(OrdersTableModel::SyncStatusRole).toInt()
                             == int(SyncStatus::InSync),
             qPrintable(u"expected In Sync after the comment; "_s + rowDescription(row)));
    const auto notes = soql(u"SELECT Id, Title, Body FROM Note WHERE ParentId = '%1'"_s.arg(m_salesforceOrderId));
    QStringList bodies;
    int matching = 0;
    for (const QJsonObject &note : notes) {
        bodies << note.value(u"Body"_s).toString();
        if (note.value(u"Body"_s).toString() == kComment)
            ++matching;
    }
    QVERIFY2(matching == 1, qPrintable(u"exactly one Note should carry the comment; %1 do, the Order's Notes: %2"_s.arg(matching).arg(
                                bodies.join(u" | "_s))));
}

// Ship in the Demo Store, Sync Now: Activated through the Order Status mapping, still In Sync; the dialog's links and history.
void TestWalkthroughGui::shipAndStatusFollows()
{
    demoStoreAction(m_panel->shipButton(), u"shipped"_s, "Ship");
    if (QTest::currentTestFailed())
        return;
    pressSyncNow("after Ship");
    if (QTest::currentTestFailed())
        return;
    const auto orders = soql(u"SELECT Id, Status FROM Order WHERE Magento_ID__c = '%1'"_s.arg(m_incrementId));
    QVERIFY2(orders.size() == 1, qPrintable(u"the org should still hold one Order for %1; it holds %2"_s.arg(m_incrementId).arg(orders.size())));
    QVERIFY2(orders.first().value(u"Status"_s).toString() == u"Activated"_s,
             qPrintable(u"the shipped (complete) order should be Activated in the org; it is \"%1\""_s.arg(
                 orders.first().value(u"Status"_s).toString())));
    const auto notes = soql(u"SELECT Id FROM Note WHERE ParentId = '%1' AND Body = '%2'"_s.arg(m_salesforceOrderId, kComment));
    QVERIFY2(notes.size() == 1, qPrintable(u"the comment's Note should stay single after the shipment; there are %1"_s.arg(notes.size())));

    OrdersPage *page = m_window->ordersPage();
    OrdersTableModel *model = page->model();
    const int row = gridRow();
    QVERIFY2(row >= 0, qPrintable(u"after Sync Now "_s + rowDescription(row)));
    QVERIFY2(model->index(row, 0).data(OrdersTableModel::SyncStatusRole).toInt() == int(SyncStatus::InSync)
                 && model->index(row, OrdersTableModel::SalesforceIdColumn).data().toString() == m_salesforceOrderId,
             qPrintable(u"expected In Sync with %1 after the shipment; "_s.arg(m_salesforceOrderId) + rowDescription(row)));
    QVERIFY2(model->index(row, OrdersTableModel::StatusColumn).data().toString() == u"Complete"_s,
             qPrintable(u"the grid's Magento status should be Complete; it is \"%1\""_s.arg(
                 model->index(row, OrdersTableModel::StatusColumn).data().toString())));

    // Double-click opens the order; its Salesforce tab links the records and lists the attempts.
    QTableView *view = page->view();
    const QModelIndex cell = model->index(row, OrdersTableModel::BillToNameColumn);
    view->scrollTo(cell);
    const QPoint centre = view->visualRect(cell).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, centre);
    OrderDialog *dialog = page->orderDialog(m_entityId);
    QVERIFY2(dialog, "double-clicking the row should open the order dialog");
    QTRY_VERIFY(dialog->isVisible());
    dialog->tabs()->setCurrentIndex(OrderDialog::SalesforceTab);
    QCOMPARE(dialog->incrementId(), m_incrementId);
    QVERIFY2(dialog->syncStatusLabel()->text() == u"In Sync"_s,
             qPrintable(u"the dialog should say In Sync; it says \"%1\""_s.arg(dialog->syncStatusLabel()->text())));
    const QString orderLink = dialog->linkLabel(u"Order"_s)->text();
    QVERIFY2(orderLink.contains(m_instanceUrl.toString() + u"/lightning/r/Order/"_s + m_salesforceOrderId + u"/view"_s),
             qPrintable(u"the Order link should open the Order's Lightning page; it is \"%1\""_s.arg(orderLink)));
    const auto stored = OrdersRepository(m_db).findByEntityId(m_entityId);
    QVERIFY(stored && stored->has_value());
    const QString accountLink = dialog->linkLabel(u"Account"_s)->text();
    QVERIFY2(accountLink.contains(u"/lightning/r/Account/"_s + (*stored)->salesforceAccountId + u"/view"_s),
             qPrintable(u"the Account link should name %1; it is \"%2\""_s.arg((*stored)->salesforceAccountId, accountLink)));
    const QString contactLink = dialog->linkLabel(u"Contact"_s)->text();
    QVERIFY2(contactLink.contains(u"/lightning/r/Contact/"_s + (*stored)->salesforceContactId + u"/view"_s),
             qPrintable(u"the Contact link should name %1; it is \"%2\""_s.arg((*stored)->salesforceContactId, contactLink)));
    QVERIFY2(dialog->linkLabel(u"Opportunity"_s)->text() == u"Not linked"_s,
             qPrintable(u"Create Opportunity is No, so no Opportunity should be linked; the dialog shows \"%1\""_s.arg(
                 dialog->linkLabel(u"Opportunity"_s)->text())));
    // Out of Sync, then In Sync after the invoice, the comment and the shipment: four attempts at least.
    QVERIFY2(dialog->historyModel()->rowCount() >= 4,
             qPrintable(u"the history should list the four syncs of the walkthrough; it lists %1"_s.arg(dialog->historyModel()->rowCount())));
    // The dialog's Order link opens the same page as the grid's.
    QLabel *orderLabel = dialog->linkLabel(u"Order"_s);
    m_opened.clear();
    QTest::mouseClick(orderLabel, Qt::LeftButton, {}, QPoint(orderLabel->contentsRect().left() + 6, orderLabel->height() / 2));
    QVERIFY2(m_opened.size() == 1 && m_opened.first() == dialog->linkFor(u"Order"_s),
             qPrintable(u"clicking the dialog's Order link should open %1; opened: %2"_s.arg(
                 dialog->linkFor(u"Order"_s).toString(), m_opened.isEmpty() ? u"nothing"_s : m_opened.first().toString())));
    dialog->close();

    // The Log page lists what the runs did with the order.
    navigateTo(MainWindow::LogPage);
    if (QTest::currentTestFailed())
        return;
    LogPage *log = m_window->logPage();
    QVERIFY(log);
    log->orderSearch()->clear();
    QTest::keyClicks(log->orderSearch(), m_incrementId);
    QTRY_VERIFY2(log->model()->rowCount() > 0
                     && log->model()->index(0, 0).data(LogTableModel::IncrementIdRole).toString() == m_incrementId,
                 qPrintable(u"the Log page should list the sync entries of %1; it lists %2 rows (%3)"_s.arg(m_incrementId).arg(
                     log->model()->rowCount()).arg(log->countLabel()->text())));
    navigateTo(MainWindow::SalesOrdersPage);
}

// The walkthrough's order selected in the grid, another order placed and synced: it gets its row, the selection stays.
void TestWalkthroughGui::newOrderKeepsTheSelection()
{
    OrdersPage *page = m_window->ordersPage();
    OrdersTableModel *model = page->model();
    const int rowsBefore = model->rowCount();
    int row = gridRow();
    QVERIFY2(row >= 0, qPrintable(rowDescription(row)));
    QTableView *view = page->view();
    const QModelIndex cell = model->index(row, OrdersTableModel::BillToNameColumn);
    view->scrollTo(cell);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(cell).center());
    QCOMPARE(page->selectedIncrementIds(), QStringList{m_incrementId});

    QTableWidget *products = m_panel->productTable();
    int product = -1;
    for (int r = 0; r < products->rowCount(); ++r) {
        if (products->item(r, 1) && products->item(r, 1)->text() == u"MB-1001"_s)
            product = r;
    }
    QVERIFY(product >= 0);
    QSpinBox *box = m_panel->quantityBox(product);
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, u"1"_s);
    QTest::keyClick(box, Qt::Key_Tab);
    QTest::mouseClick(m_panel->placeOrderButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(m_panel->messageLabel()->text().contains(u"placed"_s) && m_panel->orderList()->currentItem()
                                  && m_panel->selectedOrder() != m_entityId,
                              qPrintable(u"the second order was not placed; the panel says \"%1\""_s.arg(m_panel->messageLabel()->text())),
                              kNetworkMs);
    const QString second = m_panel->orderList()->currentItem()->text(0);

    pressSyncNow("after a second order");
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(model->rowCount() == rowsBefore + 1,
             qPrintable(u"the grid should show the second order %1 as a new row (%2 rows), it shows %3 rows"_s.arg(second).arg(
                 rowsBefore + 1).arg(model->rowCount())));
    bool found = false;
    for (int r = 0; r < model->rowCount(); ++r)
        found = found || model->index(r, 0).data(OrdersTableModel::IncrementIdRole).toString() == second;
    QVERIFY2(found, qPrintable(u"the grid has no row for the second order %1"_s.arg(second)));
    QVERIFY2(page->selectedIncrementIds() == QStringList{m_incrementId},
             qPrintable(u"the selection should stay on %1 while new orders arrive; selected: %2"_s.arg(
                 m_incrementId, page->selectedIncrementIds().join(u", "_s))));
    row = gridRow();
    QVERIFY2(view->currentIndex().row() == row,
             qPrintable(u"the current row should stay on %1 (row %2); it is row %3"_s.arg(m_incrementId).arg(row).arg(
                 view->currentIndex().row())));
}

QTEST_MAIN(TestWalkthroughGui)
#include "tst_walkthrough_gui.moc"
