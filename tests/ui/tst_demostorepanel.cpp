// The Demo Store panel with its DemoStoreClient on a separate thread, against the real sandbox store:
// load the catalog, place an order of two products (one a configurable with its size chosen), invoice
// it, comment on it and ship it; each step is checked in Magento over REST and in the panel.

#include "demo/demostoreclient.h"
#include "demo/demostorepanel.h"

#include "asyncresult.h"
#include "magento/magentoclient.h"
#include "sandboxconnections.h"
#include "sandboxprocess.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QThread>
#include <QTreeWidget>

#include <functional>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace OrderBridge;

namespace {

constexpr int kWaitMs = 30000;

int rowOf(const DemoStorePanel &panel, const QString &displaySku)
{
    for (int row = 0; row < panel.productTable()->rowCount(); ++row) {
        if (panel.productTable()->item(row, 1)->text() == displaySku)
            return row;
    }
    return -1;
}

QTreeWidgetItem *orderItem(const DemoStorePanel &panel, const QString &incrementId)
{
    for (int i = 0; i < panel.orderList()->topLevelItemCount(); ++i) {
        if (panel.orderList()->topLevelItem(i)->text(0) == incrementId)
            return panel.orderList()->topLevelItem(i);
    }
    return nullptr;
}

} // namespace

class TestDemoStorePanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void catalogOffersOrderableProducts();
    void emptyCartIsRefusedInThePanel();
    void walkthroughFromThePanel();
    void magentoErrorsReachThePanel();
    void keyboardAndAccessibleNames();

private:
    template<typename T>
    Result<T> call(const std::function<void(MagentoClient::Callback<T>)> &start)
    {
        Waiter<Result<T>> waiter;
        start(waiter.callback());
        if (!waiter.wait(kWaitMs))
            return fail(u"test.timeout"_s, u"no answer from the sandbox"_s);
        return *waiter.result;
    }

    SandboxProcess m_sandbox;
    QThread m_workerThread;
    DemoStoreClient *m_client = nullptr;
    std::unique_ptr<DemoStorePanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_productsTester;
    std::unique_ptr<QAbstractItemModelTester> m_ordersTester;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<MagentoClient> m_magento; // the test's own view of the store
    qint64 m_orderId = 0;
};

void TestDemoStorePanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_sandbox.start({u"--orders"_s, u"5"_s}), qPrintable(m_sandbox.errorString()));
    MagentoConnection connection;
    connection.baseUrl = QUrl(m_sandbox.magentoBaseUrl());
    connection.authMode = MagentoAuthMode::OAuth1;
    const MagentoSecrets secrets = SandboxConnections::magentoSecrets(m_sandbox.magento());

    m_client = new DemoStoreClient(connection, secrets);
    m_workerThread.setObjectName(u"demo-worker"_s);
    m_client->moveToThread(&m_workerThread);
    connect(&m_workerThread, &QThread::finished, m_client, &QObject::deleteLater);
    m_workerThread.start();

    m_network = std::make_unique<QNetworkAccessManager>();
    m_magento = std::make_unique<MagentoClient>(m_network.get(), connection, secrets);

    m_panel = std::make_unique<DemoStorePanel>();
    m_productsTester = std::make_unique<QAbstractItemModelTester>(
        m_panel->productTable()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_ordersTester = std::make_unique<QAbstractItemModelTester>(m_panel->orderList()->model(),
                                                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_panel->resize(700, 800);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    m_panel->connectTo(m_client);
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->productTable()->rowCount() > 0, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->orderList()->topLevelItemCount() == 5, kWaitMs);
}

void TestDemoStorePanel::cleanupTestCase()
{
    // The testers go first: the views' models announce their teardown to whoever still listens.
    m_productsTester.reset();
    m_ordersTester.reset();
    m_panel.reset();
    m_workerThread.quit();
    m_workerThread.wait();
    m_sandbox.stop();
}

void TestDemoStorePanel::catalogOffersOrderableProducts()
{
    const DemoStorePanel &panel = *m_panel;
    // Simple, virtual and bundle products are offered as they are.
    QVERIFY(rowOf(panel, u"MB-1001"_s) >= 0);
    QVERIFY(rowOf(panel, u"VW-0001"_s) >= 0);
    const int bundle = rowOf(panel, u"24-WG080"_s);
    QVERIFY(bundle >= 0);
    QCOMPARE(panel.productTable()->item(bundle, 2)->text(), u"by options"_s);
    // A configurable is offered once per size, by its variant's SKU; the parent and the bare variants
    // are not offered on their own.
    QVERIFY(rowOf(panel, u"MH01"_s) < 0);
    for (const QString &size : {u"S"_s, u"M"_s, u"L"_s}) {
        const int row = rowOf(panel, u"MH01-"_s + size);
        QVERIFY2(row >= 0, qPrintable(size));
        QVERIFY(panel.productTable()->item(row, 0)->text().contains(u"size "_s + size));
    }
    QVERIFY(panel.chosenLines().isEmpty());
}

