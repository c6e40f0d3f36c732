#pragma once

#include "common/error.h"
#include "demo/demostoreclient.h"
#include "demo/demostoretypes.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QInputDialog;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTreeWidget;

/// The Demo Store (demo mode only): the shopper's and the store admin's side of the walkthrough in one
/// panel. Pick products and quantities and a customer, "Place Order"; then, on one of the store's recent
/// orders, "Invoice", "Add Comment…" and "Ship". Each action reports its outcome in the panel, and every
/// change to the store is announced by storeChanged() so the console can poll Magento at once.
///
/// The panel never touches the network: it asks through the *Requested signals and is answered through
/// its slots; connectTo() wires both directions to a DemoStoreClient living on the worker thread.
class DemoStorePanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoStorePanel)

public:
    explicit DemoStorePanel(QWidget *parent = nullptr);
    ~DemoStorePanel() override;

    /// Queued connections both ways to `client` (which may live on another thread), then refresh().
    void connectTo(DemoStoreClient *client);

    [[nodiscard]] QTableWidget *productTable() const { return m_products; }
    /// The quantity spin box of picker row `row` (nullptr outside the table).
    [[nodiscard]] QSpinBox *quantityBox(int row) const;
    [[nodiscard]] QComboBox *customerBox() const { return m_customer; }
    [[nodiscard]] QPushButton *placeOrderButton() const { return m_placeOrder; }
    [[nodiscard]] QTreeWidget *orderList() const { return m_orders; }
    [[nodiscard]] QPushButton *invoiceButton() const { return m_invoice; }
    [[nodiscard]] QPushButton *commentButton() const { return m_comment; }
    [[nodiscard]] QPushButton *shipButton() const { return m_ship; }
    [[nodiscard]] QPushButton *refreshButton() const { return m_refresh; }
    [[nodiscard]] QLabel *messageLabel() const { return m_message; }
    /// The open "Add Comment" dialog, if any.
    [[nodiscard]] QInputDialog *commentDialog() const { return m_commentDialog; }
    /// The lines with a quantity above zero.
    [[nodiscard]] QList<DemoOrderLine> chosenLines() const;
    /// The order selected in the list (entity id), 0 for none.
    [[nodiscard]] qint64 selectedOrder() const;
    /// Selects the order with this entity id in the list, if it is there.
    void selectOrder(qint64 entityId);

public Q_SLOTS:
    /// Asks for the catalog and the recent orders again.
    void refresh();
    void setProducts(const QList<DemoProduct> &products);
    void setOrders(const QList<DemoOrder> &orders);
    void handleOrderPlaced(const QString &incrementId, qint64 entityId);
    void handleActionDone(DemoStoreClient::Action action, qint64 entityId, const QString &incrementId);
    void handleActionFailed(DemoStoreClient::Action action, qint64 entityId, const OrderBridge::Error &error);

Q_SIGNALS:
    void loadProductsRequested();
    void loadOrdersRequested();
    void placeOrderRequested(const QList<DemoOrderLine> &lines, const DemoCustomer &customer);
    void invoiceRequested(qint64 entityId);
    void commentRequested(qint64 entityId, const QString &text);
    void shipRequested(qint64 entityId);
    /// An order was placed, invoiced, commented on or shipped in the store.
    void storeChanged();

private:
    void placeOrder();
    void invoiceSelected();
    void askForComment();
    void shipSelected();
    void setBusy(bool busy, const QString &message = {});
    void showMessage(const QString &text, bool error);
    void updateButtons();
    void updateTabOrder();
    [[nodiscard]] QString orderLabel(qint64 entityId) const;

    QList<DemoProduct> m_productRows;
    QList<DemoOrder> m_orderRows;
    QTableWidget *m_products = nullptr;
    QComboBox *m_customer = nullptr;
    QPushButton *m_placeOrder = nullptr;
    QTreeWidget *m_orders = nullptr;
    QPushButton *m_invoice = nullptr;
    QPushButton *m_comment = nullptr;
    QPushButton *m_ship = nullptr;
    QPushButton *m_refresh = nullptr;
    QLabel *m_message = nullptr;
    QInputDialog *m_commentDialog = nullptr;
    qint64 m_commentOrder = 0;   // the order the comment dialog was opened for
    qint64 m_selectAfterLoad = 0;
    bool m_busy = false;
};
