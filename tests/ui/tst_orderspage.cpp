#include "orders/orderdialog.h"
#include "orders/ordersfilterpanel.h"
#include "orders/orderspage.h"
#include "orders/salesforceidcolumn.h"
#include "ordersfixture.h"
#include "orders/previewmodel.h"
#include "orders/orderstablemodel.h"
#include "orders/syncstatusdelegate.h"

#include "store/database.h"
#include "sync/syncworker.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QMenu>
#include <QSettings>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QSettings>
#include <QTest>
#include <QThread>

using namespace Qt::Literals::StringLiterals;
using OrderBridge::SyncStatus;

namespace {

// Stands in for MainWindow and WorkerHost at the page's seam: takes the page's requests queued, as
// the host queues them to the worker, and records them and the thread they ran in.
class FakeSyncReceiver : public QObject
{
    Q_OBJECT

public:
    QList<QStringList> syncCalls;
    int cancelCalls = 0;
    QThread *calledIn = nullptr;
    QStringList previewCalls;

    /// Takes the page's sync and cancel requests and, with `previews`, its preview requests.
    void attach(OrdersPage &page, bool previews = false)
    {
        page.setSyncAvailable(true);
        page.setPreviewAvailable(previews);
        connect(&page, &OrdersPage::syncRequested, this, [this](const QStringList &incrementIds) {
            syncCalls << incrementIds;
            calledIn = QThread::currentThread();
        }, Qt::QueuedConnection);
        connect(&page, &OrdersPage::cancelRequested, this, [this] { ++cancelCalls; }, Qt::QueuedConnection);
        if (previews) {
            connect(&page, &OrdersPage::previewRequested, this,
                    [this](const QString &incrementId) { previewCalls << incrementId; }, Qt::QueuedConnection);
        }
    }
};

constexpr int orderCount = 600;

} // namespace

class TestOrdersPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void syncActionSendsTheSelectionQueued();
    void shortcutAndContextMenuCarryTheAction();
    void progressAndCancel();
    void batchResultsRefreshRowsKeepingSelectionAndScroll();
    void filtersApplyFromTheToolbar();
    void refreshCountsNewOrders();
    void salesforceLinkUrl();
    void delegateShowsIconsAndTooltips();
    void clickingTheSalesforceIdOpensIt();
    void doubleClickOrEnterOpensTheOrder();
    void dialogRequestsGoThroughTheReceiver();
    void withoutPreviewSlotTheDialogIsTold();
    void instanceUrlAndOpenerReachTheDialogs();
    void salesforceIdColumnFitsAnId_data();
    void salesforceIdColumnFitsAnId();
    void purchaseDateColumnFitsADate();
    void recordsFoundAndNoMatchMessage();
    void dateAndTotalRangesFilter();
    void badRangesAreNamedAndNotApplied_data();
    void badRangesAreNamedAndNotApplied();
    void headerMenuHidesColumnsAndStateIsRestored();
    void exportWritesTheWholeFilteredView();

private:
    void selectRows(OrdersPage &page, const QList<int> &rows);

    QTemporaryDir m_dir;
    std::shared_ptr<OrderBridge::Database> m_database;
    int m_run = 0;
};

void TestOrdersPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestOrdersPage::init()
{
    QSettings().remove(u"orderDialog/lastTab"_s); // the order dialog opens on Information
    // A fresh store per test: tests change rows.
    m_database.reset();
    auto opened = OrderBridge::Database::open(m_dir.filePath(u"orders-%1.sqlite"_s.arg(++m_run)));
    if (!opened)
        QFAIL(qPrintable(opened.error().toString()));
    m_database = *opened;
    const QString error = OrdersFixture::fill(*m_database, orderCount);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // Header state is kept across runs; each test starts from the default columns.
    QSettings().remove(OrdersPage::headerStateKey());
}

void TestOrdersPage::selectRows(OrdersPage &page, const QList<int> &rows)
{
    QItemSelectionModel *selection = page.view()->selectionModel();
    selection->clearSelection();
    for (int row : rows)
        selection->select(page.model()->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
}

void TestOrdersPage::syncActionSendsTheSelectionQueued()
{
    OrdersPage page(m_database);
    FakeSyncReceiver receiver;
    QVERIFY(!page.syncAction()->isEnabled()); // no receiver yet
    receiver.attach(page);
    QVERIFY(!page.syncAction()->isEnabled()); // nothing selected
    page.model()->sort(OrdersTableModel::IdColumn, Qt::AscendingOrder);
    selectRows(page, {0, 2, 5});
    QVERIFY(page.syncAction()->isEnabled());
    const QStringList expected{OrdersFixture::incrementId(1), OrdersFixture::incrementId(3), OrdersFixture::incrementId(6)};
    QCOMPARE(page.selectedIncrementIds(), expected);

    QSignalSpy requested(&page, &OrdersPage::syncRequested);
    page.syncAction()->trigger();
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(0).toStringList(), expected);
    // Queued: the receiver has not run when trigger() returns; it runs from the event loop.
    QVERIFY(receiver.syncCalls.isEmpty());
    QTRY_COMPARE(receiver.syncCalls.size(), 1);
    QCOMPARE(receiver.syncCalls.at(0), expected);
    QVERIFY(page.isSyncRunning());
    QVERIFY(!page.syncAction()->isEnabled()); // one batch at a time
    page.syncSelection();
    QTest::qWait(20);
    QCOMPARE(receiver.syncCalls.size(), 1);
}