void TestDemoStorePanel::emptyCartIsRefusedInThePanel()
{
    QSignalSpy changed(m_panel.get(), &DemoStorePanel::storeChanged);
    QSignalSpy requested(m_panel.get(), &DemoStorePanel::placeOrderRequested);
    QVERIFY(m_panel->placeOrderButton()->isEnabled());
    QTest::mouseClick(m_panel->placeOrderButton(), Qt::LeftButton);
    QVERIFY(m_panel->messageLabel()->text().contains(u"quantity"_s));
    QVERIFY(m_panel->messageLabel()->property("error").toBool());
    QCOMPARE(requested.count(), 0);
    QCOMPARE(changed.count(), 0);
}

void TestDemoStorePanel::walkthroughFromThePanel()
{
    DemoStorePanel &panel = *m_panel;
    QSignalSpy changed(&panel, &DemoStorePanel::storeChanged);
    const int ordersBefore = panel.orderList()->topLevelItemCount();

    // Place an order of two products: 2 × a simple product, 1 × a hoodie in size M, for John Smith.
    const int simple = rowOf(panel, u"MB-1001"_s);
    const int hoodie = rowOf(panel, u"MH01-M"_s);
    QVERIFY(simple >= 0 && hoodie >= 0);
    panel.quantityBox(simple)->setValue(2);
    panel.quantityBox(hoodie)->setValue(1);
    QCOMPARE(panel.chosenLines().size(), 2);
    panel.customerBox()->setCurrentIndex(1);
    QTest::mouseClick(panel.placeOrderButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel.messageLabel()->text().contains(u"placed"_s), kWaitMs);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(panel.quantityBox(simple)->value(), 0); // the cart is emptied
    QTRY_COMPARE_WITH_TIMEOUT(panel.orderList()->topLevelItemCount(), ordersBefore + 1, kWaitMs);
    m_orderId = panel.selectedOrder();
    QVERIFY(m_orderId > 0);

    // In Magento: a guest order for John Smith with both products, the hoodie as configurable + size M.
    auto order = call<MagentoOrder>([&](auto done) { m_magento->fetchOrder(m_orderId, this, done); });
    QVERIFY2(order, qPrintable(errorText(order)));
    QCOMPARE(order->json.value(u"customer_email"_s).toString(), u"john.smith@example.com"_s);
    QCOMPARE(order->state, u"new"_s);
    QVERIFY(panel.messageLabel()->text().contains(order->incrementId));
    QTreeWidgetItem *row = orderItem(panel, order->incrementId);
    QVERIFY(row);
    QCOMPARE(row->text(1), u"John Smith"_s);
    QCOMPARE(row->text(2), u"Pending"_s);
    QCOMPARE(row->data(2, Qt::UserRole).toString(), u"pending"_s);
    double simpleQty = 0;
    bool configurableM = false;
    for (const QJsonValue &v : order->json.value(u"items"_s).toArray()) {
        const QJsonObject item = v.toObject();
        if (item.value(u"sku"_s).toString() == u"MB-1001"_s)
            simpleQty = item.value(u"qty_ordered"_s).toDouble();
        if (item.value(u"product_type"_s).toString() == u"configurable"_s && item.value(u"sku"_s).toString() == u"MH01-M"_s)
            configurableM = true;
    }
    QCOMPARE(simpleQty, 2.0);
    QVERIFY(configurableM);
    QVERIFY(panel.invoiceButton()->isEnabled());
    QVERIFY(panel.shipButton()->isEnabled());

    // Invoice.
    QTest::mouseClick(panel.invoiceButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel.messageLabel()->text().contains(u"invoiced"_s), kWaitMs);
    QCOMPARE(changed.count(), 2);
    auto invoices = call<MagentoRecordPage>([&](auto done) { m_magento->fetchInvoices(m_orderId, this, done); });
    QVERIFY2(invoices, qPrintable(errorText(invoices)));
    QCOMPARE(invoices->totalCount, 1);
    QTRY_COMPARE_WITH_TIMEOUT(orderItem(panel, order->incrementId)->text(2), u"Processing"_s, kWaitMs);
    QCOMPARE(panel.selectedOrder(), m_orderId); // the selection follows the order
    QTRY_VERIFY(!panel.invoiceButton()->isEnabled());

    // Add Comment… opens a dialog; Submit Comment adds it.
    QVERIFY(panel.commentButton()->isEnabled());
    QTest::mouseClick(panel.commentButton(), Qt::LeftButton);
    QInputDialog *dialog = panel.commentDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    dialog->setTextValue(u"Please gift-wrap the hoodie."_s);
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(panel.messageLabel()->text().contains(u"Comment added"_s), kWaitMs);
    QCOMPARE(changed.count(), 3);
    auto comments = call<QList<MagentoComment>>([&](auto done) { m_magento->fetchComments(m_orderId, this, done); });
    QVERIFY2(comments, qPrintable(errorText(comments)));
    QVERIFY(std::any_of(comments->cbegin(), comments->cend(),
                        [](const MagentoComment &c) { return c.comment == u"Please gift-wrap the hoodie."_s; }));

    // Ship: the order is complete.
    QTRY_VERIFY_WITH_TIMEOUT(panel.shipButton()->isEnabled(), kWaitMs);
    QTest::mouseClick(panel.shipButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel.messageLabel()->text().contains(u"shipped"_s), kWaitMs);
    QCOMPARE(changed.count(), 4);
    auto shipments = call<MagentoRecordPage>([&](auto done) { m_magento->fetchShipments(m_orderId, this, done); });
    QVERIFY2(shipments, qPrintable(errorText(shipments)));
    QCOMPARE(shipments->totalCount, 1);
    QTRY_COMPARE_WITH_TIMEOUT(orderItem(panel, order->incrementId)->text(2), u"Complete"_s, kWaitMs);
    QTRY_VERIFY(!panel.shipButton()->isEnabled());
    QVERIFY(!panel.invoiceButton()->isEnabled());
    QVERIFY(!panel.messageLabel()->property("error").toBool());
}

