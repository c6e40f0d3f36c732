#include "demo/demostorepanel.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {

enum ProductColumn { ProductNameColumn, ProductSkuColumn, ProductPriceColumn, ProductQtyColumn, ProductColumnCount };
enum OrderColumn { OrderIdColumn, OrderCustomerColumn, OrderStatusColumn, OrderTotalColumn, OrderColumnCount };

constexpr int EntityIdRole = Qt::UserRole;
constexpr int MaxQuantity = 99;

// The labels the Magento admin's order grid shows for the default order statuses.
QString statusLabel(const QString &status)
{
    static const QHash<QString, const char *> labels{
        {u"pending"_s, QT_TRANSLATE_NOOP("DemoStorePanel", "Pending")},
        {u"pending_payment"_s, QT_TRANSLATE_NOOP("DemoStorePanel", "Pending Payment")},
        {u"payment_review"_s, QT_TRANSLATE_NOOP("DemoStorePanel", "Payment Review")},
        {u"processing"_s, QT_TRANSLATE_NOOP("DemoStorePanel", "Processing")},
        {u"holded"_s, QT_TRANSLATE_NOOP("DemoStorePanel", "On Hold")},
        {u"complete"_s, QT_TRANSLATE_NOOP("DemoStorePanel", "Complete")},
        {u"closed"_s, QT_TRANSLATE_NOOP("DemoStorePanel", "Closed")},
        {u"canceled"_s, QT_TRANSLATE_NOOP("DemoStorePanel", "Canceled")},
        {u"fraud"_s, QT_TRANSLATE_NOOP("DemoStorePanel", "Suspected Fraud")},
    };
    const char *label = labels.value(status);
    return label ? QCoreApplication::translate("DemoStorePanel", label) : status;
}

QString money(double value, const QString &currency = {})
{
    const QString amount = QLocale().toString(value, 'f', 2);
    return currency.isEmpty() ? amount : amount + u' ' + currency;
}

} // namespace