void TestOrdersPage::shortcutAndContextMenuCarryTheAction()
{
    OrdersPage page(m_database);
    FakeSyncReceiver receiver;
    receiver.attach(page);
    page.resize(900, 500);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    QCOMPARE(page.syncAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    QVERIFY(page.actions().contains(page.syncAction()));

    page.view()->setFocus();
    selectRows(page, {1});
    const QString expected = page.model()->index(1, 0).data(OrdersTableModel::IncrementIdRole).toString();
    QTest::keyClick(page.view(), Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE(receiver.syncCalls.size(), 1);
    QCOMPARE(receiver.syncCalls.at(0), QStringList{expected});
}

void TestOrdersPage::progressAndCancel()
{
    OrdersPage page(m_database);
    FakeSyncReceiver receiver;
    receiver.attach(page);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(!page.progressBar()->isVisible());
    selectRows(page, {0, 1, 2, 3});
    page.syncAction()->trigger();
    QVERIFY(page.progressBar()->isVisible());
    QVERIFY(page.cancelButton()->isVisible());
    page.handleProgress(1, 4);
    QCOMPARE(page.progressBar()->maximum(), 4);
    QCOMPARE(page.progressBar()->value(), 1);
    QTest::mouseClick(page.cancelButton(), Qt::LeftButton);
    QTRY_COMPARE(receiver.cancelCalls, 1);
    QVERIFY(!page.cancelButton()->isEnabled());

    QSignalSpy news(&page, &OrdersPage::statusMessage);
    OrderBridge::SyncRunSummary summary;
    summary.inSync = 1;
    summary.stoppedBecause = u"cancelled"_s;
    page.handleFinished(summary);
    QVERIFY(!page.progressBar()->isVisible());
    QVERIFY(!page.isSyncRunning());
    QVERIFY(page.syncAction()->isEnabled());
    QCOMPARE(news.count(), 1);
    QVERIFY(news.at(0).at(0).toString().contains(u"1 in sync"_s));
}

void TestOrdersPage::batchResultsRefreshRowsKeepingSelectionAndScroll()
{
    OrdersPage page(m_database);
    FakeSyncReceiver receiver;
    receiver.attach(page);
    page.resize(900, 400);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.model()->sort(OrdersTableModel::IdColumn, Qt::AscendingOrder);
    // Scroll down and select two orders that are pending (1 % 5 and 6 % 5 are 1).
    page.view()->scrollTo(page.model()->index(150, 0), QAbstractItemView::PositionAtTop);
    const int scroll = page.view()->verticalScrollBar()->value();
    QVERIFY(scroll > 0);
    selectRows(page, {150, 155});
    const qint64 first = page.model()->index(150, 0).data(OrdersTableModel::EntityIdRole).toLongLong();
    const qint64 second = page.model()->index(155, 0).data(OrdersTableModel::EntityIdRole).toLongLong();
    page.syncAction()->trigger();
    QTRY_COMPARE(receiver.syncCalls.size(), 1);

    // The worker has written the outcome to the store and reports it in two batches.
    QVERIFY(OrdersFixture::markInSync(*m_database, first, u"801000000000151AAA"_s));
    QVERIFY(OrdersFixture::markError(*m_database, second, u"salesforce.INVALID_FIELD"_s, u"No such column."_s,
                                     u"Map an existing field."_s));
    QSignalSpy reset(page.model(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(page.model(), &QAbstractItemModel::dataChanged);
    OrderBridge::OrderOutcome a;
    a.entityId = first;
    a.status = SyncStatus::InSync;
    OrderBridge::OrderOutcome b;
    b.entityId = second;
    b.status = SyncStatus::Error;
    page.handleBatchFinished({a});
    page.handleBatchFinished({b});
    QCOMPARE(changed.count(), 0); // coalesced on a short timer
    QTRY_COMPARE(changed.count(), 2);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(page.model()->index(150, OrdersTableModel::SalesforceIdColumn).data().toString(), u"801000000000151AAA"_s);
    QCOMPARE(page.model()->index(155, 0).data(OrdersTableModel::SyncStatusRole).toInt(), int(SyncStatus::Error));
    QCOMPARE(page.view()->verticalScrollBar()->value(), scroll);
    QCOMPARE(page.view()->selectionModel()->selectedRows().size(), 2);
    QVERIFY(page.view()->selectionModel()->isRowSelected(150, {}));
    QVERIFY(page.view()->selectionModel()->isRowSelected(155, {}));
}

void TestOrdersPage::filtersApplyFromTheToolbar()
{
    OrdersPage page(m_database);
    QCOMPARE(page.model()->rowCount(), orderCount);
    const int errorIndex = page.syncStatusFilter()->findData(int(SyncStatus::Error));
    QVERIFY(errorIndex > 0);
    page.syncStatusFilter()->setCurrentIndex(errorIndex);
    QCOMPARE(page.model()->rowCount(), orderCount / 5);
    const int completeIndex = page.statusFilter()->findData(u"complete"_s);
    QVERIFY(completeIndex > 0);
    page.statusFilter()->setCurrentIndex(completeIndex);
    QCOMPARE(page.model()->magentoStatusFilter(), u"complete"_s);
    int expected = 0;
    for (int i = 1; i <= orderCount; ++i)
        expected += (i % 5 == 3 && i % 3 == 2) ? 1 : 0;
    QCOMPARE(page.model()->rowCount(), expected);
    // Typing waits for a pause, then filters.
    page.statusFilter()->setCurrentIndex(0);
    page.syncStatusFilter()->setCurrentIndex(0);
    QTest::keyClicks(page.searchField(), u"alice"_s);
    QCOMPARE(page.model()->rowCount(), orderCount);
    QTRY_COMPARE(page.model()->rowCount(), orderCount / 4);
    QCOMPARE(page.model()->search(), u"alice"_s);
}

void TestOrdersPage::refreshCountsNewOrders()
{
    OrdersPage page(m_database);
    QCOMPARE(page.model()->rowCount(), orderCount);
    // The worker stored more orders; Refresh (F5) shows them.
    QSqlQuery insert(m_database->connection());
    QVERIFY(insert.exec(u"INSERT INTO orders (magento_entity_id, increment_id, created_at, updated_at)"
                        u" VALUES (99999, '200000001', '2027-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z')"_s));
    QCOMPARE(page.model()->rowCount(), orderCount);
    page.refreshAction()->trigger();
    QCOMPARE(page.model()->rowCount(), orderCount + 1);
    QCOMPARE(page.model()->index(0, 0).data().toString(), u"200000001"_s);
    QCOMPARE(page.refreshAction()->shortcut(), QKeySequence(Qt::Key_F5));
}

void TestOrdersPage::salesforceLinkUrl()
{
    OrdersPage page(m_database);
    QVERIFY(page.salesforceOrderUrl(u"801000000000001AAA"_s).isEmpty());
    QVERIFY(page.setProperty("instanceUrl", QUrl(u"https://acme.my.salesforce.com/"_s)));
    QCOMPARE(page.salesforceOrderUrl(u"801000000000001AAA"_s),
             QUrl(u"https://acme.my.salesforce.com/lightning/r/Order/801000000000001AAA/view"_s));
    QVERIFY(page.salesforceOrderUrl(QString()).isEmpty());
}

void TestOrdersPage::delegateShowsIconsAndTooltips()
{
    OrdersPage page(m_database);
    SyncStatusDelegate *delegate = page.delegate();
    QCOMPARE(page.view()->itemDelegate(), delegate);
    for (SyncStatus status : OrderBridge::allSyncStatuses()) {
        const QImage image = delegate->icon(status).pixmap(QSize(16, 16)).toImage();
        QVERIFY(!image.isNull());
        QVERIFY(image.pixelColor(8, 8).alpha() > 0);
    }
    // Green tick and red exclamation differ in colour where it matters.
    const QColor inSync = delegate->icon(SyncStatus::InSync).pixmap(QSize(16, 16)).toImage().pixelColor(3, 8);
    const QColor outOfSync = delegate->icon(SyncStatus::OutOfSync).pixmap(QSize(16, 16)).toImage().pixelColor(3, 8);
    QVERIFY(inSync.green() > inSync.red());
    QVERIFY(outOfSync.red() > outOfSync.green());

    OrdersTableModel *model = page.model();
    model->sort(OrdersTableModel::IdColumn, Qt::AscendingOrder);
    QVERIFY(OrdersFixture::markError(*m_database, 4, u"salesforce.FIELD_CUSTOM_VALIDATION_EXCEPTION"_s,
                                     u"Status: choose a Draft status."_s, u"Set Default Status to a Draft value."_s));
    model->refreshRows({4});
    const QString error = SyncStatusDelegate::toolTipFor(model->index(3, OrdersTableModel::SyncStatusColumn));
    QVERIFY2(error.contains(u"salesforce.FIELD_CUSTOM_VALIDATION_EXCEPTION"_s), qPrintable(error));
    QVERIFY(error.contains(u"Status: choose a Draft status."_s));
    QVERIFY(error.contains(u"Set Default Status to a Draft value."_s));
    const QString outOfSyncTip = SyncStatusDelegate::toolTipFor(model->index(1, OrdersTableModel::SyncStatusColumn));
    QCOMPARE(outOfSyncTip, u"Out of Sync: Created only for paid orders."_s);
    QVERIFY(SyncStatusDelegate::toolTipFor(model->index(1, OrdersTableModel::BillToNameColumn)).isEmpty());
    QVERIFY(!SyncStatusDelegate::toolTipFor(model->index(4, OrdersTableModel::SalesforceIdColumn)).isEmpty());
}

void TestOrdersPage::clickingTheSalesforceIdOpensIt()
{
    OrdersPage page(m_database);
    QList<QUrl> browsed;
    page.setUrlOpener([&browsed](const QUrl &url) {
        browsed << url;
        return true;
    });
    page.setInstanceUrl(QUrl(u"https://acme.my.salesforce.com"_s));
    page.resize(1000, 400);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.model()->sort(OrdersTableModel::IdColumn, Qt::AscendingOrder);
    QSignalSpy activated(page.delegate(), &SyncStatusDelegate::salesforceIdActivated);
    QSignalSpy opened(&page, &OrdersPage::salesforceOrderOpened);
    // Row 4 is order 5, in sync and linked; row 0 has no link.
    const QRect linked = page.view()->visualRect(page.model()->index(4, OrdersTableModel::SalesforceIdColumn));
    const QRect unlinked = page.view()->visualRect(page.model()->index(0, OrdersTableModel::SalesforceIdColumn));
    QVERIFY(linked.isValid());
    QTest::mouseClick(page.view()->viewport(), Qt::LeftButton, {}, unlinked.center());
    QCOMPARE(activated.count(), 0);
    QTest::mouseClick(page.view()->viewport(), Qt::LeftButton, {}, linked.center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), u"801000000000000005"_s);
    QCOMPARE(opened.count(), 1);
    const QUrl expected(u"https://acme.my.salesforce.com/lightning/r/Order/801000000000000005/view"_s);
    QCOMPARE(opened.at(0).at(0).toUrl(), expected);
    QCOMPARE(browsed, QList<QUrl>{expected});
}

void TestOrdersPage::doubleClickOrEnterOpensTheOrder()
{
    OrdersPage page(m_database);
    page.resize(1000, 400);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.model()->sort(OrdersTableModel::IdColumn, Qt::AscendingOrder);
    QVERIFY(page.orderDialogs().isEmpty());

    // Row 3 is order 4.
    const QRect cell = page.view()->visualRect(page.model()->index(3, OrdersTableModel::BillToNameColumn));
    // What a window system delivers for a double-click: press, release, double-click, release.
    const auto doubleClick = [&page](const QPoint &at) {
        QTest::mouseClick(page.view()->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(page.view()->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseRelease(page.view()->viewport(), Qt::LeftButton, {}, at);
    };
    doubleClick(cell.center());
    OrderDialog *dialog = page.orderDialog(4);
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->incrementId(), OrdersFixture::incrementId(4));
    QCOMPARE(page.orderDialogs().size(), 1);
    // The same order again: the open dialog is raised, not a second one.
    doubleClick(cell.center());
    QCOMPARE(page.orderDialogs().size(), 1);
    QCOMPARE(page.orderDialog(4), dialog);

    // Enter on the current row.
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    page.view()->setFocus();
    page.view()->setCurrentIndex(page.model()->index(6, 0));
    QTest::keyClick(page.view(), Qt::Key_Return);
    QVERIFY(page.orderDialog(7));
    QCOMPARE(page.orderDialog(7)->incrementId(), OrdersFixture::incrementId(7));
    QCOMPARE(page.orderDialogs().size(), 2);

    // The context menu's Open Order follows the current row too.
    page.view()->setCurrentIndex(page.model()->index(8, 0));
    QVERIFY(page.openOrderAction()->isEnabled());
    page.openOrderAction()->trigger();
    QVERIFY(page.orderDialog(9));

    // Closing forgets the dialog; opening again makes a fresh one.
    QPointer<OrderDialog> closed(dialog);
    dialog->close();
    QTRY_VERIFY(closed.isNull());
    QVERIFY(!page.orderDialog(4));
    QVERIFY(page.openOrder(4));
    QVERIFY(page.orderDialog(4)->isVisible());
    // An order that is not in the store opens nothing.
    QSignalSpy news(&page, &OrdersPage::statusMessage);
    QVERIFY(!page.openOrder(987654));
    QCOMPARE(news.count(), 1);
}

void TestOrdersPage::dialogRequestsGoThroughTheReceiver()
{
    OrdersPage page(m_database);
    FakeSyncReceiver receiver;
    receiver.attach(page, true);
    OrderDialog *dialog = page.openOrder(4);
    QVERIFY(dialog);
    QVERIFY(dialog->syncButton()->isEnabled());

    // Save and Sync Order: the page's queued sync of that one order.
    QSignalSpy requested(&page, &OrdersPage::syncRequested);
    dialog->syncButton()->click();
    QCOMPARE(requested.count(), 1);
    QTRY_COMPARE(receiver.syncCalls.size(), 1);
    QCOMPARE(receiver.syncCalls.at(0), QStringList{OrdersFixture::incrementId(4)});
    QVERIFY(page.isSyncRunning());
    QVERIFY(dialog->isSyncPending());
    QVERIFY(!dialog->syncButton()->isEnabled());

    // The worker's answer reaches the dialog through the page.
    QVERIFY(OrdersFixture::markInSync(*m_database, 4, u"801000000000000004"_s));
    OrderBridge::OrderOutcome outcome;
    outcome.entityId = 4;
    outcome.incrementId = OrdersFixture::incrementId(4);
    outcome.status = SyncStatus::InSync;
    page.handleBatchFinished({outcome});
    QVERIFY(!dialog->isSyncPending());
    QCOMPARE(dialog->syncStatusLabel()->text(), u"In Sync"_s);
    page.handleFinished({});
    QVERIFY(dialog->syncButton()->isEnabled());

    // The preview: asked of the receiver when the Salesforce tab opens, answered through the page.
    QSignalSpy previews(&page, &OrdersPage::previewRequested);
    dialog->tabs()->setCurrentIndex(OrderDialog::SalesforceTab);
    QCOMPARE(previews.count(), 1);
    QTRY_COMPARE(receiver.previewCalls, QStringList{OrdersFixture::incrementId(4)});
    OrderBridge::OrderPreview preview;
    preview.incrementId = OrdersFixture::incrementId(4);
    preview.status = SyncStatus::InSync;
    OrderBridge::PreviewRecord record;
    record.object = u"Order"_s;
    record.operation = u"update"_s;
    record.recordId = u"801000000000000004"_s;
    record.sending = {{u"Status"_s, u"Activated"_s}};
    record.current = {{u"Status"_s, u"Draft"_s}};
    preview.records << record;
    OrderBridge::OrderPreview otherOrder = preview;
    otherOrder.incrementId = OrdersFixture::incrementId(5);
    page.handleOrderPreviewed(otherOrder);
    QVERIFY(dialog->isPreviewPending());
    page.handleOrderPreviewed(preview);
    QVERIFY(!dialog->isPreviewPending());
    QCOMPARE(dialog->previewModel()->rowCount(), 1);
    QCOMPARE(dialog->previewModel()->changedFieldCount(), 1);

    // While a run is going, the dialog's sync is not offered; a request that cannot go is answered.
    selectRows(page, {0});
    page.syncAction()->trigger();
    QVERIFY(page.isSyncRunning());
    QVERIFY(!dialog->syncButton()->isEnabled());
}

void TestOrdersPage::withoutPreviewSlotTheDialogIsTold()
{
    OrdersPage page(m_database);
    FakeSyncReceiver receiver; // syncs and cancels only
    receiver.attach(page);
    OrderDialog *dialog = page.openOrder(2);
    QVERIFY(dialog);
    dialog->tabs()->setCurrentIndex(OrderDialog::SalesforceTab);
    QTRY_VERIFY(!dialog->isPreviewPending());
    QVERIFY2(dialog->previewStatusLabel()->text().contains(u"not running"_s), qPrintable(dialog->previewStatusLabel()->text()));

    // No receiver at all: no sync either.
    OrdersPage bare(m_database);
    OrderDialog *alone = bare.openOrder(2);
    QVERIFY(alone);
    QVERIFY(!alone->syncButton()->isEnabled());
}

void TestOrdersPage::instanceUrlAndOpenerReachTheDialogs()
{
    OrdersPage page(m_database);
    QList<QUrl> browsed;
    page.setUrlOpener([&browsed](const QUrl &url) {
        browsed << url;
        return true;
    });
    OrderDialog *dialog = page.openOrder(5); // in sync, linked
    QVERIFY(dialog);
    QVERIFY(dialog->linkFor(u"Order"_s).isEmpty());
    page.setInstanceUrl(QUrl(u"https://acme.my.salesforce.com"_s));
    const QUrl expected(u"https://acme.my.salesforce.com/lightning/r/Order/801000000000000005/view"_s);
    QCOMPARE(dialog->linkFor(u"Order"_s), expected);
    QSignalSpy opened(&page, &OrdersPage::salesforceOrderOpened);
    Q_EMIT dialog->linkLabel(u"Order"_s)->linkActivated(expected.toString());
    QCOMPARE(browsed, QList<QUrl>{expected});
    QCOMPARE(opened.count(), 1);
    // A dialog opened after the sign-in has the instance at once.
    QCOMPARE(page.openOrder(10)->instanceUrl(), QUrl(u"https://acme.my.salesforce.com"_s));
}

void TestOrdersPage::salesforceIdColumnFitsAnId_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("digits") << u"801000000000000005"_s;
    QTest::newRow("order") << u"8015g00000QXmWEAA1"_s;
    QTest::newRow("account") << u"0015g00000WMHqQAAX"_s;
    QTest::newRow("custom object") << u"a0BWx00000MWQmQAAW"_s;
    QTest::newRow("checksum capitals") << u"006Hs00000WMOQmMAW"_s;
}

void TestOrdersPage::salesforceIdColumnFitsAnId()
{
    QFETCH(QString, id);
    OrdersPage page(m_database);
    page.resize(1400, 400);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTableView *view = page.view();
    const int width = view->horizontalHeader()->sectionSize(OrdersTableModel::SalesforceIdColumn);
    QCOMPARE(width, salesforceIdColumnWidth(view));
    // The cell's text area (the style's margins taken off) holds the whole ID, nothing elided.
    const int margin = view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1;
    const int needed = view->fontMetrics().horizontalAdvance(id) + 2 * margin;
    QVERIFY2(width >= needed, qPrintable(u"column %1 px, ID needs %2 px"_s.arg(width).arg(needed)));
    QCOMPARE(view->fontMetrics().elidedText(id, Qt::ElideRight, width - 2 * margin), id);
    // And the header's caption is not what sets it: the column is as wide as an ID, not wider than needed twice over.
    QVERIFY(width < 2 * needed);
}

void TestOrdersPage::purchaseDateColumnFitsADate()
{
    OrdersPage page(m_database);
    page.resize(1400, 400);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTableView *view = page.view();
    QVERIFY(page.model()->rowCount() > 0);
    const int width = view->horizontalHeader()->sectionSize(OrdersTableModel::PurchaseDateColumn);
    const int margin = view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1;
    // Every shown date fits whole: nothing of the time is elided.
    for (int row = 0; row < std::min(page.model()->rowCount(), 20); ++row) {
        const QString text = page.model()->index(row, OrdersTableModel::PurchaseDateColumn).data().toString();
        QVERIFY(!text.isEmpty());
        QCOMPARE(view->fontMetrics().elidedText(text, Qt::ElideRight, width - 2 * margin), text);
    }
}

void TestOrdersPage::recordsFoundAndNoMatchMessage()
{
    OrdersPage page(m_database);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(page.recordsFoundLabel()->text(), u"600 record(s) found"_s);
    QVERIFY(!page.noMatchLabel()->isVisible());
    QVERIFY(!page.clearFiltersButton()->isVisible());

    page.statusFilter()->setCurrentIndex(page.statusFilter()->findData(u"complete"_s));
    QCOMPARE(page.recordsFoundLabel()->text(), u"200 record(s) found"_s);
    page.searchField()->setText(u"nobody"_s);
    page.applyFilters();
    QCOMPARE(page.model()->rowCount(), 0);
    QCOMPARE(page.recordsFoundLabel()->text(), u"0 record(s) found"_s);
    QVERIFY(page.noMatchLabel()->isVisible());
    QCOMPARE(page.noMatchLabel()->text(),
             u"No orders match %1."_s.arg(QLocale().createSeparatedList({u"the search \"nobody\""_s, u"Status: Complete"_s})));
    QVERIFY(page.clearFiltersButton()->isVisible());

    QSignalSpy resets(page.model(), &QAbstractItemModel::modelReset);
    QTest::mouseClick(page.clearFiltersButton(), Qt::LeftButton);
    QCOMPARE(resets.count(), 1); // one count for everything cleared
    QCOMPARE(page.model()->rowCount(), orderCount);
    QVERIFY(page.searchField()->text().isEmpty());
    QCOMPARE(page.statusFilter()->currentIndex(), 0);
    QCOMPARE(page.recordsFoundLabel()->text(), u"600 record(s) found"_s);
    QVERIFY(!page.noMatchLabel()->isVisible());
    QVERIFY(!page.clearFiltersButton()->isVisible());
}

void TestOrdersPage::dateAndTotalRangesFilter()
{
    OrdersPage page(m_database);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    OrdersFilterPanel *panel = page.filterPanel();
    QVERIFY(!panel->isVisible());
    page.filtersAction()->trigger();
    QVERIFY(panel->isVisible());

    // The fixture's orders were placed a minute apart from 08:01 UTC on 1 January 2026: whole local days.
    const auto placedOn = [](int i) {
        return QDateTime(QDate(2026, 1, 1), QTime(8, 0), Qt::UTC).addSecs(60LL * i).toLocalTime().date();
    };
    const QDate day = placedOn(orderCount / 2);
    panel->purchasedFromField()->setDate(day);
    panel->purchasedToField()->setDate(day);
    panel->minTotalField()->setText(u"500"_s);
    panel->maxTotalField()->setText(u"600.25"_s);
    QTest::mouseClick(panel->applyButton(), Qt::LeftButton);
    int expected = 0;
    for (int i = 1; i <= orderCount; ++i)
        expected += placedOn(i) == day && OrdersFixture::grandTotal(i) >= 500 && OrdersFixture::grandTotal(i) <= 600.25 ? 1 : 0;
    QVERIFY(expected > 0 && expected < orderCount);
    QCOMPARE(page.model()->rowCount(), expected);
    for (int row = 0; row < page.model()->rowCount(); ++row) {
        const double total = page.model()->index(row, OrdersTableModel::GrandTotalColumn).data(OrdersTableModel::SortRole).toDouble();
        QVERIFY2(total >= 500 && total <= 600.25, qPrintable(QString::number(total)));
    }
    QCOMPARE(page.recordsFoundLabel()->text(), u"%1 record(s) found"_s.arg(expected));

    // The ranges combine with the combos, which apply at once.
    page.syncStatusFilter()->setCurrentIndex(page.syncStatusFilter()->findData(int(SyncStatus::Error)));
    int withError = 0;
    for (int i = 1; i <= orderCount; ++i)
        withError += placedOn(i) == day && OrdersFixture::grandTotal(i) >= 500 && OrdersFixture::grandTotal(i) <= 600.25
                && OrdersFixture::syncStatus(i) == SyncStatus::Error ? 1 : 0;
    QCOMPARE(page.model()->rowCount(), withError);

    // A day with no orders: the message names the range.
    panel->purchasedFromField()->setDate(day.addDays(3));
    panel->purchasedToField()->setDate(day.addDays(3));
    QTest::keyClick(panel->minTotalField(), Qt::Key_Return);
    QCOMPARE(page.model()->rowCount(), 0);
    const QString dayText = QLocale().toString(day.addDays(3), QLocale::ShortFormat);
    QVERIFY2(page.noMatchLabel()->text().contains(u"Purchase Date %1 to %1"_s.arg(dayText)), qPrintable(page.noMatchLabel()->text()));
    QVERIFY2(page.noMatchLabel()->text().contains(u"Grand Total 500.00 to 600.25"_s), qPrintable(page.noMatchLabel()->text()));

    QTest::mouseClick(panel->clearAllButton(), Qt::LeftButton);
    QCOMPARE(page.model()->rowCount(), orderCount);
    QVERIFY(panel->minTotalField()->text().isEmpty());
    QCOMPARE(page.syncStatusFilter()->currentIndex(), 0);
    QVERIFY(!page.model()->query().createdFrom.isValid());
    QVERIFY(!page.model()->query().maxGrandTotal);
}

void TestOrdersPage::badRangesAreNamedAndNotApplied_data()
{
    QTest::addColumn<QString>("minTotal");
    QTest::addColumn<QString>("maxTotal");
    QTest::addColumn<int>("toDayOffset"); // the "to" date relative to the "from" date; 0 leaves both empty
    QTest::addColumn<QString>("named");
    QTest::newRow("not a number") << u"12abc"_s << QString() << 0 << u"\"12abc\" is not an amount"_s;
    QTest::newRow("reversed totals") << u"300"_s << u"20"_s << 0 << u"starts at 300, above where it ends (20)"_s;
    QTest::newRow("reversed dates") << QString() << QString() << -1 << u"after it ends on"_s;
}

void TestOrdersPage::badRangesAreNamedAndNotApplied()
{
    QFETCH(QString, minTotal);
    QFETCH(QString, maxTotal);
    QFETCH(int, toDayOffset);
    QFETCH(QString, named);
    OrdersPage page(m_database);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    OrdersFilterPanel *panel = page.filterPanel();
    panel->minTotalField()->setText(u"100"_s);
    panel->applyButton()->click();
    const int applied = page.model()->rowCount();
    QVERIFY(applied < orderCount);
    QVERIFY(!panel->errorLabel()->isVisible()); // the panel is hidden until asked for

    panel->minTotalField()->setText(minTotal);
    panel->maxTotalField()->setText(maxTotal);
    if (toDayOffset != 0) {
        panel->purchasedFromField()->setDate(QDate(2026, 1, 10));
        panel->purchasedToField()->setDate(QDate(2026, 1, 10).addDays(toDayOffset));
    }
    panel->applyButton()->click();
    QVERIFY(panel->isVisible()); // shown to name the problem
    QVERIFY(panel->errorLabel()->isVisible());
    QVERIFY2(panel->errorLabel()->text().contains(named), qPrintable(panel->errorLabel()->text()));
    QCOMPARE(page.model()->rowCount(), applied); // the ranges in force stay
    // The other filters still apply.
    page.syncStatusFilter()->setCurrentIndex(page.syncStatusFilter()->findData(int(SyncStatus::InSync)));
    QVERIFY(page.model()->rowCount() < applied);
    QCOMPARE(page.model()->query().minGrandTotal, std::optional<double>(100));
}

void TestOrdersPage::headerMenuHidesColumnsAndStateIsRestored()
{
    const auto headerMenuAction = [](OrdersPage &page, int column) -> QAction * {
        QHeaderView *header = page.view()->horizontalHeader();
        Q_EMIT header->customContextMenuRequested(QPoint(5, 5));
        auto *menu = page.findChild<QMenu *>(u"ordersHeaderMenu"_s);
        if (!menu)
            return nullptr;
        menu->setObjectName(QString()); // the next lookup finds the next menu
        QAction *action = menu->findChild<QAction *>(u"actionShowColumn%1"_s.arg(column));
        menu->close();
        return action;
    };
    {
        OrdersPage page(m_database);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QHeaderView *header = page.view()->horizontalHeader();
        QAction *status = headerMenuAction(page, OrdersTableModel::StatusColumn);
        QVERIFY(status);
        QCOMPARE(status->text(), u"Status"_s);
        QVERIFY(status->isChecked());
        status->trigger();
        QVERIFY(header->isSectionHidden(OrdersTableModel::StatusColumn));
        header->resizeSection(OrdersTableModel::BillToNameColumn, 321);
        header->moveSection(header->visualIndex(OrdersTableModel::GrandTotalColumn), 0);
        header->setSortIndicator(OrdersTableModel::GrandTotalColumn, Qt::AscendingOrder);
        QCOMPARE(page.model()->sortColumn(), int(OrdersTableModel::GrandTotalColumn));

        // The last column shown cannot be hidden.
        for (int column = 1; column < OrdersTableModel::ColumnCount; ++column)
            header->setSectionHidden(column, true);
        QAction *last = headerMenuAction(page, OrdersTableModel::IdColumn);
        QVERIFY(last);
        QVERIFY(!last->isEnabled());
        QAction *hidden = headerMenuAction(page, OrdersTableModel::BillToNameColumn);
        QVERIFY(hidden && hidden->isEnabled() && !hidden->isChecked());
        hidden->trigger();
        QVERIFY(!header->isSectionHidden(OrdersTableModel::BillToNameColumn));
        for (int column = 1; column < OrdersTableModel::ColumnCount; ++column)
            header->setSectionHidden(column, column == OrdersTableModel::StatusColumn);
    } // closed: the state is saved

    OrdersPage restarted(m_database);
    QHeaderView *header = restarted.view()->horizontalHeader();
    QVERIFY(header->isSectionHidden(OrdersTableModel::StatusColumn));
    QVERIFY(!header->isSectionHidden(OrdersTableModel::SyncStatusColumn));
    QCOMPARE(header->sectionSize(OrdersTableModel::BillToNameColumn), 321);
    QCOMPARE(header->visualIndex(OrdersTableModel::GrandTotalColumn), 0);
    QCOMPARE(restarted.model()->sortColumn(), int(OrdersTableModel::GrandTotalColumn));
    QCOMPARE(restarted.model()->sortOrder(), Qt::AscendingOrder);
    QVERIFY(restarted.model()->index(0, 0).data(OrdersTableModel::SortRole).isValid());
}

void TestOrdersPage::exportWritesTheWholeFilteredView()
{
    OrdersPage page(m_database);
    page.filterPanel()->minTotalField()->setText(u"300"_s);
    page.filterPanel()->applyButton()->click();
    page.view()->sortByColumn(OrdersTableModel::IdColumn, Qt::AscendingOrder);
    QStringList expected;
    for (int i = 1; i <= orderCount; ++i) {
        if (OrdersFixture::grandTotal(i) >= 300)
            expected << OrdersFixture::incrementId(i);
    }
    QCOMPARE(page.model()->rowCount(), expected.size());
    QVERIFY(expected.size() > OrdersTableModel::pageSize()); // more than one page: not only the loaded rows
    QCOMPARE(page.model()->cachedPageCount(), 0);

    const QString path = m_dir.filePath(u"view-%1.csv"_s.arg(m_run));
    QSignalSpy finished(&page, &OrdersPage::exportFinished);
    QVERIFY(page.exportViewTo(path));
    QVERIFY(!page.exportAction()->isEnabled());
    QVERIFY(finished.wait(10000));
    QVERIFY(page.exportAction()->isEnabled());
    const auto written = finished.at(0).at(0).value<OrderBridge::Result<qint64>>();
    QVERIFY2(written, qPrintable(written ? QString() : written.error().toString()));
    QCOMPARE(*written, qint64(expected.size()));

    QFile file(path);
    QCOMPARE(file.permissions() & ~(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::Permissions());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), expected.size() + 2); // header, rows, and the empty rest after the last CRLF
    QVERIFY(lines.first().startsWith("\"ORDER\",\"PURCHASE_DATE\""));
    QStringList ids;
    for (qsizetype i = 1; i + 1 < lines.size(); ++i)
        ids << QString::fromUtf8(lines.at(i)).section(u',', 0, 0).remove(u'"');
    QCOMPARE(ids, expected);

    // Bad path: named in the status bar.
    QSignalSpy news(&page, &OrdersPage::statusMessage);
    QVERIFY(page.exportViewTo(m_dir.filePath(u"missing/view.csv"_s)));
    QVERIFY(finished.wait(10000));
    QVERIFY(!finished.last().at(0).value<OrderBridge::Result<qint64>>());
    QVERIFY2(news.last().at(0).toString().contains(u"missing"_s), qPrintable(news.last().at(0).toString()));
}

QTEST_MAIN(TestOrdersPage)
#include "tst_orderspage.moc"