void TestDemoStorePanel::magentoErrorsReachThePanel()
{
    QVERIFY(m_orderId > 0); // shipped by the walkthrough
    QSignalSpy changed(m_panel.get(), &DemoStorePanel::storeChanged);
    // A second shipment of a complete order: Magento refuses, the panel shows its words.
    Q_EMIT m_panel->shipRequested(m_orderId);
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->messageLabel()->text().contains(u"Shipping order"_s), kWaitMs);
    QVERIFY2(m_panel->messageLabel()->text().contains(u"does not allow a shipment"_s),
             qPrintable(m_panel->messageLabel()->text()));
    QVERIFY(m_panel->messageLabel()->property("error").toBool());
    QCOMPARE(changed.count(), 0);
}

void TestDemoStorePanel::keyboardAndAccessibleNames()
{
    DemoStorePanel &panel = *m_panel;
    const QList<QWidget *> controls{panel.productTable(), panel.customerBox(), panel.placeOrderButton(),
                                    panel.orderList(), panel.invoiceButton(), panel.commentButton(),
                                    panel.shipButton(), panel.refreshButton(), panel.quantityBox(0)};
    for (QWidget *w : controls) {
        QVERIFY(w);
        QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());
        QVERIFY(w->focusPolicy() & Qt::TabFocus);
    }
    QVERIFY(panel.quantityBox(0)->accessibleName().startsWith(u"Quantity of"_s));
    // Tab walks from the table through the quantities to the customer, Place Order and the order actions.
    const QList<QWidget *> expected{panel.productTable(), panel.quantityBox(0),
                                    panel.quantityBox(panel.productTable()->rowCount() - 1), panel.customerBox(),
                                    panel.placeOrderButton(), panel.orderList(), panel.invoiceButton(),
                                    panel.commentButton(), panel.shipButton(), panel.refreshButton()};
    QList<QWidget *> chain;
    QWidget *w = panel.productTable();
    for (int step = 0; step < 2000 && w; ++step) {
        if (expected.contains(w) && !chain.contains(w))
            chain.append(w);
        w = w->nextInFocusChain();
        if (w == panel.productTable())
            break;
    }
    QCOMPARE(chain, expected);
}

QTEST_MAIN(TestDemoStorePanel)
#include "tst_demostorepanel.moc"