DemoStorePanel::DemoStorePanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"demoStorePanel"_s);
    setAccessibleName(tr("Demo Store"));

    // --- the shopper's side: products, quantities, customer
    auto *shop = new QGroupBox(tr("&Place an order"), this);
    m_products = new QTableWidget(0, ProductColumnCount, shop);
    m_products->setObjectName(u"demoProducts"_s);
    m_products->setAccessibleName(tr("Products"));
    m_products->setAccessibleDescription(tr("Set a quantity for each product to order."));
    m_products->setHorizontalHeaderLabels({tr("Product"), tr("SKU"), tr("Price"), tr("Qty")});
    m_products->verticalHeader()->hide();
    m_products->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_products->setSelectionMode(QAbstractItemView::SingleSelection);
    m_products->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Tab leaves the table for the quantity boxes instead of walking its cells.
    m_products->setTabKeyNavigation(false);
    m_products->horizontalHeader()->setSectionResizeMode(ProductNameColumn, QHeaderView::Stretch);
    m_products->horizontalHeader()->setSectionResizeMode(ProductSkuColumn, QHeaderView::ResizeToContents);
    m_products->horizontalHeader()->setSectionResizeMode(ProductPriceColumn, QHeaderView::ResizeToContents);
    m_products->horizontalHeader()->setSectionResizeMode(ProductQtyColumn, QHeaderView::ResizeToContents);

    m_customer = new QComboBox(shop);
    // The long "name (e-mail)" entries must not set the panel's minimum width (the dock would scroll).
    m_customer->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_customer->setMinimumContentsLength(12);
    m_customer->setObjectName(u"demoCustomer"_s);
    m_customer->setAccessibleName(tr("Customer"));
    const QList<DemoCustomer> customers = DemoCustomer::presets();
    for (qsizetype i = 0; i < customers.size(); ++i) {
        const DemoCustomer &c = customers.at(i);
        const bool guest = i == customers.size() - 1;
        m_customer->addItem(guest ? tr("Guest (%1)").arg(c.email) : tr("%1 (%2)").arg(c.displayName(), c.email),
                            int(i));
    }
    m_customer->setToolTip(tr("The sandbox store takes guest checkouts: the order is placed as a guest with "
                              "this person's name, e-mail and address."));
    auto *customerLabel = new QLabel(tr("C&ustomer:"), shop);
    customerLabel->setBuddy(m_customer);

    m_placeOrder = new QPushButton(tr("Place &Order"), shop);
    m_placeOrder->setObjectName(u"demoPlaceOrder"_s);
    m_placeOrder->setAccessibleName(tr("Place Order"));
    m_placeOrder->setToolTip(tr("Checks out the chosen products as the storefront does: cart, flat rate "
                                "shipping, check / money order."));

    auto *note = new QLabel(tr("Configurable products are listed once per size; bundles come with their "
                               "default options."),
                            shop);
    note->setWordWrap(true);
    note->setEnabled(false);

    auto *customerRow = new QHBoxLayout;
    customerRow->addWidget(customerLabel);
    customerRow->addWidget(m_customer, 1);
    customerRow->addWidget(m_placeOrder);
    auto *shopLayout = new QVBoxLayout(shop);
    shopLayout->addWidget(m_products, 1);
    shopLayout->addWidget(note);
    shopLayout->addLayout(customerRow);

    // --- the admin's side: recent orders and what can be done with them
    auto *admin = new QGroupBox(tr("&Recent orders"), this);
    m_orders = new QTreeWidget(admin);
    m_orders->setObjectName(u"demoOrders"_s);
    m_orders->setAccessibleName(tr("Recent orders"));
    m_orders->setRootIsDecorated(false);
    m_orders->setUniformRowHeights(true);
    m_orders->setAllColumnsShowFocus(true);
    m_orders->setHeaderLabels({tr("Order #"), tr("Bill-to Name"), tr("Status"), tr("Grand Total")});
    m_orders->header()->setSectionResizeMode(OrderCustomerColumn, QHeaderView::Stretch);

    m_invoice = new QPushButton(tr("&Invoice"), admin);
    m_invoice->setObjectName(u"demoInvoice"_s);
    m_invoice->setAccessibleName(tr("Invoice"));
    m_invoice->setToolTip(tr("Invoices the selected order (Invoice - Submit Invoice)."));
    m_comment = new QPushButton(tr("Add &Comment…"), admin);
    m_comment->setObjectName(u"demoComment"_s);
    m_comment->setAccessibleName(tr("Add Comment"));
    m_comment->setToolTip(tr("Adds a comment to the selected order's history (Submit Comment)."));
    m_ship = new QPushButton(tr("S&hip"), admin);
    m_ship->setObjectName(u"demoShip"_s);
    m_ship->setAccessibleName(tr("Ship"));
    m_ship->setToolTip(tr("Ships the selected order (Ship - Submit Shipment)."));
    m_refresh = new QPushButton(tr("Re&load"), admin);
    m_refresh->setObjectName(u"demoRefresh"_s);
    m_refresh->setAccessibleName(tr("Reload products and orders"));

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_invoice);
    actions->addWidget(m_comment);
    actions->addWidget(m_ship);
    actions->addStretch(1);
    actions->addWidget(m_refresh);
    auto *adminLayout = new QVBoxLayout(admin);
    adminLayout->addWidget(m_orders, 1);
    adminLayout->addLayout(actions);

    m_message = new QLabel(this);
    m_message->setObjectName(u"demoMessage"_s);
    m_message->setAccessibleName(tr("Demo Store status"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(shop, 3);
    layout->addWidget(admin, 2);
    layout->addWidget(m_message);

    connect(m_placeOrder, &QPushButton::clicked, this, &DemoStorePanel::placeOrder);
    connect(m_invoice, &QPushButton::clicked, this, &DemoStorePanel::invoiceSelected);
    connect(m_comment, &QPushButton::clicked, this, &DemoStorePanel::askForComment);
    connect(m_ship, &QPushButton::clicked, this, &DemoStorePanel::shipSelected);
    connect(m_refresh, &QPushButton::clicked, this, &DemoStorePanel::refresh);
    connect(m_orders, &QTreeWidget::currentItemChanged, this, &DemoStorePanel::updateButtons);
    updateButtons();
}

DemoStorePanel::~DemoStorePanel() = default;

void DemoStorePanel::connectTo(DemoStoreClient *client)
{
    connect(this, &DemoStorePanel::loadProductsRequested, client, &DemoStoreClient::loadProducts,
            Qt::QueuedConnection);
    connect(this, &DemoStorePanel::loadOrdersRequested, client, &DemoStoreClient::loadOrders, Qt::QueuedConnection);
    connect(this, &DemoStorePanel::placeOrderRequested, client, &DemoStoreClient::placeOrder, Qt::QueuedConnection);
    connect(this, &DemoStorePanel::invoiceRequested, client, &DemoStoreClient::invoice, Qt::QueuedConnection);
    connect(this, &DemoStorePanel::commentRequested, client, &DemoStoreClient::addComment, Qt::QueuedConnection);
    connect(this, &DemoStorePanel::shipRequested, client, &DemoStoreClient::ship, Qt::QueuedConnection);
    connect(client, &DemoStoreClient::productsLoaded, this, &DemoStorePanel::setProducts, Qt::QueuedConnection);
    connect(client, &DemoStoreClient::ordersLoaded, this, &DemoStorePanel::setOrders, Qt::QueuedConnection);
    connect(client, &DemoStoreClient::orderPlaced, this, &DemoStorePanel::handleOrderPlaced, Qt::QueuedConnection);
    connect(client, &DemoStoreClient::actionDone, this, &DemoStorePanel::handleActionDone, Qt::QueuedConnection);
    connect(client, &DemoStoreClient::actionFailed, this, &DemoStorePanel::handleActionFailed, Qt::QueuedConnection);
    refresh();
}

QSpinBox *DemoStorePanel::quantityBox(int row) const
{
    return qobject_cast<QSpinBox *>(m_products->cellWidget(row, ProductQtyColumn));
}

QList<DemoOrderLine> DemoStorePanel::chosenLines() const
{
    QList<DemoOrderLine> lines;
    for (int row = 0; row < m_productRows.size(); ++row) {
        if (const QSpinBox *box = quantityBox(row); box && box->value() > 0)
            lines.append(DemoOrderLine{m_productRows.at(row), box->value()});
    }
    return lines;
}

qint64 DemoStorePanel::selectedOrder() const
{
    const QTreeWidgetItem *item = m_orders->currentItem();
    return item ? item->data(OrderIdColumn, EntityIdRole).toLongLong() : 0;
}

void DemoStorePanel::selectOrder(qint64 entityId)
{
    for (int i = 0; i < m_orders->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_orders->topLevelItem(i);
        if (item->data(OrderIdColumn, EntityIdRole).toLongLong() == entityId) {
            m_orders->setCurrentItem(item);
            m_orders->scrollToItem(item);
            return;
        }
    }
}

void DemoStorePanel::refresh()
{
    Q_EMIT loadProductsRequested();
    Q_EMIT loadOrdersRequested();
}

void DemoStorePanel::setProducts(const QList<DemoProduct> &products)
{
    // Keep the quantities already typed for products that are still offered.
    QHash<QString, int> typed;
    for (const DemoOrderLine &line : chosenLines())
        typed.insert(line.product.displaySku, line.qty);
    m_productRows = products;
    m_products->setRowCount(0);
    m_products->setRowCount(int(products.size()));
    for (int row = 0; row < products.size(); ++row) {
        const DemoProduct &p = products.at(row);
        const QString name = p.optionLabel.isEmpty() ? p.name : tr("%1 (size %2)").arg(p.name, p.optionLabel);
        auto *nameItem = new QTableWidgetItem(name);
        nameItem->setToolTip(p.type == u"bundle"_s ? tr("Bundle: ordered with its default options.")
                             : p.type == u"configurable"_s ? tr("Configurable product, size %1.").arg(p.optionLabel)
                                                           : QString());
        m_products->setItem(row, ProductNameColumn, nameItem);
        m_products->setItem(row, ProductSkuColumn, new QTableWidgetItem(p.displaySku));
        auto *price = new QTableWidgetItem(p.priceFromOptions ? tr("by options") : money(p.price));
        price->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_products->setItem(row, ProductPriceColumn, price);
        auto *qty = new QSpinBox;
        qty->setRange(0, MaxQuantity);
        qty->setValue(typed.value(p.displaySku, 0));
        qty->setAccessibleName(tr("Quantity of %1").arg(name));
        qty->setFocusPolicy(Qt::StrongFocus);
        m_products->setCellWidget(row, ProductQtyColumn, qty);
    }
    updateTabOrder();
}

void DemoStorePanel::setOrders(const QList<DemoOrder> &orders)
{
    const qint64 keep = m_selectAfterLoad != 0 ? m_selectAfterLoad : selectedOrder();
    m_selectAfterLoad = 0;
    m_orderRows = orders;
    {
        const QSignalBlocker blocker(m_orders);
        m_orders->clear();
        for (const DemoOrder &o : orders) {
            auto *item = new QTreeWidgetItem(m_orders);
            item->setText(OrderIdColumn, o.incrementId);
            item->setData(OrderIdColumn, EntityIdRole, o.entityId);
            item->setText(OrderCustomerColumn, o.customerName);
            item->setToolTip(OrderCustomerColumn, o.email);
            item->setText(OrderStatusColumn, statusLabel(o.status));
            item->setData(OrderStatusColumn, Qt::UserRole, o.status);
            item->setText(OrderTotalColumn, money(o.grandTotal, o.currency));
            item->setTextAlignment(OrderTotalColumn, Qt::AlignRight | Qt::AlignVCenter);
        }
    }
    if (keep != 0)
        selectOrder(keep);
    if (!m_orders->currentItem() && m_orders->topLevelItemCount() > 0)
        m_orders->setCurrentItem(m_orders->topLevelItem(0));
    updateButtons();
}

void DemoStorePanel::handleOrderPlaced(const QString &incrementId, qint64 entityId)
{
    for (int row = 0; row < m_productRows.size(); ++row) {
        if (QSpinBox *box = quantityBox(row))
            box->setValue(0);
    }
    setBusy(false);
    showMessage(tr("Order %1 placed.").arg(incrementId), false);
    m_selectAfterLoad = entityId;
    Q_EMIT loadOrdersRequested();
    Q_EMIT storeChanged();
}

void DemoStorePanel::handleActionDone(DemoStoreClient::Action action, qint64 entityId, const QString &incrementId)
{
    setBusy(false);
    switch (action) {
    case DemoStoreClient::Action::Invoice:
        showMessage(tr("Order %1 invoiced.").arg(incrementId), false);
        break;
    case DemoStoreClient::Action::Comment:
        showMessage(tr("Comment added to order %1.").arg(incrementId), false);
        break;
    case DemoStoreClient::Action::Ship:
        showMessage(tr("Order %1 shipped.").arg(incrementId), false);
        break;
    case DemoStoreClient::Action::LoadProducts:
    case DemoStoreClient::Action::LoadOrders:
    case DemoStoreClient::Action::PlaceOrder:
        return;
    }
    m_selectAfterLoad = entityId;
    Q_EMIT loadOrdersRequested();
    Q_EMIT storeChanged();
}

void DemoStorePanel::handleActionFailed(DemoStoreClient::Action action, qint64 entityId, const OrderBridge::Error &error)
{
    QString what;
    switch (action) {
    case DemoStoreClient::Action::LoadProducts:
        what = tr("Loading the products failed");
        break;
    case DemoStoreClient::Action::LoadOrders:
        what = tr("Loading the orders failed");
        break;
    case DemoStoreClient::Action::PlaceOrder:
        what = tr("Placing the order failed");
        break;
    case DemoStoreClient::Action::Invoice:
        what = tr("Invoicing order %1 failed").arg(orderLabel(entityId));
        break;
    case DemoStoreClient::Action::Comment:
        what = tr("Adding the comment to order %1 failed").arg(orderLabel(entityId));
        break;
    case DemoStoreClient::Action::Ship:
        what = tr("Shipping order %1 failed").arg(orderLabel(entityId));
        break;
    }
    if (action != DemoStoreClient::Action::LoadProducts && action != DemoStoreClient::Action::LoadOrders)
        setBusy(false);
    showMessage(tr("%1: %2").arg(what, error.toString()), true);
}

void DemoStorePanel::placeOrder()
{
    const QList<DemoOrderLine> lines = chosenLines();
    if (lines.isEmpty()) {
        showMessage(tr("Set a quantity for at least one product, then place the order."), true);
        if (QSpinBox *first = quantityBox(0))
            first->setFocus();
        return;
    }
    const QList<DemoCustomer> customers = DemoCustomer::presets();
    const int index = m_customer->currentData().toInt();
    const DemoCustomer customer = customers.value(index, DemoCustomer::guest());
    setBusy(true, tr("Placing the order…"));
    Q_EMIT placeOrderRequested(lines, customer);
}

void DemoStorePanel::invoiceSelected()
{
    const qint64 id = selectedOrder();
    if (id == 0)
        return;
    setBusy(true, tr("Invoicing order %1…").arg(orderLabel(id)));
    Q_EMIT invoiceRequested(id);
}

void DemoStorePanel::askForComment()
{
    const qint64 id = selectedOrder();
    if (id == 0)
        return;
    if (!m_commentDialog) {
        m_commentDialog = new QInputDialog(this);
        m_commentDialog->setObjectName(u"demoCommentDialog"_s);
        m_commentDialog->setOption(QInputDialog::UsePlainTextEditForTextInput);
        m_commentDialog->setOkButtonText(tr("Submit Comment"));
        connect(m_commentDialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
            const qint64 order = m_commentOrder;
            if (text.trimmed().isEmpty()) {
                showMessage(tr("The comment was empty; nothing was added."), true);
                return;
            }
            setBusy(true, tr("Adding the comment to order %1…").arg(orderLabel(order)));
            Q_EMIT commentRequested(order, text);
        });
    }
    m_commentOrder = id;
    m_commentDialog->setWindowTitle(tr("Add Comment to Order %1").arg(orderLabel(id)));
    m_commentDialog->setLabelText(tr("C&omment:"));
    m_commentDialog->setTextValue(QString());
    m_commentDialog->open();
}

