// The order dialog over the real sync worker and orderbridge-sandbox, wired as the console wires
// it: an unpaid order is Out of Sync and its preview says why; once invoiced the preview lists the
// records the sync would insert; "Save and Sync Order" sends it, the dialog turns In Sync with its
// links into the signed-in org, and the fresh preview shows the records as Salesforce holds them.

#include "asyncresult.h"
#include "crossthreadspy.h"
#include "orders/attempthistorymodel.h"
#include "orders/orderdialog.h"
#include "orders/orderspage.h"
#include "orders/orderstablemodel.h"
#include "orders/previewmodel.h"
#include "sandboxconnections.h"
#include "sandboxworkerfixture.h"

#include "magento/magentoclient.h"
#include "store/database.h"
#include "store/ordersrepository.h"
#include "sync/consoletypes.h"
#include "sync/syncworker.h"

#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QTableWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QSettings>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {
constexpr int networkTimeout = 90000;
}

class TestOrderDialogSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void orderDialogFollowsTheWalkthrough();

private:
    /// The connections the main window makes between the worker and the orders page.
    void wire(OrdersPage &page);
    qint64 placeOrder();

    SandboxWorkerFixture m_fixture;
    std::shared_ptr<Database> m_db;
    SyncWorker *m_worker = nullptr;
};

void TestOrderDialogSandbox::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().remove(u"orderDialog/lastTab"_s); // the order dialog opens on Information
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY2(m_fixture.start({u"--orders"_s, u"0"_s, u"--seed"_s, u"3"_s}), qPrintable(m_fixture.errorString()));
    m_db = m_fixture.database();

    m_worker = m_fixture.startWorker(m_fixture.workerConfig())->worker();
}

void TestOrderDialogSandbox::cleanupTestCase()
{
    m_fixture.stopWorker();
}

void TestOrderDialogSandbox::wire(OrdersPage &page)
{
    page.connectTo(m_fixture.host()); // as MainWindow wires it
}

qint64 TestOrderDialogSandbox::placeOrder()
{
    const MagentoGuestCheckout checkout = SandboxConnections::guestCheckout(
        {{u"MB-1001"_s, 1}, {u"MG-2001"_s, 2}},
        SandboxConnections::address(u"Nora"_s, u"Walsh"_s, u"2 Shop Street"_s, u"Galway"_s, u"H91"_s, u"IE"_s,
                                    u"+353 91 555 0100"_s, u"dialog@example.ie"_s));
    return m_fixture.placeOrder(this, checkout);
}