void DemoStorePanel::shipSelected()
{
    const qint64 id = selectedOrder();
    if (id == 0)
        return;
    setBusy(true, tr("Shipping order %1…").arg(orderLabel(id)));
    Q_EMIT shipRequested(id);
}

void DemoStorePanel::setBusy(bool busy, const QString &message)
{
    m_busy = busy;
    if (busy && !message.isEmpty())
        showMessage(message, false);
    updateButtons();
}

void DemoStorePanel::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setProperty("error", error);
    m_message->setStyleSheet(error ? u"color: palette(bright-text); background: #b00020; padding: 4px;"_s
                                   : QString());
    m_message->setAccessibleDescription(text);
}

void DemoStorePanel::updateButtons()
{
    const qint64 id = selectedOrder();
    const DemoOrder *order = nullptr;
    for (const DemoOrder &o : m_orderRows) {
        if (o.entityId == id)
            order = &o;
    }
    m_placeOrder->setEnabled(!m_busy && !m_productRows.isEmpty());
    m_invoice->setEnabled(!m_busy && order && order->canInvoice);
    m_comment->setEnabled(!m_busy && order);
    m_ship->setEnabled(!m_busy && order && order->canShip);
}

void DemoStorePanel::updateTabOrder()
{
    QWidget *previous = m_products;
    for (int row = 0; row < m_productRows.size(); ++row) {
        if (QSpinBox *box = quantityBox(row)) {
            setTabOrder(previous, box);
            previous = box;
        }
    }
    setTabOrder(previous, m_customer);
    setTabOrder(m_customer, m_placeOrder);
    setTabOrder(m_placeOrder, m_orders);
    setTabOrder(m_orders, m_invoice);
    setTabOrder(m_invoice, m_comment);
    setTabOrder(m_comment, m_ship);
    setTabOrder(m_ship, m_refresh);
}

QString DemoStorePanel::orderLabel(qint64 entityId) const
{
    for (const DemoOrder &o : m_orderRows) {
        if (o.entityId == entityId)
            return o.incrementId;
    }
    return QString::number(entityId);
}