void TestOrderDialogSandbox::orderDialogFollowsTheWalkthrough()
{
    const qint64 entityId = placeOrder();
    QVERIFY(entityId > 0);

    OrdersPage page(m_db);
    wire(page);
    page.resize(1100, 500);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    // The automatic sync mirrors the unpaid order: Out of Sync (Create Order is "For paid order").
    CrossThreadSpy finished(m_worker, &SyncWorker::runFinished);
    m_fixture.host()->run(RunRequest::poll());
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), networkTimeout);
    page.refreshAction()->trigger();
    QCOMPARE(page.model()->rowCount(), 1);
    const QString incrementId = page.model()->index(0, 0).data(OrdersTableModel::IncrementIdRole).toString();
    QVERIFY(!incrementId.isEmpty());

    // Double-click opens it.
    const QRect cell = page.view()->visualRect(page.model()->index(0, OrdersTableModel::BillToNameColumn));
    QTest::mouseClick(page.view()->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(page.view()->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseRelease(page.view()->viewport(), Qt::LeftButton, {}, cell.center());
    OrderDialog *dialog = page.orderDialog(entityId);
    QVERIFY(dialog);
    QCOMPARE(dialog->incrementId(), incrementId);
    QCOMPARE(dialog->syncStatusLabel()->text(), u"Out of Sync"_s);
    QVERIFY2(dialog->reasonLabel()->text().contains(u"paid"_s), qPrintable(dialog->reasonLabel()->text()));
    QCOMPARE(dialog->linkLabel(u"Order"_s)->text(), u"Not linked"_s);
    QVERIFY(dialog->historyModel()->rowCount() >= 1);
    QCOMPARE(dialog->linesTable()->rowCount(), 2);
    QCOMPARE(dialog->linesTable()->item(0, 0)->text(), u"MB-1001"_s);

    // The Salesforce tab asks the worker for the preview: not eligible yet, and it says why.
    dialog->tabs()->setCurrentIndex(OrderDialog::SalesforceTab);
    QVERIFY(dialog->isPreviewPending());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isPreviewPending(), networkTimeout);
    QString previewText = dialog->previewStatusLabel()->text();
    QVERIFY2(previewText.contains(u"Out of Sync"_s) && previewText.contains(u"paid"_s), qPrintable(previewText));

    // Invoiced: the preview lists the Order the sync would insert, with the values it sends.
    Waiter<Result<qint64>> invoiced;
    m_fixture.magento().createInvoice(entityId, MagentoInvoiceRequest{}, this, invoiced.callback());
    QVERIFY(invoiced.wait());
    QVERIFY2(invoiced.result->has_value(), qPrintable(errorText(*invoiced.result)));
    QTest::mouseClick(dialog->refreshPreviewButton(), Qt::LeftButton);
    QVERIFY(dialog->isPreviewPending());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isPreviewPending(), networkTimeout);
    previewText = dialog->previewStatusLabel()->text();
    QVERIFY2(previewText.contains(u"inserts"_s), qPrintable(previewText));
    PreviewModel *preview = dialog->previewModel();
    QModelIndex orderRecord;
    for (int row = 0; row < preview->rowCount(); ++row) {
        if (preview->index(row, PreviewModel::NameColumn).data().toString() == u"Order"_s)
            orderRecord = preview->index(row, PreviewModel::NameColumn);
    }
    QVERIFY(orderRecord.isValid());
    QCOMPARE(orderRecord.data(PreviewModel::OperationRole).toString(), u"insert"_s);
    QVERIFY(preview->rowCount(orderRecord) > 0);
    QVERIFY(preview->changedFieldCount() > 0);

    // Save and Sync Order: the worker syncs it; the dialog turns In Sync with links into the org.
    QVERIFY(dialog->syncButton()->isEnabled());
    QTest::mouseClick(dialog->syncButton(), Qt::LeftButton);
    QVERIFY(dialog->isSyncPending());
    QVERIFY(page.isSyncRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isSyncPending(), networkTimeout);
    QCOMPARE(dialog->syncStatusLabel()->text(), u"In Sync"_s);
    const std::optional<OrderRecord> stored = dialog->order();
    QVERIFY(stored.has_value());
    QVERIFY(stored->salesforceOrderId.startsWith(u"801"_s));
    QVERIFY(!page.instanceUrl().isEmpty()); // from signedIn
    QCOMPARE(dialog->instanceUrl(), page.instanceUrl());
    QCOMPARE(dialog->linkFor(u"Order"_s), OrderDialog::recordUrl(page.instanceUrl(), u"Order"_s, stored->salesforceOrderId));
    QVERIFY(dialog->linkLabel(u"Order"_s)->text().contains(u"/lightning/r/Order/"_s + stored->salesforceOrderId + u"/view"_s));
    QVERIFY(dialog->linkLabel(u"Account"_s)->text().contains(u"/lightning/r/Account/"_s + stored->salesforceAccountId));
    QVERIFY(stored->salesforceAccountId.startsWith(u"001"_s));
    QVERIFY(dialog->historyModel()->rowCount() >= 2);

    // The grid row follows, and the fresh preview shows the Order as Salesforce now holds it.
    QTRY_COMPARE_WITH_TIMEOUT(page.model()->index(0, 0).data(OrdersTableModel::SyncStatusRole).toInt(),
                              int(SyncStatus::InSync), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!page.isSyncRunning(), networkTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isPreviewPending(), networkTimeout);
    QModelIndex synced;
    for (int row = 0; row < preview->rowCount(); ++row) {
        if (preview->index(row, PreviewModel::NameColumn).data().toString() == u"Order"_s)
            synced = preview->index(row, PreviewModel::NameColumn);
    }
    QVERIFY2(synced.isValid(), qPrintable(dialog->previewStatusLabel()->text()));
    QCOMPARE(synced.data(PreviewModel::RecordIdRole).toString(), stored->salesforceOrderId);
    QVERIFY(synced.data(PreviewModel::OperationRole).toString() != u"insert"_s);
}

QTEST_MAIN(TestOrderDialogSandbox)
#include "tst_orderdialog_sandbox.moc"
